"""`pantau analyze --engine dask`: the same stages on a Dask cluster.

Reading is partitioned: each task reads one slice of one input file on a worker (or
gets it from the driver, below), analyses it with the very same `pipeline.analyze`,
and writes, beside the output, what storing it needs (the store's rows, the --out line);
only small metadata (counts, errors) travels back. The driver then streams those files,
in input order, into the store — which collapses exact duplicates by text hash — and
into `--out`. With --keep-shards the workers also write their records as JSONL shards.

A plain (uncompressed UTF-8) JSON Lines or CSV file, or a WARC, is cut where records
start (ingest.parts): the driver finds the cuts in one streaming pass (JSON Lines:
counting line ends; CSV: the csv module finding row ends; WARC: record headers, a gzip
member per record), and each worker seeks to its own part. Another file that is cheap to
read (gzip-compressed JSON Lines or CSV, a JSON array, another encoding) is read once by
the driver, which sends its items to the workers in batches. Any other file (ARC) is
sliced by record number: each slice reads the file from its start and skips to its
records, and the next slice is submitted while the previous ones came back full. All
are lazy: slices are made as workers free up, never all up front.
"""
from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import pathlib
import tempfile
from typing import IO, Any

from .extras import need
from .record import Options


def expand_inputs(paths: list[str]) -> list:
    """Files the ingest would read, in its order (folders and globs expanded); problems
    found while walking come out as error items."""
    from .ingest import iter_paths

    return list(iter_paths(paths))


def analyze_slice(path: str, start: int, size: int, options: Options, shard_dir: str,
                  max_article_bytes: int, part: tuple | None = None,
                  items: list[dict] | None = None, wants: tuple = (False, False),
                  keep: bool = False) -> dict[str, Any]:
    """Worker task: ingest + analyse records [start, start+size) of one file; with `part`
    (ingest.parts: a Cut and the file's Plan), that part of a JSON Lines, CSV or WARC file;
    with `items`, those items, read by the driver.

    Writes what the driver loads: per article the store's rows (store.prepare) and, as `wants`
    says, its --out line and Parquet rows (runner.outputs), so the driver, the single writer,
    only writes. With `keep`, also the records as a JSONL shard ({"input_hash", "article",
    "stems"}): the run's sharded output."""
    from . import pipeline
    from .ingest import iter_documents, read_input
    from .runner import PIPELINE_VERSION, outputs
    from .store import input_hash, prepare, stems_of

    # stable names: kept shards (--keep-shards) are the run's sharded output
    digest = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:12]
    shard = pathlib.Path(shard_dir) / f"{digest}-{start:09d}.jsonl"
    load = shard.with_suffix(".load")  # not *.jsonl: never read as result shards by a glob
    errors, seen, docs = [], 0, 0
    # the files are created at the slice's first record, never for a slice with none: a slice
    # past the end of the file may still be running after the driver cancelled it and removed
    # the temporary shard folder, and must not write into it (nor leave empty kept shards)
    with contextlib.ExitStack() as stack:
        out = loads = None
        if items is None and part is not None:
            items = read_input(path, max_article_bytes=max_article_bytes, part=part)
        elif items is None:  # every slice reads the file from its start: files without parts
            items = itertools.islice(iter_documents([path], max_article_bytes=max_article_bytes),
                                     start, start + size)
        for item in items:
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
            ihash = input_hash(item, PIPELINE_VERSION)
            stems = stems_of(article["text"])
            if loads is None:
                loads = stack.enter_context(load.open("w", encoding="utf-8"))
            loads.write(json.dumps([ihash, prepare(article, stems), outputs(article, *wants)],
                                   ensure_ascii=False) + "\n")
            if keep:
                if out is None:
                    out = stack.enter_context(shard.open("w", encoding="utf-8"))
                out.write(json.dumps({"input_hash": ihash, "article": article, "stems": stems},
                                     ensure_ascii=False) + "\n")
    return {"path": path, "start": start, "seen": seen, "docs": docs, "full": seen == size,
            "load": None if loads is None else str(load), "shard": None if out is None else str(shard),
            "errors": errors}


def run(paths: list[str], *, db: str, out: IO[str] | None, errors_out: IO[str] | None = None,
        options: Options = Options(), scheduler: str | None = None, slice_size: int = 250,
        max_article_bytes: int = 5_000_000, stderr=None, n_workers: int | None = None,
        shard_dir: str | None = None, keep_shards: bool = False, parquet_dir: str | None = None):
    """Analyse on Dask and load the results into the store; returns a runner.Summary."""
    import sys
    import time

    from . import __version__
    from .runner import PIPELINE_VERSION, ParquetShards, Recorder
    from .store import open_store
    from .store.postgres import is_postgres

    started = time.monotonic()
    parquet = ParquetShards(parquet_dir) if parquet_dir else None
    with _client(scheduler, n_workers) as client:
        store = open_store(db)
        store.set_meta({"pantau_version": __version__, "analysis_version": PIPELINE_VERSION})
        # the driver writes --out and the Parquet shards while it streams each result shard
        # into the store: only what the store kept (no duplicates across slices), one slice
        # in memory at a time
        rec = Recorder(store, out, errors_out, stderr or sys.stderr, parquet)
        wants = (out is not None, parquet is not None)  # what the workers make besides the store's rows
        try:
            # shards beside a SQLite file (same disk); for a server store, in the temporary folder
            if shard_dir is None:
                shard_dir = None if is_postgres(db) else os.path.dirname(os.path.abspath(db))
            if keep_shards:  # the shards stay where the workers wrote them: the run's sharded output
                os.makedirs(shard_dir, exist_ok=True)
            with (contextlib.nullcontext(shard_dir) if keep_shards
                  else tempfile.TemporaryDirectory(prefix="pantau-shards-", dir=shard_dir)) as shards:
                for path in expand_inputs(paths):
                    if isinstance(path, dict):
                        _load_slice({"errors": [path], "load": None}, rec)
                        continue
                    # keep up to 2 slices per worker in flight for this file
                    ahead = max(2, 2 * len(client.scheduler_info().get("workers", {})))
                    slices, ends = _slices(path, slice_size, max_article_bytes)
                    pending, done = [], False
                    while pending or not done:
                        while not done and len(pending) < ahead:
                            nxt = next(slices, None)
                            if nxt is None:
                                done = True
                                break
                            start, part, items = nxt
                            pending.append(client.submit(analyze_slice, path, start, slice_size, options, shards,
                                                         max_article_bytes, part, items, wants, keep_shards,
                                                         pure=False))
                        if not pending:
                            break
                        result = pending.pop(0).result()
                        if not ends and not result["full"]:
                            done = True
                            for fut in pending:  # slices past the end of the file: nothing in them
                                fut.cancel()
                            pending = []
                        _load_slice(result, rec)
                        store.commit()
                        rec.committed()
            rec.finish()
        finally:
            store.close()
    rec.summary.seconds = time.monotonic() - started
    return rec.summary


def _slices(path: str, size: int, max_article_bytes: int):
    """(iterator of (first record, part or None, items or None), whether it ends where the file
    ends). A plain JSON Lines or CSV file, or a WARC, is cut where records start, found by the
    driver in one streaming pass (ingest.parts), so each worker reads only its own part.
    Another file that is cheap to read (gzip-compressed JSON Lines or CSV, a JSON array,
    another encoding) is read here, once, and its items go to the workers in batches. Any
    other file (ARC) is sliced by record number, each slice reading the file from its start,
    until a slice comes back short."""
    from .ingest import iter_documents, parts

    plan = parts.plan(path, max_article_bytes)
    if plan is not None:
        cuts = parts.parts(path, size, plan, max_article_bytes)
        return ((cut.first, (cut, plan), None) for cut in cuts), True
    if parts.cheap_to_read(path):
        items = iter_documents([path], max_article_bytes=max_article_bytes)
        batches = iter(lambda: list(itertools.islice(items, size)), [])
        return ((k * size, None, batch) for k, batch in enumerate(batches)), True
    return ((start, None, None) for start in itertools.count(0, size)), False


def _load_slice(result: dict[str, Any], rec) -> None:
    """Stream what one slice made into the store, --out and the Parquet shards (runner.Recorder:
    the local engine's bookkeeping), then delete it (a kept shard stays)."""
    from .store import Prepared

    rec.summary.read += result.get("docs", 0)
    for err in result["errors"]:
        rec.error(err["path"], err.get("record"), err["reason"])
    if result.get("load") is None:
        return
    with open(result["load"], encoding="utf-8") as rows:
        for line in rows:
            ihash, prep, written = json.loads(line)
            prep = Prepared(*prep)
            # JSON has no tuples: the articles row is joined to a tuple, the fact rows may stay lists
            rec.stored(prep._replace(columns=tuple(prep.columns)), ihash, written)
    os.unlink(result["load"])


# -- cross-document steps as aggregations ---------------------------------------------------------

def _light_of(line: str, keep_facts: bool):
    """One analysed record (an --out line, or a kept shard's line) -> its stories._Light: MinHash
    signatures, names and (with keep_facts) events and numbers; never the text."""
    from .stories import _Light

    rec = record_of_line(line)
    return _Light(rec, keep_facts=keep_facts) if rec and rec.get("text") else None


def record_of_line(line: str) -> dict | None:
    """The record on one line of an --out file or of a kept shard ({"input_hash", "article", "stems"})."""
    line = line.strip()
    if not line:
        return None
    row = json.loads(line)
    return row["article"] if "input_hash" in row and isinstance(row.get("article"), dict) else row


def _buckets(lights, attr: str, threshold: float):
    """LSH banding as an aggregation: every light's band keys (the bands and rows datasketch's
    MinHashLSH uses for `threshold`, so the same candidates) grouped across partitions; a bag of
    the lights sharing a key, buckets of one left out. Only keys and lights (no texts) move."""
    MinHashLSH = need("datasketch").MinHashLSH

    from .stories import NUM_PERM

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    bands, rows = lsh.b, lsh.r

    def keys(light):
        sig = getattr(light, attr)
        if sig is None:
            return []
        hv = sig.hashvalues
        return [((i, hv[i * rows:(i + 1) * rows].tobytes()), light) for i in range(bands)]

    return (lights.map(keys).flatten().groupby(lambda e: e[0], shuffle="tasks")
            .map(lambda kv: sorted({m.id: m for _, m in kv[1]}.values(), key=lambda m: m.id))
            .filter(lambda members: len(members) > 1))


def _pairs_in(members: list, attr: str) -> list:
    """Every pair of a bucket with the Jaccard estimate of their `attr` signatures."""
    return [(a.id, b.id, getattr(a, attr).jaccard(getattr(b, attr)))
            for i, a in enumerate(members) for b in members[i + 1:]]


def _lights_bag(paths: list[str], blocksize: str, keep_facts: bool):
    dbag = need("dask.bag")

    return dbag.read_text(paths, blocksize=blocksize).map(_light_of, keep_facts).filter(lambda x: x is not None)


def duplicates(paths: list[str], *, scheduler: str | None = None, n_workers: int | None = None,
               threshold: float | None = None, blocksize: str = "16MiB") -> dict[str, Any]:
    """`pantau duplicates --engine dask --records …`: near-duplicates over analysed records (JSONL,
    e.g. `pantau analyze --out` files or kept shards) on a Dask cluster, as aggregations: each
    partition turns its records into MinHash signatures, the LSH band keys are grouped across
    partitions, candidate pairs are scored inside their buckets, and only the pairs and the
    articles in them come back to the driver. Same result as stories.duplicates."""
    dask = need("dask")

    from . import stories

    threshold = stories.DUP_THRESHOLD if threshold is None else threshold
    with _client(scheduler, n_workers):
        lights = _lights_bag(paths, blocksize, keep_facts=False)
        pairs = _buckets(lights, "text_sig", min(threshold, stories.SHARED_SOURCE)) \
            .map(_pairs_in, "text_sig").flatten().distinct()
        n_items, pairs = dask.compute(lights.count(), pairs)
        ids = {a for a, _, _ in pairs} | {b for _, b, _ in pairs}
        items = lights.filter(lambda x: x.id in ids).compute() if ids else []
    by_id = {it.id: it for it in items}
    candidates = [(by_id[a], by_id[b], sim) for a, b, sim in sorted(pairs)]
    return stories.duplicates_from_candidates(items, candidates, threshold, n_items=n_items)


def stories(paths: list[str], *, scheduler: str | None = None, n_workers: int | None = None,
            blocksize: str = "16MiB") -> dict[str, Any]:
    """`pantau stories --engine dask --records …`: story clusters over analysed records on a Dask
    cluster, as aggregations. Name frequencies (to know the names too common to count) and the
    outlets active each day are counted across partitions; topic LSH buckets (see _buckets) keep
    the pairs stories.story_link accepts; the driver joins the links and checks each cluster
    around its centre with only the linked articles (no texts). Same result as stories.stories."""
    dask = need("dask")

    from . import stories as st

    with _client(scheduler, n_workers):
        lights = _lights_bag(paths, blocksize, keep_facts=True)
        n_items, name_df, active_pairs = dask.compute(
            lights.count(), lights.map(lambda x: sorted(x.names)).flatten().frequencies(),
            lights.filter(lambda x: bool(x.date and x.outlet)).map(lambda x: (x.date[:10], x.outlet)).distinct())
        common = st.common_names_from(dict(name_df), n_items)
        links = _buckets(lights, "topic_sig", st.STORY_CANDIDATE).map(_links_in, common).flatten().distinct()
        links = links.compute()
        ids = {a for a, _, _ in links} | {b for _, b, _ in links}
        items = lights.filter(lambda x: x.id in ids).compute() if ids else []
    active: dict[str, set] = {}
    for day, outlet in active_pairs:
        active.setdefault(day, set()).add(outlet)
    return st.stories_from_clusters(st.clusters_from_links(items, sorted(links), common), active, n_items)


def _links_in(members: list, common: frozenset) -> list:
    """The pairs of a topic bucket that stories.story_link accepts (decided on the worker)."""
    from .stories import story_link

    by_id = {m.id: m for m in members}
    return [(a, b, sim) for a, b, sim in _pairs_in(members, "topic_sig")
            if story_link(by_id[a], by_id[b], sim, common)[0]]


class _client:
    """A Dask client on `scheduler`, or on a LocalCluster of processes started (and closed) here."""

    def __init__(self, scheduler: str | None, n_workers: int | None):
        self.scheduler, self.n_workers = scheduler, n_workers
        self.cluster = self.client = None

    def __enter__(self):
        need("distributed")
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
