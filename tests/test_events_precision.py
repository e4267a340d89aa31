"""What the events stage keeps apart as no event to count: alerts, plans, fears and explanations of weapons
(false-alarm kinds of tests/data/event_precision_indonews2025.tsv); and an act counted from stays an event."""
import pytest

from test_events import ALEPPO, article, run

AUG7 = {"text": "Minggu (7/8)", "type": "DATE", "value": "2016-08-07"}


def kinds(rec):
    return ([e["event_type"] for e in rec["events"]],
            [(s["event_type"], s.get("kind") or s["modality"]) for s in rec["statements"]])


@pytest.mark.parametrize("sentence", [
    # the act that opens the count is one event ("sejak … ketika"), as is a day's act counted from a time
    "Warga mengungsi sejak Minggu (7/8) ketika pasukan rezim melancarkan serangan udara ke Aleppo.",
    "Sejak pagi, pesawat rezim melancarkan serangan udara ke Aleppo pada Minggu (7/8).",
    # a relative clause's "sejak" counts the time of something else
    "Pesawat rezim melancarkan serangan udara ke Aleppo pada Minggu (7/8), kota yang terkepung sejak 2014.",
])
def test_an_act_that_opens_a_count_or_lasts_a_day_stays_an_event(sentence):
    rec = run(article(sentence, entities=[ALEPPO], timexes=[AUG7]))
    assert "Explosions/Remote violence" in kinds(rec)[0], rec["statements"]


@pytest.mark.parametrize("sentence, modality", [
    ("Warga Aleppo terbangun oleh sirene peringatan serangan udara pada Minggu (7/8).", "planned"),
    ("Militer mengeluarkan peringatan evakuasi bagi warga Aleppo pada Minggu (7/8).", "planned"),
])
def test_an_alert_announces_an_act_and_is_none(sentence, modality):
    rec = run(article(sentence, entities=[ALEPPO], timexes=[AUG7]))
    evs, stmts = kinds(rec)
    assert evs == [] and stmts and {m for _, m in stmts} == {modality}, rec["statements"]


@pytest.mark.parametrize("sentence, modality", [
    ("Presiden mempertimbangkan sejumlah opsi, termasuk bergabung dalam serangan udara ke Aleppo.", "planned"),
    ("Kekhawatiran meningkat atas potensi serangan udara rezim di Aleppo.", "hypothetical"),
])
def test_a_deliberated_option_or_a_feared_attack_is_a_statement(sentence, modality):
    rec = run(article(sentence, entities=[ALEPPO]))
    evs, stmts = kinds(rec)
    assert evs == [] and ("Explosions/Remote violence", modality) in stmts, rec["statements"]


def test_an_alert_after_the_attack_it_follows_keeps_the_attack():
    rec = run(article("Rudal menghantam Aleppo pada Minggu (7/8) setelah sirene berbunyi.",
                      entities=[ALEPPO], timexes=[AUG7]))
    assert kinds(rec)[0] == ["Explosions/Remote violence"]


@pytest.mark.parametrize("sentence", [
    "Cara kerja sistem itu adalah dengan meluncurkan roket pencegat ke Aleppo.",
    "Sistem itu dirancang untuk mencegat roket yang ditembakkan ke Aleppo.",
    "Militer mengklaim tingkat keberhasilan 90 persen dalam mencegat rudal di Aleppo.",
])
def test_how_a_weapon_works_is_no_event(sentence):
    rec = run(article(sentence, entities=[ALEPPO]))
    assert rec["events"] == [], rec["events"]
