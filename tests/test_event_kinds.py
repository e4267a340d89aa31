"""What the events stage does with the learned detector's doubts, clashes, bare headline verbs and history."""
import pytest

from pantau.nlp import event_detector as det
from pantau.stages import events

from test_events import ALEPPO, article, run

AUG7 = {"text": "Minggu (7/8)", "type": "DATE", "value": "2016-08-07"}


def detector(event=(), kinds=None, **meta):
    """A detector with the given weights (a real Detector, as the training script builds per fold)."""
    rows = [{"model": "meta", "feature": k, "weight": str(v)} for k, v in meta.items()]
    rows += [{"model": "event", "feature": f, "weight": str(w)} for f, w in event]
    rows += [{"model": "Battles", "feature": "bias", "weight": "0"},
             {"model": "sub_type", "feature": "Battles", "weight": "Armed clash"}]
    for kind, w in (kinds or {}).items():
        rows.append({"model": f"kind={kind}", "feature": "bias", "weight": str(w)})
    return det.Detector(rows)


def test_a_doubted_trigger_hit_read_as_a_running_total_is_a_statement_of_that_kind():
    # no cue of modality.tsv says so (those keep a running total apart whatever the detector reads)
    text = "Puluhan serangan udara menghantam Aleppo pada Minggu (7/8)."
    rec = article(text, entities=[ALEPPO], timexes=[AUG7])
    doubtful = detector(event=[("bias", -6.0)], kinds={"aggregate": 2.0, "other": 0.0},
                        guard=0.05, kind_cut=0.5)
    evs, stmts = events.extract(rec, doubtful)
    assert evs == []
    assert [(s["event_type"], s["kind"]) for s in stmts] == [("Explosions/Remote violence", "aggregate")]
    sure = detector(event=[("bias", 6.0)], kinds={"aggregate": 2.0, "other": 0.0}, guard=0.05, kind_cut=0.5)
    evs, stmts = events.extract(rec, sure)
    assert [e["event_type"] for e in evs] == ["Explosions/Remote violence"] and stmts == []


def test_below_the_guard_a_hit_that_is_no_aggregate_history_or_plan_is_nothing():
    text = "Serangan udara menghantam Aleppo pada Minggu (7/8)."
    rec = article(text, entities=[ALEPPO], timexes=[AUG7])
    evs, stmts = events.extract(rec, detector(event=[("bias", -6.0)], kinds={"other": 2.0, "plan": 0.0},
                                              guard=0.05, kind_cut=0.5))
    assert evs == [] and stmts == []


def test_calibration_maps_the_score_and_keeps_its_order():
    plain = detector(event=[("w=bom", 1.0)])
    scaled = detector(event=[("w=bom", 1.0)], calib_a=0.5, calib_b=-2.0)
    assert plain.p_event(["w=bom"]) == pytest.approx(1 / (1 + pytest.importorskip("math").exp(-1.0)))
    assert scaled.p_event(["w=bom"]) < plain.p_event(["w=bom"])
    assert scaled.p_event(["w=bom"]) > scaled.p_event([])


@pytest.mark.parametrize("sentence, expected", [
    ("Massa bentrok dengan polisi di Aleppo pada Minggu (7/8).", ("Riots", "Mob violence")),
    ("Massa demonstran bentrok dengan polisi saat unjuk rasa di Aleppo pada Minggu (7/8).",
     ("Riots", "Violent demonstration")),
    ("Pasukan rezim bentrok dengan pemberontak di Aleppo pada Minggu (7/8).", ("Battles", "Armed clash")),
])
def test_a_clash_is_a_battle_only_with_an_armed_group(sentence, expected):
    rec = run(article(sentence, entities=[ALEPPO], timexes=[AUG7]))
    assert expected in [(e["event_type"], e["sub_event_type"]) for e in rec["events"]], rec["events"]


def test_bare_headline_verb_is_read():
    title = "Polisi Tangkap Tiga Terduga Teroris di Aleppo"
    text = title + "\nPolisi menyebut ketiganya anggota jaringan yang sama."
    rec = run(article(text, entities=[ALEPPO], body_start=len(title) + 1))
    assert ("Strategic developments", "Arrests") in [(e["event_type"], e["sub_event_type"]) for e in rec["events"]]


def test_ricuh_is_a_riot():
    rec = run(article("Aksi unjuk rasa di Aleppo berujung ricuh pada Minggu (7/8).", entities=[ALEPPO],
                      timexes=[AUG7]))
    assert "Riots" in [e["event_type"] for e in rec["events"]]


def test_an_event_its_own_words_date_months_before_a_known_publication_day_is_background():
    text = "Pasukan rezim merebut Aleppo pada Minggu (7/8)."
    known = {"date": "2016-12-20", "earliest": "2016-12-20", "latest": "2016-12-20"}
    rec = run(article(text, entities=[ALEPPO, {"text": "Pasukan rezim", "type": "ORG", "canonical": "Syrian government"}],
                      timexes=[AUG7], published=known))
    assert rec["events"] == []
    assert [s.get("kind") for s in rec["statements"]] == ["background"]
    recent = {"date": "2016-08-20", "earliest": "2016-08-20", "latest": "2016-08-20"}
    rec = run(article(text, entities=[ALEPPO, {"text": "Pasukan rezim", "type": "ORG", "canonical": "Syrian government"}],
                      timexes=[AUG7], published=recent))
    assert [e["event_type"] for e in rec["events"]] == ["Battles"]


def test_the_detector_alone_lets_in_a_sentence_with_no_trigger_word_but_not_one_that_follows_an_event():
    text = "Dua polisi tewas dalam insiden di Aleppo pada Minggu (7/8)."
    sure = detector(event=[("bias", 6.0), ("w=tewas", 1.0)], entry=0.5)
    evs, _ = events.extract(article(text, entities=[ALEPPO], timexes=[AUG7]), sure)
    assert [(e["event_type"], e["trigger"]["text"]) for e in evs] == [("Battles", "tewas")]
    assert events.extract(article(text, entities=[ALEPPO], timexes=[AUG7]), detector(event=[("bias", 6.0)]))[0] == []
    told = "Pemberontak menyerang pos polisi di Aleppo pada Minggu (7/8). Dua polisi tewas dalam insiden itu."
    evs, _ = events.extract(article(told, entities=[ALEPPO], timexes=[AUG7]), sure)
    assert [e["trigger"]["text"] for e in evs] == ["menyerang"]
