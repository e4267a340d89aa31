"""`pantau eval ner`: exact-span micro-F1 (PER/ORG/LOC) of the shipped tagger
on the NER development splits in ../shared/nlp/ner.

Label sets are mapped to PER/ORG/LOC; other types (TIME, QUANTITY, ...) are
treated as O both in gold and prediction.
"""
from __future__ import annotations

import pathlib
import time

# dataset name -> (dir, train file, dev file)
DATASETS = {
    "idner-news-2k": ("idner-news-2k", "train.txt", "dev.txt"),
    "nergrit": ("nergrit", "train_preprocess.txt", "valid_preprocess.txt"),
    "nerugm": ("nerugm", "train.01.tsv", "dev.01.tsv"),
}
TARGETS = {"idner-news-2k": 0.85, "nergrit": 0.80, "nerugm": 0.78}

LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC",
}


def map_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    kind = LABEL_MAP.get(kind)
    return f"{prefix}-{kind}" if kind else "O"


def read_conll(path: pathlib.Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (words, mapped BIO tags). First column token, last column tag."""
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                    words, tags = [], []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            words.append(cols[0])
            tags.append(map_tag(cols[-1]))
    if words:
        sents.append((words, tags))
    return sents


def split_path(shared: pathlib.Path, name: str, split: str) -> pathlib.Path:
    d, train, dev = DATASETS[name]
    return shared / "nlp" / "ner" / d / (train if split == "train" else dev)


def _spans(tags):
    from ..nlp.ner import spans_from_bio

    return set(spans_from_bio(tags))


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    tp = fp = fn = 0
    per_type = {t: [0, 0, 0] for t in ("PER", "ORG", "LOC")}
    for g, p in zip(gold, pred):
        gs, ps = _spans(g), _spans(p)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
        for t, c in per_type.items():
            gt = {s for s in gs if s[2] == t}
            pt = {s for s in ps if s[2] == t}
            c[0] += len(gt & pt)
            c[1] += len(pt - gt)
            c[2] += len(gt - pt)

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 4), round(r, 4), round(f, 4)

    p, r, f = prf(tp, fp, fn)
    return {"precision": p, "recall": r, "f1": f,
            "per_type": {t: dict(zip(("precision", "recall", "f1"), prf(*c))) for t, c in per_type.items()}}


def run(shared: pathlib.Path, **kw) -> dict:
    from ..nlp import ner

    figures = {}
    for name in DATASETS:
        sents = read_conll(split_path(shared, name, "dev"))
        ner.tag(["warm", "up"])  # load the model and tables outside the timing
        t0 = time.process_time()  # CPU time of this single-threaded process = one core
        # as `pantau tag` does: one genre guessed for the whole file, then the sentences in
        # batches (each sentence is decoded on its own; a batch shares the array work)
        genre = ner.guess_genre(w for w, _ in sents)
        pred = ner.tag_sentences([w for w, _ in sents], genre)
        elapsed = time.process_time() - t0
        res = score([t for _, t in sents], pred)
        res["tokens"] = sum(len(w) for w, _ in sents)
        res["tokens_per_s"] = round(res["tokens"] / elapsed) if elapsed else None  # per CPU second
        # again, every word now known to the tagger (the first pass paid for the new ones)
        t0 = time.process_time()
        ner.tag_sentences([w for w, _ in sents], genre)
        again = time.process_time() - t0
        res["tokens_per_s_warm"] = round(res["tokens"] / again) if again else None
        res["genre"] = genre
        res["target"] = TARGETS[name]
        res["pass"] = res["f1"] >= TARGETS[name]
        figures[name] = res
    return figures


def format(figures: dict) -> str:
    lines = [f"{'dataset':15} {'P':>6} {'R':>6} {'F1':>6} {'target':>6}  PER/ORG/LOC F1"]
    for name, r in figures.items():
        pt = " ".join(f"{r['per_type'][t]['f1']:.3f}" for t in ("PER", "ORG", "LOC"))
        lines.append(f"{name:15} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                     f"{r['target']:6.2f}  {pt}  {'ok' if r['pass'] else 'BELOW'}  "
                     f"({r['tokens_per_s']} tok/s new words, {r['tokens_per_s_warm']} known; genre {r['genre']})")
    return "\n".join(lines)
