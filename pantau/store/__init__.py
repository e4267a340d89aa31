"""Where analysed articles live: SQLite (embedded default, WAL + FTS5) or PostgreSQL (many writers).

`open_store(db)` picks one from what `--db` names; both write the rows `schema.prepare` makes.
"""
from __future__ import annotations

from .schema import (FACT_TABLES, SCHEMA_VERSION, Prepared, StoreError, input_hash, prepare,  # noqa: F401
                     same_analysis, stats_of, stems_of, text_hash)
from .sqlite import Store


def open_store(db: str, *, readonly: bool = False):
    """The store `--db` names: a PostgreSQL URL (postgresql://…, many writers; pantau.store.postgres)
    or a SQLite file path (the default, embedded)."""
    from .postgres import PgStore, is_postgres

    if is_postgres(db):
        return PgStore(db, readonly=readonly)
    return Store(db, readonly=readonly)


def merge_store(store) -> tuple[int, int]:
    """Rebuild the store's merged events from every stored record (pantau.merge); returns
    (merged events, reports). Run after analysing: `pantau merge`, and the end of `pantau analyze`."""
    from .. import merge
    from .schema import merged_rows

    reports = [r for rec in store.iter_records() for r in merge.reports_of_record(rec)]
    merged = merge.merge(reports)
    store.replace_merged(*merged_rows(merged))
    return len(merged), len(reports)


def copy_store(src, dst) -> tuple[int, int]:
    """Every record (and every input hash, so reruns against `dst` skip the work) from one store
    into another, e.g. a shared PostgreSQL store into a SQLite file for the dashboard.
    Returns (articles written, input hashes)."""
    n = 0
    for i, rec in enumerate(src.iter_records(), 1):
        n += dst.put(rec, None) in ("new", "updated")
        for source in src.sources(rec["id"]):
            dst.add_source(rec["id"], source)
        if i % 500 == 0:
            dst.commit()
    k = 0
    for ihash, aid in src.iter_inputs():
        dst.add_input(ihash, aid)
        k += 1
    dst.commit()
    return n, k
