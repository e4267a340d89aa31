"""Copy the Indonesian stop-word list the story clustering uses into pantau/data/framing/.

Source: ../shared/nlp/lexicons/stopwords-id.txt (stopwords-iso, MIT licence).
The shipped package reads only the copy, never ../shared. Run from the repository root:
    .venv/bin/python scripts/build_framing_data.py [path/to/shared]
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
shared = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
src = shared / "nlp" / "lexicons" / "stopwords-id.txt"
words = sorted({w.strip().lower() for w in src.read_text(encoding="utf-8").splitlines() if w.strip()})
out = ROOT / "pantau" / "data" / "framing" / "stopwords.tsv"
lines = ["# Indonesian stop words, ignored when comparing articles for story clustering.",
         "# source: stopwords-iso (https://github.com/stopwords-iso/stopwords-id), MIT licence; copied by scripts/build_framing_data.py",
         "word\tsource"]
lines += [f"{w}\tstopwords-iso" for w in words]
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(words)} stop words -> {out.relative_to(ROOT)}")
