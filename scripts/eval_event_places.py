"""The events stage's place against the `place` column of training/events/labels.shard*.tsv.

Each `event` row with a place names, as written, where the sentence's event happened (labelled by hand;
none of these articles is in `../shared/gold` or the seeds). The article is analysed as the pipeline
analyses any article; the row's event is the predicted event (of the row's event type when there is
one) whose evidence, or one of its `also_evidence`, lies in that sentence. Figures:
- right: the event's place is the labelled one: its name or its text equals or is a substring (either
  way, case-insensitive) of the label, or it has the KB id of a place entity of the sentence that does;
- reachable: the label is among the sentence's place entities at all (the same test), whatever was chosen;
- inherited: the chosen place was marked inherited (taken from an earlier sentence or the article).
Rows whose sentence yields no event count as found=no and are left out of the right / wrong figures.

    python scripts/eval_event_places.py [--show]
"""
from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, beside this script

from event_training import norm as _norm  # noqa: E402


def names_match(gold: str, *names) -> bool:
    g = _norm(gold)
    return any(v and (v in g or g in v) for v in map(_norm, names))


def rows() -> list[dict[str, str]]:
    from event_training import articles_read, label_rows

    done = articles_read()
    return [r for r in label_rows() if r["label"] == "event" and r.get("place") and r["doc_id"] in done]


def score() -> dict:
    """Per-row outcomes and the totals: {"rows": [...], "n", "found", "right", "reachable", "inherited"}."""
    from event_training import analysed_rows

    out = []
    for r, rec, span, ev in analysed_rows(rows()):
        places = [e for e in rec.get("entities") or []
                  if e.get("span") and (e.get("geo") or {}).get("lat") is not None]
        in_sent = [p for p in places if span and span[0] <= p["span"][0] and p["span"][1] <= span[1]]
        gold_ents = [p for p in in_sent if names_match(r["place"], p.get("canonical"), p["text"])]
        gold_ids = {p.get("id") for p in gold_ents if p.get("id")}
        pl = (ev or {}).get("place") or {}
        right = bool(pl) and (names_match(r["place"], pl.get("name"), pl.get("text"))
                              or (pl.get("id") is not None and pl.get("id") in gold_ids))
        out.append({"row": r, "event": ev, "right": right, "reachable": bool(gold_ents),
                    "inherited": bool(pl.get("inherited")), "sentence_places": [p["text"] for p in in_sent]})
    got = [o for o in out if o["event"] is not None]
    return {"rows": out, "n": len(out), "found": len(got), "right": sum(o["right"] for o in got),
            "reachable": sum(o["reachable"] for o in got), "inherited": sum(o["inherited"] for o in got),
            "right_if_reachable": sum(o["right"] for o in got if o["reachable"]),
            "n_reachable": sum(o["reachable"] for o in got)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every row with what was predicted")
    args = ap.parse_args()
    res = score()
    if args.show:
        for o in res["rows"]:
            r, ev = o["row"], o["event"]
            pl = (ev or {}).get("place") or {}
            mark = "-" if ev is None else ("ok" if o["right"] else "XX")
            print(f"{mark:2} {r['doc_id'][:24]} s{r['sent']:>2} {r['event_type'][:10]:10} | gold {r['place']!r} <- "
                  + ("NO EVENT" if ev is None else f"{pl.get('text')!r}{' (inherited)' if pl.get('inherited') else ''}")
                  + f" | in sentence {o['sentence_places']}")
    n = res["found"] or 1
    print(f"rows={res['n']} found={res['found']} right={res['right']}/{res['found']} ({res['right'] / n:.3f}) "
          f"reachable={res['reachable']}/{res['found']} ({res['reachable'] / n:.3f}) "
          f"right_when_reachable={res['right_if_reachable']}/{res['n_reachable']} inherited={res['inherited']}")


if __name__ == "__main__":
    main()
