"""Great-circle distance between two places (dicts with `lat` and `lon`), and the names of
first-level divisions a place's geo gives by code."""
from __future__ import annotations

import functools
import math

from .text import load_tsv


@functools.lru_cache(maxsize=None)
def admin1_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the division's name (events/admin1_names.tsv): a town's geo
    holds the code ("30"), a province's its name ("West Java")."""
    return {(r["country"], r["code"]): r["name"] for r in load_tsv("events/admin1_names.tsv")}


def km(a: dict, b: dict) -> float | None:
    """Kilometres between two places, None when either lacks usable coordinates."""
    try:
        la1, lo1, la2, lo2 = map(math.radians, (float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])))
    except (KeyError, TypeError, ValueError):
        return None
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
