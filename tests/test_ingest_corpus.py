"""The shared corpora come through ingest whole, as documents with text."""
from __future__ import annotations

import json

from pantau.ingest import iter_documents


def test_seeds_come_through(shared):
    items = list(iter_documents([str(shared / "corpus" / "seeds")]))
    txt = [i for i in items if i["kind"] == "doc" and i["source"]["path"].endswith(".txt")]
    assert len(txt) == 5
    assert all(d["source"]["format"] == "txt" and d["source"]["record"] is None for d in txt)
    first = txt[0]
    raw = (shared / "corpus" / "seeds" / "000_ef5aa76fe5f35855.txt").read_text(encoding="utf-8")
    assert first["body"] == raw.replace("\r\n", "\n")


def test_all_indosum_articles(shared):
    files = sorted(str(p) for p in (shared / "corpus" / "indosum").glob("*.jsonl"))
    items = list(iter_documents(files))
    assert all(i["kind"] == "doc" for i in items), [i for i in items if i["kind"] == "error"][:3]
    assert len(items) == 2246
    raw_ids = [json.loads(line)["id"] for f in files for line in open(f, encoding="utf-8")]
    assert [d["input_id"] for d in items] == raw_ids  # (the dev folds share some articles)
    assert all(d["body"].strip() and d["url"] and d["outlet"] for d in items)
    assert all("category" in d["meta"] for d in items)
    # the gold summaries and labels are not input
    assert not any("summary" in d["meta"] or "gold_labels" in d["meta"] for d in items)
    # one line per paragraph, and the detokenised text keeps every character
    first_line = open(files[0], encoding="utf-8").readline()
    obj = json.loads(first_line)
    d0 = items[0]
    assert d0["body"].count("\n") == len(obj["paragraphs"]) - 1
    tokens = "".join(t for p in obj["paragraphs"] for s in p for t in s)
    assert d0["body"].replace(" ", "").replace("\n", "") == tokens.replace(" ", "")
    assert d0["published"] is None  # the id's timestamp is not metadata (pubdate gold)


def test_indonews_csv_rows(shared):
    files = sorted(str(p) for p in (shared / "corpus" / "indonews-2025").glob("*.csv"))
    items = list(iter_documents(files))
    assert all(i["kind"] == "doc" for i in items), [i for i in items if i["kind"] == "error"][:3]
    assert len(items) == 5774
    assert len({d["url"] for d in items}) == 3698
    assert all(d["body"].strip() and d["outlet"] for d in items)
    assert sum(1 for d in items if d["title"]) > 5700  # a few scraped rows have no title
    outlets = {d["outlet"] for d in items}
    assert {"liputan6.com", "detik.com", "kompas.com"} <= outlets, outlets
    assert all(d["meta"]["encoding"] == "utf-8-sig" for d in items)
    multi = [d for d in items if "\n" in d["body"]]
    assert len(multi) > 1000  # multi-line quoted fields stay one article
    assert any(d["published"] and "Jun 2025" in d["published"] for d in items)
