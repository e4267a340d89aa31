"""Seed articles analysed by the time/number stages only (no other stage needed)."""
from __future__ import annotations

import json
import pathlib

from ..stages import numbers, pubdate, timex


def load(shared: pathlib.Path) -> list[dict]:
    """[{doc, text, gold}] for the seed articles that have gold."""
    shared = pathlib.Path(shared)
    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    out = []
    for g in gold["docs"]:
        path = shared / "corpus" / "seeds" / g["doc"]
        out.append({"doc": g["doc"], "text": path.read_text(encoding="utf-8"), "gold": g})
    return out


def analyse(text: str, between=None) -> dict:
    """published, timexes and numbers of one text, as the pipeline stages would fill them."""
    article = {"text": text, "_raw": {}, "entities": []}
    pub = pubdate.infer_publication(text, between)
    dct = pub["date"]
    tx = timex.extract_timexes(text, dct)
    nums = numbers.extract_numbers(text, [tuple(t["span"]) for t in tx if t["type"] != "DURATION"])
    article.update(published=pub, timexes=tx, numbers=nums)
    return article


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return spans


def overlapping(items: list[dict], span: tuple[int, int]) -> dict | None:
    best = None
    for it in items:
        s, e = it["span"]
        ov = min(e, span[1]) - max(s, span[0])
        if ov > 0 and (best is None or ov > best[0]):
            best = (ov, it)
    return best[1] if best else None
