#!/usr/bin/env python
"""Train the shipped NER model (pantau/models/ner.crfsuite).

Trains one CRF on the union of the NER *training* splits in ../shared/nlp/ner
(idner-news-2k train, NERGrit train, NER-UGM train.01), label sets mapped to
PER/ORG/LOC (other types -> O). Dev splits are never used for training.
Deterministic: fixed file order, L-BFGS, fixed hyper-parameters.

    .venv/bin/python scripts/train_ner.py [--shared ../shared] [--out pantau/models/ner.crfsuite]
        [--c1 0.01 --c2 0.3 --iterations 300] [--eval]

Run scripts/build_kb.py first (the gazetteer features read pantau/data/kb/gazetteer_tokens.tsv
and pantau/data/ner/gazetteer_phrases.tsv) and scripts/build_word_clusters.py (word_clusters.tsv,
word_case.tsv). The features and hyper-parameters were first chosen on the dev splits;
scripts/cv_ner.py now checks choices by cross-validation over the training splits instead
(docs/quality.md has the figures and the variants that did not raise them).
"""
from __future__ import annotations

import argparse
import collections
import math
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.nlp import ner  # noqa: E402
from pantau.evaluate import ner as ner_eval  # noqa: E402
from export_ner_weights import export as export_weights  # noqa: E402


# each training set is a genre with its own annotation habits (idner leaves a country used
# as an actor untagged, NERGrit is encyclopaedic text, NER-UGM news with TIME/QUANTITY)
GENRE_NAMES = {"idner-news-2k": "news", "nergrit": "wiki", "nerugm": "news2"}


def write_genres(path: pathlib.Path, word_counts: dict) -> None:
    """Naive-Bayes word model of the genres (add-one smoothing), read by ner.guess_genre."""
    genres = sorted(word_counts)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# NER genre model (log P(word | genre)), written by scripts/train_ner.py\n")
        if not genres:
            return
        vocab = sorted({w for c in word_counts.values() for w, n in c.items()
                        if sum(word_counts[g][w] for g in genres) >= 2 and "\t" not in w})
        totals = [sum(word_counts[g].values()) + len(vocab) + 1 for g in genres]
        fh.write("<genres>\t" + "\t".join(genres) + "\n")
        fh.write("<unseen>\t" + "\t".join(f"{math.log(1 / t):.4f}" for t in totals) + "\n")
        for w in vocab:
            fh.write(w + "\t" + "\t".join(f"{math.log((word_counts[g][w] + 1) / t):.4f}"
                                            for g, t in zip(genres, totals)) + "\n")


def add_training_args(ap: argparse.ArgumentParser) -> None:
    """The options that define a training run (shared with scripts/cv_ner.py)."""
    ap.add_argument("--c1", type=float, default=0.01)
    ap.add_argument("--c2", type=float, default=0.3)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--datasets", default=",".join(ner_eval.DATASETS))
    ap.add_argument("--repeat", default="", help="NAME:N,... append a dataset's training split N times")
    ap.add_argument("--no-genres", dest="genres", action="store_false",
                    help="train without genre-specific feature copies")


def read_training(shared: pathlib.Path, names: list[str]) -> dict[str, list]:
    """name -> training sentences [(words, mapped tags)], in a fixed order."""
    return {name: ner_eval.read_conll(ner_eval.split_path(shared, name, "train")) for name in names}


def train(data: dict[str, list], out: pathlib.Path, args, quiet: bool = False):
    """Train a CRF on the sentences of `data` (name -> sentences) into `out`, write its genre
    model next to it (or to ner.GENRES_PATH for the shipped model) and return a function
    tagging a list of sentences with a genre, by crfsuite from sentence_features()."""
    from pantau.extras import MissingExtra, need

    try:
        pycrfsuite = need("pycrfsuite")
    except MissingExtra as exc:
        sys.exit(f"train_ner: {exc}")

    trainer = pycrfsuite.Trainer(verbose=False)
    n_sent = n_tok = 0
    repeat = {k: int(v) for k, v in (x.split(":") for x in args.repeat.split(",") if x)}
    word_counts = {}
    for name, sents in data.items():
        genre = GENRE_NAMES[name] if args.genres else None
        counts = word_counts.setdefault(GENRE_NAMES[name], collections.Counter())
        for words, _ in sents:
            counts.update(ner.genre_clues(words))
        for _ in range(repeat.get(name, 1)):
            for words, tags in sents:
                trainer.append(ner.sentence_features(words, genre), tags)
                n_sent += 1
                n_tok += len(words)
    trainer.set_params({
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
        "feature.possible_transitions": True,
    })
    out.parent.mkdir(parents=True, exist_ok=True)
    genres_path = out.with_suffix(".genres.tsv") if out != ner.MODEL_PATH else ner.GENRES_PATH
    write_genres(genres_path, word_counts if args.genres else {})
    t0 = time.time()
    trainer.train(str(out))
    if not quiet:
        print(f"trained on {n_sent} sentences / {n_tok} tokens in {time.time() - t0:.0f}s -> {out} "
              f"({out.stat().st_size / 1e6:.1f} MB)")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))

    def tag(sentences: list[list[str]], genre: str | None) -> list[list[str]]:
        return [tagger.tag(ner.sentence_features(words, genre)) if words else [] for words in sentences]

    return tag


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ner.MODEL_PATH))
    add_training_args(ap)
    ap.add_argument("--eval", action="store_true", help="print dev F1 afterwards")
    args = ap.parse_args()

    shared = pathlib.Path(args.shared)
    out = pathlib.Path(args.out).resolve()
    train(read_training(shared, args.datasets.split(",")), out, args)
    genres_path = out.with_suffix(".genres.tsv") if out != ner.MODEL_PATH else ner.GENRES_PATH
    weights = export_weights(out)  # what the run-time tagger reads
    print(f"weights -> {weights} ({weights.stat().st_size / 1e6:.1f} MB)")
    if args.eval:
        ner._tagger.cache_clear()
        ner._genre_model.cache_clear()
        ner._genre_arrays.cache_clear()
        ner._model.cache_clear()
        ner._vocab.cache_clear()
        ner.MODEL_PATH = out
        ner.WEIGHTS_PATH = weights
        ner.GENRES_PATH = genres_path
        print(ner_eval.format(ner_eval.run(shared)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
