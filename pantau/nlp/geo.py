"""Great-circle distance between two places (dicts with `lat` and `lon`)."""
from __future__ import annotations

import math


def km(a: dict, b: dict) -> float | None:
    """Kilometres between two places, None when either lacks usable coordinates."""
    try:
        la1, lo1, la2, lo2 = map(math.radians, (float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])))
    except (KeyError, TypeError, ValueError):
        return None
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
