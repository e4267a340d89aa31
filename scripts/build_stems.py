#!/usr/bin/env python
"""Precomputed Sastrawi stems for frequent words (pantau/data/search/stems.tsv).

Sastrawi is pure Python and takes ~0.1 ms for a word that is not a root; stemming every
article for the full-text index was about a tenth of the analysis time. The table holds the
stem Sastrawi gives (through pantau.store.search, so exactly the same function) for every word seen
at least --min-count times (default 1: every word) in the unlabelled text scripts/build_word_clusters.py also reads
(IndoSum articles, UD Indonesian CSUI train and GSD dev, the words of the NER training splits;
not the indonews-2025 scrape, whose licence is unknown). Words missing from it are stemmed
by Sastrawi as before, so the table changes speed, never a stem. Deterministic.

    .venv/bin/python scripts/build_stems.py [--shared ../shared] [--min-count 1]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pantau.store import search  # noqa: E402
from build_word_clusters import sentences  # noqa: E402

OUT = ROOT / "pantau" / "data" / "search" / "stems.tsv"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    counts: collections.Counter = collections.Counter()
    for sent in sentences(pathlib.Path(args.shared)):
        for tok in sent:
            for w in search._WORD.findall(tok):
                w = w.lower()
                if len(w) > 3 and w.isalpha():
                    counts[w] += 1
    words = sorted(w for w, n in counts.items() if n >= args.min_count)
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# word -> Sastrawi stem, written by scripts/build_stems.py (speed only: same stems as Sastrawi)\n")
        fh.write("# source: words seen >= %d times in IndoSum (CC BY-SA 4.0), UD Indonesian CSUI/GSD (CC BY-SA 4.0) "
                 "and the NER training splits\n" % args.min_count)
        for w in words:
            fh.write(f"{w}\t{search._stem_alpha(w)}\n")
    print(f"{len(words)} words -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
