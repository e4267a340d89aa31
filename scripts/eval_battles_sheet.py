"""The events stage on tests/data/events_battles_vac_indosum.tsv: Battles and Violence against civilians
events and their look-alikes, sentence by sentence, in IndoSum articles that neither train nor measure.

Each article is analysed as training/events articles are (scripts/event_training.py `analyse`). A row
labelled `event` is found when the stage yields an event of its type whose evidence stands in the row's
sentence; a row of any other label is a false alarm when the stage yields a Battles or Violence against
civilians event there (an event of another type there is counted apart, as `other-type alarms`).

    python scripts/eval_battles_sheet.py [--show]
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, labelled_sheets, beside this script
SHEET = ROOT / "tests" / "data" / "events_battles_vac_indosum.tsv"
INDOSUM = ROOT.parent / "shared" / "corpus" / "indosum"
TYPES = ("Battles", "Violence against civilians")


def indosum_articles(ids: set[str]) -> dict[str, dict]:
    """id -> {"id", "url", "sentences"} for the IndoSum articles of `ids` (dev folds; detokenised as
    training/events is)."""
    from pantau.ingest.detok import detokenize

    out: dict[str, dict] = {}
    for f in sorted(INDOSUM.glob("dev.*.jsonl")):
        for line in open(f, encoding="utf-8"):
            a = json.loads(line)
            if a["id"] in ids and a["id"] not in out:
                out[a["id"]] = {"id": a["id"], "url": a.get("source_url"),
                                "sentences": [detokenize(s) for p in a["paragraphs"] for s in p]}
    return out


def score(rows: list[dict[str, str]]) -> dict:
    """Per type: found / labelled events, false alarms on the other rows; the rows behind each count."""
    from event_training import analyse

    arts = indosum_articles({r["doc_id"] for r in rows})
    records = {i: analyse(a) for i, a in arts.items()}
    found, events, alarms, other_alarms = collections.Counter(), collections.Counter(), collections.Counter(), 0
    misses, false_alarms = [], []
    for r in rows:
        rec, spans = records[r["doc_id"]]
        span = spans[int(r["sent"])]
        assert r["evidence"] in arts[r["doc_id"]]["sentences"][int(r["sent"])], r
        there = [ev for ev in rec.get("events") or []
                 if span and any(sp and span[0] <= sp[0] < span[1]
                                 for sp in [ev["evidence"]["span"]] + [x.get("span") for x in ev.get("also_evidence") or []])]
        if r["label"] == "event":
            events[r["event_type"]] += 1
            if any(ev["event_type"] == r["event_type"] for ev in there):
                found[r["event_type"]] += 1
            else:
                misses.append((r, [ev["event_type"] for ev in there]))
            continue
        for ev in there:
            if ev["event_type"] in TYPES:
                alarms[ev["event_type"]] += 1
                false_alarms.append((r, ev["event_type"], ev["trigger"]["text"]))
            else:
                other_alarms += 1
    return {"found": found, "events": events, "alarms": alarms, "other_alarms": other_alarms,
            "rows": len(rows), "negatives": sum(r["label"] != "event" for r in rows),
            "misses": misses, "false_alarms": false_alarms}


def main() -> None:
    from labelled_sheets import read_sheet

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sheet", type=pathlib.Path, default=SHEET)
    ap.add_argument("--show", action="store_true", help="list the misses and the false alarms")
    args = ap.parse_args()
    res = score(read_sheet(args.sheet))
    print(f"{res['rows']} rows, {res['negatives']} look-alikes\n")
    print("| type | found | events | false alarms |\n|---|---|---|---|")
    for t in TYPES:
        print(f"| {t} | {res['found'][t]} | {res['events'][t]} | {res['alarms'][t]} |")
    print(f"\nother-type alarms on the look-alikes: {res['other_alarms']}")
    if args.show:
        for r, got in res["misses"]:
            print("miss", r["doc_id"], r["sent"], r["event_type"], "got", got, "|", r["evidence"])
        for r, t, trig in res["false_alarms"]:
            print("alarm", r["doc_id"], r["sent"], r["label"], t, f"({trig})", "|", r["evidence"])


if __name__ == "__main__":
    main()
