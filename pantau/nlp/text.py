"""Small text utilities the stages share: the data TSV reader, the stem table and root words, and sentence spans."""
from __future__ import annotations

import csv
import functools
import pathlib
import re
from typing import Any

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"


@functools.lru_cache(maxsize=1)
def stem_table() -> dict[str, str]:
    """word -> Sastrawi's stem of the frequent words (data/search/stems.tsv, computed ahead; empty if absent):
    read once for the search index and the de-gluer's vocabulary."""
    table: dict[str, str] = {}
    try:
        with open(DATA / "search" / "stems.tsv", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    w, _, s = line.rstrip("\n").partition("\t")
                    table[w] = s
    except FileNotFoundError:
        pass
    return table


@functools.lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """The ~30k Indonesian root words Sastrawi (a dependency) stems against, read once."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(w for w in StemmerFactory().get_words_from_file() if w.strip())


def load_tsv(relpath: str) -> list[dict[str, str]]:
    """Rows of a data TSV (lines starting with '#' are comments)."""
    path = DATA / relpath
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def load_roles(relpath: str) -> dict[str, frozenset[str]]:
    """role -> the lower-cased words of a data TSV with `word` and `role` columns."""
    roles: dict[str, set[str]] = {}
    for row in load_tsv(relpath):
        roles.setdefault(row["role"], set()).add(row["word"].lower())
    return {role: frozenset(words) for role, words in roles.items()}


def sentence_spans(article: dict[str, Any]) -> list[tuple[int, int]]:
    """Sentence spans from the segment stage, or a plain split when it has not run."""
    sents = [tuple(s["span"]) for s in article.get("sentences") or []]
    if sents:
        return sents
    text = article.get("text") or ""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in re.finditer(r"(?<=[.!?])[\"\u201d']?\s+(?=[A-Z\"\u201c'(])", line.group()):
            end = line.start() + m.start() + (1 if m.group()[0] in "\"\u201d'" else 0)
            if text[start:end].strip():
                spans.append(strip_span(text, start, end))
            start = line.start() + m.end()
        if text[start:line.end()].strip():
            spans.append(strip_span(text, start, line.end()))
    return spans


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# a quote opens with one of these marks and closes with its pair (straight quotes pair up in order)
QUOTE_MARKS = {"\u201c": "\u201d", '"': '"'}
_QUOTE_OPENING = re.compile("[" + re.escape("".join(QUOTE_MARKS)) + "]")


def quote_pairs(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """(open, close) offsets of the quote marks in text[ps:pe] (one paragraph); straight quotes pair up in order."""
    pairs = []
    i = ps
    while i < pe:
        m = _QUOTE_OPENING.search(text, i, pe)  # jump to the next opening mark
        if m is None:
            break
        i = m.start()
        close = text.find(QUOTE_MARKS[text[i]], i + 1, pe)
        if close == -1:
            break
        pairs.append((i, close))
        i = close + 1
    return pairs
