"""The events stage's arguments (actor1, actor2, fatalities) against training/events/actors.dev.tsv.

Each row of actors.dev.tsv is one event sentence of the labelled IndoSum articles (none of them in
`../shared/gold` or the seeds) with actor1, actor2 and fatalities as the ACLED codebook names them,
labelled by hand from the sentence and its article. The article is analysed as the pipeline
analyses any article; the row's event is the predicted event (of the row's event type when there is
one) whose evidence, or one of its `also_evidence`, lies in that sentence. Agreement:
- lenient, as `../shared/eval/eval_events.py` compares actor1: the predicted canonical or text
  equals or is a substring (either way, case-insensitive) of the labelled name;
- exact: the predicted canonical equals the labelled name (case-insensitive);
- fatalities: the predicted count equals the labelled number (rows that give one).
Rows whose sentence yields no event count as found=no and are left out of the agreement figures.

    python scripts/eval_event_actors.py [--show] [--limit N]
    python scripts/eval_event_actors.py --indonews [--show]

`--limit N` scores the first N rows only (the first 61 are the set the rules were first made on).
`--indonews` scores tests/data/event_actors_indonews2025.tsv instead: indonews-2025 sentences whose act's
clause names no attacker though the article does (url + offsets; the articles are read from
../shared/corpus/indonews-2025 and analysed as scripts/eval_places_indonews.py does); the row's event is
the predicted event of any type whose evidence or also_evidence overlaps the row's span.
"""
from __future__ import annotations

import argparse
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, beside this script

from event_training import norm as _norm  # noqa: E402
DEV = ROOT / "training" / "events" / "actors.dev.tsv"
INDONEWS = ROOT / "tests" / "data" / "event_actors_indonews2025.tsv"


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(open(DEV, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


def lenient(gold: str, pred: dict | None) -> bool:
    g = _norm(gold)
    return bool(pred) and any(v and (v in g or g in v) for v in (_norm(pred.get("canonical")), _norm(pred.get("text"))))


def exact(gold: str, pred: dict | None) -> bool:
    return bool(pred) and _norm(pred.get("canonical")) == _norm(gold)


def score(limit: int | None = None) -> dict:
    """Per-row outcomes and the totals: {"rows": [...], "found", "n", "actor1", "actor2", "fatalities"}."""
    from event_training import analysed_rows

    out = [{"row": r, "event": ev} for r, _rec, _span, ev in analysed_rows(rows()[:limit])]
    tally = {k: [0, 0, 0] for k in ("actor1", "actor2")}  # lenient ok, exact ok, n
    fat = [0, 0]
    for o in out:
        r, ev = o["row"], o["event"]
        if ev is None:
            continue
        for k in ("actor1", "actor2"):
            if r[k]:
                tally[k][0] += lenient(r[k], ev.get(k))
                tally[k][1] += exact(r[k], ev.get(k))
                tally[k][2] += 1
        if r["fatalities"]:
            fat[0] += ev.get("fatalities") is not None and int(ev["fatalities"]) == int(r["fatalities"])
            fat[1] += 1
    return {"rows": out, "n": len(out), "found": sum(o["event"] is not None for o in out),
            "actor1": tally["actor1"], "actor2": tally["actor2"], "fatalities": fat}


def score_indonews() -> dict:
    """The same figures on the indonews-2025 sheet (actor1/actor2 lenient and exact; no fatalities)."""
    import eval_places_indonews as places
    from eval_events_indonews import held_out, span_md5
    from labelled_sheets import event_at, read_sheet

    sheet = read_sheet(INDONEWS)
    if any(held_out(r["url"]) for r in sheet):
        raise SystemExit("a row of the held-out third: not scored")
    recs = places.analyse({r["url"] for r in sheet})
    out = []
    for r in sheet:
        text = (recs.get(r["url"]) or {}).get("text") or ""
        s, e = int(r["evidence_start"]), int(r["evidence_end"])
        a, b = int(r["actor1_start"]), int(r["actor1_end"])
        if span_md5(text[s:e]) != r["evidence_md5"] or span_md5(text[a:b]) != r["actor1_md5"]:
            raise SystemExit(f"the cleaned text moved under {r['url']} {s}-{e}: offsets no longer hold")
        out.append({"row": {**r, "doc_id": r["url"].rsplit("/", 1)[-1], "sent": f"{s}-{e}", "fatalities": ""},
                    "event": event_at(recs.get(r["url"]), s, e, r["event_type"], other_types=True)})
    tally = {k: [0, 0, 0] for k in ("actor1", "actor2")}
    for o in out:
        if o["event"] is None:
            continue
        for k in ("actor1", "actor2"):
            if o["row"][k]:
                tally[k][0] += lenient(o["row"][k], o["event"].get(k))
                tally[k][1] += exact(o["row"][k], o["event"].get(k))
                tally[k][2] += 1
    return {"rows": out, "n": len(out), "found": sum(o["event"] is not None for o in out),
            "actor1": tally["actor1"], "actor2": tally["actor2"], "fatalities": [0, 0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every row with what was predicted")
    ap.add_argument("--limit", type=int, help="score only the first N rows")
    ap.add_argument("--indonews", action="store_true", help="score tests/data/event_actors_indonews2025.tsv")
    args = ap.parse_args()
    res = score_indonews() if args.indonews else score(args.limit)
    if args.show:
        for o in res["rows"]:
            r, ev = o["row"], o["event"]
            p = (lambda a: (a or {}).get("canonical") or (a or {}).get("text"))
            print(f"{r['doc_id'][:40]} s{r['sent']} {r['event_type'][:10]:10} | "
                  + ("NO EVENT" if ev is None else
                     f"a1 {r['actor1'] or '-'} <- {p(ev.get('actor1'))} | a2 {r['actor2'] or '-'} <- {p(ev.get('actor2'))}"
                     f" | fat {r['fatalities'] or '-'} <- {ev.get('fatalities')}"))

    def f(t):
        return f"{t[0] / t[-1]:.3f}" if t[-1] else "n/a"
    a1, a2, fat = res["actor1"], res["actor2"], res["fatalities"]
    print(f"rows={res['n']} found={res['found']} actor1={f((a1[0], a1[2]))} (exact {f((a1[1], a1[2]))}, n={a1[2]}) "
          f"actor2={f((a2[0], a2[2]))} (exact {f((a2[1], a2[2]))}, n={a2[2]}) fatalities={f(fat)} (n={fat[1]})")


if __name__ == "__main__":
    main()
