"""Geocoding and typing: a name is a place only with a place reading; country-level names stay
home; regions are areas; embassies and speaking capitals are actors."""
import json
import subprocess
import sys

from pantau.nlp.geo import km
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


# --- the gazetteer (pantau/data/kb/generated: GeoNames divisions, Indonesian regencies and
# districts); the names below are general knowledge, none from the measuring articles


def test_division_abroad_is_an_area_placed_at_its_seat():
    e = by_text("Pasukan Taliban menyerang pos polisi di Provinsi Helmand pada Senin.")["Provinsi Helmand"]
    geo = e["geo"]
    assert e["type"] == "LOC" and geo["country"] == "AF" and geo["feature"] == "admin1"
    assert geo["precision"] == "centroid"
    # the province's seat (Lashkar Gah), not the country's capital
    assert km(geo, {"lat": 31.59, "lon": 64.37}) < 30


def test_country_name_is_not_moved_into_a_same_named_division():
    # Niger is also a Nigerian state, Mexico a Mexican one
    ents = by_text("Presiden Niger bertemu Presiden Mexico di Paris.")
    assert ents["Niger"]["geo"]["feature"] == "country" and ents["Niger"]["geo"]["country"] == "NE"
    assert ents["Mexico"]["geo"]["feature"] == "country"


def test_town_names_match_without_diacritics():
    # GeoNames writes Tikrīt
    e = by_text("Bom meledak di Tikrit, Irak, pada Senin.")["Tikrit"]
    assert e["geo"]["country"] == "IQ" and km(e["geo"], {"lat": 34.6, "lon": 43.68}) < 10


def test_indonesian_regency_and_district_are_placed_at_their_towns():
    ents = by_text("Kontak tembak terjadi di Kecamatan Kenyam, Kabupaten Nduga, Papua Pegunungan.")
    reg, dis = ents["Kabupaten Nduga"], ents["Kecamatan Kenyam"]
    assert reg["geo"]["feature"] == "admin2" and dis["geo"]["feature"] == "admin3"
    assert reg["geo"]["country"] == dis["geo"]["country"] == "ID"
    assert km(reg["geo"], {"lat": -4.6, "lon": 138.38}) < 30  # Kenyam, the regency's seat
    assert km(dis["geo"], reg["geo"]) < 30


def test_one_word_district_name_alone_is_no_district():
    # "Muara" (estuary) names districts all over the country: only "Kecamatan Muara" is one
    ents = by_text("Kebakaran terjadi di Muara pada Senin malam.")
    assert all((e.get("geo") or {}).get("feature") != "admin3" for e in ents.values())


def test_regions_and_metonymy_hold_with_the_gazetteer():
    # the division and district layers hold names like these too; the readings still win
    ents = find_entities("Washington mengatakan Kedutaan Besar Israel di Jakarta tutup, dan Timur Tengah "
                         "bergolak.")
    by = {e["text"]: e for e in ents}
    assert by["Washington"]["type"] == "ORG" and by["Washington"]["geo"] is None
    assert by["Kedutaan Besar Israel di Jakarta"]["type"] == "ORG"
    assert by["Timur Tengah"]["geo"]["precision"] == "area"


def cli_entities(tmp_path, text: str, name: str) -> list[dict]:
    """The entities named `name` that `pantau analyze` (the CLI, as a user runs it) finds in one text file."""
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", str(src), "--db", "none"],
                         capture_output=True, text=True, check=True).stdout
    return [e for e in json.loads(out.splitlines()[0])["entities"] if e["text"] == name]


def test_cli_places_an_indonesian_regency(tmp_path):
    ents = cli_entities(tmp_path, "Banjir di Kabupaten Nduga\n\nBanjir bandang melanda Kabupaten Nduga, Papua "
                        "Pegunungan, pada Senin.\n", "Kabupaten Nduga")
    assert ents and all(e["geo"]["feature"] == "admin2" and e["geo"]["country"] == "ID" for e in ents)


def test_generated_place_files_are_small_and_sourced():
    from pantau.nlp import kb as kbmod

    for path in sorted((kbmod.DATA / "generated").glob("places_*.tsv")):
        assert path.stat().st_size < 20 * 2 ** 20, path
        header, rows, version = kbmod._read_tsv(path)
        assert version and "source" in header
        assert all(r["source"] for r in rows), path


def test_transliteration_variant_of_a_place_after_a_place_word():
    # "Raqa" is how the article spells Ar-Raqqa / Raqqa: doubled letters and the article differ
    ents = by_text("Pasukan itu bertempur melawan ISIS di Provinsi Raqa, Suriah, pekan lalu.")
    e = ents["Raqa"]
    assert e["type"] == "LOC" and e["link"] == "transliteration" and e["geo"]["country"] == "SY"
    assert km(e["geo"], {"lat": 35.95, "lon": 39.01}) < 50


def test_transliteration_variant_needs_a_place_reading_and_is_never_a_person():
    from pantau.stages.entities import transliteration_key

    assert transliteration_key("Ar-Raqqah") == transliteration_key("Raqa") == "raqa"
    assert transliteration_key("Dayr az-Zawr") == "dayr zawr"
    # a person's name that a place's spelling folds to stays a person
    ents = by_text("Hassan Nasrallah berbicara kepada para pendukungnya di Beirut.")
    assert all(e["geo"] is None for e in ents.values() if e["type"] != "LOC")
    assert all(e["link"] != "transliteration" for e in ents.values())


def test_same_named_districts_do_not_share_one_point():
    # Kecamatan Banjaran of Bandung and of Majalengka were both placed at the one GeoNames town
    # Banjaran (near Bandung): one town gives one district its point
    import collections

    from pantau.nlp import kb as kbmod

    header, rows, _version = kbmod._read_tsv(kbmod.DATA / "generated" / "places_indonesia.tsv")
    at = collections.Counter((r["canonical"], r["lat"], r["lon"]) for r in rows if r["feature"] == "admin3")
    assert [k for k, n in at.items() if n > 1] == []
    places = kbmod.load().places
    bandung = places["place:id-adm3:jawa-barat:kabupaten-bandung:banjaran"]
    assert "place:id-adm3:jawa-barat:kabupaten-majalengka:banjaran" not in places or km(
        places["place:id-adm3:jawa-barat:kabupaten-majalengka:banjaran"], bandung) > 5


def test_town_name_opening_a_longer_name_is_no_place():
    # "Metro" is a town in Lampung; "Polda Metro Jaya" is the Jakarta regional police
    text = "Polisi Indonesia: kasus itu ditangani di Polda Metro Jaya. Dia diperiksa di Mapolda Metro Jaya, Jakarta."
    ents = find_entities(text)
    assert not any((e.get("geo") or {}).get("admin1") == "15" or "metro" in (e["id"] or "") for e in ents)
    assert any(e["text"] == "Polda Metro Jaya" for e in ents)
    # the town itself, and a town before a word that ends place names, stay places
    assert by_text("Gempa terasa di Metro, Lampung.")["Metro"]["geo"]["country"] == "ID"
    assert by_text("Longsor terjadi di Cianjur Selatan, Jawa Barat.")["Cianjur"]["geo"]["country"] == "ID"


def test_transliteration_variant_only_of_a_place_in_the_articles_countries():
    # Ascot is a town in England: "Ascott" (a hotel) in an article about Jakarta is not it, nor is
    # an acronym or an everyday word written with a capital
    for text in ("Para tamu menginap di Ascott selama tiga hari di Jakarta, Indonesia.",
                 "Kantor regional di APAC dibuka di Jakarta, Indonesia.",
                 "Warga berkumpul di Rumah itu pada Senin di Jakarta, Indonesia."):
        assert all(e["link"] != "transliteration" for e in find_entities(text)), text
