"""Exports of analysed articles: ACLED-style CSV, JSONL, flat CSV, GeoJSON and Parquet.

`export(records, fmt, out_path) -> int` writes the file ("-": standard output) and returns the number
of rows written (articles for jsonl, events otherwise). Records are public article dicts as the store
returns them. Rows are merged events (pantau.merge: one row per real event, `source` the publications
that reported it, `n_reports`/`n_sources`, `report_keys`), or one per article's event with merged=False.
Events only (not `statements`) unless include_statements=True; those rows carry their modality.

acled-csv follows the ACLED codebook: admin1-3 are names (never gazetteer codes), `location` the
most specific place named, `geo_precision` and `time_precision` as ACLED defines them, country names as
ACLED spells them, `civilian_targeting` on every Violence against civilians, `timestamp` the time the
article was stored. csv, parquet and geojson share one schema (FLAT_COLUMNS: the ACLED columns first);
Parquet columns are typed (dates, integers, floats, booleans).
"""
from __future__ import annotations

import csv
import functools
import json
import sys
import time
from typing import Any, Iterable

from .extras import need
from .nlp.countries import countries
from .nlp.geo import admin1_names
from .nlp.outlets import lookup
from .nlp.text import load_tsv
from .stages import events

FORMATS = ("acled-csv", "jsonl", "csv", "geojson", "parquet")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    # Pantau's additions
    "cameo", "plover", "evidence", "article_id", "confidence", "date_how",
    "attribution", "source_url", "n_reports", "n_sources", "first_reported", "last_reported", "report_keys",
]

# csv, parquet and geojson share one schema: ACLED's columns and Pantau's additions, then these
FLAT_EXTRA = [
    "event_id", "modality", "date_earliest", "date_latest", "date_precision", "country_code",
    "place_inherited", "actor1_side", "actor2_side", "evidence_start", "evidence_end", "outlet", "title",
]
FLAT_COLUMNS = ACLED_COLUMNS + FLAT_EXTRA

INT_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
               "timestamp", "n_reports", "n_sources", "evidence_start", "evidence_end")
FLOAT_COLUMNS = ("latitude", "longitude", "confidence")
DATE_COLUMNS = ("event_date", "first_reported", "last_reported", "date_earliest", "date_latest")
ADMIN_SUFFIXES = (" Governorate", " Subdistrict", " District", " Province", " Nahiya")


@functools.lru_cache(maxsize=None)
def _acled_admin1() -> dict[tuple[str, str], str]:
    return {(r["country"], r["name"].casefold()): r["acled"] for r in load_tsv("events/admin1_acled.tsv")}


def acled_admin1(country: str | None, name: str) -> str:
    """A first-level division's name as ACLED spells it ("Jawa Barat" -> "West Java", "Dimashq" -> "Damascus")."""
    return _acled_admin1().get((country or "", name.casefold()), name) if name else name


@functools.lru_cache(maxsize=None)
def _country_lookup() -> dict[str, str]:
    """ISO2 by every way a user may name a country (ISO2, ISO3, GeoNames or ACLED name), lower-cased."""
    out: dict[str, str] = {}
    for r in load_tsv("events/countries.tsv"):
        for k in (r["iso2"], r["iso3"], r["name"]):
            out[k.strip().lower()] = r["iso2"]
    for code, r in countries().items():
        out[r["name"].strip().lower()] = code
    return out


def country_code(name: str) -> str | None:
    """The ISO2 code of a country named by code or name (None if unknown)."""
    return _country_lookup().get((name or "").strip().lower())


def _looks_like_code(value: str) -> bool:
    return bool(value) and (value.isdigit() or (len(value) <= 3 and value.isupper() and value.isalpha()))


def _plain_admin(name: str | None) -> str:
    name = (name or "").strip()
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def admin_names(place: dict) -> tuple[str, str, str]:
    """admin1, admin2, admin3 as names: from the place's gazetteer parents when it has them, its admin1
    field when that is a name, the admin1 code list otherwise; a code nobody can name stays empty."""
    levels = {"admin1": "", "admin2": "", "admin3": ""}
    pid = place.get("id")
    seen = set()
    if pid:
        from .nlp import kb
        cur = kb.place(pid)
        while cur and pid not in seen:
            seen.add(pid)
            feat = cur.get("feature") or ""
            if feat in levels and not levels[feat]:
                levels[feat] = _plain_admin(cur.get("canonical"))
            pid = cur.get("parent") or ""
            cur = kb.place(pid) if pid else None
    for key in ("admin2", "admin3"):
        if not levels[key] and place.get(key) and not _looks_like_code(str(place[key])):
            levels[key] = _plain_admin(str(place[key]))
    if not levels["admin1"]:
        a1 = str(place.get("admin1") or "")
        if _looks_like_code(a1):
            a1 = admin1_names().get((place.get("country") or "", a1), "")
        levels["admin1"] = _plain_admin(a1)
    levels["admin1"] = acled_admin1(place.get("country"), levels["admin1"])
    return levels["admin1"], levels["admin2"], levels["admin3"]


@functools.lru_cache(maxsize=None)
def _inter_of() -> dict[str, str]:
    return {r["canonical"].lower(): r["inter"] for r in load_tsv("events/actors.tsv")}


@functools.lru_cache(maxsize=None)
def _inter_of_side() -> dict[str, int]:
    return {r["side"]: int(r["inter"]) for r in load_tsv("events/sides.tsv")}


def _inter(actor: dict | None) -> int | None:
    """ACLED's interaction code of an actor: by its name (events/actors.tsv), else by its side (events/sides.tsv)."""
    if not actor:
        return None
    code = _inter_of().get((actor.get("canonical") or "").lower())
    if code:
        return int(code)
    return _inter_of_side().get(actor.get("side") or "")


def _name(actor: dict | None) -> str:
    if not actor:
        return ""
    return actor.get("canonical") or actor.get("text") or ""


def _events(rec: dict, include_statements: bool) -> list[dict]:
    evs = [dict(e, modality=e.get("modality", "asserted")) for e in rec.get("events") or []]
    if include_statements:
        evs += [dict(e) for e in rec.get("statements") or []]
    return evs


def geo_precision(place: dict | None) -> int | None:
    """ACLED: 1 the event's own town or village is named; 2 only a part of a region or somewhere near a
    town (a district, or a place the article names elsewhere); 3 only a larger region (province, country).
    A place the text names that the gazetteer lacks carries its own (the events stage sets it from the
    linked place it was found `within`)."""
    if place and place.get("lat") is None and place.get("geo_precision"):
        return int(place["geo_precision"])
    if not place or place.get("lat") is None:
        return None
    rank = place.get("rank") or 3
    if rank <= 2:
        return 3
    if rank < 3 or place.get("inherited"):
        return 2
    return 1


def _point(place: dict) -> tuple[float | None, float | None]:
    """(lat, lon) of the event: the place's own point, else that of the linked place it lies `within`."""
    if place.get("lat") is not None:
        return place.get("lat"), place.get("lon")
    within = place.get("within") or {}
    return within.get("lat"), within.get("lon")


def time_precision(date: dict) -> tuple[str, int | None]:
    """(event_date, ACLED time_precision): 1 the day is known; 2 only the week (coded to the middle of the
    span); 3 only the month or vaguer (the middle of the span). A day assumed from the publication date
    and not said in the article is at best known to the week."""
    value, lo, hi = date.get("value") or "", date.get("earliest") or "", date.get("latest") or ""
    if len(value) == 10 and (date.get("precision") in (None, "day")):
        return value, (2 if date.get("how") == "publication" else 1)
    if len(lo) == 10 and len(hi) == 10:
        from datetime import date as _d
        a, b = _d.fromisoformat(lo), _d.fromisoformat(hi)
        mid = a + (b - a) / 2
        return mid.isoformat(), (1 if a == b else 2 if (b - a).days <= 7 else 3)
    best = value or lo or hi
    if len(best) == 7:
        return best + "-15", 3
    if len(best) == 4:
        return best + "-07-01", 3
    return best[:10], (3 if best else None)


# ACLED's source scales in the order it joins them ("New media-National", "National-International")
SCALE_ORDER = ("New media", "Subnational", "National", "Regional", "International")


def source_scale(outlets: Iterable[str | None], country: str) -> str:
    """ACLED's source_scale from the catalogue (pantau/data/sources.tsv) of the publications that
    reported the event: a blog is new media, an outlet of the event's country national, one from
    elsewhere international. Publications the catalogue does not know add nothing."""
    scales = set()
    for name in outlets:
        src = lookup(name) if name else None
        if src is None:
            continue
        if src.type == "blog":
            scales.add("New media")
        elif src.country and country:
            scales.add("National" if src.country == country else "International")
    return "-".join(s for s in SCALE_ORDER if s in scales)


def _reports_or_self(rec: dict, ev: dict, merged: dict | None) -> list[dict]:
    if merged:
        return merged["reports"]
    return [{"article_id": rec.get("id"), "outlet": (rec.get("outlet") or {}).get("name"),
             "url": (rec.get("source") or {}).get("url"), "attributed_to": ev.get("attributed_to"),
             "published": (rec.get("published") or {}).get("date"), "key": f"{rec.get('id')}:{ev.get('_idx', 0)}"}]


def _join(values: Iterable[Any]) -> str:
    out: list[str] = []
    for v in values:
        if v and str(v) not in out:
            out.append(str(v))
    return "; ".join(out)


def row(rec: dict, ev: dict, stored_at: int | None, merged: dict | None = None) -> dict[str, Any]:
    """Every column of the export schema (FLAT_COLUMNS) for one event: a single article's (merged None)
    or a merged event's (rec/ev its best report, `merged` the group, see pantau.merge)."""
    place = (merged or {}).get("place_detail") or ev.get("place") or {}
    date = ev.get("date") or {}
    if merged and merged.get("date"):
        date = dict(date, value=merged["date"], precision=merged.get("precision") or "day",
                    earliest=merged.get("earliest") or merged["date"], latest=merged.get("latest") or merged["date"])
    cc = place.get("country") or ""
    country = countries().get(cc, {})
    a1 = (merged or {}).get("actor1_detail") or ev.get("actor1")
    a2 = (merged or {}).get("actor2_detail") or ev.get("actor2")
    i1, i2 = _inter(a1), _inter(a2)
    interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else (i1 * 10 if i1 else None)
    etype = ev.get("event_type") or ""
    # ACLED marks every event in which civilians were the target (the events stage decides; records
    # stored before it did are judged by the same rule)
    civ = events.civilian_targeting(etype, a2, (merged or {}).get("sub_event_type") or ev.get("sub_event_type")) \
        if merged or "civilian_targeting" not in ev else bool(ev["civilian_targeting"])
    value, tprec = time_precision(date)
    reports = _reports_or_self(rec, ev, merged)
    evid = ev.get("evidence") or {}
    span = evid.get("span") or [None, None]
    admin1, admin2, admin3 = admin_names(place)
    fatalities = merged["fatalities"] if merged else ev.get("fatalities")
    evs = [r["event"] for r in merged["reports"]] if merged else [ev]
    published = sorted(r["published"] for r in reports if r.get("published"))
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}-{(merged or {}).get('id') or ev.get('id', '')}",
        "event_date": value or None,
        "year": int(value[:4]) if value else None,
        "time_precision": tprec,
        "disorder_type": ev.get("disorder_type"),
        "event_type": etype or None,
        "sub_event_type": (merged or {}).get("sub_event_type") or ev.get("sub_event_type"),
        "actor1": _name(a1), "assoc_actor_1": _join(_name(e.get("assoc_actor1")) for e in evs), "inter1": i1,
        "actor2": _name(a2), "assoc_actor_2": _join(_name(e.get("assoc_actor2")) for e in evs), "inter2": i2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": int(country["isonumeric"]) if country.get("isonumeric") else None,
        "region": country.get("region", ""),
        "country": country.get("name", cc),
        "admin1": admin1, "admin2": admin2, "admin3": admin3,
        "location": place.get("name") or "",
        # a place the gazetteer lacks is coded, as ACLED does, at the point of the known place it is in
        "latitude": _point(place)[0], "longitude": _point(place)[1],
        "geo_precision": geo_precision(place),
        # ACLED's source is the publications that reported the event; who the article credits is `attribution`
        "source": _join(r.get("outlet") for r in reports),
        "source_scale": source_scale([r.get("outlet") for r in reports], cc),
        "notes": evid.get("text", ""),
        "fatalities": fatalities if fatalities is not None else 0,
        "tags": "" if ev.get("modality", "asserted") == "asserted" else ev["modality"],
        "timestamp": stored_at,
        "cameo": ev.get("cameo") or "", "plover": ev.get("plover") or "",
        "evidence": json.dumps([evid.get("span")] + [x.get("span") for x in ev.get("also_evidence") or []]),
        "article_id": rec.get("id") or "",
        "confidence": ev.get("confidence"),
        # text / echo / milestone / publication: whether the article's own words gave the day
        "date_how": date.get("how") or "",
        "attribution": _join(r.get("attributed_to") for r in reports) if merged else (ev.get("attributed_to") or ""),
        "source_url": _join(r.get("url") for r in reports),
        "n_reports": len(reports), "n_sources": len({r.get("outlet") for r in reports if r.get("outlet")}) or 1,
        "first_reported": published[0][:10] if published else None,
        "last_reported": published[-1][:10] if published else None,
        "report_keys": _join(r.get("key") for r in reports),
        "event_id": ev.get("id"), "modality": ev.get("modality", "asserted"),
        "date_earliest": (date.get("earliest") or "")[:10] or None, "date_latest": (date.get("latest") or "")[:10] or None,
        "date_precision": date.get("precision"), "country_code": cc or None,
        "place_inherited": bool(place.get("inherited")) if place else None,
        "actor1_side": (a1 or {}).get("side"), "actor2_side": (a2 or {}).get("side"),
        "evidence_start": span[0], "evidence_end": span[1],
        "outlet": (rec.get("outlet") or {}).get("name"), "title": rec.get("title"),
    }


class _Out:
    """A file path, or "-" for standard output."""

    def __init__(self, path: str, binary: bool = False):
        self.path, self.binary = path, binary

    def __enter__(self):
        if self.path == "-":
            self.fh = None
            return sys.stdout.buffer if self.binary else sys.stdout
        self.fh = open(self.path, "wb") if self.binary else open(self.path, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, *exc):
        if self.fh is not None:
            self.fh.close()
        else:
            (sys.stdout.buffer if self.binary else sys.stdout).flush()


def _csv_value(v: Any) -> Any:
    return "" if v is None else v


def _write_csv(path: str, columns: list[str], rows: Iterable[dict]) -> int:
    n = 0
    with _Out(path) as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _csv_value(v) for k, v in r.items()})
            n += 1
    return n


def _parquet_schema():
    pa = need("pyarrow")

    def typ(c: str):
        if c in INT_COLUMNS:
            return pa.int64()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        if c in DATE_COLUMNS:
            return pa.date32()
        if c == "place_inherited":
            return pa.bool_()
        return pa.string()
    return pa.schema([(c, typ(c)) for c in FLAT_COLUMNS])


def _typed(r: dict[str, Any]) -> dict[str, Any]:
    from datetime import date
    out = {}
    for c in FLAT_COLUMNS:
        v = r.get(c)
        if v == "" and c not in ("source", "notes"):
            v = None if c in INT_COLUMNS or c in FLOAT_COLUMNS or c in DATE_COLUMNS else v
        if c in DATE_COLUMNS and isinstance(v, str):
            try:
                v = date.fromisoformat(v[:10])
            except ValueError:
                v = None
        out[c] = v
    return out


def _in_range(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    if not date_from and not date_to:
        return True
    if not value:
        return False
    return (not date_from or value >= date_from) and (not date_to or value[:len(date_to)] <= date_to)


def _keep(ev: dict, *, date_from=None, date_to=None, country=None, event_type=None) -> bool:
    if event_type and (ev.get("event_type") or "").lower() != event_type.lower():
        return False
    if country and (ev.get("place") or {}).get("country") != country:
        return False
    return _in_range(time_precision(ev.get("date") or {})[0], date_from, date_to)


def _light(rec: dict) -> dict:
    # what a row needs of an article besides the event: merging holds these, not whole records, in memory
    return {"id": rec.get("id"), "title": rec.get("title"), "outlet": rec.get("outlet"), "source": rec.get("source"),
            "published": rec.get("published")}


def rows_of(records: Iterable[dict], *, include_statements: bool = False, merged: bool = True,
            stored: dict[str, int] | None = None, date_from: str | None = None, date_to: str | None = None,
            country: str | None = None, event_type: str | None = None) -> Iterable[dict[str, Any]]:
    """The export rows (FLAT_COLUMNS) of the events in `records`: one per merged event (pantau.merge) by
    default, one per article's event with merged=False. `stored` maps article id to when it was stored
    (ACLED's timestamp); filters keep events of a type, a country (ISO2 or name) and days in a range."""
    from . import merge as merging

    cc = None
    if country:
        cc = country_code(country)
        if cc is None:
            raise ValueError(f"unknown country {country!r}: give an ISO code or a name")
    if stored is None:  # records from no store: stamped with the export's time
        now = int(time.time())
        when = lambda aid: now  # noqa: E731
    else:
        when = stored.get
    flt = {"date_from": date_from, "date_to": date_to, "country": cc, "event_type": event_type}
    if not merged:
        for rec in records:
            for i, ev in enumerate(_events(rec, include_statements)):
                if _keep(ev, **flt):
                    yield row(rec, dict(ev, _idx=i), when(rec.get("id")))
        return
    reports, extra = [], []
    for rec in records:
        light = _light(rec)
        art = merging.article_of(rec)
        for i, ev in enumerate(_events(rec, include_statements)):
            if not _keep(ev, **flt):
                continue
            if ev.get("modality", "asserted") != "asserted":
                extra.append((light, dict(ev, _idx=i)))  # statements stay one per article
                continue
            rep = merging.report(art, i, ev)
            rep["rec"] = light
            reports.append(rep)
    lights = {r["key"]: r["rec"] for r in reports}
    for m in merging.merge(reports):
        best = lights[m["key"]]
        ev = next(r["event"] for r in m["reports"] if r["key"] == m["key"])
        stamps = [t for t in (when(r["article_id"]) for r in m["reports"]) if t is not None]
        yield row(best, ev, max(stamps) if stamps else None, m)
    for light, ev in extra:
        yield row(light, ev, when(light.get("id")))


def export(records: Iterable[dict], fmt: str, out_path: str, *, include_statements: bool = False,
           merged: bool = True, stored: dict[str, int] | None = None, date_from: str | None = None,
           date_to: str | None = None, country: str | None = None, event_type: str | None = None,
           log=None) -> int:
    """Write `records` (public article dicts) to out_path ("-": standard output) in `fmt`; return the
    number of rows written (articles for jsonl, events otherwise). Events are merged across articles
    unless merged=False; what GeoJSON leaves out (events without coordinates) is counted on `log`
    (standard error by default)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    log = log or sys.stderr
    if fmt == "jsonl":
        n = 0
        cc = country_code(country) if country else None
        filtered = any((date_from, date_to, country, event_type))
        with _Out(out_path) as fh:
            for rec in records:
                if filtered and not any(_keep(ev, date_from=date_from, date_to=date_to, country=cc,
                                              event_type=event_type) for ev in rec.get("events") or []):
                    continue
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n
    rows = rows_of(records, include_statements=include_statements, merged=merged, stored=stored,
                   date_from=date_from, date_to=date_to, country=country, event_type=event_type)
    if fmt == "acled-csv":
        return _write_csv(out_path, ACLED_COLUMNS, rows)
    if fmt == "csv":
        return _write_csv(out_path, FLAT_COLUMNS, rows)
    if fmt == "geojson":
        features, left_out = [], 0
        for r in rows:
            lat, lon = r["latitude"], r["longitude"]
            if lat is None or lon is None:
                left_out += 1  # GeoJSON features here are points; these stay in the CSV and Parquet
                continue
            props = {c: r.get(c) for c in FLAT_COLUMNS}
            features.append({"type": "Feature",
                             "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                             "properties": props})
        with _Out(out_path) as fh:
            json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
        print(f"pantau: geojson left out {left_out} event(s) without coordinates", file=log)
        return len(features)
    return write_parquet(list(rows), out_path)


def flat_rows_of(rec: dict, include_statements: bool = False) -> list[dict[str, Any]]:
    """The flat (csv / parquet) rows of one record's events, one per event (not merged)."""
    # the run writing shards has not stored the article yet: no timestamp, so reruns write the same shard
    return list(rows_of([rec], include_statements=include_statements, merged=False, stored={}))


def write_parquet(rows: list[dict[str, Any]], out_path: str) -> int:
    import io

    pa = need("pyarrow")
    pq = need("pyarrow.parquet")

    schema = _parquet_schema()
    table = pa.Table.from_pylist([_typed(r) for r in rows], schema=schema) if rows else schema.empty_table()
    if out_path == "-":
        buf = io.BytesIO()
        pq.write_table(table, buf)
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.buffer.flush()
    else:
        pq.write_table(table, out_path)
    return len(rows)
