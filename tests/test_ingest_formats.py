"""Every input format, from small real files generated here with the proper libraries."""
from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from pantau.ingest import iter_documents

from fixtures.ingest_files import ARTICLE_HTML, ATOM, BODY, RSS, html_page, warc_bytes


def docs_of(*paths, **kw):
    items = list(iter_documents([str(p) for p in paths], **kw))
    return [i for i in items if i["kind"] == "doc"], [i for i in items if i["kind"] == "error"]


def only_doc(path, **kw):
    docs, errors = docs_of(path, **kw)
    assert not errors, errors
    assert len(docs) == 1, docs
    return docs[0]


def test_txt_is_one_article_whole(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Judul di baris pertama\r\n\r\n" + BODY + "\r\n", encoding="utf-8")
    d = only_doc(p)
    assert d["source"] == {"path": str(p), "record": None, "url": None, "format": "txt"}
    assert d["title"] is None  # the clean stage decides about titles
    assert d["body"] == "Judul di baris pertama\n\n" + BODY + "\n"
    assert d["meta"]["encoding"] == "utf-8"


def test_html_body_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(ARTICLE_HTML, encoding="utf-8")
    d = only_doc(p)
    assert d["source"]["format"] == "html"
    assert d["title"] == "Pasukan Suriah Rebut Aleppo Timur"
    assert d["published"] == "2016-12-22T19:30:00+07:00"  # raw, not parsed
    assert d["author"] == "Budi Santoso"
    assert d["outlet"] == "contohnews.com"
    assert d["url"] == "https://www.contohnews.com/read/123/aleppo"
    lines = d["body"].split("\n")
    assert lines[0].startswith("Tentara Suriah menyatakan")  # headline is the title, not body
    assert any(line.startswith('"Keamanan telah kembali') for line in lines)
    assert "Beranda" not in d["body"] and "Hak cipta" not in d["body"]


def test_html_date_from_json_ld_and_time(tmp_path):
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
          '"headline":"Judul LD","datePublished":"Senin, 08 Agustus 2016 | 10:15 WIB",'
          '"author":{"@type":"Person","name":"Andi"},"publisher":{"name":"Portal Contoh"}}</script>')
    page = html_page(date_meta=False).replace("</head>", ld + "</head>")
    (tmp_path / "ld.html").write_text(page, encoding="utf-8")
    d = only_doc(tmp_path / "ld.html")
    assert d["published"] == "Senin, 08 Agustus 2016 | 10:15 WIB"
    assert d["author"] == "Andi" and d["outlet"] == "Portal Contoh"
    page = html_page(date_meta=False).replace("<article>", '<article><time datetime="2016-08-08">8/8</time>')
    (tmp_path / "time.htm").write_text(page, encoding="utf-8")
    assert only_doc(tmp_path / "time.htm")["published"] == "2016-08-08"


def test_jsonl_fields_and_records(tmp_path):
    rows = [
        {"id": "a1", "judul": "Satu", "isi_berita": "Isi berita satu.\nParagraf dua.",
         "sumber": "detik.com", "tanggal_publikasi": "Rabu, 18 Jun 2025 10:00 WIB",
         "url": "https://news.detik.com/x"},
        {"title": "Dua", "content": "Isi dua.", "link": "https://www.kompas.com/read/2"},
        {"text": "Isi tiga.", "author": "Ani"},
    ]
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs, errors = docs_of(p)
    assert not errors
    assert [d["source"]["record"] for d in docs] == [0, 1, 2]
    assert docs[0]["input_id"] == "a1" and docs[0]["title"] == "Satu"
    assert docs[0]["outlet"] == "detik.com" and docs[0]["published"] == "Rabu, 18 Jun 2025 10:00 WIB"
    assert docs[0]["body"] == "Isi berita satu.\nParagraf dua."
    assert docs[1]["outlet"] == "kompas.com"  # from the URL's domain
    assert docs[1]["url"] == "https://www.kompas.com/read/2"
    assert docs[2]["author"] == "Ani" and docs[2]["outlet"] is None


def test_json_single_object_array_and_pretty(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "Satu saja.", "title": "T"}, indent=2))
    d = only_doc(tmp_path / "one.json")
    assert d["source"]["record"] is None and d["body"] == "Satu saja." and d["title"] == "T"
    arr = [{"text": f"Artikel {i}."} for i in range(5)]
    (tmp_path / "arr.json").write_text(json.dumps(arr, indent=1))
    docs, errors = docs_of(tmp_path / "arr.json")
    assert not errors and [d["body"] for d in docs] == [f"Artikel {i}." for i in range(5)]
    assert [d["source"]["record"] for d in docs] == list(range(5))


def test_json_array_streams_past_buffer(tmp_path):
    arr = [{"text": f"Artikel nomor {i}. " + "kata " * 300} for i in range(400)]  # ~600 KB
    (tmp_path / "big.json").write_text(json.dumps(arr))
    docs, errors = docs_of(tmp_path / "big.json")
    assert not errors and len(docs) == 400
    assert docs[399]["body"].startswith("Artikel nomor 399.")


def test_csv_multiline_bom_and_fields(tmp_path):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["sumber", "url", "judul", "author", "tanggal_publikasi", "isi_berita"])
    w.writerow(["tempo.co", "https://www.tempo.co/a", "Judul A", "Andi", "18 Juni 2025 | 10.00 WIB",
                'Paragraf satu, "dikutip".\nParagraf dua.'])
    w.writerow(["", "https://www.liputan6.com/b", "Judul B", "", "", "Isi B."])
    p = tmp_path / "x.csv"
    p.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    docs, errors = docs_of(p)
    assert not errors and len(docs) == 2
    a, b = docs
    assert a["source"] == {"path": str(p), "record": 0, "url": "https://www.tempo.co/a", "format": "csv"}
    assert a["body"] == 'Paragraf satu, "dikutip".\nParagraf dua.'
    assert a["outlet"] == "tempo.co" and a["author"] == "Andi" and a["title"] == "Judul A"
    assert a["published"] == "18 Juni 2025 | 10.00 WIB"
    assert a["meta"]["encoding"] == "utf-8-sig"
    assert b["outlet"] == "liputan6.com" and b["author"] is None


def test_warc_gz_html_responses_only(tmp_path):
    pages = [("https://www.contohnews.com/a", html_page()),
             ("https://kabar.id/b", html_page(date_meta=False))]
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(warc_bytes(pages))
    docs, errors = docs_of(p)
    assert not errors
    assert len(docs) == 2
    a, b = docs
    assert a["source"]["format"] == "warc" and a["url"] == "https://www.contohnews.com/a"
    assert a["source"]["record"] == 2  # warcinfo, request, response
    assert a["published"] == "2016-12-22T19:30:00+07:00"  # the page's own date wins
    assert b["published"] == "2016-12-23T01:02:03Z"  # else the WARC-Date
    assert b["outlet"] == "kabar.id"
    assert b["body"] == BODY and b["title"] == "Judul Berita"


def test_plain_warc(tmp_path):
    p = tmp_path / "crawl.warc"
    p.write_bytes(warc_bytes([("https://a.id/1", html_page())], gzip=False))
    d = only_doc(p)
    assert d["source"]["format"] == "warc" and d["body"] == BODY


def test_rss_entries(tmp_path):
    p = tmp_path / "feed.rss"
    p.write_text(RSS, encoding="utf-8")
    docs, errors = docs_of(p)
    assert not errors and len(docs) == 2
    a, b = docs
    assert a["source"]["format"] == "rss" and a["source"]["record"] == 0
    assert a["title"] == "Aleppo jatuh" and a["url"] == "https://contohnews.com/read/1/aleppo"
    assert a["published"] == "Thu, 22 Dec 2016 19:30:00 +0700"
    assert a["body"] == ("Tentara Suriah menguasai Aleppo timur pada Kamis (22/12).\n"
                         "Evakuasi warga sipil telah selesai, kata ICRC.")
    assert a["outlet"] == "Contoh News - Dunia"  # the feed title
    assert b["body"] == "Gencatan senjata nasional berlaku di Suriah mulai tengah malam."


def test_atom_entry(tmp_path):
    p = tmp_path / "kabar.atom"
    p.write_text(ATOM, encoding="utf-8")
    d = only_doc(p)
    assert d["title"] == "Oposisi masuk Aleppo" and d["author"] == "Siti Aminah"
    assert d["published"] == "2024-11-30T10:00:00+07:00"
    assert d["url"] == "https://kabaratom.id/2024/11/30/aleppo"
    assert d["body"].split("\n") == ["Kelompok oposisi bersenjata memasuki kota Aleppo pada Sabtu (30/11).",
                                     "Warga melaporkan bentrokan di pinggiran barat kota."]


@pytest.mark.parametrize("name,content", [
    ("a.txt.gz", BODY),
    ("a.jsonl.gz", json.dumps({"text": BODY})),
    ("a.html.gz", html_page()),
    ("a.csv.gz", "judul,isi_berita\nJ,\"" + BODY.replace('"', '""') + "\"\n"),
    ("a.rss.gz", RSS),
    ("noext.gz", json.dumps({"text": BODY})),  # inner type sniffed
])
def test_gzip_of_each_format(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(gzip.compress(content.encode("utf-8")))
    docs, errors = docs_of(p)
    assert not errors and docs
    assert docs[0]["meta"]["compression"] == "gzip"
    assert "Tentara Suriah" in docs[0]["body"]


@pytest.mark.parametrize("name,content,fmt", [
    ("page", html_page(), "html"),
    ("feed", RSS, "rss"),
    ("lines", json.dumps({"text": "Isi."}) + "\n" + json.dumps({"text": "Isi dua."}), "jsonl"),
    ("table", "judul,isi_berita\nA,Isi.\n", "csv"),
    ("notes", "Sekadar teks biasa.\n", "txt"),
])
def test_sniffing_without_extension(tmp_path, name, content, fmt):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    docs, errors = docs_of(p)
    assert not errors and docs and docs[0]["source"]["format"] == fmt


def test_warc_sniffed_without_extension(tmp_path):
    p = tmp_path / "crawl.bin"
    p.write_bytes(warc_bytes([("https://a.id/1", html_page())]))
    assert only_doc(p)["source"]["format"] == "warc"


def test_utf16_and_cp1252_and_latin1(tmp_path):
    text = "Menteri “Luar Negeri” Retno Marsudi – café di Jakarta."
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))  # with BOM
    d = only_doc(tmp_path / "u16.txt")
    assert d["body"] == text and d["meta"]["encoding"] == "utf-16"
    (tmp_path / "u16le.txt").write_bytes(text.encode("utf-16-le"))  # no BOM
    d = only_doc(tmp_path / "u16le.txt")
    assert d["body"] == text and d["meta"]["encoding"] == "utf-16-le"
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    d = only_doc(tmp_path / "win.txt")
    assert d["body"] == text and d["meta"]["encoding"] == "cp1252"
    latin = "Kafe di Jakarta menjual crème brûlée dan café au lait."
    (tmp_path / "lat.txt").write_bytes(latin.encode("latin-1"))
    d = only_doc(tmp_path / "lat.txt")
    assert d["body"] == latin and d["meta"]["encoding"] == "latin-1"
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    d = only_doc(tmp_path / "bom.txt")
    assert d["body"] == text and d["meta"]["encoding"] == "utf-8-sig"


def test_utf16_csv_and_cp1252_jsonl(tmp_path):
    p = tmp_path / "u16.csv"
    p.write_bytes("judul,isi_berita\nA,“Isi” satu.\nB,Isi dua.\n".encode("utf-16"))
    docs, errors = docs_of(p)
    assert not errors and [d["body"] for d in docs] == ["“Isi” satu.", "Isi dua."]
    p = tmp_path / "win.jsonl"
    p.write_bytes('{"text": "Kafé “satu”"}\n{"text": "dua"}\n'.encode("cp1252"))
    docs, errors = docs_of(p)
    assert not errors and docs[0]["body"] == "Kafé “satu”" and docs[0]["meta"]["encoding"] == "cp1252"


def test_damaged_utf8_is_repaired_and_noted(tmp_path):
    good = "Pasukan pemerintah — kata juru bicara — merebut kota. " * 20
    data = good.encode("utf-8")
    cut = data.index(b"merebut")
    data = data[:cut] + b"\xff" + data[cut:]  # one bad byte between ASCII letters
    (tmp_path / "bad.txt").write_bytes(data)
    d = only_doc(tmp_path / "bad.txt")
    assert d["meta"]["encoding"] == "utf-8" and d["meta"]["decode_errors"] == 1
    assert "\ufffd" in d["body"] and d["body"].replace("\ufffd", "") == good
    # in JSON Lines the damage stays with its own record
    lines = [json.dumps({"text": "baik"}, ensure_ascii=False).encode(),
             json.dumps({"text": "rusak é"}, ensure_ascii=False).encode().replace("é".encode(), b"\xe9"),
             json.dumps({"text": "baik é"}, ensure_ascii=False).encode()]
    (tmp_path / "bad.jsonl").write_bytes(b"\n".join(lines))
    docs, errors = docs_of(tmp_path / "bad.jsonl")
    assert not errors and [d["meta"].get("decode_errors") for d in docs] == [None, 1, None]


def test_stdin_is_sniffed(tmp_path):
    stream = io.BytesIO(gzip.compress(RSS.encode()))
    docs, errors = docs_of("-", stdin=stream)
    assert not errors and len(docs) == 2 and docs[0]["source"]["path"] == "-"
    docs, errors = docs_of("-", stdin=io.BytesIO(b"Teks dari stdin."))
    assert docs[0]["body"] == "Teks dari stdin." and docs[0]["source"]["format"] == "txt"


def test_folder_and_glob_order(tmp_path):
    for name in ["b/2.txt", "b/1.txt", "a.txt", "c/z/9.txt", ".hidden/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Isi {name}.")
    docs, errors = docs_of(tmp_path)
    rel = [d["source"]["path"][len(str(tmp_path)) + 1:] for d in docs]
    assert rel == ["a.txt", "b/1.txt", "b/2.txt", "c/z/9.txt"]
    docs, _ = docs_of(str(tmp_path / "b" / "*.txt"))
    assert [d["body"] for d in docs] == ["Isi b/1.txt.", "Isi b/2.txt."]
    docs2, _ = docs_of(tmp_path)
    assert docs2 == docs_of(tmp_path)[0]  # deterministic
