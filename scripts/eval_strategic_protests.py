"""The events stage on hand-labelled IndoSum sentences of Strategic developments and Protests, with the
look-alike sentences that must give no such event (tests/data/events_strategic_protests_indosum.tsv).

A development check: each article of the sheet is analysed whole (as scripts/event_training.py analyses
the training articles) and each row's sentence is asked for an event of the row's type. An `event` row is
a hit when the stage gives one there, a miss otherwise; any other row is a false alarm when the stage gives
an event of that type there. Prints per type hits / misses / false alarms, precision and recall over rows;
`--show` lists every row the stage gets wrong.

    python scripts/eval_strategic_protests.py [--show]
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
SHEET = ROOT / "tests" / "data" / "events_strategic_protests_indosum.tsv"
INDOSUM = ROOT.parent / "shared" / "corpus" / "indosum"
WIB = dt.timezone(dt.timedelta(hours=7))


def articles(ids: set[str]) -> dict[str, dict]:
    """IndoSum articles by id (the first copy: the dev folds share some)."""
    out: dict[str, dict] = {}
    for f in sorted(INDOSUM.glob("dev.*.jsonl")):
        for line in open(f, encoding="utf-8"):
            a = json.loads(line)
            if a["id"] in ids and a["id"] not in out:
                out[a["id"]] = a
    return out


def analysed(art: dict) -> tuple[dict, list[tuple[int, int] | None]]:
    """The pipeline's record of an IndoSum article (body = its sentences one a line, published the day its
    id's timestamp names, as scripts/event_training.py does) and each sentence's span in the record's text."""
    from pantau import pipeline
    from pantau.ingest.detok import detokenize

    sents = [detokenize(s) for p in art["paragraphs"] for s in p]
    published = dt.datetime.fromtimestamp(int(art["id"].split("-")[0]), WIB).date().isoformat()
    raw = {"kind": "doc", "source": {"path": art["id"], "record": None, "url": art.get("source_url"), "format": "json"},
           "input_id": art["id"], "title": None, "body": "\n".join(sents), "url": art.get("source_url"),
           "outlet": None, "author": None, "published": published, "meta": {}}
    rec = pipeline.analyze(raw)
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for sent in sents:
        s = rec["text"].find(sent, cursor)
        spans.append((s, s + len(sent)) if s >= 0 else None)
        if s >= 0:
            cursor = s + len(sent)
    return rec, spans


def score(rows: list[dict[str, str]]) -> tuple[dict[str, collections.Counter], list[tuple]]:
    """Per type Counter(hit, miss, false_alarm, quiet) and the rows the stage gets wrong."""
    from event_training import event_in_sentence

    arts = articles({r["doc_id"] for r in rows})
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        by_doc[r["doc_id"]].append(r)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    wrong = []
    for doc, doc_rows in by_doc.items():
        rec, spans = analysed(arts[doc])
        for r in doc_rows:
            ev = event_in_sentence(rec, spans[int(r["sent"])], r["event_type"])
            got = ev is not None and ev["event_type"] == r["event_type"]
            if r["label"] == "event":
                counts[r["event_type"]]["hit" if got else "miss"] += 1
            else:
                counts[r["event_type"]]["false_alarm" if got else "quiet"] += 1
            if got != (r["label"] == "event"):
                wrong.append((r["label"], r["event_type"], doc[:50], r["sent"], r["evidence"][:110],
                              ev["event_type"] if ev else None))
    return counts, wrong


def main() -> None:
    from labelled_sheets import read_sheet

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    rows = read_sheet(SHEET)
    counts, wrong = score(rows)
    print(f"{len(rows)} rows, {len({r['doc_id'] for r in rows})} articles\n")
    print("| type | event rows | hits | misses | look-alike rows | false alarms | P | R |\n|---|---|---|---|---|---|---|---|")
    total = collections.Counter()
    for t in sorted(counts) + ["all"]:
        c = counts[t] if t != "all" else total
        if t != "all":
            total.update(c)
        p = c["hit"] / (c["hit"] + c["false_alarm"]) if c["hit"] + c["false_alarm"] else 0.0
        r = c["hit"] / (c["hit"] + c["miss"]) if c["hit"] + c["miss"] else 0.0
        print(f"| {t} | {c['hit'] + c['miss']} | {c['hit']} | {c['miss']} | {c['false_alarm'] + c['quiet']} | "
              f"{c['false_alarm']} | {p:.3f} | {r:.3f} |")
    if args.show:
        print("\nwrong (label, type, doc, sent, evidence, stage's type there):")
        for w in wrong:
            print("  ", *w)


if __name__ == "__main__":
    main()
