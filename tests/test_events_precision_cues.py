"""Acts the events stage tells apart as no event to count (modality.tsv, connectives.tsv standing): an act to
come told by a word of the future right after its noun or named in an appeal, acts counted as several or as repeated, and an arrest
of a politician that a crime word beside it makes crime news."""
import pytest

from test_events import ALEPPO, JAKARTA, article, run

AUG7 = {"text": "Minggu (7/8)", "type": "DATE", "value": "2016-08-07"}


def told(sentence, place=ALEPPO):
    """The record of one sentence, its place and (where it says it) its day placed."""
    return run(article(sentence, entities=[place], timexes=[AUG7] if AUG7["text"] in sentence else []))


def types(rec):
    return [e["event_type"] for e in rec["events"]]


def kinds(rec):
    return [(s["event_type"], s.get("kind") or s["modality"]) for s in rec["statements"]]


@pytest.mark.parametrize("sentence", [
    # a word of the future right after the act's noun: the act is to come
    "Polisi menyebut massa aksi buruh akan mengerahkan sekitar 15.000 orang di Aleppo pada Minggu (7/8).",
    "Koordinator menyebut unjuk rasa buruh akan melibatkan 15.000 orang di Aleppo pada Minggu (7/8).",
])
def test_a_word_of_the_future_after_the_act_tells_a_plan(sentence):
    rec = told(sentence)
    assert "Protests" not in types(rec), rec["events"]
    assert ("Protests", "planned") in kinds(rec), rec["statements"]


@pytest.mark.parametrize("sentence", [
    "Polisi menyebut massa aksi buruh mengerahkan sekitar 15.000 orang di Aleppo pada Minggu (7/8).",
    "Koordinator menyebut unjuk rasa buruh melibatkan 15.000 orang di Aleppo pada Minggu (7/8).",
])
def test_the_same_act_with_no_word_of_the_future_is_an_event(sentence):
    assert types(told(sentence)) == ["Protests"]


def test_an_answer_to_come_leaves_the_act_told():
    # "akan dibalas": the strike is done, only its answer is to come
    text = ("Pesawat tempur melancarkan serangan udara di Aleppo pada Minggu (7/8). "
            "Serangan udara itu akan dibalas, kata juru bicara oposisi.")
    rec = run(article(text, entities=[ALEPPO], timexes=[AUG7]))
    assert types(rec) == ["Explosions/Remote violence"], rec["events"]
    assert [x["text"] for x in rec["events"][0]["also_evidence"]] == \
        ["Serangan udara itu akan dibalas, kata juru bicara oposisi."]


def test_an_appeal_names_no_act_done():
    rec = told("Polisi mengimbau peserta aksi menjaga ketertiban saat menyampaikan pendapat di Aleppo.")
    assert "Protests" not in types(rec), rec["events"]
    assert ("Protests", "planned") in kinds(rec), rec["statements"]
    # the same words with no appeal before them tell the protest
    assert types(told("Peserta aksi menjaga ketertiban saat menyampaikan pendapat di Aleppo pada Minggu (7/8).")) \
        == ["Protests"]


@pytest.mark.parametrize("sentence", [
    # counted as several: no one protest
    "Pernyataan itu menimbulkan sejumlah aksi protes yang berlangsung damai di Aleppo.",
    # told as repeated: a habit
    "Masalah upah itu juga mendatangkan aksi demonstrasi beberapa kali di Aleppo.",
])
def test_acts_counted_as_several_or_repeated_are_an_aggregate(sentence):
    rec = told(sentence)
    assert "Protests" not in types(rec), rec["events"]
    assert ("Protests", "aggregate") in kinds(rec), rec["statements"]


@pytest.mark.parametrize("sentence", [
    # a crowd counted ("sejumlah warga") is no count of acts
    "Sejumlah warga berunjuk rasa di depan kantor gubernur di Aleppo pada Minggu (7/8).",
    # a day named makes the several acts that day's
    "Sejumlah aksi protes digelar di Aleppo pada Minggu (7/8).",
])
def test_a_crowd_counted_or_a_day_named_leaves_the_event(sentence):
    rec = told(sentence)
    assert types(rec) == ["Protests"], rec["events"]


def test_a_politicians_drug_arrest_is_crime_news():
    rec = run(article("Polisi menangkap politikus Partai Maju, Budi Santoso, yang diduga terkait narkoba di Jakarta "
                      "pada Minggu (7/8).", entities=[JAKARTA], timexes=[AUG7]))
    assert "Strategic developments" not in types(rec), rec["events"]


def test_a_politicians_arrest_for_a_political_act_is_an_event():
    # the political act ("ujaran kebencian") outweighs nothing here: no crime word stands beside it
    rec = run(article("Polisi menangkap politikus Partai Maju, Budi Santoso, karena ujaran kebencian di Jakarta "
                      "pada Minggu (7/8).", entities=[JAKARTA], timexes=[AUG7]))
    assert types(rec) == ["Strategic developments"], rec["events"]


def test_a_political_act_outweighs_a_crime_word_beside_it():
    rec = run(article("Polisi menangkap politikus Partai Maju, Budi Santoso, karena ujaran kebencian di Jakarta "
                      "pada Minggu (7/8). Polisi juga menyita narkoba dari rumahnya.", entities=[JAKARTA],
                      timexes=[AUG7]))
    assert types(rec) == ["Strategic developments"], rec["events"]


@pytest.mark.parametrize("headline,imagined", [
    ("Skenario Perang Dunia III, Ngeri Jika Terjadi", True),
    ("Iran Serang Israel", False),
    # a first line that ends a sentence is no headline
    ("Skenario itu dibahas para ahli.", False),
])
def test_a_scenario_headline_holds_in_a_text_given_whole(headline, imagined):
    # a record whose text holds "headline, blank line, body" with no title of its own, as an evaluator or a
    # crawl's JSON gives it: the first line is still its headline
    text = headline + "\n\nIran melancarkan serangan rudal ke Aleppo pada Minggu (7/8)."
    rec = run(article(text, entities=[ALEPPO], timexes=[AUG7]))
    assert rec.get("body_start", 0) == 0
    assert ("Explosions/Remote violence" not in types(rec)) is imagined, rec["events"]
    assert (("Explosions/Remote violence", "hypothetical") in kinds(rec)) is imagined, rec["statements"]
