"""Stage 3: the language of the whole document (ISO 639-1, "und" when unknown).

A small word-profile identifier, enough for a news pipeline that must tell Indonesian
from its close neighbour Malay and from English, and flag anything else:
- non-Latin scripts are named by script (Arabic "ar", Cyrillic "ru", Han "zh", …);
- English vs Malayic by the share of English function words vs Indonesian/Malay
  function words (pantau/data/langid/malayic_words.tsv, from the stopwords-iso list);
- Indonesian vs Malay by words whose standard forms differ (karena/kerana, uang/wang,
  pemerintah/kerajaan … in pantau/data/langid/markers.tsv).
Documents are never dropped here; `language_scores` says how sure the call is.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from importlib import resources

from ..record import Options

_WORD = re.compile(r"[^\W\d_]+")
# Only the opening of long documents is read: the language is settled long before 20k chars.
_MAX_CHARS = 20000
_SCRIPTS = (("ARABIC", "ar"), ("CYRILLIC", "ru"), ("CJK", "zh"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"),
            ("HANGUL", "ko"), ("THAI", "th"), ("HEBREW", "he"), ("DEVANAGARI", "hi"), ("GREEK", "el"))


def _read(name: str):
    text = (resources.files("pantau") / "data" / "langid" / name).read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    return rows[1:]  # header


@functools.lru_cache(maxsize=1)
def profiles() -> dict[str, frozenset[str]]:
    """{"malayic": shared id/ms words, "id": …, "ms": …, "en": …} all lower-case."""
    out: dict[str, set[str]] = {"malayic": set(), "id": set(), "ms": set(), "en": set()}
    for row in _read("malayic_words.tsv"):
        out["malayic"].add(row[0].lower())
    for row in _read("markers.tsv"):
        out[row[1]].add(row[0].lower())
    return {k: frozenset(v) for k, v in out.items()}


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _script_language(text: str) -> str | None:
    head = text[:4000]
    if head.isascii():
        return None  # ASCII letters are all LATIN: no other script to count
    counts: dict[str, int] = {}
    # ASCII letters are LATIN without asking unicodedata (the slow part); the rest, in text order
    latin = len(_ASCII_LETTER.findall(head))
    for ch in _NON_ASCII.findall(head):
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
            continue
        for key, lang in _SCRIPTS:
            if key in name:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts:
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        if n > latin:
            return lang
    return None


def identify(text: str) -> tuple[str, dict[str, float]]:
    """(ISO 639-1 code or "und", scores) for a whole document."""
    text = text[:_MAX_CHARS]
    script = _script_language(text)
    if script:
        return script, {script: 1.0}
    # lower-casing the whole text finds the same words only when it is ASCII ("İ" grows)
    words = _WORD.findall(text.lower()) if text.isascii() else [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "und", {}
    p = profiles()
    n = len(words)
    counts = Counter(words)  # each distinct word looked up once

    def occurrences(vocabulary: frozenset[str]) -> int:
        return sum(counts[w] for w in vocabulary.intersection(counts))

    en = occurrences(p["en"])
    id_m = occurrences(p["id"])
    ms_m = occurrences(p["ms"])
    malayic = occurrences(p["malayic"]) + id_m + ms_m
    en_share, malay_share = en / n, malayic / n
    # split the Malayic share by the distinctive words (add-one so one word does not decide)
    id_part = (id_m + 1) / (id_m + ms_m + 2)
    scores = {"id": round(malay_share * id_part, 3), "ms": round(malay_share * (1 - id_part), 3),
              "en": round(en_share, 3)}
    if en_share >= 0.15 and en_share > malay_share:
        return "en", scores
    # headlines and glued scraped text carry few function words: a low share is enough
    if malay_share >= 0.05 and malayic >= 3 and malay_share > en_share:
        # Malay needs positive evidence from at least two different marker words (a film
        # called "Selepas Tahlil" is not Malay), and more of it than of Indonesian
        ms_distinct = len(p["ms"].intersection(counts))
        if ms_distinct >= 2 and ms_m > 1.5 * id_m:
            return "ms", scores
        return "id", scores
    return "und", scores


def run(article: dict, options: Options | None = None) -> dict:
    lang, scores = identify(article.get("text") or "")
    article["language"] = lang
    article["language_scores"] = scores
    return article
