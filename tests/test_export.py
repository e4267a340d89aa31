"""Exports: ACLED CSV, flat CSV, JSONL, GeoJSON and Parquet round-trips."""
import json

import pandas as pd
import pytest

from pantau.stages import events
from pantau.export import ACLED_COLUMNS, export


def record():
    text = ("Pasukan rezim merebut Aleppo pada Sabtu (6/8). Sekitar 400 warga sipil tewas akibat serangan udara "
            "pasukan rezim. Pemerintah mencapai kesepakatan.")
    a = text.index("Aleppo")
    t = text.index("Sabtu (6/8)")
    n = text.index("Sekitar 400 warga sipil")
    rec = {"id": "art-1", "text": text, "body_start": 0, "sentences": [], "title": "Contoh",
           "source": {"path": "x.txt", "url": "http://contoh.test/a"}, "outlet": {"name": "contoh.com"},
           "entities": [{"text": "Aleppo", "span": [a, a + 6], "type": "LOC", "canonical": "Aleppo",
                         "geo": {"lat": 36.2, "lon": 37.16, "country": "SY", "admin1": "Aleppo", "feature": "city"}}],
           "timexes": [{"text": "Sabtu (6/8)", "span": [t, t + 11], "type": "DATE", "value": "2016-08-06"}],
           "numbers": [{"text": "Sekitar 400 warga sipil", "span": [n, n + 23], "value": 400, "role": "killed"}],
           "quotes": [], "credited_sources": [],
           "published": {"date": "2016-08-09", "earliest": "2016-08-08", "latest": "2016-08-09"}}
    return events.run(rec)


@pytest.fixture
def records():
    rec = record()
    # the agreement names no place: it inherits the article's place (Aleppo), marked as inherited
    assert len(rec["events"]) == 3
    return [rec]


def test_acled_csv_has_acled_columns(records, tmp_path):
    out = tmp_path / "acled.csv"
    assert export(records, "acled-csv", str(out)) == 3
    df = pd.read_csv(out)
    assert list(df.columns) == ACLED_COLUMNS
    row = df[df.event_type == "Battles"].iloc[0]
    assert row.event_date == "2016-08-06" and row.year == 2016 and row.time_precision == 1
    assert row.sub_event_type == "Government regains territory"
    assert row.country == "Syria" and row.iso == 760 and row.region == "Middle East"
    assert row.latitude == pytest.approx(36.2) and row.longitude == pytest.approx(37.16)
    assert str(row.cameo) == "192" and row.plover == "ASSAULT" and row.article_id == "art-1"
    assert row.event_id_cnty.startswith("SYR-")
    assert row.date_how == "text"  # the day stands in the event's own sentence
    strike = df[df.event_type == "Explosions/Remote violence"].iloc[0]
    assert strike.fatalities == 400 and strike.civilian_targeting == "Civilian targeting"


def test_flat_csv_and_parquet_read_back(records, tmp_path):
    assert export(records, "csv", str(tmp_path / "e.csv")) == 3
    df = pd.read_csv(tmp_path / "e.csv")
    assert set(df.event_type) == {"Battles", "Explosions/Remote violence", "Strategic developments"}
    assert list(df.place_inherited) == [False, True, True]
    assert export(records, "parquet", str(tmp_path / "e.parquet")) == 3
    pq = pd.read_parquet(tmp_path / "e.parquet")
    assert len(pq) == 3 and pq.latitude.dtype.kind == "f" and pq.evidence_start.dtype.kind == "i"
    text = records[0]["text"]
    for _, row in pq.iterrows():
        assert text[row.evidence_start:row.evidence_end] == row.evidence


def test_statements_only_on_request(tmp_path):
    rec = events.run({"id": "s", "text": "Pasukan rezim akan merebut Aleppo.", "body_start": 0, "sentences": [],
                      "entities": [{"text": "Aleppo", "span": [27, 33], "type": "LOC",
                                    "geo": {"lat": 36.2, "lon": 37.16, "country": "SY", "feature": "city"}}],
                      "timexes": [], "numbers": [], "quotes": [], "published": {}})
    assert rec["events"] == [] and len(rec["statements"]) == 1
    assert export([rec], "csv", str(tmp_path / "a.csv")) == 0
    assert export([rec], "csv", str(tmp_path / "b.csv"), include_statements=True) == 1
    assert pd.read_csv(tmp_path / "b.csv").modality[0] == "planned"


def test_jsonl_round_trip(records, tmp_path):
    out = tmp_path / "a.jsonl"
    assert export(records, "jsonl", str(out)) == 1
    back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert back[0]["events"] == records[0]["events"]


def test_geojson_is_valid_rfc7946_points(records, tmp_path):
    out = tmp_path / "e.geojson"
    assert export(records, "geojson", str(out)) == 3
    gj = json.loads(out.read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection" and "crs" not in gj
    for f in gj["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lon, lat) == (pytest.approx(37.16), pytest.approx(36.2))  # [lon, lat] order
        assert isinstance(f["properties"], dict) and f["properties"]["event_type"]


def test_unknown_format_is_refused(records, tmp_path):
    with pytest.raises(ValueError):
        export(records, "xlsx", str(tmp_path / "x"))
