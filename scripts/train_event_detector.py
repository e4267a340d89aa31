"""Train the event-mention detector (pantau/nlp/event_detector.py) from training/events.

Each labelled IndoSum article is analysed by the pipeline as it is (so the features are the ones the
events stage sees at run time), its labelled sentences are found in the record's text, and two
L2-regularised logistic models are fitted with L-BFGS (deterministic): P(event) over all sentences,
and the event type over the event sentences. Five folds grouped by article (no article in two folds)
choose the decision threshold (best F1 out of fold) and the guard (the probability above which
97 % of out-of-fold event sentences lie), and give the figures printed with their spread. The
agreement sample (labels.agreement.tsv) is a second opinion on articles already labelled and is not
used for training.

    python scripts/train_event_detector.py [--out pantau/models/event_detector.tsv]
"""
from __future__ import annotations

import argparse
import hashlib
import pathlib
import statistics
import sys

import numpy as np
from scipy import optimize, sparse

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # event_training, beside this script
# inverse L2 strengths tried; the grouped folds choose the pair (best sentence F1 + half the type accuracy)
GRID = [(0.1, 1.0), (0.3, 1.0), (1.0, 1.0), (3.0, 1.0), (1.0, 0.3), (1.0, 3.0)]
MIN_COUNT = 2  # a feature seen in fewer training sentences carries no weight
FOLDS = 5


def load_examples():
    from event_training import analysed_articles, label_rows
    from pantau.nlp.event_detector import features

    labels: dict[tuple[str, int], dict] = {}
    for r in label_rows():
        key = (r["doc_id"], int(r["sent"]))
        if key not in labels or r["label"] == "event":  # a sentence with an event row is an event sentence
            labels[key] = r
    examples = []  # (doc id, features, is_event, event_type)
    missing = 0
    for art, rec, spans in analysed_articles():
        for i, span in enumerate(spans):
            if span is None:
                missing += 1  # removed or changed by the clean stage
                continue
            row = labels.get((art["id"], i))
            is_event = bool(row and row["label"] == "event")
            examples.append((art["id"], features(rec, *span), is_event, row["event_type"] if is_event else None))
    return examples, missing


def design(examples, vocab=None):
    if vocab is None:
        counts: dict[str, int] = {}
        for _, feats, _, _ in examples:
            for f in feats:
                counts[f] = counts.get(f, 0) + 1
        vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT or f == "bias"))}
    rows, cols = [], []
    for k, (_, feats, _, _) in enumerate(examples):
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                rows.append(k)
                cols.append(j)
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    return X, vocab


def fit_binary(X, y, c):
    n, d = X.shape
    pos = y.mean()
    # classes weighted so the rare event sentences count as much as the rest together
    w_s = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))

    def loss(w):
        z = X @ w
        p = 1 / (1 + np.exp(-z))
        ll = -(w_s * (y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))).sum()
        reg = 0.5 / c * (w[1:] @ w[1:]) if d > 1 else 0.0
        grad = X.T @ (w_s * (p - y)) + np.concatenate([[0.0], w[1:] / c])
        return -ll + reg, grad

    res = optimize.minimize(loss, np.zeros(d), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x


def fit_multi(X, y, k, c):
    n, d = X.shape
    Y = np.zeros((n, k))
    Y[np.arange(n), y] = 1

    def loss(flat):
        W = flat.reshape(d, k)
        Z = X @ W
        Z = Z - Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        ll = (Y * np.log(P + 1e-12)).sum()
        grad = X.T @ (P - Y) + W / c
        return -ll + 0.5 / c * (W * W).sum(), grad.ravel()

    res = optimize.minimize(loss, np.zeros(d * k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x.reshape(d, k)


def fold_of(doc: str) -> int:
    return int(hashlib.sha1(doc.encode()).hexdigest(), 16) % FOLDS


def prf(pred, gold):
    tp = int((pred & gold).sum())
    p = tp / max(1, pred.sum())
    r = tp / max(1, gold.sum())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(examples, types, c_event, c_type):
    oof = np.zeros(len(examples))
    type_hits = []
    for k in range(FOLDS):
        train = [x for x in examples if fold_of(x[0]) != k]
        test_idx = [i for i, x in enumerate(examples) if fold_of(x[0]) == k]
        X, vocab = design(train)
        w = fit_binary(X, np.array([x[2] for x in train], float), c_event)
        Xt, _ = design([examples[i] for i in test_idx], vocab)
        oof[test_idx] = 1 / (1 + np.exp(-(Xt @ w)))
        ev = [x for x in train if x[2]]
        Xe, vocab_e = design(ev)
        W = fit_multi(Xe, np.array([types.index(x[3]) for x in ev]), len(types), c_type)
        tev = [examples[i] for i in test_idx if examples[i][2]]
        if tev:
            Xte, _ = design(tev, vocab_e)
            pred = (Xte @ W).argmax(axis=1)
            type_hits.append(float(np.mean([types[p] == x[3] for p, x in zip(pred, tev)])))
    return oof, type_hits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "pantau" / "models" / "event_detector.tsv"))
    args = ap.parse_args()
    examples, missing = load_examples()
    gold = np.array([x[2] for x in examples])
    types = sorted({x[3] for x in examples if x[2]})
    docs = sorted({x[0] for x in examples})
    print(f"{len(docs)} articles, {len(examples)} sentences ({missing} removed as boilerplate), "
          f"{int(gold.sum())} event sentences", file=sys.stderr)
    best = None
    for c_event, c_type in GRID:
        oof, type_hits = cross_validate(examples, types, c_event, c_type)
        thresholds = np.round(np.arange(0.05, 0.96, 0.05), 2)
        f1s = [prf(oof >= t, gold)[2] for t in thresholds]
        t_best = float(thresholds[int(np.argmax(f1s))])
        per_fold = []
        for k in range(FOLDS):
            idx = np.array([fold_of(x[0]) == k for x in examples])
            per_fold.append(prf(oof[idx] >= t_best, gold[idx]))
        f1 = [f for _, _, f in per_fold]
        print(f"C_event={c_event} C_type={c_type}: threshold {t_best}, sentence F1 "
              f"{statistics.mean(f1):.3f} ± {statistics.stdev(f1):.3f} (P {statistics.mean(p for p, _, _ in per_fold):.3f}, "
              f"R {statistics.mean(r for _, r, _ in per_fold):.3f}); type accuracy "
              f"{statistics.mean(type_hits):.3f} ± {statistics.stdev(type_hits):.3f}", file=sys.stderr)
        score = statistics.mean(f1) + 0.5 * statistics.mean(type_hits)
        if best is None or score > best[0]:
            guard = float(np.quantile(oof[gold], 0.03))
            best = (score, c_event, c_type, t_best, guard, statistics.mean(f1), statistics.stdev(f1),
                    statistics.mean(type_hits), statistics.stdev(type_hits))
    _, c_event, c_type, t_best, guard, f1m, f1s, tm, ts = best
    X, vocab = design(examples)
    w = fit_binary(X, gold.astype(float), c_event)
    ev = [x for x in examples if x[2]]
    Xe, vocab_e = design(ev)
    W = fit_multi(Xe, np.array([types.index(x[3]) for x in ev]), len(types), c_type)
    names = {i: f for f, i in vocab.items()}
    names_e = {i: f for f, i in vocab_e.items()}
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# Event-mention detector weights: written by scripts/train_event_detector.py from training/events\n"
                  f"# ({len(docs)} IndoSum articles, {len(examples)} sentences, {int(gold.sum())} event sentences; CC BY-SA 4.0).\n"
                  f"# Five folds grouped by article: sentence F1 {f1m:.3f} ± {f1s:.3f} at the threshold below, "
                  f"type accuracy {tm:.3f} ± {ts:.3f}.\n")
        out.write("model\tfeature\tweight\n")
        out.write(f"meta\tthreshold\t{t_best}\nmeta\tguard\t{guard:.3f}\nmeta\tC_event\t{c_event}\nmeta\tC_type\t{c_type}\n")
        for i in range(len(w)):
            if abs(w[i]) >= 1e-3:
                out.write(f"event\t{names[i]}\t{w[i]:.4f}\n")
        for j, t in enumerate(types):
            for i in range(W.shape[0]):
                if abs(W[i, j]) >= 1e-3:
                    out.write(f"{t}\t{names_e[i]}\t{W[i, j]:.4f}\n")
    print(f"wrote {args.out}: threshold {t_best}, guard {guard:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
