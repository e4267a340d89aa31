"""What both stores write: the schema of the fact tables, the rows one article becomes, and the
keys that make storing exactly-once (input and text hashes). Pure functions over the record.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, NamedTuple

SCHEMA_VERSION = 1

# the tables of facts and input keys, the same in both stores (pantau/store/postgres.py); "end" is quoted and
# DOUBLE PRECISION spelt out so that PostgreSQL reads the same text
FACTS_DDL = """
CREATE TABLE IF NOT EXISTS inputs (
  input_hash TEXT PRIMARY KEY,
  article_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
  article_id TEXT NOT NULL,
  path TEXT NOT NULL, record INTEGER NOT NULL DEFAULT -1,
  url TEXT, format TEXT,
  PRIMARY KEY (path, record)
);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
CREATE TABLE IF NOT EXISTS entities (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  text TEXT, start INTEGER, "end" INTEGER, type TEXT, kb_id TEXT, canonical TEXT,
  lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS entities_canonical ON entities(canonical);
CREATE TABLE IF NOT EXISTS events (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  event_id TEXT, event_type TEXT, sub_event_type TEXT,
  date TEXT, earliest TEXT, latest TEXT, precision TEXT,
  place TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, admin1 TEXT,
  actor1 TEXT, actor2 TEXT, fatalities INTEGER, attributed_to TEXT, confidence DOUBLE PRECISION,
  evidence TEXT, start INTEGER, "end" INTEGER,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_type ON events(event_type);
CREATE INDEX IF NOT EXISTS events_actor1 ON events(actor1);
CREATE INDEX IF NOT EXISTS events_actor2 ON events(actor2);
CREATE INDEX IF NOT EXISTS events_place ON events(place);
CREATE TABLE IF NOT EXISTS quotes (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  text TEXT, start INTEGER, "end" INTEGER, cue TEXT, speaker TEXT, speaker_canonical TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_speaker_canonical ON quotes(speaker_canonical);
CREATE TABLE IF NOT EXISTS labels (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  actor TEXT, label TEXT, start INTEGER, "end" INTEGER, valence TEXT, attributed_to TEXT, voice TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS labels_actor ON labels(actor);
CREATE TABLE IF NOT EXISTS merged_events (
  id TEXT PRIMARY KEY,
  event_type TEXT, sub_event_type TEXT, date TEXT, earliest TEXT, latest TEXT, precision TEXT,
  place TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, admin1 TEXT,
  actor1 TEXT, actor2 TEXT, fatalities INTEGER, confidence DOUBLE PRECISION, evidence TEXT,
  article_id TEXT, idx INTEGER, n_reports INTEGER, n_sources INTEGER, first_reported TEXT, last_reported TEXT,
  outlets TEXT, place_rank DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS merged_events_date ON merged_events(date);
CREATE INDEX IF NOT EXISTS merged_events_type ON merged_events(event_type);
CREATE TABLE IF NOT EXISTS event_reports (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, merged_id TEXT NOT NULL,
  outlet TEXT, published TEXT, confidence DOUBLE PRECISION, fatalities INTEGER,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS event_reports_merged ON event_reports(merged_id);
"""

# merged events: the reports (article events) of one happening across articles, rebuilt whole by
# `pantau merge` (and at the end of `pantau analyze`); see pantau/merge.py
MERGED_COLUMNS = ("id", "event_type", "sub_event_type", "date", "earliest", "latest", "precision", "place", "lat",
                  "lon", "country", "admin1", "actor1", "actor2", "fatalities", "confidence", "evidence",
                  "article_id", "idx", "n_reports", "n_sources", "first_reported", "last_reported", "outlets",
                  "place_rank")
REPORT_COLUMNS = ("article_id", "idx", "merged_id", "outlet", "published", "confidence", "fatalities")


def merged_rows(merged: list[dict[str, Any]]) -> tuple[list[tuple], list[tuple]]:
    """Rows of merged_events and event_reports for merged events (pantau.merge.merge)."""
    ms, rs = [], []
    for m in merged:
        ms.append(tuple("; ".join(m["outlets"]) if c == "outlets" else m.get(c) for c in MERGED_COLUMNS))
        for r in m["reports"]:
            rs.append((r["article_id"], r["idx"], m["id"], r.get("outlet"), r.get("published"), r.get("confidence"),
                       r.get("fatalities")))
    return ms, rs

FACT_TABLES = ("entities", "events", "quotes", "labels")


class StoreError(Exception):
    """The database cannot be opened or written (the run cannot go on)."""


def input_hash(raw: dict[str, Any], pipeline_version: str) -> str:
    """Identity of one input document as read, plus the analysis version that saw it."""
    h = hashlib.sha1(pipeline_version.encode())
    for key in ("input_id", "url", "title", "body", "published", "outlet", "author"):
        h.update(b"\x00" + str(raw.get(key) or "").encode("utf-8", "surrogatepass"))
    src = raw.get("source") or {}
    h.update(b"\x00" + f"{src.get('path')}#{src.get('record')}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()

STATS_SQL = {  # ties in count are ordered by name, so both stores list the same rows in the same order
    "by_outlet": "SELECT coalesce(outlet,'(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1",
    "by_month": "SELECT coalesce(substr(published,1,7),'(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 1",
    "by_language": "SELECT coalesce(language,'(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1",
}


def stats_of(store, fetch) -> dict[str, Any]:
    """Counts and breakdowns for `pantau stats` and the API, from either store."""
    out: dict[str, Any] = {t: store.count(t) for t in ("articles", "sources", "entities", "events", "quotes")}
    out.update({key: fetch(sql) for key, sql in STATS_SQL.items()})
    return out


def fact_rows(a: dict[str, Any]) -> dict[str, list[tuple]]:
    """The rows of the fact tables for one article (both stores write these)."""
    aid = a["id"]
    ents = [(aid, i, e.get("text"), *e["span"], e.get("type"), e.get("id"), e.get("canonical"),
             *(_geo(e.get("geo")))) for i, e in enumerate(a.get("entities") or [])]
    evs = []
    for i, ev in enumerate(a.get("events") or []):
        d = ev.get("date") or {}
        p = ev.get("place") or {}
        evid = ev.get("evidence") or {}
        span = evid.get("span") or [None, None]
        evs.append((aid, i, ev.get("id"), ev.get("event_type"), ev.get("sub_event_type"),
                    d.get("value"), d.get("earliest"), d.get("latest"), d.get("precision"),
                    p.get("name"), p.get("lat"), p.get("lon"), p.get("country"), p.get("admin1"),
                    _actor(ev.get("actor1")), _actor(ev.get("actor2")), ev.get("fatalities"),
                    ev.get("attributed_to"), ev.get("confidence"), evid.get("text"), *span))
    qs = []
    for i, q in enumerate(a.get("quotes") or []):
        sp = q.get("speaker") or {}
        qs.append((aid, i, q.get("text"), *q["span"], q.get("cue"), sp.get("text"), sp.get("canonical")))
    labs = [(aid, i, lab.get("actor"), lab.get("label"), *lab["span"], lab.get("valence"),
             lab.get("attributed_to"), lab.get("voice"))
            for i, lab in enumerate((a.get("framing") or {}).get("labels") or [])]
    return {"entities": ents, "events": evs, "quotes": qs, "labels": labs}


class Prepared(NamedTuple):
    """One analysed article as the rows both stores write (see `prepare`)."""
    id: str
    text_hash: str
    columns: tuple  # the articles row from title to n_chars (store.DDL order)
    record: str  # the record as stored: JSON with sorted keys
    facts: dict  # fact_rows()
    title: str  # for full-text search: title, body (text after the title), stems of the text
    body: str
    stems: str
    source: dict


def prepare(a: dict[str, Any], stems: str | None = None) -> Prepared:
    """What storing an article writes, computed from the record alone. A pure function, so the
    workers of `pantau analyze --workers N` run it next to the analysis: the parent, the single
    writer, then only executes the inserts, and the record crosses the process boundary as
    strings and tuples, which pickle far faster than the nested dict."""
    text = a.get("text") or ""
    pub = a.get("published") or {}
    src = a.get("source") or {}
    slant = ((a.get("framing") or {}).get("slant") or {}).get("label")
    columns = (a.get("title"), (a.get("outlet") or {}).get("name"), a.get("author"), a.get("language"),
               pub.get("date"), pub.get("earliest"), pub.get("latest"), pub.get("precision"),
               src.get("url"), slant, len(text))
    return Prepared(a["id"], text_hash(text), columns, _dumps(a), fact_rows(a), a.get("title") or "",
                    text[a.get("body_start") or 0:], stems if stems is not None else stems_of(text), src)


def same_analysis(stored: str, record: str) -> bool:
    """Whether two stored records (JSON) hold the same analysis, where each was read from aside."""
    a, b = json.loads(stored), json.loads(record)
    for rec in (a, b):  # where it was read from and which release wrote it are not the analysis
        rec.pop("source", None)
        rec.pop("pantau", None)
    return _dumps(a) == _dumps(b)


def stems_of(text: str) -> str:
    """Stemmed copy of the text for FTS (so 'pengepungan' finds 'kepung')."""
    from .search import stem_text  # local: stemming is only needed when writing

    return stem_text(text)


def _dumps(a: dict[str, Any]) -> str:
    return json.dumps(a, ensure_ascii=False, sort_keys=True)


def _geo(geo: dict | None) -> tuple:
    geo = geo or {}
    return geo.get("lat"), geo.get("lon"), geo.get("country")


def _actor(actor: dict | None) -> str | None:
    if not actor:
        return None
    return actor.get("canonical") or actor.get("text")
