import pytest

from pantau.stages import segment
from pantau.record import Options


def toks(text):
    return [text[s:e] for s, e in segment.tokenize(text)]


def sents(text):
    return [text[s:e] for s, e in segment.split_sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("Minggu (7/8) pukul 10.00 WIB", ["Minggu", "(", "7/8", ")", "pukul", "10.00", "WIB"]),
    ("lebih dari 300.000 warga, naik 2,5 persen.", ["lebih", "dari", "300.000", "warga", ",", "naik", "2,5", "persen", "."]),
    ("pasukan pro-Assad dan al-Assad", ["pasukan", "pro-Assad", "dan", "al-Assad"]),
    ("Jaisy Al-Fath, kata-kata", ["Jaisy", "Al-Fath", ",", "kata-kata"]),
    ("Rabu (18/6/2025).", ["Rabu", "(", "18/6/2025", ")", "."]),
    ("harga Rp1.691.409.816,36 per koin", ["harga", "Rp", "1.691.409.816,36", "per", "koin"]),
    ("Liputan6.com, Jakarta - Kita", ["Liputan6.com", ",", "Jakarta", "-", "Kita"]),
    ("REPUBLIKA.CO.ID, CIREBON -- Polisi", ["REPUBLIKA.CO.ID", ",", "CIREBON", "--", "Polisi"]),
    ("buka https://rb.gy/tdrmtg, lalu", ["buka", "https://rb.gy/tdrmtg", ",", "lalu"]),
    ("dr. Ahmad dan Prof. Budi", ["dr.", "Ahmad", "dan", "Prof.", "Budi"]),
    ("“Kami seperti boneka,” lanjut", ["“", "Kami", "seperti", "boneka", ",", "”", "lanjut"]),
    ("tunggu... lalu", ["tunggu", "...", "lalu"]),
    ("US$ 28 juta", ["US$", "28", "juta"]),
])
def test_tokenize(text, expected):
    assert toks(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Dia datang. Kami pergi.", ["Dia datang.", "Kami pergi."]),
    ("Dia datang.\nKami pergi", ["Dia datang.", "Kami pergi"]),
    ("Ditemui dr. Ahmad di Jl. Sudirman No. 5 kemarin. Lalu pulang.",
     ["Ditemui dr. Ahmad di Jl. Sudirman No. 5 kemarin.", "Lalu pulang."]),
    ("Jumlahnya 300.000 orang. Pukul 10.00 WIB semua tiba.", ["Jumlahnya 300.000 orang.", "Pukul 10.00 WIB semua tiba."]),
    ("Pada Minggu (7/8) mereka tiba. Sabtu (6/8) juga.", ["Pada Minggu (7/8) mereka tiba.", "Sabtu (6/8) juga."]),
    ("\"Kami menang.\" Dia tersenyum.", ["\"Kami menang.\"", "Dia tersenyum."]),
    ("“Kami menang!” katanya.", ["“Kami menang!” katanya."]),
    ("Apa benar? \"Ya,\" jawabnya.", ["Apa benar?", "\"Ya,\" jawabnya."]),
    ("Ditandatangani H. Ahmad Fauzi kemarin.", ["Ditandatangani H. Ahmad Fauzi kemarin."]),
    ("organ tubuh.Kemarin genap 75 tahun.", ["organ tubuh.", "Kemarin genap 75 tahun."]),
    ("Situs Liputan6.com melaporkan hal itu.", ["Situs Liputan6.com melaporkan hal itu."]),
    ("  \n\n  Satu.  \n", ["Satu."]),
])
def test_split_sentences(text, expected):
    assert sents(text) == expected


def test_run_on_seeds_spans_inside_text(shared):
    from pantau.stages import clean
    from pantau.record import new_article
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        raw = {"kind": "doc", "source": {"path": str(path), "record": None, "url": None, "format": "txt"},
               "input_id": None, "title": None, "body": path.read_text(encoding="utf-8"), "url": None,
               "outlet": None, "author": None, "published": None, "meta": {}}
        a = segment.run(clean.run(new_article(raw), Options()), Options())
        text = a["text"]
        assert a["sentences"] and a["_tokens"]
        prev = 0
        for s in a["sentences"]:
            st, en = s["span"]
            assert prev <= st < en <= len(text)
            assert "\n" not in text[st:en] and text[st:en] == text[st:en].strip()
            prev = en
        for st, en in a["_tokens"]:
            assert not text[st:en].isspace() and " " not in text[st:en]
        # every non-space character belongs to a token
        covered = sum(e - s for s, e in a["_tokens"])
        assert covered == sum(1 for ch in text if not ch.isspace())


def test_seed_000_tokens(shared):
    from pantau.stages import clean
    from pantau.record import new_article
    path = shared / "corpus" / "seeds" / "000_ef5aa76fe5f35855.txt"
    raw = {"kind": "doc", "source": {"path": str(path), "record": None, "url": None, "format": "txt"},
           "input_id": None, "title": None, "body": path.read_text(encoding="utf-8"), "url": None,
           "outlet": None, "author": None, "published": None, "meta": {}}
    a = segment.run(clean.run(new_article(raw), Options()), Options())
    words = {a["text"][s:e] for s, e in a["_tokens"]}
    assert {"300.000", "7/8", "6/8", "Al-Fath", "Al-Bayyoush", "pro-pemerintah", "portalpiyungan.com"} <= words
    first = a["sentences"][0]["span"]
    assert a["text"][first[0]:first[1]].endswith("pro-pemerintah Assad lainnya.")


from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("aZ9.,!?()/-'\"“”… \n\u00a0:$Rp%") + ["dr.", "300.000", "al-Assad", "www.x.com"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_spans_are_ordered_inside_text_and_cover_all_non_space(text):
    tokens = segment.tokenize(text)
    prev = 0
    for s, e in tokens:
        assert prev <= s < e <= len(text)
        prev = e
    assert sum(e - s for s, e in tokens) == sum(1 for ch in text if not ch.isspace())
    prev = 0
    for s, e in segment.split_sentences(text):
        assert prev <= s < e <= len(text)
        assert "\n" not in text[s:e] and not text[s].isspace() and not text[e - 1].isspace()
        prev = e
