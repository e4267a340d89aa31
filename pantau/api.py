"""Read-side Python API over the store: the functions the CLI, REST API and dashboard share.

Every list takes `limit`/`offset` (clamped to MAX_LIMIT) and returns
{"total", "limit", "offset", "items"}; every filter is optional. Dates are ISO
strings compared as text, and an upper bound is inclusive of everything it prefixes
("2016-12" includes "2016-12-31"). All functions only read.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from .search import fts_query
from .store import Store

MAX_LIMIT = 500
MAX_FACET_VALUES = 15
MAX_BUCKETS = 3000
EVENT_COLUMNS = ("event_id", "event_type", "sub_event_type", "date", "earliest", "latest", "precision", "place",
                 "lat", "lon", "country", "admin1", "actor1", "actor2", "fatalities", "attributed_to", "confidence",
                 "evidence", "start", "end")


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def _offset(offset: int) -> int:
    return max(0, int(offset))


def _upper(date_to: str) -> str:
    # '~' sorts after every digit and '-', so "2016-12~" bounds all of December
    return date_to + "~"


def _page(total: int, limit: int, offset: int, items: list) -> dict[str, Any]:
    return {"total": total, "limit": _limit(limit), "offset": _offset(offset), "items": items}


class _Where:
    """Collects SQL conditions with their parameters, in order."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: list[Any] = []

    def add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conds)) if self.conds else ""


def _article_filters(w: _Where, *, outlet=None, date_from=None, date_to=None, slant=None, actor=None, place=None,
                     event_type=None) -> None:
    """Facet filters over articles (alias `a`)."""
    if outlet:
        w.add("a.outlet = ?", outlet)
    if date_from:
        w.add("a.published >= ?", date_from)
    if date_to:
        w.add("a.published <= ?", _upper(date_to))
    if slant:
        w.add("a.slant = ?", slant)
    if actor:
        w.add("(EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND (e.actor1 = ? OR e.actor2 = ?))"
              " OR EXISTS (SELECT 1 FROM entities n WHERE n.article_id = a.id AND coalesce(n.canonical, n.text) = ?)"
              " OR EXISTS (SELECT 1 FROM labels l WHERE l.article_id = a.id AND l.actor = ?))",
              actor, actor, actor, actor)
    if place:
        w.add("(EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND (e.place = ? OR e.admin1 = ?))"
              " OR EXISTS (SELECT 1 FROM entities n WHERE n.article_id = a.id AND n.type IN ('LOC', 'GPE')"
              " AND coalesce(n.canonical, n.text) = ?))", place, place, place)
    if event_type:
        w.add("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.event_type = ?)", event_type)


# -- articles ------------------------------------------------------------------------

def search_articles(store: Store, query: str, *, limit: int = 20, offset: int = 0,
                    outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
                    actor: str | None = None, place: str | None = None, event_type: str | None = None,
                    slant: str | None = None, facets: bool = False,
                    marks: tuple[str, str] = ("[", "]")) -> dict[str, Any]:
    """Full-text search (see pantau.search for the query syntax) narrowed by facets.

    Returns {"total", "items": [{id, title, outlet, published, slant, snippet}], "query"} and,
    with facets=True, "facets": counts of the matching articles by outlet, month, slant,
    event type, actor and place. An empty query lists every article matching the filters.
    `marks` surround the matched words in each snippet.
    """
    query = query or ""
    match = fts_query(query)
    if not match and query.strip():
        return {"total": 0, "items": [], "query": query, "limit": _limit(limit), "offset": _offset(offset),
                "error": "nothing to search for (a query cannot start with an exclusion)"}
    w = _Where()
    if match:
        w.add("articles_fts MATCH ?", match)
        sql_from = "FROM articles_fts f JOIN articles a ON a.id = f.id"
        snippet = "snippet(articles_fts, 2, ?, ?, ' … ', 12)"
        order = "bm25(articles_fts)"
    else:
        sql_from = "FROM articles a"
        snippet = "''"  # no snippet when browsing
        order = "a.published DESC, a.id"
    _article_filters(w, outlet=outlet, date_from=date_from, date_to=date_to, slant=slant, actor=actor, place=place,
                     event_type=event_type)
    where = w.sql()
    try:
        total = store.db.execute(f"SELECT count(*) {sql_from}{where}", w.params).fetchone()[0]
        rows = store.db.execute(
            f"SELECT a.id, a.title, a.outlet, a.published, a.slant, {snippet} AS snip {sql_from}{where}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (list(marks) if match else []) + w.params + [_limit(limit), _offset(offset)]).fetchall()
        facet_counts = _search_facets(store, sql_from + where, w.params) if facets else None
    except sqlite3.OperationalError as exc:
        return {"total": 0, "items": [], "query": query, "limit": _limit(limit), "offset": _offset(offset),
                "error": f"bad query: {exc}"}
    items = [{"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "slant": r[4], "snippet": r[5] or ""}
             for r in rows]
    out = {"total": total, "items": items, "query": query, "limit": _limit(limit), "offset": _offset(offset)}
    if facet_counts is not None:
        out["facets"] = facet_counts
    return out


def _search_facets(store: Store, matched: str, params: list) -> dict[str, list[dict[str, Any]]]:
    """Counts of matching articles per facet value (most frequent first, capped)."""
    hits = f"WITH hits AS (SELECT a.id AS id, a.outlet AS outlet, a.published AS published, a.slant AS slant {matched})"
    n = MAX_FACET_VALUES
    queries = {
        "outlet": f"{hits} SELECT coalesce(outlet, ''), count(*) FROM hits GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {n}",
        "month": f"{hits} SELECT coalesce(substr(published, 1, 7), ''), count(*) FROM hits GROUP BY 1 ORDER BY 1"
                 f" LIMIT {MAX_BUCKETS}",
        "slant": f"{hits} SELECT coalesce(slant, ''), count(*) FROM hits GROUP BY 1 ORDER BY 2 DESC, 1",
        "event_type": f"{hits} SELECT e.event_type, count(DISTINCT e.article_id) FROM events e JOIN hits h"
                      f" ON h.id = e.article_id WHERE e.event_type IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {n}",
        "actor": f"{hits} SELECT coalesce(n.canonical, n.text), count(DISTINCT n.article_id) FROM entities n"
                 f" JOIN hits h ON h.id = n.article_id WHERE n.type NOT IN ('LOC', 'GPE', 'DATE', 'TIME')"
                 f" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {n}",
        "place": f"{hits} SELECT coalesce(n.canonical, n.text), count(DISTINCT n.article_id) FROM entities n"
                 f" JOIN hits h ON h.id = n.article_id WHERE n.type IN ('LOC', 'GPE')"
                 f" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {n}",
    }
    return {name: [{"value": r[0], "count": r[1]} for r in store.db.execute(sql, params)]
            for name, sql in queries.items()}


def list_articles(store: Store, *, limit: int = 50, offset: int = 0, **filters: Any) -> dict[str, Any]:
    """Articles newest first, with fact counts; filters as in search_articles."""
    w = _Where()
    _article_filters(w, **filters)
    where = w.sql()
    total = store.db.execute(f"SELECT count(*) FROM articles a{where}", w.params).fetchone()[0]
    rows = store.db.execute(
        "SELECT a.id, a.title, a.outlet, a.author, a.language, a.published, a.published_precision, a.slant, a.url,"
        " a.n_chars,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events,"
        " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes,"
        " (SELECT count(*) FROM entities n WHERE n.article_id = a.id) AS n_entities"
        f" FROM articles a{where} ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        w.params + [_limit(limit), _offset(offset)]).fetchall()
    return _page(total, limit, offset, [dict(r) for r in rows])


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The full stored record plus every source it was read from (None if unknown)."""
    record = store.get(article_id)
    if record is None:
        return None
    record["sources"] = store.sources(article_id)
    return record


# -- facts ---------------------------------------------------------------------------

def _event_item(r: sqlite3.Row) -> dict[str, Any]:
    d = {k: r[k] for k in EVENT_COLUMNS}
    d["span"] = [r["start"], r["end"]] if r["start"] is not None else None
    del d["start"], d["end"]
    d.update(key=f"{r['article_id']}:{r['idx']}", article_id=r["article_id"], idx=r["idx"],
             title=r["title"], outlet=r["outlet"], published=r["published"])
    return d


def list_events(store: Store, *, limit: int = 100, offset: int = 0, event_type: str | None = None,
                sub_event_type: str | None = None, date_from: str | None = None, date_to: str | None = None,
                place: str | None = None, actor: str | None = None, outlet: str | None = None,
                article_id: str | None = None, country: str | None = None, located: bool = False,
                q: str | None = None) -> dict[str, Any]:
    """Events (newest first) with their article's title/outlet; `located` keeps only those with coordinates."""
    w = _Where()
    if event_type:
        w.add("e.event_type = ?", event_type)
    if sub_event_type:
        w.add("e.sub_event_type = ?", sub_event_type)
    if date_from:
        w.add("coalesce(e.date, e.latest) >= ?", date_from)
    if date_to:
        w.add("coalesce(e.date, e.earliest) <= ?", _upper(date_to))
    if place:
        w.add("(e.place = ? OR e.admin1 = ?)", place, place)
    if country:
        w.add("e.country = ?", country)
    if actor:
        w.add("(e.actor1 = ? OR e.actor2 = ?)", actor, actor)
    if outlet:
        w.add("a.outlet = ?", outlet)
    if article_id:
        w.add("e.article_id = ?", article_id)
    if located:
        w.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    if q:
        like = f"%{_escape_like(q)}%"
        w.add("(e.evidence LIKE ? ESCAPE '\\' OR e.place LIKE ? ESCAPE '\\' OR e.actor1 LIKE ? ESCAPE '\\'"
              " OR e.actor2 LIKE ? ESCAPE '\\')", like, like, like, like)
    where = w.sql()
    base = f"FROM events e JOIN articles a ON a.id = e.article_id{where}"
    total = store.db.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    rows = store.db.execute(
        f"SELECT e.*, a.title, a.outlet, a.published {base}"
        " ORDER BY coalesce(e.date, e.earliest) IS NULL, coalesce(e.date, e.earliest) DESC, e.article_id, e.idx"
        " LIMIT ? OFFSET ?", w.params + [_limit(limit), _offset(offset)]).fetchall()
    return _page(total, limit, offset, [_event_item(r) for r in rows])


def get_event(store: Store, key: str) -> dict[str, Any] | None:
    """One event by its key "ARTICLE_ID:IDX" (the key list_events gives)."""
    aid, _, idx = key.rpartition(":")
    if not aid or not idx.isdigit():
        return None
    row = store.db.execute("SELECT e.*, a.title, a.outlet, a.published FROM events e JOIN articles a"
                           " ON a.id = e.article_id WHERE e.article_id = ? AND e.idx = ?", (aid, int(idx))).fetchone()
    return _event_item(row) if row else None


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_entities(store: Store, *, limit: int = 100, offset: int = 0, type: str | None = None,
                  q: str | None = None, article_id: str | None = None, outlet: str | None = None) -> dict[str, Any]:
    """Entities grouped by canonical name (else surface text), most widely reported first."""
    w = _Where()
    if type:
        w.add("n.type = ?", type)
    if q:
        like = f"%{_escape_like(q)}%"
        w.add("(n.canonical LIKE ? ESCAPE '\\' OR n.text LIKE ? ESCAPE '\\')", like, like)
    if article_id:
        w.add("n.article_id = ?", article_id)
    join = ""
    if outlet:
        join = " JOIN articles a ON a.id = n.article_id"
        w.add("a.outlet = ?", outlet)
    where = w.sql()
    group = f"FROM entities n{join}{where} GROUP BY coalesce(n.canonical, n.text), n.type"
    total = store.db.execute(f"SELECT count(*) FROM (SELECT 1 {group})", w.params).fetchone()[0]
    rows = store.db.execute(
        "SELECT coalesce(n.canonical, n.text) AS name, n.type AS type, max(n.kb_id) AS kb_id,"
        " count(*) AS mentions, count(DISTINCT n.article_id) AS articles,"
        " max(n.lat) AS lat, max(n.lon) AS lon, max(n.country) AS country,"
        f" group_concat(DISTINCT n.text) AS forms {group}"
        " ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?",
        w.params + [_limit(limit), _offset(offset)]).fetchall()
    items = []
    for r in rows:
        d = dict(r)
        d["forms"] = sorted(set((d["forms"] or "").split(",")) - {""})[:20]
        items.append(d)
    return _page(total, limit, offset, items)


def list_quotes(store: Store, *, limit: int = 100, offset: int = 0, speaker: str | None = None,
                outlet: str | None = None, article_id: str | None = None, q: str | None = None) -> dict[str, Any]:
    """Quotes with speaker, cue and the article they appear in."""
    w = _Where()
    if speaker:
        w.add("(q.speaker_canonical = ? OR q.speaker = ?)", speaker, speaker)
    if outlet:
        w.add("a.outlet = ?", outlet)
    if article_id:
        w.add("q.article_id = ?", article_id)
    if q:
        w.add("q.text LIKE ? ESCAPE '\\'", f"%{_escape_like(q)}%")
    where = w.sql()
    base = f"FROM quotes q JOIN articles a ON a.id = q.article_id{where}"
    total = store.db.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    rows = store.db.execute(
        f"SELECT q.article_id, q.idx, q.text, q.start, q.end, q.cue, q.speaker, q.speaker_canonical,"
        f" a.title, a.outlet, a.published {base} ORDER BY a.published DESC, q.article_id, q.idx LIMIT ? OFFSET ?",
        w.params + [_limit(limit), _offset(offset)]).fetchall()
    items = [{"article_id": r["article_id"], "idx": r["idx"], "text": r["text"], "span": [r["start"], r["end"]],
              "cue": r["cue"], "speaker": r["speaker"], "speaker_canonical": r["speaker_canonical"],
              "title": r["title"], "outlet": r["outlet"], "published": r["published"]} for r in rows]
    return _page(total, limit, offset, items)


def list_labels(store: Store, *, limit: int = 100, offset: int = 0, actor: str | None = None,
                outlet: str | None = None, valence: str | None = None,
                article_id: str | None = None) -> dict[str, Any]:
    """Framing labels (what an actor is called, where, by whom)."""
    w = _Where()
    if actor:
        w.add("l.actor = ?", actor)
    if outlet:
        w.add("a.outlet = ?", outlet)
    if valence:
        w.add("l.valence = ?", valence)
    if article_id:
        w.add("l.article_id = ?", article_id)
    where = w.sql()
    base = f"FROM labels l JOIN articles a ON a.id = l.article_id{where}"
    total = store.db.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    rows = store.db.execute(
        f"SELECT l.article_id, l.idx, l.actor, l.label, l.start, l.end, l.valence, l.attributed_to,"
        f" a.title, a.outlet, a.published {base} ORDER BY a.published DESC, l.article_id, l.idx LIMIT ? OFFSET ?",
        w.params + [_limit(limit), _offset(offset)]).fetchall()
    items = [{"article_id": r["article_id"], "idx": r["idx"], "actor": r["actor"], "label": r["label"],
              "span": [r["start"], r["end"]], "valence": r["valence"], "attributed_to": r["attributed_to"],
              "title": r["title"], "outlet": r["outlet"], "published": r["published"]} for r in rows]
    return _page(total, limit, offset, items)


def actor_profile(store: Store, name: str) -> dict[str, Any]:
    """Everything about one actor: labels by outlet (for the chart), mentions by outlet, events, quotes."""
    q = store.db.execute
    labels = q("SELECT coalesce(a.outlet, '') AS outlet, l.label, l.valence, count(*) AS n FROM labels l"
               " JOIN articles a ON a.id = l.article_id WHERE l.actor = ? GROUP BY 1, 2, 3"
               " ORDER BY 1, n DESC, 2 LIMIT ?", (name, MAX_LIMIT)).fetchall()
    mentions = q("SELECT coalesce(a.outlet, '') AS outlet, count(*) AS mentions, count(DISTINCT a.id) AS articles"
                 " FROM entities n JOIN articles a ON a.id = n.article_id"
                 " WHERE coalesce(n.canonical, n.text) = ? GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ?",
                 (name, MAX_LIMIT)).fetchall()
    types = q("SELECT n.type, count(*) FROM entities n WHERE coalesce(n.canonical, n.text) = ? GROUP BY 1"
              " ORDER BY 2 DESC", (name,)).fetchall()
    return {"name": name, "types": [r[0] for r in types],
            "labels_by_outlet": [dict(r) for r in labels],
            "mentions_by_outlet": [dict(r) for r in mentions],
            "events": list_events(store, actor=name, limit=50)["items"],
            "quotes": list_quotes(store, speaker=name, limit=50)["items"]}


# -- overviews -----------------------------------------------------------------------

def timeline(store: Store, *, by: str = "day", event_type: str | None = None, date_from: str | None = None,
             date_to: str | None = None, place: str | None = None, actor: str | None = None,
             outlet: str | None = None) -> dict[str, Any]:
    """Event counts per day or month, split by event type, oldest first."""
    width = {"day": 10, "month": 7, "year": 4}.get(by)
    if width is None:
        raise ValueError(f"timeline: by must be day, month or year, not {by!r}")
    w = _Where()
    w.add("coalesce(e.date, e.earliest) IS NOT NULL")
    if event_type:
        w.add("e.event_type = ?", event_type)
    if date_from:
        w.add("coalesce(e.date, e.earliest) >= ?", date_from)
    if date_to:
        w.add("coalesce(e.date, e.earliest) <= ?", _upper(date_to))
    if place:
        w.add("(e.place = ? OR e.admin1 = ?)", place, place)
    if actor:
        w.add("(e.actor1 = ? OR e.actor2 = ?)", actor, actor)
    join = ""
    if outlet:
        join = " JOIN articles a ON a.id = e.article_id"
        w.add("a.outlet = ?", outlet)
    rows = store.db.execute(
        f"SELECT substr(coalesce(e.date, e.earliest), 1, {width}) AS bucket, coalesce(e.event_type, '') AS t,"
        f" count(*) FROM events e{join}{w.sql()} GROUP BY 1, 2 ORDER BY 1, 2", w.params).fetchall()
    buckets: dict[str, dict[str, Any]] = {}
    for bucket, etype, n in rows:
        b = buckets.setdefault(bucket, {"date": bucket, "total": 0, "by_type": {}})
        b["total"] += n
        b["by_type"][etype] = n
    items = list(buckets.values())
    return {"by": by, "truncated": len(items) > MAX_BUCKETS, "buckets": items[-MAX_BUCKETS:]}


def facets(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Values for the dashboard's filter menus: outlets, event types, slants, top actors and places."""
    return _search_facets(store, "FROM articles a", [])


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stories: the same event (type, day, place) reported by one or more articles.

    Until the pipeline links stories itself this groups events on (event type, date,
    place) and says, per outlet, which articles covered it and what fatality figures
    each gave, so the dashboard can show where the outlets' numbers differ.
    """
    group = ("FROM events e JOIN articles a ON a.id = e.article_id WHERE e.date IS NOT NULL AND e.place IS NOT NULL"
             " GROUP BY e.event_type, e.date, e.place")
    total = store.db.execute(f"SELECT count(*) FROM (SELECT 1 {group})").fetchone()[0]
    rows = store.db.execute(
        "SELECT e.event_type, e.date, e.place, max(e.lat) AS lat, max(e.lon) AS lon,"
        f" count(DISTINCT e.article_id) AS n_articles, count(DISTINCT a.outlet) AS n_outlets {group}"
        " ORDER BY n_articles DESC, e.date DESC, e.place LIMIT ? OFFSET ?", (_limit(limit), _offset(offset))).fetchall()
    items = []
    for r in rows:
        members = store.db.execute(
            "SELECT e.article_id, e.idx, coalesce(a.outlet, '') AS outlet, a.title, a.published, e.fatalities,"
            " e.evidence, e.actor1, e.actor2 FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.event_type IS ? AND e.date = ? AND e.place = ? ORDER BY a.published, e.article_id LIMIT ?",
            (r["event_type"], r["date"], r["place"], MAX_LIMIT)).fetchall()
        figures = sorted({m["fatalities"] for m in members if m["fatalities"] is not None})
        items.append({"key": f"{r['event_type']}|{r['date']}|{r['place']}", "event_type": r["event_type"],
                      "date": r["date"], "place": r["place"], "lat": r["lat"], "lon": r["lon"],
                      "n_articles": r["n_articles"], "n_outlets": r["n_outlets"],
                      "fatalities": figures, "numbers_differ": len(figures) > 1,
                      "coverage": [dict(m) | {"key": f"{m['article_id']}:{m['idx']}"} for m in members]})
    return _page(total, limit, offset, items)


def stats(store: Store) -> dict[str, Any]:
    """Store totals and counts by outlet, month and language, as JSON-friendly lists."""
    st = store.stats()
    out: dict[str, Any] = {}
    for key, value in st.items():
        out[key] = [{"value": v[0], "count": v[1]} for v in value] if isinstance(value, list) else value
    out["labels"] = store.count("labels")
    out["located_events"] = store.db.execute("SELECT count(*) FROM events WHERE lat IS NOT NULL").fetchone()[0]
    return out
