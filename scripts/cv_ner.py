#!/usr/bin/env python
"""K-fold cross-validation of the NER tagger over the *training* splits of the three corpora.

The dev splits are for reporting only; features, hyper-parameters and genre handling are
chosen by the mean entity F1 this script prints. Each corpus's training sentences are cut
into blocks of --block consecutive sentences (neighbouring sentences often come from one
article, so a block stands in for a document) and the blocks are dealt to --folds folds
by a seeded shuffle. Fold k trains one CRF, exactly as scripts/train_ner.py does, on the
other folds of all three corpora and tags the held-out fold of each corpus with that
corpus's genre (a held-out sentence is also
removed from the other corpora's training folds: idner-news-2k and NER-UGM share ~600
sentences); the F1 is exact-span micro-F1 over PER/ORG/LOC as in `pantau eval ner`.

    .venv/bin/python scripts/cv_ner.py [--folds 5] [--seed 13] [--only 2]
        [--iterations 300] [--c1 0.01 --c2 0.3]

--only N runs the first N folds and --which 1,3 the folds named (screening, or one run
split in parts); the spread then covers those folds. Everything a fold's model is built
from comes from its training part; the word clusters (scripts/build_word_clusters.py) read
the words of all training sentences but never their labels.
"""
from __future__ import annotations

import argparse
import pathlib
import random
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pantau.evaluate import ner as ner_eval  # noqa: E402
import train_ner  # noqa: E402


def fold_of_sentences(n: int, folds: int, block: int, seed: int) -> list[int]:
    """Fold number of each of n sentences: blocks of consecutive sentences, shuffled, dealt round."""
    blocks = list(range((n + block - 1) // block))
    random.Random(seed).shuffle(blocks)
    fold_of_block = {b: i % folds for i, b in enumerate(blocks)}
    return [fold_of_block[i // block] for i in range(n)]


def split(data: dict[str, list], folds: dict[str, list[int]], k: int) -> tuple[dict, dict]:
    """(training, held-out) sentences of fold k per corpus. idner-news-2k and NER-UGM share
    ~600 sentences: one held out in one corpus is taken out of every corpus's training part."""
    held = {name: [s for s, f in zip(sents, folds[name]) if f == k] for name, sents in data.items()}
    held_text = {" ".join(w) for sents in held.values() for w, _ in sents}
    train = {name: [s for s, f in zip(sents, folds[name]) if f != k and " ".join(s[0]) not in held_text]
             for name, sents in data.items()}
    return train, held


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", type=int, default=0, help="run only the first N folds (screening)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--block", type=int, default=10, help="consecutive sentences kept in one fold")
    ap.add_argument("--which", default="", help="run these folds only, e.g. 1,2 (a run split in parts)")
    train_ner.add_training_args(ap)
    args = ap.parse_args()

    shared = pathlib.Path(args.shared)
    data = train_ner.read_training(shared, args.datasets.split(","))
    folds = {name: fold_of_sentences(len(sents), args.folds, args.block, args.seed + i)
             for i, (name, sents) in enumerate(data.items())}
    scores: dict[str, list[dict]] = {name: [] for name in data}
    todo = [int(x) for x in args.which.split(",")] if args.which else range(args.only or args.folds)
    t_all = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for k in todo:
            t0 = time.time()
            train, held = split(data, folds, k)
            model = pathlib.Path(tmp) / f"fold{k}.crfsuite"
            tagger = train_ner.train(train, model, args, quiet=True)
            line = [f"fold {k}:"]
            for name, sents in held.items():
                pred = tagger([w for w, _ in sents], train_ner.GENRE_NAMES[name] if args.genres else None)
                res = ner_eval.score([t for _, t in sents], pred)
                scores[name].append(res)
                line.append(f"{name} {res['f1']:.4f} (ORG {res['per_type']['ORG']['f1']:.3f})")
            print(" ".join(line) + f"  [{time.time() - t0:.0f}s]", flush=True)
    print(f"cross-validation, {len(todo)} of {args.folds} folds, seed {args.seed}, block {args.block}, "
          f"repeat {args.repeat or '-'}, c1 {args.c1} c2 {args.c2} iterations {args.iterations} [{time.time() - t_all:.0f}s]")
    means = []
    for name, rs in scores.items():
        f1 = [r["f1"] for r in rs]
        sd = statistics.stdev(f1) if len(f1) > 1 else 0.0
        means.append(statistics.mean(f1))
        per = " ".join(f"{t} {statistics.mean(r['per_type'][t]['f1'] for r in rs):.3f}"
                       for t in ("PER", "ORG", "LOC"))
        print(f"  {name:15} F1 {statistics.mean(f1):.4f} ± {sd:.4f} (min {min(f1):.4f}, max {max(f1):.4f}); {per}")
    print(f"  {'mean':15} F1 {statistics.mean(means):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
