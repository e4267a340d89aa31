"""Reliability campaign: hostile inputs, a kill series and an HTTP fuzz, in bounded time.

    python bench/campaign.py [--articles 2000] [--requests 600] [--rounds 1] [--only inputs kills http]

Prints, per part and in total, tried / failed / lost:
  * inputs: good articles mixed with hostile files (too-deep JSON, oversized CSV fields, Windows
    encodings, junk fields, binary, bombs, cut gzip, control characters in names ...) in one
    `pantau analyze` run. Failed: a hostile input stored as an article, a run that does not end
    with exit 0 within its time, a traceback, an error line split by a control character. Lost:
    a good article not stored exactly once.
  * kills: `pantau analyze` on generated articles with 1 and 2 workers, SIGKILLing the parent
    (then run again), a worker or the forkserver mid-run. Failed: a hang (no end within the time
    limit), a worker left running after its parent died, a bad exit. Lost: an article not stored
    exactly once in the end.
  * http: `pantau serve` on 127.0.0.1 (only) and hostile requests (huge numbers, long and
    control-character parameters, traversal, SQL, bad encodings, foreign Host names). Failed: a
    500, a hang, a response without the security headers, a foreign Host answered, an error body
    over 4 KB.
Figures are measurements; the exit status is 1 when anything failed or was lost.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import pathlib
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PANTAU = [sys.executable, "-m", "pantau.cli"]
RUN_LIMIT = 300  # seconds a run may take before it counts as hung
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options")


def good_text(i: int) -> str:
    return (f"Serangan udara di desa Penanda{i:04d} menewaskan {i % 9 + 2} orang pada Minggu, kata aktivis "
            f"kepada wartawan. Pasukan pemerintah merebut kota itu setelah pertempuran sengit.")


def ids_and_texts(db: str) -> list[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return [(r[0], r[1] or "") for r in con.execute("SELECT id, record FROM articles")]
    finally:
        con.close()


def run(cmd, timeout=RUN_LIMIT, **kw) -> tuple[int | None, str]:
    """(exit status or None for a hang, stderr)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    try:
        _, err = proc.communicate(timeout=timeout)
        return proc.returncode, err
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        return None, err


# -- inputs ---------------------------------------------------------------------------------------

def hostile_inputs(folder: pathlib.Path, n_good: int) -> list[int]:
    """Writes good articles (numbered) among hostile files; returns the numbers of the good ones."""
    good = list(range(n_good))
    per = {"jsonl": good[0::4], "csv": good[1::4], "txt": good[2::4], "json": good[3::4]}
    lines = [json.dumps({"id": f"g{i}", "text": good_text(i)}) for i in per["jsonl"]]
    half = len(lines) // 2
    deep = "[" * 5000 + "]" * 5000
    junk = [json.dumps(r) for r in ({"text": 12345}, {"text": ["a", {"b": 1}]}, {"paragraphs": "not a list"},
                                     {"paragraphs": [1, 2]}, {"text": "a"}, {"text": None}, [1, 2], "teks")]
    (folder / "mixed.jsonl").write_text("\n".join(lines[:half] + [deep, '{"text": ' + deep + "}", "{broken"] + junk +
                                                  lines[half:]) + "\n")
    rows = "".join(f'j{i},"{good_text(i)}"\n' for i in per["csv"])
    k = len(per["csv"]) // 2
    head, tail = rows.splitlines(keepends=True)[:k], rows.splitlines(keepends=True)[k:]
    (folder / "rows.csv").write_text("judul,isi_berita\n" + "".join(head) + 'besar,"' + "x" * 6_000_000 + '"\n' +
                                     'banyak,"' + ("baris panjang\n" * 400_000) + '"\n' + "".join(tail))
    for n, i in enumerate(per["txt"]):
        enc = ("utf-8", "cp1252", "latin-1", "utf-16")[n % 4]
        text = good_text(i) + (" “Kutipan” di café." if enc == "cp1252" else " Café." if enc == "latin-1" else "")
        (folder / f"good{i:04d}.txt").write_bytes(text.encode(enc))
    (folder / "array.json").write_text("[" + ", ".join(
        [json.dumps({"text": good_text(i)}) for i in per["json"]][:1] + ['"[' + deep + ']"', deep] +
        [json.dumps({"text": good_text(i)}) for i in per["json"]][1:]) + "]")
    (folder / "empty.txt").write_text("")
    (folder / "blank.txt").write_text("  \n\n ")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (folder / "name\nwith\x1b[31m control.txt").write_text("")
    (folder / "bomb.jsonl.gz").write_bytes(gzip.compress(b"\0" * (40 << 20), 9))
    cut = "".join(json.dumps({"text": good_text(i).replace("Penanda", "Potong")}) + "\n" for i in range(3))
    (folder / "cut.jsonl.gz").write_bytes(gzip.compress(cut.encode())[:-30])  # what comes before the cut: kept
    (folder / "laughs.xml").write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                                       '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                                       '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                                       '<rss><channel><item><title>&lol3;</title></item></channel></rss>')
    (folder / "xxe.html").write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><p>&e;</p>'
                                     '</body></html>')
    (folder / "one.json").write_text('{"text": "x"}')
    (folder / "huge.txt").write_text("kata " * 1_200_000)
    return good


def part_inputs(tmp: pathlib.Path, n_good: int = 40) -> dict:
    folder = tmp / "inputs"
    folder.mkdir()
    good = hostile_inputs(folder, n_good)
    db = str(tmp / "inputs.db")
    errors = tmp / "errors.jsonl"
    started = time.monotonic()
    code, err = run(PANTAU + ["analyze", str(folder), "--db", db, "--out", "none", "--errors", str(errors),
                              "--workers", "2"])
    failed = []
    if code is None:
        failed.append("hang")
    elif code != 0:
        failed.append(f"exit {code}")
    if "Traceback" in err:
        failed.append("traceback")
    if any(not line.startswith("pantau") for line in err.splitlines()):
        failed.append("an error line split by a control character")
    stored = ids_and_texts(db) if os.path.exists(db) else []
    lost = 0
    for i in good:
        hits = sum(f"Penanda{i:04d}" in rec for _id, rec in stored)
        lost += hits != 1
    junk = sum("Penanda" not in rec and "Potong" not in rec for _id, rec in stored)
    if junk:
        failed.append(f"{junk} hostile input(s) stored as articles")
    rejected = sum(1 for _ in open(errors)) if errors.exists() else 0
    return {"tried": 1 + rejected + len(good), "failed": len(failed), "lost": lost, "why": failed,
            "seconds": round(time.monotonic() - started, 1), "rejected": rejected}


# -- kills ----------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return kids


def _forkserver(pid: int) -> int | None:
    for kid in _children(pid):
        try:
            with open(f"/proc/{kid}/cmdline", "rb") as fh:
                if b"forkserver" in fh.read():
                    return kid
        except OSError:
            continue
    return None


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def write_corpus(path: pathlib.Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"k{i:05d}", "title": f"Berita {i}", "text": good_text(i)}) + "\n")


def one_kill(tmp: pathlib.Path, n: int, workers: int, target: str, seed: int) -> dict:
    rnd = random.Random(seed)
    corpus, db = tmp / f"kill-{workers}-{target}-{seed}.jsonl", str(tmp / f"kill-{workers}-{target}-{seed}.db")
    write_corpus(corpus, n)
    cmd = PANTAU + ["analyze", str(corpus), "--db", db, "--out", "none", "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    why = []
    deadline = time.monotonic() + RUN_LIMIT
    victims: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:  # wait for work in progress
        time.sleep(0.1)
        server = _forkserver(proc.pid)
        workers_now = _children(server) if server else []
        if workers > 1 and len(workers_now) < workers:
            continue
        time.sleep(rnd.uniform(0.2, 1.5))
        if target == "parent":
            victims = [proc.pid]
            orphans = workers_now
        elif target == "worker":
            victims = [rnd.choice(workers_now)]
        else:
            victims = [server]
        break
    if proc.poll() is not None or not victims:
        why.append("ended before the kill")
    for v in victims:
        try:
            os.kill(v, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        _, err = proc.communicate(timeout=max(deadline - time.monotonic(), 1))
        code = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        code = None
        why.append("hang")
    if target == "parent":
        time.sleep(5)
        left = [w for w in orphans if _alive(w)]
        if left:
            why.append(f"{len(left)} worker(s) left running")
            for w in left:
                os.kill(w, signal.SIGKILL)
        code, err = run(cmd)  # the run started again
        if code is None:
            why.append("hang on the rerun")
    if code not in (0, None):
        why.append(f"exit {code}: {err.strip().splitlines()[-1:]}")
    if target == "worker" and "killed by SIGKILL" not in err:
        why.append("the worker's death was not reported")
    ids = [i for i, _ in ids_and_texts(db)] if os.path.exists(db) else []
    lost = n - len(set(ids)) + (len(ids) - len(set(ids)))
    return {"workers": workers, "target": target, "failed": bool(why), "lost": lost, "why": why}


def part_kills(tmp: pathlib.Path, n: int, rounds: int) -> dict:
    plan = [(1, "parent"), (2, "parent"), (2, "worker"), (2, "forkserver")]
    started = time.monotonic()
    results = [one_kill(tmp, n, w, t, r) for r in range(rounds) for w, t in plan]
    for res in results:
        print(f"  kill {res['target']:>10} with {res['workers']} worker(s): lost {res['lost']}"
              + (f", failed: {res['why']}" if res["failed"] else ""), flush=True)
    return {"tried": len(results), "failed": sum(r["failed"] for r in results), "lost": sum(r["lost"] for r in results),
            "hangs": sum("hang" in " ".join(r["why"]) for r in results),
            "seconds": round(time.monotonic() - started, 1)}


# -- http -----------------------------------------------------------------------------------------

HOSTILE_VALUES = ["9223372036854775808", "-1", "99999999999999999999999", "0x10", "1e308", "NaN", "", " ",
                  "%00", "%ff%fe", "..%2f..%2fetc%2fpasswd", "' OR 1=1 --", "\"; DROP TABLE articles; --",
                  "<script>alert(1)</script>", "%0d%0aSet-Cookie:%20x=1", "☃" * 50, "x" * 499, "x" * 501,
                  "y" * 5000, "%E2%80%AE", "{{7*7}}", "${jndi:ldap://x}", "\\u0000", "2016-13-45", "9999-99",
                  "*", "%", "_", "[", "a:b:c", "art-00000:9223372036854775807"]
ROUTES = ["/api/stats", "/api/facets", "/api/search", "/api/articles", "/api/events", "/api/entities",
          "/api/quotes", "/api/labels", "/api/timeline", "/api/stories", "/api/export"]
PARAMS = ["q", "outlet", "date_from", "date_to", "actor", "place", "event_type", "limit", "offset", "by",
          "format", "article_id", "speaker", "type", "marks", "compact", "located"]
PATHS = ["/api/articles/{}", "/api/events/{}", "/api/actors/{}", "/static/{}", "/{}"]


def _requests(n: int, rnd: random.Random):
    from urllib.parse import quote

    for _ in range(n):
        kind = rnd.random()
        host = "127.0.0.1"
        if kind < 0.45:
            route = rnd.choice(ROUTES)
            params = "&".join(f"{rnd.choice(PARAMS)}={quote(rnd.choice(HOSTILE_VALUES), safe='%')}"
                              for _ in range(rnd.randint(1, 3)))
            yield host, f"{route}?{params}"
        elif kind < 0.85:
            value = rnd.choice(HOSTILE_VALUES)
            yield host, rnd.choice(PATHS).format(quote(value, safe="%"))
        elif kind < 0.95:
            yield rnd.choice(["attacker.example", "127.0.0.1.nip.io", "localhost.attacker.example", "x" * 300,
                              "[::2]", "0.0.0.0"]), rnd.choice(ROUTES)
        else:
            yield host, "/api/events/" + "x:" + "9" * rnd.randint(19, 400)


def part_http(tmp: pathlib.Path, n: int, db: str) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(PANTAU + ["serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        for _ in range(300):  # up within 30 s
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        rnd = random.Random(25)
        tried = fivehundreds = hangs = bare = foreign = big = 0
        codes: dict[int, int] = {}
        for host, target in _requests(n, rnd):
            tried += 1
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            try:
                conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
                conn.putheader("Host", host)
                conn.endheaders()
                resp = conn.getresponse()
                body = resp.read()
            except (TimeoutError, socket.timeout):
                hangs += 1
                continue
            except (http.client.HTTPException, OSError):
                continue  # refused by the HTTP layer before the app: not an answer to judge
            finally:
                conn.close()
            codes[resp.status] = codes.get(resp.status, 0) + 1
            fivehundreds += resp.status >= 500
            bare += not all(resp.getheader(h) for h in SECURITY) and resp.status != 400
            foreign += host not in ("127.0.0.1",) and resp.status == 200
            big += resp.status >= 400 and len(body) > 4096
    finally:
        server.terminate()
        server.wait(timeout=30)
    failed = fivehundreds + hangs + bare + foreign + big
    return {"tried": tried, "failed": failed, "lost": 0, "500s": fivehundreds, "hangs": hangs,
            "without_headers": bare, "foreign_host_answered": foreign, "big_error_bodies": big,
            "statuses": dict(sorted(codes.items())), "seconds": round(time.monotonic() - started, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles per kill run")
    ap.add_argument("--requests", type=int, default=600, help="hostile HTTP requests")
    ap.add_argument("--rounds", type=int, default=1, help="times the kill series runs")
    ap.add_argument("--only", nargs="+", choices=["inputs", "kills", "http"], default=["inputs", "kills", "http"])
    args = ap.parse_args()
    os.chdir(ROOT)
    total = {"tried": 0, "failed": 0, "lost": 0}
    with tempfile.TemporaryDirectory(prefix="pantau-campaign-") as t:
        tmp = pathlib.Path(t)
        parts = {}
        if "inputs" in args.only or "http" in args.only:
            parts["inputs"] = part_inputs(tmp)
        if "kills" in args.only:
            parts["kills"] = part_kills(tmp, args.articles, args.rounds)
        if "http" in args.only:
            parts["http"] = part_http(tmp, args.requests, str(tmp / "inputs.db"))
        if "inputs" not in args.only:
            parts.pop("inputs", None)
        for name, res in parts.items():
            print(f"{name:>7}: tried {res['tried']}, failed {res['failed']}, lost {res['lost']}  "
                  + json.dumps({k: v for k, v in res.items() if k not in ('tried', 'failed', 'lost')},
                               ensure_ascii=False))
            for k in total:
                total[k] += res[k]
    print(f"  total: tried {total['tried']}, failed {total['failed']}, lost {total['lost']}")
    return 1 if total["failed"] or total["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
