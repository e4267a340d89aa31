"""Exports of analysed articles: ACLED-style CSV, JSONL, flat CSV, GeoJSON and Parquet.

`export(records, fmt, out_path) -> int` writes the file and returns the number of rows written
(articles for jsonl, events otherwise). Records are public article dicts as the store returns them.
Events only (not `statements`) unless include_statements=True; those rows carry their modality.
"""
from __future__ import annotations

import csv
import functools
import json
import time
from typing import Any, Iterable

from .extras import need
from .nlp.text import load_tsv

FORMATS = ("acled-csv", "jsonl", "csv", "geojson", "parquet")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    # Pantau's additions
    "cameo", "plover", "evidence", "article_id", "confidence", "date_how",
]

FLAT_COLUMNS = [
    "article_id", "event_id", "modality", "event_type", "sub_event_type", "disorder_type",
    "date", "date_earliest", "date_latest", "date_precision", "date_how",
    "place", "latitude", "longitude", "country", "admin1", "place_inherited",
    "actor1", "actor1_text", "actor1_side", "actor2", "actor2_text", "actor2_side",
    "fatalities", "attributed_to", "confidence", "cameo", "plover",
    "evidence", "evidence_start", "evidence_end", "also_evidence", "url", "outlet", "title",
]

TIME_PRECISION = {"day": 1, "week": 2}  # ACLED: 1 day, 2 within a week, 3 within a month or vaguer


@functools.lru_cache(maxsize=None)
def countries() -> dict[str, dict[str, str]]:
    return {r["iso2"]: r for r in load_tsv("events/countries.tsv")}


@functools.lru_cache(maxsize=None)
def _inter_of() -> dict[str, str]:
    return {r["canonical"].lower(): r["inter"] for r in load_tsv("events/actors.tsv")}


def _inter(actor: dict | None) -> int | None:
    if not actor:
        return None
    code = _inter_of().get((actor.get("canonical") or "").lower())
    if code:
        return int(code)
    return {"government": 1, "opposition": 2, "civilians": 7, "protesters": 6}.get(actor.get("side") or "")


def _name(actor: dict | None) -> str:
    if not actor:
        return ""
    return actor.get("canonical") or actor.get("text") or ""


def _events(rec: dict, include_statements: bool) -> list[dict]:
    evs = [dict(e, modality=e.get("modality", "asserted")) for e in rec.get("events") or []]
    if include_statements:
        evs += [dict(e) for e in rec.get("statements") or []]
    return evs


def _geo_precision(place: dict | None) -> int | str:
    if not place or place.get("lat") is None:
        return ""
    rank = place.get("rank") or 3
    if rank <= 1:
        return 3
    return 2 if place.get("inherited") or rank < 3 else 1


def acled_row(rec: dict, ev: dict, now: int) -> dict[str, Any]:
    place = ev.get("place") or {}
    date = ev.get("date") or {}
    cc = place.get("country") or ""
    country = countries().get(cc, {})
    i1, i2 = _inter(ev.get("actor1")), _inter(ev.get("actor2"))
    interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else (i1 * 10 if i1 else "")
    civ = (ev.get("actor2") or {}).get("side") == "civilians" and ev.get("event_type") in (
        "Violence against civilians", "Explosions/Remote violence")
    value = date.get("value") or date.get("latest") or date.get("earliest") or ""
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}-{ev.get('id', '')}",
        "event_date": value,
        "year": value[:4] if value else "",
        "time_precision": TIME_PRECISION.get(date.get("precision"), 3) if value else "",
        "disorder_type": ev.get("disorder_type") or "",
        "event_type": ev.get("event_type") or "",
        "sub_event_type": ev.get("sub_event_type") or "",
        "actor1": _name(ev.get("actor1")), "assoc_actor_1": "", "inter1": i1 or "",
        "actor2": _name(ev.get("actor2")), "assoc_actor_2": "", "inter2": i2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": country.get("isonumeric", ""), "region": country.get("region", ""),
        "country": country.get("name", cc),
        "admin1": place.get("admin1") or "", "admin2": place.get("admin2") or "", "admin3": place.get("admin3") or "",
        "location": place.get("name") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": _geo_precision(place),
        "source": ev.get("attributed_to") or ((rec.get("outlet") or {}).get("name") or ""),
        "source_scale": "",
        "notes": (ev.get("evidence") or {}).get("text", ""),
        "fatalities": ev.get("fatalities") if ev.get("fatalities") is not None else 0,
        "tags": "" if ev.get("modality", "asserted") == "asserted" else ev["modality"],
        "timestamp": now,
        "cameo": ev.get("cameo") or "", "plover": ev.get("plover") or "",
        "evidence": json.dumps([(ev.get("evidence") or {}).get("span")] +
                               [x.get("span") for x in ev.get("also_evidence") or []]),
        "article_id": rec.get("id") or "",
        "confidence": ev.get("confidence", ""),
        # text / echo / milestone / publication: whether the article's own words gave the day
        "date_how": date.get("how") or "",
    }


def flat_row(rec: dict, ev: dict) -> dict[str, Any]:
    place = ev.get("place") or {}
    date = ev.get("date") or {}
    a1, a2 = ev.get("actor1") or {}, ev.get("actor2") or {}
    evid = ev.get("evidence") or {}
    span = evid.get("span") or [None, None]
    return {
        "article_id": rec.get("id"), "event_id": ev.get("id"), "modality": ev.get("modality", "asserted"),
        "event_type": ev.get("event_type"), "sub_event_type": ev.get("sub_event_type"),
        "disorder_type": ev.get("disorder_type"),
        "date": date.get("value"), "date_earliest": date.get("earliest"), "date_latest": date.get("latest"),
        "date_precision": date.get("precision"), "date_how": date.get("how"),
        "place": place.get("name"), "latitude": place.get("lat"), "longitude": place.get("lon"),
        "country": place.get("country"), "admin1": place.get("admin1"),
        "place_inherited": bool(place.get("inherited")) if place else None,
        "actor1": a1.get("canonical"), "actor1_text": a1.get("text"), "actor1_side": a1.get("side"),
        "actor2": a2.get("canonical"), "actor2_text": a2.get("text"), "actor2_side": a2.get("side"),
        "fatalities": ev.get("fatalities"), "attributed_to": ev.get("attributed_to"),
        "confidence": ev.get("confidence"), "cameo": ev.get("cameo"), "plover": ev.get("plover"),
        "evidence": evid.get("text"), "evidence_start": span[0], "evidence_end": span[1],
        "also_evidence": len(ev.get("also_evidence") or []),
        "url": (rec.get("source") or {}).get("url"), "outlet": (rec.get("outlet") or {}).get("name"),
        "title": rec.get("title"),
    }


def _write_csv(path: str, columns: list[str], rows: Iterable[dict]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: ("" if v is None else v) for k, v in row.items()})
            n += 1
    return n


def _parquet_schema():
    pa = need("pyarrow")
    types = {"latitude": pa.float64(), "longitude": pa.float64(), "confidence": pa.float64(),
             "fatalities": pa.int64(), "evidence_start": pa.int64(), "evidence_end": pa.int64(),
             "also_evidence": pa.int64(), "place_inherited": pa.bool_()}
    return pa.schema([(c, types.get(c, pa.string())) for c in FLAT_COLUMNS])


def export(records: Iterable[dict], fmt: str, out_path: str, *, include_statements: bool = False) -> int:
    """Write `records` (public article dicts) to out_path in `fmt`; return the number of rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        n = 0
        with open(out_path, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n
    pairs = ((rec, ev) for rec in records for ev in _events(rec, include_statements))
    if fmt == "acled-csv":
        now = int(time.time())
        return _write_csv(out_path, ACLED_COLUMNS, (acled_row(rec, ev, now) for rec, ev in pairs))
    if fmt == "csv":
        return _write_csv(out_path, FLAT_COLUMNS, (flat_row(rec, ev) for rec, ev in pairs))
    if fmt == "geojson":
        features = []
        for rec, ev in pairs:
            row = flat_row(rec, ev)
            lat, lon = row["latitude"], row["longitude"]
            if lat is None or lon is None:
                continue  # GeoJSON features here are points; events without coordinates stay in the CSV
            features.append({"type": "Feature",
                             "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                             "properties": row})
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
        return len(features)
    # parquet
    return write_parquet([flat_row(rec, ev) for rec, ev in pairs], out_path)


def flat_rows_of(rec: dict, include_statements: bool = False) -> list[dict[str, Any]]:
    """The flat (csv / parquet) rows of one record's events."""
    return [flat_row(rec, ev) for ev in _events(rec, include_statements)]


def write_parquet(rows: list[dict[str, Any]], out_path: str) -> int:
    pa = need("pyarrow")
    pq = need("pyarrow.parquet")

    schema = _parquet_schema()
    table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    pq.write_table(table, out_path)
    return len(rows)
