"""Mapping one JSON object or CSV row to a document, whatever its field names.

The names are the ones the contract lists (docs/interface.md) plus common
variants; the first present, non-empty one wins.
"""
from __future__ import annotations

import re
from typing import Any

from .detok import detokenize_paragraphs
from .items import IngestError, clean_field, document

TEXT_FIELDS = ("text", "content", "isi_berita", "body", "isi", "article", "paragraphs")
TITLE_FIELDS = ("title", "judul", "headline")
URL_FIELDS = ("url", "source_url", "link", "uri")
OUTLET_FIELDS = ("source", "sumber", "outlet", "publisher", "site_name", "media")
DATE_FIELDS = ("published", "tanggal_publikasi", "date", "published_at", "datePublished", "tanggal", "waktu")
ID_FIELDS = ("id", "doc_id", "article_id")
AUTHOR_FIELDS = ("author", "authors", "penulis", "byline")
# kept in meta when present (the rest of the object is not copied: IndoSum's
# summaries and labels are gold data, not input)
META_FIELDS = ("category", "kategori", "tags", "language", "lang")


def first(obj: dict, names) -> Any:
    for name in names:
        value = obj.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def text_of(obj: dict) -> str | None:
    """The article text of the first text field present; IngestError for a field holding
    something else than text (a number, an object, a list of those)."""
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if value in (None, "", []):
            continue
        if isinstance(value, str) and name != "paragraphs":
            return value
        if not isinstance(value, list):
            raise IngestError(f"field {name!r} holds {_kind(value)}, not text")
        bad = _not_paragraphs(value)
        if bad:
            raise IngestError(f"field {name!r} holds a list with {bad}, not paragraphs of text")
        return detokenize_paragraphs(value) if any(isinstance(p, list) for p in value) else "\n".join(value)
    return None


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", dict: "an object", str: "a string"}
    return names.get(type(value), type(value).__name__)


def _not_paragraphs(value: list) -> str | None:
    """What makes `value` not paragraphs (strings; or lists of sentences, each a string or a list
    of token strings: IndoSum), or None. Looks no deeper than that, so no nesting can recurse."""
    for para in value:
        if isinstance(para, str):
            continue
        if not isinstance(para, list):
            return _kind(para)
        for sent in para:
            if isinstance(sent, str):
                continue
            if not isinstance(sent, list):
                return _kind(sent)
            for tok in sent:
                if not isinstance(tok, str):
                    return _kind(tok)
    return None


def _nested(value) -> bool:
    """IndoSum paragraphs: list of sentences of tokens (or of sentence strings)."""
    return bool(value) and all(isinstance(p, list) for p in value)


# An article has at least one word of two letters or digits: a bare "a", "-" or "1" is not one
_A_WORD = re.compile(r"[^\W_]{2}")


def doc_from_fields(obj: Any, *, path: str, record: int | None, fmt: str,
                    meta: dict | None = None) -> dict:
    if not isinstance(obj, dict):
        raise IngestError(f"expected a JSON object, found {type(obj).__name__}", record)
    lowered = {str(k).strip().lower(): v for k, v in obj.items()}
    lowered.update({str(k).strip(): v for k, v in obj.items()})  # exact names too (datePublished)
    body = text_of(lowered)
    if body is None or not body.strip():
        present = [k for k in TEXT_FIELDS if k in lowered]
        reason = (f"empty text field {present[0]!r}" if present else
                  "no text field (one of " + ", ".join(TEXT_FIELDS) + ")")
        raise IngestError(reason, record)
    if not _A_WORD.search(body):
        raise IngestError(f"text too short to be an article ({len(body.strip())} character(s), no word)",
                          record)
    extra = {k: lowered[k] for k in META_FIELDS if lowered.get(k) not in (None, "")}
    return document(
        path=path, record=record, fmt=fmt, body=body,
        title=_text_value(first(lowered, TITLE_FIELDS)),
        url=_text_value(first(lowered, URL_FIELDS)),
        outlet=_text_value(first(lowered, OUTLET_FIELDS)),
        author=_text_value(first(lowered, AUTHOR_FIELDS)),
        published=_text_value(first(lowered, DATE_FIELDS)),
        input_id=_text_value(first(lowered, ID_FIELDS)),
        meta={**(meta or {}), **extra},
    )


def _text_value(value: Any) -> str | None:
    if isinstance(value, list):  # several authors
        return clean_field([_text_value(v) for v in value])
    if isinstance(value, dict):  # {"name": "..."} style (JSON-LD author/publisher)
        value = value.get("name") or value.get("url")
    return clean_field(value)
