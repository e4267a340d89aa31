"""The prefiltered scan (fastre.StartIndex + fastre.finditer_at) finds exactly what a plain
rx.finditer finds, for every time pattern and the quantity pattern."""
from hypothesis import given, settings, strategies as st

from pantau.nlp import fastre, quantities
from pantau.stages import timex

PIECES = ["sejak ", "Senin ", "minggu", "Minggu ", "(7/8) ", "(30/12/2014)", " pekan lalu", "22 ",
          "Desember ", "2016", "tahun ", "awal ", "diawal ", "Juli ", "lalu", "pukul 10.00 WIB",
          "dua ", "puluh ", "ribu ", "lebih dari ", "hampir ", "enam bulan", "dalam ", "24 jam",
          "kemarin", "hari ini", "Rp", "US$", "5", ",5", ".", "-", "/", " ", "\n", "İ", "K",
          "x", "sehari", "berjam-jam", "setiap ", "orang", "%", "ke-3", "tanggal "]


def _spans(it):
    return [m.span() for m in it]


def _check(text):
    lex = timex.lexicon()
    starts = lex["starts"].candidates(text)
    for kind, rx in lex["patterns"]:
        plain = [s for s in _spans(rx.finditer(text)) if s[0] != s[1]]
        assert _spans(fastre.finditer_at(rx, text, starts and starts[kind])) == plain, kind
    nlex = quantities.lexicon()
    nstarts = nlex["number_starts"].candidates(text)
    assert _spans(fastre.finditer_at(nlex["number_re"], text, nstarts and nstarts["number"])) \
        == _spans(nlex["number_re"].finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_prefiltered_scan_equals_plain_scan(pieces):
    _check("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_prefiltered_scan_on_arbitrary_text(text):
    _check(text)


def test_seed_texts_scan_the_same(shared):
    for path in sorted((shared / "corpus" / "seeds").glob("*")):
        _check(path.read_text(encoding="utf-8"))


def test_case_traps_take_the_plain_path():
    # 'İ'.lower() is two characters: offsets would shift, so no prefilter is used
    assert timex.lexicon()["starts"].candidates("İstanbul Senin (7/8)") is None
    assert [t["text"] for t in timex.extract_timexes("İstanbul Senin (7/8)", "2016-08-09")] == ["Senin (7/8)"]
