"""The store on its own: exactly-once keys, duplicate collapse, facts, FTS with stemming."""
import json

import pytest

from pantau.record import new_article, public
from pantau.store import Store, input_hash, open_store


def make(aid, text, path="a.txt", record=None, **extra):
    raw = {"kind": "doc", "source": {"path": path, "record": record, "url": None, "format": "txt"},
           "input_id": aid, "title": None, "body": text, "url": None, "outlet": None, "author": None,
           "published": None, "meta": {}}
    a = new_article(raw)
    a["id"] = aid
    a["text"] = text
    a.update(extra)
    return raw, public(a)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """Each store implementation, fresh (PostgreSQL: a throwaway server, see conftest.pg_url)."""
    db = str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("pg_db")
    store = open_store(db)
    yield store
    store.close()


def test_put_is_idempotent_and_duplicates_collapse(any_store):
    store = any_store
    raw, a = make("a1", "Pasukan pemerintah mengepung kota.")
    ih = input_hash(raw, "v")
    assert store.known_input(ih) is None
    assert store.put(a, ih) == "new"
    assert store.known_input(ih) == "a1"
    assert store.put(a, ih) == "unchanged"
    # same text under another id and file: one article, two sources
    raw2, b = make("b2", "Pasukan  pemerintah mengepung kota.", path="b.jsonl", record=3)
    assert store.put(b, input_hash(raw2, "v")) == "duplicate"
    store.commit()
    assert store.count() == 1
    assert {(s["path"], s["record"]) for s in store.sources("a1")} == {("a.txt", None), ("b.jsonl", 3)}
    # changed text under the same id is an update, not a second article; its facts are replaced
    _, a_changed = make("a1", "Pasukan pemerintah merebut kota.",
                        entities=[{"text": "Pasukan", "span": [0, 7], "type": "ORG"}])
    assert store.put(a_changed, "other-hash") == "updated"
    store.commit()
    assert store.count() == 1 and store.count("entities") == 1
    assert store.get("a1")["text"] == "Pasukan pemerintah merebut kota."


def test_facts_are_replaced_on_update_and_search_uses_stems(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    text = "Pengepungan Aleppo berakhir setelah tentara dikepung."
    ent = {"text": "Aleppo", "span": [12, 18], "type": "LOC", "id": "loc:aleppo", "canonical": "Aleppo",
           "geo": {"lat": 36.2, "lon": 37.13, "country": "SY"}}
    _, a = make("x", text, entities=[ent])
    store.put(a, "h1")
    store.put(dict(a, entities=[ent, dict(ent)]), "h2")
    store.commit()
    assert store.count("entities") == 2
    from pantau.api import search_articles

    hits = search_articles(store, "kepung")
    assert hits["total"] == 1 and hits["items"][0]["id"] == "x"
    assert search_articles(store, "Damaskus")["total"] == 0
    # malformed queries never raise
    for q in ['"', "OR", "-x", "NEAR(", "*", ""]:
        assert isinstance(search_articles(store, q)["items"], list)
    store.close()


def test_record_roundtrips_as_json(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    _, a = make("j", "Teks dengan “kutipan” dan emoji 🙂.")
    store.put(a, "h")
    store.commit()
    assert json.dumps(store.get("j"), sort_keys=True) == json.dumps(a, sort_keys=True)
    store.close()
