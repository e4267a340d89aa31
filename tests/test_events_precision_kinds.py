"""False-alarm kinds of the precision sheets (tests/data/event_precision_*.tsv) and of the training labels
that the events stage keeps apart: a sentence that calls something an act reports none; an act named again with a demonstrative is the one told before, however far back; the air
taken is no ground."""
import pytest

from test_events import ALEPPO, HAMA, article, run

AUG7 = {"text": "Minggu (7/8)", "type": "DATE", "value": "2016-08-07"}
ISRAEL = {"text": "Israel", "type": "LOC", "canonical": "Israel",
          "geo": {"lat": 31.5, "lon": 34.75, "country": "IL", "admin1": None, "feature": "country"}}


@pytest.mark.parametrize("sentence", [
    # a word for something ("Ini adalah …", "Ini benar-benar …") names an act, it tells none
    '"Ini adalah kerusuhan di Aleppo," kata seorang warga pada Minggu (7/8).',
    '"Ini benar-benar aksi damai warga Aleppo," kata seorang peserta pada Minggu (7/8).',
])
def test_a_word_for_an_act_tells_no_act(sentence):
    rec = run(article(sentence, entities=[ALEPPO], timexes=[AUG7]))
    assert rec["events"] == [], rec["events"]


def test_a_word_for_an_act_leaves_the_act_told_in_the_sentence():
    rec = run(article("Ribuan warga menggelar demonstrasi di Aleppo pada Minggu (7/8) menolak kebijakan pemerintah.",
                      entities=[ALEPPO], timexes=[AUG7]))
    assert [e["event_type"] for e in rec["events"]] == ["Protests"]


def test_an_act_named_again_with_a_demonstrative_is_the_act_told_before():
    # what the protest was against names another place (Hama): the protest named again is still Aleppo's
    text = ("Ribuan warga menggelar demonstrasi di Aleppo pada Minggu (7/8). Mereka membawa spanduk dan poster. "
            "Polisi berjaga di sekitar lokasi. Unjuk rasa ini menentang pengepungan di Hama.")
    rec = run(article(text, entities=[ALEPPO, HAMA], timexes=[AUG7]))
    assert [e["event_type"] for e in rec["events"]] == ["Protests"], rec["events"]
    assert [x["text"] for x in rec["events"][0]["also_evidence"]] == ["Unjuk rasa ini menentang pengepungan di Hama."]


def test_the_air_taken_is_no_ground():
    rec = run(article("Pasukan Iran mengambil alih kendali atas wilayah udara Israel pada Minggu (7/8).",
                      entities=[ISRAEL], timexes=[AUG7]))
    assert [e for e in rec["events"] if e["event_type"] == "Battles"] == [], rec["events"]

