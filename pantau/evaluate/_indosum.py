"""IndoSum dev articles as plain text for the time/number evaluators.

Read through `pantau.ingest.iter_documents` (its IndoSum detokeniser turns the token lists
back into text); the text is the title (when present), a blank line, then the body, as the
pipeline's article text. Gold publication time = the unix time leading the id, in WIB.
"""
from __future__ import annotations

import datetime as dt
import pathlib
import re
from typing import Iterator

from ..ingest import iter_documents

WIB = dt.timezone(dt.timedelta(hours=7))
FOLDS = ("01", "02", "03")


def gold_date(doc_id: str) -> dt.date | None:
    m = re.match(r"(\d{9,11})", doc_id or "")
    if not m:
        return None
    return dt.datetime.fromtimestamp(int(m.group(1)), WIB).date()


def text_of(raw: dict) -> str:
    title, body = (raw.get("title") or "").strip(), raw.get("body") or ""
    return f"{title}\n\n{body}" if title else body


def iter_indosum(shared: pathlib.Path, folds=FOLDS, limit: int | None = None) -> Iterator[dict]:
    """{'id', 'text', 'gold': date, 'url', 'fold'} for each dev article of the folds."""
    n = 0
    for fold in folds:
        path = pathlib.Path(shared) / "corpus" / "indosum" / f"dev.{fold}.jsonl"
        for raw in iter_documents([str(path)]):
            if raw.get("kind") != "doc":
                continue
            yield {"id": raw["input_id"], "text": text_of(raw), "gold": gold_date(raw["input_id"]),
                   "url": raw.get("url"), "source": raw.get("outlet"), "fold": fold}
            n += 1
            if limit and n >= limit:
                return
