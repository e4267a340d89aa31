"""Why the events stage misses labelled events and what its false alarms are, on the training articles.

A development aid beside scripts/eval_event_training.py (same matching: a predicted event matches a
labelled event of the same type when one of its evidence sentences is one of that event's sentences).
Every labelled event that is not found gets one cause, in this order: `wrong type` (a predicted event of
another type covers its sentence), `merged` (a predicted event of its type covers it but was matched to
another labelled event), `statement` (read as planned, negated, hypothetical, or as an aggregate or history: kept apart), `dropped:<rule>`
(a trigger fired but a rule of the stage let it go: the weak-trigger rule, a context rule, an attack whose
parties tell no type, the detector's guard, history, a date after publication), `no trigger` (no trigger
of the table in any of its sentences) or `trigger vetoed` (a trigger word, removed as a name, a stative
or by the veto list). Every false alarm gets one too: `split` (its sentence belongs to a labelled event of
its type that another prediction matched), `wrong type`, or the label of its sentence (plan, threat,
aggregate, background, other, ...; `none` when the annotator wrote no row). Matched events whose
labelled place the prediction does not name are counted as `wrong place`.

    python scripts/event_error_analysis.py [--show]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def drop_reason(rec: dict, span: tuple[int, int]) -> str | None:
    """Replays the events stage's checks on one sentence: the first rule that lets its triggers go."""
    from pantau.stages import events as E

    from pantau.nlp.text import sentence_spans

    ctx = E.Context(rec)
    ctx.sentences = sentence_spans(rec)
    s, e = span
    cands = E._sentence_candidates(ctx, s, e) or E._detector_candidates(ctx, s, e)
    if not cands:
        raw = any(t["re"].search(ctx.text, s, e) for t in E.triggers())
        return "trigger vetoed" if raw else "no trigger"
    reasons = []
    for h in cands:
        trig, (ts, te) = h["trig"], h["span"]
        if h["modality"] not in ("asserted", "reported"):
            reasons.append("statement")
            continue
        a1, a2, loser, acts = E._pick_actors(ctx, trig, s, e, ts, te, None)
        sub = trig["sub_event_type"]
        if sub == "@territory":
            if not E._territory_object(ctx, s, e, ts, te, place_before=trig["actor1"] == "after") \
                    or E._resolve_territory(a1, loser) is None:
                reasons.append("dropped:territory")
                continue
        if sub == "@attack":
            if E._resolve_attack(ctx, a1, a2, s, e, ts, te) is None:
                reasons.append("dropped:attack-untyped")
                continue
        if sub == "@riot":
            sub = E._resolve_riot(ctx, s, e)[1]
        if sub == "@crowd_control":
            resolved = E._resolve_crowd_control(ctx, a1, s, e)
            if resolved is None:
                reasons.append("dropped:crowd-control-untyped")
                continue
            sub = resolved[1]
        need = E.context_rules().get((trig["event_type"],
                                      sub if not sub.startswith("@") else
                                      (E._resolve_attack(ctx, a1, a2, s, e, ts, te) or ("", ""))[1]))
        armed = any((a or {}).get("side") in E.ARMED_SIDES for a in (a1, a2))
        near = (max(0, s - 400), min(len(ctx.text), e + 400))
        if need is not None and E._context_fails(need, ctx.text, s, e, near, armed, trig["strength"] == "strong"):
            reasons.append("dropped:context-rule")
            continue
        p = ctx.p_event(s, e)
        if p is not None and p < ctx.guard:
            reasons.append("dropped:detector-guard")
            continue
        place = E._place_for(ctx, s, e, ts, te, acts)
        _, own_date = E._date_for(ctx, s, e, ts, te)
        if trig["strength"] == "weak" and not (place and E._place_rank(place) >= 2 and own_date):
            reasons.append("dropped:weak-needs-place-date")
            continue
        date, _ = E._date_for(ctx, s, e, ts, te)
        m = {"date": date}
        reasons.append("dropped:history" if E._background(ctx, m) else
                       "dropped:after-publication" if E._after_publication(ctx, m) else "dropped:other")
    order = ["dropped:other", "dropped:history", "dropped:after-publication", "dropped:context-rule", "dropped:weak-needs-place-date",
             "dropped:detector-guard", "dropped:attack-untyped", "dropped:territory", "statement"]
    return min(reasons, key=order.index)


def main() -> None:
    from event_training import analysed_articles, articles_read, label_rows

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every miss and false alarm with its cause")
    args = ap.parse_args()
    done = articles_read()
    gold: dict[str, dict[str, dict]] = collections.defaultdict(dict)
    kinds: dict[tuple[str, int], str] = {}
    for r in label_rows():
        if r["doc_id"] not in done:
            continue
        key = (r["doc_id"], int(r["sent"]))
        if r["label"] == "event":
            ev = gold[r["doc_id"]].setdefault(r["event_id"], {"type": r["event_type"], "sents": set(),
                                                               "evidence": r["evidence"], "places": set()})
            ev["sents"].add(int(r["sent"]))
            if r.get("place"):
                ev["places"].add(r["place"].lower())
            kinds[key] = "event"
        elif kinds.get(key) != "event":
            kinds[key] = r["label"]
    miss, alarm = collections.Counter(), collections.Counter()
    shown = []
    n_gold = n_tp = 0
    for art, rec, spans in analysed_articles():
        def sentence_of(span):
            for i, se in enumerate(spans):
                if se and se[0] <= span[0] < se[1]:
                    return i
            return None

        def sents_of(ev):
            sp = [ev["evidence"]["span"]] + [x["span"] for x in ev.get("also_evidence") or [] if x.get("span")]
            return {sentence_of(x) for x in sp} - {None}

        golds = gold.get(art["id"], {})
        n_gold += len(golds)
        preds = [(ev, sents_of(ev)) for ev in rec.get("events") or []]
        stmts = [sents_of(st) for st in rec.get("statements") or []]
        open_gold = dict(golds)
        matched_pred = set()
        for j, (ev, sents) in enumerate(preds):
            hit = next((k for k, g in open_gold.items() if g["type"] == ev["event_type"] and g["sents"] & sents), None)
            if hit:
                matched_pred.add(j)
                n_tp += 1
                gp = open_gold[hit]["places"]
                if gp:
                    pl = ev.get("place") or {}
                    names = {(pl.get("name") or "").lower(), (pl.get("text") or "").lower()} - {""}
                    if not any(n in g or g in n for n in names for g in gp):
                        miss["(matched) wrong place"] += 1
                        shown.append(("wrong place", art["id"], sorted(gp)[0], pl.get("text")))
                del open_gold[hit]
        for gid, g in open_gold.items():
            if any(g["sents"] & s and ev["event_type"] != g["type"] for ev, s in preds):
                cause = "wrong type"
            elif any(g["sents"] & s for ev, s in preds):
                cause = "merged"
            elif any(g["sents"] & s for s in stmts):
                cause = "statement"
            else:
                rs = [drop_reason(rec, spans[i]) for i in sorted(g["sents"]) if spans[i]]
                order = ["dropped:other", "dropped:history", "dropped:after-publication", "dropped:context-rule", "dropped:weak-needs-place-date",
                         "dropped:detector-guard", "dropped:attack-untyped", "dropped:territory", "statement",
                         "trigger vetoed", "no trigger"]
                cause = min(rs, key=order.index) if rs else "removed as boilerplate"
            miss[cause] += 1
            shown.append(("miss " + cause, art["id"], g["type"], g["evidence"][:150]))
        for j, (ev, sents) in enumerate(preds):
            if j in matched_pred:
                continue
            same = [g for g in golds.values() if g["sents"] & sents]
            if any(g["type"] == ev["event_type"] for g in same):
                cause = "split"
            elif same:
                cause = "wrong type"
            else:
                labs = {kinds.get((art["id"], i), "none") for i in sents}
                order = ["aggregate", "background", "plan", "threat", "hypothetical", "denial", "alert",
                         "explainer", "other", "label", "none"]
                cause = min(labs, key=lambda x: order.index(x) if x in order else len(order))
            alarm[cause] += 1
            shown.append(("false alarm " + cause, art["id"], ev["event_type"], ev["evidence"]["text"][:150]))
    n_fn = sum(v for k, v in miss.items() if not k.startswith("(matched)"))
    print(f"{n_gold} labelled events, {n_tp} found, {n_fn} missed, {sum(alarm.values())} false alarms\n")
    print("| miss cause | n | share |\n|---|---|---|")
    for k, v in miss.most_common():
        print(f"| {k} | {v} | {v / max(1, n_fn):.2f} |")
    print("\n| false alarm | n | share |\n|---|---|---|")
    for k, v in alarm.most_common():
        print(f"| {k} | {v} | {v / max(1, sum(alarm.values())):.2f} |")
    if args.show:
        print()
        for row in sorted(shown):
            print("  ", *row)


if __name__ == "__main__":
    main()
