import atexit
import json
import os
import pathlib
import shutil
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]

# the tests keep what pantau caches between processes (pantau/cache.py) in a folder of their own,
# inherited by the processes they start, not in the user's cache
_CACHE = tempfile.mkdtemp(prefix="pantau-test-cache-")
os.environ["PANTAU_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)
SHARED = pathlib.Path(os.environ.get("PANTAU_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def gold(shared) -> dict:
    data = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    return {d["doc"]: d for d in data["docs"]}


def _initdb() -> pathlib.Path | None:
    import glob
    import shutil

    found = shutil.which("initdb")
    if found:
        return pathlib.Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return pathlib.Path(versions[-1]).parent if versions else None


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory):
    """A PostgreSQL server for the store tests: $PANTAU_TEST_PG if set, else a throwaway server
    started from the installed binaries in a temporary folder (unix socket only, no TCP port)."""
    import shutil
    import subprocess

    if os.environ.get("PANTAU_TEST_PG"):
        yield os.environ["PANTAU_TEST_PG"]
        return
    pytest.importorskip("psycopg")
    bindir = _initdb()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (make postgres, or set PANTAU_TEST_PG)")
    import tempfile

    # not under pytest's own temporary folder: that one is private to us, and as root the server
    # runs as another account that must reach its data folder
    base = pathlib.Path(tempfile.mkdtemp(prefix="pantau-pg-"))
    data, sock = base / "data", base / "sock"
    run_as: list[str] = []
    user = None
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres account
        import pwd

        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and no 'postgres' account to run the server")
        for d in (base, sock):
            d.mkdir(exist_ok=True)
            shutil.chown(d, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
        user = "postgres"
    sock.mkdir(exist_ok=True)
    user = user or os.environ.get("USER") or "postgres"

    def pg(*cmd):
        return subprocess.run(run_as + [str(bindir / cmd[0]), *cmd[1:]], capture_output=True, text=True)

    r = pg("initdb", "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    if r.returncode != 0:  # the binaries are there: a server that cannot start is a failure
        pytest.fail(f"initdb failed: {r.stderr.strip()[-300:]}")
    r = pg("pg_ctl", "-D", str(data), "-l", str(base / "log"), "-w", "-o",
           f"-k {sock} -c listen_addresses='' -c fsync=off", "start")
    if r.returncode != 0:
        pytest.fail(f"PostgreSQL did not start: {r.stderr.strip()[-300:]} {(base / 'log').read_text()[-300:]}")
    try:
        yield f"postgresql://{user}@/postgres?host={sock}"
    finally:
        pg("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_db(pg_url):
    """A fresh, empty database on the test server; its URL."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_url.replace("/postgres?", f"/{name}?")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
