"""The events stage's place against hand labels on indonews-2025 conflict rows
(tests/data/event_places_indonews2025.tsv).

The sheet holds no article text: each row names an article by url, the evidence span of one event
as character offsets into the record's cleaned `text` (as `pantau analyze` gives it), the event type,
and where the act happened as ACLED would code it (the most specific named place; "none stated" when
the article never says). This script reads the articles from ../shared/corpus/indonews-2025 at run
time (the rows of each day file whose url `conflict_index.tsv` lists, each url once, from the file
the index names; rows whose text is an article of ../shared/gold/events-dev are left out), analyses
them as `pantau analyze` does, finds each row's event again (same type, evidence overlapping the
span; when the stage now tells it as a statement, that statement) and scores its place:
- right: the place's name equals or contains the label (or the other way round, case-insensitive),
  or it is a city-level or finer place within 50 km of the label's coordinates; for "none stated",
  no place at all (an inherited place is a claim too);
- as events only: right and still an event (a row told as a statement counts as wrong);
- no longer told: neither an event nor a statement overlaps the span (counted as not right).
Rows carry the batch they were drawn in (1: the first 70, 2: the next 63, 3: 65 of the two labelled
thirds only: every event not on the sheet yet and then statements, told_as says which); figures are
printed per batch and in all. The conflict rows are split by int(md5(url), 16) % 3: the third with 0
is held out (tests/data/events_indonews2025_gold.tsv codes some of its articles). Batches 1 and 2 were
drawn before that split, so some of their rows are articles of the held-out third: those rows are
listed (by row number) and left out of the figures, and their articles are not analysed;
`--held-out-rows` scores them alone, totals only, for a figure comparable with the sheet's past.
A draw takes what the stage tells on the labelled thirds only and leaves out what is already on the
sheet and the articles that tell an events-dev story (see _same_story).

    python scripts/eval_places_indonews.py [--show] [--held-out-rows]
    python scripts/eval_places_indonews.py --draw 70 --seed 2030   # a new draft to label (stdout only)
"""
from __future__ import annotations

import argparse
import csv
import hashlib
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
           "verdict", "kind", "note", "batch", "told_as"]
NONE_STATED = "none stated"


def held_out(url: str) -> bool:
    """Whether a url is of the held-out third of the conflict rows (md5 % 3 == 0)."""
    return int(hashlib.md5(url.encode()).hexdigest(), 16) % 3 == 0


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
    """url -> the pipeline's record, for the conflict rows of the labelled thirds (or those of
    `only_urls`, which may name held-out ones)."""
    from pantau import pipeline

    header, rows, _ = conflict_rows()
    rows = [r for r in rows if r["url"] in only_urls] if only_urls is not None \
        else [r for r in rows if not held_out(r["url"])]
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


def find_told(rec: dict | None, start: int, end: int, event_type: str) -> tuple[dict | None, str]:
    """The row's event, else the statement (plan, threat, background, ...) the stage now tells in its place:
    (it, "event" | "statement"), or (None, "lost")."""
    ev = find_event(rec, start, end, event_type)
    if ev is not None:
        return ev, "event"
    st = find_event({"events": (rec or {}).get("statements") or []}, start, end, event_type)
    return (st, "statement") if st is not None else (None, "lost")


def score(show: bool = False, held: bool = False) -> dict:
    """Over the rows of the labelled thirds, and per batch under "batches": "n"; "right": the place of what
    the stage tells there, event or statement (the same rules choose both), is right; "as_events": right
    and still an event (a row told as a statement counts as wrong); "statements": rows told as statements
    now; "lost": rows told as neither. "held_out": the rows (1 = the first after the header) of the
    held-out third, not scored. With `held`, the rows of the held-out third alone, in the totals only
    (no line printed)."""
    rows = sheet_rows()
    zero = {"n": 0, "right": 0, "as_events": 0, "statements": 0, "lost": 0}
    out = {**zero, "batches": {}, "held_out": [k + 1 for k, r in enumerate(rows) if held_out(r["url"])]}
    rows = [r for r in rows if held_out(r["url"]) == held]
    show = show and not held
    recs = analyse({r["url"] for r in rows})
    for r in rows:
        ev, told = find_told(recs.get(r["url"]), int(r["start"]), int(r["end"]), r["event_type"])
        ok = ev is not None and place_right(r["gold_place"], r["gold_lat"], r["gold_lon"], ev.get("place"))
        b = out["batches"].setdefault(r.get("batch") or "1", dict(zero))
        for tally in (out, b):
            tally["n"] += 1
            tally["right"] += ok
            tally["as_events"] += ok and told == "event"
            tally["statements"] += told == "statement"
            tally["lost"] += told == "lost"
        if show:
            got = "LOST" if ev is None else place_label(ev.get("place")) + (" [st]" if told == "statement" else "")
            print(f"{'ok ' if ok else 'BAD'}\t{r['gold_place']}\t{got}\t{r['kind']}\t{r.get('batch')}\t"
                  f"{r['start']}\t{r['url'][-60:]}")
    return out


def _line(name: str, b: dict) -> str:
    n = max(b["n"], 1)
    return (f"{name}: place right {b['right']}/{b['n']} = {b['right'] / n:.3f} (told as statements now: "
            f"{b['statements']}, no longer told: {b['lost']}); as events only {b['as_events']}/{b['n']} = "
            f"{b['as_events'] / n:.3f}")


def draw(n: int, seed: int) -> None:
    """Print a random draw of what the stage tells with its context, to label by hand: events not on the
    sheet yet, of articles that are not the story of an events-dev article told by another outlet; when
    fewer than n such events are left, all of them and then a draw of the statements (plans, threats,
    denials, background: their places are chosen by the same rules) to make up n."""
    import random

    recs = analyse()  # the labelled thirds only
    on_sheet = [(r["url"], int(r["start"]), int(r["end"])) for r in sheet_rows()]
    dev_words = [_story_words(p.read_text(encoding="utf-8")) for p in sorted(DEV_ARTICLES.glob("*.txt"))]
    same = {url for url, rec in recs.items() if _same_story(rec.get("text") or "", dev_words)}

    def new(url, ev):
        s, e = ev["evidence"]["span"]
        return url not in same and not any(u == url and a < e and s < b for u, a, b in on_sheet)

    pools = {told: [(url, told, i) for url, rec in recs.items() for i, ev in enumerate(rec.get(told) or [])
                    if new(url, ev)] for told in ("events", "statements")}
    rng = random.Random(seed)
    picked = rng.sample(pools["events"], min(n, len(pools["events"])))
    picked += rng.sample(pools["statements"], min(n - len(picked), len(pools["statements"])))
    print(f"# {len(recs)} records ({len(same)} left out as events-dev stories), {len(pools['events'])} events and "
          f"{len(pools['statements'])} statements not on the sheet; random.Random({seed}).sample of the events "
          f"(up to {n}), then of the statements to make up {n}; less those whose body opens on an events-dev "
          f"incident")
    for k, (url, told, i) in enumerate(picked):
        rec = recs[url]
        if _body_tells_dev_incident(rec.get("text") or ""):
            print(f"\n=== {k} left out: the body opens on an events-dev incident")
            continue
        ev = rec[told][i]
        s, e = ev["evidence"]["span"]
        text = rec["text"]
        print(f"\n=== {k} {url}\t{s}\t{e}\t{ev['event_type']}\t{place_label(ev.get('place'))}\t{told[:-1]}"
              f"\t{ev.get('modality')}\t{ev.get('kind') or ''}")
        print("TITLE:", text[:text.find("\n")] if "\n" in text else text[:150])
        print("BEFORE:", text[max(0, s - 500):s].replace("\n", " / "))
        print(">>>", text[s:e])
        print("AFTER:", text[e:e + 300].replace("\n", " / "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="one line per sheet row")
    ap.add_argument("--held-out-rows", action="store_true",
                    help="score the old rows of the held-out third instead, totals only")
    ap.add_argument("--draw", type=int, help="print a new random draw of this many events to label")
    ap.add_argument("--seed", type=int, default=2027)
    a = ap.parse_args()
    if a.draw:
        draw(a.draw, a.seed)
        return
    res = score(a.show, a.held_out_rows)
    if a.held_out_rows:
        print(_line("rows of the held-out third", res))
        return
    print(f"{len(res['held_out'])} rows are articles of the held-out third (md5 % 3 == 0; drawn before the split, "
          f"contaminated for the held-out gold), left out here; rows (1 = the first after the header): "
          + " ".join(map(str, res["held_out"])))
    for name, b in sorted(res["batches"].items()):
        print(_line(f"batch {name}", b))
    print(_line("all", res))


if __name__ == "__main__":
    main()
