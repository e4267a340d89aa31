"""The event's place: how the words before a place name read it, on hand-written Indonesian sentences."""
import pathlib
import re
import subprocess
import sys

from pantau.stages import events

from test_events import article, run

ROOT = pathlib.Path(__file__).resolve().parents[1]


def place(text, *entities):
    ents = []
    for name, (country, feature) in entities:
        ents.append({"text": name, "type": "LOC", "canonical": name,
                     "geo": {"lat": 1.0, "lon": 1.0, "country": country, "feature": feature,
                             "admin1": None if feature == "country" else name}})
    monday = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}
    rec = run(article(text, entities=ents, timexes=[monday] if "Senin (8/8)" in text else []))
    return [ev["place"]["name"] for ev in rec["events"]]


def test_a_name_further_down_an_address_reads_as_the_address_head():
    # "Kabupaten" belongs to the name before "Jawa Barat": it does not make the province the place
    text = "Pasukan rezim terlibat baku tembak dengan oposisi di Pasar Muara Bakti, Kabupaten Bekasi, Jawa Barat."
    assert place(text, ("Kabupaten Bekasi", ("ID", "admin2")), ("Jawa Barat", ("ID", "province"))) \
        == ["Kabupaten Bekasi"]
    p = {"text": "Jawa Barat", "span": [text.index("Jawa Barat"), len(text) - 1]}
    assert events._place_reading(events.Context(article(text)), 0, p) == 2


def test_a_target_word_reads_only_the_name_right_after_it():
    # "atas permintaan Rusia": a request, no attack on Russia ("serangan atas Teheran" is one)
    text = "Pesawat tempur mengebom Hama atas permintaan Rusia pada Senin (8/8)."
    assert place(text, ("Hama", ("SY", "city")), ("Rusia", ("RU", "country"))) == ["Hama"]
    text = "Pesawat tempur melancarkan serangan atas Teheran pada Senin (8/8)."
    ctx = events.Context(article(text))
    assert events._place_reading(ctx, 0, {"span": [text.index("Teheran"), text.index(" pada")]}) == 2


def test_a_group_or_a_backer_named_after_a_place_is_no_place():
    text = "Ratusan anggota kelompok Ambon menyerang rumah Ketua FPI DKI Jakarta pada Senin (8/8)."
    assert place(text, ("Ambon", ("ID", "city")), ("DKI Jakarta", ("ID", "province"))) == ["DKI Jakarta"]
    text = "Gerilyawan yang didukung Prancis, Inggris dan Turki melancarkan serangan kimia."
    ctx = events.Context(article(text))
    for name in ("Prancis", "Inggris", "Turki"):  # a backer, and so is every name of the list
        assert events._place_reading(ctx, 0, {"span": [text.index(name), text.index(name) + len(name)]}) == 0


def test_police_act_where_they_are_the_police():
    text = "Kepolisian Prancis menangkap mantan perdana menteri Kosovo atas permintaan Serbia pada Senin (8/8)."
    assert place(text, ("Prancis", ("FR", "country")), ("Kosovo", ("XK", "country")),
                 ("Serbia", ("RS", "country"))) == ["Prancis"]


def test_labelled_places_of_the_training_articles():
    """training/events labels through scripts/eval_event_places.py (the real pipeline on the IndoSum
    articles): 17 of 30 places right before these rules, 21 after; the bar keeps a margin of one."""
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_event_places.py")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    line = p.stdout.strip().splitlines()[-1]
    right, found = map(int, re.search(r"\bright=(\d+)/(\d+)", line).groups())
    assert found >= 28 and right >= 20, line
