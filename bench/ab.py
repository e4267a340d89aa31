"""Old code against new, interleaved: is a change faster? (issue 8)

    python bench/ab.py REV [--articles 3000] [--rounds 3] [--workers 1] [--shared ../shared]
                       [--corpus PATH ...]

The machine drifts by 10-15 % over an hour, so figures taken at different times cannot
judge a change of a few percent. This checks REV out into a temporary git worktree (with
this checkout's compiled extensions copied in), then runs `pantau analyze` of the same
corpus (IndoSum repeated, as bench/run.py makes it, or the files given with --corpus as
they are) with the old and the new code in turns, each into a fresh database, after one
untimed run of each (see warm()), and prints the wall time, the CPU time and their ratios
(old / new: above 1 means the new code is faster) per round. (The CPU time counts
the processes that were waited for: with --workers N, read the wall time.)
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import INDOSUM_WINDOW, ROOT, make_corpus  # noqa: E402

_RUN = """
import sys
from pantau.cli import main
sys.exit(main(sys.argv[1:]))
"""


def timed_run(code: pathlib.Path, corpus: pathlib.Path | list[str], db: str, workers: int,
              out: pathlib.Path | None = None) -> tuple[float, float]:
    """(wall, CPU of the process and its children) of one `pantau analyze` with the code in `code`
    (the records written to `out` when given). `corpus`: IndoSum as make_corpus() writes it, or a
    list of paths read as they are (no --between)."""
    paths, between = (corpus, []) if isinstance(corpus, list) else ([str(corpus)], ["--between", *INDOSUM_WINDOW])
    cmd = [sys.executable, "-c", _RUN, "analyze", *paths, "--db", db, "--out", str(out or "none"),
           *between, "--workers", str(workers), "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=str(code), env={**os.environ, "PYTHONPATH": str(code)}, check=True,
                   capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def warm(codes: list[pathlib.Path], shared: pathlib.Path, tmp: pathlib.Path, workers: int) -> None:
    """One untimed run of each code on a few articles. The first run in a fresh worktree
    compiles its bytecode and may fill pantau/cache.py's cache: 0.7-0.8 s that would otherwise
    land on round 1 of whichever side runs first (300 articles, the same code on both sides:
    round 1 read 1.27 old/new without this, rounds 2 and 3 0.98 and 1.00)."""
    corpus = tmp / "warm.jsonl"
    make_corpus(shared, 20, corpus)
    for i, code in enumerate(codes):
        timed_run(code, corpus, str(tmp / f"warm{i}.db"), workers)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rev", help="the old code: a commit, tag or branch")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--corpus", nargs="+", metavar="PATH",
                    help="these files or folders as they are (e.g. ../shared/corpus/indonews-2025, whose "
                         "words are new to the tables built from IndoSum) instead of IndoSum repeated to --articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pantau-ab-") as tmp:
        old = pathlib.Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.rev],
                       check=True)
        try:
            for ext in (ROOT / "pantau").rglob("*.so"):  # built at install, not in git
                if (old / ext.relative_to(ROOT)).parent.is_dir():
                    shutil.copy(ext, old / ext.relative_to(ROOT))
            corpus: pathlib.Path | list[str] = pathlib.Path(tmp) / "corpus.jsonl"
            if args.corpus:
                corpus = [str(pathlib.Path(p).resolve()) for p in args.corpus]
            else:
                make_corpus(pathlib.Path(args.shared), args.articles, corpus)
            warm([old, ROOT], pathlib.Path(args.shared), pathlib.Path(tmp), args.workers)
            what = " ".join(args.corpus) if args.corpus else f"{args.articles} articles"
            print(f"{what}, --workers {args.workers}; old = {args.rev}, new = this checkout")
            print("round   old wall   new wall   old cpu   new cpu   wall old/new   cpu old/new")
            for r in range(1, args.rounds + 1):
                (ow, oc), (nw, nc) = (timed_run(code, corpus, f"{tmp}/{name}{r}.db", args.workers)
                                      for name, code in (("old", old), ("new", ROOT)))
                print(f"{r:5d} {ow:9.1f}s {nw:9.1f}s {oc:8.1f}s {nc:8.1f}s {ow / nw:13.3f} {oc / nc:13.3f}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)


if __name__ == "__main__":
    main()
