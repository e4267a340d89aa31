"""The read-only REST API and dashboard (FastAPI) over one Pantau database.

Everything under /api is JSON from pantau.api; / is the single-page dashboard and
/docs the OpenAPI explorer, both served from pantau/web/static (no CDN). Every
response carries a strict Content-Security-Policy: the pages run only our own
script files and render data with textContent, so text from articles cannot run.
"""
from __future__ import annotations

import contextlib
import hmac
import importlib
import json
import logging
import os
import queue
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qsl

from fastapi import FastAPI, HTTPException, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask

from .. import __version__, api
from ..store import Store

STATIC = Path(__file__).parent / "static"
LIMIT = Query(50, ge=1, le=api.MAX_LIMIT, description=f"page size (at most {api.MAX_LIMIT})")
OFFSET = Query(0, ge=0, le=10_000_000)
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _date(bound: str) -> Any:
    # one Query object per parameter: FastAPI binds a shared one to the first parameter's name only,
    # so `date_to` would silently read `date_from`
    return Query(None, pattern=DATE_PATTERN, description=f"{bound}, inclusive: an ISO date or a prefix of one "
                 "(2016, 2016-12, 2016-12-04); a prefix covers every day it names")


def _since() -> Any:
    return _date("earliest day")


def _until() -> Any:
    return _date("latest day")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
# Longest path and query parameter answered: ids, names and filters are far shorter; a longer
# one is refused before it reaches a route (and a query).
MAX_PATH = 1000
MAX_PARAM = 500
MAX_ERROR_INPUT = 80  # characters of a rejected value echoed in a 422 body
LOG = logging.getLogger("pantau.web")
SNIPPET_MARKS = {"brackets": ("[", "]"), "private": ("\ue000", "\ue001")}
EXPORT_FORMATS = {"jsonl": ("application/x-ndjson", "jsonl"), "csv": ("text/csv", "csv"),
                  "acled-csv": ("text/csv", "csv"), "geojson": ("application/geo+json", "geojson"),
                  "parquet": ("application/vnd.apache.parquet", "parquet")}


class StorePool:
    """Read-only connections handed out one per request and reused afterwards."""

    def __init__(self, db: str, keep: int = 16):
        self.db = db
        self.idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self.keep = keep

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        try:
            st = self.idle.get_nowait()
        except queue.Empty:
            st = Store(self.db, readonly=True)
        try:
            yield st
        finally:
            if self.idle.qsize() < self.keep:
                self.idle.put(st)
            else:
                st.close()


class SecurityMiddleware:
    """Adds the security headers to every response (errors included), answers only the allowed
    Host names (`hosts`, None: any), refuses over-long paths and parameters, and checks the
    bearer token on /api."""

    def __init__(self, app: Callable, token: str | None, hosts: tuple[str, ...] | None = None):
        self.app = app
        self.token = token.encode() if token else None
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        send = self._with_headers(send)
        refusal = self._refusal(scope)
        if refusal is not None:
            return await refusal(scope, receive, send)
        started = False

        async def tracking(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:  # noqa: BLE001 - a bug: one plain 500, with the headers, and a log line
            LOG.exception("error answering %s", scope.get("path"))
            if started:
                raise
            await JSONResponse({"detail": "internal error"}, status_code=500)(scope, receive, send)

    def _refusal(self, scope) -> Response | None:
        if self.hosts is not None and _host_name(scope) not in self.hosts:
            return JSONResponse({"detail": "unknown Host: this server answers " + ", ".join(self.hosts)},
                                status_code=421)
        if len(scope.get("raw_path") or b"") > MAX_PATH or len(scope["path"]) > MAX_PATH:
            return JSONResponse({"detail": f"path longer than {MAX_PATH} characters"}, status_code=414)
        query = scope.get("query_string") or b""
        if len(query) > MAX_PARAM * 8:
            return JSONResponse({"detail": f"query longer than {MAX_PARAM * 8} characters"}, status_code=414)
        long = [k for k, v in parse_qsl(query.decode("latin-1")) if len(v) > MAX_PARAM or len(k) > MAX_PARAM]
        if long:  # as a validation error of that parameter
            return JSONResponse({"detail": [{"loc": ["query", long[0][:MAX_ERROR_INPUT]], "type": "string_too_long",
                                             "msg": f"longer than {MAX_PARAM} characters"}]}, status_code=422)
        if self.token and _needs_token(scope["path"]) and not self._authorised(scope):
            return JSONResponse({"detail": "missing or wrong bearer token"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        return None

    def _authorised(self, scope) -> bool:
        for name, value in scope.get("headers") or []:
            if name == b"authorization":
                scheme, _, given = value.partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token)
        return False

    @staticmethod
    def _with_headers(send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers") or []}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)
        return wrapped


def _host_name(scope) -> str:
    """The Host header's name without the port ("localhost:8000" -> "localhost", "[::1]:8000" -> "[::1]")."""
    for name, value in scope.get("headers") or []:
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[:host.index("]") + 1] if "]" in host else host
            return host.split(":", 1)[0]
    return ""


async def _invalid(request, exc: RequestValidationError) -> Response:
    """422 naming each bad parameter, with only the start of the value given: the body stays
    small whatever was sent."""
    errors = []
    for err in exc.errors()[:10]:
        item = {"loc": list(err.get("loc", ())), "msg": str(err.get("msg", ""))[:200], "type": err.get("type")}
        if "input" in err:
            text = err["input"] if isinstance(err["input"], str) else json.dumps(err["input"], default=str)
            item["input"] = text[:MAX_ERROR_INPUT] + ("..." if len(text) > MAX_ERROR_INPUT else "")
        errors.append(item)
    return JSONResponse({"detail": errors}, status_code=422)


def as_json(value: Any) -> Response:
    # plain json.dumps: FastAPI's generic encoder costs several times more on big lists
    return Response(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                    media_type="application/json")


def _needs_token(path: str) -> bool:
    # the dashboard shell, its assets and the API description hold no data; every /api route does
    return path.startswith("/api")


class BackgroundJob:
    """Runs one slow computation on a store in a thread, never two at once."""

    def __init__(self, pool: StorePool, fn: Callable[[Store], Any]):
        self.pool, self.fn = pool, fn
        self.lock = threading.Lock()

    def start(self) -> bool:
        if not self.lock.acquire(blocking=False):
            return False
        threading.Thread(target=self._run, name="pantau-job", daemon=True).start()
        return True

    def _run(self) -> None:
        try:
            with self.pool.store() as st:
                self.fn(st)
        except Exception:  # noqa: BLE001 - requests keep answering from the fallback
            pass
        finally:
            self.lock.release()


def _warm(pool: StorePool, stories_job: BackgroundJob) -> None:
    """Build the whole-database aggregates before the first visitor asks for them."""
    try:
        with pool.store() as st:
            api.stats(st)
            api.facets_all(st)
            api.list_entities(st, limit=1)
            api.list_quotes(st, speaker="", limit=1)
            api._speaker_index(st)
    except Exception:  # noqa: BLE001 - warming is an optimisation; requests report real errors
        pass
    stories_job.start()


def _declare_bearer(app: FastAPI) -> None:
    """Tell the OpenAPI description (and so the docs page's Authorize button) about the token."""
    plain = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = plain()
            spec.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            spec["security"] = [{"bearer": []}]
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi


def create_app(db: str, token: str | None = None, hosts: tuple[str, ...] | None = None) -> FastAPI:
    """The dashboard + REST API over the database at `db` (opened read-only); with `hosts`, only
    requests naming one of those hosts are answered (serve: the loopback names, without a token)."""
    if not Path(db).exists():
        raise FileNotFoundError(f"no database at {db}")
    Store(db, readonly=True).close()  # fail now, not on the first request
    pool = StorePool(db)
    stories_job = BackgroundJob(pool, lambda st: api.list_stories(st, limit=1, compute=True))
    threading.Thread(target=_warm, args=(pool, stories_job), name="pantau-warm", daemon=True).start()
    app = FastAPI(title="Pantau API", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only access to analysed articles, events, entities, quotes, framing labels, "
                              "search and exports. Lists take `limit` (at most "
                              f"{api.MAX_LIMIT}) and `offset`. With a token, send `Authorization: Bearer TOKEN`.")
    app.state.pool = pool
    if token:
        _declare_bearer(app)

    def query(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        with pool.store() as st:
            return fn(st, *args, **kw)

    def run(fn: Callable[..., Any], *args: Any, **kw: Any) -> Response:
        return as_json(query(fn, *args, **kw))

    @app.get("/api/stats", tags=["overview"])
    def stats() -> dict:
        """Totals and counts by outlet, month and language."""
        return run(api.stats)

    @app.get("/api/facets", tags=["overview"])
    def facets() -> dict:
        """Values for filter menus: outlets, months, slants, event types, top actors and places."""
        return run(api.facets)

    @app.get("/api/search", tags=["search"])
    def search(q: str = Query("", max_length=500, description=(
                   'words (each matches its Indonesian stem too: "pengepungan" finds "kepung"), "exact phrases", '
                   "OR between alternatives, -word to exclude; empty lists everything matching the filters")),
               outlet: str | None = None, date_from: str | None = _since(), date_to: str | None = _until(),
               actor: str | None = None, place: str | None = None, event_type: str | None = None,
               slant: str | None = None, facets: bool = True, limit: int = LIMIT, offset: int = OFFSET,
               marks: str = Query("brackets", pattern="^(brackets|private)$", description=(
                   "how snippets mark matches: [brackets], or private-use characters U+E000/U+E001"))) -> dict:
        """Full-text search over titles and bodies, narrowed by facets; returns hits and facet counts."""
        return run(api.search_articles, q, limit=limit, offset=offset, outlet=outlet, date_from=date_from,
                   date_to=date_to, actor=actor, place=place, event_type=event_type, slant=slant, facets=facets,
                   marks=SNIPPET_MARKS[marks])

    @app.get("/api/articles", tags=["articles"])
    def articles(outlet: str | None = None, date_from: str | None = _since(), date_to: str | None = _until(),
                 slant: str | None = None, actor: str | None = None, place: str | None = None,
                 event_type: str | None = None, limit: int = LIMIT, offset: int = OFFSET) -> dict:
        """Articles, newest first, with counts of their events, quotes and entities."""
        return run(api.list_articles, limit=limit, offset=offset, outlet=outlet, date_from=date_from,
                   date_to=date_to, slant=slant, actor=actor, place=place, event_type=event_type)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str) -> dict:
        """One article's full record (contract v1) plus every source it was read from."""
        rec = query(api.get_article, article_id)
        if rec is None:
            raise HTTPException(404, "no such article")
        return as_json(rec)

    @app.get("/api/events", tags=["events"])
    def events(event_type: str | None = None, sub_event_type: str | None = None, date_from: str | None = _since(),
               date_to: str | None = _until(), place: str | None = None, country: str | None = None,
               actor: str | None = None, outlet: str | None = None, article_id: str | None = None,
               located: bool = False, q: str | None = Query(None, max_length=200),
               compact: bool = Query(False, description="only what a map marker needs"),
               merged: bool = Query(True, description="one item per merged event (its reports across articles); "
                                    "false: every article's own events"),
               sort: str | None = Query(None, pattern="^-?(" + "|".join(api.SORTABLE) + ")$",
                                        description="column to sort by, '-' first for descending (default -date)"),
               limit: int = LIMIT, offset: int = OFFSET) -> dict:
        """Events (ACLED types), newest first; `located=true` keeps those with coordinates."""
        return run(api.list_events, limit=limit, offset=offset, event_type=event_type, sub_event_type=sub_event_type,
                   date_from=date_from, date_to=date_to, place=place, country=country, actor=actor, outlet=outlet,
                   article_id=article_id, located=located, q=q, compact=compact, merged=merged, sort=sort)

    @app.get("/api/events/facets", tags=["events"])
    def events_facets(event_type: str | None = None, sub_event_type: str | None = None,
                      date_from: str | None = _since(), date_to: str | None = _until(), place: str | None = None,
                      country: str | None = None, actor: str | None = None, outlet: str | None = None,
                      located: bool = False, q: str | None = Query(None, max_length=200), merged: bool = True) -> dict:
        """Event counts per type, country and outlet under the /api/events filters (each facet without its own)."""
        return run(api.event_facets, event_type=event_type, sub_event_type=sub_event_type, date_from=date_from,
                   date_to=date_to, place=place, country=country, actor=actor, outlet=outlet, located=located, q=q,
                   merged=merged)

    @app.get("/api/control", tags=["events"])
    def control(place: str = Query(..., min_length=1, max_length=200)) -> dict:
        """Who held a place and from when, from its territorial events, with their evidence."""
        return run(api.control, place=place)

    @app.get("/api/outlets", tags=["overview"])
    def outlets() -> dict:
        """Outlet profiles: articles, slant, events reported by type and those no other outlet reported."""
        return run(api.outlet_profiles)

    @app.get("/api/events/{key}", tags=["events"])
    def event(key: str) -> dict:
        """One event by key: `ARTICLE_ID:INDEX` (an article's event, with `merged_key`) or `m-…` (a merged
        event with its `reports`)."""
        ev = query(api.get_event, key)
        if ev is None:
            raise HTTPException(404, "no such event")
        return as_json(ev)

    @app.get("/api/entities", tags=["entities"])
    def entities(type: str | None = None, q: str | None = Query(None, max_length=200),
                 article_id: str | None = None, outlet: str | None = None,
                 limit: int = LIMIT, offset: int = OFFSET) -> dict:
        """Entities grouped by canonical name, most widely reported first."""
        return run(api.list_entities, limit=limit, offset=offset, type=type, q=q, article_id=article_id,
                   outlet=outlet)

    @app.get("/api/actors/{name}", tags=["entities"])
    def actor(name: str) -> dict:
        """One actor: framing labels by outlet, mentions by outlet, its events and its quotes."""
        return run(api.actor_profile, name)

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(speaker: str | None = None, outlet: str | None = None, article_id: str | None = None,
               q: str | None = Query(None, max_length=200), limit: int = LIMIT, offset: int = OFFSET) -> dict:
        """Direct quotes with speaker and cue."""
        return run(api.list_quotes, limit=limit, offset=offset, speaker=speaker, outlet=outlet,
                   article_id=article_id, q=q)

    @app.get("/api/labels", tags=["framing"])
    def labels(actor: str | None = None, outlet: str | None = None, valence: str | None = None,
               article_id: str | None = None, limit: int = LIMIT, offset: int = OFFSET) -> dict:
        """Framing labels: what each actor is called, in which outlet."""
        return run(api.list_labels, limit=limit, offset=offset, actor=actor, outlet=outlet, valence=valence,
                   article_id=article_id)

    @app.get("/api/timeline", tags=["overview"])
    def timeline_(by: str = Query("day", pattern="^(day|month|year)$"), event_type: str | None = None,
                  sub_event_type: str | None = None, date_from: str | None = _since(),
                  date_to: str | None = _until(), place: str | None = None, country: str | None = None,
                  actor: str | None = None, outlet: str | None = None, located: bool = False,
                  q: str | None = Query(None, max_length=200), merged: bool = True) -> dict:
        """Event counts per day/month/year split by event type; the filters are those of /api/events."""
        return run(api.timeline, by=by, event_type=event_type, sub_event_type=sub_event_type, date_from=date_from,
                   date_to=date_to, place=place, country=country, actor=actor, outlet=outlet, located=located, q=q,
                   merged=merged)

    @app.get("/api/stories", tags=["stories"])
    def stories(limit: int = LIMIT, offset: int = OFFSET) -> dict:
        """The same event as reported by several articles and outlets, with their fatality figures."""
        res = query(api.list_stories, limit=limit, offset=offset, compute=False)
        if res.get("pending"):
            stories_job.start()  # link stories in the background; this answer falls back to events
        return as_json(res)

    @app.get("/api/export", tags=["export"])
    def export(format: str = Query(..., pattern="^(" + "|".join(EXPORT_FORMATS) + ")$"),
               date_from: str | None = _since(), date_to: str | None = _until(), country: str | None = None,
               event_type: str | None = None, per_report: bool = Query(False, description=(
                   "one row per article's event instead of one per merged event"))):
        """The database in one of the export formats (as `pantau export`), optionally filtered."""
        try:
            mod = importlib.import_module("pantau.export")
        except ImportError:
            raise HTTPException(501, "exports are not available in this installation") from None
        if country and hasattr(mod, "country_code") and mod.country_code(country) is None:
            raise HTTPException(422, f"unknown country {country!r}")
        kw = {k: v for k, v in (("date_from", date_from), ("date_to", date_to), ("country", country),
                                ("event_type", event_type)) if v}
        if per_report:
            kw["merged"] = False
        media, ext = EXPORT_FORMATS[format]
        fd, tmp = tempfile.mkstemp(prefix="pantau-export-", suffix="." + ext)
        os.close(fd)
        try:
            with pool.store() as st:
                mod.export(st.iter_records(), format, tmp, stored=st.stored_times(), **kw)
        except ImportError as exc:  # extras.MissingExtra: e.g. parquet without pyarrow
            os.unlink(tmp)
            raise HTTPException(501, str(exc)) from None
        except Exception:
            os.unlink(tmp)
            raise
        return FileResponse(tmp, media_type=media, filename=f"pantau-{format}.{ext}",
                            background=BackgroundTask(os.unlink, tmp))

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_middleware(SecurityMiddleware, token=token, hosts=hosts)
    return app
