"""The interfaces a user lives in: usage errors before any work, one meaning for '-' and 'none',
progress and rejection summaries, serve, names as users write them, help, the Python API,
versions in records and the store, missing extras named, a second SQLite writer."""
import json
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import pantau
from pantau.cli import build_parser, main

PANTAU = [sys.executable, "-m", "pantau.cli"]
SAMPLE = Path(pantau.__file__).parent / "sample"
TEXT = ("Pasukan pemerintah Suriah merebut Aleppo pada Kamis (22/12). Sebanyak 12 orang tewas dalam "
        "serangan itu, kata seorang saksi kepada wartawan. Hizbullah ikut bertempur di Halab.")


def cli(args, cwd=None, **kw):
    return subprocess.run(PANTAU + args, capture_output=True, text=True, cwd=cwd, timeout=120, **kw)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    """The bundled sample corpus analysed once for the module (what `pantau demo` writes)."""
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    assert main(["analyze", str(SAMPLE), "--db", str(db), "--out", "none", "--quiet"]) == 0
    return str(db)


# -- 1. usage errors before any work; '-' and 'none' ------------------------------------------

@pytest.mark.parametrize("arg, says", [("korpus-tidak-ada/", "no such file or folder: korpus-tidak-ada/"),
                                       ("https://example.org/berita/1", "URLs are not fetched"),
                                       ("tidak-*.jsonl", "no file matches tidak-*.jsonl")])
def test_missing_input_is_a_usage_error_and_creates_nothing(tmp_path, arg, says):
    p = cli(["analyze", arg, "--out", "out.jsonl"], cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert says in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # no ./pantau.db, no out.jsonl


def test_output_in_a_missing_folder_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    p = cli(["analyze", "a.txt", "--out", "nope/out.jsonl"], cwd=tmp_path)
    assert p.returncode == 2 and "nope" in p.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == ["a.txt"]


def test_stdin_to_stdout_with_no_store(tmp_path):
    p = cli(["analyse", "-", "--db", "none"], cwd=tmp_path, input=TEXT)  # the British spelling too
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout)
    assert rec["text"].startswith("Pasukan") and rec["events"]
    assert list(tmp_path.iterdir()) == []  # --db none: no file called "none", no pantau.db


def test_export_to_stdout_and_none_means_no_database(sample_db, tmp_path):
    p = cli(["export", "--format", "jsonl", "--db", sample_db, "--out", "-"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert len(p.stdout.splitlines()) == sqlite3.connect(sample_db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert list(tmp_path.iterdir()) == []  # not a file called "-"
    for args in (["stats", "--db", "none"], ["export", "--format", "csv", "--db", sample_db, "--out", "none"]):
        assert main(args) == 2
    assert not (tmp_path / "none").exists()


# -- 2. progress, warnings above the bar, grouped rejections, --quiet, Ctrl-C ------------------

def test_progress_has_a_total_and_warnings_on_their_own_lines(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(TEXT.replace("12", str(20 + i)))
    (tmp_path / "kosong.txt").write_text("")
    p = cli(["analyze", ".", "--db", "none", "--out", "none", "--progress"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    lines = re.split(r"[\r\n]", p.stderr)
    assert any(re.search(r"\b4/4\b", ln) for ln in lines)  # a total, so a percentage and an ETA
    assert "pantau: ./kosong.txt: empty file" in lines  # a line of its own, not glued to the bar
    assert "pantau: rejected 1 input(s):" in lines
    assert any(re.fullmatch(r"pantau:\s+1\s+empty file\s+\(\./kosong\.txt\)", ln) for ln in lines)
    q = cli(["analyze", ".", "--db", "none", "--out", "none", "--quiet"], cwd=tmp_path)
    assert q.returncode == 0
    assert q.stderr.strip().splitlines() == [ln for ln in q.stderr.splitlines() if ln.startswith("pantau: read 3")]


@pytest.mark.parametrize("workers", ["1", "2"])  # 2: the pool must end too, not hang
def test_ctrl_c_keeps_what_was_stored_and_says_how_far_it_got(tmp_path, workers):
    with open(tmp_path / "many.jsonl", "w", encoding="utf-8") as f:
        for i in range(3000):
            f.write(json.dumps({"id": f"a{i}", "text": TEXT.replace("12", str(i + 2))}) + "\n")
    proc = subprocess.Popen(PANTAU + ["analyze", "many.jsonl", "--db", "p.db", "--out", "none", "--progress",
                                      "--workers", workers],
                            cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    seen = []

    def read():
        for chunk in iter(lambda: proc.stderr.read1(4096), b""):
            seen.append(chunk.decode("utf-8", "replace"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while not re.search(r"\b[1-9]\d*/3000\b", "".join(seen)) and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(2)  # SIGINT, as Ctrl-C
    assert proc.wait(timeout=60) == 130
    reader.join(timeout=10)
    err = "".join(seen)
    m = re.search(r"pantau: interrupted: read (\d+), stored (\d+) new", err)
    assert m, err[-500:]
    assert "Traceback" not in err  # the workers leave Ctrl-C to the parent
    stored = sqlite3.connect(tmp_path / "p.db").execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored == int(m.group(2)) < 3000


# -- 3. serve -------------------------------------------------------------------------------------

def test_serve_prints_its_url_and_a_taken_port_is_one_line(sample_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        taken = s.getsockname()[1]
        p = cli(["serve", "--db", sample_db, "--port", str(taken)])
    assert p.returncode == 1
    assert p.stderr.strip() == f"pantau serve: cannot listen on 127.0.0.1:{taken}: Address already in use " \
                               "(another server is using it; give --port)"
    proc = subprocess.Popen(PANTAU + ["serve", "--db", sample_db, "--port", str(taken)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{taken}/" in line and "Ctrl-C to stop" in line
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)


@pytest.mark.parametrize("module, args, extra", [
    ("fastapi", ["serve", "--db", "{db}"], "web"),
    ("dask", ["analyze", "{db}", "--engine", "dask", "--db", "x.db"], "dask"),
    ("pyarrow", ["export", "--format", "parquet", "--db", "{db}", "--out", "e.parquet"], "parquet"),
    ("datasketch", ["stories", "--db", "{db}"], "minhash"),
    ("psycopg", ["stats", "--db", "postgresql://nobody@localhost/none"], "postgres"),
])
def test_a_missing_extra_is_named(sample_db, tmp_path, module, args, extra):
    code = ("import sys; sys.modules[sys.argv[1]] = None  # as if not installed\n"
            "from pantau.cli import main; sys.exit(main(sys.argv[2:]))")
    p = subprocess.run([sys.executable, "-c", code, module] + [a.format(db=sample_db) for a in args],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 1, p.stderr
    assert p.stderr.strip().endswith(f"pip install 'pantau[{extra}]'") and len(p.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


# -- 4. names as users write them ---------------------------------------------------------------

def test_actor_and_place_in_any_alias_and_case(sample_db):
    p = cli(["timeline", "--actor", "Hizbullah", "--db", sample_db])
    assert p.returncode == 0 and "Hezbollah" in p.stdout
    assert "actor 'Hizbullah' matched 'Hezbollah'" in p.stderr
    by_place = {}
    for name in ("Aleppo", "Halab", "aleppo"):
        p = cli(["timeline", "--place", name, "--db", sample_db, "--json"])
        by_place[name] = json.loads(p.stdout)["events"]
    assert by_place["Aleppo"] and by_place["Halab"] == by_place["Aleppo"] == by_place["aleppo"]
    p = cli(["timeline", "--actor", "Tidak Ada Siapa-siapa", "--db", sample_db])
    assert p.returncode == 0 and p.stdout == ""
    assert "no events for actor 'Tidak Ada Siapa-siapa'" in p.stderr


def test_parquet_export_over_http_without_pyarrow_names_the_extra(sample_db, monkeypatch):
    from fastapi.testclient import TestClient

    from pantau.web import create_app

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    r = TestClient(create_app(sample_db)).get("/api/export", params={"format": "parquet"})
    assert r.status_code == 501 and "pip install 'pantau[parquet]'" in r.json()["detail"]


def test_api_filters_take_aliases_and_say_what_they_matched(sample_db):
    from fastapi.testclient import TestClient

    from pantau.web import create_app

    client = TestClient(create_app(sample_db))
    canon = client.get("/api/events", params={"actor": "Hezbollah"}).json()
    alias = client.get("/api/events", params={"actor": "hizbullah"}).json()
    assert canon["total"] > 0 and alias["total"] == canon["total"]
    assert alias["matched"]["actor"] == {"given": "hizbullah", "name": "Hezbollah", "via": "kb"}
    israel = client.get("/api/articles", params={"actor": "israel"}).json()
    assert israel["total"] == client.get("/api/articles", params={"actor": "Israel"}).json()["total"] > 0
    halab = client.get("/api/search", params={"q": "", "place": "Halab"}).json()
    assert halab["total"] > 0 and halab["matched"]["place"]["name"] == "Aleppo"


# -- 5. help ------------------------------------------------------------------------------------

def test_every_subcommand_has_a_purpose_option_help_defaults_and_an_example():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = set(sub.choices) - {"analyse"}
    for name in names:
        sp = sub.choices[name]
        assert sp.description and sp.epilog and "pantau " + name in sp.epilog, name
        for action in sp._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.option_strings or action.dest}"
        text = sp.format_help()
        for action in sp._actions:
            if action.option_strings and action.default not in (None, False) and action.help != "==SUPPRESS==" \
                    and action.default != "==SUPPRESS==":
                assert "default" in action.help or "default" in sp._get_formatter()._get_help_string(action), \
                    (name, action.option_strings)
        assert "example" in text
    p = cli(["analyse", "--help"])
    assert p.returncode == 0 and "example" in p.stdout and "(default: pantau.db)" in p.stdout


# -- 6. Python API, versions ----------------------------------------------------------------------

def test_analyze_text_gives_the_contract_record_with_versions():
    rec = pantau.analyze_text(TEXT, title="Aleppo direbut", published="2016-12-23")
    assert rec["schema"] == "pantau.article/1" and rec["title"] == "Aleppo direbut"
    assert rec["published"]["date"] == "2016-12-23" and rec["events"]
    assert rec["pantau"]["version"] == pantau.__version__
    assert rec["pantau"]["analysis"].startswith(pantau.__version__ + "/")
    from pantau import pipeline

    assert pipeline.analyze({"text": TEXT})["text"] == rec["text"][rec["body_start"]:] or \
        pipeline.analyze({"text": TEXT})["events"]  # a plain dict is enough: no KeyError 'source'


def test_open_gives_dataframes_and_the_store_says_its_versions(sample_db):
    db = pantau.open(sample_db)
    events, articles, hits = db.events(), db.articles(), db.search("Aleppo")
    assert len(articles) == sqlite3.connect(sample_db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert {"event_type", "place", "actor1"} <= set(events.columns) and len(events) > 0
    assert len(hits) > 0 and "title" in hits.columns
    hz = db.events(actor="Hizbullah")
    assert len(hz) > 0 and hz.attrs["matched"]["actor"]["name"] == "Hezbollah"
    meta = db.meta()
    assert meta["pantau_version"] == pantau.__version__ and meta["analysis_version"].startswith("0.")
    db.close()


def test_open_without_pandas_names_the_extra(sample_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'pantau\[pandas\]'"):
        pantau.open(sample_db).events()


# -- 7. a second writer on one SQLite file ------------------------------------------------------

def test_two_writers_on_one_sqlite_file_both_finish(tmp_path):
    for name, offset in (("a.jsonl", 0), ("b.jsonl", 20)):  # ten articles in common
        with open(tmp_path / name, "w", encoding="utf-8") as f:
            for i in range(offset, offset + 30):
                f.write(json.dumps({"id": f"x{i}", "text": TEXT.replace("12", str(i + 2))}) + "\n")
    procs = [subprocess.Popen(PANTAU + ["analyze", name, "--db", "one.db", "--out", "none"], cwd=tmp_path,
                              stderr=subprocess.PIPE, text=True) for name in ("a.jsonl", "b.jsonl")]
    errs = [p.communicate(timeout=180)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert "IntegrityError" not in "".join(errs)
    assert sqlite3.connect(tmp_path / "one.db").execute("SELECT count(*) FROM articles").fetchone()[0] == 50
