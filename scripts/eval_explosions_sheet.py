"""The events stage on Explosions/Remote violence sentences and their look-alikes: IndoSum sentences
(tests/data/events_explosions_indosum.tsv) and indonews-2025 conflict rows of the two labelled thirds
(tests/data/events_explosions_indonews2025.tsv, url + offsets, no text).

IndoSum articles are analysed whole as training/events articles are (scripts/event_training.py
`analyse`); indonews articles as `pantau analyze` reads the scrape (scripts/eval_places_indonews.py
`analyse`). A row labelled `event` is a hit when the stage yields an Explosions/Remote violence event
whose evidence (or also_evidence) stands in the row's sentence, and a miss otherwise; the miss is given
its cause: typed otherwise (an event of another type there), statement (the stage keeps it apart as
a plan, history or running total), merged (held only as also_evidence of an event the sheet says is
another), or, with nothing there: no trigger (no trigger row of the type matches the sentence), vetoed
(a sentence veto holds), dropped (a trigger matched and a rule let it go: a weak word with no place and
day of its own, the detector's guard). A row of any other label is a
false alarm when the stage yields an Explosions/Remote violence event there. Prints hits, misses and
false alarms per sheet and sub-event type, precision and recall over rows; `--show` lists every row
the stage gets wrong.

    python scripts/eval_explosions_sheet.py [--show]
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, labelled_sheets, beside this script
INDOSUM_SHEET = ROOT / "tests" / "data" / "events_explosions_indosum.tsv"
INDONEWS_SHEET = ROOT / "tests" / "data" / "events_explosions_indonews2025.tsv"
TYPE = "Explosions/Remote violence"


def _there(rec: dict, start: int, end: int, key: str = "events") -> list[dict]:
    """The record's events (or statements) whose evidence or also_evidence overlaps text[start:end]."""
    out = []
    for ev in rec.get(key) or []:
        spans = [ev["evidence"]["span"]] + [x.get("span") for x in ev.get("also_evidence") or []]
        if any(sp and sp[0] < end and start < sp[1] for sp in spans):
            out.append(ev)
    return out


def _why_none(text: str, start: int, end: int) -> str:
    """Why a sentence gave nothing: no trigger of the type matches it; a sentence veto holds; or a trigger
    matched and a rule dropped it (a weak word with no place and day, a modality cue, a context rule)."""
    from pantau.stages import events

    if not any(t["event_type"] == TYPE and t["re"].search(text, start, end) for t in events.triggers()):
        return "no trigger"
    veto = events.vetoes()
    if veto is not None and veto.search(text, start, end) and events._vetoed(text, start, end):
        return "vetoed"
    return "dropped"


def judge(rec: dict, start: int, end: int, label: str, others: list[tuple[int, int]] = ()) -> tuple[str, str]:
    """(outcome, what the stage has there): hit / miss / false_alarm / quiet. `others`: the spans of the
    article's rows that tell another event; an event whose own evidence is one of them and that holds
    this row only as also_evidence merged this row's event into another."""
    evs = _there(rec, start, end)
    mine = [ev for ev in evs if ev["event_type"] == TYPE]
    if label == "event" and mine and all(
            any(a < ev["evidence"]["span"][1] and ev["evidence"]["span"][0] < b for a, b in others)
            and not (ev["evidence"]["span"][0] < end and start < ev["evidence"]["span"][1]) for ev in mine):
        return "miss:merged", ", ".join(f"{ev['trigger']['text']} @{ev['evidence']['span'][0]}" for ev in mine)
    got = ", ".join(f"{ev['event_type']}/{ev['sub_event_type']} ({ev['trigger']['text']})" for ev in evs)
    if label == "event":
        if mine:
            return "hit", got
        if evs:
            return "miss:typed otherwise", got
        st = _there(rec, start, end, "statements")
        if st:
            return "miss:statement", ", ".join(f"{s['event_type']} {s.get('kind') or s['modality']} ({s['trigger']['text']})"
                                               for s in st)
        return f"miss:{_why_none(rec['text'], start, end)}", ""
    return ("false_alarm" if mine else "quiet"), got


def score_indosum(rows: list[dict[str, str]]) -> list[tuple[dict, str, str]]:
    from eval_battles_sheet import indosum_articles
    from event_training import analyse

    arts = indosum_articles({r["doc_id"] for r in rows})
    records = {i: analyse(a) for i, a in arts.items()}
    out = []
    for r in rows:
        rec, spans = records[r["doc_id"]]
        assert r["evidence"] in arts[r["doc_id"]]["sentences"][int(r["sent"])], r
        span = spans[int(r["sent"])]
        others = [spans[int(o["sent"])] for o in rows if o["doc_id"] == r["doc_id"] and o["label"] == "event"
                  and o["event_id"] != r["event_id"] and spans[int(o["sent"])]]
        out.append((r, *judge(rec, *span, r["label"], others)) if span
                   else (r, "miss:cleaned away" if r["label"] == "event" else "quiet", ""))
    return out


def score_indonews(rows: list[dict[str, str]]) -> list[tuple[dict, str, str]]:
    from eval_event_precision import labelled_url
    from eval_places_indonews import analyse

    assert all(labelled_url(r["url"]) for r in rows), "a row of the held-out third"
    records = analyse({r["url"] for r in rows})
    out = []
    for r in rows:
        rec = records[r["url"]]
        s, e = int(r["start"]), int(r["end"])
        assert hashlib.md5(rec["text"][s:e].encode()).hexdigest()[:8] == r["evidence_md5"], r
        others = [(int(o["start"]), int(o["end"])) for o in rows if o["url"] == r["url"] and o["label"] == "event"
                  and o["event_id"] != r["event_id"]]
        out.append((r, *judge(rec, s, e, r["label"], others)))
    return out


def table(name: str, results: list[tuple[dict, str, str]]) -> None:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r, outcome, _ in results:
        key = r["sub_event_type"] if r["label"] == "event" else "look-alikes"
        counts[key][outcome.split(":")[0]] += 1
        counts["all"][outcome.split(":")[0]] += 1
        if outcome.startswith("miss"):
            counts["all"][outcome] += 1
    print(f"\n{name}: {len(results)} rows\n")
    print("| sub-event type | event rows | hits | misses | look-alike rows | false alarms | P | R |\n|---|---|---|---|---|---|---|---|")
    for k in sorted(x for x in counts if x != "all") + ["all"]:
        c = counts[k]
        p = c["hit"] / (c["hit"] + c["false_alarm"]) if c["hit"] + c["false_alarm"] else 0.0
        rr = c["hit"] / (c["hit"] + c["miss"]) if c["hit"] + c["miss"] else 0.0
        print(f"| {k} | {c['hit'] + c['miss']} | {c['hit']} | {c['miss']} | {c['false_alarm'] + c['quiet']} | "
              f"{c['false_alarm']} | {p:.3f} | {rr:.3f} |")
    causes = {k.split(":")[1]: v for k, v in counts["all"].items() if k.startswith("miss:")}
    print("misses by cause:", dict(sorted(causes.items())) or "-")


def main() -> None:
    from labelled_sheets import read_sheet

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list the misses and the false alarms")
    args = ap.parse_args()
    results = {"IndoSum": score_indosum(read_sheet(INDOSUM_SHEET)),
               "indonews-2025": score_indonews(read_sheet(INDONEWS_SHEET))}
    for name, res in results.items():
        table(name, res)
    table("both", [x for res in results.values() for x in res])
    if args.show:
        for name, res in results.items():
            for r, outcome, got in res:
                if outcome in ("hit", "quiet"):
                    continue
                where = f"{r['doc_id'][:40]}#{r['sent']}" if "doc_id" in r else f"{r['url'][-60:]}@{r['start']}"
                print(f"{outcome:22} {r['label']:12} {where} | {got} | {r.get('evidence', r.get('note'))[:150]}")


if __name__ == "__main__":
    main()
