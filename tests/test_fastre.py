"""pantau.nlp.fastre: the speed shortcuts must never change which matches a stage finds."""
from __future__ import annotations

import random
import re

import pytest

from pantau.stages import events, framing
from pantau.nlp import fastre


def test_fold_table_is_exactly_what_re_ignorecase_equates_with_ascii_letters():
    letters = "abcdefghijklmnopqrstuvwxyz"
    any_letter = re.compile("[a-z]", re.I)
    for cp in range(0x110000):
        ch = chr(cp)
        folded = fastre.fold("\u00e9" + ch)[1]  # non-ASCII text takes the translate path
        if any_letter.fullmatch(ch):
            assert folded in letters and re.fullmatch(folded, ch, re.I), ch
        else:
            assert folded == ch, ch
    assert fastre.fold("Serangan UDARA") == "serangan udara"


def test_fold_of_mixed_text_is_the_table_applied_to_every_character():
    rng = random.Random(8)
    alphabet = "aZ \u00e9\u00c9\u0130\u0131\u017f\u212a\u03a3\u201c\u2019\u00a0Q9\U0001d400\u1e9e"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert fastre.fold(text) == text.translate(fastre._FOLD), text
        assert fastre.fold(text) == text.translate(fastre._FOLD), text  # again: the remembered answer


def test_unsafe_patterns_get_no_core():
    for pat in (r"\bperang\b", r"(?i)perang", r"Perang", r"(a)\1", r"\x41", "^perang", "perang$",
                r"(?=perang)", r"(?<=x)perang", r"\W+perang"):
        assert fastre.core(pat) is None, pat
    assert fastre.core(r"(?:pasukan )?rezim( assad)?") is not None


def test_negative_lookarounds_are_left_out_of_the_core():
    # they only forbid matches, so the pattern without them matches wherever the pattern does
    assert fastre.core(r"(?<!x)perang").pattern == "perang"
    assert fastre.core(r"menahan(?! (diri|imbang))|ditahan").pattern == "menahan|ditahan"
    assert fastre.core(r"a(?![)\]])b").pattern == "ab"
    assert fastre.core(r"[(?!]x") is None  # "(?" in a class is left to the unsafe check


def test_required_literals():
    req = fastre.required_literals(fastre.core("(mencabut|mengakhiri) gencatan senjata"))
    assert req == {" gencatan senjata"}
    assert fastre.required_literals(fastre.core("(drone|pesawat nirawak)")) == {"drone", "pesawat nirawak"}
    assert fastre.required_literals(fastre.core(r"(\w+ )?")) is None
    assert fastre.required_literals(fastre.core("mujahid(in)?")) == {"mujahid"}


def _all_patterns():
    pats = [t["pattern"] for t in events.triggers()] + [r["label"] for r in events.labels()]
    pats += [row["label"] for _rx, row in framing.label_table()]
    pats += [row["word"] for _rx, row in framing.event_word_table()]
    return pats


@pytest.mark.parametrize("seed", range(3))
def test_prefilter_never_hides_a_match(seed):
    """Random texts built from the patterns' own words, odd capitals and the special characters:
    wherever the real case-insensitive pattern matches inside a window, the prefilter says it may."""
    pats = _all_patterns()
    words = sorted({w for p in pats for w in re.findall(r"[a-z]+", p)})
    extra = ["\u0130", "\u0131", "\u017f", "\u212a", "-", ",", ".", "\n", "\u00e9", "(", ")"]
    rnd = random.Random(seed)
    pre = fastre.Prefilter(pats)
    compiled = [events._bounded(p) for p in pats]
    for _ in range(150):
        pieces = []
        for _ in range(rnd.randint(5, 40)):
            w = rnd.choice(words) if rnd.random() < 0.85 else rnd.choice(extra)
            w = "".join(c.upper() if rnd.random() < 0.2 else c for c in w)
            if rnd.random() < 0.05:
                w = w.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0131")
            pieces.append(w)
        text = " ".join(pieces)
        may = pre.scan(text)
        for i, rx in enumerate(compiled):
            s = rnd.randrange(0, len(text) + 1)
            e = rnd.randrange(s, len(text) + 1)
            if rx.search(text, s, e):
                assert may.may_match(i, s, e), (pats[i], text[s:e])
            if rx.search(text):
                assert may.may_match(i), (pats[i], text)
