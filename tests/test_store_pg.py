"""The PostgreSQL store: the same records and keys as SQLite, many writers at once, search, copy.

Runs against a throwaway server (see conftest.pg_url); skipped where no server binaries exist."""
import json
import subprocess

import pytest

from pantau.cli import main
from pantau.store import Store, open_store
from pantau.store.postgres import ts_query

from test_runner import PANTAU, run_cli, write_corpus


# put/keys/duplicates/updates: tests/test_store.py runs the same test on both stores


def test_seeds_give_the_same_records_as_sqlite_and_rerun_adds_nothing(shared, pg_db, tmp_path, capsys):
    seeds = str(shared / "corpus" / "seeds")
    code, _, err = run_cli(["analyze", seeds, "--db", pg_db, "--out", "none"], capsys)
    assert code == 0 and "read 5, stored 5 new" in err, err
    lite = str(tmp_path / "s.db")
    assert run_cli(["analyze", seeds, "--db", lite, "--out", "none"], capsys)[0] == 0
    pg, sq = open_store(pg_db, readonly=True), Store(lite, readonly=True)
    assert list(pg.iter_records()) == list(sq.iter_records())
    def counts(st):  # rows of equal count may come in either order
        return {k: dict(tuple(r) for r in v) if isinstance(v, list) else v for k, v in st.stats().items()}
    assert counts(pg) == counts(sq)
    # analyze merged the events of both stores alike (pantau merge)
    merged_sql = ("SELECT id, event_type, date, place, n_reports, n_sources, outlets FROM merged_events ORDER BY id",
                  "SELECT article_id, idx, merged_id FROM event_reports ORDER BY article_id, idx")
    for sql in merged_sql:
        assert [tuple(r) for r in pg.db.execute(sql).fetchall()] == [tuple(r) for r in sq.db.execute(sql).fetchall()]
    assert sq.db.execute("SELECT count(*) FROM event_reports").fetchone()[0] == sq.count("events") > 0
    pg.close(), sq.close()
    code, _, err = run_cli(["analyze", seeds, "--db", pg_db, "--out", "none"], capsys)
    assert code == 0 and "stored 0 new, 0 updated, 5 unchanged" in err
    # the commands that read a store read this one too
    code, out, _ = run_cli(["timeline", "--place", "Aleppo", "--db", pg_db, "--json"], capsys)
    assert code == 0 and json.loads(out)["control"]
    code, out, _ = run_cli(["search", "pengepungan Aleppo", "--db", pg_db, "--json"], capsys)
    hits = json.loads(out)
    assert code == 0 and hits["total"] >= 1 and "[" in hits["items"][0]["snippet"]


def test_many_writers_store_every_article_exactly_once(pg_db, tmp_path):
    """Three `pantau analyze` processes at once on overlapping inputs (each file twice, and one
    text under two ids): every article once, every input accounted for, no errors."""
    write_corpus(tmp_path / "a.jsonl", 120)
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "b.jsonl").write_text("\n".join(lines[60:] + lines[:30]) + "\n", encoding="utf-8")
    copy = json.loads(lines[5])
    copy["id"] = "same-text-other-id"
    (tmp_path / "c.jsonl").write_text("\n".join(lines[100:] + [json.dumps(copy)]) + "\n", encoding="utf-8")
    procs = [subprocess.Popen(PANTAU + ["analyze", str(tmp_path / f), "--db", pg_db, "--out", "none",
                                        "--no-progress"], stderr=subprocess.PIPE, text=True)
             for f in ("a.jsonl", "b.jsonl", "c.jsonl")]
    errs = [p.communicate(timeout=600)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errs
    store = open_store(pg_db, readonly=True)
    ids = [r["id"] for r in store.iter_records()]
    assert len(ids) == len(set(ids)) == 120
    # one text under two ids is one article, under whichever id was stored first, with both sources
    (kept,) = {"art-00005", "same-text-other-id"} & set(ids)
    assert {(s["path"].rsplit("/", 1)[-1], s["record"]) for s in store.sources(kept)} >= {
        ("a.jsonl", 5), ("c.jsonl", 20)}
    new = sum(int(e.split("stored ")[1].split(" new")[0]) for e in errs)
    assert new == 120  # each article counted new by exactly one writer
    store.close()


def test_copy_to_sqlite_serves_the_dashboard_and_keeps_input_keys(shared, pg_db, tmp_path, capsys):
    seeds = str(shared / "corpus" / "seeds")
    assert run_cli(["analyze", seeds, "--db", pg_db, "--out", "none"], capsys)[0] == 0
    lite = str(tmp_path / "copy.db")
    code, _, err = run_cli(["copy", "--from", pg_db, "--to", lite], capsys)
    assert code == 0 and "copied 5 articles" in err
    sq = Store(lite, readonly=True)
    assert sq.count() == 5 and sq.count("events") > 0
    sq.close()
    code, _, err = run_cli(["analyze", seeds, "--db", lite, "--out", "none"], capsys)
    assert "stored 0 new" in err  # the input keys came along: nothing is analysed again
    code, _, err = run_cli(["serve", "--db", pg_db], capsys)
    assert code == 2 and "pantau copy" in err


@pytest.mark.parametrize("query, matches", [
    ("pengepungan", {"a", "b"}),  # its own form or its stem ("kepung")
    ('"kota aleppo"', {"a"}),  # a phrase: the words next to each other
    ("aleppo OR hama", {"a", "b", "c"}),
    ("aleppo -hama", {"a"}),
    ("kepung aleppo", {"a"}),
])
def test_query_language_on_the_server(pg_url, query, matches):
    import psycopg

    docs = {"a": "tentara mengepung kota aleppo kepung", "b": "pengepungan di hama kepung",
            "c": "aleppo, kota hama"}
    tsq = ts_query(query)
    with psycopg.connect(pg_url) as conn:
        got = {k for k, text in docs.items()
               if conn.execute("SELECT to_tsvector('simple', %s) @@ to_tsquery('simple', %s)", (text, tsq)).fetchone()[0]}
    assert got == matches, tsq


def test_a_query_of_exclusions_only_searches_nothing():
    assert ts_query("-hama") == "" and ts_query("OR") == ""


def test_dask_engine_loads_into_postgresql(shared, pg_db, tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_text(encoding="utf-8").splitlines()[:20]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = tmp_path / "serial.jsonl"
    assert main(["analyze", str(tmp_path / "in.jsonl"), "--db", str(tmp_path / "s.db"), "--out", str(serial)]) == 0
    capsys.readouterr()
    assert main(["analyze", str(tmp_path / "in.jsonl"), "--db", pg_db, "--out", "none", "--engine", "dask",
                 "--workers", "2", "--slice-size", "6", "--shard-dir", str(tmp_path)]) == 0
    assert "stored 20 new" in capsys.readouterr().err
    store = open_store(pg_db, readonly=True)
    want = [json.loads(x) for x in serial.read_text(encoding="utf-8").splitlines()]
    assert list(store.iter_records()) == want
    store.close()
