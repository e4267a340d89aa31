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
    done, seen = articles_read(), set()
    for line in open(DATA / "sentences.jsonl", encoding="utf-8"):
        art = json.loads(line)
        if art["id"] not in done or art["id"] in seen or (only is not None and art["id"] not in only):
            continue
        seen.add(art["id"])
        yield (art, *analyse(art))


def analyse(art: dict) -> tuple[dict, list[tuple[int, int] | None]]:
    """The pipeline's record of an IndoSum article ({"id", "url", "sentences"}: its sentences one a line,
    published on the day its id's timestamp gives) and each sentence's span in the record's text (None
    where the clean stage changed or removed it)."""
    from pantau import pipeline

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
    return rec, spans


def labelled_events() -> dict[str, dict[str, dict]]:
    """doc id -> event id -> {"type", "sents" (sentence indices), "evidence", "places"} of the articles read."""
    import collections

    gold: dict[str, dict[str, dict]] = collections.defaultdict(dict)
    done = articles_read()
    for r in label_rows():
        if r["label"] == "event" and r["doc_id"] in done:
            ev = gold[r["doc_id"]].setdefault(r["event_id"], {"type": r["event_type"], "sents": set(),
                                                               "evidence": r["evidence"], "places": set()})
            ev["sents"].add(int(r["sent"]))
            if r.get("place"):
                ev["places"].add(r["place"].lower())
    return gold


def sentences_of(ev: dict, spans: list[tuple[int, int] | None]) -> set[int]:
    """The labelled sentences an event's evidence (and also_evidence) stands in."""
    out = set()
    for sp in [ev["evidence"]["span"]] + [x["span"] for x in ev.get("also_evidence") or [] if x.get("span")]:
        for i, se in enumerate(spans):
            if se and se[0] <= sp[0] < se[1]:
                out.add(i)
                break
    return out


def match(events: list[dict], spans: list[tuple[int, int] | None], gold: dict[str, dict]):
    """One article's predicted events against its labelled ones: a prediction matches a labelled event
    of its type when one of its evidence sentences is one of that event's (one-to-one, in order).
    Returns [(event, labelled id or None)] and the labelled ids left unmatched."""
    open_gold = dict(gold)
    pairs = []
    for ev in events:
        sents = sentences_of(ev, spans)
        hit = next((k for k, g in open_gold.items() if g["type"] == ev["event_type"] and g["sents"] & sents), None)
        pairs.append((ev, hit))
        if hit:
            del open_gold[hit]
    return pairs, list(open_gold)


def event_in_sentence(rec: dict, span: tuple[int, int] | None, event_type: str | None = None) -> dict | None:
    """The record's event whose evidence (or also_evidence) starts in the sentence `span`, one of the
    labelled type first."""
    found = []
    for ev in rec.get("events") or []:
        evid = [ev["evidence"]["span"]] + [x["span"] for x in ev.get("also_evidence") or [] if x.get("span")]
        if span and any(span[0] <= sp[0] < span[1] for sp in evid):
            found.append(ev)
    found.sort(key=lambda ev: ev["event_type"] != event_type)
    return found[0] if found else None


def norm(x) -> str:
    """Lower case, single spaces: how the hand labels are compared with the stage's names."""
    return " ".join(str(x or "").lower().split())


def analysed_rows(rows: list[dict[str, str]]) -> Iterator[tuple[dict, dict, tuple[int, int] | None, dict | None]]:
    """(row, record, sentence span, the stage's event in that sentence or None) for labelled rows
    (doc_id, sent, event_type), analysing only the articles they come from."""
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for art, rec, spans in analysed_articles(only=set(by_doc)):
        for r in by_doc[art["id"]]:
            span = spans[int(r["sent"])]
            yield r, rec, span, event_in_sentence(rec, span, r["event_type"])
