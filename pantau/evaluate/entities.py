"""`pantau eval entities`: the entities stage against the seeds gold.

recall            a gold entity counts as found when some predicted entity overlaps an
                  occurrence of its text in the article (exact-span recall is reported too)
canonical         among found gold entities, the share whose overlapping prediction carries
                  the gold canonical name
geocoding         every seed place listed in SEED_PLACES must be resolved within 25 km of
                  its reference coordinates (taken from OCHA / GeoNames / Wikipedia)
"""
from __future__ import annotations

import math
import pathlib

# reference coordinates for the seed places (canonical -> lat, lon)
SEED_PLACES = {
    "Ramouseh": (36.157, 37.129),            # OCHA N0226
    "Handarat": (36.281, 37.177),            # OCHA N0227 (Handarat camp)
    "Aleppo": (36.202, 37.161),              # GeoNames 170063
    "Eastern Aleppo": (36.20, 37.18),
    "Ancient City of Aleppo": (36.199, 37.163),
    "Aleppo International Airport": (36.181, 37.224),
    "Aleppo Artillery Academy": (36.16, 37.12),
    "Hama Governorate": (35.22, 37.21),      # OCHA SY05 centroid
    "Damascus": (33.510, 36.291),
    "Moscow": (55.752, 37.618),
    "Washington, D.C.": (38.895, -77.036),
    "Pullman, Aleppo": (36.19, 37.13),       # Pullman bus station area, south-west Aleppo
}
MAX_KM = 25.0
TARGETS = {"recall": 0.9, "canonical_accuracy": 0.9}


def km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _article(path: pathlib.Path) -> dict:
    """The seed run through the pipeline stages up to entities when they exist, else raw text."""
    text = path.read_text(encoding="utf-8")
    try:
        from ..stages import segment

        return {"text": text, "_tokens": segment.tokenize(text),
                "sentences": [{"span": list(s)} for s in segment.split_sentences(text)]}
    except ImportError:
        return {"text": text}


def run(shared: pathlib.Path, **kw) -> dict:
    import json

    from ..stages import entities

    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    found = exact = total = canon_ok = 0
    misses, wrong, geo_rows = [], [], {}
    for doc in gold["docs"]:
        art = entities.run(_article(shared / "corpus" / "seeds" / doc["doc"]), None)
        text, ents = art["text"], art["entities"]
        for g in doc["entities"]:
            total += 1
            occ = []
            i = text.find(g["text"])
            while i >= 0:
                occ.append((i, i + len(g["text"])))
                i = text.find(g["text"], i + 1)
            hits = [e for e in ents for s, t in occ if e["span"][0] < t and s < e["span"][1]]
            if not hits:
                misses.append(f"{doc['doc'][:3]} {g['text']}")
                continue
            found += 1
            if any(tuple(e["span"]) in occ for e in hits):
                exact += 1
            if any(e["canonical"] == g["canonical"] for e in hits):
                canon_ok += 1
            else:
                wrong.append(f"{doc['doc'][:3]} {g['text']} -> {hits[0]['canonical']} (gold {g['canonical']})")
        for e in ents:
            ref = SEED_PLACES.get(e["canonical"])
            if ref is not None and e.get("geo"):
                d = km(ref, (e["geo"]["lat"], e["geo"]["lon"]))
                geo_rows[e["canonical"]] = max(d, geo_rows.get(e["canonical"], 0.0))
    seen = set(geo_rows)
    geo = {"places": len(SEED_PLACES), "resolved": len(seen),
           "within_25km": sum(1 for d in geo_rows.values() if d <= MAX_KM),
           "max_km": round(max(geo_rows.values()), 2) if geo_rows else None,
           "unresolved": sorted(set(SEED_PLACES) - seen)}
    return {
        "gold_entities": total,
        "recall": round(found / total, 4) if total else 0.0,
        "exact_span_recall": round(exact / total, 4) if total else 0.0,
        "canonical_accuracy": round(canon_ok / found, 4) if found else 0.0,
        "geocoding": geo,
        "misses": misses,
        "wrong_canonical": wrong,
        "pass": found / total >= 0.9 and (canon_ok / max(found, 1)) >= 0.9
        and geo["within_25km"] == geo["resolved"],
    }


def format(figures: dict) -> str:
    g = figures["geocoding"]
    lines = [
        f"seed gold entities: {figures['gold_entities']}",
        f"recall (overlap)    {figures['recall']:.3f}   target 0.90",
        f"recall (exact span) {figures['exact_span_recall']:.3f}",
        f"canonical accuracy  {figures['canonical_accuracy']:.3f}   target 0.90",
        f"geocoding: {g['within_25km']}/{g['resolved']} seed places within 25 km "
        f"(max {g['max_km']} km); not seen: {', '.join(g['unresolved']) or '-'}",
    ]
    if figures["misses"]:
        lines.append("missed: " + "; ".join(figures["misses"]))
    if figures["wrong_canonical"]:
        lines.append("wrong canonical: " + "; ".join(figures["wrong_canonical"]))
    return "\n".join(lines)
