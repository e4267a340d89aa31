"""`pantau analyze --engine dask`: the same stages on a Dask cluster.

Reading is partitioned: each task reads one slice of one input file (records
[start, start+size)) on a worker, analyses it with the very same `pipeline.analyze`,
and writes its records to a JSONL shard beside the output; only small metadata
(counts, errors) travels back. The driver then streams the shards, in input
order, into the store — which collapses exact duplicates by text hash — and into
`--out`. Slices are opened lazily: a file's next slice is submitted only while the
previous ones came back full, so nothing has to count records up front.
"""
from __future__ import annotations

import itertools
import json
import os
import pathlib
import tempfile
from typing import IO, Any

from .record import Options


def expand_inputs(paths: list[str]) -> list:
    """Files the ingest would read, in its order (folders and globs expanded); problems
    found while walking come out as error items."""
    from .ingest import iter_paths

    return list(iter_paths(paths))


def analyze_slice(path: str, start: int, size: int, options: Options, shard_dir: str,
                  max_article_bytes: int) -> dict[str, Any]:
    """Worker task: ingest + analyse records [start, start+size) of one file into a shard."""
    from . import pipeline
    from .ingest import iter_documents
    from .runner import PIPELINE_VERSION
    from .store import input_hash, stems_of

    shard = pathlib.Path(shard_dir) / f"{abs(hash((path, start))):x}-{start}.jsonl"
    errors, seen, docs = [], 0, 0
    with shard.open("w", encoding="utf-8") as out:
        items = iter_documents([path], max_article_bytes=max_article_bytes)
        for item in itertools.islice(items, start, start + size):
            seen += 1
            if item.get("kind") == "error":
                errors.append({"path": item["path"], "record": item.get("record"), "reason": item["reason"]})
                continue
            docs += 1
            try:
                article = pipeline.analyze(item, options)
            except Exception as exc:  # noqa: BLE001 - reported with its path, the slice goes on
                src = item["source"]
                errors.append({"path": src["path"], "record": src.get("record"),
                               "reason": f"analysis failed: {type(exc).__name__}: {exc}"})
                continue
            empty = pipeline.empty_reason(article)
            if empty:
                src = item["source"]
                errors.append({"path": src["path"], "record": src.get("record"), "reason": empty})
                continue
            # the input hash is the local runner's key too: a later local rerun skips these
            out.write(json.dumps({"input_hash": input_hash(item, PIPELINE_VERSION), "article": article,
                                  "stems": stems_of(article["text"])}, ensure_ascii=False) + "\n")
    return {"path": path, "start": start, "seen": seen, "docs": docs, "full": seen == size, "shard": str(shard),
            "errors": errors}


def run(paths: list[str], *, db: str, out: IO[str] | None, errors_out: IO[str] | None = None,
        options: Options = Options(), scheduler: str | None = None, slice_size: int = 250,
        max_article_bytes: int = 5_000_000, stderr=None, n_workers: int | None = None,
        shard_dir: str | None = None):
    """Analyse on Dask and load the results into the store; returns a runner.Summary."""
    import sys
    import time

    from dask.distributed import Client, LocalCluster

    from .runner import Recorder
    from .store import open_store
    from .store_pg import is_postgres

    started = time.monotonic()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    store = open_store(db)
    rec = Recorder(store, out, errors_out, stderr or sys.stderr)
    try:
        # shards beside a SQLite file (same disk); for a server store, in the temporary folder
        if shard_dir is None:
            shard_dir = None if is_postgres(db) else os.path.dirname(os.path.abspath(db))
        with tempfile.TemporaryDirectory(prefix="pantau-shards-", dir=shard_dir) as shards:
            for path in expand_inputs(paths):
                if isinstance(path, dict):
                    _load_slice({"errors": [path], "shard": None}, rec)
                    continue
                # keep up to 2 slices per worker in flight for this file
                ahead = max(2, 2 * len(client.scheduler_info().get("workers", {})))
                start, pending, done = 0, [], False
                while pending or not done:
                    while not done and len(pending) < ahead:
                        pending.append(client.submit(analyze_slice, path, start, slice_size, options, shards,
                                                     max_article_bytes, pure=False))
                        start += slice_size
                    result = pending.pop(0).result()
                    if not result["full"]:
                        done = True
                        for fut in pending:  # slices past the end of the file: nothing in them
                            fut.cancel()
                        pending = []
                    _load_slice(result, rec)
                    store.commit()
    finally:
        store.close()
        client.close()
        if cluster is not None:
            cluster.close()
    rec.summary.seconds = time.monotonic() - started
    return rec.summary


def _load_slice(result: dict[str, Any], rec) -> None:
    """Stream one shard into the store and --out (runner.Recorder: the local engine's bookkeeping)."""
    rec.summary.read += result.get("docs", 0)
    for err in result["errors"]:
        rec.error(err["path"], err.get("record"), err["reason"])
    if result["shard"] is None:
        return
    with open(result["shard"], encoding="utf-8") as shard:
        for line in shard:
            row = json.loads(line)
            rec.analysed(row["article"], row["input_hash"], row["article"]["source"], row.get("stems"))
    os.unlink(result["shard"])
