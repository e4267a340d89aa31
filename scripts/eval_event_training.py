"""The events stage against the hand-labelled training articles (training/events), event by event.

A development check for work on the events stage that never looks at the articles that measure the
project: each labelled IndoSum article is analysed, and a predicted event matches a labelled event
of the same type when one of its evidence sentences is one of that event's sentences (one-to-one).
Precision, recall and F1 overall and per event type; `--show N` lists N misses and N false alarms.
Figures here are optimistic for whatever was developed against them: the held-out measure is
`../shared/eval/eval_events.py` on `../shared/gold/events-dev`.

    python scripts/eval_event_training.py [--show 20]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, beside this script


def main() -> None:
    from event_training import analysed_articles, labelled_events

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    gold = labelled_events()  # doc -> event id -> {type, sents, evidence, places}
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    misses, alarms = [], []
    place_hits: list[bool] = []
    place_misses: list[tuple] = []
    seen = set()
    for art, rec, starts in analysed_articles():
        seen.add(art["id"])

        def sentence_of(span):
            for i, se in enumerate(starts):
                if se and se[0] <= span[0] < se[1]:
                    return i
            return None

        open_gold = dict(gold.get(art["id"], {}))
        for ev in rec.get("events") or []:
            spans = [ev["evidence"]["span"]] + [x["span"] for x in ev.get("also_evidence") or [] if x.get("span")]
            sents = {sentence_of(sp) for sp in spans} - {None}
            hit = next((k for k, g in open_gold.items() if g["type"] == ev["event_type"] and g["sents"] & sents), None)
            if hit:
                tp[ev["event_type"]] += 1
                gp = open_gold[hit]["places"]
                if gp:
                    pl = ev.get("place") or {}
                    names = {(pl.get("name") or "").lower(), (pl.get("text") or "").lower()} - {""}
                    ok = any(n in g or g in n for n in names for g in gp)
                    place_hits.append(ok)
                    if not ok:
                        place_misses.append((art["id"], sorted(gp)[0], pl.get("text"), pl.get("inherited")))
                del open_gold[hit]
            else:
                fp[ev["event_type"]] += 1
                alarms.append((art["id"], ev["event_type"], ev["evidence"]["text"][:160]))
        for g in open_gold.values():
            fn[g["type"]] += 1
            misses.append((art["id"], g["type"], g["evidence"][:160]))

    def line(name, t, p, n):
        prec = t / (t + p) if t + p else 0.0
        rec_ = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
        print(f"| {name} | {t} | {p} | {n} | {prec:.3f} | {rec_:.3f} | {f1:.3f} |")

    print(f"{len(seen)} articles, {sum(len(v) for v in gold.values())} labelled events\n")
    print("| type | tp | fp | fn | P | R | F1 |\n|---|---|---|---|---|---|---|")
    for t in sorted(set(tp) | set(fp) | set(fn)):
        line(t, tp[t], fp[t], fn[t])
    line("all", sum(tp.values()), sum(fp.values()), sum(fn.values()))
    if place_hits:
        print(f"\nplace named as labelled, on matched events with a labelled place: "
              f"{sum(place_hits)}/{len(place_hits)} = {sum(place_hits) / len(place_hits):.3f}")
    if args.show:
        print("\nmisses:")
        for m in misses[:args.show]:
            print("  ", *m)
        print("place misses (gold place, predicted text, inherited):")
        for m in place_misses[:args.show]:
            print("  ", *m)
        print("false alarms:")
        for a in alarms[:args.show]:
            print("  ", *a)


if __name__ == "__main__":
    main()
