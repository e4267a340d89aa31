"""Bad input: each case is one error item (path, record, reason) and the batch goes on."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import struct
import textwrap
import zlib

import pytest

from pantau.ingest import iter_documents

from fixtures.ingest_files import html_page, warc_bytes

GOOD = "Artikel yang baik tetap dibaca."


def run(paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def with_good_after(tmp_path, bad_path, **kw):
    """Items for [bad, good]; asserts the good file after the bad one still comes through."""
    good = tmp_path / "zz_good.txt"
    good.write_text(GOOD)
    items = run([bad_path, good], **kw)
    assert items[-1]["kind"] == "doc" and items[-1]["body"] == GOOD
    return items[:-1]


def single_error(tmp_path, bad_path, **kw):
    items = with_good_after(tmp_path, bad_path, **kw)
    assert len(items) == 1 and items[0]["kind"] == "error", items
    err = items[0]
    assert err["path"] == str(bad_path) and err["reason"]
    return err


def test_empty_and_blank_files(tmp_path):
    for name, data in [("e.txt", b""), ("e.jsonl", b""), ("e.csv", b""), ("blank.txt", b"  \n\n \t\n"),
                       ("blank.json", b"\n\n"), ("e.html", b"")]:
        p = tmp_path / name
        p.write_bytes(data)
        err = single_error(tmp_path, p)
        assert "empty" in err["reason"] or "no text" in err["reason"], err


def test_binary_file(tmp_path):
    p = tmp_path / "foto.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in single_error(tmp_path, p)["reason"]
    p = tmp_path / "noext"
    p.write_bytes(os.urandom(3000) + b"\x00")
    assert "binary" in single_error(tmp_path, p)["reason"]


def test_invalid_utf8_that_is_no_text_at_all(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes((b % 128) + 128 for b in os.urandom(4000)))  # only high bytes, no NUL
    err = single_error(tmp_path, p)
    assert "encoding" in err["reason"] or "binary" in err["reason"]


def test_utf8_cut_mid_character_is_repaired(tmp_path):
    p = tmp_path / "cut.txt"
    p.write_bytes(("Kota Aleppo — " * 10).encode()[:-2])  # ends inside "—"
    items = with_good_after(tmp_path, p)
    assert items[0]["kind"] == "doc" and items[0]["meta"]["decode_errors"] == 1


def test_truncated_gzip_keeps_records_before_damage(tmp_path):
    lines = "".join(json.dumps({"id": i, "text": f"Artikel {i}. " + os.urandom(50).hex()}) + "\n"
                    for i in range(2000))
    data = gzip.compress(lines.encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    items = with_good_after(tmp_path, p)
    docs = [i for i in items if i["kind"] == "doc"]
    assert 100 < len(docs) < 2000
    assert [d["input_id"] for d in docs] == [str(i) for i in range(len(docs))]
    assert items[-1]["kind"] == "error" and "truncated" in items[-1]["reason"]
    # truncated single-article gzip
    p = tmp_path / "cut.txt.gz"
    p.write_bytes(gzip.compress(GOOD.encode() * 1000)[:40])
    assert "truncated" in single_error(tmp_path, p)["reason"]


@pytest.mark.parametrize("compressed", [True, False])
def test_truncated_warc_keeps_records_before_damage(tmp_path, compressed):
    pages = [(f"https://kabar.id/{i}", html_page()) for i in range(6)]
    data = warc_bytes(pages, gzip=compressed, extra_records=False)
    p = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    p.write_bytes(data[: int(len(data) * 0.6)])
    items = with_good_after(tmp_path, p)
    docs = [i for i in items if i["kind"] == "doc"]
    assert 1 <= len(docs) < 6
    assert [d["url"] for d in docs] == [f"https://kabar.id/{i}" for i in range(len(docs))]
    assert items[-1]["kind"] == "error" and items[-1]["path"] == str(p)
    assert items[-1]["record"] is None or items[-1]["record"] >= len(docs)
    assert "truncated" in items[-1]["reason"]
    assert sum(i["kind"] == "error" for i in items) == 1


def test_malformed_json_lines_report_line_and_go_on(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text('{"text": "satu"}\n{"text": "dua",\n\n{"text": "empat"}\n[1, 2]\n{"judul": "tanpa isi"}\n'
                 '{"text": "   "}\n')
    items = with_good_after(tmp_path, p)
    kinds = [(i["kind"], i.get("record", i.get("source", {}).get("record"))) for i in items]
    assert kinds == [("doc", None), ("error", 1), ("doc", None), ("error", 4), ("error", 5), ("error", 6)] or \
        [(i["kind"], i["record"] if i["kind"] == "error" else i["source"]["record"]) for i in items] == \
        [("doc", 0), ("error", 1), ("doc", 3), ("error", 4), ("error", 5), ("error", 6)]
    assert "line 2" in items[1]["reason"]
    assert "no text field" in items[4]["reason"]
    assert "empty text field" in items[5]["reason"]


def test_json_object_without_text_field(tmp_path):
    p = tmp_path / "obj.json"
    p.write_text(json.dumps({"title": "Judul", "url": "https://a.id/x"}, indent=2))
    assert "no text field" in single_error(tmp_path, p)["reason"]


def test_unterminated_json_array(tmp_path):
    p = tmp_path / "arr.json"
    p.write_text('[{"text": "satu"}, {"text": "dua"}, {"text": "ti')
    items = with_good_after(tmp_path, p)
    assert [i["kind"] for i in items] == ["doc", "doc", "error"] and items[2]["record"] == 2


def test_csv_without_text_column(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("judul,url\nA,https://a.id\n")
    assert "no text column" in single_error(tmp_path, p)["reason"]


def test_missing_file_and_empty_glob(tmp_path):
    err = single_error(tmp_path, tmp_path / "tidak-ada.txt")
    assert err["reason"] == "file not found"
    err = single_error(tmp_path, tmp_path / "tidak-*.jsonl")
    assert "no file matches" in err["reason"]


def test_folder_with_unreadable_entries(tmp_path):
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "a_ok.txt").write_text(GOOD)
    (folder / "b_dangling.txt").symlink_to(folder / "nowhere")
    os.mkfifo(folder / "c_fifo.txt")  # would block a naive open()
    locked = folder / "d_locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    items = run([folder])
    by_name = {os.path.basename(i["path"] if i["kind"] == "error" else i["source"]["path"]): i for i in items}
    assert by_name["a_ok.txt"]["kind"] == "doc"
    assert by_name["b_dangling.txt"]["reason"] == "file not found"
    assert by_name["c_fifo.txt"]["reason"] == "not a regular file"
    if os.geteuid() != 0:  # root reads anything
        assert by_name["d_locked.txt"]["reason"] == "permission denied"


def test_file_over_the_size_limit_is_not_read(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:  # 100 MB: text head, sparse rest
        f.write(b"Teks berita. " * 1000)
        f.truncate(100_000_000)
    err = single_error(tmp_path, p)
    assert "100.0 MB" in err["reason"] and "max_article_bytes" in err["reason"]
    # the same through gzip (size unknown up front) and one huge JSON line
    line = b'{"text": "' + b"kata " * 1_200_000 + b'"}\n'
    (tmp_path / "huge.jsonl").write_bytes(line + b'{"text": "kecil"}\n')
    items = with_good_after(tmp_path, tmp_path / "huge.jsonl", max_article_bytes=1_000_000)
    assert [i["kind"] for i in items] == ["error", "doc"] and items[0]["record"] == 0
    (tmp_path / "huge.txt.gz").write_bytes(gzip.compress(b"kata " * 1_200_000))
    err = single_error(tmp_path, tmp_path / "huge.txt.gz", max_article_bytes=1_000_000)
    assert "limit" in err["reason"]


def test_million_nested_tags(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 1_000_000 + "<p>Teks dalam.</p>" + "</div>" * 1_000_000)
    items = with_good_after(tmp_path, p, max_article_bytes=20_000_000)
    assert len(items) == 1  # a document or an error, never a crash
    assert items[0]["kind"] == "doc" or "no article text" in items[0]["reason"]


def _bomb(path, unit: bytes, total: int):
    """A gzip file inflating to `total` bytes of repeated `unit`, written in a blink:
    after a full flush deflate forgets its window, so one compressed 1 MB chunk can
    be repeated verbatim."""
    chunk = unit * (1_000_000 // len(unit))
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    count = total // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    with open(path, "wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")  # gzip header
        for _ in range(count):
            f.write(block)
        f.write(zlib.compressobj(9, zlib.DEFLATED, -15).flush())  # final empty block
        f.write(struct.pack("<II", crc, (count * len(chunk)) & 0xFFFFFFFF))


def test_gzip_bomb_is_stopped(tmp_path):
    p = tmp_path / "bom.jsonl.gz"
    _bomb(p, b'{"text": "' + b"a" * 1000 + b'"}\n', 1_000_000_000)  # 1 GB inflated
    assert p.stat().st_size < 3_000_000  # over 300:1
    with gzip.open(p) as f:  # a real, valid gzip
        assert f.read(20) == b'{"text": "aaaaaaaaaa'
    items = with_good_after(tmp_path, p)
    assert items[-1]["kind"] == "error" and "bomb" in items[-1]["reason"]
    assert len(items) < 1_000_000  # stopped well before the end
    p = tmp_path / "zeros.gz"
    _bomb(p, b"\0", 200_000_000)
    assert "binary" in single_error(tmp_path, p)["reason"]


def test_named_gz_but_not_gzip(tmp_path):
    p = tmp_path / "fake.txt.gz"
    p.write_text("bukan gzip")
    assert "not gzip" in single_error(tmp_path, p)["reason"]


MEASURE = textwrap.dedent("""
    import resource, sys
    from pantau.ingest import iter_documents
    items = list(iter_documents(sys.argv[1:]))
    assert items and all(i["kind"] == "error" for i in items), items
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
""")


def test_memory_stays_bounded_on_huge_inputs(tmp_path):
    """A 100 MB file, a 100 MB gzip of text and a gzip bomb cost little memory beyond imports."""
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.write(b"Teks. " * 100)
        f.truncate(100_000_000)
    bomb = tmp_path / "bom.txt.gz"
    _bomb(bomb, b"aaaa aaaa\n", 200_000_000)
    base = int(subprocess.run([sys.executable, "-c", MEASURE.replace(
        "items = list(iter_documents(sys.argv[1:]))", "items = [{'kind': 'error'}]")],
        capture_output=True, text=True, check=True).stdout)
    for path in (big, bomb):
        out = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert int(out.stdout) - base < 60, (path, int(out.stdout), base)  # MB
