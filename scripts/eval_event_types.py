"""The events stage's event TYPE on the hand-judged indonews-2025 rows (tests/data/event_precision_indonews2025.tsv).

Each row of that sheet judged `yes` (a real, current event) carries the type it should have
(`right_type`). The stage is run again on the sheet's articles (the labelled two thirds only; see
scripts/eval_event_precision.py) and the event at the row's evidence span, whatever its type, is
compared with it: a confusion table and per-type precision and recall over the rows still emitted.
Rows whose event went missing are counted apart (neither right nor wrong). `--show` prints each
wrongly typed row with its evidence (the labelled thirds may be read; no text is stored).

The IndoSum training articles give the other half of the picture: `python scripts/eval_event_training.py`
prints per-type precision and recall there.

    python scripts/eval_event_types.py [--show]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_event_precision import SHEET, labelled_url  # noqa: E402
from eval_places_indonews import analyse  # noqa: E402
from labelled_sheets import event_at, read_sheet  # noqa: E402


def score(show: bool = False) -> dict:
    rows = [r for r in read_sheet(SHEET) if r["verdict"] == "yes" and labelled_url(r["url"])]
    recs = analyse({r["url"] for r in rows})
    pairs: collections.Counter = collections.Counter()  # (right type, predicted type or "lost")
    for r in rows:
        rec = recs.get(r["url"])
        ev = event_at(rec, int(r["start"]), int(r["end"]), r["right_type"], other_types=True)
        got = ev["event_type"] if ev else "lost"
        pairs[(r["right_type"], got)] += 1
        if show and got != r["right_type"]:
            text = (rec or {}).get("text") or ""
            print(f"{r['right_type']} <- {got} ({(ev or {}).get('sub_event_type')})\t{r['url'][-60:]}\n"
                  f"    {text[int(r['start']):int(r['end'])][:300]}")
    return {"rows": len(rows), "pairs": pairs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print each wrongly typed row")
    a = ap.parse_args()
    res = score(a.show)
    pairs = res["pairs"]
    types = sorted({t for t, _ in pairs} | {g for _, g in pairs if g != "lost"})
    right = sum(n for (t, g), n in pairs.items() if t == g)
    emitted = sum(n for (t, g), n in pairs.items() if g != "lost")
    print(f"{res['rows']} rows judged yes; {emitted} still emitted, right type {right}/{emitted}"
          f" = {right / max(emitted, 1):.3f}; lost {res['rows'] - emitted}\n")
    print("| type | right | predicted as it | labelled as it (emitted) | P | R |\n|---|---|---|---|---|---|")
    for t in types:
        tp = pairs[(t, t)]
        pred = sum(n for (_, g), n in pairs.items() if g == t)
        gold = sum(n for (x, g), n in pairs.items() if x == t and g != "lost")
        print(f"| {t} | {tp} | {pred} | {gold} | {tp / pred if pred else 0:.3f} | {tp / gold if gold else 0:.3f} |")
    print("\nconfusion (labelled -> predicted):")
    for (t, g), n in sorted(pairs.items()):
        if t != g:
            print(f"  {t} -> {g}: {n}")


if __name__ == "__main__":
    main()
