"""End-to-end batch runs through the CLI: exactly-once, resume after SIGKILL, summary, exit codes."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from fixtures.stores import table_dump
from pantau.cli import main

PANTAU = [sys.executable, "-m", "pantau.cli"]


def run_cli(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def articles_in(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id FROM articles").fetchall()
    finally:
        con.close()


def write_corpus(path, n):
    """n distinct short Indonesian articles as JSON Lines (ids given)."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            body = (f"Pasukan pemerintah menyerang desa nomor {i} pada Senin (3/4). "
                    f"Sebanyak {i + 2} orang tewas dalam serangan itu, kata seorang saksi kepada wartawan.")
            f.write(json.dumps({"id": f"art-{i:05d}", "title": f"Serangan di desa {i}", "text": body}) + "\n")


def test_seeds_analyse_to_five_records_and_rerun_adds_nothing(shared, tmp_path, capsys):
    db, out = str(tmp_path / "p.db"), tmp_path / "o.jsonl"
    code, _, err = run_cli(["analyze", str(shared / "corpus" / "seeds"), "--db", db, "--out", str(out)], capsys)
    assert code == 0, err
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 5
    assert [r["source"]["path"].rsplit("/", 1)[-1][:3] for r in recs] == ["000", "001", "002", "003", "004"]
    assert "read 5, stored 5 new" in err
    code, _, err = run_cli(["analyze", str(shared / "corpus" / "seeds"), "--db", db, "--out", str(out)], capsys)
    assert code == 0 and "stored 0 new, 0 updated, 5 unchanged" in err
    assert len(articles_in(db)) == 5
    # the rerun still writes every record, answered from the store
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_same_text_in_two_files_is_stored_once_with_both_sources(tmp_path, capsys):
    text = "Tentara Suriah merebut kembali kota Aleppo pada Kamis (22/12), kata komandan militer."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    code, out, err = run_cli(["analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db], capsys)
    assert code == 0
    assert len(out.splitlines()) == 1
    assert "1 duplicates" in err
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 2
    con.close()


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, capsys):
    # the database and the errors file sit inside the input folder: never read back as input
    (tmp_path / "good.txt").write_text("Ledakan bom mengguncang pasar di Kabul, Afghanistan.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "Satu artikel yang baik tentang banjir."}\n{broken\n',
                                        encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    code, out, err = run_cli(["analyze", str(tmp_path), "--db", str(tmp_path / "p.db"), "--errors", str(errors)],
                             capsys)
    assert code == 0, err
    assert len(out.splitlines()) == 2
    rejected = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {r["path"].rsplit("/", 1)[-1] for r in rejected} == {"empty.txt", "bad.jsonl"}
    assert any(r["record"] == 1 for r in rejected)  # the malformed line is named
    assert "empty.txt" in err and "rejected 2" in err


def test_usage_and_fatal_errors_have_exit_codes_and_one_line(tmp_path, capsys):
    code, _, err = run_cli(["analyze"], capsys)
    assert code == 2
    code, _, err = run_cli(["analyze", str(tmp_path), "--between", "2016-13-01", "2016-12-31"], capsys)
    assert code == 2
    (tmp_path / "a.txt").write_text("Unjuk rasa di Jakarta berlangsung damai.", encoding="utf-8")
    code, _, err = run_cli(["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "no" / "such" / "dir.db")],
                           capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_workers_auto_is_one_per_cpu_this_process_may_use(tmp_path, capsys):
    """--workers auto follows the process's CPU affinity (what a container or taskset allows),
    not the machine's count; nonsense and zero are usage errors naming the option."""
    probe = ("import os, sys; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]}); "
             "from pantau.cli import build_parser; "
             "print(build_parser().parse_args(['analyze', 'x', '--workers', 'auto']).workers)")
    pinned = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert pinned.stdout.strip() == "1"
    (tmp_path / "a.txt").write_text("Unjuk rasa di Jakarta berlangsung damai pada Senin.", encoding="utf-8")
    code, out, err = run_cli(["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "a.db"),
                              "--workers", "auto"], capsys)
    assert code == 0, err
    assert json.loads(out)["text"].startswith("Unjuk rasa di Jakarta")
    for bad in ("0", "-2", "many"):
        code, _, err = run_cli(["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "b.db"),
                                "--workers", bad], capsys)
        assert code == 2 and "--workers" in err and "auto" in err, (bad, err)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_and_resume_store_every_article_exactly_once(tmp_path, workers):
    """Killed mid-run (with worker processes: the parent, the single writer), a rerun stores the
    rest, every article once."""
    corpus = tmp_path / "c.jsonl"
    # enough that the run cannot finish between two polls (the first commit comes after 2 s)
    n = 2000 if workers == "1" else 8000
    write_corpus(corpus, n)
    db = str(tmp_path / "p.db")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(PANTAU + ["analyze", str(corpus), "--db", db, "--out", "none", "--workers", workers],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = len(articles_in(db))
        except sqlite3.Error:
            continue
        if stored >= 20:
            break
    if proc.poll() is not None:
        pytest.fail(f"run ended before it could be killed ({stored} stored): {proc.stderr.read()[-500:]}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    partial = len(articles_in(db))
    assert 0 < partial < n
    done = subprocess.run(PANTAU + ["analyze", str(corpus), "--db", db, "--out", str(tmp_path / "o.jsonl"),
                                    "--workers", workers], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    ids = [r[0] for r in articles_in(db)]
    assert len(ids) == len(set(ids)) == n
    assert f"stored {n - partial} new" in done.stderr
    # --out is complete and in input order even though part came from the store
    out_ids = [json.loads(line)["id"] for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert out_ids == [f"art-{i:05d}" for i in range(n)]


def test_every_span_round_trips_on_the_seeds_and_the_sample_corpus(shared):
    from pathlib import Path

    from pantau.pipeline import analyze_paths
    from pantau.record import bad_spans, iter_spans

    sample = Path(__import__("pantau").__file__).parent / "sample"
    errors = []
    facts = bad = articles = 0
    for article in analyze_paths([str(shared / "corpus" / "seeds"), str(sample)], errors=errors):
        articles += 1
        facts += sum(1 for _ in iter_spans(article))
        problems = bad_spans(article)
        bad += len(problems)
        assert not problems, (article["id"], problems[:3])
    assert errors == []
    assert articles >= 50 and facts > 2000


def test_input_keys_follow_the_code_data_and_models_not_the_dashboard(tmp_path):
    from pantau.pipeline import _analysis_digest

    pkg = tmp_path / "pantau"
    for rel, text in (("events.py", "x = 1\n"), ("data/events/triggers.tsv", "a\tb\n"), ("web/app.js", "1"),
                      ("sample/a.txt", "s")):
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text, encoding="utf-8")
    before = _analysis_digest(pkg)
    assert _analysis_digest(pkg) == before  # the same files, the same keys (on any machine)
    (pkg / "web" / "app.js").write_text("2", encoding="utf-8")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "events.cpython-311.pyc").write_bytes(b"\0")
    assert _analysis_digest(pkg) == before  # the dashboard and caches do not change an analysis
    (pkg / "data" / "events" / "triggers.tsv").write_text("a\tc\n", encoding="utf-8")
    assert _analysis_digest(pkg) != before  # a changed trigger table does: reruns analyse again


def test_worker_processes_store_and_write_what_one_process_does(shared, tmp_path, capsys):
    """--workers 2 (the workers make the store's rows, the --out lines and the Parquet rows; the
    parent only writes) gives the serial run's store, --out, Parquet shards and summary, in input
    order; a rerun answers every input from the store in both."""
    import pyarrow.parquet as pq

    from pantau import runner
    from pantau.store import stems_of

    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    copy = json.loads(lines[5])
    copy["id"] = "a-copy"  # the same text again: one article, two sources
    # nothing but a title after cleaning: the analysis runs (in a worker), then it is rejected
    empty = {"id": "empty", "title": "Judul saja", "text": "Baca juga: Serangan di Aleppo"}
    lines[20:20] = ["{broken", json.dumps(copy, ensure_ascii=False), json.dumps(empty)]
    (corpus / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for seed in sorted((shared / "corpus" / "seeds").glob("*.txt"))[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())

    runs, errs = {}, {}
    old = runner.ParquetShards.PER_SHARD
    runner.ParquetShards.PER_SHARD = 7
    try:
        for workers in ("1", "2"):
            db, out, pq_dir = tmp_path / f"w{workers}.db", tmp_path / f"w{workers}.jsonl", tmp_path / f"pq{workers}"
            code, _, err = run_cli(["analyze", str(corpus), "--db", str(db), "--out", str(out),
                                    "--parquet-dir", str(pq_dir), "--workers", workers], capsys)
            assert code == 0, err
            errs[workers] = err
            rerun_out = tmp_path / f"w{workers}-again.jsonl"
            code, _, again = run_cli(["analyze", str(corpus), "--db", str(db), "--out", str(rerun_out),
                                      "--workers", workers], capsys)
            assert code == 0, again
            shards = sorted(pq_dir.glob("events-*.parquet"))
            runs[workers] = {"out": out.read_bytes(), "again": rerun_out.read_bytes(), "store": table_dump(db),
                             "summary": err.strip().splitlines()[-1].rsplit(" in ", 1)[0],
                             "again_summary": again.strip().splitlines()[-1].rsplit(" in ", 1)[0],
                             "shards": [(f.name, pq.read_table(f)) for f in shards]}
    finally:
        runner.ParquetShards.PER_SHARD = old

    one, two = runs["1"], runs["2"]
    recs = [json.loads(line) for line in one["out"].decode().splitlines()]
    assert len(recs) == 42  # 40 IndoSum lines and 2 seeds; the copy collapsed, the broken and empty rejected
    names = [r["source"]["path"].rsplit("/", 1)[-1] for r in recs]
    assert all(n.endswith(".txt") for n in names[:2]) and set(names[2:]) == {"a.jsonl"}
    numbers = [r["source"]["record"] for r in recs[2:]]
    assert numbers == sorted(numbers) and numbers[0] == 0  # input order
    for err in errs.values():
        assert "a.jsonl#22: no article text after cleaning: only a title and boilerplate" in err
    assert "rejected 2" in one["summary"] and "1 duplicates" in one["summary"]
    assert two["summary"] == one["summary"]
    assert two["out"] == one["out"]
    assert two["store"] == one["store"]
    assert len(one["store"]["entities"]) > 100 and len(one["store"]["sources"]) == 43
    # what the workers made for the store is the record and its stems, not merely the same in both runs
    stored = {row[0]: json.loads(row[-1]) for row in two["store"]["articles"]}
    assert stored == {r["id"]: r for r in recs}
    for aid, title, body, stems in two["store"]["search"]:
        rec = stored[aid]
        assert (title, body) == (rec["title"] or "", rec["text"][rec["body_start"] or 0:])
        assert stems == stems_of(rec["text"]) and stems
    assert "stored 0 new, 0 updated, 42 unchanged, 1 duplicates" in one["again_summary"]
    assert two["again_summary"] == one["again_summary"]
    assert two["again"] == one["again"] and len(one["again"].decode().splitlines()) == 42
    assert [n for n, _ in two["shards"]] == [n for n, _ in one["shards"]] and len(one["shards"]) == 6
    for (_, x), (_, y) in zip(one["shards"], two["shards"]):
        assert x.equals(y)
