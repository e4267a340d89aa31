"""Knowledge base: loading, lookups, alias matching, validation, user layers."""
import pathlib

import pytest

from pantau.nlp import kb


def test_seed_aliases_resolve_to_wikipedia_titles():
    cases = {"Hizbullah": "Hezbollah", "Hezbollah": "Hezbollah", "Jaisy Al Fath": "Jaish al-Fatah",
             "Jaisy Al-Fath": "Jaish al-Fatah", "Assad": "Bashar al-Assad", "Damaskus": "Damascus",
             "Ramouseh": "Ramouseh", "Handarat": "Handarat", "HTS": "Hay'at Tahrir al-Sham",
             "Negara Islam": "Islamic State", "Densus 88": "Detachment 88", "Suriah": "Syria",
             "Amerika Serikat": "United States", "Inggris": "United Kingdom"}
    k = kb.load()
    for alias, canonical in cases.items():
        ids = kb.candidates(alias)
        assert ids, alias
        assert canonical in {k.entry(i)["canonical"] for i in ids}, alias


def test_actor_record_has_side_country_cameo_and_periods():
    a = kb.actor("actor:bashar-al-assad")
    assert a["type"] == "PER" and a["side"] == "state" and a["country"] == "SY"
    assert a["cameo"].startswith("SYR")
    assert any(p["role"] == "SYRGOV" and p["start"] == "2000-07-17" for p in a["periods"])
    assert kb.actor("actor:hayat-tahrir-al-sham")["side"] == "jihadist"
    assert kb.actor("actor:no-such-actor") is None


def test_place_records_have_coordinates():
    ram = kb.place("place:ocha:N0226")
    assert ram["canonical"] == "Ramouseh" and ram["country"] == "SY"
    assert 36.1 < ram["lat"] < 36.2 and 37.1 < ram["lon"] < 37.2
    papua = kb.place("place:id-prov:papua-province")
    assert papua["country"] == "ID" and papua["lat"] < 0


def test_match_aliases_spans_case_rules_and_word_boundaries():
    text = "Milisi Hizbullah dan SANA di sana, Amerika Serikat (AS) serta kota Damaskus; Hizbullahnya"
    found = {(m["text"], m["start"]) for m in kb.match_aliases(text)}
    assert ("Hizbullah", 7) in found
    assert ("SANA", 21) in found
    assert not any(t == "sana" for t, _ in found)  # acronym aliases match only as written
    assert any(t == "Amerika Serikat" for t, _ in found) and any(t == "AS" for t, _ in found)
    assert any(t == "Damaskus" for t, _ in found)
    assert not any(t.startswith("Hizbullahn") for t, _ in found)
    for m in kb.match_aliases(text):
        assert text[m["start"]:m["end"]] == m["text"]


def test_ordinary_indonesian_words_are_not_places():
    for word in ("Itu", "Anda", "Kita", "Yang", "Dari", "Kota"):
        assert not any(i.startswith("place:gn:") for i in kb.candidates(word)), word


def test_shipped_kb_passes_check():
    assert kb.check_kb() == []


def test_check_kb_reports_user_file_problems(tmp_path: pathlib.Path):
    (tmp_path / "my_actors.tsv").write_text(
        "# version: 1\n" + "\t".join(kb.ACTOR_COLUMNS) + "\n"
        "actor:x1\tGroup One\tORG\tarmed_group\trebel\tID\t\t2020-01-01/2019-01-01\tKelompok Satu|KS1\tme\n"
        "actor:x2\tGroup Two\tORG\tarmed_group\trebel\tID\t\t\tKelompok Satu\tme\n"
        "actor:x3\tGroup Three\tGANG\t\t\tID\t\t\t\tme\n", encoding="utf-8")
    (tmp_path / "my_places.tsv").write_text(
        "# version: 1\n" + "\t".join(kb.PLACE_COLUMNS) + "\n"
        "place:bad\tNowhere\tcity\t123\t45\tID\t\t\t\tNowhere\tme\n"
        "place:short\tShort\tcity\t1\t2\tID\t\t\tShort|Pendek\tme\n", encoding="utf-8")
    problems = kb.check_kb(extra_paths=[tmp_path])
    text = "\n".join(problems)
    assert "period ends before it starts" in text
    assert "'kelompok satu' shared by" in text
    assert "GANG" in text
    assert "place:bad: coordinates out of range" in text
    assert "place:short: population 'Short|Pendek' is not a number" in text


def test_user_layer_via_environment(tmp_path, monkeypatch):
    (tmp_path / "extra.tsv").write_text(
        "# version: 1\n" + "\t".join(kb.ACTOR_COLUMNS) + "\n"
        "actor:laskar-contoh\tLaskar Contoh\tORG\tarmed_group\tmilitia\tID\t\t2021/\tLaskar Contoh|LKC\tuser\n"
        "actor:hezbollah\t\t\t\t\t\t\t\tHizbu Allah\tuser\n", encoding="utf-8")
    monkeypatch.setenv(kb.ENV_VAR, str(tmp_path))
    assert kb.candidates("LKC") == ["actor:laskar-contoh"]
    assert kb.candidates("Hizbu Allah") == ["actor:hezbollah"]
    assert kb.actor("actor:hezbollah")["canonical"] == "Hezbollah"  # override keeps other fields
    assert kb.check_kb() == []


def test_parse_periods():
    assert kb.parse_periods("SYRGOV:2000-07-17/2024-12-08;1982/") == [
        {"role": "SYRGOV", "start": "2000-07-17", "end": "2024-12-08"},
        {"role": None, "start": "1982", "end": None}]
    with pytest.raises(ValueError):
        kb.parse_periods("sometime")
