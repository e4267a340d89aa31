"""Load generator for the REST API: p50/p95 latency of search and list endpoints.

Starts `pantau serve` on a database in a child process (or uses a running server given
by --url), then sends a bounded number of GET requests from a few keep-alive client
threads, over the loopback only, and reports latency per endpoint.

    .venv/bin/python bench/bench_api.py --db pantau.db --requests 600 --concurrency 4
    .venv/bin/python bench/bench_api.py --url http://127.0.0.1:8000 --json

The acceptance target (issue 7) is p95 < 100 ms over the whole shared corpus analysed.
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

MAX_REQUESTS = 20_000
MAX_CONCURRENCY = 16
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

SEARCHES = ["Aleppo", "pengepungan", "banjir", "presiden", "korupsi", '"Joko Widodo"', "gempa OR banjir",
            "serangan -Rusia", "pemilu", "harga beras", "polisi tembak", "dikepung", "Jakarta", "sepak bola",
            "teroris", "pendidikan sekolah"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, host: str, port: int, token: str | None):
        self.host, self.port = host, port
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.conn.request("GET", path, headers=self.headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def q(path: str, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def workload(client: Client, rng: random.Random) -> list[tuple[str, str]]:
    """(endpoint name, path) pairs drawn from what the database holds."""
    facets = json.loads(client.get("/api/facets")[1])
    arts = json.loads(client.get(q("/api/articles", limit=200))[1])["items"]
    ids = [a["id"] for a in arts] or ["none"]
    outlets = [v["value"] for v in facets["outlet"] if v["value"]] or [None]
    types = [v["value"] for v in facets["event_type"]] or [None]
    actors = [v["value"] for v in facets["actor"]] or ["none"]
    places = [v["value"] for v in facets["place"]] or [None]
    months = [v["value"] for v in facets["month"] if v["value"]] or [None]
    pick = rng.choice
    return [
        ("search", lambda: q("/api/search", q=pick(SEARCHES), facets="true", limit=25)),
        ("search+filter", lambda: q("/api/search", q=pick(SEARCHES), outlet=pick(outlets), date_from=pick(months),
                                    facets="true", limit=25)),
        ("events", lambda: q("/api/events", event_type=pick(types), limit=50)),
        ("events+filter", lambda: q("/api/events", place=pick(places), date_from=pick(months), limit=50)),
        ("events located", lambda: q("/api/events", located="true", compact="true", limit=500)),
        ("articles", lambda: q("/api/articles", outlet=pick(outlets), limit=50, offset=rng.randrange(0, 200))),
        ("article", lambda: "/api/articles/" + urllib.parse.quote(pick(ids), safe="")),
        ("entities", lambda: q("/api/entities", limit=100)),
        ("actor", lambda: "/api/actors/" + urllib.parse.quote(pick(actors), safe="")),
        ("quotes", lambda: q("/api/quotes", limit=50, offset=rng.randrange(0, 100))),
        ("timeline", lambda: q("/api/timeline", by="day")),
        ("stories", lambda: q("/api/stories", limit=50)),
        ("facets", lambda: "/api/facets"),
        ("stats", lambda: "/api/stats"),
    ]


def run(host: str, port: int, *, requests: int, concurrency: int, token: str | None, seed: int = 7) -> dict:
    rng = random.Random(seed)
    setup = Client(host, port, token)
    kinds = workload(setup, rng)
    jobs = [(name, make()) for i in range(requests) for name, make in [kinds[i % len(kinds)]]]
    rng.shuffle(jobs)
    # steady state: let the server finish its start-up work (story linking) first, bounded
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and json.loads(setup.get("/api/stories?limit=1")[1]).get("pending"):
        time.sleep(0.5)
    for name, make in kinds:  # warm caches once per endpoint, unmeasured
        setup.get(make())
    results: dict[str, list[float]] = {name: [] for name, _ in kinds}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    it = iter(jobs)

    def worker() -> None:
        c = Client(host, port, token)
        while True:
            with lock:
                job = next(it, None)
            if job is None:
                return
            name, path = job
            t0 = time.perf_counter()
            status, _ = c.get(path)
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                results[name].append(ms)
                if status != 200:
                    errors[f"{name} HTTP {status}"] = errors.get(f"{name} HTTP {status}", 0) + 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    everything = [ms for v in results.values() for ms in v]
    stats = json.loads(setup.get("/api/stats")[1])
    return {
        "articles": stats["articles"], "events": stats["events"], "requests": len(everything),
        "concurrency": concurrency, "seconds": round(wall, 2), "rps": round(len(everything) / wall, 1),
        "errors": errors,
        "overall": summary(everything),
        "search": summary(results["search"] + results["search+filter"]),
        "api": summary([ms for k, v in results.items() if not k.startswith("search") for ms in v]),
        "endpoints": {k: summary(v) for k, v in results.items() if v},
    }


def summary(ms: list[float]) -> dict:
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "p50": round(percentile(ms, 50), 1), "p95": round(percentile(ms, 95), 1),
            "max": round(max(ms), 1), "mean": round(statistics.fmean(ms), 1)}


def format_report(r: dict) -> str:
    lines = [f"{r['requests']} requests, concurrency {r['concurrency']}, {r['seconds']} s ({r['rps']} req/s) "
             f"over {r['articles']} articles / {r['events']} events",
             f"{'endpoint':<16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"]
    for name in ("search", "api", "overall"):
        s = r[name]
        lines.append(f"{name.upper():<16} {s['n']:>5} {s.get('p50', 0):>8} {s.get('p95', 0):>8} {s.get('max', 0):>8}")
    lines.append("")
    for name, s in r["endpoints"].items():
        lines.append(f"{name:<16} {s['n']:>5} {s['p50']:>8} {s['p95']:>8} {s['max']:>8}")
    if r["errors"]:
        lines.append(f"errors: {r['errors']}")
    return "\n".join(lines)


def start_server(db: str, token: str | None) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = "import sys; from pantau.web import serve; serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]), sys.argv[3] or None)"
    proc = subprocess.Popen([sys.executable, "-c", code, db, str(port), token or ""])
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, port
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}")
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", help="database to serve (a server is started on a free loopback port)")
    src.add_argument("--url", help="running server, loopback only (http://127.0.0.1:PORT)")
    ap.add_argument("--requests", type=int, default=600, help=f"measured requests (at most {MAX_REQUESTS})")
    ap.add_argument("--concurrency", type=int, default=4, help=f"client threads (at most {MAX_CONCURRENCY})")
    ap.add_argument("--token", default=os.environ.get("PANTAU_TOKEN"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    requests = max(1, min(args.requests, MAX_REQUESTS))
    concurrency = max(1, min(args.concurrency, MAX_CONCURRENCY))
    proc = None
    if args.url:
        u = urllib.parse.urlsplit(args.url)
        if u.scheme != "http" or u.hostname not in LOOPBACK:
            ap.error("--url must be http:// on the loopback (127.0.0.1, localhost, ::1)")
        host, port = u.hostname, u.port or 80
    else:
        proc, port = start_server(args.db, args.token)
        host = "127.0.0.1"
    try:
        report = run(host, port, requests=requests, concurrency=concurrency, token=args.token)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    print(json.dumps(report, indent=1) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
