"""Read-side Python API over the store: the functions the CLI, REST API and dashboard share.

Every list takes `limit`/`offset` (clamped to MAX_LIMIT) and returns
{"total", "limit", "offset", "items"}; every filter is optional. Dates are ISO
strings compared as text, and an upper bound is inclusive of everything it prefixes
("2016-12" includes "2016-12-31"). All functions only read.
"""
from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
from typing import Any, Callable

from .store.search import fts_query
from .store import Store

MAX_LIMIT = 500
# "this entity is called NAME" (its canonical name, else its surface text), written so the
# canonical-name index serves it; takes the name twice
ENTITY_NAMED = "(n.canonical = ? OR (n.canonical IS NULL AND n.text = ?))"
MAX_FACET_VALUES = 15
FACET_SAMPLE = 1000  # search facets count the best-ranked matches up to this many
MAX_BUCKETS = 3000
EVENT_COLUMNS = ("event_id", "event_type", "sub_event_type", "date", "earliest", "latest", "precision", "place",
                 "lat", "lon", "country", "admin1", "actor1", "actor2", "fatalities", "attributed_to", "confidence",
                 "evidence", "start", "end")


REFRESH_SECONDS = 5.0
_CACHE: dict[tuple[str, str], tuple[tuple, float, Any]] = {}
_CACHE_LOCK = threading.Lock()


def _signature(store: Store) -> tuple:
    """Changes whenever anything is committed to the database (WAL append or checkpoint)."""
    sig = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(store.path + suffix)
            sig.append((st.st_mtime_ns, st.st_size))
        except OSError:
            sig.append(None)
    return tuple(sig)


def _cached(store: Store, name: str, compute: Callable[[], Any], refresh: float | None = None) -> Any:
    """Whole-database aggregates are computed once per version of the database, not per request.

    While a run keeps committing, a value is kept for `refresh` seconds (REFRESH_SECONDS) before
    it is rebuilt, so readers are not stuck rebuilding after every commit (counts may lag by that much)."""
    hit = _peek(store, name, refresh)
    if hit is not None:
        return hit
    value = compute()
    with _CACHE_LOCK:
        _CACHE[(os.path.abspath(store.path), name)] = (_signature(store), time.monotonic(), value)
    return value


def _peek(store: Store, name: str, refresh: float | None = None) -> Any:
    """The cached value if it is current (or recent enough), else None."""
    with _CACHE_LOCK:
        hit = _CACHE.get((os.path.abspath(store.path), name))
    if hit is None:
        return None
    keep = REFRESH_SECONDS if refresh is None else refresh
    if hit[0] == _signature(store) or time.monotonic() - hit[1] < keep:
        return hit[2]
    return None


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def _offset(offset: int) -> int:
    return max(0, int(offset))


def _upper(date_to: str) -> str:
    # '~' sorts after every digit and '-', so "2016-12~" bounds all of December
    return date_to + "~"


def _page(total: int, limit: int, offset: int, items: list) -> dict[str, Any]:
    return {"total": total, "limit": _limit(limit), "offset": _offset(offset), "items": items}


def resolve_names(store: Store, actor: str | None = None, place: str | None = None) -> tuple[dict, dict]:
    """actor= and place= as users write them: any KB alias in any case ("Hizbullah", "Halab",
    "israel") becomes the canonical name the store holds; a name the KB does not know is matched
    to a stored spelling regardless of case. Returns (filters, matched): the names to filter by,
    and for each one given {"given", "name", "via"} (via: "kb", "case" or "as given")."""
    from .nlp.kb import resolve_name

    columns = {"actor": ("actor1", "actor2"), "place": ("place", "admin1")}
    filters, matched = {}, {}
    for kind, given in (("actor", actor), ("place", place)):
        if not given:
            continue
        name, known = resolve_name(given, kind)
        via = "kb" if known else "as given"
        if not known:
            for col in columns[kind]:
                row = store.db.execute(f"SELECT {col} FROM events WHERE {col} = ? COLLATE NOCASE LIMIT 1",
                                       (given.strip(),)).fetchone()
                if row:
                    name, via = row[0], "case"
                    break
        filters[kind] = name
        matched[kind] = {"given": given, "name": name, "via": via}
    return filters, matched


def _names_as_written(fn: Callable[..., dict]) -> Callable[..., dict]:
    """The actor=/place= filters of `fn` through resolve_names; the answer says what they matched."""
    @functools.wraps(fn)
    def wrapped(store: Store, *args: Any, **kw: Any) -> dict:
        if not (kw.get("actor") or kw.get("place")):
            return fn(store, *args, **kw)
        filters, matched = resolve_names(store, kw.get("actor"), kw.get("place"))
        out = fn(store, *args, **{**kw, **filters})
        if isinstance(out, dict):
            out["matched"] = matched
        return out
    return wrapped


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
              f" OR EXISTS (SELECT 1 FROM entities n WHERE n.article_id = a.id AND {ENTITY_NAMED})"
              " OR EXISTS (SELECT 1 FROM labels l WHERE l.article_id = a.id AND l.actor = ?))",
              actor, actor, actor, actor, actor)
    if place:
        w.add("(EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND (e.place = ? OR e.admin1 = ?))"
              " OR EXISTS (SELECT 1 FROM entities n WHERE n.article_id = a.id AND n.type IN ('LOC', 'GPE')"
              f" AND {ENTITY_NAMED}))", place, place, place, place)
    if event_type:
        w.add("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.event_type = ?)", event_type)


# -- articles ------------------------------------------------------------------------

@_names_as_written
def search_articles(store: Store, query: str, *, limit: int = 20, offset: int = 0,
                    outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
                    actor: str | None = None, place: str | None = None, event_type: str | None = None,
                    slant: str | None = None, facets: bool = False,
                    marks: tuple[str, str] = ("[", "]")) -> dict[str, Any]:
    """Full-text search (see pantau.store.search for the query syntax) narrowed by facets.

    Returns {"total", "items": [{id, title, outlet, published, slant, snippet}], "query"} and,
    with facets=True, "facets": counts by outlet, month, slant, event type, actor and place
    over the best FACET_SAMPLE matches ("facets_over" says how many that was). An empty
    query lists every article matching the filters, newest first. `marks` surround the
    matched words in each snippet.
    """
    query = query or ""
    page = {"query": query, "limit": _limit(limit), "offset": _offset(offset)}
    match = fts_query(query)
    if not match and query.strip():
        return {"total": 0, "items": [], **page,
                "error": "nothing to search for (a query cannot start with an exclusion)"}
    w = _Where()
    _article_filters(w, outlet=outlet, date_from=date_from, date_to=date_to, slant=slant, actor=actor, place=place,
                     event_type=event_type)
    try:
        if match and not w.conds:
            # plain search: count and rank inside the full-text index, join only the page
            total = store.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                     (match,)).fetchone()[0]
            rows = store.db.execute(
                "SELECT a.id, a.title, a.outlet, a.published, a.slant, f.snip FROM"
                " (SELECT id, rank, snippet(articles_fts, 2, ?, ?, ' … ', 12) AS snip FROM articles_fts"
                "  WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?) f"
                " JOIN articles a ON a.id = f.id ORDER BY f.rank",
                [*marks, match, _limit(limit), _offset(offset)]).fetchall()
            sample = (f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT {FACET_SAMPLE}",
                      [match], True)
        elif match:
            w.conds.insert(0, "articles_fts MATCH ?")
            w.params.insert(0, match)
            sql_from = f"FROM articles_fts f JOIN articles a ON a.id = f.id{w.sql()}"
            total = store.db.execute(f"SELECT count(*) {sql_from}", w.params).fetchone()[0]
            rows = store.db.execute(
                f"SELECT a.id, a.title, a.outlet, a.published, a.slant,"
                f" snippet(articles_fts, 2, ?, ?, ' … ', 12) {sql_from} ORDER BY f.rank LIMIT ? OFFSET ?",
                [*marks, *w.params, _limit(limit), _offset(offset)]).fetchall()
            sample = (f"SELECT a.id {sql_from} ORDER BY f.rank LIMIT {FACET_SAMPLE}", w.params, False)
        else:
            sql_from = f"FROM articles a{w.sql()}"
            total = store.db.execute(f"SELECT count(*) {sql_from}", w.params).fetchone()[0]
            rows = store.db.execute(
                f"SELECT a.id, a.title, a.outlet, a.published, a.slant, '' {sql_from}"
                " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
                [*w.params, _limit(limit), _offset(offset)]).fetchall()
            sample = (f"SELECT a.id {sql_from} ORDER BY a.published DESC, a.rowid DESC LIMIT {FACET_SAMPLE}",
                      w.params, False)
        facet_counts = None
        if facets:
            facet_counts = facets_all(store) if not match and not w.conds else _sample_facets(store, *sample)
    except sqlite3.OperationalError as exc:
        return {"total": 0, "items": [], **page, "error": f"bad query: {exc}"}
    items = [{"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "slant": r[4], "snippet": r[5] or ""}
             for r in rows]
    out = {"total": total, "items": items, **page}
    if facet_counts is not None:
        out["facets"] = facet_counts
        out["facets_over"] = min(total, FACET_SAMPLE) if (match or w.conds) else total
    return out


def _sample_facets(store: Store, sql: str, params: list, fts_rowids: bool) -> dict[str, list[dict[str, Any]]]:
    """Facet counts over the articles `sql` selects (by id, or by full-text rowid)."""
    index = _facet_index(store)
    keys = [r[0] for r in store.db.execute(sql, params)]
    if fts_rowids:
        keys = [index["fts"].get(k) for k in keys]
    return _count_facets(index["info"], keys)


def _facet_index(store: Store) -> dict[str, Any]:
    """Per article: outlet, month, slant, event types, actors and places (each once), and the
    full-text rowid -> article id map. Small (a few names per article) and rebuilt at most once
    per database version, it turns facet counting into dictionary lookups."""
    return _cached(store, "facet-index", lambda: _build_facet_index(store))


def _build_facet_index(store: Store) -> dict[str, Any]:
    db = store.db
    info: dict[str, tuple] = {}
    for aid, outlet, month, slant in db.execute("SELECT id, outlet, substr(published, 1, 7), slant FROM articles"):
        info[aid] = (outlet or "", month or "", slant or "", [], [], [])
    for aid, etype in db.execute("SELECT DISTINCT article_id, event_type FROM events WHERE event_type IS NOT NULL"):
        if aid in info:
            info[aid][3].append(etype)
    for aid, is_place, name in db.execute(
            "SELECT DISTINCT article_id, type IN ('LOC', 'GPE'), coalesce(canonical, text) FROM entities"
            " WHERE type NOT IN ('DATE', 'TIME') AND coalesce(canonical, text) IS NOT NULL"):
        if aid in info:
            info[aid][5 if is_place else 4].append(name)
    fts = dict(db.execute("SELECT rowid, id FROM articles_fts"))
    return {"info": info, "fts": fts}


def _count_facets(info: dict[str, tuple], ids, outlets: int = MAX_FACET_VALUES) -> dict[str, list[dict[str, Any]]]:
    counters: list[dict[str, int]] = [{} for _ in range(6)]
    for aid in ids:
        row = info.get(aid)
        if row is None:
            continue
        for i in range(3):
            counters[i][row[i]] = counters[i].get(row[i], 0) + 1
        for i in range(3, 6):
            c = counters[i]
            for v in row[i]:
                c[v] = c.get(v, 0) + 1

    def top(c: dict[str, int], n: int | None) -> list[dict[str, Any]]:
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        return [{"value": v, "count": k} for v, k in (ranked[:n] if n else ranked)]

    months = sorted(top(counters[1], None), key=lambda v: v["value"])[-MAX_BUCKETS:]
    return {"outlet": top(counters[0], outlets), "month": months, "slant": top(counters[2], None),
            "event_type": top(counters[3], MAX_FACET_VALUES), "actor": top(counters[4], MAX_FACET_VALUES),
            "place": top(counters[5], MAX_FACET_VALUES)}


@_names_as_written
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
        f" FROM articles a{where} ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
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


def _event_filters(w: _Where, *, event_type=None, sub_event_type=None, date_from=None, date_to=None, place=None,
                   country=None, actor=None, outlet=None, article_id=None, located=False, q=None,
                   merged: bool = False) -> None:
    """Filters over events (alias `e`, its article `a`): the table, map and timeline apply the same ones.
    An event is in a date range when its span of possible days overlaps it."""
    if event_type:
        w.add("e.event_type = ?", event_type)
    if sub_event_type:
        w.add("e.sub_event_type = ?", sub_event_type)
    if date_from:
        w.add("coalesce(e.date, e.latest, e.earliest) >= ?", date_from)
    if date_to:
        w.add("coalesce(e.date, e.earliest, e.latest) <= ?", _upper(date_to))
    if place:
        w.add("(e.place = ? OR e.admin1 = ?)", place, place)
    if country:
        w.add("e.country = ?", country)
    if actor:
        w.add("(e.actor1 = ? OR e.actor2 = ?)", actor, actor)
    if outlet:  # a merged event is any of its reports' outlets'
        w.add("EXISTS (SELECT 1 FROM event_reports r WHERE r.merged_id = e.id AND r.outlet = ?)" if merged
              else "a.outlet = ?", outlet)
    if article_id:
        w.add("EXISTS (SELECT 1 FROM event_reports r WHERE r.merged_id = e.id AND r.article_id = ?)" if merged
              else "e.article_id = ?", article_id)
    if located:
        w.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    if q:
        like = f"%{_escape_like(q)}%"
        w.add("(e.evidence LIKE ? ESCAPE '\\' OR e.place LIKE ? ESCAPE '\\' OR e.actor1 LIKE ? ESCAPE '\\'"
              " OR e.actor2 LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\')", like, like, like, like, like)


def merged_ready(store: Store) -> bool:
    """Whether the store's merged events (`pantau merge`) cover exactly its article events."""
    def compute() -> bool:
        try:
            n = store.db.execute("SELECT count(*) FROM event_reports").fetchone()[0]
        except sqlite3.Error:  # a database from before merged events
            return False
        return n > 0 and n == store.db.execute("SELECT count(*) FROM events").fetchone()[0]

    return _cached(store, "merged_ready", compute)


# what a merged event shows of its best report (the article event it names): the evidence's span,
# id and attribution
MERGED_BEST = (', b.start AS span_start, b."end" AS span_end, b.event_id AS event_id, b.attributed_to AS attributed_to')
MERGED_BEST_JOIN = " LEFT JOIN events b ON b.article_id = e.article_id AND b.idx = e.idx"


def _merged_item(r: sqlite3.Row) -> dict[str, Any]:
    d = {k: r[k] for k in MERGED_ITEM}
    d["span"] = [r["span_start"], r["span_end"]] if r["span_start"] is not None else None
    d["event_id"], d["attributed_to"] = r["event_id"], r["attributed_to"]
    d.update(key=r["id"], merged=True, outlets=[o for o in (r["outlets"] or "").split("; ") if o],
             title=r["title"], outlet=r["outlet"], published=r["published"])
    return d


MERGED_ITEM = ("event_type", "sub_event_type", "date", "earliest", "latest", "precision", "place", "lat", "lon",
               "country", "admin1", "actor1", "actor2", "fatalities", "confidence", "evidence", "article_id", "idx",
               "n_reports", "n_sources", "first_reported", "last_reported", "place_rank")


@_names_as_written
def list_events(store: Store, *, limit: int = 100, offset: int = 0, event_type: str | None = None,
                sub_event_type: str | None = None, date_from: str | None = None, date_to: str | None = None,
                place: str | None = None, actor: str | None = None, outlet: str | None = None,
                article_id: str | None = None, country: str | None = None, located: bool = False,
                q: str | None = None, compact: bool = False, merged: bool = True,
                sort: str | None = None) -> dict[str, Any]:
    """Events (newest first) with their article's title/outlet; `located` keeps only those with
    coordinates; `compact` items carry only what a map marker needs (COMPACT_EVENT).

    With `merged` (the default, once `pantau merge` has run) each item is one merged event: the reports
    of one happening across articles, with `n_reports`, `n_sources`, `outlets`, first and last reported,
    its key `m-…` (get_event gives its reports); merged=False lists every article's own events.
    `sort` is a column (date, event_type, place, actor1, fatalities, confidence, n_reports, outlet),
    "-" before it for descending."""
    use_merged = merged and merged_ready(store)
    w = _Where()
    _event_filters(w, event_type=event_type, sub_event_type=sub_event_type, date_from=date_from, date_to=date_to,
                   place=place, country=country, actor=actor, outlet=outlet, article_id=article_id, located=located,
                   q=q, merged=use_merged)
    where = w.sql()
    table = "merged_events" if use_merged else "events"
    source = _event_source(table)
    total = store.db.execute(f"SELECT count(*) FROM {source}{where}", w.params).fetchone()[0]
    order = _order(sort, use_merged)
    rows = store.db.execute(
        f"SELECT e.*, a.title, a.outlet, a.published{MERGED_BEST if use_merged else ''}"
        f" FROM {source}{MERGED_BEST_JOIN if use_merged else ''}{where}"
        f" ORDER BY {order} LIMIT ? OFFSET ?", w.params + [_limit(limit), _offset(offset)]).fetchall()
    items = [_merged_item(r) if use_merged else _event_item(r) for r in rows]
    if compact:
        items = [{k: it.get(k) for k in COMPACT_EVENT} for it in items]
    out = _page(total, limit, offset, items)
    out["merged"] = use_merged
    return out


def _event_source(table: str) -> str:
    """The FROM part every event query shares: events (or merged events) as `e` with their article as `a`."""
    return f"{table} e JOIN articles a ON a.id = e.article_id"


SORTABLE = {"date": "coalesce(e.date, e.earliest)", "event_type": "e.event_type", "place": "e.place",
            "actor1": "e.actor1", "fatalities": "e.fatalities", "confidence": "e.confidence",
            "outlet": "a.outlet", "n_reports": "e.n_reports"}


def _order(sort: str | None, merged: bool) -> str:
    tie = "e.id" if merged else "e.article_id, e.idx"
    key, desc = (sort or "-date").lstrip("-"), (sort or "-date").startswith("-")
    if key not in SORTABLE or (key == "n_reports" and not merged):
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORTABLE)}")
    col = SORTABLE[key]
    return f"{col} IS NULL, {col} {'DESC' if desc else 'ASC'}, {tie}"


COMPACT_EVENT = ("key", "article_id", "idx", "event_type", "date", "place", "lat", "lon", "title", "n_reports",
                 "place_rank")


EVENT_FACETS = {"event_type": "e.event_type", "country": "e.country"}


@_names_as_written
def event_facets(store: Store, **filters: Any) -> dict[str, Any]:
    """Counts of the events the table lists, per event type, country and outlet: each facet counted under
    every filter but its own, so an option's count is the table's total once it is chosen."""
    use_merged = filters.pop("merged", True) and merged_ready(store)
    table = "merged_events" if use_merged else "events"
    out: dict[str, Any] = {"merged": use_merged}
    for name in ("event_type", "country", "outlet"):
        w = _Where()
        _event_filters(w, merged=use_merged, **{k: v for k, v in filters.items() if k != name})
        if name == "outlet":
            sql = (f"SELECT r.outlet, count(DISTINCT e.id) FROM {_event_source(table)}"
                   f" JOIN event_reports r ON r.merged_id = e.id{w.sql()} GROUP BY 1 ORDER BY 2 DESC, 1") if use_merged \
                else (f"SELECT a.outlet, count(*) FROM {_event_source(table)}{w.sql()} GROUP BY 1 ORDER BY 2 DESC, 1")
        else:
            sql = f"SELECT {EVENT_FACETS[name]}, count(*) FROM {_event_source(table)}{w.sql()} GROUP BY 1 ORDER BY 2 DESC, 1"
        out[name] = [{"value": v, "count": n} for v, n in store.db.execute(sql, w.params).fetchall()][:MAX_LIMIT]
    return out


@_names_as_written  # "Halab" finds Aleppo, as the other place filters do
def control(store: Store, *, place: str) -> dict[str, Any]:
    """Who held a place and from when (pantau timeline --place): its periods of control with their evidence,
    and the merged timeline of its events."""
    from . import stories

    return stories.timeline(store, place=place)


def outlet_profiles(store: Store) -> dict[str, Any]:
    """Per outlet: articles, slant (pantau profiles), events reported, by type, and how many of them
    no other outlet reported."""
    def compute() -> dict[str, Any]:
        from . import stories

        rows = {r["outlet"]: r for r in stories.profiles(store)["outlets"]}
        by_type = store.db.execute("SELECT coalesce(a.outlet, '(unknown)'), coalesce(e.event_type, ''), count(*)"
                                   " FROM events e JOIN articles a ON a.id = e.article_id GROUP BY 1, 2").fetchall()
        for outlet, etype, n in by_type:
            r = rows.setdefault(outlet, {"outlet": outlet, "articles": 0, "slant": {}, "mean_score": None})
            r.setdefault("events_by_type", {})[etype] = n
            r["events"] = r.get("events", 0) + n
        if merged_ready(store):
            alone = store.db.execute(
                "SELECT coalesce(r.outlet, '(unknown)'), count(*) FROM event_reports r JOIN merged_events m"
                " ON m.id = r.merged_id WHERE m.n_sources = 1 GROUP BY 1").fetchall()
            for outlet, n in alone:
                if outlet in rows:
                    rows[outlet]["events_only_here"] = n
        for r in rows.values():
            r.setdefault("events", 0)
            r.setdefault("events_by_type", {})
        return {"outlets": sorted(rows.values(), key=lambda r: (-r["articles"], -r["events"], r["outlet"]))}

    return _cached(store, "outlet_profiles", compute)


def get_event(store: Store, key: str) -> dict[str, Any] | None:
    """One event by its key: "ARTICLE_ID:IDX" (an article's event, with the merged event it belongs to)
    or "m-…" (a merged event, with its reports)."""
    if key.startswith("m-") and ":" not in key:
        if not merged_ready(store):
            return None
        row = store.db.execute(f"SELECT e.*, a.title, a.outlet, a.published{MERGED_BEST} FROM merged_events e"
                               f" JOIN articles a ON a.id = e.article_id{MERGED_BEST_JOIN} WHERE e.id = ?",
                               (key,)).fetchone()
        if row is None:
            return None
        item = _merged_item(row)
        reps = store.db.execute(
            "SELECT e.*, a.title, a.outlet, a.published, a.url FROM event_reports r JOIN events e"
            " ON e.article_id = r.article_id AND e.idx = r.idx JOIN articles a ON a.id = e.article_id"
            " WHERE r.merged_id = ? ORDER BY a.published, e.article_id, e.idx LIMIT ?", (key, MAX_LIMIT)).fetchall()
        item["reports"] = [_event_item(r) | {"url": r["url"]} for r in reps]
        return item
    aid, _, idx = key.rpartition(":")
    if not aid or not idx.isascii() or not idx.isdigit() or len(idx) > 9:  # SQLite integers are 64-bit
        return None
    row = store.db.execute("SELECT e.*, a.title, a.outlet, a.published FROM events e JOIN articles a"
                           " ON a.id = e.article_id WHERE e.article_id = ? AND e.idx = ?", (aid, int(idx))).fetchone()
    if row is None:
        return None
    item = _event_item(row)
    if merged_ready(store):
        m = store.db.execute("SELECT merged_id FROM event_reports WHERE article_id = ? AND idx = ?",
                             (aid, int(idx))).fetchone()
        item["merged_key"] = m[0] if m else None
    return item


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_entities(store: Store, *, limit: int = 100, offset: int = 0, type: str | None = None,
                  q: str | None = None, article_id: str | None = None, outlet: str | None = None) -> dict[str, Any]:
    """Entities grouped by canonical name (else surface text), most widely reported first.

    `q` matches a case-insensitive part of the name or of a surface form."""
    if article_id or outlet:
        w = _Where()
        if article_id:
            w.add("n.article_id = ?", article_id)
        join = ""
        if outlet:
            join = " JOIN articles a ON a.id = n.article_id"
            w.add("a.outlet = ?", outlet)
        groups = _entity_groups(store, f"FROM entities n{join}{w.sql()}", w.params)
    else:  # the whole-database aggregate is the expensive one: computed once per database version
        groups = _cached(store, "entities", lambda: _entity_groups(store, "FROM entities n", []))
    if type:
        groups = [g for g in groups if g["type"] == type]
    if q:
        needle = q.casefold()
        groups = [g for g in groups if needle in g["name"].casefold() or any(needle in f.casefold() for f in g["forms"])]
    start = _offset(offset)
    return _page(len(groups), limit, offset, [dict(g) for g in groups[start:start + _limit(limit)]])


def _entity_groups(store: Store, sql_from: str, params: list) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT coalesce(n.canonical, n.text) AS name, n.type AS type, max(n.kb_id) AS kb_id,"
        " count(*) AS mentions, count(DISTINCT n.article_id) AS articles,"
        " max(n.lat) AS lat, max(n.lon) AS lon, max(n.country) AS country,"
        f" group_concat(DISTINCT n.text) AS forms {sql_from}"
        " GROUP BY coalesce(n.canonical, n.text), n.type ORDER BY articles DESC, mentions DESC, name", params).fetchall()
    groups = []
    for r in rows:
        d = dict(r)
        d["name"] = d["name"] or ""
        d["forms"] = sorted(set((d["forms"] or "").split(",")) - {""})[:20]
        groups.append(d)
    return groups


def list_quotes(store: Store, *, limit: int = 100, offset: int = 0, speaker: str | None = None,
                outlet: str | None = None, article_id: str | None = None, q: str | None = None) -> dict[str, Any]:
    """Quotes with speaker, cue and the article they appear in, newest article first."""
    cols = ("SELECT q.article_id, q.idx, q.text, q.start, q.end, q.cue, q.speaker, q.speaker_canonical,"
            " a.title, a.outlet, a.published")
    if speaker and not (outlet or article_id or q):
        # the quotes table has no speaker index: a cached speaker -> quotes map avoids a scan
        keys = _speaker_index(store).get(speaker, [])
        start = _offset(offset)
        rows = [store.db.execute(f"{cols} FROM quotes q JOIN articles a ON a.id = q.article_id"
                                 " WHERE q.article_id = ? AND q.idx = ?", key).fetchone()
                for key in keys[start:start + _limit(limit)]]
        return _page(len(keys), limit, offset, [_quote_item(r) for r in rows if r is not None])
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
    # unfiltered: CROSS JOIN keeps the join order, walking articles newest first by their index and
    # stopping after a page; a selective filter is better served from the quotes side
    join = "JOIN" if (speaker or article_id or q) else "CROSS JOIN"
    base = f"FROM articles a {join} quotes q ON a.id = q.article_id{where}"
    total = store.db.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    rows = store.db.execute(f"{cols} {base} ORDER BY a.published DESC, a.rowid DESC, q.idx LIMIT ? OFFSET ?",
                            w.params + [_limit(limit), _offset(offset)]).fetchall()
    return _page(total, limit, offset, [_quote_item(r) for r in rows])


def _quote_item(r: sqlite3.Row) -> dict[str, Any]:
    return {"article_id": r["article_id"], "idx": r["idx"], "text": r["text"], "span": [r["start"], r["end"]],
            "cue": r["cue"], "speaker": r["speaker"], "speaker_canonical": r["speaker_canonical"],
            "title": r["title"], "outlet": r["outlet"], "published": r["published"]}


def _speaker_index(store: Store) -> dict[str, list[tuple[str, int]]]:
    """Speaker (canonical name and surface form) -> (article id, quote index), newest article first."""
    def build() -> dict[str, list[tuple[str, int]]]:
        index: dict[str, list[tuple[str, int]]] = {}
        for aid, idx, spoken, canonical in store.db.execute(
                "SELECT q.article_id, q.idx, q.speaker, q.speaker_canonical FROM articles a CROSS JOIN quotes q"
                " ON a.id = q.article_id ORDER BY a.published DESC, a.rowid DESC, q.idx"):
            for name in {spoken, canonical} - {None, ""}:
                index.setdefault(name, []).append((aid, idx))
        return index

    return _cached(store, "speakers", build)


@_names_as_written
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
    join = "JOIN" if (actor or article_id or valence) else "CROSS JOIN"  # as in list_quotes
    base = f"FROM articles a {join} labels l ON a.id = l.article_id{where}"
    total = store.db.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    rows = store.db.execute(
        f"SELECT l.article_id, l.idx, l.actor, l.label, l.start, l.end, l.valence, l.attributed_to,"
        f" a.title, a.outlet, a.published {base} ORDER BY a.published DESC, a.rowid DESC, l.idx LIMIT ? OFFSET ?",
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
                 f" WHERE {ENTITY_NAMED} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ?",
                 (name, name, MAX_LIMIT)).fetchall()
    types = q(f"SELECT n.type, count(*) FROM entities n WHERE {ENTITY_NAMED} GROUP BY 1"
              " ORDER BY 2 DESC", (name, name)).fetchall()
    return {"name": name, "types": [r[0] for r in types],
            "labels_by_outlet": [dict(r) for r in labels],
            "mentions_by_outlet": [dict(r) for r in mentions],
            "events": list_events(store, actor=name, limit=50)["items"],
            "quotes": list_quotes(store, speaker=name, limit=50)["items"]}


# -- overviews -----------------------------------------------------------------------

@_names_as_written
def timeline(store: Store, *, by: str = "day", event_type: str | None = None, date_from: str | None = None,
             date_to: str | None = None, place: str | None = None, actor: str | None = None,
             outlet: str | None = None, **filters: Any) -> dict[str, Any]:
    """Event counts per day or month, split by event type, oldest first; takes every filter list_events
    takes (sub_event_type, country, article_id, located, q), so it counts what the table lists."""
    width = {"day": 10, "month": 7, "year": 4}.get(by)
    if width is None:
        raise ValueError(f"timeline: by must be day, month or year, not {by!r}")
    merged = filters.pop("merged", True) and merged_ready(store)
    w = _Where()
    w.add("coalesce(e.date, e.earliest) IS NOT NULL")
    _event_filters(w, event_type=event_type, date_from=date_from, date_to=date_to, place=place, actor=actor,
                   outlet=outlet, merged=merged, **filters)
    join = " JOIN articles a ON a.id = e.article_id"
    table = "merged_events" if merged else "events"
    rows = store.db.execute(
        f"SELECT substr(coalesce(e.date, e.earliest), 1, {width}) AS bucket, coalesce(e.event_type, '') AS t,"
        f" count(*) FROM {table} e{join}{w.sql()} GROUP BY 1, 2 ORDER BY 1, 2", w.params).fetchall()
    buckets: dict[str, dict[str, Any]] = {}
    for bucket, etype, n in rows:
        b = buckets.setdefault(bucket, {"date": bucket, "total": 0, "by_type": {}})
        b["total"] += n
        b["by_type"][etype] = n
    items = list(buckets.values())
    return {"by": by, "truncated": len(items) > MAX_BUCKETS, "buckets": items[-MAX_BUCKETS:], "merged": merged}


def facets_all(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Values for the dashboard's filter menus: outlets, event types, slants, top actors and places
    over the whole database (exact, every outlet; computed once per database version)."""
    def compute() -> dict[str, list[dict[str, Any]]]:
        info = _facet_index(store)["info"]
        return _count_facets(info, list(info), outlets=MAX_LIMIT)

    return _cached(store, "facets", compute)


facets = facets_all


def list_stories(store: Store, *, limit: int = 50, offset: int = 0, compute: bool = True) -> dict[str, Any]:
    """Stories: articles about the same happening across outlets and days.

    With pantau.stories available they are its linked stories (coverage, outlets that did not
    cover it, disagreeing casualty numbers), computed over the whole store once per database
    version (seconds for thousands of articles); `compute=False` never waits for that and
    answers from events meanwhile ("pending": true). The fallback ("method": "events") groups
    events on (type, day, place) and flags differing fatality figures.
    """
    linked = _linked_stories(store, compute)
    if linked is not None:
        start = _offset(offset)
        page = _page(len(linked["stories"]), limit, offset, linked["stories"][start:start + _limit(limit)])
        return {**page, "method": "linked", "counts": linked["counts"], "pending": False}
    out = _event_stories(store, limit=limit, offset=offset)
    out.update(method="events", pending=_stories_module() is not None)
    return out


STORIES_REFRESH_SECONDS = 300.0  # linked stories are slow to compute: rebuilt at most this often


def _stories_module():
    from .extras import available

    if not available("datasketch"):  # the `minhash` extra: without it, stories grouped from events
        return None
    try:
        from . import stories
    except ImportError:
        return None
    return stories if hasattr(stories, "stories") else None


def _linked_stories(store: Store, compute: bool) -> dict[str, Any] | None:
    mod = _stories_module()
    if mod is None:
        return None
    if not compute:
        return _peek(store, "stories", STORIES_REFRESH_SECONDS)
    return _cached(store, "stories", lambda: mod.stories(store), STORIES_REFRESH_SECONDS)


def _event_stories(store: Store, *, limit: int, offset: int) -> dict[str, Any]:
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
    return _cached(store, "stats", lambda: _stats(store))


def _stats(store: Store) -> dict[str, Any]:
    st = store.stats()
    out: dict[str, Any] = {}
    for key, value in st.items():
        out[key] = [{"value": v[0], "count": v[1]} for v in value] if isinstance(value, list) else value
    out["labels"] = store.count("labels")
    out["located_events"] = store.db.execute("SELECT count(*) FROM events WHERE lat IS NOT NULL").fetchone()[0]
    return out
