"""Quotes stage: every cue form, speakers, spans."""
import pytest

from pantau.stages import quotes


def run(text, entities=()):
    ents = []
    for ent in entities:
        start = text.index(ent["text"])
        ents.append(dict(ent, span=[start, start + len(ent["text"])]))
    rec = quotes.run({"text": text, "body_start": 0, "sentences": [], "entities": ents})
    for q in rec["quotes"]:
        assert text[q["span"][0]:q["span"][1]] == q["text"]
        if q["cue_span"]:
            assert text[q["cue_span"][0]:q["cue_span"][1]] == q["cue"]
        sp = q["speaker"]
        if sp:
            assert text[sp["span"][0]:sp["span"][1]] == sp["text"]
    return rec["quotes"]


def test_curly_quote_then_kata_speaker():
    [q] = run("\u201cMereka semua meninggalkan kami,\u201d kata Malahifji.")
    assert q["text"] == "Mereka semua meninggalkan kami" and q["kind"] == "direct"
    assert q["cue"] == "kata Malahifji" and q["speaker"]["text"] == "Malahifji"


def test_straight_quote_ujar_unnamed_source():
    [q] = run('"Tentara akan terus melancarkan operasi", ujar seorang sumber militer Assad yang menyebut lawannya teroris.')
    assert q["speaker"]["text"] == "seorang sumber militer Assad"
    assert q["speaker"]["named"] is False and q["speaker"]["canonical"] is None


def test_nya_cues_take_the_previous_speaker():
    text = ('"Kami tidak akan pergi dari kota ini", kata Zakaria Malahifji.\n'
            '"Mereka mendengarkan respon kami", katanya.\n'
            '"Ini adalah kondisi yang sulit bagi kami", tambahnya.')
    qs = run(text)
    assert [q["cue"] for q in qs] == ["kata Zakaria Malahifji", "katanya", "tambahnya"]
    assert {q["speaker"]["text"] for q in qs} == {"Zakaria Malahifji"}
    assert qs[1]["speaker"]["via"] == "anaphora"


def test_lanjut_with_descriptive_speaker():
    [q] = run("\u201cKami seperti boneka,\u201d lanjut kombatan itu dengan aksen Lebanon.")
    assert q["cue"] == "lanjut kombatan itu" and q["speaker"]["named"] is False


def test_title_and_apposition_before_name():
    [q] = run('"Kita berada di ambang penghentian dialog", kata Menlu AS, John Kerry, di Washington.')
    assert q["speaker"]["text"] == "John Kerry"


def test_speaker_linked_to_entity_and_surname_cluster():
    text = ('Zakaria Malahifji dari kelompok Fastaqim Union berbicara kepada wartawan.\n'
            '"Tanggapan kami terhadap AS sudah jelas", kata Malahifji.')
    qs = run(text, entities=[{"text": "Zakaria Malahifji", "type": "PER", "canonical": "Zakaria Malahifji", "id": "p1"}])
    direct = [q for q in qs if q["kind"] == "direct"][0]
    assert direct["speaker"]["canonical"] == "Zakaria Malahifji"


def test_verb_before_quote_kepada_bahwa():
    text = ('Tarif Al-Bayyoush, komandan Divisi Utara, mengatakan kepada media RFS bahwa '
            '"pertempuran ini membuka pengepungan terhadap warga sipil."')
    [q] = run(text)
    assert q["text"].startswith("pertempuran ini") and q["speaker"]["text"] == "Tarif Al-Bayyoush"
    assert q["cue"].startswith("mengatakan kepada media RFS bahwa")


def test_direct_words_inside_indirect_speech():
    text = ("Namun Iran belum memberikan tanggapan, dan ketua Observatorium Rami Abdel Rahman mengatakan kepada AFP "
            "bahwa rezim Suriah tampaknya telah \u201cditinggalkan oleh sekutu utamanya, Iran\u201d.")
    [q] = run(text, entities=[{"text": "Rami Abdel Rahman", "type": "PER", "canonical": "Rami Abdel Rahman"}])
    assert q["text"] == "ditinggalkan oleh sekutu utamanya, Iran"
    assert q["speaker"]["canonical"] == "Rami Abdel Rahman"


@pytest.mark.parametrize("text, speaker, content", [
    ("Menurut juru bicara Palang Merah Krista Armstrong, semua warga sipil telah dievakuasi.",
     "Krista Armstrong", "semua warga sipil telah dievakuasi"),
    ("Semua warga sipil telah dievakuasi dari kota itu, menurut Palang Merah.",
     "Palang Merah", "Semua warga sipil telah dievakuasi dari kota itu"),
    ("Presiden Suriah Bashar Assad mengatakan bahwa pembebasan Aleppo adalah kemenangan.",
     "Presiden Suriah Bashar Assad", "pembebasan Aleppo adalah kemenangan"),
    ("Namun, Zakaria Malahifji dari kelompok Fastaqim Union mengatakan oposisi tidak akan meninggalkan kota.",
     "Zakaria Malahifji", "oposisi tidak akan meninggalkan kota"),
])
def test_indirect_speech(text, speaker, content):
    qs = run(text, entities=[{"text": "Krista Armstrong", "type": "PER"}] if "Krista" in text else [])
    assert len(qs) == 1 and qs[0]["kind"] == "indirect"
    assert qs[0]["speaker"]["text"] == speaker and qs[0]["text"] == content


def test_pronoun_subject_takes_previous_speaker():
    text = ('"Kami tidak akan menyerah begitu saja", kata Malahifji.\n'
            'Namun, ia menegaskan bahwa oposisi setuju membuka jalur bantuan.')
    qs = run(text)
    assert qs[1]["kind"] == "indirect" and qs[1]["speaker"]["text"] == "Malahifji"


def test_scare_quotes_and_claims_are_no_quotes():
    assert run('AS menyebut tindakan Rusia sebagai "hadiah" untuk terorisme.') == []
    assert run("Militan dari HTS kini mengklaim Aleppo sebagai wilayah mereka.") == []
