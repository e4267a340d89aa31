"""Framing stage: labels per actor with valence and voice, event words, slant."""
import pathlib

import pytest

from pantau.stages import framing
from pantau import record
from pantau.record import Options


def frame(text, **extra):
    article = {"text": text, **extra}
    return framing.run(article, Options())["framing"]


def labels_by_text(f):
    return {lab["label"]: lab for lab in f["labels"]}


def test_label_span_reads_label_and_contract_holds():
    text = "Pasukan rezim Assad menyerang posisi Mujahidin di Aleppo, Suriah."
    article = framing.run({"text": text}, Options())
    assert record.bad_spans(article) == []
    labs = labels_by_text(article["framing"])
    assert labs["Pasukan rezim Assad"]["valence"] == "delegitimizing"
    assert labs["Mujahidin"]["valence"] == "legitimizing"
    assert labs["Mujahidin"]["voice"] == "outlet"


def test_longest_label_wins():
    f = frame("Sekelompok pejuang Sunni penentang Assad di Aleppo, Suriah.")
    assert [lab["label"] for lab in f["labels"]] == ["pejuang Sunni penentang Assad"]


def test_label_inside_direct_quote_is_the_speakers():
    f = frame('"Kami tidak akan menyerah kepada rezim," kata komandan itu di Suriah.')
    (lab,) = f["labels"]
    assert lab["label"] == "rezim" and lab["voice"] == "quoted"


def test_speaker_of_quote_is_attributed():
    text = '"Kami tidak akan menyerah kepada rezim," kata Malahifji di Suriah.'
    quotes = [{"text": text[1:38], "span": [1, 38], "kind": "direct",
               "speaker": {"text": "Malahifji", "canonical": "Zakaria Malahifji"}}]
    (lab,) = frame(text, quotes=quotes)["labels"]
    assert lab["voice"] == "quoted" and lab["attributed_to"] == "Zakaria Malahifji"


def test_distancing_cue_and_scare_quotes():
    text = ('"Kami akan menghapus teroris," ujar seorang sumber militer Assad yang menyebut '
            'penentangnya sebagai "teroris". (Suriah)')
    f = frame(text)
    first, second = [lab for lab in f["labels"] if lab["label"] == "teroris"]
    assert first["voice"] == "quoted"
    assert second["voice"] == "distanced"
    assert second["attributed_to"] == "seorang sumber militer Assad"


def test_attribution_verb_hands_the_rest_of_the_sentence_to_its_subject():
    f = frame('AS menyebut tindakan Rusia di Aleppo sebagai "hadiah" bahwa serangan barbar akan berlanjut.')
    (word,) = f["event_words"]
    assert word["word"] == "serangan barbar" and word["valence"] == "delegitimizing"
    assert word["voice"] == "quoted" and word["attributed_to"] == "AS"


def test_liberation_from_x_credits_xs_opponents():
    f = frame("Penduduk merayakan pembebasan kota mereka dari para militan di Aleppo, Suriah.")
    (word,) = f["event_words"]
    assert word["side"] == "government"


def test_slant_directions_and_unknown():
    assert frame("Mujahidin merebut kembali bukit dari rezim di Suriah.")["slant"]["label"] == "pro-opposition"
    assert frame("Tentara Suriah membebaskan kota dari teroris dan para militan.")["slant"]["label"] == "pro-government"
    assert frame("Harga cabai naik di pasar Kramat Jati.")["slant"]["label"] == "unknown"
    neutral = frame("Pasukan pemerintah dan kelompok oposisi bertemu di Jenewa, Suriah.")["slant"]
    assert neutral["label"] == "neutral" and neutral["score"] == 0.0


def test_country_context_picks_the_actor():
    syria = labels_by_text(frame("Pemberontak menyerang pos di Suriah."))["Pemberontak"]
    elsewhere = labels_by_text(frame("Pemberontak menyerang pos di Kolombia."))["Pemberontak"]
    assert syria["actor"] == "Syrian opposition"
    assert elsewhere["actor"] == "Rebels"


def test_apposition_names_the_group():
    text = "Mereka menuntut kelompok jihadis (Jabhah Fathu Syam) meninggalkan kota di Suriah."
    s = text.index("Jabhah")
    ents = [{"text": "Jabhah Fathu Syam", "span": [s, s + 17], "type": "ORG", "canonical": "Jabhat Fatah al-Sham"}]
    lab = labels_by_text(frame(text, entities=ents))["kelompok jihadis"]
    assert lab["refers_to"] == "Jabhat Fatah al-Sham"


@pytest.mark.parametrize("doc, slant", [("000", "pro-opposition"), ("001", "pro-opposition"),
                                        ("002", "pro-government"), ("004", "pro-opposition")])
def test_seed_slant_from_text_alone(shared, gold, doc, slant):
    path = next((shared / "corpus" / "seeds").glob(f"{doc}_*.txt"))
    f = frame(path.read_text(encoding="utf-8"))
    assert f["slant"]["label"] == slant == gold[path.name]["framing"]["slant"]
    assert f["slant"]["evidence"]


def test_every_gold_label_found_on_seed_text(shared, gold):
    from pantau.evaluate.framing import _match_label

    missing = []
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        f = frame(path.read_text(encoding="utf-8"))
        for g in gold[path.name]["framing"]["labels"]:
            if not _match_label(g, f["labels"])["ok"]:
                missing.append((path.name[:3], g["label"]))
    assert missing == []


def test_data_files_have_sources():
    for name in ("labels.tsv", "event_words.tsv", "distancing.tsv"):
        rows = framing._read_tsv(pathlib.Path(framing.DATA) / "framing" / name)
        assert rows and all(r.get("source") for r in rows), name
