"""SQLite store (WAL + FTS5): articles, where each came from, and every extracted fact.

Exactly-once: an article is keyed by its stable id, and every input document by a
hash of its raw content (`inputs`). Both are written in the same transaction as the
article, so after a crash (even SIGKILL) a rerun skips what was committed and stores
the rest; nothing is stored twice. Exact duplicates (same cleaned text under another
id) collapse onto the first article, keeping every source they came from.
"""
from __future__ import annotations

import json
import sqlite3
import time
from typing import Any, Iterator

from .schema import (FACT_TABLES, FACTS_DDL, SCHEMA_VERSION, Prepared, StoreError, prepare,
                     same_analysis, stats_of)

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

# SQLite takes one writer at a time: a second `pantau analyze` into the same file waits this
# long for the first's transaction (each at most runner.COMMIT_SECONDS) before giving up
BUSY_SECONDS = 120.0
LOCKED = ("another process is writing {path} (waited {secs:.0f} s): SQLite takes one writer at a time; "
          "run the analyses one after another, or use a PostgreSQL store for many writers "
          "(--db postgresql://…, docs/scale.md)")


class Store:
    def __init__(self, path: str, *, readonly: bool = False):
        self.path = path
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                self.db = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_SECONDS)
                self._create()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row

    def _create(self) -> None:
        """WAL mode and the schema. Two processes creating one new file at once: switching it to WAL
        answers "database is locked" at once, without SQLite's busy wait, so the loser waits and retries."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(DDL)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                self.db.commit()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                self.db.rollback()
                time.sleep(0.05)

    # -- writing ---------------------------------------------------------------
    def set_meta(self, values: dict[str, str]) -> None:
        """Facts about the store (e.g. which Pantau and analysis version last wrote it)."""
        self._begin()
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))
        self.commit()

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta").fetchall())

    def _begin(self) -> None:
        """Take the write lock before reading what a write depends on: a second writer then
        waits for the first's commit and sees its rows (no UNIQUE failure on an id both stored)."""
        if not self.db.in_transaction:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise StoreError(LOCKED.format(path=self.path, secs=BUSY_SECONDS)) from None
                raise StoreError(f"cannot write database {self.path}: {exc}") from exc

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
        self._begin()
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
        self._begin()
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

    def replace_merged(self, merged_rows: list[tuple], report_rows: list[tuple]) -> None:
        """Replace the merged events (schema.merged_rows) in one transaction."""
        try:
            with self.db:
                self.db.execute("DELETE FROM merged_events")
                self.db.execute("DELETE FROM event_reports")
                if merged_rows:
                    self.db.executemany(f"INSERT INTO merged_events VALUES ({','.join('?' * len(merged_rows[0]))})",
                                        merged_rows)
                if report_rows:
                    self.db.executemany(f"INSERT INTO event_reports VALUES ({','.join('?' * len(report_rows[0]))})",
                                        report_rows)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write database {self.path}: {exc}") from exc

    # -- reading ---------------------------------------------------------------
    def get(self, aid: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM articles WHERE id=?", (aid,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_records(self, where: str = "", params: tuple = ()) -> Iterator[dict[str, Any]]:
        cur = self.db.execute(f"SELECT record FROM articles {where} ORDER BY rowid", params)
        for (rec,) in cur:
            yield json.loads(rec)

    def stored_times(self) -> dict[str, int]:
        """When each article was last stored (Unix seconds): ACLED's `timestamp` in exports."""
        return {r[0]: int(r[1]) for r in self.db.execute(
            "SELECT id, CAST(strftime('%s', updated_at) AS INTEGER) FROM articles") if r[1] is not None}

    def sources(self, aid: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT path, record, url, format FROM sources WHERE article_id=? ORDER BY path, record",
                               (aid,)).fetchall()
        return [{"path": r[0], "record": None if r[1] == -1 else r[1], "url": r[2], "format": r[3]} for r in rows]

    def count(self, table: str = "articles") -> int:
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def stats(self) -> dict[str, Any]:
        return stats_of(self, lambda sql: [tuple(r) for r in self.db.execute(sql).fetchall()])
