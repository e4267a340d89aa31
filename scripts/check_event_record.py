#!/usr/bin/env python
"""Check the event record users consume on a database of events-dev (publication day given) plus the seeds.

Builds one SQLite database with `pantau analyze` over the 50 events-dev articles (each as a JSONL record
whose `published` is the last day of its gold `day_range`, as `eval_events.py --published` feeds them) and
the five seed articles (bare text), exports it with `pantau export --format acled-csv`, and checks:

- no event is dated after its article's publication day;
- no `admin1` in the export is a code ("09", "GZ", "ENG");
- every "Violence against civilians" row has `civilian_targeting`;
- `source` names only publications: every part is an outlet of the catalogue or the article's own outlet,
  not a party to the event;
- `timestamp` is when the event was stored, not the export time (all rows share the analysis run's clock).

Reads ../shared only to build the input (the gold day ranges); nothing here is tuned on it.

    .venv/bin/python scripts/check_event_record.py [--shared ../shared] [--keep DIR]

Exit status 1 when a check fails; each failure is printed with the row that breaks it.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
CODE = re.compile(r"^(?:[0-9]{1,3}|[A-Z]{1,3}[0-9]?)$")


def build_inputs(shared: pathlib.Path, folder: pathlib.Path) -> list[str]:
    dev = shared / "gold" / "events-dev"
    gold = json.loads((dev / "gold.json").read_text(encoding="utf-8"))
    docs = gold.get("docs", gold) if isinstance(gold, dict) else gold
    published = {}
    for gd in docs:
        rng = (gd.get("published") or {}).get("day_range") or []
        if rng:
            published[gd["doc"]] = str(rng[-1])
    records = []
    for path in sorted((dev / "articles").glob("*.txt")):
        rec = {"id": "dev-" + path.stem, "text": path.read_text(encoding="utf-8")}
        if path.name in published:
            rec["published"] = published[path.name]
        records.append(rec)
    src = folder / "events-dev.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    seeds = sorted(str(p) for p in (shared / "corpus" / "seeds").glob("*.txt"))
    return [str(src), *seeds]


def run(cmd: list[str]) -> None:
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"check_event_record: {' '.join(cmd[:4])} failed:\n{res.stderr[-2000:]}")


def check(out_jsonl: pathlib.Path, acled_csv: pathlib.Path, started: float) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from pantau.nlp import outlets

    failures: list[str] = []
    articles = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    n_events = 0
    own_outlets = set()
    for art in articles:
        pub = art.get("published") or {}
        own_outlets.add((art.get("outlet") or {}).get("name") if isinstance(art.get("outlet"), dict)
                        else art.get("outlet"))
        last = pub.get("latest") or pub.get("date")
        for ev in art.get("events") or []:
            n_events += 1
            earliest = (ev.get("date") or {}).get("earliest") or (ev.get("date") or {}).get("value")
            if last and earliest and str(earliest)[:10] > str(last)[:10]:
                failures.append(f"dated after its article: {art.get('id')} event {earliest} > published {last}")
    with open(acled_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    own = {str(o).lower() for o in own_outlets if o}
    for r in rows:
        key = f"{r.get('event_id_cnty')} {r.get('event_date')} {r.get('event_type')} {r.get('location')}"
        if r.get("admin1") and CODE.match(r["admin1"]):
            failures.append(f"admin1 is a code: {key}: {r['admin1']!r}")
        if r.get("event_type") == "Violence against civilians" and not r.get("civilian_targeting"):
            failures.append(f"no civilian_targeting: {key}")
        for part in filter(None, (p.strip() for p in (r.get("source") or "").split(";"))):
            if outlets.lookup(part) is None and part.lower() not in own:
                failures.append(f"source is not a publication: {key}: {part!r}")
        stamp = int(r.get("timestamp") or 0)
        if not started - 5 <= stamp <= time.time():
            failures.append(f"timestamp not the storing time: {key}: {stamp}")
    print(f"articles {len(articles)}, events {n_events}, acled-csv rows {len(rows)}, "
          f"VAC rows {sum(r.get('event_type') == 'Violence against civilians' for r in rows)}, "
          f"rows with admin1 {sum(bool(r.get('admin1')) for r in rows)}, "
          f"rows with a source {sum(bool(r.get('source')) for r in rows)}")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--keep", help="folder to keep the database, records and export in")
    args = ap.parse_args()
    folder = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="pantau-record-"))
    folder.mkdir(parents=True, exist_ok=True)
    pantau = [sys.executable, "-m", "pantau.cli"]
    inputs = build_inputs(pathlib.Path(args.shared), folder)
    db, out, acled = folder / "record.db", folder / "records.jsonl", folder / "events.csv"
    for p in (db, out, acled):
        p.unlink(missing_ok=True)
    started = time.time()
    run(pantau + ["analyze", *inputs, "--db", str(db), "--out", str(out)])
    run(pantau + ["export", "--format", "acled-csv", "--db", str(db), "--out", str(acled)])
    failures = check(out, acled, started)
    for f in failures:
        print("FAIL", f)
    print("event record checks:", "all hold" if not failures else f"{len(failures)} failures",
          f"({dt.datetime.now().isoformat(timespec='seconds')})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
