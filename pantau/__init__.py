"""Pantau: evidence-linked news analysis for Indonesian.

    pantau.analyze_text(text, title=None, url=None, published=None) -> dict (the contract record)
    pantau.open("pantau.db") -> .events(), .articles(), .search(q) as pandas DataFrames

Both are imported on first use, so `import pantau` stays light (pantau/notebook.py).
"""
__version__ = "0.1.0"

__all__ = ["__version__", "analyze_text", "open"]


def analyze_text(text, title=None, url=None, published=None):
    """Analyse one article's text; returns the contract record (docs/interface.md) as a dict."""
    from .notebook import analyze_text as run

    return run(text, title=title, url=url, published=published)


def open(db):  # noqa: A001 - pantau.open reads a store, like shelve.open
    """Open a Pantau SQLite store for reading: .events(), .articles(), .search(q) -> DataFrames."""
    from .notebook import open as open_db

    return open_db(db)
