"""Numbers and quantities in Indonesian news text ("lebih dari 78 ribu warga sipil").

Each quantity gets its value (or a low/high range for "puluhan", "10-20"), the hedge in
front of it (qualifier), the counted noun (unit) and what happened to the counted things
(role: killed, injured, displaced...). Knowledge lives in pantau/data/numbers/*.tsv; this
module only combines it with a few regular expressions compiled once.

Dates, times, years, ages, ordinals, phone numbers and law article numbers are not
quantities and are skipped; durations ("hampir enam bulan") are kept with role "duration".
"""
from __future__ import annotations

import math
import re
from typing import Any

from ..nlp import fastre
from ..nlp.quantities import amount_range, label_before, words_value  # noqa: F401  (words_value: the stage's API)
from ..nlp.quantities import lexicon as _lexicon

# characters of left context searched for a label word (Pasal 27, RT 05: numbers/label_words.tsv)
_LABEL_BEFORE_TAIL = 25


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def _clause_after(text: str, pos: int, max_words: int = 6) -> str:
    """Up to max_words words after pos, stopping at sentence/clause punctuation."""
    tail = re.split(r"[.;:!?\n,()\"“”]", text[pos:pos + 120], maxsplit=1)[0]
    return " ".join(tail.split()[:max_words])


def _clause_before(text: str, pos: int, max_words: int = 4) -> str:
    head = re.split(r"[.;:!?\n,()\"“”]", text[max(0, pos - 120):pos])[-1]
    return " ".join(head.split()[-max_words:])


def _linked_subject(text: str, start: int, lex: dict) -> str | None:
    """"Jumlah korban tewas … bertambah menjadi 8 orang": with a linking word right before it, the count is
    what the sentence's subject counts (roles.tsv position "subject"), unless a period word between them
    makes it a sum over time (numbers/subject_links.tsv)."""
    head = re.split(r"[.;!?\n]", text[max(0, start - 160):start])[-1]
    if not lex["subject_link_re"].search(" ".join(head.split()[-3:])):
        return None
    low = head.lower()
    best = None
    for cue, pat, role, position in lex["role_cues"]:
        if position != "subject" or cue not in low:
            continue
        for m in pat.finditer(low):
            if not lex["subject_period_re"].search(low[m.end():]) and (best is None or m.end() > best[0]):
                best = (m.end(), role)
    return best[1] if best else None


NOUN_YIELDS_WITHIN = 4  # words after the number within which a cue of what happened outranks a noun cue


def _role(text: str, start: int, num_end: int, unit: str | None) -> str:
    """What happened to the counted things: nearest cue after (clause) or before the number. A noun
    cue that only names who is counted ("pengungsi") yields to a cue of what happened to them
    ("12 pengungsi tewas", "menembak mati 36 pengungsi")."""
    lex = _lexicon()
    after = _clause_after(text, num_end).lower()
    before = _clause_before(text, start).lower()
    best: tuple[int, str] | None = None
    noun: tuple[int, str] | None = None
    for cue, pat, role, position in lex["role_cues"]:
        # the words must be there for the pattern to match: most cues are not, and the
        # substring test costs a fraction of a search
        if position == "subject" or cue not in (after if position in ("after", "noun") else before):
            continue
        if position in ("after", "noun"):
            m = pat.search(after)
            # "gempa 6,2 SR mengakibatkan 5 orang meninggal": a cue past another count is that count's
            dist = len(after[:m.start()].split()) if m and not re.search(r"\d", after[:m.start()]) else None
        else:
            m = None
            for m in pat.finditer(before):
                pass
            dist = len(before[m.end():].split()) if m else None
        if dist is None:
            continue
        if position == "noun":
            noun = (dist, role) if noun is None or dist < noun[0] else noun
        elif best is None or dist < best[0]:
            best = (dist, role)
    if best is None and not text[max(0, start - 1):start] == "(":  # "Ria Lestari (23)": an age, no count
        aside = _aside_cue(text, num_end, lex)
        if aside:
            return aside
    if noun is not None and (best is None or best[0] > NOUN_YIELDS_WITHIN + noun[0]):
        return noun[1]
    if best is not None:
        return best[1]
    linked = _linked_subject(text, start, lex)
    if linked:
        return linked
    if unit in lex["time_units"]:
        return "duration"
    return "other"


ASIDE_WORDS = 18  # how long an aside between a count and what happened to it may be
ASIDE_ROLES = ("killed", "injured")  # the casualty roles an aside may delay
_SENTENCE_END = re.compile(r"[.!?;\n](?!\d)")
# "salah satu" before a number: re.search(r"\bsalah\s+$", left, re.I) matched on left[::-1]
_SALAH_BEFORE_REVERSED = re.compile(r"\s+halas\b", re.IGNORECASE)
_ASIDE_OPEN = re.compile(r"[,(]|\byang\b")


def _aside_cue(text: str, num_end: int, lex: dict) -> str | None:
    """"16 warga sipil, termasuk perempuan dan anak-anak, tewas", "dua orang, Ria Lestari (23) dan anaknya
    Venesia (2 bulan) tewas", "16 orang pemandu yang mengangkut perlengkapan ... juga tewas": a casualty cue
    (numbers/roles.tsv, position after) told after an aside that names or qualifies who is counted: the
    aside opens with a comma, a bracket or "yang", is at most ASIDE_WORDS words, holds no other count (an
    age in brackets is none, nor a part after "termasuk": "13 orang, termasuk tiga anak-anak, tewas"), no cue
    of something else happening and no contrast word (numbers/asides.tsv)."""
    end = _SENTENCE_END.search(text, num_end, num_end + 240)
    seg = text[num_end:end.start() if end else num_end + 240].lower()
    first: tuple[int, str] | None = None
    for cue, pat, role, position in lex["role_cues"]:
        if position == "subject" or cue not in seg:
            continue
        m = pat.search(seg)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), role if position != "before" else "")
    if first is None or first[1] not in ASIDE_ROLES:
        return None
    between = seg[:first[0]]
    if not _ASIDE_OPEN.search(between) or len(between.split()) > ASIDE_WORDS:
        return None
    words = re.findall(r"[\w\-]+", re.sub(r"\([^)]*\)", "", between))
    if set(words) & lex["aside_contrast"]:
        return None
    part = next((i for i in range(len(words)) if words[i] in lex["aside_part_of"]
                 or " ".join(words[i:i + 2]) in lex["aside_part_of"]), len(words))
    if any(_other_count(words, i, lex) for i in range(part)):
        return None
    return first[1]


def _other_count(words: list[str], i: int, lex: dict) -> bool:
    """Whether words[i] counts something ("tiga juta pria", "5 lainnya"); an age ("berusia dua tahun",
    "2 bulan") counts no one."""
    w = words[i]
    if not (w[:1].isdigit() or any(w in lex[k] for k in ("digit", "teen", "mult", "vague"))):
        return False
    return not (words[i + 1:i + 2] in (["tahun"], ["bulan"]) or words[i - 1:i] in (["berusia"], ["usia"], ["umur"]))


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
        if label_before(left) or _SALAH_BEFORE_REVERSED.match(left[::-1]):
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
