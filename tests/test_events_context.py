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
