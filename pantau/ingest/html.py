"""HTML pages: main text through trafilatura, metadata from the page itself.

trafilatura always gets the HTML string (never a URL: no network). The raw
publication date is taken from the page's own metadata (article:published_time,
JSON-LD datePublished, <time datetime>, ...) unparsed, because a later stage
parses dates and wants to see what the page said; trafilatura's normalised date
is only a fallback.
"""
from __future__ import annotations

import json
import re

import lxml.etree
import lxml.html
import trafilatura

from .items import IngestError, clean_field

# <meta> names/properties carrying the publication date, in order of trust
DATE_META = ("article:published_time", "og:published_time", "og:article:published_time",
             "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
             "dc.date.issued", "dcterms.created", "dc.date", "parsely-pub-date",
             "sailthru.date", "content_publishedtime", "date")
AUTHOR_META = ("author", "article:author", "og:article:author", "dc.creator", "parsely-author",
               "content_author")
SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
TITLE_META = ("og:title", "twitter:title", "dc.title")
URL_META = ("og:url",)


def page_metadata(html: str) -> dict:
    """Title, url, outlet, author and raw published string from <meta>, JSON-LD, <time>."""
    found: dict = {}
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"),
                                    parser=lxml.html.HTMLParser(encoding="utf-8", huge_tree=False))
    except (lxml.etree.ParserError, ValueError):
        return found
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and value.strip() and key not in metas:
            metas[key] = value.strip()
    for key, names in (("published", DATE_META), ("author", AUTHOR_META), ("outlet", SITE_META),
                       ("title", TITLE_META), ("url", URL_META)):
        for name in names:
            if name in metas:
                found[key] = metas[name]
                found.setdefault("evidence", {})[key] = f"meta {name}"
                break
    for key, value in json_ld(tree).items():
        if key not in found:
            found[key] = value
            found.setdefault("evidence", {})[key] = "JSON-LD"
    if "published" not in found:
        for el in tree.iter("time"):
            value = el.get("datetime") or el.text_content()
            if value and value.strip():
                found["published"] = value.strip()
                found.setdefault("evidence", {})["published"] = "<time>"
                break
    if "url" not in found:
        for el in tree.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                found["url"] = el.get("href")
                found.setdefault("evidence", {})["url"] = "link canonical"
                break
    return found


def json_ld(tree) -> dict:
    """datePublished/author/publisher/headline/url from the first NewsArticle-like JSON-LD."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            if not isinstance(item, dict) or "datePublished" not in item and "headline" not in item:
                continue
            out = {}
            for key, field in (("published", "datePublished"), ("title", "headline"), ("url", "url"),
                               ("author", "author"), ("outlet", "publisher")):
                value = _ld_name(item.get(field))
                if value:
                    out[key] = value
            return out
    return {}


def _ld_items(data):
    if isinstance(data, list):
        for d in data:
            yield from _ld_items(d)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_items(data["@graph"])


def _ld_name(value):
    if isinstance(value, list):
        names = [_ld_name(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return value.get("name") or value.get("@id")
    return clean_field(value)


def extract(html: str, *, url: str | None = None) -> dict:
    """Fields of one HTML page: body (paragraphs on lines), title, author, published,
    outlet, url and meta. IngestError when no article text is found."""
    found = page_metadata(html)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, favor_recall=True,
            with_metadata=True, date_extraction_params={"extensive_search": False, "original_date": True})
    except (RecursionError, ValueError, lxml.etree.LxmlError) as exc:
        raise IngestError(f"HTML could not be parsed: {type(exc).__name__}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError("HTML holds no article text")
    evidence = found.get("evidence", {})
    text = _drop_leading_title(text, found.get("title") or doc.title)
    text = "\n".join(line.strip() for line in text.split("\n")).strip("\n")

    def pick(key, traf_value, traf_name):
        if found.get(key):
            return found[key]
        if traf_value:
            evidence[key] = f"trafilatura {traf_name}"
        return traf_value

    fields = {
        "body": text,
        "title": pick("title", doc.title, "title"),
        "author": pick("author", doc.author, "author"),
        "published": pick("published", doc.date, "date"),
        "url": url or pick("url", doc.url, "url"),
        "outlet": pick("outlet", doc.sitename, "sitename"),
        "meta": {"html_meta": evidence} if evidence else {},
    }
    if fields["outlet"] and re.fullmatch(r"(?:www\.)?[\w-]+(\.[\w-]+)+", fields["outlet"]):
        fields["outlet"] = fields["outlet"].lower().removeprefix("www.")
    return fields


def _drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura often keeps the <h1> headline as the first line; the title is a field."""
    if not title:
        return text
    first, _, rest = text.lstrip().partition("\n")
    if first.strip().casefold() == title.strip().casefold() and rest.strip():
        return rest
    return text
