"""Where a first pass spends its time: per-stage shares and the costliest functions (cProfile).

    python bench/profile_stages.py [--articles 300] [--top 25] [--shared ../shared] [--profile [--dump FILE]]
                                    [--code DIR]

Runs every stage over the first --articles IndoSum dev articles (as bench/run.py reads them, with
the IndoSum years as --between), after one warm-up article that loads the knowledge base and the
models, and prints each stage's time and share. With --profile the same first pass runs under
cProfile instead, and the functions with the most time of their own (tottime) and with their
callees (cumtime) are printed as shares of the profiled total (profiling inflates absolute times
and Python-heavy code most; read the shares).
"""
from __future__ import annotations

import argparse
import cProfile
import pathlib
import pstats
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import INDOSUM_WINDOW, make_corpus, raw_docs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--profile", action="store_true", help="run the pass under cProfile")
    ap.add_argument("--code", metavar="DIR",
                    help="analyse with the pantau package of this checkout (a git worktree of another commit, "
                         "its compiled pantau/nlp/*.so copied in), to time old and new code in turn")
    ap.add_argument("--dump", metavar="FILE", help="with --profile: also write the pstats file (for pstats or snakeviz)")
    args = ap.parse_args()
    if args.code:
        sys.path.insert(0, str(pathlib.Path(args.code).resolve()))
    import tempfile

    from pantau import pipeline, record
    from pantau.record import Options

    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "c.jsonl"
        make_corpus(pathlib.Path(args.shared), args.articles, corpus)
        docs = raw_docs([str(corpus)])
    opts = Options(between=INDOSUM_WINDOW)
    pipeline.warm_up()
    stages = pipeline.stages()
    times = {name: 0.0 for name, _ in stages}
    prof = cProfile.Profile()
    if args.profile:
        prof.enable()
    t0 = time.perf_counter()
    for raw in docs:
        a = record.new_article(raw)
        for name, fn in stages:
            t = time.perf_counter()
            a = fn(a, opts)
            times[name] += time.perf_counter() - t
    total = time.perf_counter() - t0
    prof.disable()
    print(f"code: {pathlib.Path(pipeline.__file__).resolve().parents[1]}")
    print(f"{len(docs)} articles, first pass{', profiled' if args.profile else ''}: {total:.2f} s, "
          f"{len(docs) / total:.0f} articles/s")
    for name, s in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12}{s:8.2f} s {s / total:7.1%}  {1000 * s / len(docs):6.2f} ms/article")
    if not args.profile:
        return
    if args.dump:
        prof.dump_stats(args.dump)
    st = pstats.Stats(prof).stats
    whole = sum(v[2] for v in st.values())
    for col, label in ((2, "own time (tottime)"), (3, "with callees (cumtime)")):
        print(f"\nfunctions by {label}, share of all profiled time")
        for k, v in sorted(st.items(), key=lambda kv: -kv[1][col])[:args.top]:
            where = f"{pathlib.Path(k[0]).name}:{k[1]}({k[2]})"
            print(f"  {v[2] / whole:6.1%} own {v[3] / whole:6.1%} cum {v[1]:>9} calls  {where}")

if __name__ == "__main__":
    main()
