"""Store write throughput: SQLite (one writer) against PostgreSQL (one and several writers).

Analyses --articles IndoSum articles once (or reads analysed records from --records JSONL),
then times only the writes: `put_prepared` of every record, its rows made beforehand as the workers
make them (store.prepare, with the stems), into a fresh store, with a commit every 200 records
for SQLite. For PostgreSQL give a server:
--pg postgresql://USER@HOST/DB (a scratch database: its tables are dropped first); --writers N
runs N processes at once, each writing its own share, into the same database.

    .venv/bin/python bench/bench_store.py --articles 2000 [--pg URL] [--writers 1 2 4]

Prints records/s per configuration; figures only, never asserts.
"""
from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing as mp
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def analysed(shared: pathlib.Path, n: int) -> list:
    from pantau import pipeline
    from pantau.record import Options

    return list(itertools.islice(pipeline.analyze_paths([str(shared / "corpus" / "indosum")],
                                                        Options(between=("2016-01-01", "2018-12-31"))), n))


def prepared(records: list) -> list:
    """The store's rows of each record, as a worker makes them."""
    from pantau.store import prepare, stems_of

    return [prepare(a, stems_of(a["text"])) for a in records]


def _write(args) -> float:
    db, share = args
    from pantau.store import open_store

    store = open_store(db)
    t = time.perf_counter()
    for i, prep in enumerate(share):
        store.put_prepared(prep, "bench:" + prep.id)
        if i % 200 == 199:
            store.commit()
    store.commit()
    store.close()
    return time.perf_counter() - t


def run_writers(db: str, records: list, writers: int) -> dict:
    shares = [records[i::writers] for i in range(writers)]
    t = time.perf_counter()
    if writers == 1:
        _write((db, records))
    else:
        with mp.get_context("spawn").Pool(writers) as pool:
            pool.map(_write, [(db, s) for s in shares])
    secs = time.perf_counter() - t
    from pantau.store import open_store

    store = open_store(db, readonly=True)
    stored = store.count()  # a write that silently stored nothing would look fast
    store.close()
    return {"store": "postgresql" if db.startswith("postgres") else "sqlite", "writers": writers,
            "records": len(records), "stored": stored, "seconds": round(secs, 2),
            "records_per_s": round(len(records) / secs, 1)}


def reset_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("meta", "articles", "inputs", "sources", "entities", "events", "quotes", "labels"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--records", help="analysed records (JSONL) instead of analysing IndoSum")
    ap.add_argument("--pg", help="PostgreSQL URL of a scratch database")
    ap.add_argument("--writers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    if args.records:
        with open(args.records, encoding="utf-8") as fh:
            records = prepared([json.loads(line) for line in itertools.islice(fh, args.articles)])
    else:
        records = prepared(analysed(pathlib.Path(args.shared), args.articles))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(run_writers(f"{tmp}/b.db", records, 1))
    for w in args.writers if args.pg else []:
        reset_pg(args.pg)
        rows.append(run_writers(args.pg, records, w))
    print(f"{'store':12s} {'writers':>7s} {'records':>8s} {'stored':>8s} {'seconds':>8s} {'records/s':>10s}")
    for r in rows:
        print(f"{r['store']:12s} {r['writers']:>7d} {r['records']:>8d} {r['stored']:>8d} {r['seconds']:>8.2f}"
              f" {r['records_per_s']:>10.1f}")


if __name__ == "__main__":
    main()
