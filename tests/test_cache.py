"""What pantau keeps between processes (pantau/cache.py): the knowledge base as built."""
import json
import os
import pickle
import subprocess
import sys

import pytest

from pantau import cache
from pantau.nlp import kb

FIELDS = ("actors", "places", "alias_ids", "alias_forms", "rules", "files", "problems")


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    monkeypatch.delenv(kb.ENV_VAR, raising=False)
    kb._default_kb.cache_clear()
    yield folder
    kb._default_kb.cache_clear()


def _no_build(layers):
    raise AssertionError("built from the files, not read from the cache")


def _user_layer(folder, alias):
    folder.mkdir(exist_ok=True)
    (folder / "mine.tsv").write_text(
        "# version: 1\n" + "\t".join(kb.ACTOR_COLUMNS) + "\n"
        f"actor:laskar-contoh\tLaskar Contoh\tORG\tarmed_group\tmilitia\tID\t\t\t{alias}\tuser\n", encoding="utf-8")


def test_the_kb_read_from_the_cache_is_the_kb_built_from_its_files(cache_folder, monkeypatch):
    built = kb.load()
    assert len(list(cache_folder.glob("kb-*.pickle"))) == 1
    kb._default_kb.cache_clear()
    monkeypatch.setattr(kb, "_build", _no_build)
    again = kb.load()  # a new process would get this: no build
    monkeypatch.undo()
    fresh = kb.load(reload=True)  # never cached
    for field in FIELDS:
        assert getattr(again, field) == getattr(fresh, field) == getattr(built, field), field
    assert len(again.actors) > 1000 and len(again.alias_ids) > 10_000
    assert [m["ids"] for m in kb.match_aliases("Pasukan Hizbullah di Damaskus", again)] == [
        m["ids"] for m in kb.match_aliases("Pasukan Hizbullah di Damaskus", fresh)]


def test_an_edited_user_layer_is_read_again_and_not_answered_from_the_cache(cache_folder, tmp_path, monkeypatch):
    layer = tmp_path / "layer"
    _user_layer(layer, "LKC")
    monkeypatch.setenv(kb.ENV_VAR, str(layer))
    assert kb.candidates("LKC") == ["actor:laskar-contoh"]
    kb._default_kb.cache_clear()
    _user_layer(layer, "LKX")  # same file, same size: only its contents differ
    assert kb.candidates("LKX") == ["actor:laskar-contoh"]
    assert kb.candidates("LKC") == []
    monkeypatch.delenv(kb.ENV_VAR)
    kb._default_kb.cache_clear()
    assert kb.candidates("LKX") == []  # without the layer: the built-in KB, its own entry
    assert len(list(cache_folder.glob("kb-*.pickle"))) == 3


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated"])
def test_a_damaged_cache_entry_is_rebuilt_and_replaced(tmp_path, monkeypatch, damage):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    value = {"aliases": {f"nama {i}": [i] for i in range(5000)}}
    assert cache.cached("t", ["k"], lambda: value) == value
    (entry,) = tmp_path.glob("t-*.pickle")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if damage == "truncated" else damage)
    calls = []
    assert cache.cached("t", ["k"], lambda: calls.append(1) or value) == value
    assert calls == [1]
    assert pickle.loads(entry.read_bytes()) == value  # whole again
    assert cache.cached("t", ["k"], lambda: calls.append(1) or value) == value and calls == [1]


def test_a_cache_folder_that_cannot_be_made_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))  # under a file: cannot be a folder
    calls = []
    assert cache.cached("t", ["one"], lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert cache.cached("t", ["one"], lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert calls == [1, 1]
    assert list(tmp_path.iterdir()) == [blocker]


def test_off_keeps_nothing_and_the_folder_keeps_the_newest_entries(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    calls = []
    for _ in range(2):
        cache.cached("t", ["one"], lambda: calls.append(1) or 1)
    assert calls == [1, 1]
    folder = tmp_path / "c"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    for i in range(cache.KEEP + 2):
        assert cache.cached("t", [f"key {i}"], lambda i=i: i) == i
        entry = next(p for p in folder.glob("t-*.pickle") if pickle.loads(p.read_bytes()) == i)
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # mtimes apart even on a coarse clock
    kept = sorted(pickle.loads(p.read_bytes()) for p in folder.glob("t-*.pickle"))
    assert kept == list(range(2, cache.KEEP + 2))
    assert cache.cached("t", ["key 5"], lambda: "rebuilt") == 5  # still served
    assert cache.cached("t", ["key 0"], lambda: "rebuilt") == "rebuilt"  # pruned
    assert not list(folder.glob("*.tmp"))
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_records_are_the_same_with_the_cache_cold_warm_and_off(shared, tmp_path):
    """Three processes analyse the seeds and 80 IndoSum articles: one fills the cache (the KB,
    the tagger's weights and gazetteer), one reads it, one runs without."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for seed in (shared / "corpus" / "seeds").glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "indosum.jsonl").write_text("\n".join(lines[:80]) + "\n", encoding="utf-8")
    outs = []
    for i, setting in enumerate((str(tmp_path / "c"), str(tmp_path / "c"), "off")):
        out = tmp_path / f"{i}.jsonl"
        subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", str(corpus),
                        "--db", str(tmp_path / f"{i}.db"), "--out", str(out), "--no-progress"],
                       env={**os.environ, cache.ENV_VAR: setting}, check=True, capture_output=True)
        outs.append(out.read_text(encoding="utf-8").splitlines())
    records = [json.loads(line) for line in outs[0]]
    assert len(records) == 85 and sum(len(r["entities"]) for r in records) > 1000
    assert outs[0] == outs[1] == outs[2]
    entries = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "c").glob("*.pickle"))
    assert entries == ["kb", "ner-gazetteer", "ner-model", "transliteration"]  # one each, filled once, read after


def test_the_folder_follows_the_environment_and_needs_a_home(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "pantau"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # to be ignored, says the XDG specification
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "pantau"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "pantau"
    monkeypatch.setattr(os.path, "expanduser", lambda p: p)  # no home directory to be found
    assert cache.cache_dir() is None
    monkeypatch.setenv(cache.ENV_VAR, "OFF")
    assert cache.cache_dir() is None
