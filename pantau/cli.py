"""`pantau` command line: a thin shell over the Python API (contract: docs/interface.md).

Exit codes: 0 the run completed (bad inputs are reported, not fatal); 1 the run could
not go on (e.g. the database cannot be written); 2 usage error.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import glob
import json
import os
import re
import sys
from pathlib import Path

from .extras import EXTRAS, MissingExtra, hint, need
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


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Examples kept as written; every option's help ends with its default (when it has one)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS) or not action.option_strings:
            return text
        default = " ".join(map(str, action.default)) if isinstance(action.default, list) else action.default
        return f"{text} (default: {default})"


# one meaning everywhere: "-" is stdin for an input and stdout for an output, "none" is nothing
STDIO, NOTHING = "-", "none"
DB_HELP = "SQLite file or postgresql://… URL"
EXAMPLES = {
    "analyze": ["pantau analyze corpus/ --out records.jsonl --db pantau.db",
                "cat article.txt | pantau analyze - --db none          # to stdout only, no database",
                "pantau analyze 'feeds/*.jsonl' --workers auto --errors rejected.jsonl --quiet"],
    "tag": ["pantau tag --in tokens.conll --out tagged.conll"],
    "serve": ["pantau serve --db pantau.db --port 8080"],
    "demo": ["pantau demo --no-serve"],
    "stats": ["pantau stats --db pantau.db --json"],
    "eval": ["pantau eval timex ner --shared ../shared"],
    "kb": ["pantau kb check my_actors.tsv"],
    "export": ["pantau export --format acled-csv --db pantau.db --out events.csv",
               "pantau export --format jsonl --db pantau.db --out - | head",
               "pantau export --format acled-csv --from 2025-06 --to 2025-06 --country Israel --out - --db pantau.db"],
    "merge": ["pantau merge --db pantau.db"],
    "search": ["pantau search 'pengepungan Aleppo -Rusia' --db pantau.db --limit 5"],
    "copy": ["pantau copy --from postgresql://me@dbhost/pantau --to pantau.db"],
    "timeline": ["pantau timeline --place Halab --db pantau.db      # any KB alias, any case"],
    "compare": ["pantau compare --actor Hizbullah --db pantau.db"],
    "stories": ["pantau stories --db pantau.db",
                "pantau stories --records 'out/*.jsonl' --engine dask --workers auto"],
    "duplicates": ["pantau duplicates --db pantau.db --json"],
    "profiles": ["pantau profiles --db pantau.db"],
}


def _command(sub, name: str, purpose: str, **kw) -> argparse.ArgumentParser:
    """A subcommand with its one-line purpose and examples."""
    epilog = "example" + ("s" if len(EXAMPLES[name]) > 1 else "") + ":\n" + \
             "\n".join(f"  {e}" for e in EXAMPLES[name])
    return sub.add_parser(name, help=purpose, description=purpose[0].upper() + purpose[1:] + ".",
                          epilog=epilog, formatter_class=_HelpFormatter, **kw)


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="pantau", description="Evidence-linked analysis of (Indonesian) news articles.",
                                epilog="'pantau COMMAND --help' for each command's options and examples. "
                                       "Everywhere, '-' is stdin/stdout and 'none' means no file "
                                       "(--db none: no database).", formatter_class=_HelpFormatter)
    p.add_argument("--version", action="version", version=f"pantau {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = _command(sub, "analyze", "analyze articles into JSON Lines and a database", aliases=["analyse"])
    a.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    a.add_argument("--out", default=STDIO, help="JSON Lines output: a file, - for stdout, none for no output")
    a.add_argument("--db", default="pantau.db",
                   help=f"{DB_HELP} (many writers), or none to keep nothing")
    a.add_argument("--errors", default=NOTHING, help="rejected inputs as JSON Lines: a file, - for stdout, none")
    a.add_argument("--between", nargs=2, type=_iso_date, metavar=("FROM", "TO"),
                   help="window in which the articles were published (ISO dates; default: none)")
    a.add_argument("--reference-date", type=_iso_date, help="exact document creation date (default: inferred)")
    a.add_argument("--format", default="jsonl", choices=["jsonl"], help="output format")
    a.add_argument("--workers", type=_workers, default=1, metavar="N|auto",
                   help="analysis processes (auto: one per usable CPU)")
    a.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local process pool or a Dask cluster (needs the dask extra)")
    a.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster on this machine)")
    a.add_argument("--slice-size", type=int, default=250, help="records per Dask task")
    a.add_argument("--shard-dir", help="folder the Dask workers and this driver share for result shards "
                   "(default: beside a SQLite --db; the temporary folder for a PostgreSQL --db)")
    a.add_argument("--keep-shards", action="store_true",
                   help="keep the Dask result shards in --shard-dir as the run's sharded JSONL output "
                        "(input for pantau duplicates/stories --records … --engine dask)")
    a.add_argument("--parquet-dir", help="also write the run's events as Parquet shards in this (empty) "
                   "folder, the columns of `pantau export --format parquet`, one shard per 1,000 articles "
                   "(needs the parquet extra; default: none)")
    a.add_argument("--max-article-bytes", type=int, default=5_000_000, help="reject larger articles")
    a.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    a.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no line per rejected input (the summary still counts them)")
    a.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors")

    t = _command(sub, "tag", "NER-tag pre-tokenised text (one token per line, blank line between sentences)")
    t.add_argument("--in", dest="inp", default=STDIO, help="input file, or - for stdin")
    t.add_argument("--out", default=STDIO, help="output file, or - for stdout")

    s = _command(sub, "serve", "serve the web dashboard and REST API over a database")
    s.add_argument("--db", default="pantau.db", help="SQLite file to serve")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (off the loopback, --token is required)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on")
    s.add_argument("--token", default=os.environ.get("PANTAU_TOKEN"),
                   help="bearer token required by the API (required when not binding to loopback; "
                        "default: $PANTAU_TOKEN)")

    d = _command(sub, "demo", "analyze the bundled sample corpus, then serve the dashboard")
    d.add_argument("--db", default="pantau-demo.db", help="SQLite file to write")
    d.add_argument("--out", default="pantau-demo.jsonl", help="JSON Lines file to write")
    d.add_argument("--no-serve", action="store_true", help="do not start the dashboard")
    d.add_argument("--port", type=int, default=8000, help="dashboard port")

    st = _command(sub, "stats", "count articles by outlet, month and language")
    st.add_argument("--db", default="pantau.db", help=DB_HELP)
    st.add_argument("--json", action="store_true", help="print JSON instead of a table")

    e = _command(sub, "eval", "report quality figures against the shared gold and dev splits")
    e.add_argument("names", nargs="*", help="evaluators (default: all available)")
    e.add_argument("--shared", default=None, help="folder holding the shared data (default: ../shared)")
    e.add_argument("--json", action="store_true", help="print JSON instead of text")

    k = _command(sub, "kb", "check the knowledge base")
    k.add_argument("action", choices=["check"], help="check: validate the bundled KB and any files given")
    k.add_argument("paths", nargs="*", help="extra KB files or folders to check with the bundled KB")

    x = _command(sub, "export", "export the database (ACLED CSV, JSONL, CSV, GeoJSON, Parquet)")
    x.add_argument("--format", required=True, choices=["acled-csv", "jsonl", "csv", "geojson", "parquet"],
                   help="output format (parquet needs the parquet extra)")
    x.add_argument("--db", default="pantau.db", help=DB_HELP)
    x.add_argument("--out", required=True, help="output file, or - for stdout")
    x.add_argument("--from", dest="date_from", default=None, help="earliest event day (2025, 2025-06, 2025-06-01)")
    x.add_argument("--to", dest="date_to", default=None, help="latest event day, inclusive (a prefix covers its days)")
    x.add_argument("--country", default=None, help="ISO code or name (Palestine, PS, PSE)")
    x.add_argument("--event-type", default=None, help="an ACLED event type, e.g. 'Battles'")
    x.add_argument("--per-report", action="store_true",
                   help="one row per article's event instead of one per merged event")

    m = _command(sub, "merge", "merge the reports of one event across articles (also done by analyze)")
    m.add_argument("--db", default="pantau.db", help=DB_HELP)

    q = _command(sub, "search", "full-text search with Indonesian stemming")
    q.add_argument("query", help='words, "exact phrases", OR, -word to exclude')
    q.add_argument("--db", default="pantau.db", help=DB_HELP)
    q.add_argument("--limit", type=int, default=20, help="most hits to show")
    q.add_argument("--json", action="store_true", help="print JSON instead of lines")
    c = _command(sub, "copy", "copy a store into another (e.g. PostgreSQL into a SQLite file)")
    c.add_argument("--from", dest="src", required=True, help=DB_HELP)
    c.add_argument("--to", dest="dst", required=True, help=DB_HELP)
    tl = _command(sub, "timeline", "show the merged event timeline for a place, actor or story")
    tl.add_argument("--place", help="place: any KB name or alias, any case (default: every place)")
    tl.add_argument("--actor", help="actor: any KB name or alias, any case (default: every actor)")
    tl.add_argument("--story", help="story or article id (default: every story)")
    cp = _command(sub, "compare", "show the labels each outlet uses for an actor")
    cp.add_argument("--actor", required=True, help="actor: any KB name or alias, any case")
    for name, text in (("stories", "cluster articles into stories across outlets and days (needs the minhash extra)"),
                       ("duplicates", "find republication and near-duplicate pairs (needs the minhash extra)"),
                       ("profiles", "count slant per outlet")):
        _command(sub, name, text)
    for name in ("timeline", "compare", "stories", "duplicates", "profiles"):
        sp = sub.choices[name]
        sp.add_argument("--db", default="pantau.db", help=DB_HELP)
        sp.add_argument("--json", action="store_true", help="print JSON instead of a table")
    for name in ("duplicates", "stories"):
        du = sub.choices[name]
        du.add_argument("--records", nargs="+", metavar="JSONL",
                        help="analysed records (pantau analyze --out files, globs) instead of --db")
        du.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="dask: work them out as aggregations on a Dask cluster (needs --records)")
        du.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster on this machine)")
        du.add_argument("--workers", type=_workers, default=None, metavar="N|auto",
                        help="LocalCluster processes (auto: one per usable CPU; default: Dask's choice)")
    return p


# -- commands ------------------------------------------------------------------------

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_GLOB_CHARS = set("*?[")


def check_inputs(paths: list[str]) -> None:
    """Every input named on the command line is there (a glob matches something) before any
    work starts or any file is made: a typo is a usage error, not a rejected input."""
    for arg in paths:
        if arg == STDIO or os.path.exists(arg) or os.path.islink(arg):
            continue
        if _URL.match(arg):
            raise UsageError(f"{arg}: URLs are not fetched; save the pages and give the files or folder")
        if _GLOB_CHARS & set(arg):
            if not glob.glob(arg, recursive=True):
                raise UsageError(f"no file matches {arg}")
            continue
        raise UsageError(f"no such file or folder: {arg}")


def check_output(path: str | None, what: str) -> None:
    """An output file can be made: its folder exists (checked before anything is written)."""
    if path in (None, STDIO, NOTHING):
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{what} {path}: no such folder {folder}")
    if os.path.isdir(path):
        raise UsageError(f"{what} {path} is a folder, not a file")


def open_output(stack: contextlib.ExitStack, path: str | None, binary: bool = False):
    """'-' -> stdout, 'none' (or None) -> None, else the file opened for writing."""
    if path in (None, NOTHING):
        return None
    if path == STDIO:
        return sys.stdout.buffer if binary else sys.stdout
    return stack.enter_context(open(path, "wb") if binary else open(path, "w", encoding="utf-8"))


def cmd_analyze(args) -> int:
    from . import runner
    from .record import Options

    check_inputs(args.paths)
    check_output(args.out, "--out")
    check_output(args.errors, "--errors")
    if args.out == STDIO and args.errors == STDIO:
        raise UsageError("--out and --errors cannot both be stdout ('-')")
    if args.engine == "dask":
        if STDIO in args.paths:
            raise UsageError("stdin ('-') cannot be read by a Dask cluster; give files or folders")
        if args.keep_shards and not args.shard_dir:
            raise UsageError("--keep-shards needs --shard-dir (where the shards are to stay)")
        if args.db == NOTHING:
            raise UsageError("--engine dask needs a database (--db FILE or postgresql://…)")
        need("dask"), need("distributed")
    if args.parquet_dir:  # before --out is opened (and emptied)
        need("pyarrow")
        try:
            runner.ParquetShards.check_unused(args.parquet_dir)
        except FileExistsError as exc:
            raise UsageError(str(exc)) from None
    db = runner.NO_STORE if args.db == NOTHING else args.db
    options = Options(between=tuple(args.between) if args.between else None, reference_date=args.reference_date)
    progress = not args.quiet and (sys.stderr.isatty() if args.progress is None else args.progress)
    with contextlib.ExitStack() as stack:
        out = open_output(stack, args.out)
        errors = open_output(stack, args.errors)
        if args.engine == "dask":
            from . import distributed

            summary = distributed.run(args.paths, db=db, out=out, errors_out=errors, options=options,
                                      scheduler=args.scheduler, slice_size=args.slice_size,
                                      max_article_bytes=args.max_article_bytes,
                                      n_workers=args.workers if args.workers > 1 else None,
                                      shard_dir=args.shard_dir, keep_shards=args.keep_shards,
                                      parquet_dir=args.parquet_dir)
        else:
            summary = runner.run(args.paths, db=db, out=out, errors_out=errors, options=options,
                                 workers=args.workers, progress=progress, quiet=args.quiet,
                                 max_article_bytes=args.max_article_bytes, parquet_dir=args.parquet_dir)
    if db is not runner.NO_STORE and not getattr(summary, "interrupted", False):
        _merge(db, quiet=args.quiet)  # before the summary, which stays the last line
    if not args.quiet:
        for line in summary.grouped():
            print(f"pantau: {line}", file=sys.stderr)
    print(f"pantau: {summary.line()}", file=sys.stderr)
    return 130 if getattr(summary, "interrupted", False) else EXIT_OK


def _merge(db: str, quiet: bool = False) -> tuple[int, int]:
    from .store import merge_store, open_store

    store = open_store(db)
    try:
        n_merged, n_reports = merge_store(store)
    finally:
        store.close()
    if not quiet:
        print(f"pantau: {n_reports} event reports are {n_merged} merged events", file=sys.stderr)
    return n_merged, n_reports


def cmd_merge(args) -> int:
    _need_db(args.db)
    _merge(args.db)
    return EXIT_OK


def cmd_tag(args) -> int:
    from .nlp.ner import tag_conll

    if args.inp not in (STDIO,):
        check_inputs([args.inp])
    check_output(args.out, "--out")
    with contextlib.ExitStack() as stack:
        inp = sys.stdin if args.inp == STDIO else stack.enter_context(open(args.inp, encoding="utf-8"))
        out = open_output(stack, args.out)
        tag_conll(inp, out if out is not None else open(os.devnull, "w", encoding="utf-8"))
    return EXIT_OK


def port_taken(host: str, port: int) -> str | None:
    """Why (host, port) cannot be listened on, or None when it can (checked before serving, so a
    taken port is one line, not the server's traceback)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"cannot resolve {host}: {exc.strerror}"
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            sock.bind(addr)
        except OSError as exc:
            return f"cannot listen on {host}:{port}: {exc.strerror}" + \
                (" (another server is using it; give --port)" if exc.errno == errno.EADDRINUSE else "")
    return None


def start_server(db: str, host: str, port: int, token: str | None) -> int:
    need("fastapi"), need("uvicorn")
    from .web import check_serving, serve

    try:
        check_serving(host, token)  # before the URL is printed
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    problem = port_taken(host, port)
    if problem:
        print(f"pantau serve: {problem}", file=sys.stderr)
        return EXIT_FAILED
    shown = f"[{host}]" if ":" in host else host
    print(f"Pantau dashboard: http://{shown}:{port}/  (API docs: /docs)  Ctrl-C to stop", flush=True)
    serve(db=db, host=host, port=port, token=token)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .store.postgres import is_postgres

    if is_postgres(args.db):
        raise UsageError("the dashboard reads a SQLite store: bring the PostgreSQL store into one with "
                         "'pantau copy --from URL --to FILE.db', then serve that file")
    _need_db(args.db)
    return start_server(args.db, args.host, args.port, args.token)


def cmd_demo(args) -> int:
    from . import runner
    from .record import Options
    from .store import open_store

    check_output(args.out, "--out")
    check_output(args.db, "--db")
    if not args.no_serve:
        need("fastapi"), need("uvicorn")  # before the analysis, not after it
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
    return start_server(args.db, "127.0.0.1", args.port, None)


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

    check_inputs(args.paths)
    problems = check_kb(args.paths)
    for p in problems:
        print(p)
    print(f"pantau kb check: {len(problems)} problem(s)", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def cmd_export(args) -> int:
    from .export import export
    from .store import open_store

    _need_db(args.db)
    check_output(args.out, "--out")
    if args.out == NOTHING:
        raise UsageError("--out none would export nothing: give a file, or - for stdout")
    for bound in (args.date_from, args.date_to):
        if bound and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", bound):
            raise UsageError(f"--from/--to take a date or a prefix of one (2025, 2025-06, 2025-06-01), not {bound!r}")
    if args.format == "parquet":
        need("pyarrow")
    store = open_store(args.db, readonly=True)
    try:
        n = export(store.iter_records(), args.format, args.out, merged=not args.per_report,
                   stored=store.stored_times(), date_from=args.date_from, date_to=args.date_to,
                   country=args.country, event_type=args.event_type)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    print(f"pantau: wrote {n} rows to {'standard output' if args.out == STDIO else args.out}", file=sys.stderr)
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
    if not hits["total"] and not args.json:
        print(f"pantau search: no article matches {args.query!r} in {args.db}", file=sys.stderr)
        return EXIT_OK
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

    if args.command in ("duplicates", "stories") or getattr(args, "story", None):
        need("datasketch")
    if args.command in ("duplicates", "stories") and (args.records or args.engine == "dask"):
        return _cross_document_of_records(args)
    _need_db(args.db)
    store = open_store(args.db, readonly=True)
    try:
        names, matched = {k: getattr(args, k, None) for k in ("actor", "place")}, {}
        if any(names.values()) and hasattr(store, "db") and not hasattr(store, "search"):  # SQLite
            from .api import resolve_names

            names, matched = resolve_names(store, **names)
            for kind, m in matched.items():
                if m["name"] != m["given"]:
                    how = "a name in the knowledge base" if m["via"] == "kb" else "as stored"
                    print(f"pantau: {kind} {m['given']!r} matched {m['name']!r} ({how})", file=sys.stderr)
        if args.command == "timeline":
            result = stories.timeline(store, place=names.get("place"), actor=names.get("actor"), story=args.story)
        elif args.command == "compare":
            result = stories.compare(store, names.get("actor"))
        else:
            result = getattr(stories, args.command)(store)
    finally:
        store.close()
    if matched:
        result["matched"] = matched  # which canonical name each --actor/--place was taken for
    empty = _nothing_found(args, result, names if args.command in ("timeline", "compare") else {})
    if empty and not args.json:
        print(f"pantau {args.command}: {empty}", file=sys.stderr)
        return EXIT_OK
    return _print_view(args, result)


def _nothing_found(args, result: dict, names: dict) -> str | None:
    """What an empty answer means in words (instead of a table of bare headers), else None."""
    what = " and ".join(f"{k} {v!r}" for k, v in names.items() if v) + \
        (f" story {args.story!r}" if getattr(args, "story", None) else "")
    if args.command == "timeline" and not result.get("events") and not result.get("control"):
        return f"no events{' for ' + what if what else ''} in {args.db}"
    if args.command == "compare" and not result.get("outlets"):
        return f"no framing labels for {what} in {args.db}"
    return None


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
    if args.dst in (NOTHING, STDIO):
        raise UsageError(f"--to {args.dst}: copy needs a store to write (a SQLite file or postgresql://… URL)")
    check_output(args.dst, "--to")
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

    if path == NOTHING:
        raise UsageError("this command reads a database: --db none gives it nothing to read")
    if is_postgres(path):
        need("psycopg")
        return  # the server says whether it is there
    if not Path(path).exists():
        raise UsageError(f"no database at {path} (run 'pantau analyze' or 'pantau demo' first)")


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
            "eval": cmd_eval, "kb": cmd_kb, "export": cmd_export, "merge": cmd_merge, "search": cmd_search, "copy": cmd_copy,
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
    if args.command == "analyse":
        args.command = "analyze"
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"pantau {args.command}: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except MissingExtra as exc:
        print(f"pantau {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except ModuleNotFoundError as exc:  # an optional dependency imported without extras.need
        if getattr(args, "debug", False) or (exc.name or "").split(".")[0] not in EXTRAS:
            raise
        print(f"pantau {args.command}: {hint(exc.name)}", file=sys.stderr)
        return EXIT_FAILED
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
