"""SQLite store (WAL + FTS5): articles, where each came from, and every extracted fact.

Exactly-once: an article is keyed by its stable id, and every input document by a
hash of its raw content (`inputs`). Both are written in the same transaction as the
article, so after a crash (even SIGKILL) a rerun skips what was committed and stores
the rest; nothing is stored twice. Exact duplicates (same cleaned text under another
id) collapse onto the first article, keeping every source they came from.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, Iterator, NamedTuple

SCHEMA_VERSION = 1

# the tables of facts and input keys, the same in both stores (pantau.store_pg); "end" is quoted and
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
"""

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  text_hash TEXT NOT NULL,
  title TEXT, outlet TEXT, author TEXT, language TEXT,
  published TEXT, published_earliest TEXT, published_latest TEXT, published_precision TEXT,
  url TEXT, slant TEXT,
  n_chars INTEGER,
  record TEXT NOT NULL,
  created_at TEXT DEFAULT (datetime('now')),
  updated_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS articles_text_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
""" + FACTS_DDL + """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  id UNINDEXED, title, body, stems, tokenize = 'unicode61 remove_diacritics 2'
);
"""

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


def open_store(db: str, *, readonly: bool = False):
    """The store `--db` names: a PostgreSQL URL (postgresql://…, many writers; pantau.store_pg)
    or a SQLite file path (the default, embedded)."""
    from .store_pg import PgStore, is_postgres

    if is_postgres(db):
        return PgStore(db, readonly=readonly)
    return Store(db, readonly=readonly)


def copy_store(src, dst) -> tuple[int, int]:
    """Every record (and every input hash, so reruns against `dst` skip the work) from one store
    into another, e.g. a shared PostgreSQL store into a SQLite file for the dashboard.
    Returns (articles written, input hashes)."""
    n = 0
    for i, rec in enumerate(src.iter_records(), 1):
        n += dst.put(rec, None) in ("new", "updated")
        for source in src.sources(rec["id"]):
            dst.add_source(rec["id"], source)
        if i % 500 == 0:
            dst.commit()
    k = 0
    for ihash, aid in src.iter_inputs():
        dst.add_input(ihash, aid)
        k += 1
    dst.commit()
    return n, k


class Store:
    def __init__(self, path: str, *, readonly: bool = False):
        self.path = path
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                self.db = sqlite3.connect(path, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(DDL)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                self.db.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row

    # -- writing ---------------------------------------------------------------
    def known_input(self, ihash: str) -> str | None:
        row = self.db.execute("SELECT article_id FROM inputs WHERE input_hash=?", (ihash,)).fetchone()
        return row[0] if row else None

    def put(self, article: dict[str, Any], ihash: str | None, stems: str | None = None) -> str:
        """Store one analysed article; returns 'new', 'updated', 'unchanged' or 'duplicate'.
        `ihash` keys the input it came from (None: no input, e.g. when copying a store).

        `stems` is the stemmed text for search when a worker already computed it.
        Runs inside the caller's transaction (see `commit`)."""
        return self.put_prepared(prepare(article, stems), ihash)

    def put_prepared(self, prep: "Prepared", ihash: str | None) -> str:
        """put() of an article a worker has already turned into rows (see `prepare`)."""
        aid = prep.id
        existing = self.db.execute("SELECT text_hash FROM articles WHERE id=?", (aid,)).fetchone()
        if existing is None:
            dup = self.db.execute("SELECT id FROM articles WHERE text_hash=? LIMIT 1",
                                  (prep.text_hash,)).fetchone()
            if dup is not None:
                self._add_source(dup[0], prep.source)
                if ihash is not None:
                    self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?)", (ihash, dup[0]))
                return "duplicate"
            self._write_article(prep, insert=True)
            outcome = "new"
        elif existing[0] == prep.text_hash and self._same_record(aid, prep.record):
            outcome = "unchanged"
        else:
            self._write_article(prep, insert=False)
            outcome = "updated"
        self._add_source(aid, prep.source)
        if ihash is not None:
            self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?)", (ihash, aid))
        return outcome

    def note_input(self, ihash: str, article_id: str, source: dict[str, Any]) -> None:
        """An input seen again that maps onto a stored article (rerun, or a copy)."""
        self._add_source(article_id, source)
        self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?)", (ihash, article_id))

    def add_input(self, ihash: str, article_id: str) -> None:
        """An input hash known elsewhere (pantau copy): reruns against this store skip it."""
        self.db.execute("INSERT OR IGNORE INTO inputs VALUES (?, ?)", (ihash, article_id))

    def add_source(self, article_id: str, source: dict[str, Any]) -> None:
        self._add_source(article_id, source)

    def iter_inputs(self) -> Iterator[tuple[str, str]]:
        yield from self.db.execute("SELECT input_hash, article_id FROM inputs ORDER BY input_hash")

    def commit(self) -> None:
        try:
            self.db.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write database {self.path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def _same_record(self, aid: str, record: str) -> bool:
        """Same analysis (where it was read from aside: that goes to `sources`)."""
        row = self.db.execute("SELECT record FROM articles WHERE id=?", (aid,)).fetchone()
        return row is not None and same_analysis(row[0], record)

    def _add_source(self, aid: str, src: dict[str, Any]) -> None:
        rec = src.get("record")
        self.db.execute(
            "INSERT OR REPLACE INTO sources(article_id, path, record, url, format) VALUES (?,?,?,?,?)",
            (aid, str(src.get("path")), -1 if rec is None else int(rec), src.get("url"), src.get("format")))

    def _write_article(self, prep: "Prepared", *, insert: bool) -> None:
        aid = prep.id
        row = (prep.text_hash,) + prep.columns + (prep.record, aid)
        if insert:
            self.db.execute(
                "INSERT INTO articles(text_hash, title, outlet, author, language, published, published_earliest,"
                " published_latest, published_precision, url, slant, n_chars, record, id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
        else:
            self.db.execute(
                "UPDATE articles SET text_hash=?, title=?, outlet=?, author=?, language=?, published=?,"
                " published_earliest=?, published_latest=?, published_precision=?, url=?, slant=?, n_chars=?,"
                " record=?, updated_at=datetime('now') WHERE id=?", row)
            for table in FACT_TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE article_id=?", (aid,))
            self.db.execute("DELETE FROM articles_fts WHERE id=?", (aid,))
        for table, rows in prep.facts.items():
            if rows:
                self.db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
        self.db.execute("INSERT INTO articles_fts(id, title, body, stems) VALUES (?,?,?,?)",
                        (aid, prep.title, prep.body, prep.stems))

    # -- reading ---------------------------------------------------------------
    def get(self, aid: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM articles WHERE id=?", (aid,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_records(self, where: str = "", params: tuple = ()) -> Iterator[dict[str, Any]]:
        cur = self.db.execute(f"SELECT record FROM articles {where} ORDER BY rowid", params)
        for (rec,) in cur:
            yield json.loads(rec)

    def sources(self, aid: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT path, record, url, format FROM sources WHERE article_id=? ORDER BY path, record",
                               (aid,)).fetchall()
        return [{"path": r[0], "record": None if r[1] == -1 else r[1], "url": r[2], "format": r[3]} for r in rows]

    def count(self, table: str = "articles") -> int:
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def stats(self) -> dict[str, Any]:
        return stats_of(self, lambda sql: [tuple(r) for r in self.db.execute(sql).fetchall()])


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
    a.pop("source", None)
    b.pop("source", None)
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
