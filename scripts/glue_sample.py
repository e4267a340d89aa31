"""Draw the hand-judged sample of the de-gluer's splits: tests/data/glue_sample.tsv.

    python scripts/glue_sample.py ../shared [out.tsv]

200 splits drawn uniformly at random (random.Random(22)) from every split the de-gluer makes
over indonews-2025 (all rows) and the IndoSum dev folds (pantau.evaluate.glue.splits, one entry
per occurrence). Each row keeps the corpus, the glued token, the split, and two words of context
either side (no more: indonews-2025 text is not shipped). The verdict (ok/wrong), the correct
form and a short reason are filled in by hand; rows already judged in the output file keep
their verdicts when the script is run again. tests/test_glue.py checks the sheet.
"""
from __future__ import annotations

import csv
import pathlib
import random
import sys

from pantau.evaluate.glue import splits

SEED = 22
SIZE = 200
FIELDS = ["corpus", "token", "split", "context", "verdict", "correct", "reason"]
HEADER = """# 200 splits of the de-gluer (pantau/nlp/glue.py) drawn by scripts/glue_sample.py (random.Random(22),
# uniform over every split made on indonews-2025 and the IndoSum dev folds), judged by hand: verdict ok or
# wrong, the correct form, and why. context: two words either side as scraped, the token in brackets (no
# more of any article). Checked by tests/test_glue.py.
"""


def main(shared: str, out: str = "tests/data/glue_sample.tsv") -> None:
    everything = splits(pathlib.Path(shared), corpora=("indonews-2025", "indosum"))
    drawn = random.Random(SEED).sample(everything, SIZE)
    judged = {}
    path = pathlib.Path(out)
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
                if row.get("verdict"):
                    judged[(row["token"], row["split"])] = row
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        w = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for corpus, token, split, context in drawn:
            old = judged.get((token, split), {})
            w.writerow({"corpus": corpus, "token": token, "split": split, "context": context,
                        "verdict": old.get("verdict", ""), "correct": old.get("correct", ""),
                        "reason": old.get("reason", "")})
    print(f"{len(everything)} splits, {SIZE} drawn -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
