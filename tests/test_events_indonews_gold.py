"""The held-out event gold of indonews-2025 conflict articles (tests/data/events_indonews2025_gold.tsv), the
development sheet coded the same way on the other two thirds (tests/data/events_indonews2025_train.tsv) and
scripts/eval_events_indonews.py, which scores Pantau on either with ../shared/eval/eval_events.py."""
import os
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import eval_events_indonews as gold_sheet  # noqa: E402


TRAIN = ROOT / "tests" / "data" / "events_indonews2025_train.tsv"


def test_the_sheet_is_40_held_out_articles_coded_by_offsets_only():
    rows = gold_sheet.read_sheet(gold_sheet.SHEET)
    urls = {r["url"] for r in rows}
    assert len(urls) == 40
    # only the third kept apart from rule-writing
    assert all(gold_sheet.held_out(u) for u in urls)
    assert_coded_by_offsets(rows)
    assert sum(r["event"] != "0" for r in rows) == 37


def test_the_development_sheet_is_41_articles_of_the_other_thirds_coded_the_same_way():
    rows = gold_sheet.read_sheet(TRAIN)
    urls = {r["url"] for r in rows}
    assert len(urls) == 41
    # none of the held-out third, none on the held-out sheet
    assert not any(gold_sheet.held_out(u) for u in urls)
    assert not urls & {r["url"] for r in gold_sheet.read_sheet(gold_sheet.SHEET)}
    assert_coded_by_offsets(rows)
    assert sum(r["event"] != "0" for r in rows) == 27
    assert sum(r["event"] == "0" for r in rows) == 22


def assert_coded_by_offsets(rows):
    assert rows and list(rows[0]) == gold_sheet.COLUMNS
    by_url = {}
    for r in rows:
        by_url.setdefault(r["url"], []).append(r)
    for url, rs in by_url.items():
        events = [r["event"] for r in rs]
        # an article is either one row with event 0 (no event) or its events numbered 1..n
        assert events == ["0"] or events == [str(i) for i in range(1, len(rs) + 1)], url
        assert len({r["published"] for r in rs}) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", rs[0]["published"])
    for r in rows:
        if r["event"] == "0":
            assert r["note"] and not r["event_type"] and not r["evidence_start"]
            continue
        s, e = int(r["evidence_start"]), int(r["evidence_end"])
        assert 0 <= s < e and re.fullmatch(r"[0-9a-f]{8}", r["evidence_md5"])
        assert all(re.fullmatch(r"\d+-\d+", p) for p in filter(None, r["also_evidence"].split(";")))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?", r["date"])
        assert r["date"].split("/")[-1] <= r["published"], r  # nothing after its article
        assert r["fatalities"] == "null" or r["fatalities"].isdigit()
        assert (r["lat"] == "") == (r["lon"] == "")


@pytest.mark.slow
def test_the_script_scores_pantau_on_the_held_out_gold(shared):
    """The real pipeline on the real articles, through the project's evaluator: it must build all 40 docs
    with their evidence spans intact and print a score with some events matched (no figure bar)."""
    if not (shared / "corpus" / "indonews-2025" / "conflict_index.tsv").exists():
        pytest.skip("indonews-2025 corpus not found")
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_events_indonews.py"), "--match", "type"],
                       capture_output=True, text=True, cwd=ROOT, timeout=900,
                       env={**os.environ, "PANTAU_SHARED": str(shared)})
    assert p.returncode == 0, p.stderr[-2000:]
    assert "# 40 articles, 37 events, 20 articles with no event" in p.stdout
    assert "WARNING: no output article" not in p.stdout
    m = re.search(r"events P/R/F1 +([\d.]+)/([\d.]+)/([\d.]+) +\(tp=(\d+) pred=(\d+) gold=(\d+)\)", p.stdout)
    assert m, p.stdout[-2000:]
    assert int(m[6]) == 37 and int(m[4]) > 0


@pytest.mark.slow
def test_the_script_scores_pantau_on_the_development_sheet(shared):
    """--sheet scores another sheet of the same format: the development sheet builds all 41 docs with their
    evidence spans intact."""
    if not (shared / "corpus" / "indonews-2025" / "conflict_index.tsv").exists():
        pytest.skip("indonews-2025 corpus not found")
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_events_indonews.py"), "--sheet", str(TRAIN)],
                       capture_output=True, text=True, cwd=ROOT, timeout=900,
                       env={**os.environ, "PANTAU_SHARED": str(shared)})
    assert p.returncode == 0, p.stderr[-2000:]
    assert "# 41 articles, 27 events, 22 articles with no event" in p.stdout
    m = re.search(r"events P/R/F1 +([\d.]+)/([\d.]+)/([\d.]+) +\(tp=(\d+) pred=(\d+) gold=(\d+)\)", p.stdout)
    assert m and int(m[6]) == 27 and int(m[4]) > 0, p.stdout[-2000:]
