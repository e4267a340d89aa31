"""Nothing lost, nothing hangs: hostile inputs, killed workers and hostile requests.

Each test reproduces one way a run or the server used to lose good articles, hang, store junk
or answer badly (`pytest -m reliability` runs them alone; bench/campaign.py runs them at a
larger scale and counts).
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from pantau.cli import main
from pantau.ingest import iter_documents

pytestmark = pytest.mark.reliability
PANTAU = [sys.executable, "-m", "pantau.cli"]
GOOD = "Serangan udara di {} menewaskan 5 orang pada Minggu, kata aktivis kepada wartawan. "


def items_of(*paths, **kw):
    items = list(iter_documents([str(p) for p in paths], **kw))
    return [i for i in items if i["kind"] == "doc"], [i for i in items if i["kind"] == "error"]


def good_line(place: str) -> str:
    return json.dumps({"text": GOOD.format(place) * 5})


def ids_in(db) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT id FROM articles")]
    finally:
        con.close()


def write_corpus(path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            body = (f"Pasukan pemerintah menyerang desa nomor {i} pada Senin (3/4). "
                    f"Sebanyak {i + 2} orang tewas dalam serangan itu, kata seorang saksi kepada wartawan.")
            f.write(json.dumps({"id": f"art-{i:05d}", "title": f"Serangan di desa {i}", "text": body}) + "\n")


# -- 1. per-record isolation: JSON nested too deep ----------------------------------------------

def test_a_jsonl_line_nested_too_deep_is_one_rejection_and_the_file_goes_on(tmp_path):
    p = tmp_path / "deep.jsonl"
    p.write_text(good_line("Aleppo") + "\n" + "[" * 3000 + "]" * 3000 + "\n" + '{"text": ' + "[" * 3000 +
                 "]" * 3000 + "}\n" + good_line("Jakarta") + "\n")
    docs, errors = items_of(p)
    assert [d["source"]["record"] for d in docs] == [0, 3]
    assert [e["record"] for e in errors] == [1, 2] and all("nested too deep" in e["reason"] for e in errors)


def test_a_json_array_element_nested_too_deep_is_stepped_over(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text("[" + good_line("Aleppo") + ", " + "[" * 3000 + '"]"' + "]" * 3000 + ", " + good_line("Homs") + "]")
    docs, errors = items_of(p)
    assert [d["source"]["record"] for d in docs] == [0, 2] and [e["record"] for e in errors] == [1]


# -- 2. per-record isolation: CSV rows over the size limit ---------------------------------------

def test_an_oversized_csv_field_rejects_its_row_and_later_rows_are_read(tmp_path):
    g = GOOD.format("Idlib") * 5
    p = tmp_path / "rows.csv"
    p.write_text("judul,isi_berita\na,\"" + g.replace("Idlib", "Homs") + "\"\nb,\"" + "x" * 6_000_000 +
                 "\"\nc,\"" + g + "\"\n")
    docs, errors = items_of(p)
    assert [d["title"] for d in docs] == ["a", "c"]
    assert [e["record"] for e in errors] == [1] and "limit" in errors[0]["reason"]


def test_a_quoted_csv_field_running_over_many_lines_past_the_limit(tmp_path):
    """No single line is too long, but the field is: stepped over by counting quotes."""
    limit = 3000
    field = "\n".join(['baris "dikutip" panjang ' * 4] * 60)  # about 6 KB over 60 lines, quotes doubled below
    p = tmp_path / "multi.csv"
    p.write_text('title,text\nA,"' + GOOD.format("Aleppo") + '"\nB,"' + field.replace('"', '""') +
                 '"\nC,"' + GOOD.format("Homs") + '\nkedua"\n')
    docs, errors = items_of(p, max_article_bytes=limit)
    assert [d["title"] for d in docs] == ["A", "C"] and docs[1]["body"].endswith("kedua")
    assert [e["record"] for e in errors] == [1] and "limit" in errors[0]["reason"]


# -- 3. encodings: the whole file is checked before UTF-8 is chosen -------------------------------

def test_cp1252_with_few_accents_is_not_read_as_damaged_utf8(tmp_path):
    # three non-ASCII characters in a few hundred: under 1 %, what damaged UTF-8 may have
    text = "“Kutipan” di café. " + GOOD.format("Jakarta") * 4
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "win.jsonl").write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode("cp1252") + b"\n")
    for name in ("win.txt", "win.jsonl"):
        docs, errors = items_of(tmp_path / name)
        assert not errors and docs[0]["body"] == text and docs[0]["meta"]["encoding"] == "cp1252", name
        assert "decode_errors" not in docs[0]["meta"]


def test_accents_after_a_plain_ascii_start_decide_the_encoding(tmp_path):
    """The first 64 KB are ASCII; the cp1252 quotes come later (a long file from a Windows tool)."""
    plain = [json.dumps({"text": GOOD.format(f"Kota {i}")}) for i in range(1000)]  # > 64 KB
    late = json.dumps({"text": "Ia berkata “cukup” di café itu."}, ensure_ascii=False)
    p = tmp_path / "late.jsonl"
    p.write_bytes(("\n".join(plain + [late]) + "\n").encode("cp1252"))
    docs, errors = items_of(p)
    assert not errors and docs[-1]["body"] == "Ia berkata “cukup” di café itu."
    assert docs[-1]["meta"]["encoding"] == "cp1252" and "\ufffd" not in docs[-1]["body"]


def test_replacement_characters_are_flagged(tmp_path, capsys):
    data = ("Kota — " + GOOD.format("Aleppo")).encode() + b"\xff rusak"
    (tmp_path / "bad.txt").write_bytes(data)
    code = main(["analyze", str(tmp_path / "bad.txt"), "--db", str(tmp_path / "d.db"), "--out", "none"])
    err = capsys.readouterr().err
    assert code == 0 and "stored 1 new" in err and "bad.txt: note: 1 byte(s)" in err and "replaced by U+FFFD" in err


# -- 4. type checks on record fields --------------------------------------------------------------

@pytest.mark.parametrize("record, says", [
    ({"text": 12345}, "number"),
    ({"text": ["a", {"b": 1}]}, "object"),
    ({"paragraphs": "not a list"}, "string"),
    ({"paragraphs": [1, 2]}, "number"),
    ({"paragraphs": [[["kata", 3]]]}, "number"),
    ({"text": True}, "boolean"),
    ({"text": "a"}, "too short"),
    ({"text": " - "}, "too short"),
])
def test_junk_in_text_fields_is_rejected_with_a_reason(tmp_path, record, says):
    p = tmp_path / "junk.jsonl"
    p.write_text(json.dumps(record) + "\n" + good_line("Homs") + "\n")
    docs, errors = items_of(p)
    assert len(docs) == 1 and docs[0]["source"]["record"] == 1
    assert [e["record"] for e in errors] == [0] and says in errors[0]["reason"], errors


def test_text_shapes_that_are_articles_still_read(tmp_path):
    p = tmp_path / "ok.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in [
        {"text": ["Paragraf satu di Aleppo.", "Paragraf dua."]},
        {"paragraphs": [[["Tentara", "merebut", "Aleppo", "."]], [["Dua", "tewas", "."]]]},
        {"paragraphs": ["Satu paragraf.", "Dua paragraf."]},
        {"text": "Ok"}]) + "\n")
    docs, errors = items_of(p)
    assert not errors and docs[1]["body"] == "Tentara merebut Aleppo.\nDua tewas."


# -- 5. control characters in human-readable errors -----------------------------------------------

def test_control_characters_in_names_do_not_split_the_error_line(tmp_path, capsys):
    bad = tmp_path / "kosong\npantau: palsu\x1b[31m.txt"
    bad.write_text("")
    errors = tmp_path / "errors.jsonl"
    main(["analyze", str(bad), "--db", str(tmp_path / "d.db"), "--out", "none", "--errors", str(errors)])
    err = capsys.readouterr().err
    lines = err.splitlines()
    # no line starts with the planted "pantau: palsu": the name stays inside its own line, escaped
    assert not any(line.startswith("pantau: palsu") for line in lines) and "\x1b" not in err
    assert any("\\npantau: palsu\\x1b[31m.txt" in line for line in lines)
    assert json.loads(errors.read_text())["path"] == str(bad)  # the machine-readable copy is exact


# -- 6. a killed worker or forkserver never hangs a run -------------------------------------------

def _answer(job):
    """A job for the pool: ("die", marker) kills its worker (once if the marker file is new)."""
    kind, arg = job
    if kind == "die" and (arg is None or not os.path.exists(arg)):
        if arg:
            open(arg, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return arg if kind == "ok" else f"survived {kind}"


def test_a_pool_worker_killed_on_a_job_is_replaced_and_nothing_is_lost(tmp_path):
    from pantau.pool import Pool

    died = []
    pool = Pool(_answer, 2, lost=lambda job, why: ("lost", why), notify=died.append, ctx=mp.get_context("fork"),
                chunk=4)
    jobs = [("ok", i) for i in range(30)]
    jobs[7] = ("die", str(tmp_path / "once"))  # kills its worker the first time only
    jobs[20] = ("die", None)  # kills every worker it is given to
    try:
        got = list(pool.imap(iter(jobs)))
    finally:
        pool.terminate()
    assert got[:7] == list(range(7)) and got[7] == "survived die" and got[8:20] == list(range(8, 20))
    assert got[20][0] == "lost" and "killed by SIGKILL" in got[20][1] and got[21:] == list(range(21, 30))
    assert len(died) == 3 and all("SIGKILL" in d for d in died)


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    stat = fh.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry))
    return kids


def _forkserver_and_workers(pid: int) -> tuple[int | None, list[int]]:
    for kid in _children(pid):
        try:
            with open(f"/proc/{kid}/cmdline", "rb") as fh:
                if b"forkserver" in fh.read():
                    return kid, _children(kid)
        except OSError:
            continue
    return None, []


def test_killing_a_worker_and_the_forkserver_mid_run_stores_every_article_once(tmp_path):
    n = 800
    corpus, db = tmp_path / "c.jsonl", str(tmp_path / "p.db")
    write_corpus(corpus, n)
    proc = subprocess.Popen(PANTAU + ["analyze", str(corpus), "--db", db, "--out", "none", "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        server, workers = None, []
        while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
            time.sleep(0.1)
            server, workers = _forkserver_and_workers(proc.pid)
        assert proc.poll() is None and workers, "the run ended before a worker could be killed"
        time.sleep(0.5)  # it has articles in hand
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(1)
        os.kill(server, signal.SIGKILL)
        time.sleep(1)
        for w in _forkserver_and_workers(proc.pid)[1] + workers[1:]:
            try:
                os.kill(w, signal.SIGKILL)  # and a worker started without a forkserver
            except ProcessLookupError:
                pass
        _, err = proc.communicate(timeout=240)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "killed by SIGKILL" in err and f"read {n}, stored {n} new" in err
    ids = ids_in(db)
    assert len(ids) == len(set(ids)) == n


# -- 9. --out holds only committed articles ------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_run_writes_out_lines_only_for_committed_articles(tmp_path, sig):
    corpus, db, out = tmp_path / "c.jsonl", str(tmp_path / "p.db"), tmp_path / "o.jsonl"
    write_corpus(corpus, 3000)
    proc = subprocess.Popen(PANTAU + ["analyze", str(corpus), "--db", db, "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not (out.exists() and out.stat().st_size):
        time.sleep(0.1)
    time.sleep(1.0)  # between two commits
    proc.send_signal(sig)
    proc.wait(timeout=60)
    written = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    stored = set(ids_in(db))
    assert written and len(written) < 3000
    assert set(written) <= stored, f"{len(set(written) - stored)} --out lines for articles not stored"


# -- 7 and 9. the HTTP server ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def web_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("webrel")
    corpus, db = tmp / "c.jsonl", str(tmp / "w.db")
    write_corpus(corpus, 3)
    r = subprocess.run(PANTAU + ["analyze", str(corpus), "--db", db, "--out", "none"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture(scope="module")
def web(web_db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from pantau.web import create_app

    return TestClient(create_app(web_db))


def test_an_event_index_past_64_bits_is_404(web):
    for key in ("x:9223372036854775808", "art-00000:99999999999999999999", "art-00000:٣"):
        r = web.get(f"/api/events/{key}")
        assert r.status_code == 404 and r.headers["x-content-type-options"] == "nosniff", key


def test_errors_carry_the_security_headers(web_db):
    from fastapi.testclient import TestClient

    from pantau.web import create_app

    app = create_app(web_db)

    @app.get("/api/broken")
    def broken():  # a route with a bug: what any unexpected exception gives
        raise RuntimeError("bug")

    r = TestClient(app, raise_server_exceptions=False).get("/api/broken")
    assert r.status_code == 500 and "content-security-policy" in r.headers and "bug" not in r.text


def test_a_tokenless_server_answers_only_loopback_host_names(web_db):
    from fastapi.testclient import TestClient

    from pantau.web import LOOPBACK_NAMES, create_app

    app = create_app(web_db, hosts=LOOPBACK_NAMES)
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert TestClient(app, base_url=f"http://{host}").get("/api/stats").status_code == 200, host
    for host in ("attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example"):
        r = TestClient(app, base_url=f"http://{host}").get("/api/stats")
        assert r.status_code == 421 and "content-security-policy" in r.headers, host


def test_error_bodies_and_parameters_are_bounded(web):
    r = web.get("/api/events", params={"date_from": "9" * 499})
    assert r.status_code == 422 and len(r.content) < 500 and "99999" in r.text  # the start of it, named
    r = web.get("/api/articles", params={"outlet": "x" * 60_000})
    assert r.status_code in (414, 422) and len(r.content) < 1000
    r = web.get("/api/articles/" + "a" * 5000)
    assert r.status_code == 414 and len(r.content) < 1000
    r = web.get("/api/actors/" + "b" * 900)
    assert r.status_code == 200
    r = web.get("/api/quotes", params={"speaker": "s" * 501})
    assert r.status_code == 422 and len(r.content) < 1000


def test_a_public_server_needs_a_token_of_16_characters(web_db):
    import socket

    from pantau.web import serve

    with socket.socket() as taken:  # were a token accepted, serving would fail here rather than run on
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        for token in (None, "", " " * 20, "x", "fifteen-chars!!"):
            with pytest.raises(ValueError, match="token"):
                serve(web_db, host="0.0.0.0", port=taken.getsockname()[1], token=token)
