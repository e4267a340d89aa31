"""`pantau eval quotes`: quote and speaker recall against the seeds gold.

A gold quote is found when a predicted quote's text starts with (or contains) the gold `starts`
words. Its speaker is right when the predicted speaker's canonical name or text shares a name word
with the gold speaker; a gold "unnamed …" speaker is right when the predicted speaker is present and
not a named entity (the unnamed fighter, "seorang sumber militer Assad").
"""
from __future__ import annotations

import json
import pathlib
import re
from typing import Any

from .events import doc_name, seed_records

STOP = {"al", "the", "of", "and", "syrian", "unnamed"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'\u201c\u201d\u2018\u2019]", "", s or "")).strip().lower()


def _name_words(s: str) -> set[str]:
    return {w for w in re.split(r"[\s\-']+", (s or "").lower()) if len(w) > 2 and w not in STOP}


def speaker_ok(pred: dict | None, gold_speaker: str) -> bool:
    if not pred:
        return False
    if gold_speaker.lower().startswith("unnamed"):
        return not pred.get("named", False) and not pred.get("canonical")
    said = _name_words(pred.get("canonical") or "") | _name_words(pred.get("text") or "")
    return bool(said & _name_words(gold_speaker))


def score_docs(records: list[dict], gold_docs: dict[str, dict]) -> dict[str, Any]:
    found = right = total = 0
    misses = []
    for rec in records:
        name = doc_name(rec)
        gold = gold_docs.get(name)
        if gold is None:
            continue
        preds = rec.get("quotes") or []
        for gq in gold.get("quotes") or []:
            total += 1
            start = _norm(gq["starts"])
            hit = next((q for q in preds if _norm(q["text"]).startswith(start[:40])), None) or \
                next((q for q in preds if start[:40] in _norm(q["text"])), None)
            if hit is None:
                misses.append(f"{name[:3]} not found: {gq['starts'][:60]}")
                continue
            found += 1
            if speaker_ok(hit.get("speaker"), gq["speaker"]):
                right += 1
            else:
                sp = hit.get("speaker") or {}
                misses.append(f"{name[:3]} speaker {sp.get('text')!r}/{sp.get('canonical')!r} "
                              f"for {gq['speaker']!r}: {gq['starts'][:40]}")
    return {"gold_quotes": total, "found": found, "speaker_right": right,
            "quote_recall": round(found / total, 3) if total else 0.0,
            "speaker_recall": round(right / total, 3) if total else 0.0,
            "predicted": sum(len(r.get("quotes") or []) for r in records), "misses": misses}


def run(shared: pathlib.Path, records=None, **_kw) -> dict[str, Any]:
    shared = pathlib.Path(shared)
    recs = seed_records(shared, records)
    if recs is None:
        return {"available": False}
    data = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    out = score_docs(recs, {d["doc"]: d for d in data["docs"]})
    bad = []
    for r in recs:
        text = r.get("text") or ""
        for q in r.get("quotes") or []:
            s, e = q["span"]
            if text[s:e] != q["text"]:
                bad.append(q["text"][:40])
    out["bad_spans"] = bad
    out["available"] = True
    return out


def format(figures: dict[str, Any]) -> str:
    if not figures.get("available"):
        return "quotes: pipeline not available"
    lines = [f"quotes vs seeds gold: {figures['found']}/{figures['gold_quotes']} found "
             f"(recall {figures['quote_recall']:.3f}), speaker right {figures['speaker_right']}/"
             f"{figures['gold_quotes']} (speaker recall {figures['speaker_recall']:.3f}); "
             f"{figures['predicted']} quotes predicted; {len(figures['bad_spans'])} bad spans"]
    lines += [f"  {m}" for m in figures["misses"]]
    return "\n".join(lines)
