"""PostgreSQL store: the same records, facts and exactly-once keys as the SQLite store, for
many writers at once (several `pantau analyze` runs, on one machine or many, into one database).

`--db postgresql://user@host/dbname` (or `postgres://…`) selects it wherever `--db` is taken,
except `pantau serve`: the dashboard reads SQLite (`pantau copy` brings a PostgreSQL store
into a SQLite file, and back).

Why it is safe with many writers: every article is written in its own transaction, so a
writer never holds one article's locks while waiting for another's (no deadlocks across
articles), and every insert says what to do on a conflict. An article id, a cleaned-text hash
(unique here, an index in SQLite) and an input hash can each be written once; the writer that
loses a race sees the winner's row and records a duplicate or an unchanged input, as a rerun
would. `synchronous_commit` is off for these sessions: a server crash may lose the last few
commits, whole, and a rerun redoes exactly those. Needs the `postgres` extra (psycopg 3).
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from .store import SCHEMA_VERSION, StoreError, _actor, _dumps, _geo, stems_of, text_hash

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
  seq BIGSERIAL UNIQUE,
  id TEXT PRIMARY KEY,
  text_hash TEXT NOT NULL UNIQUE,
  title TEXT, outlet TEXT, author TEXT, language TEXT,
  published TEXT, published_earliest TEXT, published_latest TEXT, published_precision TEXT,
  url TEXT, slant TEXT,
  n_chars INTEGER,
  record TEXT NOT NULL,
  fts TSVECTOR,
  created_at TIMESTAMPTZ DEFAULT now(),
  updated_at TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN (fts);
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
CREATE INDEX IF NOT EXISTS quotes_speaker_canonical ON quotes(speaker_canonical);
CREATE TABLE IF NOT EXISTS labels (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  actor TEXT, label TEXT, start INTEGER, "end" INTEGER, valence TEXT, attributed_to TEXT, voice TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS labels_actor ON labels(actor);
"""

FACT_TABLES = ("entities", "events", "quotes", "labels")
_SCHEMA_LOCK = 0x70616E74  # advisory lock key: writers starting together create the schema once


def is_postgres(db: str) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


class PgStore:
    def __init__(self, url: str, *, readonly: bool = False):
        self.path = _redact(url)
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("a PostgreSQL store needs psycopg: pip install 'pantau[postgres]'") from exc
        self._errors = psycopg.Error
        try:
            self.db = psycopg.connect(url, autocommit=True)
            if readonly:
                self.db.execute("SET default_transaction_read_only = on")
            else:
                self.db.execute("SET synchronous_commit = off")
                with self.db.transaction():
                    self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                    self.db.execute(DDL)
                    self.db.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT DO NOTHING",
                                    (str(SCHEMA_VERSION),))
        except psycopg.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {str(exc).strip()}") from exc

    # -- writing ---------------------------------------------------------------
    def known_input(self, ihash: str) -> str | None:
        row = self.db.execute("SELECT article_id FROM inputs WHERE input_hash=%s", (ihash,)).fetchone()
        return row[0] if row else None

    def put(self, article: dict[str, Any], ihash: str | None, stems: str | None = None) -> str:
        """Store one analysed article in its own transaction; returns 'new', 'updated',
        'unchanged' or 'duplicate' (also when another writer stored it first)."""
        try:
            with self.db.transaction():
                return self._put(article, ihash, stems)
        except self._errors as exc:
            raise StoreError(f"cannot write database {self.path}: {str(exc).strip()}") from exc

    def _put(self, article: dict[str, Any], ihash: str, stems: str | None) -> str:
        aid = article["id"]
        thash = text_hash(article["text"])
        src = article.get("source") or {}
        q = self.db.execute
        existing = q("SELECT text_hash, record FROM articles WHERE id=%s", (aid,)).fetchone()
        if existing is None:
            row = self._article_row(article, thash, stems)
            inserted = q("INSERT INTO articles(text_hash, title, outlet, author, language, published,"
                         " published_earliest, published_latest, published_precision, url, slant, n_chars, record,"
                         " fts, id) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"
                         " to_tsvector('simple', %s), %s) ON CONFLICT DO NOTHING RETURNING id", row).fetchone()
            if inserted is None:  # the same id or the same text is already there (another writer, or a copy)
                same_id = q("SELECT text_hash, record FROM articles WHERE id=%s", (aid,)).fetchone()
                if same_id is None:
                    dup = q("SELECT id FROM articles WHERE text_hash=%s", (thash,)).fetchone()
                    self._note(dup[0], ihash, src)
                    return "duplicate"
                existing = same_id
            else:
                self._write_facts(article)
                self._note(aid, ihash, src)
                return "new"
        if existing[0] == thash and _same(existing[1], article):
            outcome = "unchanged"
        else:
            row = self._article_row(article, thash, stems)
            q("UPDATE articles SET text_hash=%s, title=%s, outlet=%s, author=%s, language=%s, published=%s,"
              " published_earliest=%s, published_latest=%s, published_precision=%s, url=%s, slant=%s, n_chars=%s,"
              " record=%s, fts=to_tsvector('simple', %s), updated_at=now() WHERE id=%s", row)
            for table in FACT_TABLES:
                q(f"DELETE FROM {table} WHERE article_id=%s", (aid,))
            self._write_facts(article)
            outcome = "updated"
        self._note(aid, ihash, src)
        return outcome

    def note_input(self, ihash: str, article_id: str, source: dict[str, Any]) -> None:
        with self.db.transaction():
            self._note(article_id, ihash, source)

    def add_source(self, article_id: str, source: dict[str, Any]) -> None:
        with self.db.transaction():
            self._note(article_id, None, source)

    def _note(self, aid: str, ihash: str | None, src: dict[str, Any]) -> None:
        rec = src.get("record")
        self.db.execute(
            "INSERT INTO sources(article_id, path, record, url, format) VALUES (%s,%s,%s,%s,%s)"
            " ON CONFLICT (path, record) DO UPDATE SET article_id=EXCLUDED.article_id, url=EXCLUDED.url,"
            " format=EXCLUDED.format",
            (aid, str(src.get("path")), -1 if rec is None else int(rec), src.get("url"), src.get("format")))
        if ihash is not None:
            self.db.execute("INSERT INTO inputs VALUES (%s, %s) ON CONFLICT (input_hash) DO UPDATE"
                            " SET article_id=EXCLUDED.article_id", (ihash, aid))

    def add_input(self, ihash: str, article_id: str) -> None:
        """An input hash known elsewhere (pantau copy): reruns against this store skip it."""
        self.db.execute("INSERT INTO inputs VALUES (%s, %s) ON CONFLICT DO NOTHING", (ihash, article_id))

    def commit(self) -> None:
        """Nothing to do: every put is its own transaction."""

    def close(self) -> None:
        self.db.close()

    def _article_row(self, a: dict[str, Any], thash: str, stems: str | None) -> tuple:
        pub = a.get("published") or {}
        slant = ((a.get("framing") or {}).get("slant") or {}).get("label")
        text = a.get("text") or ""
        body = text[a.get("body_start") or 0:]
        words = " ".join((a.get("title") or "", body, stems if stems is not None else stems_of(text)))
        return (thash, a.get("title"), (a.get("outlet") or {}).get("name"), a.get("author"), a.get("language"),
                pub.get("date"), pub.get("earliest"), pub.get("latest"), pub.get("precision"),
                (a.get("source") or {}).get("url"), slant, len(text), _dumps(a), words.lower(), a["id"])

    def _write_facts(self, a: dict[str, Any]) -> None:
        aid = a["id"]
        cur = self.db.cursor()
        ents = [(aid, i, e.get("text"), *e["span"], e.get("type"), e.get("id"), e.get("canonical"),
                 *(_geo(e.get("geo")))) for i, e in enumerate(a.get("entities") or [])]
        if ents:
            cur.executemany("INSERT INTO entities VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", ents)
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
        if evs:
            cur.executemany("INSERT INTO events VALUES (" + ",".join(["%s"] * 22) + ")", evs)
        qs = []
        for i, qt in enumerate(a.get("quotes") or []):
            sp = qt.get("speaker") or {}
            qs.append((aid, i, qt.get("text"), *qt["span"], qt.get("cue"), sp.get("text"), sp.get("canonical")))
        if qs:
            cur.executemany("INSERT INTO quotes VALUES (%s,%s,%s,%s,%s,%s,%s,%s)", qs)
        labs = [(aid, i, lab.get("actor"), lab.get("label"), *lab["span"], lab.get("valence"),
                 lab.get("attributed_to"), lab.get("voice"))
                for i, lab in enumerate((a.get("framing") or {}).get("labels") or [])]
        if labs:
            cur.executemany("INSERT INTO labels VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)", labs)

    # -- reading ---------------------------------------------------------------
    def get(self, aid: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM articles WHERE id=%s", (aid,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every record in the order stored, streamed (a server-side cursor)."""
        with self.db.transaction():
            with self.db.cursor(name="pantau_records") as cur:
                cur.itersize = 500
                cur.execute("SELECT record FROM articles ORDER BY seq")
                for (rec,) in cur:
                    yield json.loads(rec)

    def iter_inputs(self) -> Iterator[tuple[str, str]]:
        with self.db.transaction():
            with self.db.cursor(name="pantau_inputs") as cur:
                cur.execute("SELECT input_hash, article_id FROM inputs ORDER BY input_hash")
                yield from cur

    def sources(self, aid: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT path, record, url, format FROM sources WHERE article_id=%s"
                               " ORDER BY path, record", (aid,)).fetchall()
        return [{"path": r[0], "record": None if r[1] == -1 else r[1], "url": r[2], "format": r[3]} for r in rows]

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "sources", "inputs") + FACT_TABLES:
            raise ValueError(f"no table {table}")
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def stats(self) -> dict[str, Any]:
        def rows(sql):
            return [tuple(r) for r in self.db.execute(sql).fetchall()]
        return {
            "articles": self.count("articles"),
            "sources": self.count("sources"),
            "entities": self.count("entities"),
            "events": self.count("events"),
            "quotes": self.count("quotes"),
            "by_outlet": rows("SELECT coalesce(outlet,'(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"),
            "by_month": rows("SELECT coalesce(substr(published,1,7),'(unknown)'), count(*) FROM articles"
                             " GROUP BY 1 ORDER BY 1"),
            "by_language": rows("SELECT coalesce(language,'(unknown)'), count(*) FROM articles"
                                " GROUP BY 1 ORDER BY 2 DESC, 1"),
        }

    def search(self, query: str, *, limit: int = 20) -> dict[str, Any]:
        """The query language of pantau.search (words match their form or their stem, "phrases",
        OR, -exclusions) over PostgreSQL full-text search; same result shape as api.search_articles."""
        tsq = ts_query(query)
        if not tsq:
            return {"total": 0, "items": [], "query": query, "limit": limit, "offset": 0,
                    "error": "nothing to search for"}
        q = self.db.execute
        total = q("SELECT count(*) FROM articles WHERE fts @@ to_tsquery('simple', %s)", (tsq,)).fetchone()[0]
        rows = q("SELECT id, title, outlet, published, slant,"
                 " ts_headline('simple', coalesce(record::json->>'text', ''), to_tsquery('simple', %s),"
                 "  'StartSel=[, StopSel=], MaxWords=24, MinWords=8')"
                 " FROM articles WHERE fts @@ to_tsquery('simple', %s)"
                 " ORDER BY ts_rank(fts, to_tsquery('simple', %s)) DESC, seq LIMIT %s",
                 (tsq, tsq, tsq, limit)).fetchall()
        items = [{"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "slant": r[4], "snippet": r[5] or ""}
                 for r in rows]
        return {"total": total, "items": items, "query": query, "limit": limit, "offset": 0}


def ts_query(query: str) -> str:
    """pantau.search's query language as a PostgreSQL tsquery ('simple' configuration)."""
    import re

    from .search import _TERM, _WORD, stem_word

    def lex(w: str) -> str:
        return "'" + w.lower().replace("'", "") + "'"

    parts: list[str] = []
    for m in _TERM.finditer(query or ""):
        neg, phrase, neg2, word = m.group(1), m.group(2), m.group(3), m.group(4)
        if phrase is not None:
            words = [w for w in _WORD.findall(phrase)]
            if words:
                parts.append(("!" if neg else "") + "(" + " <-> ".join(lex(w) for w in words) + ")")
            continue
        if word.upper() in ("OR", "AND"):
            parts.append(word.upper())
            continue
        words = _WORD.findall(word)
        if not words:
            continue
        alts = []
        for w in words:
            forms = {w.lower(), stem_word(w)}
            alts.append("(" + " | ".join(lex(f) for f in sorted(forms)) + ")")
        parts.append(("!" if neg2 else "") + "(" + " <-> ".join(alts) + ")")
    while parts and parts[-1] in ("OR", "AND"):
        parts.pop()
    while parts and parts[0] in ("OR", "AND"):
        parts.pop(0)
    if not parts or parts[0].startswith("!"):
        return ""
    out: list[str] = []
    for p in parts:
        if p == "OR":
            if out and out[-1] not in ("|", "&"):
                out.append("|")
            continue
        if p == "AND":
            continue
        if out and out[-1] not in ("|", "&"):
            out.append("&")
        out.append(p)
    return re.sub(r"\s+", " ", " ".join(out))


def _same(stored_json: str, article: dict[str, Any]) -> bool:
    stored = json.loads(stored_json)
    stored.pop("source", None)
    return _dumps(stored) == _dumps({k: v for k, v in article.items() if k != "source"})


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
