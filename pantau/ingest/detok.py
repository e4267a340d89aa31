"""Detokenising IndoSum-style `paragraphs` (lists of sentences of tokens) into text.

IndoSum's tokeniser split punctuation, brackets, quotes, slashes and some
hyphens off words ("( 27 / 3 )", "bentrokan - bentrokan", "Instagram -nya").
We rebuild natural spacing: no space before closing punctuation, none after
opening brackets or an opening quote, straight quotes paired by tracking
whether one is open, and joins where the original plainly had none (dates like
"27/3", reduplication "bentrokan-bentrokan", "ke-26", scores "2-0").
"""
from __future__ import annotations

import re

CLOSING = {".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "...", "..", "…", "”", "’", "»"}
OPENING = {"(", "[", "{", "“", "‘", "«"}
STRAIGHT_QUOTES = {'"', "'", "`"}
CURRENCY_PREFIX = {"$", "€", "£", "¥"}
PREFIX_WORDS = {"ke", "se", "non", "pra", "pasca", "anti", "eks", "multi", "semi", "sub", "pro"}
# tokens that may take or give other spacing than "one space before"; any other token (most
# of them) takes the fast path in detokenize()
_SPECIAL = frozenset(CLOSING | OPENING | STRAIGHT_QUOTES | CURRENCY_PREFIX | {"/", "-"})
_WORD = re.compile(r"\w[\w.,&']*$")
_DIGITS = re.compile(r"\d+$")


def detokenize_paragraphs(paragraphs) -> str:
    """One line per paragraph; sentences inside a paragraph joined by one space."""
    lines = []
    for para in paragraphs or []:
        if isinstance(para, str):
            para = [para.split()]
        tokens = [tok for sent in para for tok in (sent.split() if isinstance(sent, str) else sent)]
        line = detokenize(tokens)
        if line:
            lines.append(line)
    return "\n".join(lines)


def detokenize(tokens) -> str:
    """Tokens of one paragraph (quotes may span its sentences) as natural text."""
    toks = [t.strip() for t in (str(t) for t in tokens if t is not None)]
    toks = _merge_dashes([t for t in toks if t])
    out: list[str] = []
    glue_next = False  # the previous token wants no space after it
    open_quotes: set[str] = set()
    special = _SPECIAL
    for i, tok in enumerate(toks):
        if tok not in special and tok[0] != "-":  # a word: one space before it, unless glued
            if out and not glue_next:
                out.append(" ")
            out.append(tok)
            glue_next = False
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok in STRAIGHT_QUOTES:
            opening = _quote_opens(tok, open_quotes, prev, nxt)
            if opening:
                open_quotes.add(tok)
                _append(out, tok, space=not glue_next)
                glue_next = True
            else:
                open_quotes.discard(tok)
                _append(out, tok, space=False)
                glue_next = False
            continue
        space = not glue_next and bool(out)
        glue_next = False
        if tok in CLOSING or tok.startswith("-") and len(tok) > 1 and tok[1:].isalpha():
            space = False  # ".", "%", ")" and the "-nya" suffix hang on the word before
            if tok in (":", ".") and _digit(prev) and _digit(nxt):
                glue_next = True  # "2 : 1" score, "10 . 30" -> "10.30"
        elif tok in ("/",):
            space, glue_next = False, True  # "27/3", "dan/atau", "exp/rer"
        elif tok == "-" and _joins_hyphen(prev, nxt, i):
            space, glue_next = False, True
        if tok in OPENING or tok in CURRENCY_PREFIX and _starts_digit(nxt):
            glue_next = True
        _append(out, tok, space=space)
    return "".join(out)


def _merge_dashes(toks: list[str]) -> list[str]:
    """"CNN Indonesia - - Seorang": the tokeniser split the "--" dash in two."""
    out: list[str] = []
    for tok in toks:
        if tok == "-" and out and out[-1] in ("-", "--"):
            out[-1] += "-"
        else:
            out.append(tok)
    return out


def _append(out: list[str], tok: str, *, space: bool) -> None:
    if out and space:
        out.append(" ")
    out.append(tok)


def _quote_opens(quote: str, open_quotes: set[str], prev: str | None, nxt: str | None) -> bool:
    if nxt is None:
        return False  # last token closes
    if prev is None:
        return True  # first token opens
    if quote == "'" and _digit(prev) and quote not in open_quotes:
        return False  # "90 + 4 '" minute mark
    if prev in (",", ".", "?", "!", "...", "…") and nxt[:1].islower():
        return False  # '..., " kata dia': closes a quote opened in an earlier paragraph
    if nxt in CLOSING and prev not in OPENING:
        return False  # 'kata "gila".'
    return quote not in open_quotes


def _joins_hyphen(prev: str | None, nxt: str | None, index: int) -> bool:
    """Whether "a - b" was the single word "a-b" before tokenising."""
    if not prev or not nxt or not _WORD.match(prev) or not _WORD.match(nxt):
        return False
    a, b = prev.lower(), nxt.lower()
    if index <= 2 and nxt[:1].isupper() and not nxt.isupper():
        return False  # dateline "Suara.com - Sebuah pesawat ..."
    if b.startswith(a) or a.startswith(b) or (len(a) > 3 and a in b) or (len(b) > 3 and b in a):
        return True  # reduplication: "bentrokan-bentrokan", "rekan-rekannya", "dimana-mana"
    if prev.isalpha() and nxt.isalpha() and prev.islower() and nxt.islower():
        return True  # lower-case compounds: "tarik-menarik", "play-off"
    if a in PREFIX_WORDS:
        return True  # "ke-26", "pasca-reformasi"
    if _digit(prev) and _digit(nxt):
        return True  # score or range: "2-0", "9-10"
    if _code(prev) and _code(nxt):
        return True  # "DPR-RI", "GSX-R150", "ID-SIRTII"
    return False


def _digit(tok: str | None) -> bool:
    return bool(tok) and bool(_DIGITS.match(tok))


def _starts_digit(tok: str | None) -> bool:
    return bool(tok) and tok[0].isdigit()


def _code(tok: str) -> bool:
    """An acronym or model code: all capitals and digits."""
    return tok.isupper() or any(c.isdigit() for c in tok) and tok.upper() == tok
