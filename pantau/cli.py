"""`pantau` command line: a thin shell over the Python API (contract: docs/interface.md).

Exit codes: 0 the run completed (bad inputs are reported, not fatal); 1 the run could
not go on (e.g. the database cannot be written); 2 usage error.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path

from .record import printable

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, which a container or `taskset`
    narrows; os.cpu_count() counts the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return os.cpu_count() or 1


def _workers(value: str) -> int:
    """--workers N, or "auto": one per usable CPU."""
    if value == "auto":
        return usable_cpus()
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers nor 'auto': {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (or 'auto'): {value!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="pantau", description="Evidence-linked analysis of (Indonesian) news articles.")
    p.add_argument("--version", action="version", version=f"pantau {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyse articles into JSON Lines and the database")
    a.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    a.add_argument("--out", help="JSON Lines output (default: stdout; '-' = stdout, 'none' = no output)")
    a.add_argument("--db", default="pantau.db",
                   help="SQLite file (default: ./pantau.db) or postgresql://… URL (many writers)")
    a.add_argument("--errors", help="write rejected inputs to this JSONL file")
    a.add_argument("--between", nargs=2, type=_iso_date, metavar=("FROM", "TO"),
                   help="window in which the articles were published (ISO dates)")
    a.add_argument("--reference-date", type=_iso_date, help="exact document creation date")
    a.add_argument("--format", default="jsonl", choices=["jsonl"], help="output format")
    a.add_argument("--workers", type=_workers, default=1, metavar="N|auto",
                   help="analysis processes (default 1; auto: one per usable CPU)")
    a.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local process pool (default) or a Dask cluster")
    a.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster on this machine)")
    a.add_argument("--slice-size", type=int, default=250, help="records per Dask task (default 250)")
    a.add_argument("--shard-dir", help="folder the Dask workers and this driver share for result shards "
                   "(default: beside a SQLite --db; the temporary folder for a PostgreSQL --db)")
    a.add_argument("--keep-shards", action="store_true",
                   help="keep the Dask result shards in --shard-dir as the run's sharded JSONL output "
                        "(input for pantau duplicates/stories --records … --engine dask)")
    a.add_argument("--parquet-dir", help="also write the run's events as Parquet shards in this (empty) "
                   "folder, the columns of `pantau export --format parquet`, one shard per 1,000 articles")
    a.add_argument("--max-article-bytes", type=int, default=5_000_000, help="reject larger articles")
    a.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    a.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    t = sub.add_parser("tag", help="NER-tag pre-tokenised text (one token per line, blank line between sentences)")
    t.add_argument("--in", dest="inp", help="input file (default stdin)")
    t.add_argument("--out", help="output file (default stdout)")

    s = sub.add_parser("serve", help="web dashboard and REST API over a database")
    s.add_argument("--db", default="pantau.db")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--token", default=os.environ.get("PANTAU_TOKEN"),
                   help="bearer token required by the API (required when not binding to loopback)")

    d = sub.add_parser("demo", help="analyse the bundled sample corpus and show where to look")
    d.add_argument("--db", default="pantau-demo.db")
    d.add_argument("--out", default="pantau-demo.jsonl")
    d.add_argument("--no-serve", action="store_true", help="do not start the dashboard")
    d.add_argument("--port", type=int, default=8000)

    st = sub.add_parser("stats", help="counts by outlet, month and language")
    st.add_argument("--db", default="pantau.db")
    st.add_argument("--json", action="store_true")

    e = sub.add_parser("eval", help="quality figures against the shared gold and dev splits")
    e.add_argument("names", nargs="*", help="evaluators (default: all available)")
    e.add_argument("--shared", default=None, help="folder holding the shared data (default ../shared)")
    e.add_argument("--json", action="store_true")

    k = sub.add_parser("kb", help="knowledge base tools")
    k.add_argument("action", choices=["check"])
    k.add_argument("paths", nargs="*", help="extra KB files or folders to check with the bundled KB")

    x = sub.add_parser("export", help="export the database (ACLED CSV, JSONL, CSV, GeoJSON, Parquet)")
    x.add_argument("--format", required=True, choices=["acled-csv", "jsonl", "csv", "geojson", "parquet"])
    x.add_argument("--db", default="pantau.db")
    x.add_argument("--out", required=True)

    q = sub.add_parser("search", help="full-text search (Indonesian stemming)")
    q.add_argument("query")
    q.add_argument("--db", default="pantau.db")
    q.add_argument("--limit", type=int, default=20)
    q.add_argument("--json", action="store_true")
    c = sub.add_parser("copy", help="copy a store into another (e.g. PostgreSQL into a SQLite file)")
    c.add_argument("--from", dest="src", required=True, help="SQLite file or postgresql://… URL")
    c.add_argument("--to", dest="dst", required=True, help="SQLite file or postgresql://… URL")
    tl = sub.add_parser("timeline", help="merged event timeline for a place, actor or story")
    tl.add_argument("--place")
    tl.add_argument("--actor")
    tl.add_argument("--story")
    cp = sub.add_parser("compare", help="labels each outlet uses for an actor")
    cp.add_argument("--actor", required=True)
    for name, text in (("stories", "story clusters across outlets and days"),
                       ("duplicates", "republication and near-duplicate pairs"),
                       ("profiles", "slant counts per outlet")):
        sub.add_parser(name, help=text)
    for name in ("timeline", "compare", "stories", "duplicates", "profiles"):
        sp = sub.choices[name]
        sp.add_argument("--db", default="pantau.db")
        sp.add_argument("--json", action="store_true")
    for name in ("duplicates", "stories"):
        du = sub.choices[name]
        du.add_argument("--records", nargs="+", metavar="JSONL",
                        help="analysed records (pantau analyze --out files, globs) instead of --db")
        du.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="dask: work them out as aggregations on a Dask cluster (needs --records)")
        du.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster on this machine)")
        du.add_argument("--workers", type=_workers, default=None, metavar="N|auto",
                        help="LocalCluster processes (auto: one per usable CPU)")
    return p


# -- commands ------------------------------------------------------------------------

def cmd_analyze(args) -> int:
    from . import runner
    from .record import Options

    if args.parquet_dir:  # before --out is opened (and emptied)
        try:
            runner.ParquetShards.check_unused(args.parquet_dir)
        except FileExistsError as exc:
            raise UsageError(str(exc)) from None
    options = Options(between=tuple(args.between) if args.between else None, reference_date=args.reference_date)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    with contextlib.ExitStack() as stack:
        if args.out in (None, "-"):
            out = sys.stdout
        elif args.out == "none":
            out = None
        else:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8"))
        errors = stack.enter_context(open(args.errors, "w", encoding="utf-8")) if args.errors else None
        if args.engine == "dask":
            from . import distributed

            if "-" in args.paths:
                raise UsageError("stdin ('-') cannot be read by a Dask cluster; give files or folders")
            if args.keep_shards and not args.shard_dir:
                raise UsageError("--keep-shards needs --shard-dir (where the shards are to stay)")
            summary = distributed.run(args.paths, db=args.db, out=out, errors_out=errors, options=options,
                                      scheduler=args.scheduler, slice_size=args.slice_size,
                                      max_article_bytes=args.max_article_bytes,
                                      n_workers=args.workers if args.workers > 1 else None,
                                      shard_dir=args.shard_dir, keep_shards=args.keep_shards,
                                      parquet_dir=args.parquet_dir)
        else:
            summary = runner.run(args.paths, db=args.db, out=out, errors_out=errors, options=options,
                                 workers=args.workers, progress=progress,
                                 max_article_bytes=args.max_article_bytes, parquet_dir=args.parquet_dir)
    print(f"pantau: {summary.line()}", file=sys.stderr)
    return EXIT_OK


def cmd_tag(args) -> int:
    from .nlp.ner import tag_conll

    with contextlib.ExitStack() as stack:
        inp = stack.enter_context(open(args.inp, encoding="utf-8")) if args.inp else sys.stdin
        out = stack.enter_context(open(args.out, "w", encoding="utf-8")) if args.out else sys.stdout
        tag_conll(inp, out)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .web import serve

    from .store.postgres import is_postgres

    if is_postgres(args.db):
        raise UsageError("the dashboard reads a SQLite store: bring the PostgreSQL store into one with "
                         "'pantau copy --from URL --to FILE.db', then serve that file")
    if not Path(args.db).exists():
        raise UsageError(f"no database at {args.db} (run 'pantau analyze' or 'pantau demo' first)")
    try:
        serve(db=args.db, host=args.host, port=args.port, token=args.token)
    except ValueError as exc:  # e.g. a public address without a token
        raise UsageError(str(exc)) from None
    return EXIT_OK


def cmd_demo(args) -> int:
    from . import runner
    from .record import Options
    from .store import open_store

    sample = Path(__file__).parent / "sample"
    with open(args.out, "w", encoding="utf-8") as out:
        summary = runner.run([str(sample)], db=args.db, out=out, options=Options(),
                             progress=sys.stderr.isatty())
    print(f"pantau: {summary.line()}", file=sys.stderr)
    store = open_store(args.db)
    st = store.stats()
    store.close()
    print(f"Analysed the bundled sample corpus ({st['articles']} articles, {st['events']} events, "
          f"{st['entities']} entity mentions, {st['quotes']} quotes).")
    print(f"  records:   {os.path.abspath(args.out)}")
    print(f"  database:  {os.path.abspath(args.db)}")
    print(f"  try:       pantau stats --db {args.db}")
    print(f"             pantau search 'pengepungan Aleppo' --db {args.db}")
    print(f"             pantau export --format acled-csv --db {args.db} --out events.csv")
    if args.no_serve:
        print(f"  dashboard: pantau serve --db {args.db}")
        return EXIT_OK
    print(f"  dashboard: http://127.0.0.1:{args.port}/  (Ctrl-C to stop)")
    from .web import serve

    serve(db=args.db, host="127.0.0.1", port=args.port, token=None)
    return EXIT_OK


def cmd_stats(args) -> int:
    from .store import open_store

    _need_db(args.db)
    store = open_store(args.db, readonly=True)
    st = store.stats()
    store.close()
    if args.json:
        print(json.dumps({k: (dict(v) if isinstance(v, list) else v) for k, v in st.items()}, ensure_ascii=False,
                         indent=1))
        return EXIT_OK
    print(f"articles {st['articles']}  sources {st['sources']}  entities {st['entities']}  "
          f"events {st['events']}  quotes {st['quotes']}")
    for title, key in (("outlet", "by_outlet"), ("month", "by_month"), ("language", "by_language")):
        print(f"\nby {title}:")
        for name, n in st[key]:
            print(f"  {n:>7}  {name}")
    return EXIT_OK


def cmd_eval(args) -> int:
    from . import evaluate

    shared = Path(args.shared) if args.shared else _default_shared()
    if not shared.is_dir():
        raise UsageError(f"shared data folder not found: {shared} (give --shared DIR)")
    names = args.names or list(evaluate.EVALUATORS)
    unknown = [n for n in names if n not in evaluate.EVALUATORS]
    if unknown:
        raise UsageError(f"unknown evaluator(s) {', '.join(unknown)}; choose from {', '.join(evaluate.EVALUATORS)}")
    results = {}
    for name in names:
        mod = evaluate.load(name)
        if mod is None:
            results[name] = None
            if not args.json:
                print(f"== {name}: not available\n")
            continue
        figures = mod.run(shared)
        results[name] = figures
        if not args.json:
            print(f"== {name}\n{mod.format(figures)}\n")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    return EXIT_OK


def cmd_kb(args) -> int:
    from .nlp.kb import check_kb

    problems = check_kb(args.paths)
    for p in problems:
        print(p)
    print(f"pantau kb check: {len(problems)} problem(s)", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def cmd_export(args) -> int:
    from .export import export
    from .store import open_store

    _need_db(args.db)
    store = open_store(args.db, readonly=True)
    try:
        n = export(store.iter_records(), args.format, args.out)
    finally:
        store.close()
    print(f"pantau: wrote {n} rows to {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_search(args) -> int:
    from .api import search_articles
    from .store import open_store

    _need_db(args.db)
    store = open_store(args.db, readonly=True)
    try:
        if hasattr(store, "search"):  # PostgreSQL: its own full-text search
            hits = store.search(args.query, limit=args.limit)
        else:
            hits = search_articles(store, args.query, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=1))
    else:
        for h in hits["items"]:
            print(f"{h['id']}  {h.get('published') or '          '}  {h.get('outlet') or '-'}  {h.get('title') or ''}")
            print(f"    {h['snippet']}")
        print(f"{hits['total']} match(es)", file=sys.stderr)
    return EXIT_OK


def cmd_stories_family(args) -> int:
    """timeline / compare / stories / duplicates / profiles: cross-document views (pantau.stories)."""
    from . import stories
    from .store import open_store

    if args.command in ("duplicates", "stories") and (args.records or args.engine == "dask"):
        return _cross_document_of_records(args)
    _need_db(args.db)
    store = open_store(args.db, readonly=True)
    try:
        if args.command == "timeline":
            result = stories.timeline(store, place=args.place, actor=args.actor, story=args.story)
        elif args.command == "compare":
            result = stories.compare(store, args.actor)
        else:
            result = getattr(stories, args.command)(store)
    finally:
        store.close()
    return _print_view(args, result)


def _print_view(args, result) -> int:
    """A cross-document view as JSON (--json) or as the readable table of pantau.stories."""
    from . import stories

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    else:
        print(getattr(stories, f"format_{args.command}")(result))
    return EXIT_OK


def _cross_document_of_records(args) -> int:
    """`pantau duplicates|stories --records FILE… [--engine dask]`: over analysed JSONL, not a store."""
    import glob

    from . import stories

    if not args.records:
        raise UsageError("--engine dask reads analysed records: give --records FILE… (pantau analyze --out files)")
    paths = sorted({p for pattern in args.records for p in (glob.glob(pattern) or [pattern])})
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise UsageError(f"no such file: {missing[0]}")
    from . import distributed

    if args.engine == "dask":
        result = getattr(distributed, args.command)(paths, scheduler=args.scheduler, n_workers=args.workers)
    else:
        def records():
            for p in paths:
                with open(p, encoding="utf-8") as fh:
                    yield from filter(None, map(distributed.record_of_line, fh))
        result = getattr(stories, args.command)(records())
    return _print_view(args, result)


def cmd_copy(args) -> int:
    from .store import copy_store, open_store

    _need_db(args.src)
    src = open_store(args.src, readonly=True)
    try:
        dst = open_store(args.dst)
        try:
            n, k = copy_store(src, dst)
        finally:
            dst.close()
    finally:
        src.close()
    print(f"pantau: copied {n} articles and {k} input keys from {args.src} to {args.dst}", file=sys.stderr)
    return EXIT_OK


def _need_db(path: str) -> None:
    from .store.postgres import is_postgres

    if is_postgres(path):
        return  # the server says whether it is there
    if not Path(path).exists():
        raise UsageError(f"no database at {path}")


def _default_shared() -> Path:
    env = os.environ.get("PANTAU_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        cand = base.parent / "shared"
        if cand.is_dir():
            return cand
    return Path("../shared")


COMMANDS = {"analyze": cmd_analyze, "tag": cmd_tag, "serve": cmd_serve, "demo": cmd_demo, "stats": cmd_stats,
            "eval": cmd_eval, "kb": cmd_kb, "export": cmd_export, "search": cmd_search, "copy": cmd_copy,
            "timeline": cmd_stories_family, "compare": cmd_stories_family, "stories": cmd_stories_family,
            "duplicates": cmd_stories_family, "profiles": cmd_stories_family}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"pantau {args.command}: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pantau: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - one clear line unless --debug
        if getattr(args, "debug", False):
            raise
        from .store import StoreError

        kind = "" if isinstance(exc, (StoreError, OSError)) else f"{type(exc).__name__}: "
        print(f"pantau {args.command}: error: {kind}{printable(str(exc))}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
