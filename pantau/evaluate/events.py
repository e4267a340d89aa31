"""`pantau eval events`: events against the seeds gold, and precision on the hand-labelled dev sentences.

A predicted event matches a gold event when it has the same ACLED event_type, its date range
overlaps the gold date (or range), and its place lies within 50 km of the gold place (a gold place
that is a whole country matches any place in that country). Gold places without coordinates are
looked up in the knowledge base. A place without coordinates on either side (a village the gazetteer
lacks, kept by its words) matches by name, as ../shared/eval/eval_events.py does: the predicted name or
canonical equals the gold place or is contained in (or contains) its first comma part. Matching is
one-to-one, greedy in text order.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import pathlib
from typing import Any

PLACE_KM = 50.0


def seed_records(shared: pathlib.Path, records=None) -> list[dict] | None:
    """The analysed seed articles (the whole pipeline), or None when the pipeline cannot run."""
    if records is not None:
        return list(records)
    try:
        from ..pipeline import analyze_paths
        from ..record import Options
        return list(analyze_paths([str(pathlib.Path(shared) / "corpus" / "seeds")], Options()))
    except (ImportError, AttributeError):
        return None


def doc_name(rec: dict) -> str:
    return pathlib.Path((rec.get("source") or {}).get("path") or "").name


def _day(x: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(x)[:10]) if x else None
    except ValueError:
        return None


def gold_range(date) -> tuple[dt.date, dt.date] | None:
    if isinstance(date, list) and date:
        return _day(date[0]), _day(date[-1])
    d = _day(date)
    return (d, d) if d else None


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def gold_place(ev: dict) -> dict | None:
    """{'lat','lon','country','feature'} of a gold event's place (coordinates given or looked up)."""
    names = [p.strip() for p in (ev.get("place") or "").split(",") if p.strip()]
    found = None
    try:
        from ..nlp import kb
        for name in names:
            ids = [i for i in kb.candidates(name) if kb.place(i)]
            if ids:
                found = kb.place(ids[0])
                break
    except ImportError:
        found = None
    out = {"lat": ev.get("lat"), "lon": ev.get("lon"), "country": None, "feature": None}
    if found:
        out["country"] = found.get("country")
        out["feature"] = found.get("feature")
        if out["lat"] is None:
            out["lat"], out["lon"] = found.get("lat"), found.get("lon")
    return out if out["lat"] is not None or out["country"] else None


def matches(pred: dict, gold: dict, gplace: dict | None) -> bool:
    if pred.get("event_type") != gold.get("event_type"):
        return False
    g = gold_range(gold.get("date"))
    d = pred.get("date") or {}
    lo, hi = _day(d.get("earliest")) or _day(d.get("value")), _day(d.get("latest")) or _day(d.get("value"))
    if not g or not (lo or hi):
        return False
    if not ((lo or hi) <= g[1] and g[0] <= (hi or lo)):
        return False
    place = pred.get("place") or {}
    if gplace and place.get("lat") is not None:
        if gplace.get("feature") == "country":
            return place.get("country") == gplace.get("country")
        if gplace.get("lat") is not None:
            return _km((place["lat"], place["lon"]), (gplace["lat"], gplace["lon"])) <= PLACE_KM
    return same_place_name(place, gold.get("place"))


def _key(s) -> str:
    return " ".join(str(s or "").replace("_", " ").casefold().split())


def same_place_name(place: dict, gold_name: str | None) -> bool:
    """The name fallback for a place without coordinates on one side (a gold event with no place
    has nothing to check)."""
    whole, head = _key(gold_name), _key((gold_name or "").split(",")[0])
    if not whole:
        return True
    for cand in (_key(place.get("name")), _key(place.get("canonical"))):
        if cand and (cand == whole or (head and (cand in head or head in cand))):
            return True
    return False


def score_docs(records: list[dict], gold_docs: dict[str, dict]) -> dict[str, Any]:
    tp = fp = fn = sub_ok = 0
    per_doc = {}
    misses, extras = [], []
    for rec in records:
        name = doc_name(rec)
        gold = gold_docs.get(name)
        if gold is None:
            continue
        preds = list(rec.get("events") or [])
        used = set()
        d_tp = 0
        for gev in gold.get("events") or []:
            gp = gold_place(gev)
            hit = next((i for i, p in enumerate(preds) if i not in used and matches(p, gev, gp)), None)
            if hit is None:
                misses.append(f"{name[:3]} {gev['event_type']}/{gev['sub_event_type']} {gev.get('date')} "
                              f"{gev.get('place')}: {gev.get('evidence', '')[:70]}")
                continue
            used.add(hit)
            d_tp += 1
            sub_ok += preds[hit].get("sub_event_type") == gev.get("sub_event_type")
        d_fp = len(preds) - len(used)
        d_fn = len(gold.get("events") or []) - d_tp
        for i, p in enumerate(preds):
            if i not in used:
                extras.append(f"{name[:3]} {p['event_type']}/{p['sub_event_type']} "
                              f"{(p.get('date') or {}).get('value')} {(p.get('place') or {}).get('name')}: "
                              f"{p['evidence']['text'][:70]}")
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        per_doc[name[:3]] = {"tp": d_tp, "fp": d_fp, "fn": d_fn}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "sub_event_type_agreement": round(sub_ok / tp, 3) if tp else 0.0,
            "per_doc": per_doc, "misses": misses, "extras": extras}


def dev_precision(path: pathlib.Path) -> dict[str, Any] | None:
    """The hand-labelled dev sentences (tests/data/events_dev.jsonl), each analysed as a one-sentence article
    dated by its source. A sentence counts as right when the labelled type is among the predicted types."""
    if not path.is_file():
        return None
    import tempfile
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results: dict[str, list[str]] = {}
    try:
        from ..pipeline import analyze_paths
        from ..record import Options
        with tempfile.TemporaryDirectory() as tmp:
            src = pathlib.Path(tmp) / "dev.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for i, row in enumerate(rows):
                    fh.write(json.dumps({"id": f"dev-{i}", "text": row["sentence"], "published": row.get("date")},
                                        ensure_ascii=False) + "\n")
            for rec in analyze_paths([str(src)], Options()):
                results[rec["id"]] = sorted({e["event_type"] for e in rec.get("events") or []})
    except (ImportError, AttributeError):
        from ..stages import events as ev_stage
        for i, row in enumerate(rows):
            art = {"text": row["sentence"], "body_start": 0}
            ev_stage.run(art)
            results[f"dev-{i}"] = sorted({e["event_type"] for e in art["events"]})
    tp = fp = fn = tn = 0
    wrong = []
    for i, row in enumerate(rows):
        got, want = results.get(f"dev-{i}", []), row.get("event_type")
        if got and want and want in got:
            tp += 1
        elif got:
            fp += 1
            wrong.append(f"predicted {got} for {want}: {row['sentence'][:70]}")
        elif want:
            fn += 1
            wrong.append(f"missed {want}: {row['sentence'][:70]}")
        else:
            tn += 1
    return {"sentences": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0, "wrong": wrong}


def run(shared: pathlib.Path, records=None, dev: str | None = None, **_kw) -> dict[str, Any]:
    shared = pathlib.Path(shared)
    recs = seed_records(shared, records)
    out: dict[str, Any] = {}
    if recs is None:
        out["available"] = False
    else:
        data = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
        gold_docs = {d["doc"]: d for d in data["docs"]}
        out.update(score_docs(recs, gold_docs), available=True)
        out["statements"] = sum(len(r.get("statements") or []) for r in recs)
    dev_path = pathlib.Path(dev) if dev else pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "events_dev.jsonl"
    out["dev"] = dev_precision(dev_path)
    return out


def format(figures: dict[str, Any]) -> str:
    lines = []
    if not figures.get("available"):
        lines.append("events: pipeline not available")
    else:
        lines.append("events vs seeds gold (same event_type, overlapping dates, place within 50 km or, without coordinates, by name)")
        lines.append(f"  tp {figures['tp']}  fp {figures['fp']}  fn {figures['fn']}   "
                     f"P {figures['precision']:.3f}  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}   "
                     f"(sub-type agrees on {figures['sub_event_type_agreement']:.0%} of matches; "
                     f"{figures['statements']} statements kept apart)")
        for doc, d in sorted(figures["per_doc"].items()):
            lines.append(f"  {doc}: tp {d['tp']} fp {d['fp']} fn {d['fn']}")
        for m in figures["misses"]:
            lines.append(f"  missed: {m}")
        for x in figures["extras"]:
            lines.append(f"  extra:  {x}")
    dev = figures.get("dev")
    if dev:
        lines.append(f"dev sentences (tests/data/events_dev.jsonl, {dev['sentences']} hand-labelled): "
                     f"P {dev['precision']:.3f}  R {dev['recall']:.3f}  (tp {dev['tp']} fp {dev['fp']} "
                     f"fn {dev['fn']} tn {dev['tn']})")
        for w in dev["wrong"]:
            lines.append(f"  wrong: {w}")
    return "\n".join(lines)
