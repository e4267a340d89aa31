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

from ..extras import need
from .schema import (FACT_TABLES, FACTS_DDL, SCHEMA_VERSION, Prepared, StoreError, prepare, same_analysis, stats_of)

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
""" + FACTS_DDL

_SCHEMA_LOCK = 0x70616E74  # advisory lock key: writers starting together create the schema once


def is_postgres(db: str) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


class PgStore:
    def __init__(self, url: str, *, readonly: bool = False):
        self.path = _redact(url)
        psycopg = need("psycopg")  # MissingExtra: pip install 'pantau[postgres]'
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
    def set_meta(self, values: dict[str, str]) -> None:
        """Facts about the store (e.g. which Pantau and analysis version last wrote it)."""
        for key, value in values.items():
            self.db.execute("INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                            (key, value))

    def known_input(self, ihash: str) -> str | None:
        row = self.db.execute("SELECT article_id FROM inputs WHERE input_hash=%s", (ihash,)).fetchone()
        return row[0] if row else None

    def put(self, article: dict[str, Any], ihash: str | None, stems: str | None = None) -> str:
        """Store one analysed article in its own transaction; returns 'new', 'updated',
        'unchanged' or 'duplicate' (also when another writer stored it first)."""
        return self.put_prepared(prepare(article, stems), ihash)

    def put_prepared(self, prep: Prepared, ihash: str | None) -> str:
        """put() of an article a worker has already turned into rows (store.prepare)."""
        try:
            with self.db.transaction():
                return self._put(prep, ihash)
        except self._errors as exc:
            raise StoreError(f"cannot write database {self.path}: {str(exc).strip()}") from exc

    def _put(self, prep: Prepared, ihash: str | None) -> str:
        aid, thash, src = prep.id, prep.text_hash, prep.source
        q = self.db.execute
        existing = q("SELECT text_hash, record FROM articles WHERE id=%s", (aid,)).fetchone()
        if existing is None:
            row = self._article_row(prep)
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
                self._write_facts(prep.facts)
                self._note(aid, ihash, src)
                return "new"
        if existing[0] == thash and same_analysis(existing[1], prep.record):
            outcome = "unchanged"
        else:
            row = self._article_row(prep)
            q("UPDATE articles SET text_hash=%s, title=%s, outlet=%s, author=%s, language=%s, published=%s,"
              " published_earliest=%s, published_latest=%s, published_precision=%s, url=%s, slant=%s, n_chars=%s,"
              " record=%s, fts=to_tsvector('simple', %s), updated_at=now() WHERE id=%s", row)
            for table in FACT_TABLES:
                q(f"DELETE FROM {table} WHERE article_id=%s", (aid,))
            self._write_facts(prep.facts)
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

    @staticmethod
    def _article_row(prep: Prepared) -> tuple:
        words = " ".join((prep.title, prep.body, prep.stems))
        return (prep.text_hash,) + prep.columns + (prep.record, words.lower(), prep.id)

    def _write_facts(self, facts: dict[str, list[tuple]]) -> None:
        cur = self.db.cursor()
        for table, rows in facts.items():
            if rows:
                cur.executemany(f"INSERT INTO {table} VALUES ({','.join(['%s'] * len(rows[0]))})", rows)

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

    def replace_merged(self, merged_rows: list[tuple], report_rows: list[tuple]) -> None:
        """Replace the merged events (schema.merged_rows) in one transaction; one merge at a time."""
        try:
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK + 1,))
                self.db.execute("DELETE FROM merged_events")
                self.db.execute("DELETE FROM event_reports")
                with self.db.cursor() as cur:
                    if merged_rows:
                        cur.executemany(f"INSERT INTO merged_events VALUES ({','.join(['%s'] * len(merged_rows[0]))})",
                                        merged_rows)
                    if report_rows:
                        cur.executemany(f"INSERT INTO event_reports VALUES ({','.join(['%s'] * len(report_rows[0]))})",
                                        report_rows)
        except self._errors as exc:
            raise StoreError(f"cannot write database {self.path}: {str(exc).strip()}") from exc

    def stored_times(self) -> dict[str, int]:
        """When each article was last stored (Unix seconds): ACLED's `timestamp` in exports."""
        rows = self.db.execute("SELECT id, CAST(extract(epoch FROM updated_at) AS BIGINT) FROM articles").fetchall()
        return {r[0]: int(r[1]) for r in rows if r[1] is not None}

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
        return stats_of(self, lambda sql: [tuple(r) for r in self.db.execute(sql).fetchall()])

    def search(self, query: str, *, limit: int = 20) -> dict[str, Any]:
        """The query language of pantau.store.search (words match their form or their stem, "phrases",
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
    """pantau.store.search's query language as a PostgreSQL tsquery ('simple' configuration)."""
    from .search import parse_query, stem_word

    def lex(w: str) -> str:
        return "'" + w.lower().replace("'", "") + "'"

    out: list[str] = []
    for p in parse_query(query):
        if p == "OR":
            if out and out[-1] not in ("|", "&"):
                out.append("|")
            continue
        if p == "AND":
            continue
        neg, kind, words = p
        if kind == "phrase":
            expr = "(" + " <-> ".join(lex(w) for w in words) + ")"
        else:
            expr = "(" + " <-> ".join("(" + " | ".join(lex(f) for f in sorted({w.lower(), stem_word(w)})) + ")"
                                      for w in words) + ")"
        if out and out[-1] not in ("|", "&"):
            out.append("&")
        out.append(("!" if neg else "") + expr)
    return " ".join(out)


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
