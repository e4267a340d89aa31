"""The type of an attack the other side cannot answer on the ground (ACLED codebook): Explosions/Remote
violence when the sentence names the means (missiles, artillery: shelling; aircraft, drones: air strike) or
when a state strikes the ground of a country it shares no land border with (pantau/data/events/borders.tsv),
unless the sentence tells of ground fighting; a drone shot down is Disrupted weapons use; an attack with
stones and bottles by no armed party is a riot."""
import json
import subprocess
import sys

import handmade
from handmade import place

from pantau.stages import events

MONDAY = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}


# what entity linking gives these names (states in pantau/data/events/actors.tsv are actors)
NAMES = {
    "Israel": place("Israel", "IL"), "Iran": place("Iran", "IR"), "AS": place("United States", "US"),
    "Lebanon": place("Lebanon", "LB"), "Raqqa": place("Raqqa", "SY", "city"), "Natanz": place("Natanz", "IR", "city"),
    "Gaza": place("Gaza", "PS", "city"), "Tokyo": place("Tokyo", "JP", "city"), "Rawajati": place("Rawajati", "ID", "city"),
    "Hezbollah": {"type": "ORG", "canonical": "Hezbollah"}, "ISIS": {"type": "ORG", "canonical": "Islamic State"},
}


def record(text):
    """A record as the earlier stages leave it, with the day and the names above written by hand."""
    return handmade.record(text, NAMES, (MONDAY,), earliest="2016-08-08")


def types(text):
    return sorted((e["event_type"], e["sub_event_type"]) for e in events.run(record(text))["events"])


def test_a_state_striking_a_country_it_shares_no_border_with_is_remote_violence():
    # Israel and Iran share no land border: the attack is a strike, not a clash
    assert types("Israel menyerang fasilitas nuklir Iran di Natanz pada Senin (8/8).") == \
        [("Explosions/Remote violence", "Air/drone strike")]


def test_a_state_attacking_armed_men_across_its_own_border_stays_a_battle():
    # Israel and Lebanon share a border: with no means named, forces on the ground may meet
    assert types("Pasukan Israel menyerang pos militer Hezbollah di Lebanon pada Senin (8/8).") == \
        [("Battles", "Armed clash")]


def test_the_means_named_make_a_strike_and_choose_its_sub_type():
    assert types("Pasukan Israel menyerang kamp militan di Gaza dari udara pada Senin (8/8).") == \
        [("Explosions/Remote violence", "Air/drone strike")]
    assert types("Pasukan Israel menyerang kamp militan di Gaza dengan meriam pada Senin (8/8).") == \
        [("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_the_means_of_the_next_sentence_choose_the_sub_type_of_a_far_strike():
    evs = events.run(record("Iran menyerang Israel pada Senin (8/8). Ratusan rudal balistik menghantam Israel."))["events"]
    first = [(e["event_type"], e["sub_event_type"]) for e in evs if e["trigger"]["text"] == "menyerang"]
    assert first == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_an_aircraft_that_was_hit_is_the_target_not_the_means():
    # "menembaki helikopter tentara": militants firing at an army helicopter, no air strike
    assert types("Militan menembaki helikopter tentara di Raqqa pada Senin (8/8).") == [("Battles", "Armed clash")]


def test_ground_fighting_keeps_a_far_state_in_a_battle():
    assert types("Pasukan darat AS menyerang markas ISIS di Raqqa pada Senin (8/8).") == [("Battles", "Armed clash")]


def test_a_counter_attack_between_far_states_is_no_clash():
    # "serangan balasan" is a Battles trigger of the table; between Iran and Israel it is a strike
    assert types("Iran melancarkan serangan balasan ke Israel pada Senin (8/8).") == \
        [("Explosions/Remote violence", "Air/drone strike")]


def test_the_head_of_a_relative_clause_is_the_attacker():
    # "pihak yang menyerang Tokyo": not AS
    assert types("AS akan membela Jepang melawan pihak yang menyerang Tokyo pada Senin (8/8).") == []


def test_a_drone_shot_down_is_disrupted_weapons_use():
    assert types("Sebuah drone milik Israel ditembak jatuh di atas Iran pada Senin (8/8).") == \
        [("Strategic developments", "Disrupted weapons use")]


def test_stones_and_bottles_with_no_armed_party_make_a_riot():
    assert types("Saat masuk ke permukiman warga, ratusan aparat gabungan diserang menggunakan botol dan bebatuan di Rawajati "
                 "pada Senin (8/8).") == \
        [("Riots", "Mob violence")]


def test_one_man_with_a_stone_is_no_riot():
    assert types("Seorang pemuda menyerang tetangganya dengan batu di Rawajati pada Senin (8/8).") == []


def test_cli_types_a_strike_between_far_states(tmp_path):
    (tmp_path / "a.txt").write_text("Israel menyerang fasilitas nuklir Iran di Natanz pada Jumat (13/6/2025).\n",
                                    encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", ".", "--db", "none", "--out", "-", "--quiet"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout.splitlines()[0])
    assert [(e["event_type"], e["sub_event_type"]) for e in rec["events"]] == \
        [("Explosions/Remote violence", "Air/drone strike")]


def test_tear_gas_on_a_protest_is_a_protest_met_with_force():
    assert types("Polisi menembakkan gas air mata ke arah demonstran di Gaza pada Senin (8/8).") == \
        [("Protests", "Protest with intervention")]


def test_tear_gas_by_troops_on_people_not_protesting_is_violence_against_civilians():
    assert types("Pasukan Israel menembakkan gas air mata ke kantor federasi sepak bola di Gaza pada Senin (8/8).") == \
        [("Violence against civilians", "Attack")]
    # with no protest and no force named there is nothing to type
    assert types("Asap masih mengepul dari gas air mata di Gaza pada Senin (8/8).") == []


def test_a_weapon_one_state_sends_at_another_needs_no_place_nor_day_of_its_own():
    # a weak weapon word ("pesawat nirawak", "rudal") with neither a town nor a day is an event when one
    # state is told sending it at another (connectives.tsv: strike_toward, target_verb)
    assert types("Iran juga mengirim puluhan pesawat nirawak ke Israel.") == \
        [("Explosions/Remote violence", "Air/drone strike")]
    assert types("Militer Iran mengeluarkan senjata rudal andalan mereka yang menyasar Israel.") == \
        [("Explosions/Remote violence", "Shelling/artillery/missile attack")]
    # the weapon of the second state, one coming from it or one sold to it is none sent at it
    assert types("Israel khawatir tentang kemampuannya mencegat rudal balistik dari Iran.") == []
    assert types("Pasukan Israel lebih cepat dari jadwal dalam serangan-serangan mereka terhadap fasilitas nuklir "
                 "dan rudal Iran.") == []
    assert types("Israel menjual rudal kepada Iran.") == []
    # the weapon inside a stronger word's act is that act, not a second one
    assert types("Iran menembakkan serangan rudal ke arah Israel.") == \
        [("Explosions/Remote violence", "Shelling/artillery/missile attack")]
