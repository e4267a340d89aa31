"""What the scripts that score hand-labelled sheets share (eval_fatalities.py, eval_places_indonews.py,
draw_fatalities_rows.py): reading a sheet, running `pantau analyze` as a user would, and finding a row's
event again in a record by its evidence span. Each sheet's rows and how they were drawn are the sheet's
own (its header says)."""
from __future__ import annotations

import csv
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def read_sheet(path: pathlib.Path) -> list[dict[str, str]]:
    """The rows of a tab-separated sheet whose comment lines start with '#'."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_csv(path: pathlib.Path, header: list[str], rows: list[dict[str, str]]) -> pathlib.Path:
    """Rows of the scrape written back as a csv `pantau analyze` reads (same columns, same order)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    return path


def run_analyze(src: pathlib.Path, out: pathlib.Path) -> list[dict]:
    """`pantau analyze SRC --out OUT --db none` (the CLI of this checkout's environment); its records."""
    exe = pathlib.Path(sys.executable).with_name("pantau")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pantau.cli"]
    subprocess.run(cmd + ["analyze", str(src), "--out", str(out), "--db", "none", "--quiet"], check=True, cwd=ROOT)
    return [json.loads(line) for line in open(out, encoding="utf-8")]


def event_at(rec: dict | None, start: int, end: int, event_type: str, other_types: bool = False) -> dict | None:
    """The record's event whose evidence (or also_evidence) overlaps text[start:end]: of event_type, or with
    other_types any type, the labelled type first and then the one whose evidence is exactly that span."""
    def spans(ev):
        return [(ev.get("evidence") or {}).get("span")] + [x.get("span") for x in ev.get("also_evidence") or []]

    hits = [ev for ev in (rec or {}).get("events") or []
            if (other_types or ev.get("event_type") == event_type)
            and any(sp and sp[0] < end and start < sp[1] for sp in spans(ev))]
    hits.sort(key=lambda ev: (ev.get("event_type") != event_type, spans(ev)[0] != [start, end]))
    return hits[0] if hits else None
