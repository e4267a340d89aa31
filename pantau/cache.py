"""What a process can rebuild from files, kept between runs so the next process starts sooner.

A value is stored under a key made of the *contents* of every file it was built from (and of
the code that builds it, and the Python version), so an edited file or a new release can never
be answered from an old cache: the key changes and the value is rebuilt. A damaged or
unreadable cache entry is rebuilt too; a cache folder that cannot be written only costs the time.

The folder: $PANTAU_CACHE_DIR, else $XDG_CACHE_HOME/pantau, else ~/.cache/pantau (made
private to the user, since entries are pickles). PANTAU_CACHE_DIR=off keeps nothing.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pathlib
import pickle
import sys
from typing import Callable, Iterable, TypeVar

ENV_VAR = "PANTAU_CACHE_DIR"
KEEP = 4  # entries of one name kept (e.g. KBs with and without a user's layer); older ones go

T = TypeVar("T")


def cache_dir() -> pathlib.Path | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else pathlib.Path(chosen)
    base = pathlib.Path(os.environ.get("XDG_CACHE_HOME") or ".")
    if not base.is_absolute():  # unset, or relative, which the XDG specification says to ignore
        base = pathlib.Path(os.path.expanduser("~")) / ".cache"
    # no home to expand "~" to (an account without one): no cache, rather than a "~" folder here
    return base / "pantau" if base.is_absolute() else None


def key_of(parts: Iterable[str | bytes | pathlib.Path]) -> str:
    """A digest of the parts: a path counts by its name and its contents, text as it is."""
    h = hashlib.sha256(f"{sys.version_info[:3]} pickle {pickle.HIGHEST_PROTOCOL}".encode())
    for part in parts:
        if isinstance(part, pathlib.Path):
            h.update(b"\0path\0" + str(part).encode() + b"\0")
            h.update(part.read_bytes())
        else:
            h.update(b"\0text\0" + (part.encode() if isinstance(part, str) else part))
    return h.hexdigest()[:32]


def cached(name: str, parts: Iterable[str | bytes | pathlib.Path], build: Callable[[], T]) -> T:
    """build(), or what an earlier build() with the same parts stored (see the module's text)."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{key_of(parts)}.pickle"
    except OSError:  # a source file went missing: build() will say so in its own terms
        return build()
    try:
        with gc_paused(), open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, damaged, truncated, from an incompatible pickle: build
        pass
    value = build()
    _store(folder, name, path, value)
    return value


@contextlib.contextmanager
def gc_paused():
    """Loading the stages' data makes millions of small objects at once, and the cyclic
    collector would walk them again and again as they pile up: paused, a worker's first
    article (which loads them all) took 1.2 s instead of 1.55 (nothing loaded is garbage).
    pipeline.analyze runs the first article so; reading a cache entry runs so too."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _store(folder: pathlib.Path, name: str, path: pathlib.Path, value) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all, also with processes writing side by side
        entries = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:  # read-only home, full disk: run without
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
