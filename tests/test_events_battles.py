"""Battles and Violence against civilians: who attacked whom decides the type (ACLED codebook), one test per
rule on hand-written sentences run through the whole pipeline, and the look-alike sheet
tests/data/events_battles_vac_indosum.tsv scored as scripts/eval_battles_sheet.py scores it."""
import pathlib
import sys

import handmade

ROOT = pathlib.Path(__file__).resolve().parents[1]
PUB = "2025-06-18"


def analysed(tmp_path, body, title="Kabar Hari Ini"):
    return handmade.analysed(tmp_path, body, PUB, title)


def types(tmp_path, body, **kw):
    return [e["event_type"] for e in analysed(tmp_path, body, **kw)["events"]]


BATTLES, VAC = "Battles", "Violence against civilians"


def test_who_stands_after_a_passive_verb_did_it_and_was_not_hit(tmp_path):
    assert types(tmp_path, "Seorang guru diserang kelompok bersenjata di Kiwirok, Papua, Selasa (17/6).") == [VAC]
    # police who shot a robber are no target: no battle, and a crime is not coded
    assert types(tmp_path, "Pelaku begal ditembak polisi karena melawan saat ditangkap di Bekasi, Senin (16/6).") == []


def test_who_reports_a_killing_is_not_its_target(tmp_path):
    assert types(tmp_path, "Polisi menduga, korban meninggal dunia karena dibunuh di Bekasi, Senin (16/6).") == []


def test_an_unnamed_attacker_on_the_security_forces_is_a_battle_but_a_country_is_no_force(tmp_path):
    assert types(tmp_path, "Mapolsek Sinak diserang pada Senin (16/6) malam.") == [BATTLES]
    assert BATTLES not in types(tmp_path, "Setidaknya empat orang tewas dalam penembakan di California, "
                                          "Amerika Serikat, pada Selasa (17/6).")


def test_a_name_told_after_an_armed_label_stands_on_its_side(tmp_path):
    rec = analysed(tmp_path, "Kelompok bersenjata Pasukan Penyelamat Rohingya Arakan (ARSA) menyerang sejumlah pos "
                             "polisi di Rakhine, Myanmar, pada Senin (16/6).")
    assert [e["event_type"] for e in rec["events"]] == [BATTLES]


def test_armed_groups_of_the_actors_table_attack(tmp_path):
    assert types(tmp_path, "Taliban menyerang markas polisi di provinsi Ghazni, Afghanistan, Senin (16/6).") == [BATTLES]
    assert types(tmp_path, "Dua pekerja bangunan tewas ditembak OTK di Kabupaten Intan Jaya, Papua, "
                           "Senin (16/6).") == [VAC]


def test_a_judicial_execution_is_no_attack(tmp_path):
    assert types(tmp_path, "Keduanya dihukum mati dengan cara ditembak di sebuah akademi militer di Pyongyang, "
                           "Senin (16/6).") == []


def test_a_bare_attack_noun_is_typed_by_who_attacked_whom(tmp_path):
    # an armed group killing diners is violence against civilians, not a battle with Turkey
    assert types(tmp_path, "Serangan kelompok bersenjata yang menewaskan pengunjung restoran Turki di Ouagadougou, "
                           "Burkina Faso, terjadi pada Minggu (15/6).") == [VAC]
    # a state's strikes told with the bare noun are campaigns, totals and reactions, not one attack
    assert types(tmp_path, "Iran mengatakan pada Minggu (15/6) bahwa serangan Israel telah menewaskan sedikitnya "
                           "224 orang.") == []
    assert types(tmp_path, "Korea Utara mengecam serangan Israel terhadap Iran pada Minggu (15/6).") == []
    assert types(tmp_path, "Persib terus melancarkan serangan di babak kedua di Bandung, Senin (16/6).") == []


def test_the_attackers_own_name_is_not_where_the_attack_went(tmp_path):
    # a US attack in Afghanistan is remote violence, not violence against civilians by a state at home
    assert types(tmp_path, "Setidaknya 16 warga sipil tewas dalam penyerangan AS di Nangarhar, Afghanistan, "
                           "pada Sabtu (14/6).") == ["Explosions/Remote violence"]


def test_a_trigger_that_opens_a_line_after_a_headline_is_no_name(tmp_path):
    assert types(tmp_path, "Kontak senjata antara TNI dan KKB terjadi di Kampung Pogapa, Intan Jaya, Papua, "
                           "Senin (16/6).", title="Situasi Terkini di Papua") == [BATTLES]


def test_a_battle_word_with_two_armed_parties_needs_no_day_of_its_own(tmp_path):
    assert types(tmp_path, "Pertempuran antara pasukan pemerintah dan pemberontak di Sudan Selatan menelan nyawa "
                           "19 orang.") == [BATTLES]
    assert types(tmp_path, "Pertempuran hak paten dengan Samsung berlarut-larut.") == []


def test_the_look_alike_sheet(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_battles_sheet import SHEET, score
    from labelled_sheets import read_sheet

    rows = read_sheet(SHEET)
    res = score(rows)
    assert res["rows"] == len(rows) >= 40 and res["negatives"] >= 40
    assert res["found"][VAC] == res["events"][VAC] == 1
    assert res["alarms"][BATTLES] <= 1 and res["alarms"][VAC] == 0 and res["other_alarms"] == 0


def test_an_act_named_as_a_charge_is_no_event(tmp_path):
    rec = analysed(tmp_path, "Ia dipenjara di Guantanamo dengan tuduhan membunuh tentara Amerika Serikat di Afghanistan.")
    assert rec["events"] == [] and [s["modality"] for s in rec["statements"]] == ["hypothetical"]
    assert types(tmp_path, "Polisi telah mendakwa Herba dengan tuduhan penculikan di Milan, Senin (16/6).") == []
