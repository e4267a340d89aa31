"""Peak and running RSS of `pantau analyze` over a long run (issue 8: memory stays flat).

    python bench/memory.py --articles 20000 [--workers 1]

Builds IndoSum repeated to N articles (unique ids and texts), runs the analysis into a
fresh database, samples the memory of the whole process tree from /proc once a second (RSS,
PSS, and the largest single process), and prints it against the number of articles stored.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from run import INDOSUM_WINDOW, make_corpus  # noqa: E402


def tree_memory_mb(pid: int) -> tuple[float, float, float]:
    """(RSS summed over a process and its descendants, PSS summed likewise, largest single RSS), MB.

    Forked workers share the pages they inherited (the knowledge base, the model), and RSS counts
    a shared page once per process; PSS splits it between them, so the PSS sum is what the tree
    really takes from the machine."""
    rss = pss = top = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        kb = int(line.split()[1])
                        rss += kb
                        top = max(top, kb)
            try:
                with open(f"/proc/{p}/smaps_rollup") as f:
                    for line in f:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1])
            except OSError:
                pass
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return rss / 1024, pss / 1024, top / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--results", metavar="FILE", help="where to write the samples as JSON "
                                                      "(default bench/results/memory-ARTICLES.json)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "c.jsonl"
        n, size = make_corpus(pathlib.Path(args.shared), args.articles, corpus)
        db = f"{tmp}/m.db"
        cmd = [sys.executable, "-m", "pantau.cli", "analyze", str(corpus), "--db", db, "--out", "none",
               "--between", *INDOSUM_WINDOW, "--workers", str(args.workers), "--no-progress"]
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        samples = []
        while proc.poll() is None:
            time.sleep(1.0)
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
                stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
            except sqlite3.Error:
                stored = samples[-1][1] if samples else 0
            memory = tree_memory_mb(proc.pid)
            if memory[0] > 0:  # 0: the process ended during the sleep (its zombie has no memory)
                samples.append((time.monotonic() - t0, stored, *memory))
        err = proc.stderr.read()
    peak = max(s[2] for s in samples) if samples else 0.0
    peak_pss = max(s[3] for s in samples) if samples else 0.0
    peak_one = max(s[4] for s in samples) if samples else 0.0
    print(f"{n} articles ({size / 1e6:.0f} MB), workers {args.workers}: {time.monotonic() - t0:.0f} s; peak of the "
          f"process tree: RSS {peak:.0f} MB, PSS {peak_pss:.0f} MB (shared pages counted once); "
          f"largest single process RSS {peak_one:.0f} MB")
    print(f"{'stored':>8}{'tree RSS':>9}{'tree PSS':>9}{'max RSS':>9}")
    for frac in (0.1, 0.25, 0.5, 0.75, 1.0):
        target = frac * n
        s = next((s for s in samples if s[1] >= target), samples[-1] if samples else (0, 0, 0, 0, 0))
        print(f"{s[1]:>8}{s[2]:>9.0f}{s[3]:>9.0f}{s[4]:>9.0f}")
    print(err.strip().splitlines()[-1] if err.strip() else "")
    out = pathlib.Path(args.results) if args.results else ROOT / "bench" / "results" / f"memory-{n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"articles": n, "workers": args.workers, "peak_mb": peak, "peak_pss_mb": peak_pss,
                               "peak_process_mb": peak_one, "samples": samples}))


if __name__ == "__main__":
    main()
