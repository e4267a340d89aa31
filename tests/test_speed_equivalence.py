"""Speed rewrites (issue 8) give exactly what the plain versions they replaced gave."""
from __future__ import annotations

import csv
import random
import unicodedata

from pantau import entities, kb, langid


def _norm_by_definition(s: str) -> str:
    s = s.translate(kb._CHAR_MAP)
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


def test_norm_fast_paths_agree_with_the_per_character_rule():
    rnd = random.Random(1)
    chars = [chr(i) for i in range(0x250)] + list("ΣσςİıẞßΑΩ\u2019\u2013\u00a0 abcXYZ") + \
        [chr(i) for i in range(0x1E00, 0x1F00)]
    for _ in range(20000):
        t = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 8)))
        assert kb.norm(t) == _norm_by_definition(t), t
    assert kb.norm("ΟΔΟΣ Aleppo") == _norm_by_definition("ΟΔΟΣ Aleppo")  # capital sigma at a word end


def test_dict_rows_is_what_csv_dictreader_gives():
    header = ["id", "canonical", "aliases"]
    lines = ["a\tAleppo\tHalab|Alep", "b\t\"Quoted\"\tx", "c\tshort", "d\tx\ty\textra\tmore", "e", "f\t\t"]
    expected = list(csv.DictReader(["\t".join(header)] + lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert kb._dict_rows(header, lines) == expected


def _script_by_definition(text: str):
    counts: dict[str, int] = {}
    latin = 0
    for ch in text[:4000]:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
            continue
        for key, lang in langid._SCRIPTS:
            if key in name:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts:
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        if n > latin:
            return lang
    return None


def test_script_language_agrees_with_naming_every_letter():
    rnd = random.Random(2)
    pool = list("abcXYZ 1.,éñ“”") + [chr(c) for c in list(range(0x600, 0x640)) + list(range(0x410, 0x440))
                                      + list(range(0x4E00, 0x4E10)) + list(range(0x3B1, 0x3C9))]
    for _ in range(3000):
        t = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 40)))
        assert langid._script_language(t) == _script_by_definition(t), t
    t = "a" * 3999 + "ب" * 10  # only the first 4000 characters count
    assert langid._script_language(t) == _script_by_definition(t)


def test_spans_overlap_agrees_with_scanning_all_spans():
    rnd = random.Random(3)
    for _ in range(300):
        spans, pos = [], 0
        for _ in range(rnd.randint(0, 8)):
            pos += rnd.randint(0, 5)
            end = pos + rnd.randint(1, 6)
            spans.append((pos, end))
            pos = end
        rnd.shuffle(spans)
        taken = entities._Spans([{"start": s, "end": e} for s, e in spans[:3]])
        chosen = list(spans[:3])
        for s, e in spans[3:] + [(rnd.randint(0, 60), rnd.randint(0, 60)) for _ in range(5)]:
            brute = any(cs < e and s < ce for cs, ce in chosen)
            assert taken.overlaps(s, e) == brute, (chosen, s, e)
            if not brute and s < e:
                taken.add(s, e)
                chosen.append((s, e))


def test_fuzzy_length_filter_keeps_every_alias_that_can_reach_the_cutoff():
    from rapidfuzz import fuzz, process

    keys, ids = entities._fuzzy_pool()
    names = ["Jaisy Al Fath", "Hay'at Tahrir al-Sham", "Hayat Tahrir Al Syam", "Bashar Al Asad", "Vladimir Putn",
             "Observatorium Suriah", "Ahrar al-Syam", "Pasukan Demokratik Suriah", "Aleppo Timur", "Jabhat Fateh Syam"]
    names += [k.title() for k in keys[::97]]
    for name in names:
        entities._fuzzy.cache_clear()
        hit = process.extractOne(kb.norm(name), keys, scorer=fuzz.ratio, score_cutoff=88)
        expected = (ids[hit[2]], hit[1]) if hit and len(name) >= 5 else (None, 0.0)
        assert entities._fuzzy(name) == expected, name
