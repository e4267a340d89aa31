"""The two kinds of item that ingest yields: a document or an error.

Kept as plain dicts (see docs/interface.md and pantau/record.py) so they pickle
and serialise unchanged.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

FORMATS = ("txt", "html", "jsonl", "csv", "warc", "rss")


class IngestError(Exception):
    """A problem that ends the reading of one input (or one record of it)."""

    def __init__(self, reason: str, record: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.record = record


class StopInput(IngestError):
    """A problem with the byte stream itself: nothing more can be read from this input."""


def error(path: str, record: int | None, reason: str) -> dict[str, Any]:
    return {"kind": "error", "path": path, "record": record, "reason": reason}


def document(*, path: str, record: int | None, fmt: str, body: str, title: str | None = None,
             url: str | None = None, outlet: str | None = None, author: str | None = None,
             published: str | None = None, input_id: str | None = None,
             meta: dict[str, Any] | None = None) -> dict[str, Any]:
    url = clean_field(url)
    return {
        "kind": "doc",
        "source": {"path": path, "record": record, "url": url, "format": fmt},
        "input_id": clean_field(input_id),
        "title": clean_field(title),
        "body": normalise_newlines(body),
        "url": url,
        "outlet": clean_field(outlet) or domain_of(url),
        "author": clean_field(author),
        "published": clean_field(published),
        "meta": dict(meta or {}),
    }


def has_text(body: str | None) -> bool:
    return bool(body and body.strip())


def normalise_newlines(text: str) -> str:
    """Paragraphs are separated by "\n" whatever the input used."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_field(value: Any) -> str | None:
    """A metadata value as a one-line string, or None when it says nothing."""
    if value is None:
        return None
    if isinstance(value, list):  # e.g. several authors
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    value = re.sub(r"\s+", " ", str(value)).strip()
    return value or None


def domain_of(url: str | None) -> str | None:
    """Plain host name of a URL ("liputan6.com"), without "www." or port."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host
