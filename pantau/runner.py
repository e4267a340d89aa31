"""Batch runs: ingest -> analyse -> store -> JSON Lines, with exactly-once bookkeeping.

The store is the source of truth for what has been done: each input document is
identified by a hash of its raw content (store.input_hash) and committed together
with its article, so a run killed at any point and started again stores every good
article exactly once and re-analyses nothing it already committed.
"""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import json
import os
import pathlib
import re
import signal
import sys
import threading
import time
from typing import IO, Any, Callable, Iterable, Iterator

from . import __version__, pipeline
from .record import Options, printable
from .store import Prepared, input_hash, open_store, prepare, stems_of

# A change in any stage changes what is stored: the version is part of each input's key.
PIPELINE_VERSION = pipeline.analysis_version()
NO_STORE = ":memory:"  # --db none: a store that lives as long as the run (duplicates still collapse)

COMMIT_SECONDS = 2.0  # one transaction at most this long: what a crash can cost
_REASON_DETAIL = re.compile(r":| at | on line | \(")


@dataclasses.dataclass
class Summary:
    read: int = 0
    stored_new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    failed: int = 0  # analysis raised: reported like a rejection, counted apart
    seconds: float = 0.0
    interrupted: bool = False  # Ctrl-C: the counts are what was done (and committed) until then
    examples: dict = dataclasses.field(default_factory=dict)  # reason class -> first few inputs

    EXAMPLES = 3

    def reject(self, reason: str, where: str) -> None:
        cls = reason_class(reason)
        self.rejected[cls] += 1
        seen = self.examples.setdefault(cls, [])
        if len(seen) < self.EXAMPLES:
            seen.append(where)

    def grouped(self) -> list[str]:
        """The rejections grouped by reason, most frequent first, each with a few of its inputs."""
        total = sum(self.rejected.values())
        if not total:
            return []
        lines = [f"rejected {total} input(s):"]
        for reason, n in self.rejected.most_common():
            seen = self.examples.get(reason) or []
            more = ", …" if n > len(seen) else ""
            names = ", ".join(printable(x) for x in seen)
            lines.append(f"  {n:>6}  {printable(reason)}" + (f"  ({names}{more})" if seen else ""))
        return lines

    def line(self) -> str:
        rej = sum(self.rejected.values())
        reasons = ", ".join(f"{printable(r)}: {n}" for r, n in self.rejected.most_common(5))
        s = "interrupted: " if self.interrupted else ""
        s += (f"read {self.read}, stored {self.stored_new} new, {self.updated} updated, "
             f"{self.unchanged} unchanged, {self.duplicates} duplicates, rejected {rej}")
        if reasons:
            s += f" ({reasons})"
        return s + f" in {self.seconds:.1f}s"

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["rejected"] = dict(self.rejected)
        d.pop("examples", None)
        return d


SINGLE_DOCUMENT = (".txt", ".html", ".htm")  # one article per file
COUNT_SECONDS = 1.0  # counting the inputs for the progress bar's total takes at most this long


def count_documents(paths: list[str]) -> int | None:
    """How many articles `paths` hold, when that is cheap to know: files holding one article
    each, and uncompressed JSON Lines (one per non-blank line). None (a bar without total) for
    stdin and the formats that must be parsed to be counted (CSV, WARC, feeds, gzip)."""
    from .ingest import iter_paths

    deadline = time.monotonic() + COUNT_SECONDS
    n = 0
    for path in iter_paths(paths):
        if isinstance(path, dict):  # a folder that cannot be read: reported when the run gets there
            continue
        if path == "-" or time.monotonic() > deadline:
            return None
        low = path.lower()
        if low.endswith(SINGLE_DOCUMENT):
            n += 1
        elif low.endswith(".jsonl"):
            try:
                with open(path, "rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            except OSError:
                n += 1
        else:
            return None
    return n


def reason_class(reason: str) -> str:
    """Group free-text reasons for the summary line ('malformed JSON at line 3' -> 'malformed JSON')."""
    return _REASON_DETAIL.split(reason, 1)[0].strip()[:60]


def _analyze_one(job: tuple) -> dict:
    """Worker entry point: never raises, so one bad article cannot stop the batch.

    Jobs that need no analysis (ingest errors, inputs already stored) pass through.
    What storing and writing the article need is made here too (the search stems, the store's
    rows, the --out line, the Parquet rows: store.prepare, outputs), so the single-writer
    parent only writes, and strings rather than the record's nested dict cross the pipe."""
    item, options, known, wants = job
    head = _head(job)
    if item.get("kind") == "error" or known:
        return {"job": head}
    try:
        article = pipeline.analyze(item, options)
        empty = pipeline.empty_reason(article)
        if empty:
            return {"job": head, "empty": empty}
        return {"job": head, "ok": prepare(article, stems_of(article["text"])),
                "written": outputs(article, *wants)}
    except Exception as exc:  # noqa: BLE001 - reported per article, with its path
        return {"job": head, "error": f"analysis failed: {type(exc).__name__}: {exc}"}


def _head(job: tuple) -> dict:
    """What the parent needs back of a job besides the analysis."""
    item, _options, known, _wants = job
    head = {k: item.get(k) for k in ("kind", "path", "record", "reason", "source", "_input_hash")}
    head["known"] = known
    return head


def _lost(job: tuple, why: str) -> dict:
    """The outcome of a job whose worker process died on it (pool.Pool)."""
    return {"job": _head(job), "error": f"analysis failed: {why}"}


def outputs(article: dict, out: bool, parquet: bool) -> tuple[str | None, list | None]:
    """What a run writes of one stored article besides the store: its --out line (with `out`)
    and its rows for the Parquet shards (with `parquet`)."""
    from .export import flat_rows_of

    return (json.dumps(article, ensure_ascii=False) + "\n" if out else None,
            flat_rows_of(article) if parquet else None)


def _own_files(db: str, *streams) -> set[str]:
    files = {db, db + "-wal", db + "-shm", db + "-journal"}
    files.update(getattr(s, "name", "") for s in streams if s is not None)
    return {os.path.realpath(f) for f in files if isinstance(f, str) and f}


@contextlib.contextmanager
def _ctrl_c_held():
    """Ctrl-C arriving inside the block takes effect when it ends: storing an article and counting it
    are one step, so the summary an interrupted run prints matches what it committed."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread
        return
    held = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held and previous is signal.default_int_handler:
        raise KeyboardInterrupt
    if held and callable(previous):
        previous(signal.SIGINT, None)


def _mapper(workers: int, notify: Callable[[str], None]) -> tuple[Callable[[Iterable], Iterator], Callable[[], None]]:
    """map() for one worker; for more, an order-keeping process pool with bounded read-ahead that
    notices a worker killed from outside (pool.Pool): a run never waits for a dead worker."""
    if workers <= 1:
        return (lambda jobs: map(_analyze_one, jobs)), (lambda: None)
    from .pool import Pool

    pool = Pool(_analyze_one, workers, lost=_lost, notify=notify)
    return pool.imap, pool.terminate


class ParquetShards:
    """--parquet-dir: the run's events as Parquet shards (the columns of `pantau export --format
    parquet`), written as the records are stored, every `per_shard` articles. Stable names in
    order (events-000000.parquet, ...), so any Parquet reader opens the folder as one table and
    both engines write the same shards for the same input."""

    PER_SHARD = 1000

    def __init__(self, folder: str, per_shard: int | None = None):
        self.check_unused(folder)
        self.folder = pathlib.Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.per_shard = per_shard or self.PER_SHARD
        self.rows, self.articles, self.written = [], 0, 0

    @staticmethod
    def check_unused(folder: str) -> None:
        """Refuse a folder holding shards already: a second run's shards would mix with them."""
        old = sorted(pathlib.Path(folder).glob("events-*.parquet"))
        if old:
            raise FileExistsError(f"--parquet-dir {folder} already holds event shards ({old[0].name} ...); "
                                  "give an empty folder")

    def add(self, rows: list) -> None:
        """One article's rows (runner.outputs)."""
        self.rows.extend(rows)
        self.articles += 1
        if self.articles >= self.per_shard:
            self.flush()

    def flush(self) -> None:
        if not self.articles:
            return
        from .export import write_parquet

        write_parquet(self.rows, str(self.folder / f"events-{self.written:06d}.parquet"))
        self.written += 1
        self.rows, self.articles = [], 0


class Recorder:
    """What both engines do with each outcome: store it exactly once (in either store), write it
    to --out (and --parquet-dir) in input order, report rejections, and count everything for
    the summary line."""

    def __init__(self, store, out: IO[str] | None, errors_out: IO[str] | None, stderr: IO[str],
                 parquet: ParquetShards | None = None, quiet: bool = False):
        self.store, self.out, self.errors_out, self.stderr = store, out, errors_out, stderr
        self.parquet = parquet
        self.quiet = quiet
        # a progress bar redraws itself below what is said (tqdm.write); without one, plain lines
        self.say: Callable[[str], None] = lambda line: print(line, file=self.stderr)
        self.summary = Summary()
        self.written: set[str] = set()
        # --out lines and Parquet rows of articles not yet committed: written by committed(), so
        # a run stopped (SIGTERM, Ctrl-C) leaves no line for an article the store does not hold
        self.pending: list[tuple[str | None, list | None]] = []

    def error(self, path: str, rec: Any, reason: str, *, failed: bool = False) -> None:
        if failed:
            self.summary.failed += 1
        where = path if rec is None else f"{path}#{rec}"
        self.summary.reject(reason, where)
        if not self.quiet:
            self.say(f"pantau: {printable(where)}: {printable(reason)}")
        if self.errors_out is not None:
            self.errors_out.write(json.dumps({"path": path, "record": rec, "reason": reason},
                                             ensure_ascii=False) + "\n")

    def note(self, path: str, rec: Any, message: str) -> None:
        """Something about an input that is stored all the same (not a rejection)."""
        where = path if rec is None else f"{path}#{rec}"
        print(f"pantau: {printable(where)}: note: {printable(message)}", file=self.stderr)

    def known(self, article_id: str) -> None:
        """An input committed earlier (a rerun, or a copy of one already stored)."""
        if article_id in self.written:
            self.summary.duplicates += 1
            return
        self.summary.unchanged += 1
        stored = self.store.get(article_id)
        if stored is not None:
            self._write(article_id, self.outputs(stored))

    def outputs(self, article: dict) -> tuple[str | None, list | None]:
        return outputs(article, self.out is not None, self.parquet is not None)

    def stored(self, prep: Prepared, ihash: str, written: tuple[str | None, list | None]) -> None:
        """Store an analysed article, made into the store's rows by a worker (store.prepare),
        unless this run has it already; then write its --out line and Parquet rows (`outputs`)."""
        if prep.id in self.written:  # the same article twice in this run
            self.store.note_input(ihash, prep.id, prep.source)
            self.summary.duplicates += 1
            return
        state = self.store.put_prepared(prep, ihash)
        if state == "duplicate":
            self.summary.duplicates += 1
            return
        self.summary.stored_new += state == "new"
        self.summary.updated += state == "updated"
        self.summary.unchanged += state == "unchanged"
        self._write(prep.id, written)

    def _write(self, article_id: str, written: tuple[str | None, list | None]) -> None:
        if self.out is not None or self.parquet is not None:
            self.pending.append(written)
        self.written.add(article_id)

    def committed(self) -> None:
        """The store has committed what was handed to it: write those articles' outputs."""
        for line, rows in self.pending:
            if self.out is not None:
                self.out.write(line)
            if self.parquet is not None:
                self.parquet.add(rows)
        self.pending = []
        if self.out is not None:
            self.out.flush()

    def finish(self) -> None:
        """After the last commit."""
        self.committed()
        if self.parquet is not None:
            self.parquet.flush()


def run(paths: list[str], *, db: str, out: IO[str] | None, errors_out: IO[str] | None = None,
        options: Options = Options(), workers: int = 1, progress: bool = False,
        stderr: IO[str] | None = None, max_article_bytes: int = 5_000_000,
        parquet_dir: str | None = None, quiet: bool = False) -> Summary:
    """Analyse everything under `paths` into the store `db` (NO_STORE: none kept) and `out`.
    Ctrl-C stops it cleanly: what was stored is committed and the summary says interrupted."""
    from .ingest import iter_documents

    started = time.monotonic()
    parquet = ParquetShards(parquet_dir) if parquet_dir else None
    store = open_store(db)
    if db != NO_STORE:
        store.set_meta({"pantau_version": __version__, "analysis_version": PIPELINE_VERSION})
    rec = Recorder(store, out, errors_out, stderr or sys.stderr, parquet, quiet=quiet)
    summary = rec.summary
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=count_documents(paths), unit=" articles", file=rec.stderr, mininterval=0.5,
                   dynamic_ncols=True)
        rec.say = lambda line: bar.write(line, file=rec.stderr)
    own_files = _own_files(db, out, errors_out)
    ours = functools.lru_cache(maxsize=256)(lambda where: os.path.realpath(where) in own_files)

    wants = (out is not None, parquet is not None)  # what the workers make besides the store's rows

    def jobs() -> Iterator[tuple]:
        for item in iter_documents(paths, max_article_bytes=max_article_bytes):
            where = item["path"] if item.get("kind") == "error" else item["source"]["path"]
            if ours(where):  # our own database/output inside an input folder (asked once per file)
                continue
            if item.get("kind") == "error":
                yield item, options, None, wants
                continue
            summary.read += 1
            damaged = item.get("meta", {}).get("decode_errors")
            if damaged:  # stored, but the reader should know its text has U+FFFD in it
                rec.note(item["source"]["path"], item["source"].get("record"),
                         f"{damaged} byte(s) not valid in its encoding, replaced by U+FFFD")
            ih = input_hash(item, PIPELINE_VERSION)
            item["_input_hash"] = ih
            yield item, options, store.known_input(ih), wants

    def handle(outcome: dict) -> None:
        item = outcome["job"]
        if item.get("kind") == "error":
            rec.error(item["path"], item.get("record"), item["reason"])
        elif item["known"]:
            rec.known(item["known"])
        elif "error" in outcome:
            rec.error(item["source"]["path"], item["source"].get("record"), outcome["error"], failed=True)
        elif "empty" in outcome:
            rec.error(item["source"]["path"], item["source"].get("record"), outcome["empty"])
        else:
            rec.stored(outcome["ok"], item["_input_hash"], outcome["written"])

    mapper, shutdown = _mapper(workers, lambda msg: print(f"pantau: {msg}", file=rec.stderr))
    last_commit = time.monotonic()
    try:
        # imap keeps input order; the job stream is consumed lazily (bounded memory)
        for outcome in mapper(jobs()):
            with _ctrl_c_held():  # an article is stored and counted, or neither
                handle(outcome)
            if bar is not None:
                bar.update(1)
            if time.monotonic() - last_commit > COMMIT_SECONDS:
                store.commit()
                rec.committed()
                last_commit = time.monotonic()
        store.commit()
        rec.finish()
    except KeyboardInterrupt:
        # every stored article went in with its input key: committing keeps them and a rerun
        # goes on from there; the pool's workers got the same signal and are ended below
        summary.interrupted = True
        store.commit()
        rec.finish()
    finally:
        shutdown()
        if bar is not None:
            bar.close()
        store.close()
    summary.seconds = time.monotonic() - started
    return summary
