"""Databases for the API, web and browser tests, built without the pipeline.

`seed_records` turns the five seed articles and their hand-made gold
(../shared/gold/seeds.gold.json) into contract records (every fact located by its
text, so spans are exact); `hostile_record` is an article whose title, text, outlet,
actors and URL carry XSS payloads. `build_db` stores them with Store.put. The tests
at the bottom check that these fixtures honour the contract themselves.
"""
from __future__ import annotations

import json
import pathlib
import re

from pantau.record import SCHEMA, bad_spans
from pantau.store import Store, merge_store

PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SCRIPT = "</script><script>window.__pwned=2</script>"
PAYLOAD_SVG = "<svg onload=window.__pwned=3>"
PAYLOAD_JS_URL = "javascript:window.__pwned=4"
HOSTILE_ID = "hostile-1"


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    i = text.find(needle, start)
    return (i, i + len(needle)) if i >= 0 else None


def _all(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]


def _first_date(value) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not value:
        return None
    return str(value).split("/")[0][:10]


def _record(doc_id: str, text: str, *, title: str | None, outlet: str | None, published: list | None,
            path: str) -> dict:
    body_start = len(title) + 2 if title else 0
    earliest, latest = (published or [None, None])[:2]
    return {
        "schema": SCHEMA, "id": doc_id,
        "source": {"path": path, "record": None, "url": None, "format": "txt"},
        "outlet": {"name": outlet, "evidence": None}, "author": None, "title": title, "body_start": body_start,
        "language": "id", "text": text, "removed": [],
        "published": {"date": earliest, "earliest": earliest, "latest": latest,
                      "precision": "day" if earliest else "none", "confidence": 0.5, "basis": ["test fixture"]},
        "credited_sources": [], "cited_sources": [], "sentences": [], "timexes": [], "entities": [], "numbers": [],
        "quotes": [], "events": [],
        "framing": {"labels": [], "slant": {"label": "unknown", "score": 0.0, "evidence": []}},
    }


def seed_record(path: pathlib.Path, gold_doc: dict) -> dict:
    """One seed article as the pipeline should see it, facts taken from the gold."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n").strip()
    first, _, rest = raw.partition("\n\n")
    title = first if rest and "\n" not in first and len(first) < 200 else None
    text = f"{title}\n\n{rest.strip()}" if title else raw
    pub = gold_doc.get("published") or {}
    rec = _record("seed-" + path.name[:3], text, title=title, outlet=gold_doc.get("outlet"),
                  published=pub.get("day_range"), path=str(path))
    places: dict[str, tuple[float, float]] = {}
    for i, ev in enumerate(gold_doc.get("events") or []):
        span = _find(text, ev.get("evidence") or "\0")
        if span is None:
            continue
        place = (ev.get("place") or "").split(",")[0].strip() or None
        if place and ev.get("lat") is not None:
            places[place] = (ev["lat"], ev["lon"])
        date = _first_date(ev.get("date"))
        rec["events"].append({
            "id": f"{rec['id']}-ev{i}", "event_type": ev.get("event_type"), "sub_event_type": ev.get("sub_event_type"),
            "date": {"value": date, "earliest": date, "latest": date, "precision": "day" if date else "none"},
            "place": {"name": place, "lat": ev.get("lat"), "lon": ev.get("lon"), "country": "SY", "admin1": "Aleppo"},
            "actor1": {"text": ev.get("actor1"), "canonical": ev.get("actor1")},
            "actor2": {"text": ev.get("actor2"), "canonical": ev.get("actor2")} if ev.get("actor2") else None,
            "fatalities": ev.get("fatalities"), "evidence": {"text": text[span[0]:span[1]], "span": list(span)},
            "attributed_to": None, "confidence": 0.9})
    for ent in gold_doc.get("entities") or []:
        for s, e in _all(text, ent["text"]):
            geo = None
            if ent.get("canonical") in places:
                lat, lon = places[ent["canonical"]]
                geo = {"lat": lat, "lon": lon, "country": "SY", "admin1": None}
            rec["entities"].append({"text": text[s:e], "span": [s, e], "type": ent.get("type"), "id": None,
                                    "canonical": ent.get("canonical"), "geo": geo})
    rec["entities"].sort(key=lambda x: x["span"])
    for tx in gold_doc.get("timexes") or []:
        for s, e in _all(text, tx["text"]):
            rec["timexes"].append({"text": text[s:e], "span": [s, e], "type": "DATE", "value": tx.get("value")})
    for num in gold_doc.get("numbers") or []:
        span = _find(text, num["text"])
        if span:
            rec["numbers"].append({"text": num["text"], "span": list(span), "value": num.get("value"),
                                   "low": num.get("value"), "high": None, "qualifier": num.get("qualifier"),
                                   "unit": num.get("unit"), "role": num.get("role") or "other"})
    for qt in gold_doc.get("quotes") or []:
        span = _find(text, qt.get("starts") or "\0")
        if span is None:
            continue
        end = min([j for j in (text.find(c, span[1]) for c in "”\"\n") if j >= 0] or [len(text)])
        rec["quotes"].append({"text": text[span[0]:end], "span": [span[0], end], "cue": qt.get("cue"),
                              "speaker": {"text": qt.get("speaker"), "canonical": qt.get("speaker")}})
    framing = gold_doc.get("framing") or {}
    for lab in framing.get("labels") or []:
        span = _find(text, lab["label"])
        if span:
            rec["framing"]["labels"].append({"actor": lab["actor"], "label": lab["label"], "span": list(span),
                                             "valence": (lab.get("valence") or "").split(" ")[0] or None,
                                             "attributed_to": None})
    rec["framing"]["slant"] = {"label": framing.get("slant") or "unknown", "score": 0.5, "evidence": []}
    return rec


def seed_records(shared: pathlib.Path) -> list[dict]:
    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    seeds = shared / "corpus" / "seeds"
    return [seed_record(seeds / d["doc"], d) for d in gold["docs"]]


def hostile_record() -> dict:
    """An article whose every displayed string tries to run script."""
    title = f"Serangan {PAYLOAD_IMG} di Aleppo"
    body = (f"Pasukan {PAYLOAD_SVG} menyerang Aleppo pada Senin. {PAYLOAD_SCRIPT} Korban 12 orang tewas. "
            f"“Kami {PAYLOAD_IMG} bertahan,” kata {PAYLOAD_SVG}.")
    text = f"{title}\n\n{body}"
    rec = _record(HOSTILE_ID, text, title=title, outlet=f"{PAYLOAD_SVG}.example", published=["2016-12-05", "2016-12-05"],
                  path=PAYLOAD_SCRIPT)
    rec["source"]["url"] = PAYLOAD_JS_URL
    rec["author"] = PAYLOAD_IMG
    sentence = _find(text, f"Pasukan {PAYLOAD_SVG} menyerang Aleppo pada Senin.")
    rec["events"].append({
        "id": "hostile-ev0", "event_type": "Battles", "sub_event_type": f"Armed clash {PAYLOAD_IMG}",
        "date": {"value": "2016-12-05", "earliest": "2016-12-05", "latest": "2016-12-05", "precision": "day"},
        "place": {"name": f"Aleppo {PAYLOAD_SVG}", "lat": 36.2, "lon": 37.16, "country": "SY", "admin1": "Aleppo"},
        "actor1": {"text": PAYLOAD_SVG, "canonical": PAYLOAD_SVG},
        "actor2": {"text": PAYLOAD_JS_URL, "canonical": PAYLOAD_JS_URL},
        "fatalities": 12, "evidence": {"text": text[sentence[0]:sentence[1]], "span": list(sentence)},
        "attributed_to": PAYLOAD_IMG, "confidence": 0.5})
    for s, e in _all(text, "Aleppo"):
        rec["entities"].append({"text": "Aleppo", "span": [s, e], "type": "LOC", "id": None, "canonical": "Aleppo",
                                "geo": {"lat": 36.2, "lon": 37.16, "country": "SY", "admin1": None}})
    s, e = _find(text, PAYLOAD_SVG)
    rec["entities"].append({"text": PAYLOAD_SVG, "span": [s, e], "type": "ORG", "id": None,
                            "canonical": PAYLOAD_JS_URL, "geo": None})
    rec["entities"].sort(key=lambda x: x["span"])
    q = _find(text, f"Kami {PAYLOAD_IMG} bertahan,")
    rec["quotes"].append({"text": text[q[0]:q[1]], "span": list(q), "cue": "kata",
                          "speaker": {"text": PAYLOAD_SVG, "canonical": PAYLOAD_SVG}})
    sc = _find(text, PAYLOAD_SCRIPT)
    rec["framing"]["labels"].append({"actor": PAYLOAD_SVG, "label": PAYLOAD_SCRIPT, "span": list(sc),
                                     "valence": "delegitimizing", "attributed_to": PAYLOAD_IMG})
    n = _find(text, "12 orang")
    rec["numbers"].append({"text": "12 orang", "span": list(n), "value": 12, "low": 12, "high": None,
                           "qualifier": "exact", "unit": "people", "role": "killed"})
    rec["framing"]["slant"] = {"label": PAYLOAD_IMG, "score": 0.0, "evidence": []}
    return rec


def build_db(path: pathlib.Path, records: list[dict], merge: bool = True) -> pathlib.Path:
    store = Store(str(path))
    for i, rec in enumerate(records):
        store.put(rec, f"fixture-{i}-{rec['id']}")
    store.commit()
    if merge:  # as `pantau analyze` does at its end
        merge_store(store)
    store.close()
    return path


# -- the fixtures honour the contract ------------------------------------------------

def test_seed_records_have_exact_spans(shared):
    recs = seed_records(shared)
    assert len(recs) == 5
    for rec in recs:
        assert bad_spans(rec) == [], rec["id"]
    assert sum(len(r["events"]) for r in recs) >= 10
    assert sum(len(r["quotes"]) for r in recs) >= 8
    assert any(ev["place"]["lat"] is not None for r in recs for ev in r["events"])


def test_hostile_record_has_exact_spans():
    rec = hostile_record()
    assert bad_spans(rec) == []
    assert PAYLOAD_IMG in rec["title"] and PAYLOAD_SCRIPT in rec["text"]
