"""The events stage's fatalities against tests/data/fatalities_indonews2025.tsv.

Each row of the sheet names an article of the indonews-2025 scrape by url and one event of it by its
evidence span, with the killed count ACLED would code for that event (`none` when the article states
no deaths for it, 0 when it says no one was killed). The sheet holds no article text: this script
reads the rows from `../shared/corpus/indonews-2025` at run time, writes them to a temporary csv, runs
`pantau analyze` on it (the CLI, as a user would) and finds each row's event again: the event of the
row's article whose evidence or `also_evidence` span overlaps the row's span (the row's event type
first). Printed: exact-match accuracy over every row, and over the rows whose gold gives a number; and
the same "given the event": where the stage emits no event at the row, the count its fatality rules give
an event of the row's type told in the row's sentence (events.fatalities_at), so that the rules are
scored apart from event detection, as ../shared/eval/eval_events.py scores fatalities on matched events.
Each figure for every row and for each drawing (the sheet's `set` column: old, new, new2) and, on a sheet
with a `kind` column (tests/data/fatalities_counts.tsv: conflict, crime, accident, disaster), for each kind.
A row whose event_type is `-` (an accident or a disaster, which ACLED does not code) is read by the rules as a
Violence against civilians event: the count words are the same.

    python scripts/eval_fatalities.py [--sheet tests/data/fatalities_counts.tsv] [--shared ../shared] [--show] [--json]
    python scripts/eval_fatalities.py --training-labels [--show]   # the labelled training sentences with a count
"""
from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import json
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from labelled_sheets import event_at, read_sheet, run_analyze, write_csv  # noqa: E402

sys.path.insert(0, str(ROOT))
from pantau.stages.events import fatalities_at  # noqa: E402

SHEET = ROOT / "tests" / "data" / "fatalities_indonews2025.tsv"


def held_out(url: str) -> bool:
    """An indonews-2025 url of the third kept for the held-out event gold (md5(url) % 3 == 0): its rows
    are scored with the others but never shown for reading."""
    return not url.startswith(INDOSUM) and int(hashlib.md5(url.encode()).hexdigest(), 16) % 3 == 0


def sheet(path: pathlib.Path = SHEET) -> list[dict[str, str]]:
    return read_sheet(path)


def source_rows(shared: pathlib.Path, urls: set[str]) -> tuple[list[str], list[dict[str, str]]]:
    """The scrape's row of each url: from the day file conflict_index.tsv names for it, else the first
    day file that holds it (files in name order), as the sheet was drawn."""
    csv.field_size_limit(1 << 30)
    base = shared / "corpus" / "indonews-2025"
    named = {r["url"]: r["file"] for r in csv.DictReader(open(base / "conflict_index.tsv", encoding="utf-8"),
                                                          delimiter="\t")}
    found: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for f in sorted(glob.glob(str(base / "scrapping_news_*.csv"))):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            rd = csv.DictReader(fh)
            header = list(rd.fieldnames or [])
            for r in rd:
                u = r["url"]
                if u in urls and u not in found and named.get(u, pathlib.Path(f).name) == pathlib.Path(f).name:
                    found[u] = r
    return header, [found[u] for u in sorted(found)]


INDOSUM = "indosum:"  # a row's url that names an IndoSum article by its id


def indosum_id(rec: dict) -> str:
    """The IndoSum id of a record analysed from IndoSum's jsonl (the record keeps the input's `id`)."""
    return str(rec.get("id"))


def indosum_lines(shared: pathlib.Path, ids: set[str]) -> list[str]:
    """IndoSum's jsonl line of each id (dev.01-03 share articles: the first file that holds it)."""
    found: dict[str, str] = {}
    for f in sorted(glob.glob(str(shared / "corpus" / "indosum" / "dev.0*.jsonl"))):
        for line in open(f, encoding="utf-8"):
            i = json.loads(line)["id"]
            if i in ids and i not in found:
                found[i] = line if line.endswith("\n") else line + "\n"
    return [found[i] for i in sorted(found)]


def scrape_urls(shared: pathlib.Path) -> set[str]:
    """Every url of the indonews-2025 scrape."""
    csv.field_size_limit(1 << 30)
    out: set[str] = set()
    for f in sorted(glob.glob(str(shared / "corpus" / "indonews-2025" / "scrapping_news_*.csv"))):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            out.update(r["url"] for r in csv.DictReader(fh))
    return out


def analyse(shared: pathlib.Path, urls: set[str]) -> dict[str, dict]:
    news = {u for u in urls if not u.startswith(INDOSUM)}
    ids = {u[len(INDOSUM):] for u in urls if u.startswith(INDOSUM)}
    got: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if news:
            header, rows = source_rows(shared, news)
            src = pathlib.Path(tmp) / "rows.csv"
            write_csv(src, header, rows)
            got.update({r["source"]["url"]: r for r in run_analyze(src, pathlib.Path(tmp) / "news.jsonl")})
        if ids:
            src = pathlib.Path(tmp) / "indosum.jsonl"
            src.write_text("".join(indosum_lines(shared, ids)), encoding="utf-8")
            got.update({INDOSUM + indosum_id(r): r for r in run_analyze(src, pathlib.Path(tmp) / "indosum.out.jsonl")})
    return got


def event_of(rec: dict | None, row: dict[str, str]) -> dict | None:
    """The row's event: evidence overlapping its span, of its type first (another type counts too)."""
    return event_at(rec, int(row["ev_start"]), int(row["ev_end"]), row["event_type"], other_types=True)


NO_TYPE = "Violence against civilians"  # how the rules read a row of no ACLED type (event_type "-")


def score(shared: pathlib.Path, path: pathlib.Path = SHEET) -> dict:
    rows = sheet(path)
    recs = analyse(shared, {r["url"] for r in rows})
    out = []
    for r in rows:
        ev = event_of(recs.get(r["url"]), r)
        pred = "none" if ev is None or ev.get("fatalities") is None else str(ev["fatalities"])
        given = pred
        if ev is None and recs.get(r["url"]) is not None:
            etype = NO_TYPE if r["event_type"] == "-" else r["event_type"]
            g = fatalities_at(recs[r["url"]], int(r["ev_start"]), etype)
            given = "none" if g is None else str(g)
        out.append({"row": r, "found": ev is not None, "pred": pred, "ok": pred == r["gold"],
                     "given": given, "ok_given": given == r["gold"]})
    res = {"rows": out, **_figures(out), "parts": groups(rows)}
    for part in res["parts"]:
        res[part] = _figures([o for o in out if part in (o["row"].get("set", "old"), o["row"].get("kind"))])
    return res


def groups(rows: list[dict[str, str]]) -> list[str]:
    """The sheet's drawings (`set`) and kinds (`kind`) in the order they first appear."""
    out: list[str] = []
    for col in ("set", "kind"):
        for r in rows:
            v = r.get(col, "old" if col == "set" else None)
            if v and v not in out:
                out.append(v)
    return out


def _figures(out: list[dict]) -> dict:
    numbered = [o for o in out if o["row"]["gold"] != "none"]
    return {"n": len(out), "found": sum(o["found"] for o in out),
            "exact": sum(o["ok"] for o in out) / len(out) if out else 0.0,
            "n_number": len(numbered),
            "exact_number": sum(o["ok"] for o in numbered) / len(numbered) if numbered else 0.0,
            "given": sum(o["ok_given"] for o in out) / len(out) if out else 0.0,
            "given_number": sum(o["ok_given"] for o in numbered) / len(numbered) if numbered else 0.0,
            "was": sum(o["row"].get("stage") == o["row"]["gold"] for o in out) / len(out) if out else 0.0}


def training_labels() -> dict:
    """The killed count, given the event, on the labelled training sentences that give one
    (training/events/labels.*.tsv, fatalities column): events.fatalities_at on each row's sentence of
    the article analysed as scripts/event_training.py analyses it (a row of no violent type is read as
    Violence against civilians)."""
    from event_training import analysed_articles
    from pantau.stages.events import VIOLENT
    rows: dict[str, list[dict[str, str]]] = {}
    for path in sorted((ROOT / "training" / "events").glob("labels.shard*.tsv")):
        for r in read_sheet(path):
            if (r.get("fatalities") or "").strip():
                rows.setdefault(r["doc_id"], []).append(r)
    out = []
    for art, rec, spans in analysed_articles(only=set(rows)):
        for r in rows[art["id"]]:
            span = spans[int(r["sent"])]
            if span is None:
                continue
            etype = r["event_type"] if r["event_type"] in VIOLENT else NO_TYPE
            got = fatalities_at(rec, span[0], etype)
            out.append({"row": r, "given": "none" if got is None else str(got)})
    ok = sum(o["given"] == o["row"]["fatalities"].strip() for o in out)
    return {"n": len(out), "given": ok / len(out) if out else 0.0, "rows": out}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sheet", default=str(SHEET), help="the sheet to score (default: %(default)s)")
    ap.add_argument("--show", action="store_true", help="print every row that is wrong")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--training-labels", action="store_true",
                    help="score the labelled training sentences that give a count instead of a sheet")
    args = ap.parse_args(argv)
    if args.training_labels:
        lab = training_labels()
        if args.show:
            for o in lab["rows"]:
                if o["given"] != o["row"]["fatalities"].strip():
                    print(f"  gold={o['row']['fatalities']:>5} given={o['given']:>5} {o['row']['doc_id']} s{o['row']['sent']}")
        print(json.dumps({"n": lab["n"], "given": lab["given"]}) if args.json else
              f"training labels with a count: n={lab['n']}, given the event exact {lab['given']:.3f}")
        return 0
    res = score(pathlib.Path(args.shared), pathlib.Path(args.sheet))
    if args.show:
        held = 0
        for o in res["rows"]:
            if not (o["ok"] and o["ok_given"]):
                r = o["row"]
                if held_out(r["url"]):
                    held += 1
                    continue
                print(f"  {r.get('set', 'old')} gold={r['gold']:>5} pred={o['pred']:>5} given={o['given']:>5} "
                      f"found={o['found']} {r['url'][-70:]} "
                      f"[{r['ev_start']},{r['ev_end']}] {r.get('kind', '')} {r['note'][:90]}")
        if held:
            print(f"  ({held} wrong rows of the held-out third of indonews-2025 not shown)")
    keys = ("n", "found", "exact", "n_number", "exact_number", "given", "given_number", "was")
    figures = {k: res[k] for k in keys}
    figures.update({part: {k: res[part][k] for k in keys} for part in res["parts"]})
    if args.json:
        print(json.dumps(figures))
    else:
        for name, f in [("all rows", res)] + [(f"{part} rows", res[part]) for part in res["parts"]]:
            print(f"{name}: fatalities exact {f['exact']:.3f} (n={f['n']}, found {f['found']}); "
                  f"on rows whose gold gives a number: {f['exact_number']:.3f} (n={f['n_number']}); "
                  f"given the event {f['given']:.3f} / {f['given_number']:.3f}"
                  + (f"; sheet's stage column: {f['was']:.3f}" if "stage" in res["rows"][0]["row"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
