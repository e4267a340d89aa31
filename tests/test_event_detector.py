"""The learned event-mention detector (pantau/nlp/event_detector.py) and how the events stage uses it."""
import csv
import json
import pathlib

import pytest

from pantau.nlp import event_detector as det
from pantau.stages import events

ROOT = pathlib.Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training" / "events"


@pytest.mark.parametrize("word, root", [("menyerang", "serang"), ("diserang", "serang"), ("serangan", "serang"),
                                        ("menembak", "tembak"), ("ditangkap", "tangkap"), ("penangkapan", "tangkap"),
                                        ("memukul", "pukul"), ("bentrok", "bentrok")])
def test_roots_join_a_verb_and_its_noun(word, root):
    assert root in det.roots(word)


def _record(text, published="2016-08-09"):
    return {"id": "t", "text": text, "body_start": 0, "sentences": [], "entities": [], "timexes": [],
            "numbers": [], "quotes": [], "published": {"date": published, "earliest": published, "latest": published}}


def test_the_shipped_model_loads_and_reads_its_own_metadata():
    model = det.detector()
    assert model is not None
    assert 0 <= model.guard < 1 and model.guard <= model.kind_cut
    assert 0 < model.weak_pass <= 1.1 and 0 < model.entry <= 1.1
    assert model.calib != (1.0, 0.0), "calibrated on out-of-fold scores"
    assert set(model.kinds) == {"aggregate", "background", "plan", "other"}
    assert set(model.sub_type) == set(model.types)
    assert set(model.types) <= {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
                                "Protests", "Strategic developments"}
    assert len(model.types) >= 5


def test_an_attack_reads_as_more_likely_an_event_than_sport_or_a_plan():
    model = det.detector()
    attack = "Pasukan pemerintah menyerang desa itu dan menewaskan 12 warga sipil."
    rec = _record(attack)
    p_attack = model.p_event(det.features(rec, 0, len(attack)))
    for other in ("Persija akan menyerang sejak menit pertama pertandingan nanti.",
                  "Harga cabai naik di pasar tradisional pekan ini."):
        assert p_attack > model.p_event(det.features(_record(other), 0, len(other)))


def test_features_see_what_earlier_stages_found_in_the_sentence():
    text = "Ledakan di Kabul. Harga naik."
    rec = _record(text)
    rec["entities"] = [{"text": "Kabul", "span": [11, 16], "type": "LOC", "geo": {"lat": 34.5, "lon": 69.2}}]
    rec["numbers"] = []
    first = det.features(rec, 0, 17)
    second = det.features(rec, 18, len(text))
    assert "place" in first and "place" not in second
    assert "trig=Explosions/Remote violence" in first


def test_an_event_dated_after_its_article_is_not_emitted():
    text = "Tentara Suriah merebut Aleppo pada 20 Agustus 2016."
    rec = _record(text, published="2016-08-09")
    rec["entities"] = [{"text": "Aleppo", "span": [23, 29], "type": "LOC", "canonical": "Aleppo",
                        "geo": {"lat": 36.2, "lon": 37.16, "country": "SY", "admin1": "Aleppo", "feature": "city"}},
                       {"text": "Tentara Suriah", "span": [0, 14], "type": "ORG", "canonical": "Syrian government"}]
    rec["timexes"] = [{"text": "20 Agustus 2016", "span": [35, 50], "type": "DATE", "value": "2016-08-20"}]
    out = events.run(rec)
    assert all((ev["date"].get("earliest") or "") <= "2016-08-09" for ev in out["events"])
    rec["timexes"][0]["value"] = "2016-08-07"
    rec["text"] = text.replace("20 Agustus", "07 Agustus")
    rec["timexes"][0]["text"] = "07 Agustus 2016"
    assert events.run(rec)["events"], "the same sentence dated before publication is an event"


def test_training_labels_point_at_their_sentences():
    sentences = {}
    for line in open(TRAINING / "sentences.jsonl", encoding="utf-8"):
        art = json.loads(line)
        assert art["id"] not in sentences, "each article once"
        sentences[art["id"]] = art["sentences"]
    codebook = {(r["event_type"], r["sub_event_type"])
                for r in events.codebook().values()}
    n_event = 0
    for path in sorted(TRAINING.glob("labels.*.tsv")):
        for r in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
            sent = sentences[r["doc_id"]][int(r["sent"])]
            assert r["evidence"] in sent, (path.name, r["doc_id"], r["sent"])
            if r["label"] == "event":
                n_event += 1
                assert (r["event_type"], r["sub_event_type"]) in codebook
    assert n_event >= 200


def test_no_training_article_is_one_that_measures():
    gold = ROOT.parent / "shared" / "gold" / "events-dev" / "gold.json"
    if not gold.exists():
        pytest.skip("../shared not beside the checkout")
    held = {d["source"].get("id") for d in json.loads(gold.read_text())["docs"]}
    ids = {json.loads(line)["id"] for line in open(TRAINING / "sentences.jsonl", encoding="utf-8")}
    assert ids and not ids & held
