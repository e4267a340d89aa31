"""Stemming for full-text search: the precomputed stem table changes speed, never a stem."""
import random

from pantau.store import search


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


def _words_new_to_the_table(shared, limit):
    from pantau.ingest import iter_documents

    table, words = search._stem_table(), set()
    for d in iter_documents([str(shared / "corpus" / "indonews-2025"), str(shared / "corpus" / "seeds")]):
        if d.get("kind") == "doc":
            for w in search._WORD.findall((d.get("title") or "") + " " + (d.get("body") or "")):
                w = w.lower()
                if len(w) > 3 and w.isalpha() and w not in table:
                    words.add(w)
    return random.Random(11).sample(sorted(words), min(limit, len(words)))


def test_gated_prefix_rules_give_sastrawis_own_stems(shared):
    """The gates only skip rule visits that would do nothing: the same stems as Sastrawi
    ungated, on words new to the stem table (the 2025 scrape, the seeds) and on every word of
    the table (which Sastrawi filled ungated)."""
    from Sastrawi.Stemmer.Stemmer import Stemmer

    gated = search._stemmer()
    n_gated = sum("visit" in vars(v) for v in gated.visitor_provider.prefix_pisitors)
    assert n_gated >= 35  # the prefix rule groups of Sastrawi 1.0.1 but the plain prefixes
    # it counts the groups it gates (and a fresh stemmer's visitors are its own to gate)
    assert search.gate_prefix_rules(Stemmer(gated.dictionary).visitor_provider.prefix_pisitors) == n_gated
    stock = Stemmer(gated.dictionary)
    words = _words_new_to_the_table(shared, 4000)
    assert len(words) > 1000
    assert [gated.stem(w) for w in words] == [stock.stem(w) for w in words]
    table = search._stem_table()
    assert [w for w in table if (gated.stem(w) or w) != table[w]] == []


def test_a_gate_is_read_off_the_rules_code_or_not_made():
    assert search._pattern_starts(r"^ber([aiueo].*)$") == {"ber"}
    assert search._pattern_starts(r"ber([bcd])([a-z])er") == {"ber"}  # re.match anchors it anyway
    assert search._pattern_starts(r"^([b-d])(el[aiueo])(.*)$") == {"b", "c", "d"}
    for pattern in (r"^(.*)-(ku|mu)$", r"^\w+", r"^[^aiueo]", r"(?:ab|cd)e", r"(?i)^ber"):
        assert search._pattern_starts(pattern) is None, pattern
    rule = '''def disambiguate(self, word):
        if word == 'pelajar':
            return 'ajar'
        matches = re.match(r'^pe(l[aiueo])(.*)$', word)
        if matches:
            return matches.group(1) + matches.group(2)'''
    assert search._rule_starts(rule) == {"pelajar", "pe"}
    # a rule that reads the word any other way gets no gate
    assert search._rule_starts(rule.replace("if matches:", "if matches or word.endswith('an'):")) is None
    assert search._rule_starts("def disambiguate(self, word):\n        return word[2:]") is None
