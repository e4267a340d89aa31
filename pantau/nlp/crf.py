"""Linear-chain CRF decoding without crfsuite at run time.

crfsuite's tagger looks every feature string of every token up in its attribute
dictionary and sums the weights again for each occurrence of a word. Here the model's
weights are a dense matrix (one row per attribute, one column per label), so a caller
can sum the weights of everything that depends on one word once, cache that row, and
score a whole text with a few array gathers; the best label path is then found for all
sentences of the text at once (Viterbi, one step per position).

The weights come from the trained crfsuite model: scripts/export_ner_weights.py writes
them next to it (`*.weights.npz`); tests check the export agrees with the model and that
the decoded tags equal crfsuite's own.

Public:
    CrfWeights.load(path) / CrfWeights.from_crfsuite(model_path) / .save(path)
    CrfWeights.rows(attr_lists) -> summed weight row per list of attributes
    viterbi(emissions, lengths, transitions) -> best label index per token (C, or numpy)
"""
from __future__ import annotations

import itertools
import pathlib

import numpy as np


class CrfWeights:
    """labels: in crfsuite's internal order (which also breaks ties the way crfsuite does);
    state: (attributes + 1) x labels, row 0 all zeros for unknown attributes;
    transitions: labels x labels, [previous, current]."""

    def __init__(self, labels: list[str], attributes: list[str], state: np.ndarray,
                 transitions: np.ndarray):
        self.labels = labels
        self.attributes = attributes
        self.state = state
        self.transitions = transitions
        self.index = {a: i for i, a in enumerate(attributes, 1)}

    @classmethod
    def from_crfsuite(cls, model_path: str | pathlib.Path) -> "CrfWeights":
        from ..extras import need

        pycrfsuite = need("pycrfsuite")  # the `train` extra: exporting weights, not decoding
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        labels = [lab for lab, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
        lab_id = {lab: i for i, lab in enumerate(labels)}
        attributes = sorted({a for a, _ in info.state_features})
        index = {a: i for i, a in enumerate(attributes, 1)}
        state = np.zeros((len(attributes) + 1, len(labels)))
        for (attr, lab), w in info.state_features.items():
            state[index[attr], lab_id[lab]] = w
        transitions = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            transitions[lab_id[a], lab_id[b]] = w
        return cls(labels, attributes, state, transitions)

    def save(self, path: str | pathlib.Path) -> None:
        rows, cols = np.nonzero(self.state)
        with open(path, "wb") as fh:  # a file object: np.savez would append ".npz" to a path
            np.savez_compressed(
                fh,
                labels=np.frombuffer("\n".join(self.labels).encode(), dtype=np.uint8),
                attributes=np.frombuffer("\n".join(self.attributes).encode(), dtype=np.uint8),
                rows=rows.astype(np.int32), cols=cols.astype(np.int8),
                weights=self.state[rows, cols], transitions=self.transitions)

    @classmethod
    def load(cls, path: str | pathlib.Path) -> "CrfWeights":
        with np.load(path) as z:
            labels = z["labels"].tobytes().decode().split("\n")
            attributes = z["attributes"].tobytes().decode().split("\n")
            state = np.zeros((len(attributes) + 1, len(labels)))
            state[z["rows"], z["cols"]] = z["weights"]
            return cls(labels, attributes, state, z["transitions"].copy())

    def rows(self, attr_lists: list[list[str]]) -> np.ndarray:
        """The summed weights of each list of attributes (unknown ones weigh nothing)."""
        flat = list(map(self.index.get, itertools.chain.from_iterable(attr_lists), itertools.repeat(0)))
        return self.rows_of_ids(flat, list(map(len, attr_lists)))

    def rows_of_ids(self, flat: list[int], sizes: list[int]) -> np.ndarray:
        """rows() of lists given as attribute rows (0: unknown), one after another, and their sizes."""
        if not sizes:
            return np.zeros((0, len(self.labels)))
        sizes = np.asarray(sizes, dtype=np.intp)
        total = len(flat)
        idx = np.zeros(total + 1, dtype=np.intp)  # one spare zero row: reduceat needs it
        idx[:total] = flat
        starts = np.cumsum(sizes) - sizes
        out = np.add.reduceat(self.state[idx], starts, axis=0)
        out[sizes == 0] = 0.0  # reduceat gives an empty segment its next row, not nothing
        return out

    def by_template(self) -> dict[str, dict[str, int]]:
        """Attribute rows by template: "-1w=jakarta" is found as ["-1w"]["jakarta"], so a
        caller can look a word up under many templates without building the strings."""
        out: dict[str, dict[str, int]] = {}
        for row, attr in enumerate(self.attributes, 1):
            head, sep, value = attr.partition("=")
            if sep:
                out.setdefault(head, {})[value] = row
        return out


try:  # the decoder in C (setup.py builds it where a compiler is at hand)
    from . import _viterbi
except ImportError:  # pragma: no cover - depends on the machine that installed pantau
    _viterbi = None


def viterbi(emissions: np.ndarray, lengths: list[int], transitions: np.ndarray) -> np.ndarray:
    """Best label index per token for consecutive sentences of the given lengths.

    emissions: tokens x labels, the sentences one after another. Ties go to the lowest
    label index, as in crfsuite. In C when pantau.nlp._viterbi was built, else viterbi_numpy()."""
    if _viterbi is None:
        return viterbi_numpy(emissions, lengths, transitions)
    out = np.empty(len(emissions), dtype=np.int64)
    _viterbi.decode(np.ascontiguousarray(emissions, dtype=np.float64),
                    np.asarray(lengths, dtype=np.int64),
                    np.ascontiguousarray(transitions, dtype=np.float64), out)
    return out


def viterbi_numpy(emissions: np.ndarray, lengths: list[int], transitions: np.ndarray) -> np.ndarray:
    """viterbi() with numpy: the sentences are decoded together, one position at a time,
    longest first so the live ones are a prefix."""
    n_labels = transitions.shape[0]
    out = np.zeros(len(emissions), dtype=np.intp)
    if not lengths:
        return out
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp)
    lens = np.asarray(lengths, dtype=np.intp)
    order = np.argsort(-lens, kind="stable")
    lens, starts = lens[order], starts[order]
    longest = int(lens[0])
    # live[t] = how many sentences are longer than t (a prefix, as they are longest first)
    live = np.searchsorted(-lens, -np.arange(longest), side="left")
    score = emissions[starts].copy()  # sentences x labels
    back = np.zeros((longest, len(lens), n_labels), dtype=np.intp)
    for t in range(1, longest):
        k = live[t]
        cand = score[:k, :, None] + transitions[None, :, :]  # [sentence, previous, current]
        back[t, :k] = cand.argmax(axis=1)
        score[:k] = cand.max(axis=1) + emissions[starts[:k] + t]
    label = score.argmax(axis=1)
    rows = np.arange(len(lens))
    for t in range(longest - 1, -1, -1):  # walk back, all sentences at once
        k = live[t]
        if t < longest - 1:
            # a sentence that ends at t starts its walk here; the others step back
            step = back[t + 1, rows[:k], label[:k]]
            label[:k] = np.where(lens[:k] - 1 == t, label[:k], step)
        out[starts[:k] + t] = label[:k]
    return out
