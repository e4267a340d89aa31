"""Stage: the article's stable id (contract rule 4).

The input's own id when it has one; otherwise a hash of the URL; otherwise a hash of
the cleaned text. The same input therefore gets the same id on every run.
"""
from __future__ import annotations

from ..record import Options, short_hash


def run(article: dict, options: Options) -> dict:
    raw = article["_raw"]
    if raw.get("input_id"):
        article["id"] = str(raw["input_id"])
    elif raw.get("url"):
        article["id"] = "u" + short_hash(normalise_url(raw["url"]))
    else:
        article["id"] = "t" + short_hash(article["text"])
    article["source"]["url"] = article["source"].get("url") or raw.get("url")
    return article


def normalise_url(url: str) -> str:
    """Same page, same id: drop the fragment, trailing slash and a leading www."""
    url = url.strip().split("#", 1)[0]
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")
