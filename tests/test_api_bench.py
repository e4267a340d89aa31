"""bench/bench_api.py: the load generator's arithmetic, its limits, and a tiny real run."""
from __future__ import annotations

import importlib.util
import pathlib

import pytest

from test_web_fixtures import build_db, hostile_record

BENCH = pathlib.Path(__file__).resolve().parents[1] / "bench" / "bench_api.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_api", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_percentiles_are_nearest_rank(bench):
    values = [float(i) for i in range(1, 101)]
    assert bench.percentile(values, 50) == 50.0
    assert bench.percentile(values, 95) == 95.0
    assert bench.percentile(values, 100) == 100.0
    assert bench.percentile([7.0], 95) == 7.0
    assert bench.percentile([3.0, 1.0, 2.0], 50) == 2.0


def test_refuses_a_server_off_the_loopback(bench):
    for url in ("http://192.168.1.2:8000", "https://127.0.0.1:8000", "http://example.org"):
        with pytest.raises(SystemExit):
            bench.main(["--url", url, "--requests", "1"])


def test_a_small_run_reports_every_endpoint(bench, tmp_path):
    db = build_db(tmp_path / "b.db", [hostile_record()])
    proc, port = bench.start_server(str(db), None)
    try:
        report = bench.run("127.0.0.1", port, requests=28, concurrency=2, token=None)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert report["requests"] == 28 and report["errors"] == {}
    assert report["search"]["n"] == 4 and report["api"]["n"] == 24
    assert report["overall"]["p50"] <= report["overall"]["p95"] <= report["overall"]["max"]
    assert "SEARCH" in bench.format_report(report)
