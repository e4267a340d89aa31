"""The analysis, top to bottom: one raw document in, one contract record out.

Each stage is a module with `run(article, options) -> article`, a pure function over
the record (see record.py), so a process pool or a Dask cluster can run the same
list unchanged. The order matters: later stages read what earlier ones filled.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import importlib
import pathlib
from typing import Any, Iterable, Iterator

from . import __version__, record
from .cache import gc_paused  # loading runs with the cyclic collector paused
from .record import Options

STAGES = (
    "clean",        # raw body -> title + cleaned text, removed lines
    "identify",     # stable id: input id, else hash of URL, else of cleaned text
    "provenance",   # outlet, author, credited and cited sources
    "langid",       # document language
    "segment",      # sentences and tokens with offsets
    "entities",     # NER + knowledge-base linking + geocoding
    "pubdate",      # document creation time (metadata, URL, inference)
    "timex",        # temporal expressions resolved against the DCT
    "numbers",      # quantities with unit and role
    "quotes",       # direct and indirect speech with speakers
    "events",       # ACLED-typed events with arguments and evidence
    "framing",      # actor labels, valence, slant
)

_loaded: list | None = None


def _analysis_digest(root: pathlib.Path | None = None) -> str:
    """A digest of everything that decides an analysis: the package's code, data and models (not
    the dashboard or the sample corpus). Input keys include it, so after an upgrade a rerun analyses
    again (and stores "updated" where the result changed) instead of trusting old records; it is
    the same on every machine with the same release, so Dask workers and the driver agree."""
    root = root or pathlib.Path(__file__).resolve().parent
    h = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in ("web", "sample") or "__pycache__" in rel.parts \
                or path.suffix in (".pyc", ".pyo", ".so", ".pyd"):  # compiled here from the sources
            continue
        h.update(str(rel.as_posix()).encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def analysis_version() -> str:
    """The package version and the digest of its analysis ("0.1.0/3f2a9c0d1e4b"): in every
    record (`pantau`), in the store's meta table, and in every input's key."""
    return f"{__version__}/{_analysis_digest()}"


def stages() -> list:
    """The stage functions, imported once per process."""
    global _loaded
    if _loaded is None:
        _loaded = [(name, importlib.import_module(f"pantau.stages.{name}").run) for name in STAGES]
    return _loaded


def warm_up() -> None:
    """Import every stage and load its data by analysing one tiny document."""
    raw = {"kind": "doc", "source": {"path": "<warm-up>", "record": None, "url": None, "format": "txt"},
           "input_id": "warm-up", "title": None, "body": "Tentara Suriah merebut Aleppo pada Kamis (22/12).",
           "url": None, "outlet": None, "author": None, "published": None, "meta": {}}
    analyze(raw)


_first_done = False


def analyze(raw: dict[str, Any], options: Options = Options(),
            only: Iterable[str] | None = None) -> dict[str, Any]:
    """Run the stages (all, or those named in `only`, in pipeline order) over one raw
    document (an ingest "doc" item); return the public record."""
    global _first_done
    if not _first_done:  # the first in this process loads the data (see gc_paused)
        _first_done = True
        with gc_paused():
            out = _analyze(raw, options, only)
            # what is loaded now lives as long as the process: out of the collector's sight,
            # so its full collections do not walk millions of objects that are never garbage
            gc.freeze()
            return out
    return _analyze(raw, options, only)


def _analyze(raw: dict[str, Any], options: Options, only: Iterable[str] | None) -> dict[str, Any]:
    keep = None if only is None else set(only)
    article = record.new_article(document_of(**raw) if "source" not in raw else raw)
    for name, run in stages():
        if keep is None or name in keep:
            article = run(article, options)
    return finish(article)


def finish(article: dict[str, Any]) -> dict[str, Any]:
    """The public record of an article the stages have run over, stamped with what made it."""
    article["pantau"] = {"version": __version__, "analysis": analysis_version()}
    return record.public(article)


def document_of(text: str | None = None, title: str | None = None, url: str | None = None,
                published: str | None = None, *, body: str | None = None, path: str = "<text>",
                **fields: Any) -> dict[str, Any]:
    """An ingest "doc" item made from a text in hand (pantau.analyze_text, or a plain dict such
    as {"text": ...} given to analyze()); `fields`: outlet, author, input_id, meta."""
    from .ingest.items import document

    return document(path=path, record=None, fmt="txt", body=body if body is not None else text or "",
                    title=title, url=url, published=published, **fields)


def empty_reason(article: dict[str, Any]) -> str | None:
    """Why an analysed article holds nothing worth storing (None when it does)."""
    text = article.get("text") or ""
    if not text.strip():
        return "no article text after cleaning"
    if not text[article.get("body_start") or 0:].strip():
        return "no article text after cleaning: only a title and boilerplate"
    return None


def analyze_paths(paths: Iterable[str], options: Options = Options(),
                  errors: list | None = None) -> Iterator[dict[str, Any]]:
    """Ingest and analyse everything under `paths` (no store); ingest errors go to `errors`."""
    from .ingest import iter_documents

    for item in iter_documents(list(paths)):
        if item.get("kind") == "error":
            if errors is not None:
                errors.append(item)
            continue
        article = analyze(item, options)
        reason = empty_reason(article)
        if reason:
            if errors is not None:
                errors.append({"kind": "error", "path": item["source"]["path"],
                               "record": item["source"].get("record"), "reason": reason})
            continue
        yield article
