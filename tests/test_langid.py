import pytest

from pantau.stages import langid
from pantau.record import Options, new_article

SEEDS = ["000_ef5aa76fe5f35855.txt", "001_cecbdcea4aa5242f.txt", "002_66d0e2901bc71d34.txt",
         "003_181437171e2747dd.txt", "004_a30a0925a57b68cc.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_seeds_are_indonesian(shared, name):
    lang, scores = langid.identify((shared / "corpus" / "seeds" / name).read_text(encoding="utf-8"))
    assert lang == "id"
    assert scores["id"] > scores["ms"] and scores["id"] > scores["en"]


@pytest.mark.parametrize("text,expected", [
    # hand-written Malaysian Malay (kerana, wang, polis, berkata, baharu, peratus)
    ("Polis berkata suspek ditahan selepas cubaan merompak bank kerana memerlukan wang. "
     "Kadar pengangguran meningkat dua peratus tahun ini, manakala harga rumah baharu terus naik.", "ms"),
    ("Kerajaan negeri akan menyediakan rawatan percuma di hospital awam mulai bulan Ogos, iaitu "
     "selepas mesyuarat kabinet pada hari Isnin.", "ms"),
    # the same content in Indonesian
    ("Polisi mengatakan tersangka ditahan setelah mencoba merampok bank karena membutuhkan uang. "
     "Tingkat pengangguran naik dua persen tahun ini, sedangkan harga rumah baru terus naik.", "id"),
    ("The Syrian army said on Thursday that it had taken control of the whole of Aleppo after "
     "the last rebels were evacuated from the eastern districts.", "en"),
    ("قال الجيش السوري إنه سيطر على مدينة حلب بالكامل", "ar"),
    ("Армия заявила, что полностью контролирует город", "ru"),
    ("Der Präsident sagte am Donnerstag, die Armee kontrolliere die Stadt vollständig.", "und"),
    ("", "und"),
])
def test_identify(text, expected):
    assert langid.identify(text)[0] == expected


def test_run_sets_language_and_never_drops():
    raw = {"kind": "doc", "source": {"path": "x", "record": None, "url": None, "format": "txt"}, "input_id": None,
           "title": None, "body": "", "url": None, "outlet": None, "author": None, "published": None, "meta": {}}
    a = new_article(raw)
    a["text"] = "Der Präsident sagte am Donnerstag etwas."
    out = langid.run(a, Options())
    assert out is a and a["language"] == "und" and "language_scores" in a


def test_indonews_is_indonesian(shared):
    import csv
    import itertools
    path = shared / "corpus" / "indonews-2025" / "scrapping_news_2025-06-19.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(itertools.islice(csv.DictReader(f), 300))
    langs = [langid.identify(r["isi_berita"])[0] for r in rows if len(r["isi_berita"]) > 500]
    assert langs.count("id") / len(langs) > 0.98
