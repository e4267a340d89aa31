#!/usr/bin/env python
"""Event precision and recall per ACLED event type, with the shared evaluator's own matching.

Loads ../shared/eval/eval_events.py as a module and uses its analysis call and match_events, so the
figures are the evaluator's figures split by the gold (recall) and predicted (precision) event type.

    python scripts/events_by_type.py [--shared ../shared] [--gold-set events-dev|seeds]
        [--match full|type|type+place|type+date] [--bare]

events-dev is given its publication days (the evaluator's --published) unless --bare.
Run from the project root: the evaluator calls ./.venv/bin/pantau.
"""
from __future__ import annotations

import argparse
import collections
import glob
import importlib.util
import json
import os
import pathlib


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--gold-set", default="events-dev", choices=("events-dev", "seeds"))
    ap.add_argument("--match", default="full", choices=("full", "type", "type+place", "type+date"))
    ap.add_argument("--bare", action="store_true", help="no publication day given (dating is part of the test)")
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)
    spec = importlib.util.spec_from_file_location("eval_events", shared / "eval" / "eval_events.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    ev.MATCH = args.match
    if args.gold_set == "seeds":
        gold_path, articles = shared / "gold" / "seeds.gold.json", shared / "corpus" / "seeds"
    else:
        gold_path, articles = shared / "gold" / "events-dev" / "gold.json", shared / "gold" / "events-dev" / "articles"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gdocs = gold["docs"] if isinstance(gold, dict) else gold
    paths = sorted(glob.glob(os.path.join(str(articles), "*.txt")))
    if args.gold_set == "events-dev" and not args.bare:
        ev.MAX_PRED_DAYS = 31
        arts = ev.analyze_with_published(paths, gdocs)
    else:
        arts = ev.by_basename(ev.run_analyze(paths))
    tp, n_pred, n_gold = collections.Counter(), collections.Counter(), collections.Counter()
    for gd in gdocs:
        gev = ev.as_list(gd.get("events"))
        pev = [e for e in ev.as_list((arts.get(gd["doc"]) or {}).get("events")) if isinstance(e, dict)]
        for g in gev:
            n_gold[g.get("event_type")] += 1
        for p in pev:
            n_pred[p.get("event_type")] += 1
        for gi, _pi in ev.match_events(gev, pev):
            tp[gev[gi].get("event_type")] += 1
    print(f"{'event type':32} {'P':>6} {'R':>6}  hits/predicted/gold   ({args.gold_set}, match {args.match}"
          f"{', bare text' if args.bare else ''})")
    for t in sorted(set(n_gold) | set(n_pred), key=str):
        p = tp[t] / n_pred[t] if n_pred[t] else float("nan")
        r = tp[t] / n_gold[t] if n_gold[t] else float("nan")
        print(f"{str(t):32} {p:6.3f} {r:6.3f}  {tp[t]}/{n_pred[t]}/{n_gold[t]}")
    total = sum(tp.values())
    print(f"{'all':32} {total / max(1, sum(n_pred.values())):6.3f} {total / max(1, sum(n_gold.values())):6.3f}"
          f"  {total}/{sum(n_pred.values())}/{sum(n_gold.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
