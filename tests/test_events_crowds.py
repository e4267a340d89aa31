"""Crowds, brawls between groups, exchanges of fire and killings by armed groups: the trigger rows of
pantau/data/events/triggers.tsv for Riots, Battles and Violence against civilians, with their guards
(the sport veto and its exception, crime killings, "media massa")."""
import json
import subprocess
import sys

import pytest

from pantau.stages import events

MONDAY = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}


PARIS = {"text": "Paris", "type": "LOC", "canonical": "Paris",
         "geo": {"lat": 48.86, "lon": 2.35, "country": "FR", "admin1": "Île-de-France", "feature": "city"}}


def record(text):
    """A record as the earlier stages leave it, with the sentence's day (and Paris) written by hand."""
    timexes, entities = [], []
    if MONDAY["text"] in text:
        s = text.index(MONDAY["text"])
        timexes.append({**MONDAY, "span": [s, s + len(MONDAY["text"])]})
    if PARIS["text"] in text:  # a weak trigger ("bentrokan") needs its place and day in the sentence
        s = text.index(PARIS["text"])
        entities.append({**PARIS, "span": [s, s + len(PARIS["text"])]})
    return {"id": "t", "text": text, "body_start": 0, "sentences": [], "entities": entities, "timexes": timexes,
            "numbers": [], "quotes": [], "credited_sources": [], "outlet": {"name": "contoh.com"},
            "published": {"date": "2016-08-09", "earliest": "2016-08-08", "latest": "2016-08-09"}}


def types(text):
    return sorted((e["event_type"], e["sub_event_type"]) for e in events.run(record(text))["events"])


@pytest.mark.parametrize("sentence, expected", [
    # a crowd burning or destroying is one riot, not also a property destruction
    ("Massa membakar kantor polisi di Kecamatan Sape pada Senin (8/8).", [("Riots", "Mob violence")]),
    ("Seorang pencuri motor tewas dihakimi massa di Cakung pada Senin (8/8).", [("Riots", "Mob violence")]),
    ("Bentrokan antarwarga pecah di Kei Kecil pada Senin (8/8), dua orang luka.", [("Riots", "Mob violence")]),
    ("Tawuran antarpelajar terjadi di Jalan Raya Bogor pada Senin (8/8).", [("Riots", "Mob violence")]),
    ("Perang suku kembali terjadi di Mimika pada Senin (8/8), tiga warga tewas.", [("Riots", "Mob violence")]),
    # stones thrown at a protest: a violent demonstration
    ("Pengunjuk rasa melempari polisi dengan batu dalam unjuk rasa di depan kantor bupati pada Senin (8/8).",
     [("Riots", "Violent demonstration")]),
    # supporters fighting is a riot although "suporter" and "stadion" veto football sentences
    ("Bentrok antarsuporter Persija dan Persib pecah di luar stadion pada Senin (8/8).", [("Riots", "Mob violence")]),
    ("Terjadi kontak tembak antara aparat TNI dan KKB di Tembagapura pada Senin (8/8).", [("Battles", "Armed clash")]),
    ("Kelompok bersenjata membunuh 20 warga desa di Ituri pada Senin (8/8).", [("Violence against civilians", "Attack")]),
    ("Seorang pria menyerang jemaat gereja di Sleman dengan pedang pada Senin (8/8).",
     [("Violence against civilians", "Attack")]),
    ("Warga dan aparat saling baku hantam di Rawajati pada Senin (8/8).", [("Riots", "Mob violence")]),
    ("Sempat terjadi bentrokan antara kelompok anarkis dan polisi di Paris pada Senin (8/8).", [("Riots", "Mob violence")]),
    ("Seorang pria menabrakkan truk ke kerumunan di Stockholm pada Senin (8/8), empat orang tewas.",
     [("Violence against civilians", "Attack")]),
])
def test_crowd_and_armed_violence(sentence, expected):
    assert types(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Persija bentrok dengan Persib dalam laga Liga 1 di Stadion Manahan pada Senin (8/8).",  # a match
    "Media massa merusak citra pemerintah, kata menteri pada Senin (8/8).",  # "massa" of the press
    "Seorang pria membunuh istrinya di Cibinong pada Senin (8/8) karena cemburu.",  # a crime: no armed party
    "Warga setempat membangun kembali rumah yang rusak di Sukamaju pada Senin (8/8).",
    "Dua pria adu jotos di warung kopi di Depok pada Senin (8/8) karena utang.",  # two men: no crowd
    "Sebuah mobil menabrak pejalan kaki di Jalan Sudirman pada Senin (8/8).",  # an accident
])
def test_no_event_in_look_alikes(sentence):
    assert types(sentence) == []


def test_an_exception_keeps_only_its_own_veto():
    # the sport veto's exception ("bentrok antarsuporter") does not lift the other vetoes
    text = "Bentrok antarsuporter terjadi dalam film tentang sepak bola yang diputar pada Senin (8/8)."
    assert types(text) == []


def test_cli_codes_a_mob_and_a_brawl(tmp_path):
    (tmp_path / "a.txt").write_text("Seorang pria tewas dipukuli dan dibakar massa di Pasar Muara Bakti, Bekasi, "
                                    "pada Selasa (1/8/2017).\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Persija bentrok dengan Persib dalam laga Liga 1 di Stadion Manahan, Solo, "
                                    "pada Minggu (30/7/2017).\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", ".", "--db", "none", "--out", "-", "--quiet"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    recs = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in map(json.loads, p.stdout.splitlines())}
    assert [(e["event_type"], e["sub_event_type"]) for e in recs["a.txt"]["events"]] == [("Riots", "Mob violence")]
    assert recs["b.txt"]["events"] == []
