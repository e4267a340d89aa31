"""Build pantau/data/langid/malayic_words.tsv: words common to Indonesian and Malay.

Source: ../shared/nlp/lexicons/stopwords-id.txt (stopwords-iso, Indonesian list, MIT licence).
Words that are in pantau/data/langid/markers.tsv (they separate id/ms/en) are left out so a
word counts once. Run from the repository root: python scripts/build_langid.py
"""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
OUT = ROOT / "pantau" / "data" / "langid" / "malayic_words.tsv"


def main() -> None:
    markers = set()
    for line in (ROOT / "pantau" / "data" / "langid" / "markers.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            markers.add(line.split("\t")[0].lower())
    words = []
    for w in (SHARED / "nlp" / "lexicons" / "stopwords-id.txt").read_text(encoding="utf-8").split():
        w = w.strip().lower()
        if w and w not in markers and w not in words:
            words.append(w)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# Function words shared by Indonesian and Malay (built by scripts/build_langid.py).\n")
        f.write("word\tsource\n")
        for w in words:
            f.write(f"{w}\tstopwords-iso Indonesian list (MIT)\n")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
