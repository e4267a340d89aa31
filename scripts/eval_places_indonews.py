"""The events stage's place against hand labels on indonews-2025 conflict rows
(tests/data/event_places_indonews2025.tsv).

The sheet holds no article text: each row names an article by url, the evidence span of one event
as character offsets into the record's cleaned `text` (as `pantau analyze` gives it), the event type,
and where the act happened as ACLED would code it (the most specific named place; "none stated" when
the article never says). This script reads the articles from ../shared/corpus/indonews-2025 at run
time (the rows of each day file whose url `conflict_index.tsv` lists, each url once, from the file
the index names; rows whose text is an article of ../shared/gold/events-dev are left out), analyses
them as `pantau analyze` does, finds each row's event again (same type, evidence overlapping the
span) and scores its place:
- right: the place's name equals or contains the label (or the other way round, case-insensitive),
  or it is a city-level or finer place within 50 km of the label's coordinates; for "none stated",
  no place at all (an inherited place is a claim too);
- lost: the stage no longer emits that event (counted as not right).
Rows carry the batch they were drawn in (1: the first 70, 2: the next 63); figures are printed per batch
and in all. A draw leaves out the events already on the sheet and the articles that tell an events-dev
story (see _same_story).

    python scripts/eval_places_indonews.py [--show]
    python scripts/eval_places_indonews.py --draw 66 --seed 2028   # a new draft to label (stdout only)
"""
from __future__ import annotations

import argparse
import csv
import os
import pathlib
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from labelled_sheets import event_at, read_sheet, write_csv  # noqa: E402
from pantau.nlp.geo import km  # noqa: E402

SHARED = pathlib.Path(os.environ.get("PANTAU_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "indonews-2025"
DEV_ARTICLES = SHARED / "gold" / "events-dev" / "articles"
SHEET = ROOT / "tests" / "data" / "event_places_indonews2025.tsv"
COLUMNS = ["url", "start", "end", "event_type", "stage_place", "gold_place", "gold_lat", "gold_lon",
           "verdict", "kind", "note", "batch"]
NONE_STATED = "none stated"


def _alnum(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", s.lower())


def _dev_prefixes() -> list[str]:
    """The first ~300 characters of each events-dev article, letters and digits only."""
    return [_alnum(p.read_text(encoding="utf-8")[:300]) for p in sorted(DEV_ARTICLES.glob("*.txt"))]


def _is_dev(text: str, prefixes: list[str]) -> bool:
    t = _alnum(text[:3000])
    return any(len(p) > 120 and (p[20:120] in t or p[-100:] in t) for p in prefixes)


def _story_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text[:300].lower()))


# incidents an events-dev article tells, judged by hand from the openings (its first ~300 characters):
# other outlets' stories of them open with other words
DEV_INCIDENTS = ("saudi airlines", "saudia airlines", "soroka")


def _same_story(text: str, dev_words: list[set[str]]) -> bool:
    """Whether an article is the story of an events-dev article told by another outlet: a fifth or more
    of the words of their first ~300 characters are shared, or it opens on one of DEV_INCIDENTS."""
    w = _story_words(text)
    head = re.sub(r"\s+", " ", text[:300].lower())
    return any(len(w & d) >= len(w | d) / 5 for d in dev_words if d) or any(i in head for i in DEV_INCIDENTS)


def _body_tells_dev_incident(text: str) -> bool:
    """Whether the first ~300 characters after the headline name one of DEV_INCIDENTS."""
    body = text.split("\n", 1)[1].lstrip() if "\n" in text else text
    return any(i in re.sub(r"\s+", " ", body[:300].lower()) for i in DEV_INCIDENTS)


def conflict_rows() -> tuple[list[str], list[dict[str, str]], int]:
    """(csv header, the conflict rows in day-file order, how many were left out as events-dev articles)."""
    csv.field_size_limit(1 << 26)
    index = {}
    for r in csv.DictReader(open(CORPUS / "conflict_index.tsv", encoding="utf-8"), delimiter="\t"):
        index.setdefault(r["url"], r["file"])
    prefixes = _dev_prefixes()
    header, out, seen, dropped = None, [], set(), 0
    for f in sorted(CORPUS.glob("scrapping_news_2025-06-*.csv")):
        reader = csv.DictReader(open(f, encoding="utf-8-sig", newline=""))
        header = header or reader.fieldnames
        for r in reader:
            url = r.get("url")
            if url in seen or index.get(url) != f.name:
                continue
            seen.add(url)
            if _is_dev(r.get("isi_berita") or "", prefixes):
                dropped += 1
                continue
            out.append(r)
    return header, out, dropped


def analyse(only_urls: set[str] | None = None) -> dict[str, dict]:
    """url -> the pipeline's record, for the conflict rows (or those of `only_urls`)."""
    from pantau import pipeline

    header, rows, _ = conflict_rows()
    rows = [r for r in rows if only_urls is None or r["url"] in only_urls]
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "conflict.csv"
        write_csv(path, header, rows)
        return {(rec.get("source") or {}).get("url"): rec for rec in pipeline.analyze_paths([str(path)])}


def place_right(gold: str, lat: str, lon: str, place: dict | None) -> bool:
    if gold == NONE_STATED:
        return not place
    if not place:
        return False
    g = _alnum(gold)
    for v in (place.get("name"), place.get("text")):
        v = _alnum(v or "")
        if v and (v == g or (len(v) >= 4 and (v in g or g in v))):
            return True
    if lat and lon and (place.get("rank") or 0) >= 3:
        d = km({"lat": lat, "lon": lon}, place)
        return d is not None and d <= 50
    return False


def find_event(rec: dict | None, start: int, end: int, event_type: str) -> dict | None:
    """The row's event: evidence overlapping the span, of the same type first (a place is scored
    whatever type the stage now gives the act)."""
    return event_at(rec, start, end, event_type, other_types=True)


def place_label(place: dict | None) -> str:
    if not place:
        return ""
    return (place.get("name") or place.get("text") or "") + (" (inherited)" if place.get("inherited") else "")


def sheet_rows() -> list[dict[str, str]]:
    return read_sheet(SHEET)


def score(show: bool = False) -> dict:
    """{"n", "right", "lost"} over all rows, and the same per batch under "batches"."""
    rows = sheet_rows()
    recs = analyse({r["url"] for r in rows})
    out = {"n": 0, "right": 0, "lost": 0, "batches": {}}
    for r in rows:
        ev = find_event(recs.get(r["url"]), int(r["start"]), int(r["end"]), r["event_type"])
        ok = ev is not None and place_right(r["gold_place"], r["gold_lat"], r["gold_lon"], ev.get("place"))
        b = out["batches"].setdefault(r.get("batch") or "1", {"n": 0, "right": 0, "lost": 0})
        for tally in (out, b):
            tally["n"] += 1
            tally["right"] += ok
            tally["lost"] += ev is None
        if show:
            got = "LOST" if ev is None else place_label(ev.get("place"))
            print(f"{'ok ' if ok else 'BAD'}\t{r['gold_place']}\t{got}\t{r['kind']}\t{r.get('batch')}\t"
                  f"{r['start']}\t{r['url'][-60:]}")
    return out


def draw(n: int, seed: int) -> None:
    """Print a random draw of the stage's events with their context, to label by hand: events not on the
    sheet yet, of articles that are not the story of an events-dev article told by another outlet."""
    import random

    recs = analyse()
    on_sheet = [(r["url"], int(r["start"]), int(r["end"])) for r in sheet_rows()]
    dev_words = [_story_words(p.read_text(encoding="utf-8")) for p in sorted(DEV_ARTICLES.glob("*.txt"))]
    same = {url for url, rec in recs.items() if _same_story(rec.get("text") or "", dev_words)}

    def new(url, ev):
        s, e = ev["evidence"]["span"]
        return url not in same and not any(u == url and a < e and s < b for u, a, b in on_sheet)

    pairs = [(url, i) for url, rec in recs.items() for i, ev in enumerate(rec.get("events") or []) if new(url, ev)]
    print(f"# {len(recs)} records ({len(same)} left out as events-dev stories), {len(pairs)} events not on "
          f"the sheet; random.Random({seed}).sample(pairs, {n}), less those whose body opens on an events-dev "
          f"incident")
    for k, (url, i) in enumerate(random.Random(seed).sample(pairs, n)):
        rec = recs[url]
        if _body_tells_dev_incident(rec.get("text") or ""):
            print(f"\n=== {k} left out: the body opens on an events-dev incident")
            continue
        ev = rec["events"][i]
        s, e = ev["evidence"]["span"]
        text = rec["text"]
        print(f"\n=== {k} {url}\t{s}\t{e}\t{ev['event_type']}\t{place_label(ev.get('place'))}")
        print("TITLE:", text[:text.find("\n")] if "\n" in text else text[:150])
        print("BEFORE:", text[max(0, s - 500):s].replace("\n", " / "))
        print(">>>", text[s:e])
        print("AFTER:", text[e:e + 300].replace("\n", " / "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="one line per sheet row")
    ap.add_argument("--draw", type=int, help="print a new random draw of this many events to label")
    ap.add_argument("--seed", type=int, default=2027)
    a = ap.parse_args()
    if a.draw:
        draw(a.draw, a.seed)
        return
    res = score(a.show)
    for name, b in sorted(res["batches"].items()):
        print(f"batch {name}: place right {b['right']}/{b['n']} = {b['right'] / max(b['n'], 1):.3f} "
              f"(events no longer emitted: {b['lost']})")
    print(f"place right {res['right']}/{res['n']} = {res['right'] / max(res['n'], 1):.3f} "
          f"(events no longer emitted: {res['lost']})")


if __name__ == "__main__":
    main()
