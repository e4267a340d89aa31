"""Entities stage: spans, linking, clustering, geocoding, seeds gold."""
import math

from pantau.stages import entities
from pantau.evaluate import entities as ent_eval
from pantau.record import bad_spans


def _by_text(ents):
    out = {}
    for e in ents:
        out.setdefault(e["text"], e)
    return out


def test_spans_read_their_text_and_links_are_explained():
    text = ("Milisi Syiah Hizbullah dan Jaisy Al-Fath bertempur di Ramouseh, Aleppo. "
            "Presiden Bashar al-Assad tidak hadir di Damaskus.")
    art = entities.run({"text": text}, None)
    assert bad_spans(art) == []
    ents = _by_text(art["entities"])
    assert ents["Hizbullah"]["canonical"] == "Hezbollah" and ents["Hizbullah"]["type"] == "ORG"
    assert ents["Jaisy Al-Fath"]["canonical"] == "Jaish al-Fatah"
    assert ents["Bashar al-Assad"]["type"] == "PER"
    ram = ents["Ramouseh"]
    assert ram["type"] == "LOC" and ram["geo"]["country"] == "SY" and ram["geo"]["resolved_by"]
    assert ents["Damaskus"]["canonical"] == "Damascus"
    for e in art["entities"]:
        assert e["link"] in ("exact alias", "fuzzy", "context", "doc-cluster")


def test_same_document_cluster_and_context_person():
    text = ("Zakaria Malahifji dari kelompok Fastaqim Union berbicara. \"Kami bertahan,\" kata Malahifji.\n"
            "Vladimir Putin memerintahkan serangan. Vlad telah bereaksi.")
    ents = _by_text(entities.run({"text": text}, None)["entities"])
    assert ents["Malahifji"]["canonical"] == "Zakaria Malahifji"
    assert ents["Malahifji"]["link"] == "doc-cluster"
    assert ents["Vlad"]["canonical"] == "Vladimir Putin"


def test_context_chooses_between_candidates():
    aleppo = "Kemacetan terjadi di daerah Pullman, Aleppo, Kamis, ketika warga Suriah mengungsi."
    us = "Universitas negeri di Pullman, Washington, Amerika Serikat menerima mahasiswa."
    p1 = _by_text(entities.run({"text": aleppo}, None)["entities"])
    p2 = _by_text(entities.run({"text": us}, None)["entities"])
    pull1 = next(e for t, e in p1.items() if t.startswith("Pullman"))
    pull2 = next(e for t, e in p2.items() if t.startswith("Pullman"))
    assert pull1["geo"]["country"] == "SY"
    assert pull2["geo"]["country"] == "US"
    hama_prov = _by_text(entities.run({"text": "Pasukan kalah di provinsi Hama, Suriah."}, None)["entities"])
    assert hama_prov["Hama"]["canonical"] == "Hama Governorate"
    hama_city = _by_text(entities.run({"text": "Warga kota Hama di Suriah berdemo."}, None)["entities"])
    assert hama_city["Hama"]["canonical"] == "Hama"


def test_fuzzy_transliteration_variant():
    ents = _by_text(entities.run({"text": "Kelompok Jaisy al-Fatah menyerang pos tentara."}, None)["entities"])
    hit = next((e for t, e in ents.items() if "Fatah" in t), None)
    assert hit is not None and hit["canonical"] == "Jaish al-Fatah"


def test_rt_is_not_russia_today_in_a_neighbourhood_story():
    ents = entities.run({"text": "Warga RT 05 di Bekasi bergotong royong membersihkan selokan."}, None)["entities"]
    assert not any(e["canonical"] == "RT (TV network)" for e in ents)


def test_unresolved_place_does_not_block_others():
    text = "Bentrokan terjadi di Kampung Zzyzxqopr dan di Aleppo serta Moskow."
    ents = entities.run({"text": text}, None)["entities"]
    geos = {e["canonical"]: e["geo"] for e in ents if e["geo"]}
    assert "Aleppo" in geos and "Moscow" in geos


def test_empty_text():
    assert entities.run({"text": ""}, None)["entities"] == []


def test_seeds_gold(shared):
    figures = ent_eval.run(shared)
    assert figures["recall"] >= 0.9, figures["misses"]
    assert figures["canonical_accuracy"] >= 0.9, figures["wrong_canonical"]
    geo = figures["geocoding"]
    assert geo["within_25km"] == geo["resolved"] == geo["places"], geo


def test_haversine():
    assert math.isclose(ent_eval.km((36.2, 37.16), (36.2, 37.16)), 0.0, abs_tol=1e-9)
    assert 300 < ent_eval.km((36.20, 37.16), (33.51, 36.29)) < 320  # Aleppo - Damascus


def test_person_name_tagged_across_glued_words_keeps_the_name():
    # scrapers glue a title, an outlet or the next word onto a name: a case change inside a word of
    # a person's name is a word boundary (tagged mentions only; camel-case openings stay)
    cases = [("\"Kami siap,\" kata Wali Kota DepokSupian Suri dalam keterangannya, Senin.", "Supian Suri"),
             ("Ketua The FedJerome Powell mengatakan inflasi turun, kata dia.", "Jerome Powell"),
             ("Pelatih CityPep Guardiola puas dengan hasil itu.", "Pep Guardiola")]
    for text, name in cases:
        pers = [e for e in entities.find_entities(text) if e["type"] == "PER"]
        assert [e["text"] for e in pers] == [name], (text, pers)
        s, e = pers[0]["span"]
        assert text[s:e] == name
    text = "Aktor Leonardo DiCaprio datang ke Jakarta, kata dia."
    assert [e["text"] for e in entities.find_entities(text) if e["type"] == "PER"] == ["Leonardo DiCaprio"]
