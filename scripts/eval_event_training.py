"""The events stage against the hand-labelled training articles (training/events), event by event.

A development check for work on the events stage that never looks at the articles that measure the
project: each labelled IndoSum article is analysed, and a predicted event matches a labelled event
of the same type when one of its evidence sentences is one of that event's sentences (one-to-one).
Precision, recall and F1 overall and per event type; `--show N` lists N misses and N false alarms.
Figures here are optimistic for whatever was developed against them: the held-out measure is
`../shared/eval/eval_events.py` on `../shared/gold/events-dev`.

`--non-events` counts, per label of the sentences labelled as no event (other, background, explainer,
aggregate, plan, threat, denial, alert, hypothetical), how many hold the evidence of an event the stage
emits, and of which type, and the events given in a sentence labelled as an event of other types only (type
errors) (`--show N` lists N of them); a sentence labelled `event` for any event is left out of the first count.

    python scripts/eval_event_training.py [--show 20]
    python scripts/eval_event_training.py --non-events [--show 20]
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
    ap.add_argument("--non-events", action="store_true",
                    help="how many sentences labelled as no event give an event, by label and type")
    args = ap.parse_args()
    if args.non_events:
        non_events(args.show)
        return
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


def non_events(show: int) -> None:
    """Sentences labelled as no event that hold the (first) evidence of an emitted event: per label, the
    sentences so labelled, how many give an event, and the event types given."""
    from event_training import analysed_articles, articles_read, label_rows

    done = articles_read()
    labels: dict[str, dict[int, set[str]]] = collections.defaultdict(lambda: collections.defaultdict(set))
    typed: dict[str, dict[int, set[str]]] = collections.defaultdict(lambda: collections.defaultdict(set))
    for r in label_rows():
        if r["doc_id"] in done:
            labels[r["doc_id"]][int(r["sent"])].add(r["label"])
            if r["label"] == "event":
                typed[r["doc_id"]][int(r["sent"])].add(r["event_type"])
    kinds = {d: {k: next(iter(v)) for k, v in sents.items() if "event" not in v and len(v) == 1}
             for d, sents in labels.items()}
    total = collections.Counter(k for sents in kinds.values() for k in sents.values())
    given: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    retyped: collections.Counter = collections.Counter()  # (type given, types labelled) in an event sentence
    listed = []
    for art, rec, spans in analysed_articles(only=set(kinds)):
        for ev in rec.get("events") or []:
            sp = ev["evidence"]["span"]
            k = next((i for i, se in enumerate(spans) if se and se[0] <= sp[0] < se[1]), None)
            kind = kinds[art["id"]].get(k)
            wanted = typed[art["id"]].get(k, set())
            if wanted and ev["event_type"] not in wanted:
                retyped[(ev["event_type"], " / ".join(sorted(wanted)))] += 1
                listed.append(("event", ev["event_type"], art["id"], ev["evidence"]["text"][:160]))
            if kind is not None:
                given[kind][ev["event_type"]] += 1
                listed.append((kind, ev["event_type"], art["id"], ev["evidence"]["text"][:160]))
    print("| label | sentences | give an event | of type |\n|---|---|---|---|")
    for kind in sorted(total):
        types = ", ".join(f"{t} {n}" for t, n in given[kind].most_common())
        print(f"| {kind} | {total[kind]} | {sum(given[kind].values())} | {types} |")
    print(f"| all | {sum(total.values())} | {sum(sum(c.values()) for c in given.values())} | |")
    print("\nevents given in a sentence labelled as an event of another type only (type given -> labelled):")
    for (got, want), n in retyped.most_common():
        print(f"  {got} -> {want}: {n}")
    for row in sorted(listed)[:show]:
        print("  ", *row)


if __name__ == "__main__":
    main()
