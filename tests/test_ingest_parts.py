"""Parts of a JSON Lines or CSV file (ingest.parts): read from their byte offsets, they give the
items reading the whole file gives, record numbers and errors included, and nothing twice."""
import csv
import gzip
import io
import json
import pathlib

import pytest

from pantau.ingest import iter_documents, parts, read_input

LIMIT = 2_000


def whole(path, limit=LIMIT):
    return list(iter_documents([str(path)], max_article_bytes=limit))


def by_parts(path, size, limit=LIMIT, fmt="json"):
    plan = parts.plan(str(path), limit)
    assert plan is not None and plan.format == fmt, f"read as plain {fmt}"
    got, cuts = [], list(parts.parts(str(path), size, plan, limit))
    for cut in cuts:
        got.extend(read_input(str(path), max_article_bytes=limit, part=(cut, plan)))
    return got, cuts


def article(i, text=None):
    return json.dumps({"id": f"a{i}", "title": f"Judul {i}", "text": text or f"Berita nomor {i} dari Jakarta."},
                      ensure_ascii=False)


def test_parts_of_a_messy_file_give_the_items_of_the_whole_file(tmp_path):
    lines = [b"", b"  ", article(0).encode(), b"{broken", b"", article(1, "Kota \xe9 rusak").encode("latin-1"),
             article(2).encode() + b"\r", b"x" * (LIMIT + 50), article(3, "Halo " * 30).encode(), b"[1, 2]",
             article(4).encode(), b"", article(5).encode()]
    path = tmp_path / "messy.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines))  # a BOM, no line end after the last
    expected = whole(path)
    kinds = [i["kind"] for i in expected]
    assert kinds.count("doc") == 6 and kinds.count("error") == 3
    # records are numbered by line from the top, the blank lines before the first included
    assert [i["source"]["record"] if i["kind"] == "doc" else i["record"] for i in expected] == [2, 3, 5, 6, 7, 8, 9, 10, 12]
    assert expected[2]["meta"]["decode_errors"] == 1
    for size in (1, 2, 3, 5, 13, 100):
        got, cuts = by_parts(path, size)
        assert got == expected, size
        assert cuts[0][:2] == (0, 0) and all(b[0] == a[0] + a[2] for a, b in zip(cuts, cuts[1:]))


def test_parts_of_a_real_corpus_file(shared):
    path = shared / "corpus" / "indosum" / "dev.01.jsonl"
    expected = whole(path, 5_000_000)
    got, cuts = by_parts(path, 37, 5_000_000)
    assert len(expected) > 100 and got == expected
    assert len(cuts) == -(-sum(1 for _ in path.open("rb")) // 37)


def test_a_file_ending_on_a_cut_has_no_empty_last_part(tmp_path):
    path = tmp_path / "four.jsonl"
    path.write_text("".join(article(i) + "\n" for i in range(4)), encoding="utf-8")
    got, cuts = by_parts(path, 2)
    assert [c[:2] for c in cuts] == [(0, 0), (2, 2 * (len(article(0)) + 1))]
    assert got == whole(path)


@pytest.mark.parametrize("name,data", [
    ("a.jsonl.gz", gzip.compress((article(0) + "\n").encode())),
    ("a.jsonl", (article(0) + "\n").encode("utf-16")),
    ("a.jsonl", ("[" + article(0) + "]\n").encode()),
    ("a.json", json.dumps({"title": "Satu", "text": "Satu dokumen\ndi banyak baris."}, indent=2).encode()),
    ("a.csv", (b"title,text\nSatu,Isi berita\n").decode().encode("utf-16")),
    ("a.csv", b"title,url\nSatu,http://x\n"),  # no text column: reading it whole says so
    ("a.csv", b"\ntitle,text\nSatu,Isi\n"),  # a blank header
    ("a.csv", b"x" * (LIMIT + 10) + b"\nSatu,Isi\n"),  # an over-long header
    ("a.csv.gz", gzip.compress(b"title,text\nSatu,Isi berita\n")),
    ("a.jsonl", b"\n\n"),
    ("a.jsonl", b""),
])
def test_files_without_line_cuts_are_read_from_the_start(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert parts.plan(str(path), LIMIT) is None


def csv_text(rows, header=("title", "text", "url"), delimiter=","):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def test_parts_of_a_csv_with_fields_over_lines_give_the_items_of_the_whole_file(tmp_path):
    rows = [("Satu", "Baris pertama.\nBaris kedua, dengan \"kutipan\".", "http://a/1"),
            ("Dua", "Pendek.", "http://a/2"),
            ("Tiga", "Isi\r\ndengan CRLF\n\ndan baris kosong di dalam kutipan.", "http://a/3"),
            ("Empat", "", "http://a/4"),  # no text: an error item, still a row
            ("Lima", "Sel lebih,", "http://a/5", "sel tambahan"),
            ("Enam", "Koma, \"kutip\" dan; titik koma.", "http://a/6"),
            ("Tujuh", "Tanpa url.")]
    text = csv_text(rows)
    lines = text.split("\n")
    lines.insert(4, "")  # a blank line between rows (after "Dua"): skipped, not counted
    data = b"\xef\xbb\xbf" + "\n".join(lines).encode().replace("Pendek".encode(), b"Pend\xffek")
    path = tmp_path / "news.csv"
    path.write_bytes(data.rstrip(b"\n"))  # a BOM, a damaged byte, no line end after the last row
    expected = whole(path)
    assert [i["kind"] for i in expected] == ["doc", "doc", "doc", "error", "doc", "doc", "doc"]
    assert [i["source"]["record"] if i["kind"] == "doc" else i["record"] for i in expected] == list(range(7))
    assert "Baris kedua" in expected[0]["body"] and expected[1]["meta"]["decode_errors"] == 1
    assert expected[2]["body"].startswith("Isi\ndengan CRLF\n\ndan")
    for size in (1, 2, 3, 4, 6, 7, 50):
        got, cuts = by_parts(path, size, fmt="csv")
        assert got == expected, size
        assert cuts[0][0] == 0 and all(b[0] == a[0] + a[2] for a, b in zip(cuts, cuts[1:]))
        assert len(cuts) == -(-7 // size)


def test_a_csv_with_crlf_row_ends_is_cut_like_any_other(tmp_path):
    path = tmp_path / "windows.csv"
    rows = [(f"Judul {i}", f"Baris satu {i}.\r\nBaris dua, \"dikutip\".", f"http://w/{i}") for i in range(7)]
    path.write_bytes(csv_text(rows).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode())
    assert path.read_bytes().count(b"\r\n") == 15  # the header, and two per row
    expected = whole(path)
    assert len(expected) == 7 and all(i["kind"] == "doc" for i in expected)
    for size in (1, 2, 3):
        got, cuts = by_parts(path, size, fmt="csv")
        assert got == expected and len(cuts) == -(-7 // size)


def test_a_tsv_is_cut_like_a_csv(tmp_path):
    path = tmp_path / "news.tsv"
    path.write_text(csv_text([(f"Judul {i}", f"Berita {i}\tdari Jakarta.", f"http://b/{i}") for i in range(9)],
                             delimiter="\t"), encoding="utf-8")
    expected = whole(path)
    got, cuts = by_parts(path, 4, fmt="csv")
    assert got == expected and len(expected) == 9 and len(cuts) == 3
    assert parts.plan(str(path), LIMIT).delimiter == "\t"


@pytest.mark.parametrize("bad", [
    b"Rusak,isi\rlanjut,http://c/x\n",  # a bare CR inside an unquoted field: the csv module gives up
    b"Panjang," + b"y" * (LIMIT + 10) + b",http://c/y\n",  # an over-long line
    b'Banyak,"' + b'baris ""kutip""\n' * (LIMIT // 10) + b'",http://c/z\n',  # a quoted field over the limit
])
def test_a_bad_csv_row_is_rejected_alone_and_the_parts_agree(tmp_path, bad):
    good = [f"Judul {i},Isi berita {i}.,http://c/{i}\n".encode() for i in range(6)]
    path = tmp_path / "bad.csv"
    path.write_bytes(b"title,text,url\n" + b"".join(good[:4]) + bad + b"".join(good[4:]))
    expected = whole(path)
    kinds = [i["kind"] for i in expected]
    assert kinds[:4] == ["doc"] * 4 and kinds[-2:] == ["doc"] * 2 and "error" in kinds[4:-2]
    assert expected[4]["record"] == 4 and expected[-1]["body"] == "Isi berita 5."
    for size in (1, 2, 3, 5):
        got, cuts = by_parts(path, size, fmt="csv")
        assert got == expected, size


def test_parts_of_a_real_csv(shared):
    path = shared / "corpus" / "indonews-2025" / "scrapping_news_2025-06-18.csv"
    expected = whole(path, 5_000_000)
    got, cuts = by_parts(path, 41, 5_000_000, fmt="csv")
    assert len(expected) > 100 and got == expected
    assert len(cuts) == -(-len(expected) // 41)


def warc_files(tmp_path):
    """WARCs of 14 records (a warcinfo; per page a request and a response; an image): per-record
    gzip members, plain, one gzip stream, and damaged copies of each kind."""
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    from fixtures.ingest_files import html_page, warc_bytes

    pages = [(f"https://kabar.id/{i}", html_page([f"Paragraf {i} tentang Aleppo dan Damaskus hari ini.",
                                                 "Warga sipil mengungsi ke arah barat, kata saksi."]))
             for i in range(6)]
    members, plain = warc_bytes(pages), warc_bytes(pages, gzip=False)
    files = {"members.warc.gz": members, "plain.warc": plain, "one-stream.warc.gz": gzip.compress(plain),
             "junk-after.warc.gz": members + b"not gzip at all\n", "unnamed.bin": members}
    for share in (0.35, 0.62, 0.9):  # cut short inside some record
        files[f"cut{share}.warc.gz"] = members[:int(len(members) * share)]
        files[f"cut{share}.warc"] = plain[:int(len(plain) * share)]
    # a decompression bomb between pages: 12 MB of HTML in a few KB (the reader stops there)
    bomb = warc_bytes([("https://kabar.id/bom", "<html><body><p>" + " " * (12 << 20) + "</p></body></html>")],
                      extra_records=False)
    files["bomb.warc.gz"] = warc_bytes(pages[:2]) + bomb + warc_bytes(pages[2:])
    damaged = bytearray(members)
    damaged[len(members) // 2:len(members) // 2 + 8] = b"\x00" * 8  # inside a middle member
    files["damaged.warc.gz"] = bytes(damaged)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return files


def test_parts_of_warcs_give_the_items_of_the_whole_file(tmp_path):
    files = warc_files(tmp_path)
    for name in files:
        path = tmp_path / name
        expected = whole(path, 5_000_000)
        plan = parts.plan(str(path), 5_000_000)
        assert plan is not None and plan.format == "warc", name
        for size in (1, 2, 3, 5):
            got, cuts = by_parts(path, size, 5_000_000, fmt="warc")
            assert cuts[0][:2] == (0, 0) and all(b[0] == a[0] + a[2] for a, b in zip(cuts, cuts[1:]))
            if name == "bomb.warc.gz":
                # both stop at the bomb; the whole file's reader loses the pages its read-ahead
                # had passed when the bomb check fired, a part that ends before the bomb keeps them
                docs = [i for i in got if i["kind"] == "doc"]
                assert [i for i in expected if i["kind"] == "doc"] == docs[:len(expected) - 1]
                assert {i["url"] for i in docs} <= {"https://kabar.id/0", "https://kabar.id/1"}
                assert "bomb" in got[-1]["reason"] and got[-1]["record"] == expected[-1]["record"]
                continue
            assert got == expected, (name, size)
        if name in ("members.warc.gz", "plain.warc", "unnamed.bin"):
            assert len(cuts) == 3 and sum(i["kind"] == "doc" for i in expected) == 6  # 14 records by 5
        if name == "one-stream.warc.gz":
            assert len(cuts) == 1  # one gzip stream: no record can be reached but from the top
        if name.startswith(("cut", "damaged", "junk", "bomb")):
            assert expected[-1]["kind"] == "error", name
        if name == "bomb.warc.gz":
            assert "bomb" in expected[-1]["reason"] and len(cuts) > 1
