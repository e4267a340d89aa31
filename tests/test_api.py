"""pantau.api over a store built from the seed articles + gold (and one hostile article)."""
from __future__ import annotations

import pytest

from pantau import api
from pantau.record import bad_spans
from pantau.store import Store
from test_web_fixtures import HOSTILE_ID, PAYLOAD_IMG, PAYLOAD_SVG, build_db, hostile_record, seed_records


@pytest.fixture(scope="module")
def records(shared):
    return seed_records(shared) + [hostile_record()]


@pytest.fixture(scope="module")
def store(records, tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("api") / "api.db", records)
    st = Store(str(path), readonly=True)
    yield st
    st.close()


def _events(records):
    return [ev for r in records for ev in r["events"]]


# -- search ---------------------------------------------------------------------------

def test_search_finds_inflected_forms_through_stems(store, records):
    with_word = {r["id"] for r in records if "pengepungan" in r["text"].lower()}
    assert with_word, "fixture: some seed says 'pengepungan'"
    hits = api.search_articles(store, "kepung", limit=50)
    assert with_word <= {h["id"] for h in hits["items"]}
    assert hits["total"] == len(hits["items"])


def test_search_snippet_marks_the_match(store, records):
    literal = {r["id"] for r in records if "pengepungan" in r["text"][r["body_start"]:].lower()}
    hits = api.search_articles(store, "pengepungan", limit=5)
    # a body that holds the word itself shows it marked (stem-only matches have no mark to show)
    assert literal and all("[" in h["snippet"] for h in hits["items"] if h["id"] in literal)
    private = api.search_articles(store, "pengepungan", limit=5, marks=("\ue000", "\ue001"))
    assert all("\ue000" in h["snippet"] for h in private["items"] if h["id"] in literal)


def test_search_facets_count_the_matches(store, records):
    res = api.search_articles(store, "Aleppo", facets=True, limit=50)
    assert res["total"] == len(records)  # every fixture article names Aleppo
    f = res["facets"]
    assert sum(v["count"] for v in f["outlet"]) == res["total"]
    assert {"Aleppo"} <= {v["value"] for v in f["place"]}
    types = {v["value"]: v["count"] for v in f["event_type"]}
    assert types["Battles"] == len({r["id"] for r in records for ev in r["events"] if ev["event_type"] == "Battles"})


def test_search_filters_narrow_the_hits(store, records):
    res = api.search_articles(store, "Aleppo", outlet="portalpiyungan.com", limit=50)
    assert [h["id"] for h in res["items"]] == ["seed-000"]
    res = api.search_articles(store, "Aleppo", date_from="2016-12", date_to="2016-12", limit=50)
    expected = {r["id"] for r in records if (r["published"]["date"] or "").startswith("2016-12")}
    assert {h["id"] for h in res["items"]} == expected and expected
    res = api.search_articles(store, "Aleppo", event_type="Explosions/Remote violence", limit=50)
    expected = {r["id"] for r in records if any(ev["event_type"] == "Explosions/Remote violence" for ev in r["events"])}
    assert {h["id"] for h in res["items"]} == expected and expected
    res = api.search_articles(store, "Aleppo", actor="Hezbollah", limit=50)
    assert "seed-000" in {h["id"] for h in res["items"]}
    res = api.search_articles(store, "Aleppo", slant="pro-government", limit=50)
    assert {h["slant"] for h in res["items"]} == {"pro-government"}


def test_empty_query_browses_and_bad_queries_do_not_raise(store, records):
    assert api.search_articles(store, "", limit=50)["total"] == len(records)
    bad = api.search_articles(store, "-Aleppo")
    assert bad["total"] == 0 and "error" in bad
    for q in ('"', "AND", "(((", "NEAR(", "*", "stems:x", '"unclosed phrase'):
        assert api.search_articles(store, q)["total"] >= 0


# -- lists ----------------------------------------------------------------------------

def test_every_list_has_a_hard_maximum(store):
    for fn in (api.list_articles, api.list_events, api.list_entities, api.list_quotes, api.list_labels,
               api.list_stories):
        page = fn(store, limit=10**9, offset=-5)
        assert page["limit"] == api.MAX_LIMIT and page["offset"] == 0
        assert len(page["items"]) <= api.MAX_LIMIT
    assert api.search_articles(store, "Aleppo", limit=10**9)["limit"] == api.MAX_LIMIT


def test_list_events_filters(store, records):
    everything = api.list_events(store, limit=500)
    assert everything["total"] == len(_events(records))
    dates = [e["date"] for e in everything["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    battles = api.list_events(store, event_type="Battles", limit=500)
    assert battles["total"] == sum(ev["event_type"] == "Battles" for ev in _events(records))
    dec = api.list_events(store, date_from="2016-12", date_to="2016-12", limit=500)
    assert dec["total"] and all(e["date"].startswith("2016-12") for e in dec["items"])
    assert api.list_events(store, date_to="2016-12-22", limit=500)["total"] == sum(
        1 for ev in _events(records) if ev["date"]["value"] and ev["date"]["value"] <= "2016-12-22")
    ram = api.list_events(store, place="Ramouseh", limit=500)
    assert ram["total"] and {e["article_id"] for e in ram["items"]} == {"seed-000"}
    located = api.list_events(store, located=True, limit=500)["items"]
    assert located and all(e["lat"] is not None for e in located)
    by_outlet = api.list_events(store, outlet="Russia Beyond (Indonesian edition)", limit=500)
    assert by_outlet["total"] == len(next(r for r in records if r["id"] == "seed-002")["events"])
    hez = api.list_events(store, actor="Syrian Arab Army", limit=500)
    assert hez["total"] and all("Syrian Arab Army" in (e["actor1"], e["actor2"]) for e in hez["items"])
    paged = api.list_events(store, limit=5, offset=5)
    assert [e["key"] for e in paged["items"]] == [e["key"] for e in everything["items"][5:10]]


def test_event_evidence_reads_its_span(store):
    for ev in api.list_events(store, limit=500)["items"]:
        text = api.get_article(store, ev["article_id"])["text"]
        assert text[ev["span"][0]:ev["span"][1]] == ev["evidence"]
        assert api.get_event(store, ev["key"])["key"] == ev["key"]
    assert api.get_event(store, "nope") is None and api.get_event(store, "seed-000:99") is None


def test_get_article_is_the_contract_record_with_sources(store, records):
    rec = api.get_article(store, "seed-002")
    original = next(r for r in records if r["id"] == "seed-002")
    assert rec["text"] == original["text"] and bad_spans(rec) == []
    assert rec["sources"] and rec["sources"][0]["path"].endswith("002_66d0e2901bc71d34.txt")
    assert api.get_article(store, "missing") is None


def test_articles_list_counts_facts(store, records):
    page = api.list_articles(store, limit=50)
    assert page["total"] == len(records)
    by_id = {a["id"]: a for a in page["items"]}
    for r in records:
        assert by_id[r["id"]]["n_events"] == len(r["events"])
        assert by_id[r["id"]]["n_quotes"] == len(r["quotes"])
    assert api.list_articles(store, place="Ramouseh")["total"] == 1


def test_entities_group_surface_forms_under_canonical_names(store):
    page = api.list_entities(store, limit=500)
    hez = next(e for e in page["items"] if e["name"] == "Hezbollah")
    assert "Hizbullah" in hez["forms"] and hez["articles"] >= 1
    assert all(e["type"] == "PER" for e in api.list_entities(store, type="PER", limit=500)["items"])
    assert {e["name"] for e in api.list_entities(store, q="hezb")["items"]} == {"Hezbollah"}
    assert api.list_entities(store, q="%")["total"] == 0  # LIKE wildcards are literal


def test_quotes_and_labels(store, records):
    quotes = api.list_quotes(store, limit=500)
    assert quotes["total"] == sum(len(r["quotes"]) for r in records)
    q = quotes["items"][0]
    assert api.get_article(store, q["article_id"])["text"][q["span"][0]:q["span"][1]] == q["text"]
    assad = api.list_quotes(store, speaker="Bashar al-Assad")["items"]
    assert assad and all(x["speaker_canonical"] == "Bashar al-Assad" for x in assad)
    labels = api.list_labels(store, actor="Syrian opposition", limit=500)["items"]
    assert {lab["label"] for lab in labels} >= {"teroris", "Mujahidin"}


def test_actor_profile_shows_how_outlets_label_an_actor(store):
    prof = api.actor_profile(store, "Syrian opposition")
    by_outlet = {}
    for row in prof["labels_by_outlet"]:
        by_outlet.setdefault(row["outlet"], set()).add((row["label"], row["valence"]))
    assert ("Mujahidin", "legitimizing") in by_outlet["portalpiyungan.com"]
    assert ("teroris", "delegitimizing") in by_outlet["Russia Beyond (Indonesian edition)"]
    assert api.actor_profile(store, "Bashar al-Assad")["quotes"]


def test_timeline_buckets_add_up(store, records):
    dated = [ev for ev in _events(records) if ev["date"]["value"]]
    for by, width in (("day", 10), ("month", 7), ("year", 4)):
        tl = api.timeline(store, by=by)
        assert sum(b["total"] for b in tl["buckets"]) == len(dated)
        assert all(len(b["date"]) == width for b in tl["buckets"])
        assert [b["date"] for b in tl["buckets"]] == sorted(b["date"] for b in tl["buckets"])
    only = api.timeline(store, by="month", event_type="Battles")
    assert all(set(b["by_type"]) == {"Battles"} for b in only["buckets"])
    with pytest.raises(ValueError):
        api.timeline(store, by="week")


def test_stories_flag_differing_figures(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "_stories_module", lambda: None)  # the events fallback
    a, b = hostile_record(), hostile_record()
    b["id"] = "hostile-2"
    b["outlet"]["name"] = "other.example"
    b["text"] = b["text"].replace("Serangan", "Serbuan")  # a different article, same event
    b["events"][0]["fatalities"] = 30
    st = Store(str(build_db(tmp_path / "s.db", [a, b])), readonly=True)
    try:
        res = api.list_stories(st)
        stories = res["items"]
    finally:
        st.close()
    assert res["method"] == "events" and not res["pending"]
    assert len(stories) == 1
    s = stories[0]
    assert s["n_articles"] == 2 and s["n_outlets"] == 2
    assert s["fatalities"] == [12, 30] and s["numbers_differ"]
    assert {c["outlet"] for c in s["coverage"]} == {f"{PAYLOAD_SVG}.example", "other.example"}


def test_stats_and_facets(store, records):
    st = api.stats(store)
    assert st["articles"] == len(records) and st["events"] == len(_events(records))
    assert st["located_events"] == sum(ev["place"]["lat"] is not None for ev in _events(records))
    assert {o["value"] for o in st["by_outlet"]} >= {"portalpiyungan.com"}
    f = api.facets(store)
    assert {v["value"] for v in f["event_type"]} == {ev["event_type"] for ev in _events(records)}


def test_untrusted_strings_come_back_verbatim(store):
    """The API does not escape (JSON is not HTML); the dashboard renders text as text."""
    rec = api.get_article(store, HOSTILE_ID)
    assert PAYLOAD_IMG in rec["title"]
    ev = api.list_events(store, article_id=HOSTILE_ID)["items"][0]
    assert ev["actor1"] == PAYLOAD_SVG


def test_cached_aggregates_follow_new_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "REFRESH_SECONDS", 0.0)
    path = build_db(tmp_path / "c.db", [hostile_record()])
    reader = Store(str(path), readonly=True)
    try:
        assert "Ramouseh" not in {e["name"] for e in api.list_entities(reader, limit=500)["items"]}
        before = api.facets(reader)
        extra = hostile_record()
        extra["id"] = "extra"
        extra["text"] = extra["text"].replace("Serangan", "Ramouseh")
        s = extra["text"].index("Ramouseh")
        extra["entities"].append({"text": "Ramouseh", "span": [s, s + 8], "type": "LOC", "id": None,
                                  "canonical": "Ramouseh", "geo": None})
        extra["outlet"]["name"] = "new.example"
        writer = Store(str(path))
        writer.put(extra, "extra-input")
        writer.commit()
        writer.close()
        assert "Ramouseh" in {e["name"] for e in api.list_entities(reader, limit=500)["items"]}
        assert "new.example" in {v["value"] for v in api.facets(reader)["outlet"]}
        assert "new.example" not in {v["value"] for v in before["outlet"]}
    finally:
        reader.close()


def test_search_facets_count_at_most_the_sample(store, monkeypatch):
    monkeypatch.setattr(api, "FACET_SAMPLE", 2)
    res = api.search_articles(store, "Aleppo", facets=True)
    assert res["total"] > 2 and res["facets_over"] == 2
    assert sum(v["count"] for v in res["facets"]["outlet"]) == 2
    filtered = api.search_articles(store, "Aleppo", facets=True, date_from="2016")
    assert filtered["facets_over"] == 2
    browse = api.search_articles(store, "", facets=True)  # the whole database: exact, cached
    assert browse["facets_over"] == browse["total"] == sum(v["count"] for v in browse["facets"]["outlet"])


def test_linked_stories_come_from_the_stories_module_once_per_version(tmp_path, monkeypatch):
    calls = []

    class FakeStories:
        @staticmethod
        def stories(st):
            calls.append(1)
            return {"articles": 2, "counts": {"stories": 3},
                    "stories": [{"id": f"s{i}", "size": 2, "outlets": ["a", "b"]} for i in range(3)]}

    monkeypatch.setattr(api, "_stories_module", lambda: FakeStories)
    st = Store(str(build_db(tmp_path / "l.db", [hostile_record()])), readonly=True)
    try:
        waiting = api.list_stories(st, compute=False)  # nothing computed yet: events meanwhile
        assert waiting["method"] == "events" and waiting["pending"] and calls == []
        linked = api.list_stories(st, limit=2, offset=1)
        assert linked["method"] == "linked" and linked["total"] == 3
        assert [s["id"] for s in linked["items"]] == ["s1", "s2"]
        assert api.list_stories(st, compute=False)["method"] == "linked"
        assert calls == [1]
    finally:
        st.close()


def test_real_story_linking_runs_on_the_seeds(store):
    if api._stories_module() is None:
        pytest.skip("pantau.stories not available")
    res = api.list_stories(store, limit=10)
    assert res["method"] == "linked" and "stories" in res["counts"]


def test_quotes_by_speaker_match_the_full_list_order(store):
    everything = api.list_quotes(store, limit=500)["items"]
    for speaker in {x["speaker_canonical"] for x in everything}:
        expected = [(x["article_id"], x["idx"]) for x in everything
                    if speaker in (x["speaker_canonical"], x["speaker"])]
        got = api.list_quotes(store, speaker=speaker, limit=500)
        assert [(x["article_id"], x["idx"]) for x in got["items"]] == expected
        assert got["total"] == len(expected)
    assert api.list_quotes(store, speaker="nobody at all")["total"] == 0
