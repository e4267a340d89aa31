"""Parts of a JSON Lines file (ingest.parts): read from their byte offsets, they give the items
reading the whole file gives, record numbers and errors included, and nothing twice."""
import gzip
import json

import pytest

from pantau.ingest import iter_documents, parts, read_input

LIMIT = 2_000


def whole(path, limit=LIMIT):
    return list(iter_documents([str(path)], max_article_bytes=limit))


def by_parts(path, lines, limit=LIMIT):
    meta = parts.plan(str(path), limit)
    assert meta is not None, "read as plain JSON Lines"
    got, cuts = [], list(parts.parts(str(path), lines))
    for first, offset, n in cuts:
        got.extend(read_input(str(path), max_article_bytes=limit, part=(first, offset, n, meta)))
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
    ("a.csv", b"title,text\nSatu,Isi berita\n"),
    ("a.jsonl", b"\n\n"),
    ("a.jsonl", b""),
])
def test_files_without_line_cuts_are_read_from_the_start(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert parts.plan(str(path), LIMIT) is None
