"""The Dask engine runs the same stages and gives the same records as the serial run."""
import csv
import gzip
import itertools
import json
import pathlib
import shutil

import pytest

from fixtures.ingest_files import html_page, warc_bytes
from fixtures.stores import table_dump
from pantau.cli import main

pytest.importorskip("dask.distributed")


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dask_local_cluster_matches_serial_run(shared, tmp_path, capsys, monkeypatch):
    import pyarrow.parquet as pq

    from pantau import runner

    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        shutil.copy(f, corpus / f.name)
    # one multi-record file split into several slices, plus a broken line and, in the last
    # slice, a copy of an earlier article (stored once: no second set of events)
    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    copy = json.loads(lines[3])
    copy["id"] = "a-copy"
    lines.append(json.dumps(copy, ensure_ascii=False))
    (corpus / "z.jsonl").write_text("\n".join(lines[:12] + ["{broken"] + lines[12:]) + "\n", encoding="utf-8")
    # and a CSV whose quoted fields span lines (cut where rows start, ingest.parts)
    with open(shared / "corpus" / "indonews-2025" / "scrapping_news_2025-06-18.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(itertools.islice(csv.reader(fh), 11))
    assert sum("\n" in row[-1] for row in rows) >= 5
    with open(corpus / "zz.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    # and a gzip-compressed JSON Lines file, with a broken line (read by the driver, sent in batches)
    more = (shared / "corpus" / "indosum" / "dev.02.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    (corpus / "zzz.jsonl.gz").write_bytes(gzip.compress("\n".join(more[:2] + ["{broken"] + more[2:]).encode()))

    monkeypatch.setattr(runner.ParquetShards, "PER_SHARD", 4)  # the Dask driver runs in this process
    serial_out, dask_out = tmp_path / "serial.jsonl", tmp_path / "dask.jsonl"
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--out", str(serial_out),
                 "--parquet-dir", str(tmp_path / "pq-serial")]) == 0
    serial_err = capsys.readouterr().err
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "d.db"), "--out", str(dask_out),
                 "--engine", "dask", "--workers", "2", "--slice-size", "8",
                 "--parquet-dir", str(tmp_path / "pq-dask")]) == 0
    dask_err = capsys.readouterr().err
    assert "rejected 2" in serial_err and "rejected 2" in dask_err
    assert "1 duplicates" in serial_err and "1 duplicates" in dask_err
    a, b = records(serial_out), records(dask_out)
    assert len(a) == 57
    assert [r["id"] for r in a] == [r["id"] for r in b]
    assert a == b
    # the store too: the workers made its rows (store.prepare), the driver only wrote them
    assert table_dump(tmp_path / "d.db") == table_dump(tmp_path / "s.db")

    # the sharded Parquet output: the same shards from both engines, 4 articles each, and
    # together the rows `pantau export --format parquet --per-report` writes from the store (all but the
    # timestamp: a shard is written before its article is stored)
    serial_shards = sorted((tmp_path / "pq-serial").glob("events-*.parquet"))
    dask_shards = sorted((tmp_path / "pq-dask").glob("events-*.parquet"))
    assert [f.name for f in serial_shards] == [f.name for f in dask_shards]
    assert len(serial_shards) == 15  # 57 articles, 4 per shard
    for x, y in zip(serial_shards, dask_shards):
        assert pq.read_table(x).equals(pq.read_table(y))
    assert main(["export", "--db", str(tmp_path / "s.db"), "--format", "parquet",
                 "--out", str(tmp_path / "all.parquet"), "--per-report"]) == 0
    whole = [dict(r, timestamp=None) for r in pq.read_table(tmp_path / "all.parquet").to_pylist()]
    assert all(r["timestamp"] is not None for r in pq.read_table(tmp_path / "all.parquet").to_pylist())
    sharded = [row for f in serial_shards for row in pq.read_table(f).to_pylist()]
    key = lambda r: (r["article_id"], r["event_id"])  # noqa: E731
    assert len(whole) > 0 and sorted(sharded, key=key) == sorted(whole, key=key)
    # a second run into the same folder would mix two runs' shards: refused before any work
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--out", "none",
                 "--parquet-dir", str(tmp_path / "pq-serial")]) == 2
    assert "already holds event shards" in capsys.readouterr().err


def test_near_duplicates_as_dask_aggregations_match_the_single_node_result(tmp_path, capsys):
    """LSH banding grouped across partitions finds exactly the pairs and groups the in-memory
    index finds; the records are split over several files and partitions."""
    from pantau import distributed, stories

    base = ("Kementerian Kesehatan melaporkan jumlah korban keracunan makanan di Kabupaten Garut bertambah "
            "menjadi {n} orang pada Senin malam setelah acara hajatan warga di Desa Sukamaju. Kepala Dinas "
            "Kesehatan Garut Leli Yuliani mengatakan sebagian besar korban sudah pulang dari puskesmas dan "
            "rumah sakit umum daerah dr Slamet. Sampel makanan telah dikirim ke laboratorium kesehatan daerah "
            "di Bandung untuk diperiksa lebih lanjut oleh petugas {who}.")
    other = ("Tim nasional bulu tangkis Indonesia berangkat ke Jepang untuk turnamen Japan Open dengan membawa "
             "dua belas pemain utama termasuk Jonatan Christie dan Anthony Ginting pada pekan {n} musim ini "
             "setelah berlatih keras di pelatnas Cipayung selama tiga bulan penuh bersama pelatih {who}.")
    outlets = ["Antara", "Okezone", "detikcom", "Kompas.com", "Tempo"]
    records = []
    for i in range(40):
        text = (base if i % 2 else other).format(n=100 + i // 8, who=["Budi", "Sari", "Agus"][i % 3])
        title = f"Berita {i}"
        records.append({"id": f"r{i:02d}", "outlet": {"name": outlets[i % 5]}, "published": {"date": f"2025-06-{10 + i % 9}"},
                        "title": title, "text": f"{title}\n\n{text}", "body_start": len(title) + 2,
                        "source": {"path": f"r{i}.txt"}, "credited_sources": [{"name": "ANTARA"}] if i % 4 == 1 else []})
    for k in range(3):  # several files, several partitions
        with open(tmp_path / f"part{k}.jsonl", "w", encoding="utf-8") as fh:
            for r in records[k::3]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    single = stories.duplicates(records)
    paths = [str(tmp_path / f"part{k}.jsonl") for k in range(3)]
    spread = distributed.duplicates(paths, n_workers=2, blocksize="2KiB")
    assert single["counts"]["pairs"] > 10
    assert spread["counts"] == single["counts"] and spread["articles"] == single["articles"] == 40

    def pairs(r):
        return {(p["a"], p["b"], p["kind"], p["similarity"]) for p in r["pairs"]}
    assert pairs(spread) == pairs(single)
    assert sorted(g["first"]["id"] for g in spread["groups"]) == sorted(g["first"]["id"] for g in single["groups"])
    # and through the command line, on a glob
    assert main(["duplicates", "--records", str(tmp_path / "part*.jsonl"), "--engine", "dask", "--workers", "2",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == single["counts"]


def test_story_clusters_as_dask_aggregations_match_the_single_node_result(tmp_path):
    from pantau import distributed, stories
    from test_stories import BODY, OTHER, rec, story_records

    records = story_records() + [rec("e", "Antara", "2025-06-19", BODY.replace("Senin malam", "Senin")),
                                 rec("f", "Tempo", "2025-06-18", OTHER.replace("dua belas", "tiga belas"))]
    for k in range(2):
        with open(tmp_path / f"p{k}.jsonl", "w", encoding="utf-8") as fh:
            for r in records[k::2]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    single = stories.stories(records)
    spread = distributed.stories([str(tmp_path / "p0.jsonl"), str(tmp_path / "p1.jsonl")], n_workers=2)
    assert single["counts"]["stories"] >= 1 and single["stories"][0]["size"] >= 2
    assert spread == single


def test_kept_shards_are_the_sharded_output_the_cluster_steps_read(shared, tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        shutil.copy(f, corpus / f.name)
    seed = sorted((shared / "corpus" / "seeds").glob("001_*.txt"))[0].read_text(encoding="utf-8")
    (corpus / "copy_of_001.txt").write_text(seed.replace("Aleppo", "Aleppo,", 3) + "\nDiedit ulang.\n",
                                            encoding="utf-8")
    shards, db = tmp_path / "shards", str(tmp_path / "d.db")
    assert main(["analyze", str(corpus), "--db", db, "--out", "none", "--engine", "dask", "--workers", "2",
                 "--slice-size", "2", "--shard-dir", str(shards), "--keep-shards"]) == 0
    capsys.readouterr()
    assert len(list(shards.glob("*.jsonl"))) >= 3
    assert main(["duplicates", "--db", db, "--json"]) == 0
    from_store = json.loads(capsys.readouterr().out)
    assert main(["duplicates", "--records", str(shards / "*.jsonl"), "--engine", "dask", "--workers", "2",
                 "--json"]) == 0
    from_shards = json.loads(capsys.readouterr().out)
    assert from_store["counts"]["pairs"] >= 1
    assert from_shards["counts"] == from_store["counts"]
    assert main(["duplicates", "--records", str(shards / "*.jsonl"), "--json"]) == 0  # shards without Dask too
    assert json.loads(capsys.readouterr().out)["counts"] == from_store["counts"]
    assert main(["analyze", str(corpus), "--db", db, "--engine", "dask", "--keep-shards"]) == 2


def test_a_slice_without_records_writes_no_shard(shared, tmp_path):
    """A slice past the end of its file (still running after the driver cancelled it and removed
    the temporary shard folder) and a slice of broken lines only create no file."""
    from pantau import distributed
    from pantau.record import Options

    src = tmp_path / "z.jsonl"
    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    src.write_text("\n".join(lines + ["{broken", "{broken"]) + "\n", encoding="utf-8")
    shards = tmp_path / "shards"
    shards.mkdir()
    past_end = distributed.analyze_slice(str(src), 10, 5, Options(), str(shards), 5_000_000, keep=True)
    assert (past_end["seen"], past_end["full"], past_end["shard"], past_end["load"]) == (0, False, None, None)
    broken = distributed.analyze_slice(str(src), 3, 2, Options(), str(shards), 5_000_000, keep=True)
    assert broken["seen"] == 2 and len(broken["errors"]) == 2 and broken["shard"] is broken["load"] is None
    assert list(shards.iterdir()) == []
    first = distributed.analyze_slice(str(src), 0, 2, Options(), str(shards), 5_000_000, keep=True)
    assert first["full"] and len(pathlib.Path(first["shard"]).read_text(encoding="utf-8").splitlines()) == 2
    assert len(pathlib.Path(first["load"]).read_text(encoding="utf-8").splitlines()) == 2
    # without --keep-shards only what the driver loads is written
    again = distributed.analyze_slice(str(src), 0, 2, Options(), str(tmp_path), 5_000_000)
    assert again["shard"] is None and pathlib.Path(again["load"]).parent == tmp_path


def test_each_kind_of_file_is_sliced_the_cheapest_way_that_keeps_its_items(shared, tmp_path):
    """Plain JSON Lines / CSV and WARC: parts found by the driver; gzip-compressed JSON and other
    cheap-to-read files: batches of items read once by the driver."""
    from pantau import distributed
    from pantau.ingest import iter_documents

    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_bytes().splitlines(keepends=True)[:7]
    files = {"plain.jsonl": b"".join(lines), "packed.jsonl.gz": gzip.compress(b"".join(lines)),
             "array.json": b"[" + b",".join(line.strip() for line in lines) + b"]"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    kinds = {}
    for name in files:
        slices, ends = distributed._slices(str(tmp_path / name), 3, 5_000_000)
        got = list(itertools.islice(slices, 10))
        kinds[name] = "part" if got[0][1] is not None else "items" if got[0][2] is not None else "slice"
        assert ends and [s[0] for s in got] == [0, 3, 6]
        if kinds[name] == "items":  # the batches are the whole file's items, in order
            assert [i for s in got for i in s[2]] == list(iter_documents([str(tmp_path / name)]))
    assert kinds == {"plain.jsonl": "part", "packed.jsonl.gz": "items", "array.json": "items"}
    pages = [(f"https://kabar.id/{i}", html_page()) for i in range(4)]
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(pages))  # a gzip member per record
    (tmp_path / "crawl.warc").write_bytes(warc_bytes(pages, gzip=False))
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(warc_bytes(pages, gzip=False)))  # one member
    for name, n_parts in (("crawl.warc.gz", 4), ("crawl.warc", 4), ("whole.warc.gz", 1)):
        slices, ends = distributed._slices(str(tmp_path / name), 3, 5_000_000)
        got = list(slices)
        assert ends and len(got) == n_parts and all(s[1] is not None for s in got), name
