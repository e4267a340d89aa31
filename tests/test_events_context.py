"""Sub-types that need conflict context (data/events/context.tsv): the same trigger word in
disaster or business news is no conflict event."""
from pantau.stages import events


def record(text):
    return {"id": "c", "text": text, "body_start": 0, "sentences": [], "entities": [], "timexes": [],
            "numbers": [], "quotes": [], "credited_sources": [], "outlet": {"name": None},
            "published": {"date": "2025-06-20", "earliest": "2025-06-20", "latest": "2025-06-20"}}


def types(text):
    return [(e["event_type"], e["sub_event_type"]) for e in events.run(record(text))["events"]]


def test_evacuation_needs_conflict_context():
    assert types("Petugas mengevakuasi material longsoran yang menutup rel kereta.") == []
    assert types("Tim SAR telah mengevakuasi seluruh korban kecelakaan bus.") == []  # veto
    assert types("Tim medis mengevakuasi ibu yang melahirkan ke rumah sakit terdekat.") == []  # no context
    war = "Pemerintah mengevakuasi warga dari Teheran di tengah serangan rudal Israel."
    assert ("Strategic developments", "Other") in types(war)


def test_agreement_needs_conflict_actors_or_words():
    assert types("Kedua artis itu mencapai kesepakatan soal hak asuh anak.") == []
    assert ("Strategic developments", "Agreement") in types(
        "Pemerintah dan kelompok pemberontak mencapai kesepakatan gencatan senjata di Mindanao.")


def test_arrests_of_alleged_spies_are_political():
    assert ("Strategic developments", "Arrests") in types(
        "Aparat keamanan Iran menangkap lima orang yang diduga menjadi mata-mata Israel.")
    assert types("Polisi menangkap lima orang yang diduga mencuri sepeda motor.") == []


def test_a_headline_attack_and_the_same_attack_told_with_its_means_are_one_event():
    from pantau.pipeline import analyze
    title = "Israel Serang Puluhan Target di Iran"
    text = (title + "\n\nMiliter Israel mengatakan jet tempurnya menyerang puluhan target militer di Teheran "
            "pada Jumat (20/6/2025).")
    rec = analyze({"title": title, "text": text, "published": "2025-06-20"})
    got = [(e["event_type"], e["sub_event_type"], e["place"]["name"]) for e in rec["events"]]
    assert got == [("Explosions/Remote violence", "Air/drone strike", "Tehran")]
    (ev,) = rec["events"]
    assert ev["actor1"]["canonical"].startswith("Military Forces of Israel")
    assert any(x["text"] == title for x in ev["also_evidence"]) or ev["evidence"]["text"] == title
    # two attacks told in the body stay two events: only a headline attack is typed by the body's
    # (Israel and Gaza share a border: troops attacking a post there fight on the ground, a battle)
    body = ("Jet tempur Israel menyerang gudang senjata di Gaza pada Jumat (20/6/2025). Pasukan Israel juga "
            "menyerang pos militer Hamas di Gaza pada Jumat (20/6/2025).")
    rec = analyze({"text": body, "published": "2025-06-20"})
    assert len({e["event_type"] for e in rec["events"]}) == 2
