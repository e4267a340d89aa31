"""The benchmarks under bench/ keep running as the code changes, and report what they promise.

Each is run here on a few articles. Nothing asserts a speed (figures vary by machine and load);
what is asserted is that every figure is there, adds up, and that the checks a benchmark makes
on the work it times (the same records on both passes, rows actually stored, memory sampled
from a live process) hold.
"""
from __future__ import annotations

import importlib.util
import json
import pathlib
import re
import subprocess
import sys

import pytest

from pantau import pipeline

ROOT = pathlib.Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"

pytestmark = pytest.mark.slow


def bench(script: str, *args: str, timeout: int = 600) -> str:
    proc = subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
                          cwd=str(ROOT), timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def load(script: str):
    spec = importlib.util.spec_from_file_location(script.removesuffix(".py"), BENCH / script)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(BENCH))  # the scripts import each other (`from run import ...`)
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(BENCH))
    return mod


def test_run_reports_each_stage_the_floor_end_to_end_and_cold_start(shared, tmp_path):
    out = bench("run.py", "--articles", "30", "--rounds", "1", "--workers", "1", "2",
                "--shared", str(shared), "--results", str(tmp_path / "r.json"))
    res = json.loads((tmp_path / "r.json").read_text())
    rows = {r["stage"]: r for r in res["stages"]}
    # every stage of the pipeline is timed, in its order, and the tagger's share of entities apart
    names = [r["stage"] for r in res["stages"]]
    assert [n for n in names if n in pipeline.STAGES] == list(pipeline.STAGES)
    assert names.index("  of which CRF tagging") == names.index("entities") + 1
    tagging, rest = rows["  of which CRF tagging"]["seconds"], rows["  of which the rest"]["seconds"]
    assert 0 < tagging < rows["entities"]["seconds"] and rest == pytest.approx(rows["entities"]["seconds"] - tagging)
    total = rows["(all stages)"]["seconds"]
    assert sum(rows[n]["seconds"] for n in pipeline.STAGES) <= total
    floor = rows["(bare tokenisation: floor)"]
    assert floor["analysis_over_floor"] == pytest.approx(total / floor["seconds"])
    assert f"analysis / bare tokenisation = {floor['analysis_over_floor']:.1f}x" in out
    assert rows["(all stages)"]["articles_per_s"] == pytest.approx(30 / total)
    # the second pass (words known) gave the records of the first
    assert rows["(all stages, second pass)"]["records_differing_from_first_pass"] == 0
    assert "second pass: the same records as the first" in out
    # end to end: each worker count ran over every article, and stored them
    e2e = res["end_to_end"]
    assert [r["workers"] for r in e2e] == [1, 2]
    for r in e2e:
        assert r["articles"] == 30 and "read 30, stored 30 new" in r["summary"]
        assert r["peak_rss_mb_max_process"] > 50 and r["main_process_cpu_s"] > 0
    assert res["speedup"]["2_over_1"] == [pytest.approx(e2e[1]["articles_per_s"] / e2e[0]["articles_per_s"])]
    assert "error" not in res["worker_warmup"] and res["worker_warmup"]["first_article_s"] > 0
    cold = res["cold_start"]
    assert len(cold) == 3 and all((v > 0 if isinstance(v, float) else min(v) > 0) for v in cold.values())
    assert res["parent_stemming"]["articles"] == 30


def test_the_stage_benchmark_notices_records_that_change_between_passes(shared, monkeypatch):
    """The check behind "second pass: the same records": a stage whose output drifts is caught."""
    run = load("run.py")
    docs = run.raw_docs([str(shared / "corpus" / "seeds")])
    stages = pipeline.stages()
    seen = set()

    def drifting(article, options, _run=dict(stages)["framing"]):
        out = _run(article, options)
        if article["text"] in seen:  # an article met before: the second pass
            out["title"] = (out.get("title") or "") + "!"
        seen.add(article["text"])
        return out

    monkeypatch.setattr(pipeline, "_loaded", [(n, drifting if n == "framing" else f) for n, f in stages])
    rows = run.bench_stages(docs, window=None)
    assert rows[-1]["records_differing_from_first_pass"] == len(docs)


def test_memory_samples_only_the_live_process(shared, tmp_path):
    out = bench("memory.py", "--articles", "120", "--shared", str(shared), "--results", str(tmp_path / "m.json"))
    res = json.loads((tmp_path / "m.json").read_text())
    assert res["articles"] == 120 and res["samples"]
    # each sample: (seconds, stored, tree RSS, tree PSS, largest RSS); a sample taken after the
    # process ended read 0 MB and put a row of zeros in the table. Before the first article is
    # stored the process may still be importing (under 50 MB on a busy machine): only the analysing
    # process is held to the size of a loaded pipeline
    assert all(s[2] > 0 and s[4] > 0 and s[2] >= s[4] for s in res["samples"])
    assert all(s[2] > 50 and s[4] > 50 for s in res["samples"] if s[1] > 0)
    assert res["peak_mb"] == max(s[2] for s in res["samples"])
    table = out.split("max RSS\n", 1)[1].splitlines()[:5]
    assert len(table) == 5 and all(float(line.split()[1]) > 50 for line in table), out
    assert "read 120, stored 120 new" in out


def test_ab_times_old_and_new_after_warming_both_and_removes_its_worktree(shared):
    out = bench("ab.py", "HEAD", "--articles", "20", "--rounds", "1", "--shared", str(shared))
    (line,) = [x for x in out.splitlines() if re.match(r"\s+1\s", x)]
    ratios = [float(x) for x in line.split()[-2:]]
    assert all(r > 0 for r in ratios)
    worktrees = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    assert "pantau-ab-" not in worktrees


def test_dask_driver_times_the_loading_it_does(shared):
    pytest.importorskip("dask.distributed")
    out = bench("dask_driver.py", "--articles", "40", "--workers", "2", "--out", "--shared", str(shared))
    assert "read 40, stored 40 new" in out
    ms = float(re.search(r"= ([\d.]+) ms per article", out).group(1))
    assert ms > 0  # 0 would mean the timed function is no longer the one the driver calls


def test_store_benchmark_counts_what_each_store_kept(shared, pg_db):
    out = bench("bench_store.py", "--articles", "25", "--shared", str(shared), "--pg", pg_db, "--writers", "1", "2")
    rows = [line.split() for line in out.splitlines()[1:]]
    assert [(r[0], r[1]) for r in rows] == [("sqlite", "1"), ("postgresql", "1"), ("postgresql", "2")]
    assert all(r[2] == r[3] == "25" for r in rows), out


def test_tagger_benchmark_reports_both_ways_of_calling(shared):
    out = bench("bench_tagger.py", "--shared", str(shared))
    rates = [int(m.replace(",", "")) for m in re.findall(r"per call:\s+([\d,]+)", out)]
    assert len(rates) == 2 and all(r > 0 for r in rates)


def test_same_output_finds_records_byte_identical_and_names_a_changed_one(shared, tmp_path):
    ref = tmp_path / "ref"
    assert "indosum.jsonl: 5 records" in bench("same_output.py", "write", str(ref), "--articles", "5")
    assert bench("same_output.py", "check", str(ref)).strip().endswith("byte-identical")
    lines = (ref / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["events"] = []  # as if a change had lost them
    lines[1] = json.dumps(record, ensure_ascii=False)
    (ref / "seeds.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(BENCH / "same_output.py"), "check", str(ref)], capture_output=True,
                          text=True, cwd=str(ROOT), timeout=600)
    assert proc.returncode == 1 and "seeds.jsonl line 2" in proc.stdout and "/events" in proc.stdout


def test_profile_stages_times_every_stage_and_lists_functions(shared):
    out = bench("profile_stages.py", "--articles", "5", "--profile", "--top", "3")
    for name, _fn in pipeline.stages():
        assert re.search(rf"^  {name}\s+\d", out, re.M), name
    assert "functions by own time" in out and "functions by with callees" in out


def test_compiled_names_every_stage_module_that_exists():
    # bench/compiled.py compiles what the analysis runs through; a module moved or renamed must move here too
    mods = load("compiled.py").MODULES
    assert all((ROOT / "pantau" / f"{m}.py").is_file() for m in mods), mods
    assert {f"stages/{s}" for s in pipeline.STAGES} <= set(mods)
