"""The article record that flows through the pipeline.

A record is a plain JSON-able dict shaped like the v1 contract (`docs/interface.md`).
Stages read and fill it; keys starting with "_" are scratch space shared between
stages (tokens, sentence spans, raw input) and are dropped when the record is written.
Keeping it a dict (not a class) lets a process pool or Dask ship it unchanged.
"""
from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

SCHEMA = "pantau.article/1"


@dataclasses.dataclass(frozen=True)
class Options:
    """Run-wide settings every stage may consult. Picklable, immutable."""

    between: tuple[str, str] | None = None  # ISO dates: publication window
    reference_date: str | None = None  # ISO date: exact document creation date


def new_article(raw: dict[str, Any]) -> dict[str, Any]:
    """An empty contract record around one raw input document (an ingest "doc" item)."""
    return {
        "schema": SCHEMA,
        "id": None,
        "source": dict(raw["source"]),
        "outlet": {"name": None, "evidence": None},
        "author": None,
        "title": None,
        "body_start": 0,
        "language": None,
        "text": "",
        "removed": [],
        "inserted_spaces": [],  # offsets in text of spaces the de-gluer added (clean stage)
        "published": {"date": None, "earliest": None, "latest": None,
                      "precision": "none", "confidence": 0.0, "basis": []},
        "credited_sources": [],
        "cited_sources": [],
        "sentences": [],
        "timexes": [],
        "entities": [],
        "numbers": [],
        "quotes": [],
        "events": [],
        "statements": [],  # event-like claims that are not asserted as happened (denied, planned, offered...)
        "framing": {"labels": [], "slant": {"label": "unknown", "score": 0.0, "evidence": []}},
        "_raw": raw,
    }


def public(article: dict[str, Any]) -> dict[str, Any]:
    """The record as written to --out and the store: scratch keys removed."""
    return {k: v for k, v in article.items() if not k.startswith("_")}


def short_hash(*parts: str | None) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


def span_of(text: str, start: int, end: int) -> dict[str, Any]:
    """A fact skeleton whose `text` is exactly what the span reads."""
    return {"text": text[start:end], "span": [start, end]}


def iter_spans(article: dict[str, Any]):
    """Yield (kind, item, text_key) for every spanned fact, for round-trip checks."""
    for key in ("timexes", "entities", "numbers", "quotes", "credited_sources", "cited_sources"):
        for item in article.get(key) or []:
            yield key, item, "text"
    for q in article.get("quotes") or []:
        if isinstance(q.get("speaker"), dict) and q["speaker"].get("span"):
            yield "quotes.speaker", q["speaker"], "text"
    for key in ("events", "statements"):
        for ev in article.get(key) or []:
            for part in ("evidence", "trigger"):
                if isinstance(ev.get(part), dict):
                    yield f"{key}.{part}", ev[part], "text"
            for ev_evidence in ev.get("also_evidence") or []:
                yield f"{key}.also_evidence", ev_evidence, "text"
            for role in ("actor1", "actor2", "place"):
                if isinstance(ev.get(role), dict) and ev[role].get("span"):
                    yield f"{key}.{role}", ev[role], "text"
    framing = article.get("framing") or {}
    for lab in framing.get("labels") or []:
        yield "framing.labels", lab, "label"
    for word in framing.get("event_words") or []:
        yield "framing.event_words", word, "word"


def bad_spans(article: dict[str, Any]) -> list[str]:
    """Every fact whose span does not read its own text (empty list = all good)."""
    text = article.get("text", "")
    bad = []
    for kind, item, key in iter_spans(article):
        span = item.get("span")
        if not span:
            bad.append(f"{kind}: no span on {item!r:.80}")
            continue
        s, e = span
        if not (0 <= s <= e <= len(text)) or text[s:e] != item.get(key):
            bad.append(f"{kind}: span {span} reads {text[s:e]!r}, not {item.get(key)!r}")
    return bad


def printable(text: str) -> str:
    """`text` with control characters (a newline in a file name, an escape sequence) escaped, so
    one error stays one line on a terminal or in a log; the --errors JSON Lines keep them as is."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
