"""The labelled IndoSum articles of training/events, analysed as the pipeline analyses any article:
what scripts/train_event_detector.py learns from and scripts/eval_event_training.py scores against."""
from __future__ import annotations

import csv
import datetime as dt
import glob
import json
import pathlib
from typing import Iterator

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "training" / "events"
WIB = dt.timezone(dt.timedelta(hours=7))


def articles_read() -> set[str]:
    """The ids of the articles an annotator read in full (their unlabelled sentences are `none`)."""
    done = set()
    for f in sorted(glob.glob(str(DATA / "articles.shard*.tsv"))):
        done.update(r["doc_id"] for r in csv.DictReader(open(f, encoding="utf-8"), delimiter="\t"))
    return done


def label_rows() -> Iterator[dict[str, str]]:
    """Every row of the labels.shard*.tsv files (the agreement sample is not training data)."""
    for f in sorted(glob.glob(str(DATA / "labels.shard*.tsv"))):
        yield from csv.DictReader(open(f, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)


def analysed_articles(only: set[str] | None = None) -> Iterator[tuple[dict, dict, list[tuple[int, int] | None]]]:
    """(article as in sentences.jsonl, the pipeline's record of it, each sentence's span in the
    record's text or None where the clean stage changed or removed it), once per article read
    (or per article of `only`)."""
    from pantau import pipeline

    done, seen = articles_read(), set()
    for line in open(DATA / "sentences.jsonl", encoding="utf-8"):
        art = json.loads(line)
        if art["id"] not in done or art["id"] in seen or (only is not None and art["id"] not in only):
            continue
        seen.add(art["id"])
        published = dt.datetime.fromtimestamp(int(art["id"].split("-")[0]), WIB).date().isoformat()
        raw = {"kind": "doc", "source": {"path": art["id"], "record": None, "url": art.get("url"), "format": "json"},
               "input_id": art["id"], "title": None, "body": "\n".join(art["sentences"]), "url": art.get("url"),
               "outlet": None, "author": None, "published": published, "meta": {}}
        rec = pipeline.analyze(raw)
        spans: list[tuple[int, int] | None] = []
        cursor = 0
        for sent in art["sentences"]:
            s = rec["text"].find(sent, cursor)
            spans.append((s, s + len(sent)) if s >= 0 else None)
            if s >= 0:
                cursor = s + len(sent)
        yield art, rec, spans
