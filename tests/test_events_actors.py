"""Event arguments: who acted (actor1), on whom (actor2), as the ACLED codebook names them, and the
killed count of the event — from the clause's voice, on hand-written sentences, through the CLI, and
on the hand-labelled sentences of training/events/actors.dev.tsv."""
import json
import pathlib
import re
import subprocess
import sys

from test_events import GAZA, ILAGA, ISRAEL, JAKARTA, MONDAY
from test_events import one_event as one

ROOT = pathlib.Path(__file__).resolve().parents[1]
PARIS = {"text": "Paris", "type": "LOC", "canonical": "Paris",
         "geo": {"lat": 48.86, "lon": 2.35, "country": "FR", "admin1": "Île-de-France", "feature": "city"}}
PRANCIS = {"text": "Prancis", "type": "GPE", "canonical": "France",
           "geo": {"lat": 46.0, "lon": 2.0, "country": "FR", "feature": "country"}}


def name(actor):
    return (actor or {}).get("canonical")


def test_passive_agent_after_oleh_and_bare():
    # "ditahan oleh pihak berwenang Prancis": the agent after oleh acted, the subject was acted on
    ev = one("Aktivis itu ditahan oleh Kepolisian Prancis di Paris pada Senin (8/8).", entities=[PRANCIS, PARIS],
             timexes=[MONDAY])
    assert ev["sub_event_type"] == "Arrests" and name(ev["actor1"]) == "Police Forces of France"
    # no oleh: the actor right after the passive verb is the agent; the subject before it the target
    ev = one("Pemberontak diserang tentara di Ilaga pada Senin (8/8).", entities=[ILAGA], timexes=[MONDAY])
    assert name(ev["actor1"]) == "Military Forces of Indonesia" and ev["actor2"]["side"] == "opposition"
    assert ev["event_type"] == "Battles"


def test_passive_with_only_a_target_names_no_attacker():
    ev = one("Pos polisi diserang di Ilaga pada Senin (8/8).", entities=[ILAGA], timexes=[MONDAY])
    assert ev["actor1"] is None and name(ev["actor2"]) == "Police Forces of Indonesia"


def test_agent_noun_takes_its_actor_after_it():
    # "serangan udara Israel ke Gaza": Israel acted (a state acting with force is its military)
    ev = one("Serangan udara Israel ke Gaza pada Senin (8/8) menewaskan 12 warga sipil.",
             entities=[ISRAEL, GAZA], timexes=[MONDAY],
             numbers=[{"text": "12 warga sipil", "value": 12, "role": "killed"}])
    assert name(ev["actor1"]) == "Military Forces of Israel" and ev["actor1"]["linked"] == "Israel"
    assert ev["fatalities"] == 12


def test_between_pair_and_civilians_by_country():
    ev = one("Pertempuran antara tentara dan pemberontak terjadi di Ilaga pada Senin (8/8).",
             entities=[ILAGA], timexes=[MONDAY])
    assert name(ev["actor1"]) == "Military Forces of Indonesia" and name(ev["actor2"]) == "Rebels"


def test_country_after_the_force_word_wins_over_the_place():
    ev = one("Polisi Prancis menangkap aktivis di Jakarta pada Senin (8/8).", entities=[PRANCIS, JAKARTA],
             timexes=[MONDAY])
    assert name(ev["actor1"]) == "Police Forces of France" and ev["actor1"]["text"] == "Polisi Prancis"


def test_fatalities_told_later_about_the_event_not_running_totals():
    text = ("Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8).\n"
            "Warga mengungsi ke gereja.\n"
            "Tiga polisi tewas dalam serangan itu.\n")
    ev = one(text, entities=[ILAGA], timexes=[MONDAY],
             numbers=[{"text": "Tiga polisi", "value": 3, "role": "killed"}])
    assert ev["fatalities"] == 3
    total = text.replace("Tiga polisi tewas dalam serangan itu.", "Sejak Januari, 40 polisi tewas dalam serangan itu.")
    ev = one(total, entities=[ILAGA], timexes=[MONDAY],
             numbers=[{"text": "40 polisi", "value": 40, "role": "killed"}])
    assert ev["fatalities"] is None


def test_killed_groups_are_added_parts_are_not():
    text = "Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8), tiga polisi dan dua warga tewas."
    ev = one(text, entities=[ILAGA], timexes=[MONDAY],
             numbers=[{"text": "tiga polisi", "value": 3, "role": "killed"}, {"text": "dua warga", "value": 2, "role": "killed"}])
    assert ev["fatalities"] == 5
    text = "Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8), lima orang tewas, termasuk dua polisi."
    ev = one(text, entities=[ILAGA], timexes=[MONDAY],
             numbers=[{"text": "lima orang", "value": 5, "role": "killed"}, {"text": "dua polisi", "value": 2, "role": "killed"}])
    assert ev["fatalities"] == 5


def test_cli_names_the_attacker_and_the_dead(tmp_path):
    # the example: "Pasukan Israel menyerang … menewaskan 20 warga sipil" gave actor1 none
    (tmp_path / "a.txt").write_text("Pasukan Israel menyerang kamp pengungsi di Gaza pada Senin (16/6/2025) "
                                    "dan menewaskan 20 warga sipil.\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", "a.txt", "--db", "none", "--out", "-", "--quiet"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    [rec] = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    [ev] = rec["events"]
    assert ev["actor1"]["canonical"] == "Military Forces of Israel" and ev["fatalities"] == 20


def test_dev_set_of_labelled_sentences():
    """training/events/actors.dev.tsv through scripts/eval_event_actors.py (the real pipeline on the
    IndoSum articles): the figures it printed when the rules were made, less a margin."""
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_event_actors.py")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    line = p.stdout.strip().splitlines()[-1]
    got = {k: float(v) for k, v in re.findall(r"\b(found|actor1|actor2|fatalities)=([\d.]+)", line)}
    # now found 65, actor1 0.847, actor2 0.480, fatalities 0.875 (7 of 8; one person killed said with no
    # number counts; the Stockholm truck attack's victims, counted in the sentence after it beside an arrest,
    # are its dead; the Sudan battle, found since a battle word with two armed parties needs no day of its
    # own, has its 19)
    assert got["found"] >= 62 and got["actor1"] >= 0.82 and got["actor2"] >= 0.46 and got["fatalities"] >= 0.85, line


def test_indonews_sheet_of_attackers_the_clause_does_not_name():
    """tests/data/event_actors_indonews2025.tsv through scripts/eval_event_actors.py --indonews: the rows that
    yield an event get the attacker the article names elsewhere (now 7 of 7; 2 of 4 before the carried
    attacker, the named war's sides and "negara itu")."""
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_event_actors.py"), "--indonews"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    line = p.stdout.strip().splitlines()[-1]
    got = {k: float(v) for k, v in re.findall(r"\b(found|actor1)=([\d.]+)", line)}
    assert got["found"] >= 4 and got["actor1"] >= 0.99, line


def test_a_named_person_held_is_a_civilian_and_a_speaker_is_no_party():
    text = "Polisi menangkap aktivis Budi Santoso di Jakarta pada Senin (8/8)."
    ev = one(text, entities=[JAKARTA, {"text": "Budi Santoso", "type": "PER", "canonical": "Budi Santoso"}],
             timexes=[MONDAY])
    assert name(ev["actor2"]) == "Civilians (Indonesia)" and ev["actor2"]["linked"] == "Budi Santoso"
    text = "Pasukan Israel mengebom Gaza pada Senin (8/8), kata Budi Santoso."
    ev = one(text, entities=[ISRAEL, GAZA, {"text": "Budi Santoso", "type": "PER", "canonical": "Budi Santoso"}],
             timexes=[MONDAY])
    assert name(ev["actor1"]) == "Military Forces of Israel" and ev["actor2"] is None


def test_one_person_killed_with_no_number():
    ev = one("Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8), seorang polisi tewas.",
             entities=[ILAGA], timexes=[MONDAY])
    assert ev["fatalities"] == 1
    ev = one("Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8), seorang polisi terluka.",
             entities=[ILAGA], timexes=[MONDAY])
    assert ev["fatalities"] is None


def test_who_reports_the_event_is_no_party():
    # "X mengatakan, …": the speaker before a report verb is the source of the clause after it
    ev = one("Polisi mengatakan unjuk rasa mahasiswa berlangsung di Jakarta pada Senin (8/8).",
             entities=[JAKARTA], timexes=[MONDAY])
    assert name(ev["actor1"]) == "Protesters (Indonesia)" and ev["actor2"] is None
    ev = one("Polisi menghentikan unjuk rasa mahasiswa di Jakarta pada Senin (8/8).", entities=[JAKARTA],
             timexes=[MONDAY])
    assert name(ev["actor2"]) == "Police Forces of Indonesia"
    # the reported clause that speaks of the speaker ("pihaknya") makes the speaker the actor
    ev = one("Polisi mengatakan, pihaknya menangkap aktivis di Jakarta pada Senin (8/8).", entities=[JAKARTA],
             timexes=[MONDAY])
    assert name(ev["actor1"]) == "Police Forces of Indonesia" and ev["actor1"]["text"] == "Polisi"


def test_an_arrest_with_no_agent_is_the_polices():
    ev = one("Sebanyak 20 terduga teroris telah diamankan di Jakarta pada Senin (8/8).", entities=[JAKARTA],
             timexes=[MONDAY])
    assert ev["sub_event_type"] == "Arrests" and name(ev["actor1"]) == "Police Forces of Indonesia"
    ev = one("Aktivis itu ditangkap tentara di Jakarta pada Senin (8/8).", entities=[JAKARTA], timexes=[MONDAY])
    assert name(ev["actor1"]) == "Military Forces of Indonesia"


def test_a_name_run_across_the_dateline_is_no_actor():
    text = "Jakarta, CNN Indonesia -- Kepolisian menangkap aktivis di Jakarta pada Senin (8/8)."
    dateline = {"text": "CNN Indonesia -- Kepolisian", "type": "ORG", "canonical": "CNN Indonesia -- Kepolisian"}
    ev = one(text, entities=[dateline, dict(JAKARTA, after=40)], timexes=[MONDAY])
    assert name(ev["actor1"]) == "Police Forces of Indonesia"


def test_deaths_told_farther_on_where_the_event_is_named_again():
    text = ("Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8).\n"
            + "Warga mengungsi ke gereja.\n" * 4
            + "Setelah insiden berdarah yang menewaskan 4 orang itu, polisi berjaga.\n")
    ev = one(text, entities=[ILAGA], timexes=[MONDAY], numbers=[{"text": "4 orang", "value": 4, "role": "killed"}])
    assert ev["fatalities"] == 4
    # far on, a count in a sentence that does not name the event is not its
    far = text.replace("Setelah insiden berdarah yang menewaskan 4 orang itu", "Tahun lalu 4 orang tewas")
    ev = one(far, entities=[ILAGA], timexes=[MONDAY], numbers=[{"text": "4 orang", "value": 4, "role": "killed"}])
    assert ev["fatalities"] is None


def test_civilian_targeting_is_on_the_event_record():
    ev = one("Pasukan Israel menembak warga sipil di Gaza pada Senin (8/8).", entities=[ISRAEL, GAZA],
             timexes=[MONDAY])
    assert ev["event_type"] == "Violence against civilians" and ev["civilian_targeting"] is True
    ev = one("Pertempuran antara tentara dan pemberontak terjadi di Ilaga pada Senin (8/8).",
             entities=[ILAGA], timexes=[MONDAY])
    assert ev["civilian_targeting"] is False


def test_a_state_force_abroad_is_external():
    ev = one("Tentara Prancis menyerang pemberontak di Ilaga pada Senin (8/8).", entities=[PRANCIS, ILAGA],
             timexes=[MONDAY])
    assert name(ev["actor1"]) == "Military Forces of France" and ev["actor1"]["side"] == "external"
    ev = one("Tentara menyerang pemberontak di Ilaga pada Senin (8/8).", entities=[ILAGA], timexes=[MONDAY])
    assert ev["actor1"]["side"] == "government"


def test_people_held_and_people_hit_are_civilians_by_country():
    ev = one("Pada Senin (8/8), dua aktivis ditangkap kepolisian di Jakarta.", entities=[JAKARTA], timexes=[MONDAY],
             numbers=[{"text": "dua aktivis", "value": 2, "role": "arrested"}])
    assert name(ev["actor2"]) == "Civilians (Indonesia)"
    # "Civilians (United States)" has no "the" (only "Military Forces of the United States" has)
    from pantau.stages.events import acled_actor_name
    assert acled_actor_name("Civilians", "Battles", "US") == "Civilians (United States)"
    assert acled_actor_name("United States", "Battles", "US") == "Military Forces of the United States"
