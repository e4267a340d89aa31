"""Cheap necessary conditions for case-insensitive patterns: speed only, never a different result.

Python's `re` scans a case-insensitive pattern position by position, while a case-sensitive one
with a literal start jumps straight to candidates (about four times faster on our texts). So a
stage that runs many re.IGNORECASE patterns first asks a case-sensitive *core* of each pattern
whether it occurs at all in the *folded* text, and runs the real pattern only where it may match.

fold(text) maps every character that re.IGNORECASE lets match an ASCII letter to that lower-case
letter, one character for one (offsets are kept): "A" -> "a", and the four non-ASCII characters
Python's re also equates with ASCII letters ("İ", "ı" -> "i", "ſ" -> "s", Kelvin sign -> "k";
tests/test_fastre.py checks this list against every code point). A pattern qualifies for a core
only when it is ASCII with no upper-case letters (so no \\W, \\S, \\B...), no numeric or hex escapes,
no anchors, word boundaries, lookarounds, inline flags or back-references: then whenever the
case-insensitive pattern matches text[p:q], the core matches fold(text) starting at p too.

finditer_at(rx, text, starts) is rx.finditer(text) tried only at the given positions, for a
pattern whose every match starts at one of them (an Aho-Corasick pass over its possible first
words lists them): a pattern that opens with a look-behind is otherwise tried at every position.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Iterator

_SPECIAL = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, **_SPECIAL})
# constructs a core cannot keep: upper case (also \W \S \D \B \A \Z), escapes that spell letters,
# back-references, anchors, word boundaries, and every (?...) group but the plain (?:...)
_UNSAFE = re.compile(r"[A-Z]|\\[0-9xuN]|\(\?[^:]|\$|(?<!\[)\^|\\b")


def remember_last(fn):
    """fn(text), remembering its answer for the last text object it was given: several
    stages ask for the same article text in turn. The answer is shared, so callers must not
    change it. Safe across threads (the remembered pair is replaced whole)."""
    last = [(None, None)]

    @functools.wraps(fn)
    def wrapper(text):
        key, answer = last[0]
        if key is not text:
            answer = fn(text)
            last[0] = (text, answer)
        return answer

    return wrapper


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@remember_last
def fold(text: str) -> str:
    """text with every character re.IGNORECASE equates with an ASCII letter made that letter."""
    if text.isascii():
        return text.lower()
    # translate() with a table costs a dictionary lookup per character; news text is
    # nearly all ASCII, so lower() (the same on ASCII) does the bulk and translate()
    # only the non-ASCII stretches. lower() keeps the length unless a character grows
    # ("İ" -> "i̇"); then translate() does the whole text.
    low = text.lower()
    if len(low) != len(text):
        return text.translate(_FOLD)
    parts, pos = [], 0
    for m in _NON_ASCII.finditer(text):
        parts.append(low[pos:m.start()])
        parts.append(m.group().translate(_FOLD))
        pos = m.end()
    parts.append(low[pos:])
    return "".join(parts)


def _class_end(pattern: str, j: int) -> int:
    """The index after the character class that opens at pattern[j] ("[")."""
    j += 3 if pattern.startswith("[^]", j) else 2 if pattern.startswith(("[]", "[^"), j) else 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _without_negative_lookarounds(pattern: str) -> str:
    """The pattern with its negative look-aheads and look-behinds ("menahan(?! diri)") left out: it
    matches wherever the pattern does (those only forbid matches), so its core is still a necessary
    condition."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        if pattern.startswith(("(?!", "(?<!"), i):
            depth, j = 0, i
            while j < n:
                ch = pattern[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == "[":  # a character class: its brackets are no groups
                    j = _class_end(pattern, j)
                    continue
                depth += ch == "("
                depth -= ch == ")"
                j += 1
                if depth == 0:
                    break
            i = j
            continue
        step = 2 if pattern[i] == "\\" else _class_end(pattern, i) - i if pattern[i] == "[" else 1
        out.append(pattern[i:i + step])
        i += step
    return "".join(out)


def core(pattern: str) -> re.Pattern | None:
    """A case-sensitive pattern to run over fold(text) that matches wherever `pattern` with
    re.IGNORECASE does; None when the pattern has constructs this cannot vouch for."""
    pattern = _without_negative_lookarounds(pattern)
    if not pattern.isascii() or _UNSAFE.search(pattern):
        return None
    try:
        return re.compile(pattern)
    except re.error:
        return None


def required_literals(rx: re.Pattern | None) -> frozenset[str] | None:
    """Strings one of which every match of `rx` (a core) contains; None when none can be named.
    Read from the parsed pattern: a run of literal characters, or the union over the branches of
    an alternation, or what a group repeated at least once requires; the longest such set wins."""
    if rx is None:
        return None
    try:
        from re import _constants as c, _parser

        return _required(_parser.parse(rx.pattern), c)
    except Exception:  # a parser this code does not know: no shortcut, same results
        return None


def _required(seq, c, ignore_case: bool = True) -> frozenset[str] | None:
    """Literals one of which every match of the parsed pattern `seq` contains (None: no such set).
    Look-arounds require nothing; in a case-sensitive pattern (ignore_case False) a group that turns
    case-insensitivity on requires nothing either (its literals may be written in any case)."""
    best: frozenset[str] | None = None

    def consider(cands):
        nonlocal best
        if cands and all(cands) and (best is None or min(map(len, cands)) > min(map(len, best))):
            best = cands

    run: list[str] = []
    for op, av in seq:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not ignore_case and add_flags & c.SRE_FLAG_IGNORECASE:
                continue
            consider(_required(sub, c, ignore_case))
        elif op is c.BRANCH:
            parts = [_required(b, c, ignore_case) for b in av[1]]
            if all(p is not None for p in parts):
                consider(frozenset().union(*parts))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2], c, ignore_case))
    consider(frozenset({"".join(run)}) if run else None)
    return best


class Prefilter:
    """For a list of case-insensitive patterns, one Aho-Corasick pass over the folded text tells
    where each may match: a match of pattern i inside [s, e) contains one of its required
    literals, so one of those starts inside [s, e). Patterns without a core or literals always may."""

    def __init__(self, patterns: list[str]):
        import ahocorasick_rs

        self.required = [required_literals(core(p)) for p in patterns]
        literals = sorted({lit for req in self.required if req for lit in req})
        self._owners: list[list[int]] = [[] for _ in literals]
        where = {lit: k for k, lit in enumerate(literals)}
        for i, req in enumerate(self.required):
            for lit in req or ():
                self._owners[where[lit]].append(i)
        self._ac = ahocorasick_rs.AhoCorasick(literals, matchkind=ahocorasick_rs.MatchKind.Standard) \
            if literals else None

    def possible(self, text: str) -> set[int]:
        """The patterns that may match somewhere in text: those with one of their required
        literals in fold(text), and those without literals."""
        out = {i for i, req in enumerate(self.required) if req is None}
        if self._ac is not None:
            owners = self._owners
            for k in {k for k, _s, _e in self._ac.find_matches_as_indexes(fold(text), overlapping=True)}:
                out.update(owners[k])
        return out

    def scan(self, text: str) -> "Candidates":
        starts: dict[int, list[int]] = {}
        if self._ac is not None:
            for k, s, _e in self._ac.find_matches_as_indexes(fold(text), overlapping=True):
                for i in self._owners[k]:
                    starts.setdefault(i, []).append(s)
        for lst in starts.values():
            lst.sort()
        return Candidates(self.required, starts)


class Candidates:
    """Prefilter.scan's answer for one text."""

    def __init__(self, required, starts):
        self._required = required
        self._starts = starts

    def may_match(self, i: int, s: int = 0, e: int | None = None) -> bool:
        if self._required[i] is None:
            return True
        starts = self._starts.get(i)
        if not starts:
            return False
        if e is None:
            return starts[-1] >= s
        k = bisect.bisect_left(starts, s)
        return k < len(starts) and starts[k] < e


def finditer_at(rx: re.Pattern, text: str, starts: list[int] | None) -> Iterator[re.Match]:
    """The non-empty matches of rx.finditer(text), trying only the given start positions
    (every possible match start must be among them); plain finditer when starts is None."""
    if starts is None:
        yield from (m for m in rx.finditer(text) if m.end() > m.start())
        return
    pos, last = 0, -1
    match = rx.match
    for s in starts:
        if s < pos or s == last:
            continue
        last = s
        m = match(text, s)
        if m is not None and m.end() > s:
            yield m
            pos = m.end()


# ---------------------------------------------------------------- fast scanning
#
# Python's regex engine tries a pattern that opens with optional words ("sejak", "lebih
# dari") at every character of the text, which made the time and number scans the slowest
# part of the pipeline. Instead, one Aho-Corasick pass over the lower-cased text lists the
# places where a match can begin (the literal words a pattern may start with, found even
# inside longer words so nothing is lost) plus the starts of digit runs; the pattern is then
# only tried there. The matches are exactly those of `rx.finditer(text)`.

# Characters that `re.IGNORECASE` folds onto ASCII letters although str.lower() does not
# (dotted/dotless i, long s, Kelvin sign): texts holding them take the plain slow path.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGIT_RUN = re.compile(r"\d+")


class StartIndex:
    """Where matches of several named patterns can begin, found in one pass over a text.

    `starts` maps a pattern name to the literal strings (any case) a match of it can begin
    with; names in `digits` can also begin at the start of a run of digits."""

    def __init__(self, starts: dict[str, Iterable[str]], digits: Iterable[str] = ()):
        import ahocorasick_rs

        by_word: dict[str, set[str]] = {}
        for name, words in starts.items():
            for w in words:
                w = w.lower().split()[0] if w.strip() else ""
                if w:
                    by_word.setdefault(w, set()).add(name)
        self.words = sorted(by_word)
        self.names_of = [tuple(sorted(by_word[w])) for w in self.words]
        self.names = set(starts) | set(digits)
        self.digits = tuple(digits)
        self.ac = ahocorasick_rs.AhoCorasick(self.words, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)

    def candidates(self, text: str) -> dict[str, list[int]] | None:
        """Sorted possible match starts per pattern name; None when the text needs the
        plain scan (lower-casing changes its length, or it holds case-folding traps)."""
        low = text.lower()
        if len(low) != len(text) or _CASE_TRAPS.search(text):
            return None
        out: dict[str, list[int]] = {name: [] for name in self.names}
        names_of = self.names_of
        for i, s, _ in self.ac.find_matches_as_indexes(low, overlapping=True):
            for name in names_of[i]:
                out[name].append(s)
        if self.digits:
            runs = [m.start() for m in _DIGIT_RUN.finditer(text)]
            for name in self.digits:
                out[name].extend(runs)
        for starts in out.values():
            starts.sort()
        return out


# ---------------------------------------------------------------- gates
#
# A pattern searched over a whole text (a feast's words, an event name before a year) mostly
# finds nothing, yet Python's regex engine tries it at every position when it opens with a
# look-behind or ignores case. Most such patterns require some literal string in every match
# ("lebaran" or "idul fitri" ...): when none of them occurs in the text, the pattern cannot match
# and the scan is skipped. The literals are read off the compiled pattern itself.

class Gate:
    """gate.may_match(text) is False only when the compiled pattern `rx` cannot match anywhere in
    text (nor in any part of it): no literal every match contains occurs there. Case-insensitive
    patterns are checked against fold(text) with their literals in lower case; a pattern whose
    literals cannot be named (or are not ASCII where case is ignored) always may match."""

    def __init__(self, rx: re.Pattern):
        self.ignore_case = bool(rx.flags & re.IGNORECASE)
        try:
            from re import _constants as c, _parser

            lits = _required(_parser.parse(rx.pattern, rx.flags & ~re.IGNORECASE & 0xFFFF),
                             c, self.ignore_case)
        except Exception:  # a parser this code does not know: no gate, same results
            lits = None
        if lits is not None and self.ignore_case:
            lits = frozenset(lit.lower() for lit in lits) if all(lit.isascii() for lit in lits) else None
        self.literals = lits
        self._ac = None
        if lits and len(lits) > 8:
            import ahocorasick_rs

            self._ac = ahocorasick_rs.AhoCorasick(sorted(lits), matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)

    def may_match(self, text: str) -> bool:
        if self.literals is None:
            return True
        target = fold(text) if self.ignore_case else text
        if self._ac is not None:
            return bool(self._ac.find_matches_as_indexes(target, overlapping=False))
        return any(lit in target for lit in self.literals)


@functools.lru_cache(maxsize=None)
def gate(rx: re.Pattern) -> Gate:
    """The Gate of a compiled pattern, made once."""
    return Gate(rx)
