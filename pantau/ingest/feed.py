"""RSS and Atom feeds: one article per entry (feedparser over the bytes, never a URL).

Entry content (else summary) is run through the HTML extractor when it is
HTML; short fragments that trafilatura finds too small are flattened to text
with lxml instead. The feed title is the outlet fallback.
"""
from __future__ import annotations

import re

import feedparser
import lxml.etree
import lxml.html

from . import html as html_mod
from .items import IngestError, clean_field, document, error, has_text

FEED_LIMIT_FACTOR = 10  # a feed holds many articles: allow 10x the article limit
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
              "article", "pre", "ul", "ol", "table"}
_HTML_HINT = re.compile(r"<(?:p|div|br|span|a|b|i|em|strong|img|ul|li|h\d)\b", re.I)


def read(stream, *, path: str, limit: int, meta: dict):
    data = stream.read()  # the dispatcher has read it within FEED_LIMIT_FACTOR * limit
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise IngestError(f"feed could not be parsed: {str(parsed.get('bozo_exception'))[:150]}")
        raise IngestError("feed has no entries")
    feed = parsed.feed
    feed_title = clean_field(feed.get("title"))
    feed_meta = {**meta, "encoding": parsed.get("encoding"), "feed_title": feed_title,
                 "feed_version": parsed.get("version") or None}
    for index, entry in enumerate(parsed.entries):
        try:
            yield _entry_doc(entry, path=path, index=index, meta=feed_meta, outlet=feed_title)
        except IngestError as exc:
            yield error(path, index, exc.reason)
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"),
                                             feedparser.CharacterEncodingOverride):
        yield error(path, len(parsed.entries),
                    f"feed damaged after entry {len(parsed.entries) - 1}: "
                    f"{str(parsed.get('bozo_exception'))[:150]}")


def _entry_doc(entry, *, path: str, index: int, meta: dict, outlet: str | None):
    value, ctype = _entry_content(entry)
    if not value or not value.strip():
        raise IngestError("feed entry has no content or summary")
    url = entry.get("link")
    fields = {"title": entry.get("title"), "author": entry.get("author"), "published":
              entry.get("published") or entry.get("updated") or entry.get("created"), "url": url}
    extra = {"content_type": ctype}
    if "html" in ctype or _HTML_HINT.search(value):
        body = _html_body(value, url)
    else:
        body = value
    if not has_text(body):
        raise IngestError("feed entry has no text")
    if entry.get("id"):
        extra["entry_id"] = entry.get("id")
    return document(path=path, record=index, fmt="rss", body=body, outlet=outlet,
                    meta={**meta, **extra}, **fields)


def _entry_content(entry) -> tuple[str | None, str]:
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"], content.get("type") or ""
    detail = entry.get("summary_detail") or {}
    return entry.get("summary"), detail.get("type") or ""


def _html_body(fragment: str, url: str | None) -> str:
    try:
        return html_mod.extract(f"<html><body><article>{fragment}</article></body></html>",
                                url=url)["body"]
    except IngestError:
        return html_to_text(fragment)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in list(root.iter("script", "style")):
        el.drop_tree()
    for el in root.iter():
        if el.tag in BLOCK_TAGS:  # a line break around every block element
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
