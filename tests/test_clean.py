import csv
import itertools

import pytest

from pantau.nlp import glue
from pantau.stages import clean
from pantau.record import Options, new_article


def raw_doc(body, title=None, path="x.txt", fmt="txt", **extra):
    raw = {"kind": "doc", "source": {"path": path, "record": None, "url": None, "format": fmt},
           "input_id": None, "title": title, "body": body, "url": None, "outlet": None,
           "author": None, "published": None, "meta": {}}
    raw.update(extra)
    return raw


def cleaned(body, title=None, fmt="txt", **extra):
    return clean.run(new_article(raw_doc(body, title, fmt=fmt, **extra)), Options())


def seed(shared, name):
    path = shared / "corpus" / "seeds" / name
    return clean.run(new_article(raw_doc(path.read_text(encoding="utf-8"), path=str(path))), Options())


SEEDS = ["000_ef5aa76fe5f35855.txt", "001_cecbdcea4aa5242f.txt", "002_66d0e2901bc71d34.txt",
         "003_181437171e2747dd.txt", "004_a30a0925a57b68cc.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_gold_boilerplate_removed_and_no_line_lost(shared, gold, name):
    a = seed(shared, name)
    g = gold[name]
    removed = [r["text"] for r in a["removed"]]
    lines = a["text"].split("\n")
    for b in g.get("boilerplate_lines", []):
        assert b in removed
        assert b not in lines
    raw = clean.normalize_whitespace((shared / "corpus" / "seeds" / name).read_text(encoding="utf-8"))
    as_scraped = glue.reglue(a["text"], a["inserted_spaces"])  # before glued words were split
    for line in raw.split("\n"):
        if line and line not in g.get("boilerplate_lines", []):
            assert line in as_scraped, line


def test_seed_titles(shared):
    assert seed(shared, SEEDS[0])["title"] is None  # opens with a long sentence
    assert seed(shared, SEEDS[3])["title"] is None
    a = seed(shared, SEEDS[2])
    assert a["title"] == "Tentara Suriah Kuasai Seluruh Aleppo, Assad: Kemenangan untuk Rusia Juga"
    assert a["text"].startswith(a["title"] + "\n\n")
    assert a["body_start"] == len(a["title"]) + 2
    assert seed(shared, SEEDS[4])["title"].startswith("Kamp Handarat kembali diambil")
    # 001 opens with a quoted headline followed by a blank line
    assert seed(shared, SEEDS[1])["title"].startswith("'Kami tidak bisa meninggalkan")


def test_seed_002_duplicated_lead_kept_once_and_copyright_kept(shared, gold):
    a = seed(shared, SEEDS[2])
    for d in gold[SEEDS[2]]["duplicated_lines"]:
        assert a["text"].count(d) == 1
    assert {"text": "Reuters", "reason": "photo-credit"} in a["removed"]
    # the copyright line is outlet evidence: it stays in text so it can have a span
    assert "Hak cipta milik Rossiyskaya Gazeta." in a["text"]


def test_blog_signature_after_share_to():
    a = cleaned("Judul Berita\n\nIsi berita yang panjang sekali di sini. (Reuters)\nShare To:\n\nBudi Santoso\n\n"
                "Berita dan informasi dengan sudut pandang Islam\n\nPost A Comment:\n\n0 comments so far,add yours\n\n"
                "Note: only a member of this blog may post a comment.")
    assert a["_signature"] == "Budi Santoso"
    assert a["text"] == "Judul Berita\n\nIsi berita yang panjang sekali di sini. (Reuters)"
    assert {"text": "Budi Santoso", "reason": "byline"} in a["removed"]


@pytest.mark.parametrize("line,reason", [
    ("Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.", "cookie-banner"),
    ("Terima kuki", "cookie-banner"),
    ("This website uses cookies to improve your experience.", "cookie-banner"),
    ("Baca Juga", "read-also"),
    ("Baca juga:Litbang Kompas: 78,3 Persen Publik Yakin Prabowo Mampu Tuntaskan Kasus Korupsi", "read-also"),
    ("Baca Juga: Alasan MUI Tak Mencabut Sertifikat Halal", "read-also"),
    ("ADVERTISEMENT", "advertisement"),
    ("Advertisement", "advertisement"),
    ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
    ("Scroll to continue with content", "advertisement"),
    ("Foto: ANTARA/Aditya Pradana Putra", "photo-credit"),
    ("(Foto: Istimewa)", "photo-credit"),
    ("Reuters", "photo-credit"),
    ("[Gambas:Video 20detik]", "promo"),
    ("Simak juga Video: Harga Emas Sering Naik, Kapan Waktu Yang Tepat Untuk Beli?", "promo"),
    ("Tonton juga \"Kucing Dijadikan Kurir Narkoba di Kosta Rika\" di sini:", "promo"),
    ("Ikuti Whatsapp Channel Republika", "promo"),
    ("Artikel ini telah naik didetikJabar.", "syndication-note"),
    ("Penulis: Arby Salim", "byline"),
    ("Share To:", "footer"),
    ("Post A Comment:", "footer"),
    ("0 comments so far,add yours", "footer"),
    ("Note: only a member of this blog may post a comment.", "footer"),
])
def test_boilerplate_line(line, reason):
    body = f"Para pejabat mengatakan bahwa banjir melanda tiga desa pada Senin pagi waktu setempat.\n{line}\n" \
           "Warga mengungsi ke masjid terdekat sambil menunggu bantuan dari pemerintah daerah."
    a = cleaned(body)
    assert {"text": line, "reason": reason} in a["removed"]
    assert line not in a["text"].split("\n")
    assert a["text"].count("\n") == 1


def test_real_sentences_that_resemble_boilerplate_are_kept():
    body = ("Baca juga buku sejarah itu, kata dia, agar generasi muda memahami perjuangan para pendiri bangsa.\n"
            "Foto-foto yang beredar di media sosial memperlihatkan kerusakan parah di kawasan itu.\n"
            "Reuters melaporkan bahwa sedikitnya 20 orang tewas.")
    a = cleaned(body)
    assert a["removed"] == []
    assert a["text"] == body


def test_closing_editor_initials_only_at_the_end():
    a = cleaned("Harga minyak naik tajam setelah serangan di kawasan Teluk pada pekan lalu menurut analis.\n(kha)")
    assert {"text": "(kha)", "reason": "byline"} in a["removed"]
    a = cleaned("(Ini tulisan dalam kurung)\nHarga minyak naik tajam setelah serangan di kawasan Teluk pada pekan lalu.")
    assert a["removed"] == []


def test_whitespace_normalised_paragraphs_kept():
    a = cleaned("Kalimat  pertama\u00a0di sini dengan   spasi ganda.\r\n\r\n\r\nKalimat kedua\u200b di sini.\r\n")
    assert a["text"] == "Kalimat pertama di sini dengan spasi ganda.\nKalimat kedua di sini."


def test_title_from_metadata_and_duplicate_title_line():
    a = cleaned("Judul Sama Persis\nIsi berita di sini panjang.", title="Judul Sama Persis")
    assert a["text"] == "Judul Sama Persis\n\nIsi berita di sini panjang."
    assert a["removed"] == [{"text": "Judul Sama Persis", "reason": "duplicate-title"}]


@pytest.mark.parametrize("body,start", [
    ("Liputan6.com, JakartaKita semua mengalami pasang surut kondisikesehatan mentalyang berat.",
     "Liputan6.com, Jakarta - Kita semua mengalami pasang surut kondisi kesehatan mental yang berat."),
    ("Liputan6.com, Jakarta -Harga Bitcoin turun.", "Liputan6.com, Jakarta - Harga Bitcoin turun."),
    ("TEMPO.CO,Jakarta-Ginjal adalah organ.", "TEMPO.CO, Jakarta - Ginjal adalah organ."),
    ("JAKARTA, KOMPAS.com -Pakar Hukum berkata.", "JAKARTA, KOMPAS.com - Pakar Hukum berkata."),
    ("REPUBLIKA.CO.ID,\u00a0CIREBON--Kepolisian memastikan.", "REPUBLIKA.CO.ID, CIREBON -- Kepolisian memastikan."),
    ("JAKARTA– Kehilangan ponsel membuat panik.", "JAKARTA – Kehilangan ponsel membuat panik."),
    ("COVID-19 masih menyebar di kota itu.", "COVID-19 masih menyebar di kota itu."),
])
def test_dateline_repair(body, start):
    assert cleaned(body)["text"] == start


def test_indonews_sample_rows(shared):
    """Real rows: boilerplate goes, spans of kept lines exist, most lines survive."""
    path = shared / "corpus" / "indonews-2025" / "scrapping_news_2025-06-18.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(itertools.islice(csv.DictReader(f), 0, 400, 4))
    total = removed = 0
    for r in rows:
        a = cleaned(r["isi_berita"], title=r["judul"] or None)
        text_lines = a["text"].split("\n")
        for bad in ("Advertisement", "Baca Juga", "SCROLL TO CONTINUE WITH CONTENT", "[Gambas:Video 20detik]"):
            assert bad not in text_lines
        total += sum(1 for ln in r["isi_berita"].split("\n") if ln.strip())
        removed += len(a["removed"])
        if r["sumber"] == "liputan6.com" and r["isi_berita"].startswith("Liputan6.com, Jakarta"):
            assert a["text"][a["body_start"]:].startswith("Liputan6.com, Jakarta - ")
    assert 0.05 < removed / total < 0.35


def test_dateline_alone_on_first_line_joins_its_story():
    a = cleaned("Merdeka.com -\nAksi bullying kembali marak terjadi di sekolah itu.", fmt="jsonl")
    assert a["title"] is None
    assert a["text"] == "Merdeka.com - Aksi bullying kembali marak terjadi di sekolah itu."


def test_no_title_guess_in_a_record_without_a_blank_line():
    body = "Apa varian cokelat favoritmu?\nCokelat original? Matcha? Kit Kat punya banyak varian rasa."
    assert cleaned(body, fmt="jsonl")["title"] is None
    # a caption line with a photo credit is not a headline either
    a = cleaned("Tim Cook, CEO Apple (Foto: Reuters)\n\nCEO Apple, Tim Cook mengunjungi Paris untuk bertemu presiden.")
    assert a["title"] is None


def test_record_text_given_whole_keeps_its_headline():
    """A record with no title field whose text opens with a headline set apart by a blank line
    (as a .txt file's would be) gets the same title and body as the .txt file."""
    body = ("Polisi Tangkap Dua Pelaku Pembakaran Pos Ronda\n\n"
            "Dua pria ditangkap di Medan, Senin (3/10). Mereka membakar pos ronda.")
    as_record, as_file = cleaned(body, fmt="jsonl"), cleaned(body)
    assert as_record["title"] == as_file["title"] == "Polisi Tangkap Dua Pelaku Pembakaran Pos Ronda"
    assert as_record["text"] == as_file["text"]
    assert as_record["text"][as_record["body_start"]:].startswith("Dua pria ditangkap")
    # without the blank line (paragraphs joined from a list) a record's first line stays body
    assert cleaned(body.replace("\n\n", "\n"), fmt="jsonl")["title"] is None


def test_invisible_marks_removed():
    a = cleaned("Suara.com - \u200eAhed Tamimi ditangkap setelah dia difilmkan melawan tentara.")
    assert "\u200e" not in a["text"]
