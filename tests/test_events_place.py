"""The event's place: how the words before a place name read it, on hand-written Indonesian sentences."""
import os
import pathlib
import re
import subprocess
import sys

import pytest

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
    articles): 17 of 30 places right before these rules, 21 after; 29 of 36 with unlinked names, the
    nearest phrase and the finer place of a merge; the bar keeps a margin of one."""
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_event_places.py")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    line = p.stdout.strip().splitlines()[-1]
    right, found = map(int, re.search(r"\bright=(\d+)/(\d+)", line).groups())
    assert found >= 35 and right >= 28, line


def test_what_an_attack_hit_is_where_it_happened():
    # the bare object of an attack verb, and the owner of a target noun after it, are the place;
    # the attacker before the verb is not
    iran, israel = ("Iran", ("IR", "country")), ("Israel", ("IL", "country"))
    assert place("Israel menyerang Iran pada Senin (8/8).", israel, iran) == ["Iran"]
    assert place("Israel menyerang sejumlah kilang minyak Iran pada Senin (8/8).", israel, iran) == ["Iran"]
    assert place("Israel melancarkan serangan besar terhadap target militer dan sipil Iran pada Senin (8/8).",
                 israel, iran) == ["Iran"]
    # a name after "dari" or after a nationality word is still no target
    text = "Pasukan Rusia menyerang konvoi dari Belarus pada Senin (8/8)."
    ctx = events.Context(article(text))
    assert not events._target_object(ctx, text.index("menyerang"), text.index(" konvoi"),
                                     {"span": [text.index("Belarus"), text.index(" pada")]})


def test_an_exchange_between_two_sides_has_no_one_place():
    # "saling serang": each side hits the other's ground; an earlier sentence's city is neither's,
    # and the commenting state before it is no place either, but a place the sentence gives stands
    ents = [{"text": n, "type": "LOC", "canonical": n,
             "geo": {"lat": 1.0, "lon": 1.0, "country": c, "feature": f, "admin1": None if f == "country" else n}}
            for n, c, f in (("Lorestan", "IR", "province"), ("Jerman", "DE", "country"),
                            ("Iran", "IR", "country"), ("Israel", "IL", "country"), ("Rafah", "PS", "city"))]
    monday = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}
    text = ("Polisi menangkap lima orang di Lorestan. Kanselir Jerman mendukung Israel yang terlibat aksi "
            "saling serang dengan Iran sejak Senin (8/8).")
    rec = run(article(text, entities=ents[:4], timexes=[monday]))
    attacks = [ev for ev in rec["events"] + rec["statements"] if "serang" in ev["trigger"]["text"]]
    assert attacks and all(ev["place"] is None for ev in attacks)
    text = "Kedua kelompok bersenjata saling tembak di Rafah pada Senin (8/8)."
    rec = run(article(text, entities=ents[4:], timexes=[monday]))
    assert [ev["place"]["name"] for ev in rec["events"]] == ["Rafah"]


def test_a_later_sentence_inherits_where_things_are_not_whose_they_are():
    # "Pemerintah Indonesia … warga yang berada di Irak": the next sentence's bomb went off in Iraq
    ents = [{"text": n, "type": "LOC", "canonical": n,
             "geo": {"lat": 1.0, "lon": 1.0, "country": c, "feature": "country", "admin1": None}}
            for n, c in (("Indonesia", "ID"), ("Irak", "IQ"))]
    monday = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}
    text = ("Pemerintah Indonesia mendata warga yang berada di Irak. "
            "Sebuah bom bunuh diri menewaskan dua orang di dekat rumah mereka pada Senin (8/8).")
    rec = run(article(text, entities=ents, timexes=[monday]))
    assert [(ev["place"]["name"], ev["place"]["inherited"]) for ev in rec["events"]] == [("Irak", True)]


def test_a_named_example_of_a_place_reads_as_that_place():
    # "kota-kota di Ukraina, seperti Kharkiv": the city is where it hit, and the more specific
    text = "Rudal Rusia menghantam kota-kota di Ukraina, seperti Kharkiv, pada Senin (8/8)."
    assert place(text, ("Rusia", ("RU", "country")), ("Ukraina", ("UA", "country")), ("Kharkiv", ("UA", "city"))) \
        == ["Kharkiv"]
    ctx = events.Context(article(text))
    kharkiv = {"span": [text.index("Kharkiv"), text.index("Kharkiv") + 7]}
    assert events._place_reading(ctx, 0, kharkiv) == 1  # no place entity before it: nothing to read from


def test_people_taken_out_of_a_country_leave_from_there():
    # "mengevakuasi warganya dari Sudan": the evacuation happens in Sudan, not in the evacuating state;
    # "dari" before an attack still names where the attacker fired from
    text = "Pemerintah Jepang mengevakuasi warganya dari Sudan di tengah perang pada Senin (8/8)."
    assert place(text, ("Jepang", ("JP", "country")), ("Sudan", ("SD", "country"))) == ["Sudan"]
    text = "Pasukan menembakkan rudal dari Iran ke Haifa pada Senin (8/8)."
    assert place(text, ("Iran", ("IR", "country")), ("Haifa", ("IL", "city"))) == ["Haifa"]


@pytest.mark.slow
def test_places_of_the_indonews_conflict_sample(shared):
    """tests/data/event_places_indonews2025.tsv through scripts/eval_places_indonews.py (the real
    pipeline on hand-labelled events of the indonews-2025 conflict rows), on the rows of the labelled two
    thirds (47 rows of batches 1 and 2 are articles of the held-out third and are left out): the place of
    what the stage tells there, event or statement. Batch 1, 44 rows: 32 right before the rules of the
    list of things hit, both sides, the other side of an attack, datelines, towns of a country, leaving and
    passive verbs, 34 after; batch 2, 42 rows: 33, 35; batch 3, 65 rows (17 events, 48 statements): 32, 40.
    With the remote-strike typing and the recall rules beside them: 31, 33, 40 (mentions of two sides hitting
    each other are now strikes and merge into the strike a row's event is found as). With unlinked names (a
    strait by name), the nearest phrase, the finer place of a merge and answers placed by
    their own sentence: 33, 35, 42; with the non-event cues and the attack typing beside them: 32, 33, 42.
    With the explosion, actor and place rules of the explosions, actors and places sheets together: 32, 31, 42
    (three rows of explainers, an Iron Dome primer and a Qur'an story, are no longer told; a hospital hit is
    placed at the hospital where the row names its country; a comment is placed in Iran instead of the
    inherited Washington, both wrong). With the evacuation rules (where evacuees go is no place of the act; an
    evacuation told without a place is where the article says people are taken out of): 32, 31, 45. With the
    later rules of the stage: 32, 32, 44; with an attack placed where the words after it say beyond the
    trigger's reach ("menembakkan sejumlah roket … ke arah permukiman padat penduduk di Aleppo"): 32, 33, 44. The bars
    keep a margin of one."""
    if not (shared / "corpus" / "indonews-2025" / "conflict_index.tsv").exists():
        pytest.skip("indonews-2025 corpus not found")
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_places_indonews.py")],
                       capture_output=True, text=True, cwd=ROOT, timeout=600,
                       env={**os.environ, "PANTAU_SHARED": str(shared)})
    assert p.returncode == 0, p.stderr
    got = {b: tuple(map(int, m)) for b, *m in re.findall(r"batch (\d+): place right (\d+)/(\d+)", p.stdout)}
    assert got["1"][1] == 44 and got["1"][0] >= 31, p.stdout
    assert got["2"][1] == 42 and got["2"][0] >= 32, p.stdout
    assert got["3"][1] == 65 and got["3"][0] >= 44, p.stdout
    assert "47 rows are articles of the held-out third" in p.stdout


def test_what_a_targeting_verb_aims_at_is_the_place():
    # "…, menargetkan fasilitas nuklir dan infrastruktur penting militer Iran": the object of the aiming verb
    # owns the target, words away from the trigger and though "militer" before it reads it as an owner
    iran, israel = ("Iran", ("IR", "country")), ("Israel", ("IL", "country"))
    text = ("Israel melancarkan serangan udara besar-besaran pada Senin (8/8), menargetkan fasilitas nuklir "
            "dan infrastruktur penting militer Iran.")
    assert place(text, israel, iran) == ["Iran"]
    text = "Serangan udara Israel menyasar titik-titik vital dalam infrastruktur energi Iran pada Senin (8/8)."
    assert place(text, israel, iran) == ["Iran"]


def test_a_name_read_as_an_owner_or_origin_is_never_the_place():
    # "Rudal-rudal Teheran" (a reduplicated plural reads as "rudal Teheran"): the attacker's city, not
    # where the missiles hit; with no other place the event has none rather than the attacker's home
    text = "Rudal-rudal Teheran menghantam gedung apartemen dan fasilitas industri pada Senin (8/8)."
    ents = [{"text": "Teheran", "type": "LOC", "canonical": "Teheran",
             "geo": {"lat": 1.0, "lon": 1.0, "country": "IR", "feature": "city", "admin1": "Tehran"}}]
    rec = run(article(text, entities=ents, timexes=[{"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}]))
    # (the article's main place may still be inherited, marked so)
    assert rec["events"] and all(ev["place"] is None or ev["place"]["inherited"] for ev in rec["events"])
    text = "Pesawat nirawak dari Iran menyerang pangkalan militer pada Senin (8/8)."
    assert place(text, ("Iran", ("IR", "country"))) == []


def test_people_fleeing_a_place_were_there():
    # "mengungsi dari Teheran": whatever the trigger, the people left from where it happened
    text = "Ribuan orang mengungsi dari Teheran setelah jet tempur Israel mengebom kota tersebut pada Senin (8/8)."
    ents = [{"text": n, "type": "LOC", "canonical": n,
             "geo": {"lat": 1.0, "lon": 1.0, "country": c, "feature": f, "admin1": None if f == "country" else n}}
            for n, c, f in (("Teheran", "IR", "city"), ("Israel", "IL", "country"))]
    rec = run(article(text, entities=ents, timexes=[{"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}]))
    assert [(ev["place"]["name"], ev["place"]["inherited"]) for ev in rec["events"]] == [("Teheran", False)]


def test_a_place_ending_a_longer_name_is_no_place():
    # "Global March to Gaza" is a march's name, "Dome" of "Iron Dome" a weapon's: neither is where anything
    # happened, nor the place a later sentence inherits
    gaza = ("Gaza", ("PS", "city"))
    text = "Polisi menangkap puluhan peserta Global March to Gaza pada Senin (8/8)."
    assert place(text, gaza) == []
    text = "The Times of Israel melaporkan polisi menangkap dua orang pada Senin (8/8)."
    assert place(text, ("Israel", ("IL", "country"))) == []
    # the tagger read "Dome" alone in the second sentence; the first writes "Iron Dome" as one name
    text = "Iron Dome mencegat rudal. Sistem Iron Dome menembak jatuh drone pada Senin (8/8)."
    ents = [{"text": "Iron Dome", "type": "PER", "canonical": "Iron Dome"},
            {"text": "Dome", "type": "LOC", "canonical": "Dome", "after": 30,
             "geo": {"lat": 1.0, "lon": 1.0, "country": "US", "feature": "city", "admin1": "Dome"}}]
    assert events.Context(article(text, entities=ents)).places == []
    text = "Iron Dome mencegat rudal. Kota Dome diguncang ledakan pada Senin (8/8)."
    assert [p["text"] for p in events.Context(article(text, entities=ents)).places] == ["Dome"]


def test_indonesian_names_of_places_link_to_them():
    # pantau/data/kb/curated/places.tsv: "Kairo", "Pusat Medis Soroka", "Bandar Udara Kualanamu"
    from pantau import pipeline

    text = ("Para aktivis menggelar aksi damai di Kairo, Mesir, pada Senin (16/6/2025). Sebuah rudal menghantam "
            "Pusat Medis Soroka pada Kamis (19/6/2025). Penumpang dievakuasi di Bandar Udara Kualanamu.")
    rec = pipeline.analyze(pipeline.document_of(text=text, title="Aksi", url="http://x.test/a"))
    linked = {e["text"]: e.get("canonical") for e in rec["entities"]}
    assert linked["Kairo"] == "Cairo"
    assert linked["Pusat Medis Soroka"] == "Soroka Medical Center"
    assert linked["Bandar Udara Kualanamu"] == "Kualanamu International Airport"


def test_the_owner_closing_a_list_of_things_hit_is_the_place():
    # "serangan udara … terhadap situs-situs nuklir, ilmuwan nuklir, dan para pemimpin militer Iran": the
    # name that closes the list owns every target of it, though "militer" before it reads it as an owner
    # and it stands far from the trigger; a person hit counts as a target ("menyerang pemimpin tertinggi Iran")
    israel, iran = ("Israel", ("IL", "country")), ("Iran", ("IR", "country"))
    text = ("Israel melancarkan serangan udara pada Senin (8/8) terhadap situs-situs nuklir, ilmuwan nuklir, "
            "dan para pemimpin militer Iran.")
    assert place(text, israel, iran) == ["Iran"]
    text = "Israel menyerang pemimpin tertinggi Iran pada Senin (8/8)."
    assert place(text, israel, iran) == ["Iran"]
    # a list that is no object of the target word says nothing: "rudal, drone, dan jet tempur Iran" fired
    text = "Serangan pada Senin (8/8) dengan rudal, drone, dan jet tempur Iran menghantam Haifa."
    assert place(text, iran, ("Haifa", ("IL", "city"))) == ["Haifa"]


def test_an_act_told_of_both_sides_at_once_has_no_one_place():
    # "di kedua negara", "perang antara Iran dan Israel": each side on its own ground, so an earlier place
    # of the paragraph is one side's at best; a place the sentence reads as where it happened still counts
    iran, israel = ("Iran", ("IR", "country")), ("Israel", ("IL", "country"))
    haifa = ("Haifa", ("IL", "city"))
    text = ("Rudal menghantam kota Haifa pada Senin (8/8). Daerah permukiman di kedua negara telah mengalami "
            "serangan udara sejak Senin (8/8).")
    ents = [{"text": "Haifa", "type": "LOC", "canonical": "Haifa",
             "span": [text.index("Haifa"), text.index("Haifa") + 5],
             "geo": {"lat": 1.0, "lon": 1.0, "country": "IL", "feature": "city", "admin1": "Haifa"}}]
    monday = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}
    rec = run(article(text, entities=ents, timexes=[monday]))
    got = {ev["evidence"]["text"][:6]: (ev.get("place") or {}).get("name") for ev in rec["events"] + rec["statements"]}
    assert got.get("Rudal ") == "Haifa" and got.get("Daerah", "absent") is None, got
    ctx = events.Context(article(text))
    ctx.sentences = [(0, text.index(" Daerah")), (text.index("Daerah"), len(text))]
    assert events._reciprocal(ctx, text.index("Daerah"), text.index("serangan udara"))
    assert not events._reciprocal(ctx, 0, text.index("menghantam"))
    text = "Pertempuran antara Iran dan Israel pada Senin (8/8) menewaskan 20 orang."
    ents = [{"text": n, "type": "LOC", "canonical": n, "span": [text.index(n), text.index(n) + len(n)],
             "geo": {"lat": 1.0, "lon": 1.0, "country": c, "feature": "country"}} for n, (c, _) in (iran, israel)]
    ctx = events.Context(article(text, entities=ents))
    ctx.sentences = [(0, len(text))]
    assert events._reciprocal(ctx, 0, 0)
    text = "Israel mengebom kota Haifa pada Senin (8/8) ketika kedua negara berperang."
    assert place(text, israel, haifa) == ["Haifa"]



def test_no_both_sides_words_means_no_act_is_told_of_both_sides(monkeypatch):
    # a data file without the both_sides role must not make every sentence "both sides" (an empty
    # alternation matches everywhere)
    table = {k: v for k, v in events.connectives().items() if k != "both_sides"}
    monkeypatch.setattr(events, "connectives", lambda: table)
    events._both_sides_re.cache_clear()
    try:
        text = "Rudal menghantam kota Haifa pada Senin (8/8)."
        ctx = events.Context(article(text))
        ctx.sentences = [(0, len(text))]
        assert events._both_sides_re() is None
        assert not events._reciprocal(ctx, 0, text.index("menghantam"))
    finally:
        events._both_sides_re.cache_clear()

def test_an_attack_from_one_country_went_to_the_other_the_sentence_names():
    # "Serangan rudal Iran … menewaskan tiga warga Israel": the attacker's country is read as an owner ("rudal
    # Iran"), so the one other country named is where the attack went, though it is an actor of the sentence
    iran, israel = ("Iran", ("IR", "country")), ("Israel", ("IL", "country"))
    text = "Serangan rudal Iran pada Senin (8/8) menewaskan tiga warga Israel."
    assert place(text, iran, israel) == ["Israel"]
    text = "Otoritas Israel mengatakan 24 orang tewas dalam serangan rudal Iran pada Senin (8/8)."
    assert place(text, israel, iran) == ["Israel"]
    # a country that condemns it, or a second other country, says nothing of where it went
    us = ("AS", ("US", "country"))
    for text, ents in (("AS mengecam serangan rudal Iran pada Senin (8/8).", (us, iran)),
                       ("Serangan rudal Iran pada Senin (8/8) dibahas Israel dan AS.", (iran, israel, us))):
        ctx = events.Context(article(text))
        spans = {n: {"text": n, "span": [text.index(n), text.index(n) + len(n)],
                     "geo": {"lat": 1.0, "lon": 1.0, "country": c, "feature": f}} for n, (c, f) in ents}
        ctx.places = list(spans.values())
        reading = lambda p: events._place_reading(ctx, 0, p)  # noqa: E731
        assert events._other_side(ctx, 0, len(text), reading) is None


def test_datelines_are_no_places_and_the_headline_is_no_dateline():
    # the headline before "Liputan6.com, Tel Aviv -" is read like any sentence; a paragraph that opens with a
    # dateline (a scrape repeating the story after an embed) files the story from that city, nothing more
    def geo(c, f):
        return {"lat": 1.0, "lon": 1.0, "country": c, "feature": f, "admin1": None if f == "country" else "X"}

    text = ("Israel Perintahkan Evakuasi Zona Industri di Iran\n\nLiputan6.com, Tel Aviv - Militer Israel pada "
            "Senin (8/8) memerintahkan evakuasi.\nLoading...\nREPUBLIKA.CO.ID, TEHERAN - Pasukan bentrok hari itu.")
    ents = [{"text": "Israel", "type": "LOC", "canonical": "Israel", "geo": geo("IL", "country")},
            {"text": "Iran", "type": "LOC", "canonical": "Iran", "geo": geo("IR", "country")},
            {"text": "Tel Aviv", "type": "LOC", "canonical": "Tel Aviv", "geo": geo("IL", "city")},
            {"text": "TEHERAN", "type": "LOC", "canonical": "Tehran", "geo": geo("IR", "city")}]
    ctx = events.Context(article(text, entities=ents, body_start=text.index("Liputan6")))
    assert [p["text"] for p in ctx.places] == ["Israel", "Iran"]
    assert ctx.in_dateline({"span": [text.index("TEHERAN"), text.index("TEHERAN") + 7]})


def test_a_country_is_narrowed_to_a_town_of_it_the_clause_names():
    # "serangan terhadap target strategis di Iran dan target pemerintah di ibu kota negara itu, Teheran": the
    # most specific place said; not a town of another clause ("…, yang mendorong Teheran untuk membalas")
    iran, tehran = ("Iran", ("IR", "country")), ("Teheran", ("IR", "city"))
    text = ("Jet tempur Israel mengebom target militer di Iran dan gedung pemerintah di ibu kota negara itu, "
            "Teheran, pada Senin (8/8).")
    assert place(text, iran, tehran) == ["Teheran"]
    text = "Israel mengebom target militer di Iran pada Senin (8/8), yang mendorong Teheran untuk membalas."
    assert place(text, iran, tehran) == ["Iran"]


def test_a_later_sentence_inherits_where_people_are_taken_out_of():
    # "evakuasi warga negara Indonesia (WNI) dari Iran": the evacuation happens in Iran, so a later sentence
    # of the paragraph that says nothing of where ("… siap menunggu perintah untuk evakuasi") inherits Iran,
    # not Indonesia, whose citizens they are
    text = ("TNI AU menyiapkan pesawat untuk membantu evakuasi warga negara Indonesia (WNI) dari Iran pada Senin (8/8). "
            "TNI AU siap menunggu perintah untuk evakuasi jalur udara.")
    ents = [{"text": n, "type": "LOC", "canonical": n, "span": [text.index(n), text.index(n) + len(n)],
             "geo": {"lat": 1.0, "lon": 1.0, "country": c, "feature": "country"}}
            for n, c in (("Indonesia", "ID"), ("Iran", "IR"))]
    ctx = events.Context(article(text, entities=ents))
    assert events._inheritable(ctx, 0, ctx.places)["text"] == "Iran"
    text2 = "Pemerintah Indonesia mengecam rudal dari Iran."  # no leaving: the owner and the origin, as before
    ents2 = [{**e, "span": [text2.index(e["text"]), text2.index(e["text"]) + len(e["text"])]} for e in ents]
    ctx = events.Context(article(text2, entities=ents2))
    assert events._inheritable(ctx, 0, ctx.places)["text"] == "Indonesia"


def test_the_name_before_a_passive_attack_verb_is_what_was_hit():
    # "selama Iran diserang": Iran was hit, though it is also an acting state of the sentence; after the
    # passive verb the name is the attacker ("diserang Israel"), not the place
    iran, israel = ("Iran", ("IR", "country")), ("Israel", ("IL", "country"))
    text = "Kami akan membalas selama Iran terus diserang pada Senin (8/8)."
    ctx = events.Context(article(text))
    p = {"span": [text.index("Iran"), text.index("Iran") + 4]}
    ts = text.index("diserang")
    assert events._passive_subject(ctx, ts, ts + 8, p)
    text = "Kota itu diserang Israel pada Senin (8/8)."
    ctx = events.Context(article(text))
    ts = text.index("diserang")
    assert not events._passive_subject(ctx, ts, ts + 8, {"span": [text.index("Israel"), text.index("Israel") + 6]})
    text = "Selama Iran diserang Israel pada Senin (8/8), kami membalas."
    assert place(text, israel, iran) == ["Iran"]


def _ent(name, country=None, feature=None, typ="LOC"):
    """A tagged name: linked (a point, its country and feature) or, with no feature, one the KB lacks."""
    geo = None if feature is None else {"lat": 1.0, "lon": 1.0, "country": country, "feature": feature,
                                        "admin1": None if feature == "country" else name}
    return {"text": name, "type": typ, "canonical": name, "geo": geo, "id": None if geo is None else "place:t:" + name}


def _places(text, *ents):
    monday = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}
    rec = run(article(text, entities=list(ents), timexes=[monday] if "Senin (8/8)" in text else []))
    return [ev["place"] for ev in rec["events"]]


def test_a_place_the_gazetteer_lacks_is_the_place_by_its_words_over_a_province():
    text = "Pasukan rezim terlibat baku tembak dengan oposisi di Kampung Cabang Empat, Papua, pada Senin (8/8)."
    [p] = _places(text, _ent("Kampung Cabang Empat"), _ent("Papua", "ID", "admin1"))
    assert (p["name"], p["lat"], p["lon"], p["geo_precision"]) == ("Kampung Cabang Empat", None, None, 3)
    assert p["within"]["name"] == "Papua" and p["country"] == "ID" and text[slice(*p["span"])] == p["text"]
    # a linked town keeps its point: it is the better place to code
    text = "Pasukan rezim terlibat baku tembak dengan oposisi di Kampung Cabang Empat, Wamena, pada Senin (8/8)."
    assert [p["name"] for p in _places(text, _ent("Kampung Cabang Empat"), _ent("Wamena", "ID", "city"))] == ["Wamena"]


def test_a_name_after_di_is_a_place_whatever_the_tagger_called_it():
    text = "Gerilyawan melancarkan serangan kimia di Khan Sheikhoun, Suriah, pada Senin (8/8)."
    [p] = _places(text, _ent("Khan Sheikhoun", typ="PER"), _ent("Suriah", "SY", "country"))
    assert (p["name"], p["within"]["name"], p["country"]) == ("Khan Sheikhoun", "Suriah", "SY")
    # whom something went to, a mayor, where someone posts: no place
    for text, name, typ in (("Surat itu dikirim ke Joko Widodo pada Senin (8/8).", "Joko Widodo", "PER"),
                            ("Wali Kota Andrew Willcox mengecam serangan itu.", "Andrew Willcox", "PER"),
                            ("Video serangan itu diunggah di Twitter.", "Twitter", "ORG")):
        assert events.Context(article(text, entities=[_ent(name, typ=typ)])).named == [], text
    text = "Pemberontak menyerang pos militer di kota Deraa."
    assert [p["text"] for p in events.Context(article(text, entities=[_ent("Deraa", typ="PER")])).named] == ["Deraa"]


def test_a_sea_the_kb_holds_as_an_area_is_the_place_by_its_name():
    sea = {"text": "Selat Hormuz", "type": "LOC", "canonical": "Strait of Hormuz", "id": "place:sea:strait-of-hormuz",
           "geo": {"lat": None, "lon": None, "country": None, "feature": "region", "precision": "area"}}
    [p] = _places("Kapal tanker diserang rudal di Selat Hormuz pada Senin (8/8).", sea)
    assert (p["name"], p["text"], p["lat"]) == ("Strait of Hormuz", "Selat Hormuz", None)
    region = dict(sea, text="Timur Tengah", canonical="Middle East", id="place:region:middle-east")
    assert events.Context(article("Kapal tanker diserang rudal di Timur Tengah.", entities=[region])).named == []


def test_the_place_nearest_the_act_wins_over_a_finer_one_of_another_phrase():
    text = ("Massa melakukan penyerangan gereja di Sleman Yogyakarta dan persekusi pada seorang biksu di Tangerang "
            "pada Senin (8/8).")
    assert [p["name"] for p in _places(text, _ent("Yogyakarta", "ID", "admin1"), _ent("Tangerang", "ID", "city"))] \
        == ["Yogyakarta"]


def test_one_event_told_twice_keeps_the_finer_of_its_places():
    text = ("Gerilyawan melancarkan serangan kimia di Suriah pada Senin (8/8). "
            "Gerilyawan melancarkan serangan kimia di kota Idlib pada Senin (8/8).")
    assert [p["name"] for p in _places(text, _ent("Suriah", "SY", "country"), _ent("Idlib", "SY", "city"))] \
        == ["Idlib"]


def test_an_export_codes_a_place_the_gazetteer_lacks_at_the_place_it_is_in():
    from pantau import export

    place = {"name": "Kampung Cabang Empat", "lat": None, "lon": None, "rank": 3.5, "geo_precision": 2,
             "within": {"name": "Wamena", "lat": -4.1, "lon": 138.9, "rank": 3}}
    assert export.geo_precision(place) == 2 and export._point(place) == (-4.1, 138.9)
    assert export._point({"lat": 1.0, "lon": 2.0}) == (1.0, 2.0)


def test_an_answer_goes_where_its_sentence_says_before_where_the_attack_came_from():
    text = ("Israel melancarkan serangan udara ke Iran pada Senin (8/8). "
            "Sebagai balasan, Iran menembakkan serangan rudal ke arah Israel pada Senin (8/8).")
    second = text.index("Sebagai")
    ents = [_ent("Israel", "IL", "country"), _ent("Iran", "IR", "country"),
            dict(_ent("Iran", "IR", "country"), after=second), dict(_ent("Israel", "IL", "country"), after=second)]
    assert [p["name"] for p in _places(text, *ents)] == ["Iran", "Israel"]


def test_where_a_speaker_spoke_after_the_act_is_not_its_place():
    text = "Pasukan rezim terlibat baku tembak dengan oposisi, kata juru bicara di Damaskus, Senin (8/8)."
    [p] = _places(text, _ent("Damaskus", "SY", "city"))
    assert p is None or p["inherited"]


def test_the_finer_place_of_a_merge_does_not_change_what_else_merges():
    # the country let the three reports merge before the town was told; the town is told, the merging stays
    text = ("Gerilyawan melancarkan serangan kimia di Suriah pada Senin (8/8). "
            "Gerilyawan melancarkan serangan kimia di kota Idlib pada Senin (8/8). "
            "Gerilyawan melancarkan serangan kimia di kota Aleppo pada Senin (8/8).")
    idlib, aleppo = _ent("Idlib", "SY", "city"), _ent("Aleppo", "SY", "city")
    idlib["geo"].update(lat=35.93, lon=36.63)
    aleppo["geo"].update(lat=36.2, lon=37.16)
    assert [p["name"] for p in _places(text, _ent("Suriah", "SY", "country"), idlib, aleppo)] == ["Idlib"]


def test_a_country_that_speaks_of_its_own_act_is_not_its_place():
    # "Israel mengatakan bahwa serangan udaranya …": the speaker's country attacked; the other one was hit
    text = ("Israel mengatakan bahwa serangan udara mendadaknya pada Senin (8/8) ditujukan untuk mencegah Iran "
            "memperoleh senjata nuklir.")
    [p] = _places(text, _ent("Israel", "IL", "country"), _ent("Iran", "IR", "country"))
    assert p is None or p["name"] != "Israel"
    # a speaker that names another country's attack speaks of an act on its own ground
    text = "Otoritas Israel mengatakan 24 orang tewas dalam serangan rudal Iran pada Senin (8/8)."
    assert [p["name"] for p in _places(text, _ent("Israel", "IL", "country"), _ent("Iran", "IR", "country"))] \
        == ["Israel"]


def test_the_articles_place_is_not_a_name_read_as_whose_something_is():
    # "kelompok Ambon" twice is a group's origin, not where the story is: the attacked house is in Jakarta
    text = ("Ratusan anggota kelompok Ambon menyerang rumah Ketua FPI di Jakarta pada Senin (8/8).\n"
            "Warga menuturkan bahwa kericuhan tersebut diawali kedatangan kelompok Ambon pada Senin (8/8).")
    second = text.index("Warga")
    ents = [_ent("Ambon", "ID", "city"), _ent("Jakarta", "ID", "city"), dict(_ent("Ambon", "ID", "city"), after=second)]
    places = _places(text, *ents)
    assert [p["name"] for p in places] == ["Jakarta", "Jakarta"] and places[1]["inherited"]


def test_an_article_naming_no_finer_place_codes_its_act_to_its_country():
    # the villages are no KB places and no town is named: the act is in the country the article is about,
    # not in the backer's ("didukung Iran"), and marked inherited
    text = ("Pasukan rezim yang didukung Iran bergerak ke tenggara Suriah.\n"
            "Serangan udara dilakukan di delapan desa gurun pada Senin (8/8).")
    [p] = _places(text, _ent("Iran", "IR", "country"), _ent("Suriah", "SY", "country"))
    assert (p["name"], p["inherited"]) == ("Suriah", True)


def test_a_town_of_the_province_told_in_the_paragraph_outranks_the_province():
    def geo(name, feature, admin1, lat, lon):
        return {"text": name, "type": "LOC", "canonical": name, "id": "place:t:" + name,
                "geo": {"lat": lat, "lon": lon, "country": "ID", "feature": feature, "admin1": admin1}}

    jabar = geo("Jawa Barat", "admin1", "West Java", -6.91, 107.61)
    bogor = geo("Bogor", "city", "30", -6.59, 106.79)  # a GeoNames code: the same division as "West Java"
    text = "Ratusan warga berunjuk rasa di Jawa Barat pada Senin (8/8). Mereka berkumpul di Bogor sejak pagi."
    assert [p["name"] for p in _places(text, jabar, bogor)] == ["Bogor"]
    # a town of another province stays out
    medan = geo("Medan", "city", "26", 3.58, 98.67)
    text = "Ratusan warga berunjuk rasa di Jawa Barat pada Senin (8/8). Mereka berkumpul di Medan sejak pagi."
    assert [p["name"] for p in _places(text, jabar, medan)] == ["Jawa Barat"]
    assert not events._in_province(medan, jabar) and events._in_province(bogor, jabar)


def told_places(text, *entities):
    """The place name (and whether inherited) of every event and statement the stage tells."""
    ents = []
    for name, (country, feature) in entities:
        for i in (m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)):
            ents.append({"text": name, "type": "LOC", "canonical": name, "span": [i, i + len(name)],
                         "geo": {"lat": 1.0, "lon": 1.0, "country": country, "feature": feature,
                                 "admin1": None if feature == "country" else name}})
    monday = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}
    rec = {**article(text, timexes=[monday] if "Senin (8/8)" in text else []), "entities": ents}
    out = run(rec)
    return [(ev["trigger"]["text"], (ev.get("place") or {}).get("name"), (ev.get("place") or {}).get("inherited"))
            for ev in out["events"] + out["statements"]]


def test_where_evacuees_are_taken_is_not_where_the_evacuation_happens():
    # "evakuasi … menuju Baku, Azerbaijan": Baku is where they go; the act is where they are taken out of,
    # here the place its paragraph says they are stuck in
    iran, baku, azer = ("Iran", ("IR", "country")), ("Baku", ("AZ", "city")), ("Azerbaijan", ("AZ", "country"))
    text = ("Di tengah perang, ratusan WNI terjebak di Iran. "
            "Pemerintah mengevakuasi 30 WNI menuju Baku, Azerbaijan pada Senin (8/8).")
    got = [p for t, p, _ in told_places(text, iran, baku, azer) if t.lower().endswith("evakuasi")]
    assert got == ["Iran"]
    # only a trigger of leaving: a missile fired toward a town went there
    text = "Iran menembakkan rudal menuju Haifa pada Senin (8/8)."
    assert place(text, ("Iran", ("IR", "country")), ("Haifa", ("IL", "city"))) == ["Haifa"]


def test_an_evacuation_told_without_a_place_is_where_the_article_says_people_are_taken_out_of():
    # "evakuasi warga negara Indonesia (WNI) dari Iran dan Israel", then in another paragraph "misi evakuasi
    # tersebut" with no place: Iran (the list's head), not Jakarta, the article's main place, where the
    # aircraft wait
    iran, israel, jakarta = ("Iran", ("IR", "country")), ("Israel", ("IL", "country")), ("Jakarta", ("ID", "city"))
    text = ("Di tengah perang, pemerintah menyiapkan evakuasi warga negara Indonesia (WNI) dari Iran dan Israel.\n"
            "TNI AU menjalankan misi evakuasi tersebut pada Senin (8/8). Pesawat itu berangkat dari Jakarta. "
            "Kru pesawat disiagakan di Jakarta.")
    told = told_places(text, iran, israel, jakarta)
    assert [p for _, p, inherited in told if inherited] == ["Iran"] and ("evakuasi", "Iran", False) in told
    ctx = events.Context(article(text))
    assert events._place_left(ctx, len(text)) is None  # no linked place in this record: nothing left from
    # a main place inside the country left is the finer place said: it stays
    tehran = ("Teheran", ("IR", "city"))
    text = ("Di tengah perang, pemerintah menyiapkan evakuasi WNI dari Iran.\n"
            "TNI AU menjalankan misi evakuasi tersebut pada Senin (8/8). Warga berkumpul di Teheran. "
            "Kedutaan di Teheran membuka posko.")
    assert [p for _, p, inherited in told_places(text, iran, tehran) if inherited] == ["Teheran"]


def test_where_people_come_from_is_not_where_the_act_happened():
    # "pendukung asal Bandung": where the supporters come from, whose they are; the clash is with the people of
    # the town it happened in
    bandung, sleman = ("Bandung", ("ID", "city")), ("Sleman", ("ID", "admin2"))
    text = "Ratusan pendukung asal Bandung bentrok dengan warga Sleman pada Senin (8/8)."
    assert place(text, bandung, sleman) == ["Sleman"]
    text = "Massa asal Bandung membakar kantor polisi pada Senin (8/8)."
    assert [p for _, p, _ in told_places(text, bandung)] == [None]
    p = {"span": [text.index("Bandung"), text.index("Bandung") + 7]}
    assert events._place_reading(events.Context(article(text)), 0, p) == 0


def _at(name, lat, lon, feature):
    """A linked Indonesian place at a point of its own."""
    return {**_ent(name, "ID", feature), "geo": {"lat": lat, "lon": lon, "country": "ID", "feature": feature, "admin1": "Riau"}}


def test_a_village_the_gazetteer_lacks_is_the_place_over_its_regency_not_over_a_town():
    # a regency is an area: the village its address names is where it happened, within the regency
    text = "Pasukan rezim terlibat baku tembak dengan oposisi di Desa Sukamaju, Kabupaten Kampar, pada Senin (8/8)."
    [p] = _places(text, _ent("Desa Sukamaju"), _at("Kabupaten Kampar", 0.33, 101.15, "admin2"))
    assert (p["name"], p["lat"], p["within"]["name"], p["country"]) == ("Desa Sukamaju", None, "Kabupaten Kampar", "ID")
    # a linked town keeps its point
    text = "Pasukan rezim terlibat baku tembak dengan oposisi di Desa Sukamaju, Pekanbaru, pada Senin (8/8)."
    assert [p["name"] for p in _places(text, _ent("Desa Sukamaju"), _at("Pekanbaru", 0.53, 101.45, "city"))] \
        == ["Pekanbaru"]


def test_a_place_with_no_point_merges_only_with_acts_near_the_place_it_was_found_in():
    kampar, jambi = _at("Kabupaten Kampar", 0.33, 101.15, "admin2"), _at("Jambi", -1.6, 103.61, "city")
    text = ("Pasukan rezim terlibat baku tembak dengan oposisi di Desa Sukamaju, Kabupaten Kampar, pada Senin (8/8). "
            "Pasukan rezim juga terlibat baku tembak dengan oposisi di Jambi pada Senin (8/8).")
    assert sorted(p["name"] for p in _places(text, _ent("Desa Sukamaju"), kampar, jambi)) == ["Desa Sukamaju", "Jambi"]
    near = _at("Bangkinang", 0.35, 101.03, "city")  # the regency's seat: the same act told again
    text = text.replace("di Jambi", "di Bangkinang")
    assert [p["name"] for p in _places(text, _ent("Desa Sukamaju"), kampar, near)] == ["Desa Sukamaju"]


def test_an_attack_goes_where_the_words_after_it_say_beyond_the_triggers_reach():
    damascus, aleppo = _ent("Damaskus", "SY", "city"), _ent("Aleppo", "SY", "city")
    far = ("Pemberontak menembakkan sejumlah roket buatan sendiri yang diangkut dengan truk bak terbuka ke arah "
           "permukiman padat penduduk di Aleppo pada Senin (8/8).")
    # the place of the sentence before in the paragraph is no place of this act
    [p] = _places("Pemerintah menggelar rapat kabinet di Damaskus. " + far, damascus, aleppo)
    assert (p["name"], p["inherited"]) == ("Aleppo", False)
    # a place after a contrast or a verb of saying is another clause's
    for tail in (", sementara warga di Aleppo mengungsi pada Senin (8/8).", ", kata seorang warga di Aleppo pada Senin (8/8)."):
        text = ("Pemerintah menggelar rapat kabinet di Damaskus. Pemberontak menembakkan sejumlah roket buatan sendiri "
                "yang diangkut dengan truk bak terbuka ke arah permukiman padat penduduk" + tail)
        assert [(p["name"], p["inherited"]) for p in _places(text, damascus, aleppo)] == [("Damaskus", True)], tail
