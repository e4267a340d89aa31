"""Exports: ACLED CSV, flat CSV, JSONL, GeoJSON and Parquet round-trips."""
import json

import pandas as pd
import pytest

from pantau.stages import events
from pantau.export import ACLED_COLUMNS, export, row


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
    assert dict(zip(df.event_type, df.place_inherited)) == {
        "Battles": False, "Explosions/Remote violence": True, "Strategic developments": True}
    assert export(records, "parquet", str(tmp_path / "e.parquet")) == 3
    pq = pd.read_parquet(tmp_path / "e.parquet")
    assert len(pq) == 3 and pq.latitude.dtype.kind == "f" and pq.evidence_start.dtype.kind == "i"
    text = records[0]["text"]
    for _, prow in pq.iterrows():
        assert text[prow.evidence_start:prow.evidence_end] == prow.notes  # the evidence text (ACLED notes)


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


# -- ACLED faithfulness and merged events ---------------------------------------------

def _event(eid, etype, day, place, *, actor1=None, actor2=None, fatalities=None, evidence=(0, 10), how="text",
           conf=0.8):
    return {"id": eid, "event_type": etype, "sub_event_type": "Air/drone strike", "modality": "asserted",
            "date": {"value": day, "earliest": day, "latest": day, "precision": "day", "how": how},
            "place": place, "actor1": actor1, "actor2": actor2, "fatalities": fatalities,
            "evidence": {"text": "x" * (evidence[1] - evidence[0]), "span": list(evidence)},
            "attributed_to": "kata juru bicara", "confidence": conf}


GAZA = {"name": "Gaza", "lat": 31.5, "lon": 34.47, "country": "PS", "admin1": "GZ", "rank": 3, "inherited": False}
KHAN_YUNIS = {"name": "Khan Yunis", "lat": 31.34, "lon": 34.31, "country": "PS", "admin1": "GZ", "rank": 3}
TEHRAN = {"name": "Tehran", "lat": 35.69, "lon": 51.42, "country": "IR", "admin1": "26", "rank": 3}
IDF = {"text": "Israel", "canonical": "Israel", "side": "government"}
CIVS = {"text": "warga sipil", "canonical": "Civilians", "side": "civilians"}


def _art(aid, outlet, published, events, url=None):
    return {"id": aid, "title": f"Judul {aid}", "outlet": {"name": outlet}, "text": aid + "x" * 200,
            "source": {"path": f"{aid}.txt", "url": url or f"https://{outlet}/{aid}"},
            "published": {"date": published}, "events": events}


@pytest.fixture
def reports():
    return [
        _art("a1", "kompas.com", "2025-06-19", [_event("a1-e0", "Violence against civilians", "2025-06-18", GAZA,
                                                         actor1=IDF, actor2=CIVS, fatalities=20)]),
        _art("a2", "detik.com", "2025-06-18", [_event("a2-e0", "Violence against civilians", "2025-06-18", KHAN_YUNIS,
                                                        actor1=IDF, fatalities=20, conf=0.9)]),
        _art("a3", "tempo.co", "2025-06-20", [_event("a3-e0", "Explosions/Remote violence", "2025-06-18", TEHRAN,
                                                       actor1=IDF, how="publication")]),
    ]


def test_acled_rows_are_merged_events_with_publications_as_source(reports, tmp_path):
    out = tmp_path / "acled.csv"
    assert export(reports, "acled-csv", str(out), stored={"a1": 1750300000, "a2": 1750200000, "a3": 1750400000}) == 2
    df = pd.read_csv(out, keep_default_na=False)
    gaza = df[df.event_type == "Violence against civilians"].iloc[0]
    assert gaza.source == "detik.com; kompas.com" and gaza.n_reports == 2 and gaza.n_sources == 2
    assert gaza.attribution == "kata juru bicara"
    assert gaza.source_url == "https://detik.com/a2; https://kompas.com/a1"
    assert gaza.first_reported == "2025-06-18" and gaza.last_reported == "2025-06-19"
    assert gaza.country == "Palestine" and gaza.admin1 == "Gaza Strip" and gaza.iso == 275
    assert gaza.civilian_targeting == "Civilian targeting" and gaza.fatalities == 20
    assert gaza.timestamp == 1750300000  # when the last of its reports was stored, not the export time
    assert gaza.time_precision == 1 and gaza.geo_precision == 1
    tehran = df[df.event_type == "Explosions/Remote violence"].iloc[0]
    assert tehran.admin1 == "Tehran" and tehran.location == "Tehran" and tehran.country == "Iran"
    assert tehran.time_precision == 2  # the day is the publication's, not said by the article
    assert tehran.source == "tempo.co" and tehran.civilian_targeting == ""


def test_per_report_rows_and_no_admin_code_ever(reports, tmp_path):
    reports[2]["events"][0]["place"] = dict(TEHRAN, admin1="99")  # a code nobody can name
    out = tmp_path / "acled.csv"
    assert export(reports, "acled-csv", str(out), merged=False) == 3
    df = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert set(df.source) == {"kompas.com", "detik.com", "tempo.co"}
    assert not any(a.isdigit() or (a.isupper() and len(a) <= 3) for a in df.admin1 if a)
    assert set(df.admin1) == {"Gaza Strip", ""}


def test_geo_and_time_precision_follow_acled():
    from pantau.export import geo_precision, time_precision
    assert geo_precision({"lat": 1, "lon": 1, "rank": 3}) == 1
    assert geo_precision({"lat": 1, "lon": 1, "rank": 3, "inherited": True}) == 2
    assert geo_precision({"lat": 1, "lon": 1, "rank": 2}) == 3 and geo_precision({"lat": 1, "lon": 1, "rank": 1}) == 3
    assert geo_precision({"lat": None}) is None
    assert time_precision({"value": "2025-06-18", "precision": "day"}) == ("2025-06-18", 1)
    assert time_precision({"earliest": "2025-06-16", "latest": "2025-06-20", "precision": "week"}) == ("2025-06-18", 2)
    assert time_precision({"value": "2025-06", "earliest": "2025-06-01", "latest": "2025-06-30",
                           "precision": "month"})[1] == 3


def test_one_schema_for_csv_parquet_geojson_with_typed_parquet(reports, tmp_path, capsys):
    import sys
    from datetime import date
    from pantau.export import FLAT_COLUMNS
    reports.append(_art("a4", "cnn.id", "2025-06-21", [_event("a4-e0", "Protests", "2025-06-21", None)]))
    assert export(reports, "csv", str(tmp_path / "e.csv")) == 3
    assert list(pd.read_csv(tmp_path / "e.csv").columns) == FLAT_COLUMNS
    assert export(reports, "parquet", str(tmp_path / "e.parquet")) == 3
    pq = pd.read_parquet(tmp_path / "e.parquet")
    assert list(pq.columns) == FLAT_COLUMNS
    assert isinstance(pq.event_date.dropna().iloc[0], date) and pq.year.dtype.kind == "i"
    assert pq.n_reports.dtype.kind == "i" and pq.latitude.dtype.kind == "f"
    assert export(reports, "geojson", str(tmp_path / "e.geojson"), log=sys.stderr) == 2
    assert "left out 1 event(s) without coordinates" in capsys.readouterr().err
    props = json.loads((tmp_path / "e.geojson").read_text())["features"][0]["properties"]
    assert list(props) == FLAT_COLUMNS and props["country"] in ("Palestine", "Iran")


def test_filters_by_day_country_and_type(reports, tmp_path):
    def n(**kw):
        return export(reports, "csv", str(tmp_path / "f.csv"), merged=False, **kw)
    assert n(country="Palestine") == 2 and n(country="PS") == 2 and n(country="IRN") == 1
    assert n(event_type="Explosions/Remote violence") == 1
    assert n(date_from="2025-06-18", date_to="2025-06-18") == 3 and n(date_from="2025-06-19") == 0
    assert n(date_to="2025-06") == 3 and n(date_from="2025-07") == 0
    with pytest.raises(ValueError):
        n(country="Atlantis")


def test_cli_export_filters_to_standard_output(reports, tmp_path):
    import subprocess
    import sys
    from io import StringIO
    from pantau.store import Store
    db = str(tmp_path / "x.db")
    st = Store(db)
    for i, rec in enumerate(reports):
        st.put(rec, f"in-{i}")
    st.commit()
    st.close()
    cmd = [sys.executable, "-m", "pantau.cli", "export", "--format", "acled-csv", "--db", db, "--out", "-"]
    res = subprocess.run(cmd + ["--from", "2025-06", "--to", "2025-06-18", "--country", "Palestine",
                                "--event-type", "Violence against civilians"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    df = pd.read_csv(StringIO(res.stdout), keep_default_na=False)
    assert len(df) == 1 and df.source[0] == "detik.com; kompas.com" and df.n_reports[0] == 2
    assert 1_000_000_000 < df.timestamp[0] <= __import__("time").time()
    assert "wrote 1 rows to standard output" in res.stderr
    res = subprocess.run(cmd + ["--per-report", "--from", "2025"], capture_output=True, text=True)
    assert len(pd.read_csv(StringIO(res.stdout))) == 3
    res = subprocess.run(cmd + ["--from", "June"], capture_output=True, text=True)
    assert res.returncode == 2 and "--from/--to" in res.stderr
    res = subprocess.run(cmd + ["--country", "Atlantis"], capture_output=True, text=True)
    assert res.returncode == 2 and "unknown country" in res.stderr


def test_source_scale_from_the_publications_catalogue():
    from pantau.export import source_scale
    assert source_scale(["Kompas.com"], "ID") == "National"
    assert source_scale(["Kompas.com", "Al Jazeera"], "ID") == "National-International"
    assert source_scale(["portalpiyungan.com", "Reuters"], "SY") == "New media-International"
    assert source_scale(["a blog nobody catalogued", None], "ID") == ""


def test_protest_rows_carry_the_named_group_as_associated_actor(tmp_path):
    text = "Ribuan mahasiswa dari BEM SI berunjuk rasa di depan gedung DPR di Jakarta pada Senin (12/9)."
    b, j, t = text.index("BEM SI"), text.index("Jakarta"), text.index("Senin (12/9)")
    rec = {"id": "p-1", "text": text, "body_start": 0, "sentences": [], "title": "Demo",
           "source": {"path": "p.txt"}, "outlet": {"name": "Kompas.com"},
           "entities": [{"text": "BEM SI", "span": [b, b + 6], "type": "ORG", "canonical": "BEM SI"},
                        {"text": "Jakarta", "span": [j, j + 7], "type": "LOC", "canonical": "Jakarta",
                         "geo": {"lat": -6.2, "lon": 106.8, "country": "ID", "admin1": "Jakarta", "feature": "city"}}],
           "timexes": [{"text": "Senin (12/9)", "span": [t, t + 12], "type": "DATE", "value": "2016-09-12"}],
           "numbers": [], "quotes": [], "credited_sources": [],
           "published": {"date": "2016-09-12", "earliest": "2016-09-12", "latest": "2016-09-12"}}
    rec = events.run(rec)
    (ev,) = rec["events"]
    assert ev["event_type"] == "Protests" and ev["assoc_actor1"]["canonical"] == "BEM SI"
    out = tmp_path / "p.csv"
    assert export([rec], "acled-csv", str(out)) == 1
    row = pd.read_csv(out, keep_default_na=False).iloc[0]
    assert row.actor1 == "Protesters (Indonesia)" and row.assoc_actor_1 == "BEM SI"
    assert row.source == "Kompas.com" and row.source_scale == "National"


def test_admin1_codes_of_any_country_are_exported_as_names():
    from pantau.export import admin_names
    assert admin_names({"country": "SY", "admin1": "09"})[0] == "Aleppo"  # a GeoNames code, joined name
    assert admin_names({"country": "PS", "admin1": "GZ"})[0] == "Gaza Strip"  # curated, as ACLED writes it
    assert admin_names({"country": "SY", "admin1": "99"})[0] == ""  # a code nobody names stays empty


def test_admin1_is_spelled_as_acled_spells_it_whatever_gazetteer_named_it():
    from pantau.export import admin_names
    assert admin_names({"country": "SY", "admin1": "13"})[0] == "Damascus"  # GeoNames "Dimashq"
    assert admin_names({"country": "SY", "admin1": "12"})[0] == "Idleb"  # OCHA spelling
    assert admin_names({"country": "ID", "admin1": "Jawa Barat"})[0] == "West Java"  # Indonesian name
    assert admin_names({"country": "ID", "admin1": "22"})[0] == "Southeast Sulawesi"
    assert admin_names({"country": "IQ", "admin1": "07"})[0] == "Baghdad"  # "Mayorality of Baghdad"
    assert admin_names({"country": "ID", "admin1": "Dimashq"})[0] == "Dimashq"  # only within its country


@pytest.mark.slow
def test_the_event_record_of_events_dev_and_the_seeds_holds_its_promises(tmp_path):
    """No event after its article, admin1 never a code, civilian_targeting on every VAC row, source only
    publications, timestamp the storing time: scripts/check_event_record.py over events-dev + seeds."""
    import pathlib
    import subprocess
    import sys
    root = pathlib.Path(__file__).resolve().parents[1]
    if not (root.parent / "shared" / "gold" / "events-dev").is_dir():
        pytest.skip("../shared is not beside the project")
    res = subprocess.run([sys.executable, str(root / "scripts" / "check_event_record.py"), "--keep", str(tmp_path)],
                         capture_output=True, text=True, cwd=root)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "all hold" in res.stdout
    assert "FAIL" not in res.stdout


def test_inter_codes_come_from_the_actor_name_else_its_side():
    # a named actor keeps its own code (actors.tsv); an unnamed one is coded by its side (sides.tsv)
    rec = record()
    ev = dict(rec["events"][0], actor1={"text": "pasukan Israel", "side": "external"},
              actor2={"text": "warga sipil", "side": "civilians"})
    r = row(rec, ev, None)
    assert (r["inter1"], r["inter2"], r["interaction"]) == (8, 7, 78)
    ev = dict(ev, actor1={"text": "polisi", "side": "government"}, actor2={"text": "massa", "side": "rioters"})
    r = row(rec, ev, None)
    assert (r["inter1"], r["inter2"], r["interaction"]) == (1, 5, 15)
