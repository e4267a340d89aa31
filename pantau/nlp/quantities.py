"""Indonesian number words and amounts ("dua puluh tiga", "78 ribu", "puluhan"): the lexicon the
numbers and time stages share (pantau/data/numbers/*.tsv) and the values of amounts."""
from __future__ import annotations

import functools
import math
import re
from typing import Any, Iterable

from .fastre import StartIndex
from .text import load_tsv


def _read_tsv(name: str) -> list[dict[str, str]]:
    return load_tsv(f"numbers/{name}")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer phrases first, with flexible spaces."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def _reversed_alternation(words: Iterable[str]) -> str:
    """_alternation() of the words spelt backwards: a pattern that must end where a text ends
    ("Pasal " before a number) is matched at the start of the text reversed, where re.search of
    the forward pattern tried every character of the text."""
    return _alternation(w[::-1] for w in words if w)


@functools.lru_cache(maxsize=None)
def lexicon() -> dict[str, Any]:
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
    labels = _read_tsv("label_words.tsv")
    lex["age_words"] = {r["word"] for r in labels if r["kind"] == "age"}
    # "Pasal 27", "RT 05", "lantai 3.", "ke-2", "berusia 30": the words end the text before the number;
    # matched on text[::-1] from its start (label_before(), age_before()), not searched for at every offset
    lex["label_before_reversed"] = re.compile(
        rf"\s*(?:\.?(?:{_reversed_alternation(r['word'] for r in labels)})|-ek)\b", re.IGNORECASE)
    lex["age_before_reversed"] = re.compile(rf"\s+(?:{_reversed_alternation(lex['age_words'])})\b", re.IGNORECASE)
    # units of time ("3 hari", "dua pekan"): the units of nouns the time stage reads as durations
    time_nouns = {r["name"] for r in load_tsv("time/units.tsv")}
    lex["time_units"] = {unit for noun, unit in lex["units"].items() if noun in time_nouns}
    asides = _read_tsv("asides.tsv")
    lex["aside_part_of"] = {r["word"] for r in asides if r["kind"] == "part_of"}
    lex["aside_contrast"] = {r["word"] for r in asides if r["kind"] == "contrast"}
    links = _read_tsv("subject_links.tsv")
    lex["subject_link_re"] = re.compile(
        rf"(?<![\w-])(?:{_alternation([r['word'] for r in links if r['kind'] == 'link'])})\s*$", re.IGNORECASE)
    lex["subject_period_re"] = re.compile(
        rf"(?<![\w-])(?:{_alternation([r['word'] for r in links if r['kind'] == 'period'])})(?![\w-])", re.IGNORECASE)
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


def label_before(left: str) -> bool:
    """Whether the text before a number ends with a label word and its optional dot and space ("Pasal ",
    "lantai.", "ke-")."""
    return lexicon()["label_before_reversed"].match(left[::-1]) is not None


def age_before(left: str) -> bool:
    """Whether the text before a number ends with an age word and white space ("berusia ")."""
    return lexicon()["age_before_reversed"].match(left[::-1]) is not None


def words_value(phrase: str) -> float | None:
    """Value of a run of Indonesian number words or digits+multiplier ('dua puluh tiga' -> 23)."""
    lex = lexicon()
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


def amount_range(text: str) -> tuple[float | None, float | None, bool]:
    """(low, high, vague) for one amount: '78 ribu' -> (78000, 78000); 'puluhan' -> (20, 99)."""
    lex = lexicon()
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
