"""Why the events stage misses the events the development sheets tell, for every event type: each
labelled event the stage does not yield (an event of its type whose evidence or also_evidence overlaps
the event's evidence) is given the first step that lost it.

Causes, in the order the stage goes: `no trigger` (no trigger row that may give the type matches the
sentence, and the detector offers nothing), `vetoed` (a sentence veto holds), `filtered` (a trigger
matched but `_sentence_candidates` let it go: a word inside a name, a stative reading, a generic word
beside a stronger one, a yielding row), `other type only` (the sentence's candidates are of other types
and none became an event), `context rule` (context.tsv), `detector guard` (the learned detector's
doubt), `weak: no place/day` (a weak word with no place and day of its own), `untyped` (an attack,
clash or territory whose parties tell no type), `after publication`, `dropped` (a candidate of the
type went another way), `typed otherwise` (an event of another type there), `statement:KIND` (kept apart:
background, aggregate, plan, negated, ...), `merged` (held only as also_evidence of an event another
labelled row tells).

Sheets: the development indonews-2025 event gold (tests/data/events_indonews2025_train.tsv, the two
thirds rules may be written on), the riots sheet, the battles/VAC sheet, the explosions sheet and the
training articles (training/events: in sample for the detector, so its misses flatter it). The held-out
sheet and events-dev are never read here.

    python scripts/event_misses.py [--sets indonews,riots,battles,explosions,training] [--show]
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

# what a trigger row of these sub-types may become once its parties are read
RESOLVES = {"@attack": {"Battles", "Explosions/Remote violence", "Violence against civilians"},
            "@clash": {"Battles", "Riots"}, "@riot": {"Riots"}, "@territory": {"Battles"},
            "@crowd_control": {"Protests", "Riots", "Violence against civilians"}}


class Trace:
    """What the events stage did on each sentence, by text: its candidates (with the Context), the
    context-rule failures, the untyped attacks and the mentions dropped as after publication."""

    def __init__(self):
        self.cands: dict[tuple[str, int], tuple] = {}
        self.context_failed: set[tuple[str, int]] = set()
        self.untyped: set[tuple[str, int]] = set()
        self.after_pub: set[tuple[str, int]] = set()

    @contextlib.contextmanager
    def on(self):
        from pantau.stages import events as ev

        saved = {n: getattr(ev, n) for n in ("_sentence_candidates", "_detector_candidates", "_context_fails",
                                              "_after_publication", "_resolve_attack", "_resolve_territory")}

        def sentence_candidates(ctx, s, e):
            hits = saved["_sentence_candidates"](ctx, s, e)
            self.cands[(ctx.text, s)] = (ctx, e, list(hits))
            return hits

        def detector_candidates(ctx, s, e):
            hits = saved["_detector_candidates"](ctx, s, e)
            ctx_, e_, old = self.cands.get((ctx.text, s), (ctx, e, []))
            self.cands[(ctx.text, s)] = (ctx, e, old + list(hits))
            return hits

        def context_fails(need, text, s, e, *a, **k):
            out = saved["_context_fails"](need, text, s, e, *a, **k)
            if out:
                self.context_failed.add((text, s))
            return out

        def after_publication(ctx, m):
            out = saved["_after_publication"](ctx, m)
            if out:
                self.after_pub.add((ctx.text, m["evidence"]["span"][0]))
            return out

        def resolve_attack(ctx, a1, a2, s, e, *a):
            out = saved["_resolve_attack"](ctx, a1, a2, s, e, *a)
            if out is None:
                self.untyped.add((ctx.text, s))
            return out

        patched = {"_sentence_candidates": sentence_candidates, "_detector_candidates": detector_candidates,
                   "_context_fails": context_fails, "_after_publication": after_publication,
                   "_resolve_attack": resolve_attack}
        for n, f in patched.items():
            setattr(ev, n, f)
        try:
            yield self
        finally:
            for n, f in saved.items():
                setattr(ev, n, f)


def _spans(ev: dict) -> list:
    return [ev["evidence"]["span"]] + [x.get("span") for x in ev.get("also_evidence") or [] if x.get("span")]


def _overlaps(sp, a: int, b: int) -> bool:
    return bool(sp) and sp[0] < b and a < sp[1]


def _may_be(trig: dict, event_type: str) -> bool:
    return trig["event_type"] == event_type or event_type in RESOLVES.get(trig["sub_event_type"], ())


def why_none(trace: Trace, text: str, a: int, b: int, event_type: str) -> str:
    """The step that lost an event told in text[a:b] that left neither an event nor a statement there."""
    from pantau.stages import events

    sents = sorted((s, v) for (t, s), v in trace.cands.items() if t == text and s < b and a < v[1])
    causes = []
    for s, (ctx, e, hits) in sents:
        mine = [h for h in hits if _may_be(h["trig"], event_type)]
        if not mine:
            if any(t["re"].search(text, s, e) for t in events.triggers() if _may_be(t, event_type)):
                veto = events.vetoes()
                causes.append("vetoed" if veto is not None and veto.search(text, s, e) and events._vetoed(text, s, e)
                              else "filtered")
            else:
                causes.append("other type only" if hits else "no trigger")
            continue
        if (text, s) in trace.after_pub:
            causes.append("after publication")
        elif (text, s) in trace.context_failed:
            causes.append("context rule")
        elif (text, s) in trace.untyped or all(h["trig"]["sub_event_type"] == "@territory" for h in mine):
            causes.append("untyped")
        else:
            p = ctx.p_event(s, e)
            if p is not None and p < ctx.guard:
                causes.append("detector guard")
            elif any(h["trig"]["strength"] == "weak" for h in mine):
                causes.append("weak: no place/day")
            else:
                causes.append("dropped")
    order = ["after publication", "context rule", "detector guard", "weak: no place/day", "untyped", "dropped",
             "other type only", "filtered", "vetoed", "no trigger"]
    return min(causes, key=order.index) if causes else "no sentence"


def judge(trace: Trace, rec: dict, spans: list[tuple[int, int]], event_type: str,
          others: list[tuple[int, int]] = ()) -> tuple[str, str]:
    """(outcome, what the stage has there) for a labelled event told in `spans` of rec's text: hit, or
    miss:CAUSE. `others`: the spans of the article's other labelled events (for `merged`)."""
    evs = [ev for ev in rec.get("events") or [] if any(_overlaps(sp, a, b) for sp in _spans(ev) for a, b in spans)]
    mine = [ev for ev in evs if ev["event_type"] == event_type]
    if mine:
        own = [ev for ev in mine if any(_overlaps(ev["evidence"]["span"], a, b) for a, b in spans)]
        if not own and all(any(_overlaps(ev["evidence"]["span"], a, b) for a, b in others) for ev in mine):
            return "miss:merged", ", ".join(f"{ev['trigger']['text']} @{ev['evidence']['span'][0]}" for ev in mine)
        return "hit", ""
    got = ", ".join(f"{ev['event_type']}/{ev['sub_event_type']} ({ev['trigger']['text']})" for ev in evs)
    if evs:
        return "miss:typed otherwise", got
    st = [x for x in rec.get("statements") or [] if any(_overlaps(sp, a, b) for sp in _spans(x) for a, b in spans)]
    st_mine = [x for x in st if x["event_type"] == event_type]
    if st_mine:
        x = st_mine[0]
        return f"miss:statement:{x.get('kind') or x['modality']}", f"({x['trigger']['text']})"
    text = rec["text"]
    return "miss:" + min((why_none(trace, text, a, b, event_type) for a, b in spans), key=_rank), \
        ", ".join(f"statement {x['event_type']} ({x['trigger']['text']})" for x in st)


def _rank(cause: str) -> int:
    order = ["after publication", "context rule", "detector guard", "weak: no place/day", "untyped", "dropped",
             "other type only", "filtered", "vetoed", "no trigger", "no sentence"]
    return order.index(cause)


# --- the sheets: each gives [(set, type, where, spans, others, rec)] for its labelled events


def indonews_train(trace: Trace):
    import tempfile

    from eval_events_indonews import build, doc_name
    from labelled_sheets import read_sheet
    from pantau import pipeline

    sheet_path = ROOT / "tests" / "data" / "events_indonews2025_train.tsv"
    rows = [r for r in read_sheet(sheet_path) if r["event"] != "0"]
    with tempfile.TemporaryDirectory(prefix="pantau-misses-") as tmp:
        tmp = pathlib.Path(tmp)
        build(tmp, path=sheet_path)
        with trace.on():
            recs = {pathlib.Path((r.get("source") or {}).get("path") or "").name: r
                    for r in pipeline.analyze_paths([str(tmp / "articles")])}
    out = []
    for r in rows:
        rec = recs[doc_name(r["url"])]
        spans = [(int(r["evidence_start"]), int(r["evidence_end"]))]
        spans += [tuple(map(int, p.split("-"))) for p in filter(None, r["also_evidence"].split(";"))]
        others = [(int(o["evidence_start"]), int(o["evidence_end"])) for o in rows
                  if o["url"] == r["url"] and o["event"] != r["event"]]
        out.append(("indonews-train", r["event_type"], f"{r['url'][-50:]}@{spans[0][0]}", spans, others, rec))
    return out


def _indonews_records(trace: Trace, urls: set[str]) -> dict[str, dict]:
    from eval_places_indonews import analyse

    with trace.on():
        return analyse(urls)


def _scrape_records(trace: Trace, urls: set[str]) -> dict[str, dict]:
    """url -> the record of any scrape row (not only the conflict rows), read as `pantau analyze` reads
    the scrape's CSV (scripts/eval_riots_sheet.py), in this process so the trace sees it."""
    import tempfile

    from eval_fatalities import source_rows
    from eval_riots_sheet import SHARED
    from labelled_sheets import write_csv
    from pantau import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        header, src_rows = source_rows(SHARED, urls)
        src = write_csv(pathlib.Path(tmp) / "rows.csv", header, src_rows)
        with trace.on():
            return {(r.get("source") or {}).get("url"): r for r in pipeline.analyze_paths([str(src)])}


def riots(trace: Trace):
    from eval_riots_sheet import SHEET
    from eval_strategic_protests import analysed, articles
    from labelled_sheets import read_sheet

    rows = read_sheet(SHEET)
    out = []
    ind = [r for r in rows if r["set"] == "indosum"]
    arts = articles({r["doc"] for r in ind})
    with trace.on():
        recs = {d: analysed(a) for d, a in arts.items()}
    news = _scrape_records(trace, {r["doc"] for r in rows if r["set"] == "indonews"})
    for r in rows:
        if r["label"] != "event":
            continue
        if r["set"] == "indosum":
            rec, spans = recs[r["doc"]]
            sp = spans[int(r["sent"])]
            if not sp:
                continue
            others = [spans[int(o["sent"])] for o in ind if o["doc"] == r["doc"] and o["label"] == "event"
                      and o["event_id"] != r["event_id"] and spans[int(o["sent"])]]
            out.append(("riots", r["event_type"], f"{r['doc'][:40]}#{r['sent']}", [sp], others, rec))
        else:
            others = [(int(o["start"]), int(o["end"])) for o in rows if o["doc"] == r["doc"] and o["label"] == "event"
                      and o["event_id"] != r["event_id"]]
            out.append(("riots", r["event_type"], f"{r['doc'][-50:]}@{r['start']}",
                        [(int(r["start"]), int(r["end"]))], others, news[r["doc"]]))
    return out


def _indosum_sheet(trace: Trace, name: str, path: pathlib.Path, id_of=lambda r: r.get("event_id")):
    from eval_battles_sheet import indosum_articles
    from event_training import analyse
    from labelled_sheets import read_sheet

    rows = read_sheet(path)
    arts = indosum_articles({r["doc_id"] for r in rows})
    with trace.on():
        recs = {i: analyse(a) for i, a in arts.items()}
    out = []
    for i, r in enumerate(rows):
        if r["label"] != "event":
            continue
        rec, spans = recs[r["doc_id"]]
        sp = spans[int(r["sent"])]
        if not sp:
            continue
        others = [spans[int(o["sent"])] for j, o in enumerate(rows) if o["doc_id"] == r["doc_id"] and j != i
                  and o["label"] == "event" and (id_of(o) is None or id_of(o) != id_of(r)) and spans[int(o["sent"])]]
        out.append((name, r["event_type"], f"{r['doc_id'][:40]}#{r['sent']}", [sp], others, rec))
    return out


def battles(trace: Trace):
    from eval_battles_sheet import SHEET

    return _indosum_sheet(trace, "battles", SHEET)


def explosions(trace: Trace):
    from eval_explosions_sheet import INDONEWS_SHEET, INDOSUM_SHEET
    from labelled_sheets import read_sheet

    out = _indosum_sheet(trace, "explosions", INDOSUM_SHEET)
    rows = read_sheet(INDONEWS_SHEET)
    news = _indonews_records(trace, {r["url"] for r in rows})
    for r in rows:
        if r["label"] != "event":
            continue
        others = [(int(o["start"]), int(o["end"])) for o in rows if o["url"] == r["url"] and o["label"] == "event"
                  and o["event_id"] != r["event_id"]]
        out.append(("explosions", r["event_type"], f"{r['url'][-50:]}@{r['start']}",
                    [(int(r["start"]), int(r["end"]))], others, news[r["url"]]))
    return out


def training(trace: Trace):
    from event_training import analysed_articles, labelled_events

    gold = labelled_events()
    out = []
    with trace.on():
        arts = list(analysed_articles())
    for art, rec, spans in arts:
        evs = gold.get(art["id"], {})
        for k, g in evs.items():
            sp = [spans[i] for i in sorted(g["sents"]) if spans[i]]
            if not sp:
                continue
            others = [spans[i] for k2, g2 in evs.items() if k2 != k for i in g2["sents"] if spans[i]]
            out.append(("training", g["type"], f"{art['id'][:40]}#{min(g['sents'])}", sp, others, rec))
    return out


SETS = {"indonews": indonews_train, "riots": riots, "battles": battles, "explosions": explosions,
        "training": training}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="indonews,riots,battles,explosions,training")
    ap.add_argument("--show", action="store_true", help="list every miss with its cause")
    args = ap.parse_args()
    trace = Trace()
    total: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    shown = []
    for name in args.sets.split(","):
        items = SETS[name](trace)
        per: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for set_name, etype, where, spans, others, rec in items:
            outcome, got = judge(trace, rec, spans, etype, others)
            per[etype][outcome] += 1
            total[etype][outcome] += 1
            if outcome != "hit":
                text = rec["text"]
                shown.append((set_name, etype, outcome[5:], where, got, text[spans[0][0]:spans[0][1]]))
        _table(name, per)
        trace.cands.clear()
    _table("all sets", total)
    if args.show:
        for set_name, etype, cause, where, got, ev in sorted(shown, key=lambda x: (x[1], x[2], x[0])):
            print(f"{set_name:14} {etype[:22]:22} {cause:22} {where} | {got} | {ev[:160]!r}")


def _table(name: str, per: dict[str, collections.Counter]) -> None:
    print(f"\n{name}:")
    allc: collections.Counter = collections.Counter()
    for etype in sorted(per):
        c = per[etype]
        allc.update(c)
        n = sum(c.values())
        causes = {k[5:]: v for k, v in sorted(c.items(), key=lambda kv: -kv[1]) if k != "hit"}
        print(f"  {etype[:30]:30} hits {c['hit']:3} / {n:3}  misses: {causes or '-'}")
    n = sum(allc.values())
    causes = {k[5:]: v for k, v in sorted(allc.items(), key=lambda kv: -kv[1]) if k != "hit"}
    print(f"  {'all':30} hits {allc['hit']:3} / {n:3}  misses: {causes or '-'}")


if __name__ == "__main__":
    main()
