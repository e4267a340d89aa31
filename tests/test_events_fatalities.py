"""The killed count of an event (ACLED's `fatalities`): the number killed in that event, told in its
sentence or after it, not a running total since a day, and 0 when the text says no one was killed —
on hand-written sentences, through the CLI, and on the hand-labelled indonews-2025 sheet
(tests/data/fatalities_indonews2025.tsv, scored by scripts/eval_fatalities.py)."""
import json
import pathlib
import subprocess
import sys

import handmade
import pytest

from pantau.stages import events

from test_events import GAZA, ILAGA, IRAN, ISRAEL, MONDAY, TEHRAN, article
from test_events import one_event as one

ROOT = pathlib.Path(__file__).resolve().parents[1]
HAIFA = {"text": "Haifa", "type": "LOC", "canonical": "Haifa",
         "geo": {"lat": 32.8, "lon": 35.0, "country": "IL", "admin1": "Haifa", "feature": "city"}}


def killed(phrase, value):
    return {"text": phrase, "value": value, "role": "killed", "unit": "people"}


def test_deaths_opening_the_next_paragraph_with_no_place_or_day_of_their_own():
    # "Serangan itu …" names the attack again; the next paragraph opens with its deaths
    text = ("Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8). Serangan itu menghancurkan pos tersebut.\n"
            "Tiga polisi tewas, sementara pos rusak parah.")
    ev = one(text, entities=[ILAGA], timexes=[MONDAY], numbers=[killed("Tiga polisi", 3)])
    assert ev["fatalities"] == 3
    # a paragraph with a place of its own tells another event
    other = text.replace("Tiga polisi tewas,", "Tiga polisi tewas di Gaza,")
    ev = one(other, entities=[ILAGA, GAZA], timexes=[MONDAY], numbers=[killed("Tiga polisi", 3)])
    assert ev["fatalities"] is None


def test_one_person_joined_to_a_part_of_the_count_is_within_it(tmp_path):
    body = "Sebuah bom meledak di pasar kota Kabul, Afghanistan, Senin (7/8). {} tewas dalam ledakan itu."
    counts = {"Sebanyak 12 orang, termasuk dua anak dan seorang polisi,": 12,
              "Dua polisi dan seorang warga": 3}  # joined to the count itself, one more
    for told, n in counts.items():
        [ev] = handmade.analysed(tmp_path, body.format(told), "2017-08-08", "Bom Meledak di Kabul")["events"]
        assert ev["fatalities"] == n, told


def test_a_count_since_or_up_to_a_day_is_a_running_total():
    since = "Sejak Senin (8/8), Israel telah melancarkan serangan udara ke kota-kota Iran dan menewaskan sedikitnya 40 tentara."
    ev = one(since, entities=[ISRAEL, IRAN], timexes=[MONDAY], numbers=[killed("40 tentara", 40)])
    assert ev["fatalities"] is None
    upto = "Hingga Senin (8/8), korban tewas akibat serangan udara Israel di Iran sudah mencapai 310 orang."
    ev = one(upto, entities=[ISRAEL, IRAN], timexes=[MONDAY], numbers=[killed("310 orang", 310)])
    assert ev["fatalities"] is None
    # up to an hour of the day bounds the act itself
    hours = "Pasukan Israel menembaki warga di Gaza pada Senin (8/8) hingga pukul 09.30 dan menewaskan 3 warga."
    ev = one(hours, entities=[ISRAEL, GAZA], timexes=[MONDAY, {"text": "pukul 09.30", "type": "TIME",
                                                             "value": "2016-08-08T09:30"}],
             numbers=[killed("3 warga", 3)])
    assert ev["fatalities"] == 3
    # the total is another clause: the event's own count stays
    own = ("Pasukan Israel mengebom kamp pengungsi di Gaza pada Senin (8/8) dan menewaskan 20 warga sipil, "
           "sementara sejak Oktober ribuan orang tewas.")
    ev = one(own, entities=[ISRAEL, GAZA], timexes=[MONDAY], numbers=[killed("20 warga", 20)])
    assert ev["fatalities"] == 20


def test_deaths_across_many_places_or_a_series_of_attacks_are_a_running_total():
    text = "Pada Senin (8/8), 120 orang tewas di berbagai kota Iran akibat serangkaian serangan udara Israel."
    ev = one(text, entities=[ISRAEL, IRAN], timexes=[MONDAY], numbers=[killed("120 orang", 120)])
    assert ev["fatalities"] is None
    # "berbagai" alone, 30 characters from the count, is enough
    ev = one(text.replace(" akibat serangkaian", " akibat"), entities=[ISRAEL, IRAN], timexes=[MONDAY],
             numbers=[killed("120 orang", 120)])
    assert ev["fatalities"] is None


def test_no_one_killed_is_zero_unless_it_is_only_one_group():
    text = "Rudal Iran jatuh di Haifa pada Senin (8/8) dan merusak dua rumah, tanpa menimbulkan korban jiwa."
    assert one(text, entities=[IRAN, HAIFA], timexes=[MONDAY])["fatalities"] == 0
    later = ("Kelompok bersenjata menyerang pos polisi di Ilaga pada Senin (8/8). "
             "Polisi menyebut tidak ada laporan soal korban jiwa dalam serangan tersebut.")
    assert one(later, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == 0
    wni = "Rudal Iran jatuh di Haifa pada Senin (8/8) dan merusak dua rumah, tidak ada korban jiwa dari WNI."
    assert one(wni, entities=[IRAN, HAIFA], timexes=[MONDAY])["fatalities"] is None


def test_not_even_one_killed_is_zero():
    # "seorang … pun" under a negation counts no one, whether or not the numbers stage reads "seorang" as 1
    for phrase, count in (("Tak seorang pun tewas", "seorang"), ("Tidak ada seorang pun yang tewas", "seorang"),
                          ("Tidak satu orang pun tewas", "satu orang")):
        text = f"Bom meledak di pasar Ilaga pada Senin (8/8). {phrase} dalam ledakan itu, kata polisi."
        assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == 0, phrase
        assert one(text, entities=[ILAGA], timexes=[MONDAY], numbers=[killed(count, 1)])["fatalities"] == 0, phrase
    # one killed told outside such a statement still counts
    text = "Bom meledak di pasar Ilaga pada Senin (8/8) dan menewaskan seorang warga. Tak seorang pun polisi terluka."
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == 1


def test_one_of_them_killed_is_one():
    text = "Jet Israel mengebom sebuah pangkalan di Iran pada Senin (8/8) dan menewaskan salah satu komandan milisi."
    assert one(text, entities=[ISRAEL, IRAN], timexes=[MONDAY])["fatalities"] == 1


def test_cli_running_total_and_zero(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Rudal Iran jatuh di Haifa pada Senin (16/6/2025) dan merusak dua rumah, tanpa menimbulkan korban jiwa.\n\n"
        "Sejak Jumat (13/6/2025), 31 orang tewas di Israel dalam serangan-serangan rudal Iran.\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", "a.txt", "--db", "none", "--out", "-", "--quiet"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    [rec] = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    assert rec["events"], rec["statements"]
    assert all(ev["fatalities"] != 31 for ev in rec["events"] + rec["statements"])
    first = min(rec["events"], key=lambda ev: ev["evidence"]["span"][0])
    assert first["fatalities"] == 0


def test_a_count_set_beside_a_running_total_is_one_too():
    text = ("Sejak Senin (8/8), pengeboman Israel telah menewaskan 95 orang di Iran. "
            "Sementara itu, serangan rudal Iran di Haifa telah menewaskan 7 orang.")
    numbers = [killed("95 orang", 95), killed("7 orang", 7)]
    rec = events.run(article(text, entities=[ISRAEL, IRAN, HAIFA], timexes=[MONDAY], numbers=numbers))
    assert rec["events"] and all(ev["fatalities"] is None for ev in rec["events"]), rec["events"]
    # after one event's own count, "Sementara itu" sets another event's own count
    own = ("Pada Senin (8/8), pengeboman Israel menewaskan 12 orang di Iran. "
           "Sementara itu, serangan rudal Iran di Haifa pada Senin (8/8) menewaskan 3 orang.")
    numbers = [killed("12 orang", 12), killed("3 orang", 3)]
    rec = events.run(article(own, entities=[ISRAEL, IRAN, HAIFA], timexes=[MONDAY, dict(MONDAY, after=60)],
                             numbers=numbers))
    assert 3 in [ev["fatalities"] for ev in rec["events"]], rec["events"]


def test_one_act_told_as_a_missile_and_as_the_bomblet_it_spread_shares_its_count():
    # merge keeps the two tellings apart (a missile attack, an explosive): the count said after the second,
    # a town of the country the first names, is the first's too
    told = ("Iran meluncurkan sebuah rudal ke arah Israel pada Senin (8/8). "
            "Satu bom kecil menghantam sebuah rumah di Haifa dan menyebabkan kerusakan. ")
    for said, numbers, count in [("Tidak ada laporan mengenai korban jiwa.", [], 0),
                                 ("Dua warga tewas.", [killed("Dua warga", 2)], 2)]:
        rec = events.run(article(told + said, entities=[ISRAEL, IRAN, HAIFA], timexes=[MONDAY], numbers=numbers))
        assert len(rec["events"]) == 2 and [ev["fatalities"] for ev in rec["events"]] == [count, count], rec["events"]
    # a bomblet in a town of another country is another act: its count stays its own
    apart = told.replace("di Haifa", "di Teheran") + "Tidak ada laporan mengenai korban jiwa."
    rec = events.run(article(apart, entities=[ISRAEL, IRAN, TEHRAN], timexes=[MONDAY]))
    assert len(rec["events"]) == 2 and [ev["fatalities"] for ev in rec["events"]] == [None, 0], rec["events"]


@pytest.mark.parametrize("before,count", [
    ("Warga Ilaga masih berduka. Penembakan itu menewaskan dua warga.", 2),  # names the act again
    ("Pelaku penembakan di Ilaga tewas usai menewaskan dua warga.", 2),  # the lead, naming the act
    ("Warga Ilaga masih berduka. Tahun lalu dua warga tewas di sana.", None),  # neither
    ("Penasihat presiden meninggal dunia pada usia 89 tahun.", None),  # a lead naming no act
])
def test_deaths_told_before_the_sentence_that_tells_the_first_event(before, count):
    numbers = [killed("dua warga", 2)] if "dua warga" in before else []
    ev = one(before + " Pada Senin (8/8), pemberontak menembaki pos polisi di Ilaga.", entities=[ILAGA],
             timexes=[MONDAY], numbers=numbers)
    assert ev["fatalities"] == count


@pytest.mark.slow
def test_indonews_fatalities_sheet(shared):
    """scripts/eval_fatalities.py on the hand-labelled sheet: the figures it printed when the rules were
    made. Old rows (75 indonews-2025 events): exact 0.880, 0.417 on the 12 whose gold gives a number (0.893
    before the event-place rules of eval_places_indonews.py's second batch: with them one event takes a campaign
    summary's count of 3).
    New rows (60 events of the whole scrape and IndoSum): exact 0.850, 0.688 on the 16 with a number
    (0.783 and 0.438 before the one-person rules).
    new2 rows (27 events, all with a number, that the stage does not emit): given the event (the rules on the
    row's sentence, events.fatalities_at) 0.815 (0.444 before the rules for deaths told in a sentence that
    names the event again, ages and suspects, "hingga tewas" and one-person lists).
    Old rows with those rules: 0.893 and 0.500. With the counts shared by tellings merge keeps apart and the
    deaths told before the first event: old 0.907 / 0.667, new 0.850 / 0.625 (given 0.812). With a victim said
    bare ("korban meninggal di rumah sakit"), a body found lifeless ("ditemukan tidak bernyawa") and a
    one-person noun with an age before "itu": old 0.920 / 0.750, new given 0.900 / 0.875."""
    got = handmade.fatalities_sheet(shared)
    old, new, new2 = got["old"], got["new"], got["new2"]
    # rows' events now told as alerts, plans or explanations, running totals, campaigns or history
    # (statements), or merged into another event of their article, are not found: 58 of 75 and 48 of 60 are
    # (the rows the non-event cues took out are noted as feared, planned, warned, totals or background on
    # the sheet, and two with a count: the Nice truck attack of a year before and the Tentena bombs of 2005;
    # the army's "sikap menahan diri" is no arrest; two crimes training/events labels no event, the Teruel
    # shooting and "Polisi menduga, korban … dibunuh", are no longer battles)
    assert old["n"] == 75 and old["found"] >= 57 and new["n"] == 60 and new["found"] >= 47, got
    # four old rows whose gold is 0 are one cluster-missile attack told three times in two articles (a missile,
    # the embassy's quote, the bomblet that hit a house in Azor): the "no deaths reported" sentence follows the
    # bomblet, and the tellings merge keeps apart share its 0 (`_told_apart`), all but one article's quote, which is
    # placed in Iran (0.853 / 0.333 before)
    assert old["exact"] >= 0.90 and old["exact_number"] >= 0.66, got
    assert new["exact"] >= 0.85 and new["exact_number"] >= 0.62 and new["given_number"] >= 0.81, got
    assert new2["n"] == 27 and new2["n_number"] == 27 and new2["given_number"] >= 0.81, got


def _person(name):
    return {"text": name, "type": "PER", "canonical": name}


def test_one_person_killed_said_with_no_number():
    # a noun for one person named again ("perempuan itu") or with a "yang" clause, and a killed cue
    text = "Pemberontak menyerang warga desa di Ilaga pada Senin (8/8) dan perempuan itu dibunuh."
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == 1
    text = ("Pemberontak menyerang warga desa di Ilaga pada Senin (8/8). Pria berusia 30 dengan inisial MA yang "
            "tewas telah dimakamkan.")
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == 1
    # … not when a number or a plural word counts the noun
    text = "Pemberontak menyerang warga desa di Ilaga pada Senin (8/8) dan para pria yang tewas dimakamkan."
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] is None
    # "meninggalnya seorang bocah": the death of one
    text = "Pemberontak menyerang warga desa di Ilaga pada Senin (8/8) hingga meninggalnya seorang bocah."
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == 1
    # named people killed: each counts once
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8) dan menewaskan Abdul Rahman."
    assert one(text, entities=[ILAGA, _person("Abdul Rahman")], timexes=[MONDAY])["fatalities"] == 1
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8); Sersan Budi tewas dan Kopral Andi tewas."
    ev = one(text, entities=[ILAGA, _person("Sersan Budi"), _person("Kopral Andi")], timexes=[MONDAY])
    assert ev["fatalities"] == 2
    # a named person who is not said to be killed is no death
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8), kata Abdul Rahman."
    assert one(text, entities=[ILAGA, _person("Abdul Rahman")], timexes=[MONDAY])["fatalities"] is None


# --- rules run on the whole pipeline (numbers, places and dates found by the earlier stages) --------------

from pantau import pipeline  # noqa: E402

VIOLENT = ("Riots", "Battles", "Explosions/Remote violence", "Violence against civilians")


def _analysed(text, published):
    return pipeline.analyze({"text": text, "published": published})


def _violent_fatalities(text, published):
    rec = _analysed(text, published)
    return [ev["fatalities"] for ev in rec["events"] if ev["event_type"] in VIOLENT]


def test_a_later_sentence_told_as_its_own_event_that_names_this_one_again_gives_its_count():
    text = ("Kerusuhan pecah di Wamena, Papua, pada Senin (23/9/2019). "
            "Sebanyak 33 orang meninggal dunia dalam kerusuhan itu.")
    got = _violent_fatalities(text, "2019-09-24")
    assert got and all(f == 33 for f in got), got
    # … not when the later sentence is another event at another place
    text = ("Kerusuhan pecah di Wamena, Papua, pada Senin (23/9/2019). "
            "Di Jayapura, massa membakar pasar dan menewaskan 4 orang pada Selasa (24/9/2019).")
    rec = _analysed(text, "2019-09-25")
    wamena = [ev for ev in rec["events"] if (ev.get("place") or {}).get("text") == "Wamena"]
    assert wamena and all(ev["fatalities"] is None for ev in wamena), rec["events"]


def test_a_story_goes_on_through_an_act_of_the_same_kind_and_past_an_aside():
    # the riot's next act (same type, no place of its own), then the deaths
    text = ("Demo Ricuh di Makassar\n\nUnjuk rasa mahasiswa di depan gedung DPRD Sulawesi Selatan, Makassar, berakhir "
            "ricuh pada Kamis (29/8/2025).\n\nMassa membakar gedung DPRD. Api melalap sebagian besar bangunan.\n\n"
            "Kapolda menyebut tiga orang meninggal dunia terjebak di dalam gedung yang terbakar.")
    got = _violent_fatalities(text, "2025-08-30")
    assert len(got) >= 2 and all(f == 3 for f in got), got
    # a non-violent aside between (tear gas, a protest) does not end the story for a sentence naming it again
    text = ("Kerusuhan di Los Angeles\n\nKerusuhan pecah di Los Angeles, Amerika Serikat, pada Sabtu (7/6/2025) "
            "setelah razia imigrasi.\n\nMassa membakar mobil dan melempari polisi dengan batu. Polisi menembakkan "
            "gas air mata.\n\nDua orang dilaporkan tewas dan puluhan lainnya luka-luka dalam kerusuhan tersebut.")
    got = _violent_fatalities(text, "2025-06-08")
    assert got and all(f == 2 for f in got), got


def test_a_count_in_a_relative_clause_after_an_event_noun_is_that_events():
    # "sejak" before the noun counts from that event; the count is what the event did
    text = ("Jerman mewaspadai serangan teror, terutama sejak insiden truk di pasar Natal Berlin pada Senin (19/12/2016) "
            "yang menewaskan 12 orang.")
    rec = _analysed(text, "2017-01-10")
    first = rec["sentences"][0]["span"][0]
    assert events.fatalities_at(rec, first, "Violence against civilians") == 12
    # a "since" between the noun and the count still makes it a total
    text = ("Serangan Israel di Gaza sejak Oktober 2023 yang menewaskan 40.000 orang dikecam Indonesia "
            "pada Senin (8/8/2024).")
    rec = _analysed(text, "2024-08-09")
    assert events.fatalities_at(rec, 0, "Explosions/Remote violence") is None


def test_ages_and_suspects_are_no_count_of_the_dead_and_until_dead_is_one():
    at = events.fatalities_at
    rec = _analysed("Seorang ibu menganiaya anaknya GW 5 tahun hingga meninggal di Kebon Jeruk, Jakarta Barat, "
                    "Sabtu (11/11/2017).", "2017-11-12")
    assert at(rec, 0, "Violence against civilians") == 1
    rec = _analysed("Polisi menetapkan 14 tersangka kasus penganiayaan hingga tewas terhadap taruna Akpol di Semarang, "
                    "Kamis (18/5/2017).", "2017-05-19")
    assert at(rec, 0, "Violence against civilians") == 1
    rec = _analysed("Kelompok bersenjata menembak seorang guru hingga tewas di Beoga pada Senin (8/8/2022).", "2022-08-09")
    assert at(rec, 0, "Violence against civilians") == 1
    # a plural word or a count before "hingga tewas" says more than one died: no 1
    rec = _analysed("Polisi menembaki para demonstran hingga tewas di Wamena pada Senin (8/8/2022).", "2022-08-09")
    assert at(rec, 0, "Violence against civilians") is None


def test_one_person_phrases_add_up():
    at = events.fatalities_at
    rec = _analysed("Seorang pria melepaskan tembakan di rumah sakit Boston pada Senin (8/8/2016), membunuh seorang "
                    "pasien wanita dan seorang perawat.", "2016-08-09")
    assert at(rec, 0, "Violence against civilians") == 2
    rec = _analysed("Bentrokan pecah di Wamena pada Senin (8/8/2022). Bentrokan itu menewaskan dua polisi dan seorang "
                    "warga.", "2022-08-09")
    assert at(rec, 0, "Battles") == 3


def test_a_title_between_the_killed_verb_and_a_name():
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8) dan membunuh ahli jantung Abdul Rahman."
    assert one(text, entities=[ILAGA, _person("Abdul Rahman")], timexes=[MONDAY])["fatalities"] == 1
    # a verb between is another act: "menewaskan warga dan melukai Abdul Rahman" names no one killed
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8) dan menembak lalu melukai Abdul Rahman."
    assert one(text, entities=[ILAGA, _person("Abdul Rahman")], timexes=[MONDAY])["fatalities"] is None


def test_a_time_that_points_back_or_a_nationality_sets_no_new_story():
    text = ("Penembakan di klub malam itu berselang dua hari setelah serangan pisau di Hamburg, Jerman.\n"
            "Saat itu, seorang warga Palestina berusia 26 tahun telah membunuh satu orang di sebuah supermarket.")
    rec = _analysed(text, "2017-07-30")
    assert events.fatalities_at(rec, 0, "Violence against civilians") == 1


def test_a_later_sentence_naming_the_act_by_the_deaths_it_caused():
    # "pengeboman yang menewaskan 22 orang": the bombing named again by its deaths, five sentences on and in
    # another paragraph, with no "itu" after it
    text = ("Bom meledak di pasar Ilaga pada Senin (8/8). Polisi masih menyelidiki pelakunya.\n"
            "Warga menggelar doa bersama di alun-alun. Wali kota hadir dalam doa itu. Sekolah diliburkan dua hari.\n"
            "Pemerintah daerah menyiapkan dana bagi keluarga korban pengeboman yang menewaskan 22 orang.")
    count = {"text": "22 orang", "value": 22, "role": "killed", "unit": "people"}
    assert one(text, entities=[ILAGA], timexes=[MONDAY], numbers=[count])["fatalities"] == 22
    # without the event noun the sentence names no act: 22 dead of something else, far from the bombing
    other = text.replace("korban pengeboman yang menewaskan 22 orang.", "22 orang yang meninggal di kapal.")
    assert one(other, entities=[ILAGA], timexes=[MONDAY], numbers=[count])["fatalities"] is None


@pytest.mark.parametrize("later,count", [
    ("Polisi menyebut korban meninggal di rumah sakit.", 1),  # the victim said bare
    ("Polisi menyebut korban diduga tewas dibunuh di kebun.", 1),  # reporting words between
    ("Para korban meninggal di rumah sakit.", None),  # a plural word before it
    ("Korban tewas termasuk seorang guru.", None),  # a part of many
    ("Korban meninggal dunia akibat serangan itu kembali bertambah.", None),  # a toll that grows
    ("Sebagian besar korban tewas akibat luka tembak.", None),  # a plural word two words before
    ("Keluarga menjemput kedua korban tewas tersebut.", None),  # both
    ("Pemerintah memberi santunan kepada korban meninggal.", None),  # the victims as a class
    ("Tidak ada korban meninggal dalam serangan itu.", 0),  # no one
])
def test_one_victim_said_bare_is_one(later, count):
    text = "Orang tak dikenal menyerang warga di Ilaga pada Senin (8/8). " + later
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == count


def test_found_lifeless_is_dead_and_never_no_one():
    at = events.fatalities_at
    # "hingga akhirnya ditemukan tidak bernyawa": an act carried on to a death, reporting words between
    rec = _analysed("Orang tak dikenal menganiaya seorang pedagang di Wamena pada Senin (8/8/2022) hingga akhirnya "
                    "ditemukan tidak bernyawa.", "2022-08-09")
    assert at(rec, 0, "Violence against civilians") == 1
    # a negated death word after "tanpa" says someone died, not that no one did
    rec = _analysed("Kelompok bersenjata menyerang kampung di Wamena pada Senin (8/8/2022). Jasad warga ditemukan tanpa "
                    "busana dan tak bernyawa di kebun.", "2022-08-09")
    assert at(rec, 0, "Violence against civilians") != 0


@pytest.mark.parametrize("later,count", [
    ("Wanita berusia 40 tahun itu dilaporkan tewas di rumahnya.", 1),  # an age between, a reporting word
    ("Pemuda berumur 19 tahun tersebut akhirnya ditemukan tak bernyawa di ladang.", 1),  # two reporting words
    ("Wanita dan anak itu tewas di tempat.", None),  # joined: more than one
    ("Pria dari dua desa itu tewas di tempat.", None),  # a count between that is no age
])
def test_one_person_noun_with_words_before_itu(later, count):
    text = "Orang tak dikenal menyerang warga di Ilaga pada Senin (8/8). " + later
    assert one(text, entities=[ILAGA], timexes=[MONDAY])["fatalities"] == count
