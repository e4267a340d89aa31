"""The Python API for notebooks and scripts: `pantau.analyze_text` and `pantau.open`.

    import pantau
    rec = pantau.analyze_text("Tentara Suriah merebut Aleppo pada Kamis (22/12).", title="Aleppo")
    db = pantau.open("pantau.db")
    db.events(place="Halab")       # pandas DataFrames (the `pandas` extra)
    db.search("pengepungan Aleppo")

analyze_text gives the contract record (docs/interface.md) as a dict; `open` reads a store
written by `pantau analyze` (SQLite file) through the same queries as the REST API, so the
filters accept what the API's do (actor/place: any KB alias, any case).
"""
from __future__ import annotations

from typing import Any

from .extras import need


def analyze_text(text: str, title: str | None = None, url: str | None = None,
                 published: str | None = None) -> dict[str, Any]:
    """Analyse one article's text; returns the contract record (schema pantau.article/1).
    `published`: the publication date if known (ISO date or datetime)."""
    from . import pipeline

    if not isinstance(text, str):
        raise TypeError(f"analyze_text needs the article's text as a str, not {type(text).__name__}")
    return pipeline.analyze(pipeline.document_of(text, title=title, url=url, published=published))


class Database:
    """A Pantau store opened for reading; each view is a pandas DataFrame."""

    def __init__(self, path: str):
        import os

        from .store import Store

        if not os.path.exists(path):
            raise FileNotFoundError(f"no database at {path} (write one with 'pantau analyze … --db {path}')")
        self.path = path
        self.store = Store(path, readonly=True)

    def __repr__(self) -> str:
        return f"pantau.open({self.path!r})"

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def meta(self) -> dict[str, str]:
        """schema_version, pantau_version and analysis_version of the last run that wrote it."""
        return self.store.meta()

    def events(self, limit: int = 100_000, **filters: Any):
        """Events, newest first; filters as the REST API's /api/events (event_type, place, actor,
        country, outlet, date_from, date_to, located, q, article_id)."""
        return self._frame(self._all(api_fn="list_events", limit=limit, **filters))

    def articles(self, limit: int = 100_000, **filters: Any):
        """Articles, newest first, with counts of their facts; filters as /api/articles
        (outlet, date_from, date_to, slant, actor, place, event_type)."""
        return self._frame(self._all(api_fn="list_articles", limit=limit, **filters))

    def search(self, q: str, limit: int = 1000, **filters: Any):
        """Full-text search (Indonesian stemming; "phrases", OR, -word), best match first."""
        return self._frame(self._all(api_fn="search_articles", limit=limit, query=q, **filters))

    def record(self, article_id: str) -> dict[str, Any] | None:
        """One article's full contract record."""
        from . import api

        return api.get_article(self.store, article_id)

    def _all(self, api_fn: str, limit: int, query: str | None = None, **filters: Any) -> tuple[list, dict]:
        from . import api

        fn = getattr(api, api_fn)
        items, matched, offset = [], {}, 0
        while len(items) < limit:
            page_size = min(api.MAX_LIMIT, limit - len(items))
            args = (query,) if query is not None else ()
            page = fn(self.store, *args, limit=page_size, offset=offset, **filters)
            matched = page.get("matched") or matched
            items += page["items"]
            offset += len(page["items"])
            if len(page["items"]) < page_size or offset >= page.get("total", 0):
                break
        return items, matched

    @staticmethod
    def _frame(result: tuple[list, dict]):
        pd = need("pandas")
        items, matched = result
        df = pd.DataFrame(items)
        df.attrs["matched"] = matched  # which canonical name an actor/place filter was taken for
        return df


def open(db: str) -> Database:  # noqa: A001 - pantau.open, as in sqlite3.connect / shelve.open
    """Open a Pantau SQLite store for reading (see Database)."""
    return Database(db)
