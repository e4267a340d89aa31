"""IndoSum dev articles as plain text for the time/number evaluators.

Uses pantau.ingest when it provides a detokeniser; until then joins tokens with spaces
and repairs "( 7 / 4 )" -> "(7/4)" and spaces before punctuation, which is all the
date and number extractors need.
"""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from typing import Iterator

WIB = dt.timezone(dt.timedelta(hours=7))


def _detok(paragraphs) -> str:
    paras = []
    for para in paragraphs:
        sents = [" ".join(tok for tok in sent) for sent in para]
        paras.append(" ".join(sents))
    text = "\n".join(paras)
    text = re.sub(r"\(\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?\s*\)",
                  lambda m: f"({m.group(1)}/{m.group(2)}" + (f"/{m.group(3)}" if m.group(3) else "") + ")", text)
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    return text


def gold_date(doc_id: str) -> dt.date | None:
    m = re.match(r"(\d{9,11})", doc_id or "")
    if not m:
        return None
    return dt.datetime.fromtimestamp(int(m.group(1)), WIB).date()


def iter_indosum(shared: pathlib.Path, folds=("01", "02", "03"), limit: int | None = None) -> Iterator[dict]:
    """{'id', 'text', 'gold': date, 'url'} for each dev article of the folds."""
    n = 0
    for fold in folds:
        path = pathlib.Path(shared) / "corpus" / "indosum" / f"dev.{fold}.jsonl"
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                yield {"id": doc["id"], "text": _detok(doc["paragraphs"]), "gold": gold_date(doc["id"]),
                       "url": doc.get("source_url"), "source": doc.get("source")}
                n += 1
                if limit and n >= limit:
                    return
