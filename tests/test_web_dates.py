"""Date filters over HTTP: `date_from` and `date_to` are two parameters, each a date or a prefix of one.

A small database of articles and events on known days (2016-12-04, 2025-05-31, 2025-06-01, 2025-06-15,
2025-06-30, 2025-07-01) is served by the real app; every list that takes dates is asked with different
bounds, full and partial, and must count exactly the days inside them.
"""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from pantau.web import create_app  # noqa: E402
from test_web_fixtures import _record, build_db  # noqa: E402

# part of the reliability suite too (`pytest -m reliability`): the silent date filter was one of its findings
pytestmark = pytest.mark.reliability

DAYS = ["2016-12-04", "2025-05-31", "2025-06-01", "2025-06-15", "2025-06-30", "2025-07-01"]


def dated_record(i: int, day: str) -> dict:
    title = f"Bentrokan di Kota {i}"
    body = f"Pasukan menyerang Kota {i} pada hari itu."
    text = f"{title}\n\n{body}"
    rec = _record(f"dated-{i}", text, title=title, outlet=f"outlet{i % 2}.example", published=[day, day],
                  path=f"dated-{i}.txt")
    s = text.index("Pasukan")
    rec["events"].append({
        "id": f"dated-{i}-ev0", "event_type": "Battles", "sub_event_type": "Armed clash",
        "date": {"value": day, "earliest": day, "latest": day, "precision": "day"},
        "place": {"name": f"Kota {i}", "lat": -6.0 - i, "lon": 106.0 + i, "country": "ID", "admin1": "Jawa Barat"},
        "actor1": {"text": "Pasukan", "canonical": "Pasukan"}, "actor2": None, "fatalities": None,
        "evidence": {"text": text[s:], "span": [s, len(text)]}, "attributed_to": None, "confidence": 0.8})
    return rec


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("dates") / "dates.db", [dated_record(i, d) for i, d in enumerate(DAYS)])
    return TestClient(create_app(str(db)))


def _inside(lo: str | None, hi: str | None) -> int:
    return sum(1 for d in DAYS if (lo is None or d >= lo) and (hi is None or d[:len(hi)] <= hi))


RANGES = [("2025-06-01", "2025-06-30"), ("2025-06", "2025-06"), ("2025-06", None), (None, "2025-06"),
          ("2016", "2016"), ("2016", "2025-05"), ("2025-06-02", "2025-07"), ("2025", None), (None, "2016-12-03"),
          ("2025-06-15", "2025-06-15"), ("2025-07-02", None)]


@pytest.mark.parametrize("lo,hi", RANGES)
def test_every_list_counts_the_days_between_from_and_to(client, lo, hi):
    params = {k: v for k, v in (("date_from", lo), ("date_to", hi)) if v}
    want = _inside(lo, hi)
    assert client.get("/api/events", params=params).json()["total"] == want
    assert client.get("/api/articles", params=params).json()["total"] == want
    assert client.get("/api/search", params={"q": "", **params}).json()["total"] == want
    buckets = client.get("/api/timeline", params={"by": "day", **params}).json()["buckets"]
    assert sum(b["total"] for b in buckets) == want
    assert all((not lo or b["date"] >= lo) and (not hi or b["date"][:len(hi)] <= hi) for b in buckets)


def test_june_2025_is_three_events_not_zero(client):
    r = client.get("/api/events", params={"date_from": "2025-06-01", "date_to": "2025-06-30"}).json()
    assert sorted(it["date"] for it in r["items"]) == ["2025-06-01", "2025-06-15", "2025-06-30"]


def test_openapi_lists_both_bounds_everywhere(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/articles", "/api/events", "/api/timeline"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert {"date_from", "date_to"} <= names, path


def test_bad_upper_bound_is_rejected(client):
    assert client.get("/api/events", params={"date_to": "June"}).status_code == 422
    assert client.get("/api/timeline", params={"date_to": "2025-6"}).status_code == 422


def test_timeline_obeys_the_table_filters(client):
    for params in ({"q": "Kota 3"}, {"outlet": "outlet1.example"}, {"country": "ID", "date_from": "2025"}):
        table = client.get("/api/events", params=params).json()["total"]
        line = sum(b["total"] for b in client.get("/api/timeline", params=params).json()["buckets"])
        assert line == table, params
