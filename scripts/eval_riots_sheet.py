"""The events stage on tests/data/events_riots_indosum.tsv: riots (violent demonstrations, mob violence) and
their look-alikes, in IndoSum sentences and indonews-2025 rows that neither train nor measure.

IndoSum articles are analysed as scripts/eval_strategic_protests.py analyses them (the article whole, its
sentences one a line, published the day its id names); indonews rows with `pantau analyze` on the scrape's
rows, as scripts/eval_fatalities.py does. A row labelled `event` is a hit when the stage yields a Riots event
whose evidence starts in the row's sentence (IndoSum) or overlaps its span (indonews), a miss otherwise; any
other row is a false alarm when the stage yields a Riots event there. Prints hits, misses and false alarms,
precision and recall over rows and the riots (event_id) found in at least one of their rows; `--show` lists
every row the stage gets wrong (an indonews row by its offsets: the sheet keeps no text of it).

    python scripts/eval_riots_sheet.py [--show] [--json]
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, labelled_sheets and the sheet scripts beside this one
SHEET = ROOT / "tests" / "data" / "events_riots_indosum.tsv"
SHARED = ROOT.parent / "shared"
TYPE = "Riots"


def _indosum_events(rows: list[dict[str, str]]) -> dict[int, dict | None]:
    """Row index -> the stage's event in that IndoSum row's sentence (Riots first), or None."""
    from eval_strategic_protests import analysed, articles
    from event_training import event_in_sentence

    arts = articles({r["doc"] for r in rows})
    out: dict[int, dict | None] = {}
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    for doc, doc_rows in by_doc.items():
        rec, spans = analysed(arts[doc])
        for r in doc_rows:
            out[r["_i"]] = event_in_sentence(rec, spans[int(r["sent"])], TYPE)
    return out


def _indonews_events(rows: list[dict[str, str]]) -> dict[int, dict | None]:
    """Row index -> the stage's event overlapping that indonews row's span (Riots first), or None."""
    from eval_fatalities import held_out, source_rows
    from labelled_sheets import event_at, run_analyze, write_csv

    urls = {r["doc"] for r in rows}
    if any(held_out(u) for u in urls):
        raise SystemExit("the sheet names an article of the held-out third (md5(url) % 3 == 0)")
    with tempfile.TemporaryDirectory() as tmp:
        header, src_rows = source_rows(SHARED, urls)
        src = write_csv(pathlib.Path(tmp) / "rows.csv", header, src_rows)
        recs = {r["source"]["url"]: r for r in run_analyze(src, pathlib.Path(tmp) / "out.jsonl")}
    return {r["_i"]: event_at(recs.get(r["doc"]), int(r["start"]), int(r["end"]), TYPE, other_types=True)
            for r in rows}


def score(rows: list[dict[str, str]]) -> dict:
    """Counter(hit, miss, false_alarm, quiet) over rows, riots found / riots, and the rows the stage gets wrong."""
    for i, r in enumerate(rows):
        r["_i"] = i
    found = _indosum_events([r for r in rows if r["set"] == "indosum"])
    found.update(_indonews_events([r for r in rows if r["set"] == "indonews"]))
    counts: collections.Counter = collections.Counter()
    riots: dict[str, bool] = {}
    wrong = []
    for r in rows:
        ev = found.get(r["_i"])
        got = ev is not None and ev["event_type"] == TYPE
        if r["label"] == "event":
            counts["hit" if got else "miss"] += 1
            riots[r["event_id"]] = riots.get(r["event_id"], False) or got
        else:
            counts["false_alarm" if got else "quiet"] += 1
        if got != (r["label"] == "event"):
            where = r["sent"] if r["set"] == "indosum" else f"{r['start']}-{r['end']}"
            wrong.append({"label": r["label"], "doc": r["doc"][-60:], "at": where, "evidence": r["evidence"][:100],
                          "stage": f"{ev['event_type']} / {ev['sub_event_type']}" if ev else None})
    return {"counts": counts, "riots_found": sum(riots.values()), "riots": len(riots), "wrong": wrong}


def main() -> None:
    from labelled_sheets import read_sheet

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sheet", default=str(SHEET))
    ap.add_argument("--show", action="store_true", help="list every row the stage gets wrong")
    ap.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = ap.parse_args()
    rows = read_sheet(pathlib.Path(args.sheet))
    res = score(rows)
    c = res["counts"]
    p = c["hit"] / (c["hit"] + c["false_alarm"]) if c["hit"] + c["false_alarm"] else 0.0
    r = c["hit"] / (c["hit"] + c["miss"]) if c["hit"] + c["miss"] else 0.0
    if args.json:
        print(json.dumps({**dict(c), "precision": round(p, 3), "recall": round(r, 3),
                          "riots_found": res["riots_found"], "riots": res["riots"]}))
        return
    print(f"{len(rows)} rows, {len({x['doc'] for x in rows})} articles\n")
    print("| event rows | hits | misses | look-alike rows | false alarms | P | R | riots found |\n|---|---|---|---|---|---|---|---|")
    print(f"| {c['hit'] + c['miss']} | {c['hit']} | {c['miss']} | {c['false_alarm'] + c['quiet']} | {c['false_alarm']} | "
          f"{p:.3f} | {r:.3f} | {res['riots_found']} / {res['riots']} |")
    if args.show:
        print("\nwrong (label, doc, sentence or span, evidence, stage's event there):")
        for w in res["wrong"]:
            print("  ", w["label"], w["doc"], w["at"], w["evidence"], w["stage"], sep=" | ")


if __name__ == "__main__":
    main()
