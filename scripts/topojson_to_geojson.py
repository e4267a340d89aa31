"""Convert a TopoJSON topology (world-atlas countries-110m.json) to a small GeoJSON file.

Used by scripts/vendor_web.sh to build the dashboard's offline country boundary layer.
Usage: python scripts/topojson_to_geojson.py IN.topojson OUT.geojson [OBJECT]
"""
from __future__ import annotations

import json
import sys


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (quantized arcs are delta-encoded)."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)
    return arcs


def ring(indexes: list[int], arcs: list, digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        for j, (x, y) in enumerate(pts):
            if out and j == 0:  # shared with the end of the previous arc
                continue
            out.append([round(x, digits), round(y, digits)])
    return out


def geometry(g: dict, arcs: list, digits: int) -> dict | None:
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs, digits) for r in g["arcs"]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs, digits) for r in poly] for poly in g["arcs"]]}
    return None


def convert(topo: dict, name: str = "countries", digits: int = 2) -> dict:
    arcs = decode_arcs(topo)
    feats = []
    for g in topo["objects"][name]["geometries"]:
        geom = geometry(g, arcs, digits)
        if geom is None:
            continue
        props = {"name": (g.get("properties") or {}).get("name"), "id": g.get("id")}
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
    return {"type": "FeatureCollection",
            "source": "world-atlas 2.0.2 (ISC), Natural Earth 1:110m Admin 0 countries (public domain)",
            "features": feats}


def main(argv: list[str]) -> int:
    src, dst = argv[0], argv[1]
    name = argv[2] if len(argv) > 2 else "countries"
    with open(src, encoding="utf-8") as f:
        topo = json.load(f)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(convert(topo, name), f, ensure_ascii=False, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
