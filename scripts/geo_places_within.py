"""Share of gold event places (../shared/gold/events-dev) that Pantau links within 50 km.

For each gold event with coordinates: does any entity Pantau links in that article (clean ->
segment -> entities) carry a point within MAX_KM of the gold place? Prints the share and the
misses. Measuring only: nothing here is tuned on these articles.

    .venv/bin/python scripts/geo_places_within.py [../shared]
"""
from __future__ import annotations

import json
import math
import pathlib
import sys

from pantau.record import Options, new_article
from pantau.stages import clean, entities, segment

MAX_KM = 50.0


def km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main(shared: pathlib.Path) -> None:
    gold_dir = shared / "gold" / "events-dev"
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    total = hit = 0
    misses = []
    for doc in gold["docs"]:
        events = [e for e in doc.get("events") or [] if e.get("lat") is not None and e.get("lon") is not None]
        if not events:
            continue
        body = (gold_dir / "articles" / doc["doc"]).read_text(encoding="utf-8")
        raw = {"kind": "doc", "source": {"path": doc["doc"], "record": None, "url": None, "format": "txt"},
               "input_id": None, "title": None, "body": body, "url": None, "outlet": None, "author": None,
               "published": None, "meta": {}}
        a = new_article(raw)
        for stage in (clean, segment, entities):
            a = stage.run(a, Options())
        points = [(e["text"], (e["geo"]["lat"], e["geo"]["lon"])) for e in a["entities"]
                  if e.get("geo") and e["geo"].get("lat") is not None]
        for ev in events:
            total += 1
            near = [name for name, p in points if km(p, (ev["lat"], ev["lon"])) <= MAX_KM]
            if near:
                hit += 1
            else:
                misses.append(f"{doc['doc']}: {ev['place']} -> linked: "
                              f"{', '.join(sorted({n for n, _ in points})[:6]) or '-'}")
    print(f"gold event places linked within {MAX_KM:.0f} km: {hit}/{total} = {hit / max(total, 1):.3f}")
    for m in misses:
        print("  miss:", m)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
