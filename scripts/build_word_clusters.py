#!/usr/bin/env python
"""Distributional word clusters for the NER tagger (pantau/data/ner/word_clusters.tsv).

Unlabelled text: IndoSum dev articles (CC BY-SA 4.0), UD Indonesian CSUI train sentences
(CC BY-SA 4.0), UD Indonesian GSD dev sentences (CC BY-SA 4.0) and the words of the NER
*training* splits (labels unused). Each frequent word is described by the words seen just
left and right of it (PPMI-weighted counts), reduced to 96 dimensions by a seeded randomized
SVD, and grouped by seeded k-means at several granularities (64, 512 and 2048 clusters).
Words that behave alike (given names, town names, organisation heads) share clusters, which
lets the CRF generalise beyond its training words. The indonews-2025 scrape is not used: its
licence is unknown and derived data would ship with the package.
Deterministic (fixed seeds, sorted vocabulary).

    .venv/bin/python scripts/build_word_clusters.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "pantau" / "data" / "ner" / "word_clusters.tsv"
CASE_OUT = ROOT / "pantau" / "data" / "ner" / "word_case.tsv"
# after these a capital letter says nothing about the word itself
_SENTENCE_OPENERS = {".", "!", "?", '"', "'", "`", "``", "''", ":", "(", "-", "\u201c", "\u2018"}


def case_habits(raw_sents, min_count: int) -> dict[str, str]:
    """lower-cased word -> how it is written inside a sentence in the unlabelled text:
    "cap" (>= 90 % capitalised: a name), "low" (<= 10 %: an ordinary word), "mix" otherwise.
    An unseen capitalised word is then a strong hint of a rare name."""
    caps, total = collections.Counter(), collections.Counter()
    for s in raw_sents:
        for i in range(1, len(s)):
            w = s[i]
            if s[i - 1] in _SENTENCE_OPENERS or not w[:1].isalpha():
                continue
            low = w.lower()
            total[low] += 1
            if w[:1].isupper():
                caps[low] += 1
    out = {}
    for w, n in total.items():
        if n >= min_count:
            r = caps[w] / n
            out[w] = "cap" if r >= 0.9 else "low" if r <= 0.1 else "mix"
    return out


def sentences(shared: pathlib.Path):
    for f in sorted((shared / "corpus" / "indosum").glob("dev.*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                for para in json.loads(line).get("paragraphs", []):
                    yield from para
    for conllu in (shared / "nlp" / "ud" / "csui" / "id_csui-ud-train.conllu",
                   shared / "nlp" / "ud" / "gsd" / "id_gsd-ud-dev.conllu"):
        with open(conllu, encoding="utf-8") as fh:
            sent = []
            for line in fh:
                if line.startswith("#"):
                    continue
                if not line.strip():
                    if sent:
                        yield sent
                    sent = []
                    continue
                cols = line.split("\t")
                if cols[0].isdigit():
                    sent.append(cols[1])
    from pantau.evaluate import ner as ner_eval

    for name in ner_eval.DATASETS:
        for words, _ in ner_eval.read_conll(ner_eval.split_path(shared, name, "train")):
            yield words


def kmeans(x: np.ndarray, k: int, seed: int, iters: int = 25) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        sims = x @ centers.T  # rows are unit vectors: cosine k-means
        labels = sims.argmax(1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c = members.sum(0)
                centers[j] = c / (np.linalg.norm(c) + 1e-9)
    return labels


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--contexts", type=int, default=1500)
    ap.add_argument("--levels", default="64,512,2048", help="k of each k-means granularity")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--case-out", default=str(CASE_OUT))
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)
    raw = list(sentences(shared))
    habits = case_habits(raw, args.min_count)
    with open(args.case_out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# How each word is capitalised inside sentences (cap/low/mix), built by "
                 "scripts/build_word_clusters.py from the same unlabelled text as word_clusters.tsv.\n"
                 "# version: 2025.2\n")
        for w in sorted(habits):
            if "\t" not in w:
                fh.write(f"{w}\t{habits[w]}\n")
    sents = [[w.lower() for w in s] for s in raw]
    freq = collections.Counter(w for s in sents for w in s)
    vocab = sorted(w for w, n in freq.items() if n >= args.min_count)
    index = {w: i for i, w in enumerate(vocab)}
    ctx_words = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:args.contexts]]
    cidx = {w: i for i, w in enumerate(ctx_words)}
    nc = len(ctx_words)
    m = np.zeros((len(vocab), 2 * nc + 2), dtype=np.float32)
    for s in sents:
        padded = ["<s>"] + s + ["</s>"]
        for i in range(1, len(padded) - 1):
            wi = index.get(padded[i])
            if wi is None:
                continue
            left, right = padded[i - 1], padded[i + 1]
            m[wi, cidx[left] if left in cidx else (2 * nc if left == "<s>" else 2 * nc + 1)] += 1
            if right in cidx:
                m[wi, nc + cidx[right]] += 1
    # positive pointwise mutual information
    total = m.sum()
    row = m.sum(1, keepdims=True) + 1e-9
    col = m.sum(0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        pmi = np.log((m * total) / (row * col))
    pmi[~np.isfinite(pmi)] = 0
    np.maximum(pmi, 0, out=pmi)
    rng = np.random.default_rng(13)
    omega = rng.standard_normal((pmi.shape[1], 128)).astype(np.float32)
    q, _ = np.linalg.qr(pmi @ omega)
    b = q.T @ pmi
    u, sv, _ = np.linalg.svd(b, full_matrices=False)
    emb = (q @ u[:, :96]) * sv[:96]
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    levels = [kmeans(emb, int(k), seed=i + 1) for i, k in enumerate(args.levels.split(","))]
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Word clusters for the NER tagger, built by scripts/build_word_clusters.py\n")
        fh.write("# Sources: IndoSum dev (CC BY-SA 4.0), UD Indonesian-CSUI train (CC BY-SA 4.0), "
                 "UD Indonesian-GSD dev (CC BY-SA 4.0), NER training splits (words only).\n"
                 f"# version: 2025.2; columns: word, then cluster ids at k = {args.levels}\n")
        for i, w in enumerate(vocab):
            if "\t" not in w:
                fh.write(w + "\t" + "\t".join(str(lv[i]) for lv in levels) + "\n")
    print(f"{len(vocab)} words clustered -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
