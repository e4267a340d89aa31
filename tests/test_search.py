"""Stemming for full-text search: the precomputed stem table changes speed, never a stem."""
import random

from pantau import search


def test_stem_table_agrees_with_sastrawi():
    table = search._stem_table()
    assert len(table) > 10_000
    words = random.Random(7).sample(sorted(table), 400)
    assert {w: search.stem_word(w) for w in words} == {w: search._stem_alpha(w) for w in words}
    # words the table lacks still stem, through Sastrawi
    assert "pengepungannya" not in table or table["pengepungannya"] == "kepung"
    assert search.stem_word("pengepungannya") == "kepung"
    # inflected forms meet at one stem, which is what lets "pengepungan" find "dikepung"
    assert len({search.stem_word(w) for w in ("dikepung", "mengepung", "pengepungan", "Kepungan")}) == 1


def test_stem_text_is_stem_word_of_each_word_also_from_its_memory_and_past_its_bound(monkeypatch):
    text = ("Pasukan Suriah mengepung Aleppo; pengepungan itu dikepung lagi oleh 300.000 orang "
            "di al-Bab, PENGEPUNGAN dan Kepungan.")
    expected = " ".join(search.stem_word(w) for w in search._WORD.findall(text))
    monkeypatch.setattr(search, "_STEM_OF", {})
    assert search.stem_text(text) == expected  # words new to the memory
    assert search.stem_text(text) == expected  # every word remembered
    assert "PENGEPUNGAN" in search._STEM_OF
    monkeypatch.setattr(search, "_STEM_OF", {})
    monkeypatch.setattr(search, "_STEM_OF_MAX", 3)
    assert search.stem_text(text) == expected
    assert len(search._STEM_OF) == 3
