"""Optional dependencies: imported where they are used, with one clear line when missing.

The core install analyses text into JSON Lines and SQLite; each extra adds one capability
(pyproject.toml, README "Extras"). `need(module, extra)` imports the module or raises
MissingExtra naming the extra to install, which the shells print as a one-line error.
"""
from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

# module -> (extra, what it is for)
EXTRAS = {
    "fastapi": ("web", "the dashboard and REST API"),
    "uvicorn": ("web", "the dashboard and REST API"),
    "dask": ("dask", "--engine dask"),
    "distributed": ("dask", "--engine dask"),
    "psycopg": ("postgres", "a PostgreSQL store"),
    "pyarrow": ("parquet", "Parquet output"),
    "datasketch": ("minhash", "stories and near-duplicates (MinHash)"),
    "pandas": ("pandas", "DataFrames"),
    "pycrfsuite": ("train", "crfsuite itself (training, equivalence checks)"),
}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


def hint(module: str) -> str:
    top = module.split(".")[0]
    extra, what = EXTRAS.get(top, (None, None))
    if extra is None:
        return f"{module} is not installed"
    return f"{what} needs {top}, which is not installed: pip install 'pantau[{extra}]'"


def need(module: str) -> ModuleType:
    """Import `module`, or raise MissingExtra saying which extra to install."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] != module.split(".")[0]:
            raise  # the module is there but one of its own dependencies is not
        raise MissingExtra(hint(module)) from None


def available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None
