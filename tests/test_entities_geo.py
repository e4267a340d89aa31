"""Geocoding and typing: a name is a place only with a place reading; country-level names stay
home; regions are areas; embassies and speaking capitals are actors."""
import json
import subprocess
import sys

from pantau.stages.entities import find_entities


def by_text(text):
    return {e["text"]: e for e in find_entities(text)}


def test_us_state_is_not_a_town_abroad():
    e = by_text("Badai besar melanda Florida pada Senin malam.")["Florida"]
    assert e["geo"]["country"] == "US" and e["geo"]["feature"] == "admin1"
    assert e["geo"]["precision"] == "centroid"


def test_country_level_name_keeps_country_when_a_city_shares_it():
    e = by_text("Presiden Georgia berbicara di depan parlemen.")["Georgia"]
    assert e["geo"]["country"] == "GE"


def test_place_reading_from_the_kb_and_preposition():
    e = by_text("Serangan Israel di Khan Younis menewaskan 20 orang.")["Khan Younis"]
    assert e["type"] == "LOC" and e["geo"]["country"] == "PS"


def test_no_place_reading_no_place():
    # an Aleppo neighbourhood shares the name; nothing here reads it as a place
    ents = by_text("Menurut Al-Ghazali, ilmu itu penting bagi setiap orang.")
    assert all(e.get("geo") is None for e in ents.values())


def test_regions_are_areas_not_points():
    for text, name in (("Konflik di Timur Tengah kian meluas.", "Timur Tengah"),
                       ("Perang di Middle East kian panas.", "Middle East")):
        geo = by_text(text)[name]["geo"]
        assert geo["feature"] == "region" and geo["precision"] == "area"
        assert geo["lat"] is None and geo["lon"] is None


def test_embassy_is_an_actor_not_two_places():
    ents = find_entities("Kedutaan Besar Israel di Washington mengeluarkan pernyataan resmi.")
    assert [e["text"] for e in ents] == ["Kedutaan Besar Israel di Washington"]
    e = ents[0]
    assert e["type"] == "ORG" and e["geo"] is None and e["canonical"].startswith("Embassy of Israel")


def test_speaking_capital_is_the_government_a_capital_after_a_preposition_a_place():
    e = by_text("Washington mengatakan serangan itu sah.")["Washington"]
    assert e["type"] == "ORG" and e["subtype"] == "government" and e["geo"] is None
    assert e["canonical"] == "United States"
    e = by_text("Ribuan orang berunjuk rasa di Washington pada Sabtu.")["Washington"]
    assert e["type"] == "LOC" and e["geo"]["country"] == "US"


def test_cli_record_carries_the_readings(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Ketegangan di Timur Tengah\n\nMoskow membantah tuduhan itu, sementara Kedubes Rusia di "
                   "Jakarta menolak berkomentar soal situasi di Timur Tengah.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", str(src), "--db", str(tmp_path / "p.db")],
                         capture_output=True, text=True, check=True).stdout
    ents = {e["text"]: e for e in json.loads(out.splitlines()[0])["entities"]}
    assert ents["Moskow"]["type"] == "ORG" and ents["Moskow"]["geo"] is None
    assert ents["Kedubes Rusia di Jakarta"]["type"] == "ORG"
    assert ents["Timur Tengah"]["geo"]["lat"] is None
