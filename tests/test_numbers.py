import pytest
from hypothesis import given, settings, strategies as st

from pantau.stages import numbers
from pantau.evaluate import numbers as numbers_eval


def one(text):
    found = numbers.extract_numbers(text)
    assert len(found) == 1, found
    n = found[0]
    assert text[n["span"][0]:n["span"][1]] == n["text"]
    return n


@pytest.mark.parametrize("text,value,low,high,qualifier,unit", [
    ("dihuni lebih dari 300.000 warga sipil", 300000, 300000, None, "more_than", "civilians"),
    ("sekitar 1.340 bahan peledak", 1340, 1340, 1340, "about", "explosive devices"),
    ("mencapai 2,5 juta orang", 2500000, 2500000, 2500000, "exact", "people"),
    ("lebih dari 78 ribu warga sipil", 78000, 78000, None, "more_than", "civilians"),
    ("menewaskan setengah juta orang", 500000, 500000, 500000, "exact", "people"),
    ("ribuan pengungsi", None, 2000, 9999, "range", "refugees"),
    ("puluhan tentaranya", None, 20, 99, "range", "soldiers"),
    ("dua puluh tiga orang", 23, 23, 23, "exact", "people"),
    ("setidaknya 12 orang", 12, 12, None, "at_least", "people"),
    ("hingga 50 rumah", 50, None, 50, "up_to", "houses"),
    ("lebih dari 90 persen wilayah", 90, 90, None, "more_than", "percent"),
    ("naik 4,15% dalam sepekan", 4.15, 4.15, 4.15, "exact", "percent"),
    ("10-20 orang", None, 10, 20, "range", "people"),
])
def test_values(text, value, low, high, qualifier, unit):
    n = one(text)
    assert (n["value"], n["low"], n["high"], n["qualifier"], n["unit"]) == (value, low, high, qualifier, unit)


@pytest.mark.parametrize("text,role", [
    ("Sekitar 400 warga sipil tewas akibat serangan", "killed"),
    ("12 orang luka-luka", "injured"),
    ("300 keluarga mengungsi ke desa tetangga", "displaced"),
    ("5.000 warga dievakuasi", "evacuated"),
    ("polisi menangkap 7 orang", "arrested"),
    ("sebanyak 40 orang ditangkap", "arrested"),
    ("membeli 3 rumah baru", "other"),
    ("berlangsung hampir enam bulan", "duration"),
    # the sentence's subject counts, a linking word before the number
    ("Jumlah korban tewas akibat serangan rudal di Tel Aviv bertambah menjadi 8 orang", "killed"),
    ("Korban jiwa dalam ledakan itu mencapai 30 orang", "killed"),
    ("Korban luka akibat kerusuhan itu bertambah menjadi 12 orang", "injured"),
    ("Jumlah korban tewas sejak Oktober 2023 mencapai 40.000 orang", "other"),  # a running total
    ("Harga beras naik menjadi 12 ribu", "other"),
    # "dibunuh" (was killed) with words between the count and the verb
    ("36 orang dilaporkan telah dibunuh", "killed"),
    # a noun that names who is counted yields to what happened to them (roles.tsv position noun)
    ("Sedikitnya 1.200 pengungsi tiba di kamp itu", "displaced"),
    ("Sedikitnya 124 pengungsi juga mengalami luka-luka", "injured"),
    ("Total 20 pengungsi Rohingya lain ditangkap", "arrested"),
    ("36 pengungsi dilaporkan telah dibunuh", "killed"),
    ("Tentara menembak mati 36 pengungsi dalam bentrokan itu", "killed"),
    ("Bos KKB Tembak Mati 3 Warga", "killed"),
    # a count of bodies is a count of the dead
    ("Dua mayat ditemukan warga setelah serangan itu", "killed"),
    ("Polisi menemukan tiga jasad di lokasi penembakan", "killed"),
    # found lifeless: dead
    ("Dua warga ditemukan tak bernyawa di kebun setelah serangan itu", "killed"),
    ("Tiga pendaki ditemukan sudah tidak bernyawa di dasar jurang", "killed"),
])
def test_roles(text, role):
    assert one(text)["role"] == role


@pytest.mark.parametrize("text", [
    "pria berusia 30 tahun itu",
    "juara ke-3 dalam lomba",
    "pada tahun 2016 lalu",
    "Minggu (7/8) kemarin",
    "pukul 10.00 WIB",
    "hubungi 081234567890",
    "sesuai Pasal 27 ayat 3",
    "Kamis, 22 Desember 2016",
    "salah satu warga",
])
def test_not_quantities(text):
    assert numbers.extract_numbers(text) == []


def test_words_value():
    assert numbers.words_value("dua puluh tiga") == 23
    assert numbers.words_value("seratus dua puluh lima ribu") == 125000
    assert numbers.words_value("tiga ratus ribu") == 300000
    assert numbers.words_value("bukan angka") is None


def test_seed_gold_numbers(shared):
    f = numbers_eval.run(shared, no_speed=True)
    t = f["seeds"]
    assert t["found"] == t["gold"] and t["value"] == t["gold"], f["errors"]
    assert t["qualifier"][0] == t["qualifier"][1] and t["role"][0] == t["role"][1], f["errors"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text):
    for n in numbers.extract_numbers(text):
        assert text[n["span"][0]:n["span"][1]] == n["text"]


def test_every_label_and_age_word_of_the_data_makes_a_number_no_quantity():
    from pantau.nlp.text import load_tsv
    rows = load_tsv("numbers/label_words.tsv")
    assert {r["kind"] for r in rows} == {"label", "age"}
    for r in rows:
        text = f"Ia menyebut {r['word']} 27 dalam laporannya."
        assert not [n for n in numbers.extract_numbers(text) if n["value"] == 27], r["word"]
    # the same sentence with a word of no such kind keeps its count
    assert [n["value"] for n in numbers.extract_numbers("Ia menyebut 27 orang dalam laporannya.")] == [27]
