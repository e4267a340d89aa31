"""The fatality rules for the kinds of miss tests/data/fatalities_tellings.tsv holds, on hand-written sentences:
"no one was killed" said in other words and far on in the event's story, counts said with "tewasnya" or
"korban meninggal … sebanyak", groups of the dead joined by "dan" where only the first has a cue, and a
no-one-killed statement that gives 0 only to a violent event, and only when said of it."""
import handmade
import pytest

from pantau.stages import events
from test_events import ILAGA, MONDAY
from test_events import one_event as one
from test_fatalities_counts import killed, role_of

ATTACK = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8)."


@pytest.mark.parametrize("said", [
    "Tak ada korban dalam kontak tembak tersebut.",  # the victim noun alone
    "Kontak tembak itu berlangsung tanpa korban.",
    "Belum ada laporan korban dari kedua pihak.",  # "dari kedua pihak" narrows nothing
    "Polisi menyebut belum ada laporan korban jiwa.",
    "Korban jiwa tidak ada.",  # the noun told first
    "Serangan itu tidak menimbulkan korban jiwa.",
])
def test_no_one_killed_said_in_other_words_is_zero(said):
    ev = one(ATTACK + " " + said, entities=[ILAGA], timexes=[MONDAY])
    assert ev["fatalities"] == 0


@pytest.mark.parametrize("said", [
    "Tidak ada korban luka dalam serangan itu.",  # of the injured only
    "Tidak ada korban jiwa dari pihak TNI.",  # one side only
    "Mereka menembak tanpa pandang bulu sehingga korban berjatuhan.",  # "tanpa" of something else
])
def test_what_says_nothing_of_all_the_dead_is_no_zero(said):
    ev = one(ATTACK + " " + said, entities=[ILAGA], timexes=[MONDAY])
    assert ev["fatalities"] is None


def test_no_one_killed_far_on_closes_the_story_of_the_event_told_last():
    filler = " ".join(f"Warga desa ke-{i} diminta tetap tenang." for i in range(1, 8))
    ev = one(ATTACK + " " + filler + " Korban jiwa tidak ada.", entities=[ILAGA], timexes=[MONDAY])
    assert ev["fatalities"] == 0
    # only said of a violent event: a protest with the same words has no count
    rally = "Ratusan mahasiswa berunjuk rasa di Ilaga pada Senin (8/8). " + filler + " Korban jiwa tidak ada."
    rec = events.run(__import__("test_events").article(rally, entities=[ILAGA], timexes=[MONDAY]))
    assert rec["events"] and all(ev["fatalities"] is None for ev in rec["events"]), rec["events"]


@pytest.mark.parametrize("text,phrase", [
    ("Tawuran itu mengakibatkan tewasnya dua orang.", "dua orang"),  # the -nya noun of tewas
    ("Korban meninggal dunia sebanyak tiga orang.", "sebanyak tiga orang"),  # the qualifier is the link
    ("Juru bicara Pentagon mengatakan dua pemimpin Al Qaeda tewas.", "dua pemimpin"),  # a people noun
])
def test_counts_of_the_dead_said_with_a_noun_of_dying_or_of_who_died(text, phrase):
    assert role_of(text, phrase) == "killed"


def test_a_group_joined_by_dan_to_a_killed_count_is_added():
    text = ATTACK + " Korban tewas terdiri dari 8 warga pendatang dan 4 warga asli."
    other = {"text": "4 warga", "value": 4, "role": "other", "unit": "residents"}
    ev = one(text, entities=[ILAGA], timexes=[MONDAY], numbers=[killed("8 warga", 8), other])
    assert ev["fatalities"] == 12
    # a count of things, not people, joined the same way is no group of the dead
    houses = text.replace("4 warga asli", "4 rumah")
    ev = one(houses, entities=[ILAGA], timexes=[MONDAY],
             numbers=[killed("8 warga", 8), {"text": "4 rumah", "value": 4, "role": "other", "unit": "houses"}])
    assert ev["fatalities"] == 8


def test_the_toll_as_it_stands_now_right_after_the_count_replaces_it():
    text = ATTACK + " Delapan polisi tewas. Korban tewas kini mencapai 15 orang."
    numbers = [killed("Delapan polisi", 8), killed("15 orang", 15)]
    ev = one(text, entities=[ILAGA], timexes=[MONDAY], numbers=numbers)
    assert ev["fatalities"] == 15
    # told further on, with nothing that names the event again, "kini mencapai" may be a war's toll
    far = ATTACK + " Delapan polisi tewas. Warga mengungsi. Korban tewas kini mencapai 15 orang."
    ev = one(far, entities=[ILAGA], timexes=[MONDAY], numbers=numbers)
    assert ev["fatalities"] == 8


def test_a_killed_count_beside_the_arrests_in_the_next_sentence_of_the_paragraph_is_the_events():
    text = "Kerusuhan pecah di Ilaga pada Senin (8/8). Belasan orang tewas, ratusan ditangkap polisi."
    numbers = [killed("Belasan orang", 11), {"text": "ratusan", "value": 200, "role": "arrested"}]
    rec = events.run(__import__("test_events").article(text, entities=[ILAGA], timexes=[MONDAY], numbers=numbers))
    riot = [ev for ev in rec["events"] if ev["event_type"] == "Riots"]
    assert riot and riot[0]["fatalities"] == 11, rec["events"]
    # in a new paragraph the count is no longer told with it
    apart = text.replace(" Belasan", "\nBelasan")
    rec = events.run(__import__("test_events").article(apart, entities=[ILAGA], timexes=[MONDAY], numbers=numbers))
    riot = [ev for ev in rec["events"] if ev["event_type"] == "Riots"]
    assert riot and riot[0]["fatalities"] is None, rec["events"]


def test_one_attack_told_again_with_another_attacker_shares_its_count():
    first = ATTACK + " Sebanyak 5 orang tewas akibat serangan itu. "
    again = first + "Namun warga menyebut pasukan TNI yang menyerang pos polisi di Ilaga pada Senin (8/8)."
    rec = events.run(__import__("test_events").article(
        again, entities=[ILAGA, dict(ILAGA, after=100)], timexes=[MONDAY, dict(MONDAY, after=100)],
        numbers=[killed("Sebanyak 5 orang", 5)]))
    assert [ev["fatalities"] for ev in rec["events"]] == [5, 5], rec["events"]
    # an attack at the same place on another day is another attack
    later = first + "Sehari kemudian, pasukan TNI menyerang pos polisi di Ilaga."
    rec = events.run(__import__("test_events").article(
        later, entities=[ILAGA, dict(ILAGA, after=100)],
        timexes=[MONDAY, {"text": "Sehari kemudian", "type": "DATE", "value": "2016-08-09"}],
        numbers=[killed("Sebanyak 5 orang", 5)]))
    assert [ev["fatalities"] for ev in rec["events"]] == [5, None], rec["events"]


@pytest.mark.slow
def test_tellings_sheet(shared):
    """scripts/eval_fatalities.py --sheet tests/data/fatalities_tellings.tsv (32 events of the kinds above;
    the stage emits few of them, so they are scored given the event): 0.688 overall and 0.545 on the 22
    whose gold gives a number before the rules above, 0.875 and 0.818 with them."""
    got = handmade.fatalities_sheet(shared, "fatalities_tellings.tsv")
    assert got["n"] == 32 and got["given"] >= 0.87 and got["given_number"] >= 0.81, got
    assert got["zero"]["given"] == 1.0, got


def test_the_first_line_of_a_text_given_whole_is_its_headline_and_counts_for_the_lead():
    text = ("Ilaga Mencekam, Tak Ada Korban Jiwa\n"
            "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8). Polisi masih memburu pelaku.")
    rec = events.run(__import__("test_events").article(text, entities=[dict(ILAGA, after=40)], timexes=[MONDAY]))
    assert [ev["fatalities"] for ev in rec["events"]] == [0], rec["events"]
    # a first line that ends as a sentence is the lead itself, no headline
    lead = text.replace("Ilaga Mencekam, Tak Ada Korban Jiwa\n", "Situasi di Ilaga, tak ada korban jiwa.\n")
    rec = events.run(__import__("test_events").article(lead, entities=[dict(ILAGA, after=40)], timexes=[MONDAY]))
    assert [ev["fatalities"] for ev in rec["events"]] == [None], rec["events"]


def test_a_killed_count_of_things_is_no_count_of_the_dead():
    text = ATTACK + " Satu orang tewas dan 4 rumah terbakar."
    # the numbers stage may read "tewas … 4 rumah" as killed: houses are not the dead
    ev = one(text, entities=[ILAGA], timexes=[MONDAY],
             numbers=[killed("Satu orang", 1), {"text": "4 rumah", "value": 4, "role": "killed", "unit": "houses"}])
    assert ev["fatalities"] == 1
