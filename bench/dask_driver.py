"""What the Dask driver, the single writer of a run, spends per article (issue 8: how many
workers one driver keeps fed).

    python bench/dask_driver.py [--articles 2000] [--workers 2] [--out] [--shared ../shared]

Runs `pantau analyze --engine dask` in this process on a LocalCluster of --workers processes
over IndoSum repeated to --articles (as bench/run.py makes it), into a fresh SQLite store
(and, with --out, an --out file), and times the driver's loading of what the workers made
(distributed._load_slice: the inserts, --out, the Parquet rows) in CPU seconds. Prints the
CPU per article and the articles per second one driver could load; figures, never asserts.
"""
from __future__ import annotations

import argparse
import io
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import INDOSUM_WINDOW, make_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", action="store_true", help="also write an --out file")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()

    from pantau import distributed
    from pantau.record import Options

    loading = [0.0]
    load_slice = distributed._load_slice

    def timed(result, rec, **kw):
        t = time.process_time()
        try:
            return load_slice(result, rec, **kw)
        finally:
            loading[0] += time.process_time() - t

    distributed._load_slice = timed  # run() looks it up in the module at each slice (**kw: older code)
    with tempfile.TemporaryDirectory(prefix="pantau-dask-bench-") as tmp:
        corpus = pathlib.Path(tmp) / "corpus.jsonl"
        n, size = make_corpus(pathlib.Path(args.shared), args.articles, corpus)
        out = open(pathlib.Path(tmp) / "out.jsonl", "w", encoding="utf-8") if args.out else None
        t = time.perf_counter()
        try:
            summary = distributed.run([str(corpus)], db=f"{tmp}/b.db", out=out, n_workers=args.workers,
                                      options=Options(between=INDOSUM_WINDOW), stderr=io.StringIO())
        finally:
            if out is not None:
                out.close()
        wall = time.perf_counter() - t
    loaded = summary.stored_new + summary.updated + summary.unchanged + summary.duplicates
    per = loading[0] / max(loaded, 1)
    print(f"{n} articles ({size / 1e6:.1f} MB), {args.workers} Dask workers, "
          f"--out {'a file' if args.out else 'none'}")
    print(f"wall {wall:.1f} s; {summary.line()}")
    print(f"driver loading: {loading[0]:.2f} s of CPU = {1000 * per:.3f} ms per article, "
          f"so one driver loads about {1 / per if per else 0:,.0f} articles/s")


if __name__ == "__main__":
    main()
