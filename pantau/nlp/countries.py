"""Countries as ACLED names them (pantau/data/events/countries.tsv with ACLED's spellings from
acled_countries.tsv): read by the events stage for actor names ("Protesters (Indonesia)") and by the
exports for their country columns."""
from __future__ import annotations

import functools

from .text import load_tsv


@functools.lru_cache(maxsize=None)
def countries() -> dict[str, dict[str, str]]:
    rows = {r["iso2"]: dict(r) for r in load_tsv("events/countries.tsv")}
    for r in load_tsv("events/acled_countries.tsv"):  # ACLED's spelling where it differs
        if r["iso2"] in rows:
            rows[r["iso2"]]["name"] = r["name"]
    return rows


def acled_name(iso2: str | None) -> str | None:
    """ACLED's name of a country from its ISO 3166 alpha-2 code (None when unknown)."""
    row = countries().get((iso2 or "").upper())
    return row["name"] if row else None
