"""Full-text search over the store: SQLite FTS5 plus Indonesian stemming (Sastrawi).

Every article is indexed twice: its own words (title, body) and their stems, so
"pengepungan" finds "kepung" and "dikepung". A query is a list of words, "quoted
phrases", OR, and -exclusions; each bare word matches its own form or its stem.
"""
from __future__ import annotations

import functools
import re

from ..nlp.text import root_words, stem_table

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer

    # Sastrawi keeps its 30k root words in a list and tests membership by scanning it
    # (tens of ms a word); the same words in a set give the same stems ~1000x faster.
    roots = ArrayDictionary()
    roots.words = set(root_words())
    stemmer = Stemmer(roots)
    gate_prefix_rules(stemmer.visitor_provider.prefix_pisitors)
    return stemmer


# Sastrawi's prefix rules read the word in one of these two ways (or the group gets no gate)
_RULE_MATCH = re.compile(r"""re\.match\(r?(['"])(.+?)\1, word\)""")
_RULE_EQUALS = re.compile(r"""\bword == (['"])(\w+)\1""")


def gate_prefix_rules(visitors: list) -> int:
    """Speed only, the same stems: for a word not in the stem table Sastrawi visits each of its
    40 groups of prefix rules (about 120 visits a word, each running regular expressions
    through `re`'s cache), though a rule can only apply to a word that begins as its patterns
    require. Each group whose rules read the word only through `re.match(PATTERN, word)` and
    `word == "..."` gets a gate built from that source: the beginnings those require. A word
    that begins otherwise would make every rule of the group return None, and the visit do
    nothing, so the gate skips it. A group whose rules read the word in any other way keeps no
    gate. Returns the number of groups gated. (tests/test_search.py compares the stems with
    Sastrawi's own on the corpora's words.)"""
    import inspect

    gated = 0
    for visitor in visitors:
        starts: set[str] = set()
        for rule in getattr(visitor, "disambiguators", None) or [None]:
            try:
                found = _rule_starts(inspect.getsource(type(rule).disambiguate)) if rule else None
            except Exception:  # source not there, a pattern re's parser refuses...: no gate, only slower
                found = None
            if not found:
                break
            starts |= found
        else:
            visitor.visit = _gated(visitor.visit, tuple(sorted(starts)))
            gated += 1
    return gated


def _gated(visit, starts: tuple[str, ...]):
    def gated_visit(context):
        if context.current_word.startswith(starts):
            visit(context)
    return gated_visit


def _rule_starts(source: str) -> set[str] | None:
    """The beginnings one of which a word needs for this rule's code to return a stem, or None
    when that cannot be read off its source."""
    matches, equals = _RULE_MATCH.findall(source), _RULE_EQUALS.findall(source)
    # every mention of the word (its parameter, once) must be one of those
    if len(re.findall(r"\bword\b", source)) != 1 + len(matches) + len(equals) or not (matches or equals):
        return None
    starts = {w for _q, w in equals}
    for _q, pattern in matches:
        found = _pattern_starts(pattern)
        if not found:
            return None
        starts |= found
    return starts


def _pattern_starts(pattern: str) -> set[str] | None:
    """What a string must begin with for re.match(pattern) to match it: the pattern's leading
    literal characters, or the characters of its first class; None when it is anything else."""
    from re import _constants as c, _parser

    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:  # "(?i)": a beginning in either case
        return None
    items = list(parsed)
    if items and items[0] == (c.AT, c.AT_BEGINNING):
        items = items[1:]
    literal = ""
    for op, arg in items:
        if op is not c.LITERAL:
            break
        literal += chr(arg)
    if literal:
        return {literal}
    while items and items[0][0] is c.SUBPATTERN:  # (group): its own first item
        items = list(items[0][1][-1])
    if not items or items[0][0] is not c.IN:
        return None
    chars: set[str] = set()
    for op, arg in items[0][1]:
        if op is c.LITERAL:
            chars.add(chr(arg))
        elif op is c.RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:  # a negated class, \w...: not a beginning to read
            return None
    return chars


def _stem_table() -> dict[str, str]:
    """Sastrawi's stems of frequent words, computed ahead (speed only, same stems)."""
    return stem_table()


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
