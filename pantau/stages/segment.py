"""Sentences and tokens as character spans over the cleaned text.

`tokenize(text)` and `split_sentences(text)` are plain regex passes (no per-character
Python loop) so they stay fast on whole corpora; `run` stores both on the record:
`article["sentences"] = [{"span": [s, e]}]` and `article["_tokens"] = [(s, e), ...]`.

Rules (see docs/interface.md and tests/test_segment.py):
- every "\n" ends a sentence; inside a line a sentence ends at . ! ? … (plus closing
  quotes/brackets) followed by white space and a capital, digit, quote or bracket,
  or glued straight onto a capitalised word ("tubuh.Kemarin", scraping damage);
- no break after a listed abbreviation (pantau/data/abbreviations.tsv) or a single
  capital initial ("H. Ahmad");
- tokens keep numbers with inner separators ("300.000", "2,5", "7/8", "13/6/2025",
  "10.00"), hyphen/apostrophe compounds ("al-Assad", "pro-Assad", "Al-Fath"), web
  addresses and domains ("Liputan6.com", "REPUBLIKA.CO.ID"), listed abbreviations
  ("dr.", "Prof."); other punctuation becomes one token per mark ("..." and "--" stay whole).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from ..record import Options

_TLD = r"(?:com|co|id|net|org|go|ac|or|sch|mil|tv|info|news|io|uk|my|sg|au|us|ru|int|gov|edu|eu|de|fr|qa|tr|sy|ir)"


@functools.lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    """Abbreviations (with their final dot) from pantau/data/abbreviations.tsv."""
    path = resources.files("pantau") / "data" / "abbreviations.tsv"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbr = line.split("\t", 1)[0].strip()
        if abbr and abbr != "abbreviation":
            out.append(abbr)
    # longest first so "S.Kom." wins over "S."
    return tuple(sorted(set(out), key=len, reverse=True))


def _abbrev_regex() -> str:
    parts = []
    for a in abbreviations():
        # "dr." also matches "Dr."/"DR."; abbreviations with inner capitals keep their case
        flags = "" if any(c.isupper() for c in a[1:]) else "(?i:" 
        body = re.escape(a)
        parts.append(f"{flags}{body})" if flags else body)
    return "|".join(parts)


@functools.lru_cache(maxsize=1)
def _token_re() -> re.Pattern:
    url = r"(?:https?://|www\.)[^\s<>\"'”’)\]]+[^\s<>\"'”’)\].,;:!?]"
    email = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    domain = rf"\w[\w-]*(?:\.[\w-]+)*\.(?i:{_TLD})\b(?:/[^\s\"'”’)\],;]*[^\s\"'”’)\].,;:!?])?"
    number = r"\d+(?:[.,:/]\d+)+"
    money = r"Rp(?=\d)|US\$|S\$|\$"
    abbrev = rf"(?<!\w)(?:{_abbrev_regex()})(?!\w)"
    initials = r"(?<!\w)(?:[A-Z]\.){2,}"  # "N.S.", "A.S." written with dots
    word = r"\w+(?:['’-]\w+)*"
    # speed: a plain word not touching ".", "@", "/", ":" or ",digit" cannot start any
    # of the special tokens, so it is tried first and the rest only when it fails
    plain_word = r"(?!Rp\d|https?:|www\.)\w+(?:['’-]\w+)*(?![\w.@/:$'’-]|,\d)"
    punct = r"\.{2,}|-{2,}|[^\w\s]"
    return re.compile("|".join([plain_word, url, email, domain, money, number, abbrev, initials, word, punct]))


_SPAN = re.Match.span


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the tokens of `text`."""
    return list(map(_SPAN, _token_re().finditer(text)))


# a candidate sentence end: terminal marks, then closing quotes/brackets
_END = r"(?:[.!?…]+|\.{2,})[\"'”’)\]]*"
_BREAK_RE = re.compile(
    rf"(?P<end>{_END})(?:(?P<space>[ \t\u00a0]+)(?=[\"'“‘(\[A-Z0-9À-Þ])|(?=[A-Z][a-z]))"
)
_LAST_WORD_RE = re.compile(r"(\S+)$")


@functools.lru_cache(maxsize=1)
def _abbrev_sets() -> tuple[frozenset, frozenset]:
    exact, folded = set(), set()
    for a in abbreviations():
        if any(c.isupper() for c in a[1:]):
            exact.add(a)
        else:
            folded.add(a.lower())
    return frozenset(exact), frozenset(folded)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the "." at `dot` closes an abbreviation or an initial."""
    m = _LAST_WORD_RE.search(text, max(0, dot - 24), dot + 1)
    if not m:
        return False
    word = m.group(1).lstrip("(\"'“‘[")
    exact, folded = _abbrev_sets()
    if word in exact or word.lower() in folded:
        return True
    # a single capital initial ("H. Ahmad", "Andi N. Kuncoro") or dotted initials ("N.S.")
    return bool(re.fullmatch(r"(?:[A-Z]\.)+", word))


def _line_sentences(text: str, start: int, end: int, out: list) -> None:
    s = start
    for m in _BREAK_RE.finditer(text, start, end):
        mark = m.group("end")
        stop = m.end("end")
        if mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1 and _is_abbreviation(text, m.start("end")):
            continue
        if m.group("space") is None:
            # glued boundary ("tubuh.Kemarin"): only after a lower-case word or ")"
            prev = text[m.start() - 1] if m.start() > start else ""
            if not (prev.islower() or prev in ")\"”") or not mark.startswith((".", "!", "?")):
                continue
        _append(text, s, stop, out)
        s = stop
    _append(text, s, end, out)


def _append(text: str, s: int, e: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of `text`; no span crosses a newline."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        if nl > pos:
            _line_sentences(text, pos, nl, out)
        pos = nl + 1
    return out


def run(article: dict, options: Options | None = None) -> dict:
    text = article.get("text") or ""
    article["sentences"] = [{"span": [s, e]} for s, e in split_sentences(text)]
    article["_tokens"] = tokenize(text)
    return article
