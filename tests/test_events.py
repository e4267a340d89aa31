"""Events stage: trigger families, modality, arguments, merging — on hand-written Indonesian sentences."""
import pytest

from pantau.stages import events
from pantau.record import bad_spans


def article(text, entities=(), timexes=(), numbers=(), published=None, quotes=(), **extra):
    """A record as the earlier stages leave it (entities/timexes written by hand at their spans)."""
    def spanned(items):
        out = []
        for item in items:
            item = dict(item)
            start = text.index(item["text"], item.pop("after", 0))
            item["span"] = [start, start + len(item["text"])]
            out.append(item)
        return out
    rec = {"id": "t", "text": text, "body_start": 0, "sentences": [], "entities": spanned(entities),
           "timexes": spanned(timexes), "numbers": spanned(numbers), "quotes": list(quotes),
           "published": published or {"date": "2016-08-09", "earliest": "2016-08-08", "latest": "2016-08-09"},
           "credited_sources": [], "outlet": {"name": "contoh.com"}}
    rec.update(extra)
    return rec


ALEPPO = {"text": "Aleppo", "type": "LOC", "canonical": "Aleppo",
          "geo": {"lat": 36.2, "lon": 37.16, "country": "SY", "admin1": "Aleppo", "feature": "city"}}
RAMOUSEH = {"text": "Ramouseh", "type": "LOC", "canonical": "Ramouseh",
            "geo": {"lat": 36.157, "lon": 37.129, "country": "SY", "admin1": "Aleppo", "feature": "neighbourhood"}}
HAMA = {"text": "Hama", "type": "LOC", "canonical": "Hama",
        "geo": {"lat": 35.13, "lon": 36.75, "country": "SY", "admin1": "Hama", "feature": "city"}}


def run(rec):
    out = events.run(rec)
    assert bad_spans(out) == []
    for ev in out["events"] + out["statements"]:
        s, e = ev["evidence"]["span"]
        assert out["text"][s:e] == ev["evidence"]["text"]
        for extra in ev.get("also_evidence", []):
            assert out["text"][extra["span"][0]:extra["span"][1]] == extra["text"]
    return out


def types(rec):
    return [(e["event_type"], e["sub_event_type"]) for e in rec["events"]]


@pytest.mark.parametrize("sentence, expected", [
    ("Pasukan rezim merebut Aleppo pada Sabtu (6/8).", ("Battles", "Government regains territory")),
    ("Mujahidin berhasil menguasai Aleppo pada Sabtu (6/8).", ("Battles", "Non-state actor overtakes territory")),
    ("Akademi militer di Ramouseh jatuh ke tangan pemberontak pada Sabtu (6/8).",
     ("Battles", "Non-state actor overtakes territory")),
    ("Pasukan rezim terlibat baku tembak dengan oposisi di Aleppo.", ("Battles", "Armed clash")),
    ("Pesawat tempur Rusia mengebom pasar di Aleppo.", ("Explosions/Remote violence", "Air/drone strike")),
    ("Pasukan rezim menembakkan mortir ke Aleppo.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Seorang pelaku bom bunuh diri meledakkan diri di Aleppo.", ("Explosions/Remote violence", "Suicide bomb")),
    ("Milisi melakukan pembantaian terhadap warga sipil di Aleppo.", ("Violence against civilians", "Attack")),
    ("Kelompok bersenjata melakukan penculikan terhadap dua warga di Aleppo.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Ribuan mahasiswa menggelar unjuk rasa di Aleppo.", ("Protests", "Peaceful protest")),
    ("Kerusuhan pecah di Aleppo setelah salat Jumat.", ("Riots", "Violent demonstration")),
    ("Pemerintah Suriah dan kelompok bersenjata mencapai kesepakatan di Aleppo.", ("Strategic developments", "Agreement")),
    ("Polisi menangkap tiga terduga teroris di Aleppo.", ("Strategic developments", "Arrests")),
    ("Palang Merah mengevakuasi warga dari Aleppo.", ("Strategic developments", "Other")),
    ("Pemberontak merobohkan patung di Aleppo.", ("Strategic developments", "Looting/property destruction")),
])
def test_trigger_families(sentence, expected):
    rec = run(article(sentence, entities=[ALEPPO] if "Aleppo" in sentence else [RAMOUSEH]))
    assert expected in types(rec), (sentence, types(rec), rec["statements"])


@pytest.mark.parametrize("sentence, modality", [
    ("Rusia mengatakan pihaknya siap berunding dengan Amerika Serikat di Aleppo pada Sabtu (6/8).", "offered"),
    ("Pasukan rezim akan merebut seluruh Aleppo.", "planned"),
    ("Tentara Suriah membantah bahwa pasukannya mengebom rumah sakit di Aleppo.", "denied"),
    ("Pasukan rezim tidak merebut Aleppo.", "negated"),
    ("Jika oposisi menyerah, pasukan rezim merebut Aleppo.", "hypothetical"),
    ("Oposisi menuntut gencatan senjata berlaku di Aleppo.", "planned"),
])
def test_non_asserted_are_statements(sentence, modality):
    rec = run(article(sentence, entities=[ALEPPO], timexes=[{"text": "Sabtu (6/8)", "type": "DATE",
                                                             "value": "2016-08-06"}] if "(6/8)" in sentence else []))
    assert rec["events"] == []
    assert [s["modality"] for s in rec["statements"]] == [modality]
    assert rec["statements"][0]["modality_cue"]["text"]


def test_state_of_control_is_no_event():
    rec = run(article("Warga mengungsi ke wilayah yang dikuasai oposisi di Aleppo.", entities=[ALEPPO]))
    assert rec["events"] == [] and rec["statements"] == []


def test_trigger_word_inside_a_name_is_skipped():
    rec = run(article("Para pejuang berkumpul di Akademi Artileri di Aleppo.", entities=[ALEPPO]))
    assert rec["events"] == []


def test_sport_and_control_of_things_are_no_events():
    assert run(article("Persija melancarkan serangan balik di laga melawan Arema di Aleppo."))["events"] == []
    assert run(article("Orang kaya di Aleppo menguasai aset bernilai tinggi.", entities=[ALEPPO]))["events"] == []


def test_territory_needs_a_side():
    # nobody named: we cannot tell government from non-state, so no event
    rec = run(article("Mereka akhirnya menguasai Aleppo.", entities=[ALEPPO]))
    assert rec["events"] == []


def test_loser_side_gives_the_winner():
    text = "Pasukan rezim di Hama kehilangan beberapa desa pada Kamis (29/9)."
    rec = run(article(text, entities=[HAMA], timexes=[{"text": "Kamis (29/9)", "type": "DATE", "value": "2016-09-29"}],
                      published={"date": "2016-09-30", "earliest": "2016-09-30", "latest": "2016-09-30"}))
    ev = rec["events"][0]
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert ev["actor2"]["side"] == "government"
    assert ev["date"]["value"] == "2016-09-29" and ev["place"]["name"] == "Hama"


def test_arguments_place_date_actors_fatalities():
    text = "Sekitar 400 warga sipil tewas akibat serangan udara pasukan rezim di Aleppo pada Sabtu (6/8)."
    rec = run(article(text, entities=[ALEPPO],
                      timexes=[{"text": "Sabtu (6/8)", "type": "DATE", "value": "2016-08-06"}],
                      numbers=[{"text": "Sekitar 400 warga sipil", "value": 400, "role": "killed"}]))
    [ev] = rec["events"]
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["actor1"]["side"] == "government" and ev["actor2"]["side"] == "civilians"
    assert ev["fatalities"] == 400
    d = ev["date"]
    assert (d["value"], d["earliest"], d["latest"], d["precision"], d["how"]) == \
        ("2016-08-06", "2016-08-06", "2016-08-06", "day", "text")
    assert d["evidence"]["text"] == "Sabtu (6/8)" and text[slice(*d["evidence"]["span"])] == "Sabtu (6/8)"
    assert ev["place"]["name"] == "Aleppo" and not ev["place"]["inherited"]
    assert ev["cameo"] == "195" and ev["plover"] == "ASSAULT"
    assert ev["attributed_to"] == "contoh.com"
    assert 0 < ev["confidence"] <= 0.95


def test_undated_event_takes_the_publication_week():
    rec = run(article("Pasukan rezim merebut Aleppo.", entities=[ALEPPO]))
    d = rec["events"][0]["date"]
    assert d["precision"] == "week" and d["earliest"] == "2016-08-01" and d["latest"] == "2016-08-09"


def test_a_later_sentence_about_the_same_place_dates_an_undated_capture():
    HANDARAT = {"text": "Handarat", "type": "LOC", "canonical": "Handarat", "id": "place:x:handarat",
                "geo": {"lat": 36.28, "lon": 37.18, "country": "SY", "admin1": "Aleppo", "feature": "camp"}}
    text = ("Pasukan rezim berhasil merebut kamp Handarat. "
            "Namun keberhasilan di Handarat pada Kamis (29/9) tidak sebanding dengan kekalahan di tempat lain.")
    pub = {"date": "2016-09-30", "earliest": "2016-09-29", "latest": "2016-10-01"}
    rec = run(article(text, entities=[HANDARAT, dict(HANDARAT, after=50)], published=pub,
                      timexes=[{"text": "Kamis (29/9)", "type": "DATE", "value": "2016-09-29"}]))
    [ev] = [e for e in rec["events"] if e["place"]["name"] == "Handarat"]
    assert ev["date"]["value"] == "2016-09-29" and ev["date"]["how"] == "echo"
    assert ev["date"]["evidence"]["text"] == "Kamis (29/9)"
    # without the result noun the later date says nothing about the capture
    plain = text.replace("Namun keberhasilan di Handarat", "Namun warga di Handarat")
    rec = run(article(plain, entities=[HANDARAT, dict(HANDARAT, after=50)], published=pub,
                      timexes=[{"text": "Kamis (29/9)", "type": "DATE", "value": "2016-09-29"}]))
    assert rec["events"][0]["date"]["how"] == "publication"


def test_an_undated_article_takes_the_date_of_an_event_of_record():
    aleppo = dict(ALEPPO, id="place:gn:170063")
    undated = {"date": None, "earliest": "2020-01-01", "latest": "2024-12-08"}
    rec = run(article("Pemberontak Suriah telah menguasai Aleppo tengah.", entities=[aleppo], published=undated))
    [ev] = rec["events"]
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert ev["date"]["how"] == "milestone" and ev["date"]["value"] == "2024-11-30"
    assert "2024 Aleppo offensive" in ev["date"]["basis"]
    # the same words in an article published in 2016 are not that event
    rec = run(article("Pemberontak Suriah telah menguasai Aleppo tengah.", entities=[aleppo]))
    assert rec["events"][0]["date"]["how"] == "publication"
    # nor is a capture by the other side
    rec = run(article("Pasukan rezim telah merebut Aleppo.", entities=[aleppo], published=undated))
    assert rec["events"][0]["date"]["how"] == "publication"


def test_from_the_hands_of_names_who_lost_the_ground():
    text = "Damaskus meluncurkan operasi besar untuk menduduki seluruh Aleppo dari tangan oposisi pada Kamis (22/9)."
    rec = run(article(text, entities=[ALEPPO],
                      timexes=[{"text": "Kamis (22/9)", "type": "DATE", "value": "2016-09-22"}]))
    [st] = rec["statements"]
    assert st["modality"] == "planned" and st["sub_event_type"] == "Government regains territory"
    assert st["actor2"]["side"] == "opposition" and st["date"]["value"] == "2016-09-22"


def test_since_is_not_the_event_date_and_background_is_dropped():
    text = "Pasukan rezim merebut Aleppo sejak Juli lalu. Pasukan rezim menduduki Hama pada 2011."
    rec = run(article(text, entities=[ALEPPO, HAMA], timexes=[
        {"text": "sejak Juli lalu", "type": "DATE", "value": "2016-07"},
        {"text": "2011", "type": "DATE", "value": "2011"}]))
    assert [e["place"]["name"] for e in rec["events"]] == ["Aleppo"]
    assert rec["events"][0]["date"]["precision"] == "week"


def test_one_event_told_three_times_is_merged():
    text = ("Pasukan gabungan Mujahidin menerobos jalur pemerintah di Ramouseh. "
            "Akademi di Ramouseh akhirnya jatuh ke tangan Mujahidin pada Sabtu (6/8). "
            "Kemenangan mujahidin yang berhasil menembus blokade Aleppo pada Sabtu (6/8) disambut warga.")
    rec = run(article(text, entities=[RAMOUSEH, dict(RAMOUSEH, after=60), dict(ALEPPO, after=100)],
                      timexes=[{"text": "Sabtu (6/8)", "type": "DATE", "value": "2016-08-06"},
                               {"text": "Sabtu (6/8)", "type": "DATE", "value": "2016-08-06", "after": 120}]))
    assert len(rec["events"]) == 1
    ev = rec["events"][0]
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert len(ev["also_evidence"]) == 2
    assert ev["date"]["value"] == "2016-08-06"


def test_different_dates_are_not_merged():
    text = "Pasukan rezim merebut Aleppo pada November. Pasukan rezim merebut Aleppo pada Kamis (22/12)."
    rec = run(article(text, entities=[ALEPPO, dict(ALEPPO, after=40)], timexes=[
        {"text": "November", "type": "DATE", "value": "2016-11"},
        {"text": "Kamis (22/12)", "type": "DATE", "value": "2016-12-22"}],
        published={"date": "2016-12-23", "earliest": "2016-12-23", "latest": "2016-12-23"}))
    assert len(rec["events"]) == 2


def test_event_inside_a_quote_is_attributed_to_the_speaker():
    text = "\u201cKami merebut Aleppo,\u201d kata Tarif."
    q = {"text": "Kami merebut Aleppo", "span": [1, 20], "kind": "direct", "cue": "kata",
         "speaker": {"text": "Tarif", "canonical": "Tarif al-Bayyoush"}}
    rec = run(article(text, entities=[ALEPPO], quotes=[q]))
    # "Kami" has no side: territory cannot be typed -> nothing; with a label it is attributed
    text2 = "\u201cMujahidin merebut Aleppo,\u201d kata Tarif."
    q2 = dict(q, text="Mujahidin merebut Aleppo", span=[1, 25])
    rec2 = run(article(text2, entities=[ALEPPO], quotes=[q2]))
    assert rec["events"] == []
    assert rec2["events"][0]["attributed_to"] == "Tarif al-Bayyoush"
    # outside quotes: the credited wire, else the outlet
    text3 = "Mujahidin merebut Aleppo. (Reuters)"
    rec3 = run(article(text3, entities=[ALEPPO],
                       credited_sources=[{"name": "Reuters", "text": "Reuters", "span": [text3.index("Reuters"), len(text3) - 1]}]))
    assert rec3["events"][0]["attributed_to"] == "Reuters"


def test_codebook_has_the_acled_types():
    book = events.codebook()
    assert len(book) == 25
    assert len({t for t, _ in book}) == 6
    for (etype, sub), row in book.items():
        assert row["cameo"] and row["plover"] and row["disorder_type"]
    for trig in events.triggers():
        assert trig["sub_event_type"] in ("@territory", "@attack", "@clash", "@riot", "@crowd_control") or (trig["event_type"], trig["sub_event_type"]) in book


def test_labels_table_has_sides_and_valence():
    rows = events.labels()
    assert {r["valence"] for r in rows} <= {"legitimizing", "neutral", "delegitimizing"}
    by_label = {r["label"]: r for r in rows}
    assert by_label["(pasukan gabungan )?mujahidin"]["side"] == "opposition"
    assert by_label["milisi syiah"]["side"] == "government"


def test_the_sky_is_no_territory_but_an_air_base_is():
    tehran = {"text": "Teheran", "type": "LOC", "canonical": "Tehran",
              "geo": {"lat": 35.69, "lon": 51.39, "country": "IR", "admin1": "Tehran", "feature": "city"}}
    sky = run(article("Militer Israel menguasai langit di atas Teheran.", entities=[tehran]))
    assert sky["events"] == []
    base = run(article("Pasukan rezim merebut pangkalan udara di Aleppo pada Sabtu (6/8).", entities=[ALEPPO],
                       timexes=[{"text": "Sabtu (6/8)", "type": "DATE", "value": "2016-08-06"}]))
    assert [e["sub_event_type"] for e in base["events"]] == ["Government regains territory"]


def test_trade_deals_and_disaster_evacuations_need_conflict_words_even_with_state_actors():
    jakarta = {"text": "Jakarta", "type": "LOC", "canonical": "Jakarta",
               "geo": {"lat": -6.2, "lon": 106.8, "country": "ID", "admin1": "Jakarta", "feature": "city"}}
    trade = run(article("Pemerintah Suriah dan Rusia mencapai kesepakatan dagang gandum di Jakarta.", entities=[jakarta]))
    assert trade["events"] == []
    ceasefire = run(article("Pemerintah Suriah dan Rusia mencapai kesepakatan gencatan senjata di Aleppo.",
                            entities=[ALEPPO]))
    assert [e["sub_event_type"] for e in ceasefire["events"]] == ["Agreement"]


def test_one_actor_named_twice_is_not_both_sides(shared):
    """Real articles where "Israel … serangan udara … Israel" once gave Israel vs Israel."""

    from pantau import pipeline
    from pantau.ingest import iter_documents

    wanted = {234, 608, 1671, 1878}
    path = shared / "corpus" / "indonews-2025" / "scrapping_news_2025-06-20.csv"
    docs = [d for d in iter_documents([str(path)]) if d.get("kind") == "doc" and d["source"]["record"] in wanted]
    assert len(docs) == 4
    events_seen = 0
    for d in docs:
        a = pipeline.analyze(d)
        for ev in a["events"] + a["statements"]:
            events_seen += 1
            a1, a2 = ev.get("actor1") or {}, ev.get("actor2") or {}
            assert not (a1 and a2 and a1.get("canonical") == a2.get("canonical")), ev["evidence"]["text"]
    assert events_seen >= 4


def test_a_counter_attack_with_missiles_is_one_missile_attack_but_a_battle_with_air_strikes_is_two():
    haifa = {"text": "Haifa", "type": "LOC", "canonical": "Haifa",
             "geo": {"lat": 32.8, "lon": 34.99, "country": "IL", "admin1": "Haifa", "feature": "city"}}
    pub = {"date": "2025-06-18", "earliest": "2025-06-18", "latest": "2025-06-18"}
    one = run(article("Serangan balasan Iran menargetkan Haifa dengan lebih dari 150 rudal balistik.",
                      entities=[haifa], published=pub))
    assert [e["event_type"] for e in one["events"]] == ["Explosions/Remote violence"]
    two = run(article("Pasukan rezim terlibat baku tembak dengan oposisi di Aleppo, sementara pesawat tempur Rusia "
                      "menggempur kota itu.", entities=[ALEPPO], published=pub))
    assert {e["event_type"] for e in two["events"]} == {"Battles", "Explosions/Remote violence"}


def test_a_missile_test_is_no_attack():
    pub = {"date": "2017-07-05", "earliest": "2017-07-05", "latest": "2017-07-05"}
    pyongyang = {"text": "Pyongyang", "type": "LOC", "canonical": "Pyongyang",
                 "geo": {"lat": 39.03, "lon": 125.75, "country": "KP", "admin1": "Pyongyang", "feature": "city"}}
    test = run(article("Korea Utara melakukan uji coba rudal balistik di dekat Pyongyang pada Selasa (4/7).",
                       entities=[pyongyang], published=pub,
                       timexes=[{"text": "Selasa (4/7)", "type": "DATE", "value": "2017-07-04"}]))
    assert test["events"] == []
    strike = run(article("Pasukan rezim menembakkan rudal ke Aleppo pada Selasa (4/7).", entities=[ALEPPO],
                         published=pub, timexes=[{"text": "Selasa (4/7)", "type": "DATE", "value": "2017-07-04"}]))
    assert [e["event_type"] for e in strike["events"]] == ["Explosions/Remote violence"]


ILAGA = {"text": "Ilaga", "type": "LOC", "canonical": "Ilaga",
         "geo": {"lat": -3.9, "lon": 137.6, "country": "ID", "admin1": "Papua", "feature": "city"}}
ISRAEL = {"text": "Israel", "type": "GPE", "canonical": "Israel",
          "geo": {"lat": 31.5, "lon": 34.8, "country": "IL", "feature": "country"}}
IRAN = {"text": "Iran", "type": "GPE", "canonical": "Iran",
        "geo": {"lat": 32.0, "lon": 53.0, "country": "IR", "feature": "country"}}
JAKARTA = {"text": "Jakarta", "type": "LOC", "canonical": "Jakarta",
           "geo": {"lat": -6.2, "lon": 106.8, "country": "ID", "admin1": "Jakarta", "feature": "city"}}
TEHRAN = {"text": "Teheran", "type": "LOC", "canonical": "Tehran",
          "geo": {"lat": 35.7, "lon": 51.4, "country": "IR", "admin1": "Tehran", "feature": "city"}}
GAZA = {"text": "Gaza", "type": "LOC", "canonical": "Gaza",
        "geo": {"lat": 31.5, "lon": 34.47, "country": "PS", "admin1": "Gaza Strip", "feature": "city"}}


def one_event(text, **kw):
    """The single event the stage finds in a hand-made record (fails when it finds none or several)."""
    rec = run(article(text, **kw))
    assert len(rec["events"]) == 1, rec["events"]
    return rec["events"][0]
MONDAY = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}


def test_a_plain_attack_verb_is_typed_by_who_attacked_whom():
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8)."
    [ev] = run(article(text, entities=[ILAGA], timexes=[MONDAY]))["events"]
    assert (ev["event_type"], ev["sub_event_type"]) == ("Battles", "Armed clash")
    text = "Pemberontak menyerang warga desa di Ilaga pada Senin (8/8)."
    [ev] = run(article(text, entities=[ILAGA], timexes=[MONDAY]))["events"]
    assert (ev["event_type"], ev["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_a_crime_stabbing_names_no_armed_party_and_is_no_event():
    text = "Seorang pria menikam tetangganya di Ilaga pada Senin (8/8)."
    assert run(article(text, entities=[ILAGA], timexes=[MONDAY]))["events"] == []


def test_arrests_are_coded_only_in_a_political_or_armed_setting():
    crime = "Polisi menangkap pencuri sepeda motor di Jakarta pada Senin (8/8)."
    assert run(article(crime, entities=[JAKARTA], timexes=[MONDAY]))["events"] == []
    terror = "Densus 88 menangkap tiga terduga teroris di Jakarta pada Senin (8/8)."
    [ev] = run(article(terror, entities=[JAKARTA], timexes=[MONDAY]))["events"]
    assert ev["sub_event_type"] == "Arrests"


def test_the_place_is_where_it_hit_not_the_dateline_nor_the_attackers_country():
    text = "Liputan6.com, Jakarta - Rudal Iran menghantam rumah sakit di Israel pada Senin (8/8)."
    rec = run(article(text, entities=[JAKARTA, IRAN, ISRAEL], timexes=[MONDAY]))
    assert [ev["place"]["name"] for ev in rec["events"]] == ["Israel"]
    text = "Rudal yang ditembakkan dari Iran jatuh di Teheran pada Senin (8/8)."
    rec = run(article(text, entities=[IRAN, TEHRAN], timexes=[MONDAY]))
    assert [ev["place"]["name"] for ev in rec["events"]] == ["Tehran"]


def test_protesters_and_rioters_are_named_as_acled_names_them():
    text = "Ribuan buruh berunjuk rasa di Jakarta pada Senin (8/8)."
    [ev] = run(article(text, entities=[JAKARTA], timexes=[MONDAY]))["events"]
    assert ev["event_type"] == "Protests"
    assert ev["actor1"]["canonical"] == "Protesters (Indonesia)" and ev["actor1"]["text"] == "buruh"
    text = "Kerusuhan pecah di Jakarta pada Senin (8/8)."
    [ev] = run(article(text, entities=[JAKARTA], timexes=[MONDAY]))["events"]
    assert ev["actor1"]["canonical"] == "Rioters (Indonesia)" and ev["actor1"]["text"] == "Kerusuhan"


def test_deaths_told_in_the_next_sentence_are_the_events_fatalities():
    text = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8). Dua polisi tewas dalam serangan itu."
    deaths = {"text": "Dua polisi", "value": 2, "role": "killed", "unit": "people"}
    [ev] = run(article(text, entities=[ILAGA], timexes=[MONDAY], numbers=[deaths]))["events"]
    assert ev["fatalities"] == 2
    other = "Pemberontak menyerang pos polisi di Ilaga pada Senin (8/8).\nDua polisi tewas di Nduga pekan lalu."
    nduga = {"text": "Nduga", "type": "LOC", "canonical": "Nduga",
             "geo": {"lat": -4.4, "lon": 138.3, "country": "ID", "admin1": "Papua", "feature": "city"}}
    [ev] = run(article(other, entities=[ILAGA, nduga], timexes=[MONDAY, {"text": "pekan lalu", "type": "DATE",
                                                                       "value": "2016-W31"}],
                       numbers=[deaths]))["events"]
    assert ev["fatalities"] is None, "a new paragraph tells something else"
