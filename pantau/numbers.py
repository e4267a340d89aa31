"""Numbers and quantities in Indonesian news text ("lebih dari 78 ribu warga sipil").

Each quantity gets its value (or a low/high range for "puluhan", "10-20"), the hedge in
front of it (qualifier), the counted noun (unit) and what happened to the counted things
(role: killed, injured, displaced...). Knowledge lives in pantau/data/numbers/*.tsv; this
module only combines it with a few regular expressions compiled once.

Dates, times, years, ages, ordinals, phone numbers and law article numbers are not
quantities and are skipped; durations ("hampir enam bulan") are kept with role "duration".
"""
from __future__ import annotations

import csv
import functools
import math
import pathlib
import re
from typing import Any, Iterable

from . import fastre

DATA = pathlib.Path(__file__).parent / "data" / "numbers"

# Words before a number that make it a label, not a count (Pasal 27, RT 05, nomor 3).
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:pasal|ayat|nomor|nomer|no|hal|halaman|bab|rt|rw|seri|tipe|versi|kode|golongan|"
    r"gol|kelas|lantai|jilid|edisi|nopol|ke|tahap|gelombang|putaran|sesi|pekan|jalur|gate|"
    r"pintu|ruang|kamar|blok|gang|km|kilometer|usia|umur|berusia|berumur|usianya|umurnya|"
    r"tahun|pukul|jam|tanggal|tgl|skor)\.?\s*|\bke-\s*)$",
    re.IGNORECASE,
)
_LABEL_BEFORE_TAIL = 25  # characters of left context searched by _LABEL_BEFORE
_AGE_AFTER = re.compile(r"^\s*tahun\b", re.IGNORECASE)
_TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years"}


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


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return [row for row in rows]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer phrases first, with flexible spaces."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@functools.lru_cache(maxsize=None)
def _lexicon() -> dict[str, Any]:
    words = _read_tsv("words.tsv")
    lex: dict[str, Any] = {
        "digit": {r["word"]: float(r["value"]) for r in words if r["kind"] in ("digit", "fraction")},
        "teen": {r["word"] for r in words if r["kind"] == "teen"},
        "mult": {r["word"]: float(r["value"]) for r in words if r["kind"] == "multiplier"},
        "vague": {r["word"]: float(r["value"]) for r in words if r["kind"] == "vague"},
        "qualifiers": {r["phrase"]: r["qualifier"] for r in _read_tsv("qualifiers.tsv")},
        "roles": [(r["cue"], r["role"], r["position"]) for r in _read_tsv("roles.tsv")],
        "units": {r["noun"]: r["unit"] for r in _read_tsv("units.tsv")},
        "currencies": {r["prefix"]: r["unit"] for r in _read_tsv("currencies.tsv")},
    }
    word_alt = _alternation(list(lex["digit"]) + list(lex["teen"]) + ["puluh", "ratus"])
    mult_alt = _alternation(lex["mult"])
    vague_alt = _alternation(lex["vague"])
    digits = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    # A number: digits with an optional multiplier word, a run of number words, or a vague
    # quantity word. Guards keep "10.00", "7/8", "QZ8501" and "salah satu" out.
    amount = (
        rf"(?:(?<![\w.,/:-])(?:{digits})(?![\w]|[.,:/]\d)(?:\s*(?:{mult_alt})\b)?"
        rf"|(?<![\w-])(?:{word_alt})(?:\s+(?:{word_alt}|{mult_alt}))*(?![\w-])"
        rf"|(?<![\w-])(?:{vague_alt})(?![\w-]))"
    )
    lex["amount_re"] = amount
    qual_alt = _alternation(lex["qualifiers"])
    unit_alt = _alternation(lex["units"])
    cur_alt = _alternation(lex["currencies"])
    lex["number_re"] = re.compile(
        rf"(?:(?P<qual>(?<![\w-])(?:{qual_alt}))\s+(?:selama\s+)?)?"
        rf"(?:(?P<cur>{cur_alt})\s?)?"
        rf"(?P<a>{amount})"
        rf"(?:\s*(?:-|–|hingga|sampai|s\.d\.?|sd|atau)\s*(?P<b>{amount.replace(':-])', ':])')}))?"
        rf"(?:\s*(?P<pct>%)|\s+(?P<unit>(?:{unit_alt}))(?![\w-]))?",
        re.IGNORECASE,
    )
    # the literal words a quantity can begin with (qualifier, currency, number word)
    lex["number_starts"] = StartIndex(
        {"number": list(lex["qualifiers"]) + list(lex["currencies"]) + list(lex["digit"])
         + list(lex["teen"]) + ["puluh", "ratus"] + list(lex["vague"])},
        digits=["number"])
    lex["role_cues"] = [(cue, re.compile(rf"(?<![\w-]){re.escape(cue)}(?![\w-])"), role, pos)
                        for cue, role, pos in sorted(lex["roles"], key=lambda r: len(r[0]), reverse=True)]
    return lex


def words_value(phrase: str) -> float | None:
    """Value of a run of Indonesian number words or digits+multiplier ('dua puluh tiga' -> 23)."""
    lex = _lexicon()
    # pending = the last digit word; "puluh"/"ratus"/"belas" act on it alone, big
    # multipliers (ribu, juta) on everything since the previous big multiplier.
    total, current, pending, seen = 0.0, 0.0, 0.0, False
    for raw in re.split(r"\s+", phrase.strip().lower()):
        if not raw:
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", raw):
            current += pending
            pending = float(raw.replace(".", "").replace(",", "."))
        elif raw in lex["digit"]:
            current += pending
            pending = lex["digit"][raw]
        elif raw in lex["teen"]:
            current += pending + 10
            pending = 0
        elif raw == "puluh":
            current += (pending or 1) * 10
            pending = 0
        elif raw == "ratus":
            current += (pending or 1) * 100
            pending = 0
        elif raw in lex["mult"]:
            total += ((current + pending) or 1) * lex["mult"][raw]
            current = pending = 0
        else:
            return None
        seen = True
    return total + current + pending if seen else None


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def amount_range(text: str) -> tuple[float | None, float | None, bool]:
    """(low, high, vague) for one amount: '78 ribu' -> (78000, 78000); 'puluhan' -> (20, 99)."""
    lex = _lexicon()
    key = re.sub(r"\s+", " ", text.strip().lower())
    if key in lex["vague"]:
        low = lex["vague"][key]
        # "puluhan" = 20..99: the next power of ten minus one
        high = 10 ** (math.floor(math.log10(low)) + 1) - 1
        if key == "belasan":
            high = 19
        return low, high, True
    value = words_value(key)
    return value, value, False


def _clause_after(text: str, pos: int, max_words: int = 6) -> str:
    """Up to max_words words after pos, stopping at sentence/clause punctuation."""
    tail = re.split(r"[.;:!?\n,()\"“”]", text[pos:pos + 120], maxsplit=1)[0]
    return " ".join(tail.split()[:max_words])


def _clause_before(text: str, pos: int, max_words: int = 4) -> str:
    head = re.split(r"[.;:!?\n,()\"“”]", text[max(0, pos - 120):pos])[-1]
    return " ".join(head.split()[-max_words:])


def _role(text: str, start: int, num_end: int, unit: str | None) -> str:
    """What happened to the counted things: nearest cue after (clause) or before the number."""
    lex = _lexicon()
    after = _clause_after(text, num_end).lower()
    before = _clause_before(text, start).lower()
    best: tuple[int, str] | None = None
    for cue, pat, role, position in lex["role_cues"]:
        # the words must be there for the pattern to match: most cues are not, and the
        # substring test costs a fraction of a search
        if cue not in (after if position == "after" else before):
            continue
        if position == "after":
            m = pat.search(after)
            if m:
                dist = len(after[:m.start()].split())
                if best is None or dist < best[0]:
                    best = (dist, role)
        else:
            m = None
            for m in pat.finditer(before):
                pass
            if m:
                dist = len(before[m.end():].split())
                if best is None or dist < best[0]:
                    best = (dist, role)
    if best is not None:
        return best[1]
    if unit in _TIME_UNITS:
        return "duration"
    return "other"


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def extract_numbers(text: str, exclude: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """Quantities in text with span, value, low/high, qualifier, unit and role.

    `exclude` are spans of dates and times (from the timex stage); when None they are
    found here so that "Minggu (7/8)" or "22 Desember 2016" never become quantities.
    """
    if not text:
        return []
    if exclude is None:
        from . import timex
        exclude = [tuple(t["span"]) for t in timex.extract_timexes(text, None)
                   if t["type"] != "DURATION"]
    lex = _lexicon()
    out: list[dict[str, Any]] = []
    starts = lex["number_starts"].candidates(text)
    for m in fastre.finditer_at(lex["number_re"], text, starts and starts["number"]):
        a_start, a_end = m.span("a")
        if _overlaps((a_start, a_end), exclude):
            continue
        left = text[max(0, m.start() - _LABEL_BEFORE_TAIL):m.start()]
        if _LABEL_BEFORE.search(left) or re.search(r"\bsalah\s+$", left, re.I):
            continue
        a_text = m.group("a")
        if re.fullmatch(r"0\d{5,}|\d{9,}", a_text):  # phone numbers, ids
            continue
        low, high, vague = amount_range(a_text)
        if low is None:
            continue
        unit_word = m.group("unit")
        unit = "percent" if m.group("pct") else None
        if unit_word:
            unit = lex["units"].get(re.sub(r"\s+", " ", unit_word.lower()))
        if m.group("cur"):
            unit = lex["currencies"].get(m.group("cur")) or unit
        is_digits = re.fullmatch(r"\d{4}", a_text) is not None
        if is_digits and 1900 <= low <= 2100 and unit is None:
            continue  # a bare year
        if unit is None and not m.group("qual") and not vague and not m.group("b"):
            # a bare word number without noun ("satu", "dua") is rarely a quantity
            if not re.match(r"\d", a_text):
                continue
        qualifier = "exact"
        if m.group("qual"):
            qualifier = lex["qualifiers"].get(re.sub(r"\s+", " ", m.group("qual").lower()), "exact")
        value: float | None = low
        if m.group("b"):
            b_low, b_high, _ = amount_range(m.group("b"))
            if b_low is None:
                continue
            # "2-3 juta": the multiplier of the second part applies to the first
            if b_low > 0 and low < b_low and not re.search(r"[a-z]", a_text, re.I) and b_low / max(low, 1) >= 100:
                scale = 10 ** math.floor(math.log10(b_low / max(low, 1)))
                low = low * scale
            high = b_high
            value, qualifier = None, "range"
        elif vague:
            value, qualifier = None, "range"
        start, end = m.start(), m.end()
        item = {
            "text": text[start:end], "span": [start, end],
            "value": _plain(value) if value is not None else None,
            "low": _plain(low) if low is not None else None,
            "high": _plain(high) if high is not None and (vague or m.group("b") or qualifier in ("exact", "about")) else None,
            "qualifier": qualifier,
            "unit": unit,
            "role": "other",
        }
        if qualifier in ("more_than", "at_least"):
            item["high"] = None
        if qualifier in ("up_to", "less_than", "almost"):
            item["low"] = None
            item["high"] = _plain(value if value is not None else high)
        item["role"] = _role(text, start, a_end, unit)
        out.append(item)
    return out


def run(article: dict[str, Any], options=None) -> dict[str, Any]:
    """Pipeline stage: fill article['numbers'] (after the timex stage, which it reads)."""
    text = article.get("text") or ""
    exclude = None
    if article.get("timexes") is not None and "_timex_done" in article:
        exclude = [tuple(t["span"]) for t in article["timexes"] if t.get("type") != "DURATION"]
    article["numbers"] = extract_numbers(text, exclude)
    return article
