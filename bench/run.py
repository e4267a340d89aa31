"""Speed and memory benchmarks (issue 8). Prints a table; writes bench/results/latest.json (--results).

    python bench/run.py [--articles 2000] [--shared ../shared] [--no-stages] [--workers 1 2]
                        [--rounds 2] [--profile N] [--corpus PATH ...] [--results FILE]

Measures, on the IndoSum articles (repeated with fresh ids up to --articles), or on the files
given with --corpus as they are (e.g. the messy scraped ../shared/corpus/indonews-2025):
  * bare tokenisation of the same text (the floor) and the ratio of analysis to it;
  * what a process loads once (imports, knowledge base, models), timed apart from the figures below;
  * each pipeline stage alone (articles/s, MB/s), the entities stage split into CRF tagging
    (pantau.nlp.ner.tag_sentences) and the rest;
  * stemming for full-text search (the workers do it next to the analysis);
  * warm-up of a fresh worker process (imports, KB, models: the first article) vs a warm article;
  * end-to-end `pantau analyze` into a fresh database (articles/s, MB/s, peak RSS) per --workers,
    and the CPU of the main process per article (with workers: the reading and writing parent);
  * cold start of `pantau --help`, and of `pantau analyze` on one file into a new database (its first run,
    which fills the cache of pantau/cache.py, and later ones).
Figures are measurements, never asserts.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import re
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INDOSUM_WINDOW = ("2016-01-01", "2018-12-31")  # IndoSum's publication years (--between)


def make_corpus(shared: pathlib.Path, n: int, path: pathlib.Path) -> tuple[int, int]:
    """IndoSum repeated to n articles (ids made unique so nothing collapses); returns (n, bytes)."""
    docs = []
    for f in sorted((shared / "corpus" / "indosum").glob("dev.0*.jsonl")):
        docs.extend(json.loads(line) for line in f.open(encoding="utf-8"))
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            d = dict(docs[i % len(docs)])
            d["id"] = f"{d['id']}-r{i // len(docs)}"
            if i >= len(docs):  # vary the text too, or exact-duplicate collapse would skip the work
                d["paragraphs"] = d["paragraphs"] + [[[f"(salinan {i})"]]]
            line = json.dumps(d, ensure_ascii=False)
            size += len(line.encode())
            out.write(line + "\n")
    return n, size


def raw_docs(paths: list[str]) -> list[dict]:
    from pantau.ingest import iter_documents

    return [d for d in iter_documents(paths) if d.get("kind") == "doc"]


def _digest(record: dict) -> bytes:
    return hashlib.blake2b(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode(),
                           digest_size=16).digest()


def bench_stages(docs: list[dict], texts_out: list | None = None,
                 window: tuple | None = INDOSUM_WINDOW) -> list[dict]:
    from pantau import pipeline, record
    from pantau.stages import segment
    from pantau.record import Options

    from pantau.nlp import ner

    opts = Options(between=window)
    # what a process loads once (imports, knowledge base, models) is timed on its own and
    # left out of the per-article figures: it does not grow with the corpus (see also
    # bench_worker_warmup and the cold starts)
    t = time.perf_counter()
    pipeline.warm_up()
    loading = time.perf_counter() - t
    timings = {name: 0.0 for name, _ in pipeline.stages()}
    tagging = [0.0]
    tag_sentences = ner.tag_sentences

    def timed_tagging(sentences):
        t = time.perf_counter()
        try:
            return tag_sentences(sentences)
        finally:
            tagging[0] += time.perf_counter() - t

    ner.tag_sentences = timed_tagging  # entities calls it as ner.tag_sentences
    chars = 0
    articles = []
    first = []  # digests of the records, to compare with the second pass
    checking = 0.0  # the time making them takes, left out of the total
    t_all = time.perf_counter()
    for raw in docs:
        a = record.new_article(raw)
        for name, fn in pipeline.stages():
            t = time.perf_counter()
            a = fn(a, opts)
            timings[name] += time.perf_counter() - t
        chars += len(a["text"].encode())
        articles.append(a["text"])
        t = time.perf_counter()
        first.append(_digest(pipeline.finish(a)))
        checking += time.perf_counter() - t
    total = time.perf_counter() - t_all - checking
    ner.tag_sentences = tag_sentences
    if texts_out is not None:
        texts_out.extend(articles)
    t = time.perf_counter()
    for text in articles:
        segment.tokenize(text)
    floor = time.perf_counter() - t
    rows = [{"stage": "(one-time loading, not below)", "seconds": loading, "articles_per_s": None,
             "mb_per_s": None}]
    for name, s in timings.items():
        rows.append({"stage": name, "seconds": s, "articles_per_s": len(docs) / s if s else None,
                     "mb_per_s": chars / 1e6 / s if s else None})
        if name == "entities":
            for part, ps in (("  of which CRF tagging", tagging[0]), ("  of which the rest", s - tagging[0])):
                rows.append({"stage": part, "seconds": ps, "articles_per_s": len(docs) / ps if ps else None,
                             "mb_per_s": chars / 1e6 / ps if ps else None})
    rows.append({"stage": "(all stages)", "seconds": total, "articles_per_s": len(docs) / total,
                 "mb_per_s": chars / 1e6 / total})
    rows.append({"stage": "(bare tokenisation: floor)", "seconds": floor, "articles_per_s": len(docs) / floor,
                 "mb_per_s": chars / 1e6 / floor, "analysis_over_floor": total / floor})
    # the same articles again: every word now known to the tagger, as in a long run on one outlet
    differ, checking = 0, 0.0
    t_all = time.perf_counter()
    for raw, before in zip(docs, first):
        out = pipeline.analyze(raw, opts)
        t = time.perf_counter()
        # what the tagger and the other per-word caches learnt on the first pass must change
        # no record, and the timed stage loop above must be the pipeline's own
        differ += _digest(out) != before
        checking += time.perf_counter() - t
    again = time.perf_counter() - t_all - checking
    rows.append({"stage": "(all stages, second pass)", "seconds": again, "articles_per_s": len(docs) / again,
                 "mb_per_s": chars / 1e6 / again, "records_differing_from_first_pass": differ})
    return rows


def profile_stages(docs: list[dict], top: int, window: tuple | None = INDOSUM_WINDOW) -> list[dict]:
    """Where the time goes inside the stages: the functions with the most time of their own
    (cProfile; absolute times are inflated by profiling, the shares are what to read)."""
    import cProfile
    import pstats

    from pantau import pipeline
    from pantau.record import Options

    opts = Options(between=window)
    prof = cProfile.Profile()
    prof.enable()
    for raw in docs:
        pipeline.analyze(raw, opts)
    prof.disable()
    stats = pstats.Stats(prof).stats
    total = sum(v[2] for v in stats.values())
    rows = sorted(((v[2], v[3], k) for k, v in stats.items()), reverse=True)[:top]
    out = [{"function": f"{pathlib.Path(k[0]).name}:{k[1]}({k[2]})", "own_share": own / total,
            "cumulative_share": cum / total} for own, cum, k in rows]
    print(f"\nprofile over {len(docs)} articles: functions by own time (share of all analysis time)")
    for r in out:
        print(f"  {r['own_share']:6.1%} own {r['cumulative_share']:6.1%} with callees  {r['function']}")
    return out


def bench_parent_stemming(texts: list[str]) -> dict:
    """Stemming every text for the full-text index, as each worker does next to the analysis
    (runner._analyze_one), from a cold cache as in a fresh run."""
    from pantau.store import search

    search._stem_alpha.cache_clear()
    search._STEM_OF.clear()
    search._stemmer()
    t = time.perf_counter()
    for text in texts:
        search.stem_text(text)
    secs = time.perf_counter() - t
    return {"articles": len(texts), "seconds": secs,
            "words_not_in_stem_table": search._stem_alpha.cache_info().currsize}


_WARMUP = """
import itertools, json, sys, time
t0 = time.perf_counter()
from pantau import pipeline, record
from pantau.record import Options
from pantau.ingest import iter_documents
docs = list(itertools.islice((d for d in iter_documents([sys.argv[1]]) if d.get("kind") == "doc"), 2))
t1 = time.perf_counter()
pipeline.analyze(docs[0], Options())
t2 = time.perf_counter()
pipeline.analyze(docs[1], Options())
t3 = time.perf_counter()
print(json.dumps({"imports_and_reading_s": t1 - t0, "first_article_s": t2 - t1, "warm_article_s": t3 - t2}))
"""


def bench_worker_warmup(corpus: str) -> dict:
    """What a fresh worker process pays before its first record: imports, then the first article
    (loads the KB, the tagger and every stage's tables), against a second, warm article."""
    proc = subprocess.run([sys.executable, "-c", _WARMUP, corpus], capture_output=True, text=True,
                          cwd=str(ROOT))
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout)


def bench_end_to_end(paths: list[str], n: int | None, size: int, workers: int, window: tuple | None) -> dict:
    """`pantau analyze` of `paths` into a fresh database; n None: the articles counted as read."""
    between = ["--between", *window] if window else []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pantau.cli", "analyze", *paths, "--db", f"{tmp}/b.db", "--out", "none",
               *between, "--workers", str(workers), "--no-progress"]
        t = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        secs = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        rss = after.ru_maxrss
        # the CPU of the `pantau analyze` process itself: all the work with one worker; with
        # more, the reading and the single writer's share (the pool's workers are the fork
        # server's children, not counted): how many workers one writer can keep fed
        main_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    summary = proc.stderr.strip().splitlines()[-1]
    if n is None:
        n = int(re.search(r"read (\d+)", summary).group(1))
    return {"workers": workers, "articles": n, "seconds": secs, "articles_per_s": n / secs,
            "mb_per_s": size / 1e6 / secs, "peak_rss_mb_max_process": max(rss, before.ru_maxrss) / 1024,
            "main_process_cpu_s": main_cpu, "main_process_cpu_ms_per_article": 1000 * main_cpu / n,
            "summary": summary}


def bench_cold_start(repeat: int = 5) -> dict:
    exe = str(pathlib.Path(sys.executable).with_name("pantau"))
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([exe, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    one = sorted((ROOT / "pantau" / "sample" / "seeds").iterdir())[0]
    analyze_times = []
    with tempfile.TemporaryDirectory() as tmp:
        # a cache folder of its own (pantau/cache.py): the first run builds what the later ones read
        env = {**os.environ, "PANTAU_CACHE_DIR": f"{tmp}/cache"}
        for i in range(4):
            t = time.perf_counter()
            subprocess.run([exe, "analyze", str(one), "--db", f"{tmp}/one{i}.db", "--out", "none",
                            "--no-progress"], capture_output=True, check=True, env=env)
            analyze_times.append(time.perf_counter() - t)
    later = sorted(analyze_times[1:])
    return {"pantau --help seconds (min/median)": [min(times), sorted(times)[len(times) // 2]],
            f"pantau analyze {one.name} into a new database, first run (fills the cache), seconds":
                analyze_times[0],
            f"pantau analyze {one.name} into a new database, later runs, seconds (min/median)": [later[0], later[1]]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--corpus", nargs="+", metavar="PATH",
                    help="measure on these files or folders as they are (e.g. ../shared/corpus/indonews-2025) "
                         "instead of IndoSum repeated to --articles; articles are counted as read")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=2, help="end-to-end runs per worker count, interleaved")
    ap.add_argument("--no-stages", action="store_true")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also profile the stage loop (cProfile) and print the N costliest functions")
    ap.add_argument("--results", metavar="FILE", default=str(ROOT / "bench" / "results" / "latest.json"),
                    help="where to write every figure as JSON (default bench/results/latest.json)")
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)
    # other work on the machine skews every figure: record the load next to them
    results: dict = {"machine": {"cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg()}}
    print(f"machine: {os.cpu_count()} cpus, load average at start {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            paths, n, window = args.corpus, None, None
            size = sum(f.stat().st_size for p in map(pathlib.Path, paths)
                       for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
            print(f"corpus: {' '.join(paths)}, {size / 1e6:.1f} MB")
        else:
            corpus = pathlib.Path(tmp) / "bench.jsonl"
            n, size = make_corpus(shared, args.articles, corpus)
            paths, window = [str(corpus)], INDOSUM_WINDOW
            print(f"corpus: {n} articles, {size / 1e6:.1f} MB (IndoSum repeated)")
        if not args.no_stages:
            docs = raw_docs(paths)[:2246]
            texts: list[str] = []
            results["stages"] = bench_stages(docs, texts, window)
            print(f"\n{'stage':<28}{'seconds':>9}{'art/s':>10}{'MB/s':>8}")
            for r in results["stages"]:
                print(f"{r['stage']:<28}{r['seconds']:>9.2f}{r['articles_per_s'] or 0:>10.0f}{r['mb_per_s'] or 0:>8.2f}")
            floor_row = next(r for r in results["stages"] if "analysis_over_floor" in r)
            print(f"analysis / bare tokenisation = {floor_row['analysis_over_floor']:.1f}x")
            differ = results["stages"][-1]["records_differing_from_first_pass"]
            print(f"second pass: {'the same records as the first' if not differ else f'{differ} RECORDS DIFFER'}")
            if args.profile:
                results["profile"] = profile_stages(docs[:500], args.profile, window)
            results["parent_stemming"] = bench_parent_stemming(texts)
            ps = results["parent_stemming"]
            print(f"stemming for full-text search (cold cache): {ps['seconds']:.2f} s "
                  f"for {ps['articles']} articles ({ps['words_not_in_stem_table']} words not in the stem table)")
        results["worker_warmup"] = bench_worker_warmup(paths[0])
        print(f"fresh worker warm-up: {results['worker_warmup']}")
        results["end_to_end"] = []
        # rounds interleave the worker counts: a shared machine drifts by tens of per cent
        # over minutes, so a ratio is only meaningful between runs made side by side
        print(f"\n{'round':>5}{'workers':>8}{'articles':>9}{'seconds':>9}{'art/s':>8}{'MB/s':>7}{'peak RSS MB':>12}"
              f"{'main CPU ms/art':>16}")
        for rnd in range(1, args.rounds + 1):
            for w in args.workers:
                r = bench_end_to_end(paths, n, size, w, window)
                r["round"] = rnd
                results["end_to_end"].append(r)
                print(f"{rnd:>5}{w:>8}{r['articles']:>9}{r['seconds']:>9.1f}{r['articles_per_s']:>8.1f}{r['mb_per_s']:>7.2f}"
                      f"{r['peak_rss_mb_max_process']:>12.0f}{r['main_process_cpu_ms_per_article']:>16.2f}")
        if len(args.workers) > 1:
            base = args.workers[0]
            for w in args.workers[1:]:
                ratios = []
                for rnd in range(1, args.rounds + 1):
                    rate = {r["workers"]: r["articles_per_s"] for r in results["end_to_end"] if r["round"] == rnd}
                    ratios.append(rate[w] / rate[base])
                results.setdefault("speedup", {})[f"{w}_over_{base}"] = ratios
                print(f"{w} workers / {base}: " + ", ".join(f"{x:.2f}" for x in ratios) + " (per round)")
    from pantau.evaluate import timex as timex_eval

    results["timex_numbers_speed"] = timex_eval.speed(shared)
    print(f"\ntime+numbers stages alone: {results['timex_numbers_speed']}")
    results["cold_start"] = bench_cold_start()
    print(f"\ncold start: {results['cold_start']}")
    out = pathlib.Path(args.results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
