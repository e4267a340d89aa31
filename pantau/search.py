"""Full-text search over the store: SQLite FTS5 plus Indonesian stemming (Sastrawi).

Every article is indexed twice: its own words (title, body) and their stems, so
"pengepungan" finds "kepung" and "dikepung". A query is a list of words, "quoted
phrases", OR, and -exclusions; each bare word matches its own form or its stem.
"""
from __future__ import annotations

import functools
import pathlib
import re

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # Sastrawi keeps its 30k root words in a list and tests membership by scanning it
    # (tens of ms a word); the same words in a set give the same stems ~1000x faster.
    roots = ArrayDictionary()
    roots.words = {w for w in StemmerFactory().get_words_from_file() if w.strip()}
    return Stemmer(roots)


STEMS_PATH = pathlib.Path(__file__).resolve().parent / "data" / "search" / "stems.tsv"


@functools.lru_cache(maxsize=1)
def _stem_table() -> dict[str, str]:
    """Sastrawi's stems of frequent words, computed ahead (speed only, same stems)."""
    table: dict[str, str] = {}
    try:
        with open(STEMS_PATH, encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    w, _, s = line.rstrip("\n").partition("\t")
                    table[w] = s
    except FileNotFoundError:
        pass
    return table


def stem_word(word: str) -> str:
    word = word.lower()
    if len(word) <= 3 or not word.isalpha():
        return word  # numbers and short words stay as they are (and out of the cache)
    known = _stem_table().get(word)
    return known if known is not None else _stem_alpha(word)


@functools.lru_cache(maxsize=50_000)  # the words of a language repeat; bounded so memory stays flat
def _stem_alpha(word: str) -> str:
    """Sastrawi's stem (scripts/build_stems.py writes the table from this)."""
    return _stemmer().stem(word) or word


# the stems of words as written, filled as texts are stemmed: one dictionary lookup per word
# of a text instead of stem_word()'s call, lower-casing and checks (a few per cent of a whole
# run's time). Bounded, so a long run stays flat; past the bound words go the long way.
_STEM_OF: dict[str, str] = {}
_STEM_OF_MAX = 100_000


def stem_text(text: str) -> str:
    words = _WORD.findall(text)
    stems = list(map(_STEM_OF.get, words))
    if None in stems:
        for i, (w, st) in enumerate(zip(words, stems)):
            if st is None:
                st = stems[i] = stem_word(w)
                if len(_STEM_OF) < _STEM_OF_MAX:
                    _STEM_OF[w] = st
    return " ".join(stems)


_TERM = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


def parse_query(query: str) -> list:
    """The query language, parsed: a list of "OR" / "AND" and terms (negated, kind, words),
    kind "phrase" or "word"; operators left dangling at either end are dropped. Empty when the
    query cannot be run (nothing in it, or it starts with an exclusion)."""
    parts: list = []
    for m in _TERM.finditer(query or ""):
        neg, phrase, neg2, word = m.group(1), m.group(2), m.group(3), m.group(4)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append((bool(neg), "phrase", words))
            continue
        if word.upper() in ("OR", "AND"):
            parts.append(word.upper())
            continue
        words = _WORD.findall(word)
        if words:
            parts.append((bool(neg2), "word", words))
    while parts and parts[-1] in ("OR", "AND"):
        parts.pop()
    while parts and parts[0] in ("OR", "AND"):
        parts.pop(0)
    if parts and parts[0][0]:  # FTS engines cannot start with NOT
        return []
    return parts


def fts_query(query: str) -> str:
    """Translate a user query into an FTS5 MATCH expression (never raises)."""
    out: list[str] = []
    for p in parse_query(query):
        if p in ("OR", "AND"):
            out.append(p)
            continue
        neg, kind, words = p
        if kind == "phrase":
            expr = '"' + " ".join(words) + '"'
        else:
            expr = f'("{" ".join(words)}" OR stems:"{" ".join(stem_word(x) for x in words)}")'
        if out and out[-1] not in ("OR", "AND") and not neg:
            out.append("AND")
        out.append(("NOT " if neg else "") + expr)
    return " ".join(out)
