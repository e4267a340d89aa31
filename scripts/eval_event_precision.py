"""Precision of the events stage on indonews-2025 conflict rows against hand labels
(tests/data/event_precision_indonews2025.tsv).

The sheet holds no article text: each row names an article by url, the evidence span of one event the
stage emitted (character offsets into the record's cleaned `text`, as `pantau analyze` gives it), its
event_type, and a hand verdict: happened (a real, current, single event asserted as
../shared/gold/events-dev/README.md codes it) yes/no; when no, the kind of false alarm; when yes, the
right event_type. The articles are the conflict rows of ../shared/corpus/indonews-2025 (see
scripts/eval_places_indonews.py: each url once, events-dev articles and events-dev stories told by other
outlets left out) whose url falls in the labelled two thirds (md5(url) % 3 != 0; the other third is
held out).

This script re-runs the stage on the sheet's articles and prints
- precision = rows that happened with the right type and whose event the stage still emits /
  rows whose event the stage still emits (an event is found again by its evidence span, of the row's
  type first, and its type now is compared with `right_type`;
  a row whose event went missing counts as dropped, neither right nor wrong);
- per kind, how many false events the stage still emits and how many it dropped;
- how many happened events it dropped (lost recall on the sheet).
New events the stage emits that overlap no row are counted (unlabelled) so a rule that makes new
events is seen.

    python scripts/eval_event_precision.py [--show]
    python scripts/eval_event_precision.py --draft > /tmp/draft.tsv   # every event of the articles, to label
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_places_indonews import DEV_ARTICLES, _story_words, _same_story, analyse, conflict_rows  # noqa: E402
from labelled_sheets import event_at, read_sheet  # noqa: E402

SHEET = ROOT / "tests" / "data" / "event_precision_indonews2025.tsv"
COLUMNS = ["url", "start", "end", "event_type", "verdict", "kind", "right_type", "note"]


def labelled_url(url: str) -> bool:
    """The two thirds of urls this sheet may use; md5 % 3 == 0 is held out."""
    return int(hashlib.md5(url.encode()).hexdigest(), 16) % 3 != 0


def article_urls() -> list[str]:
    """The conflict rows' urls in the labelled two thirds, less events-dev stories told by other outlets."""
    dev_words = [_story_words(p.read_text(encoding="utf-8")) for p in sorted(DEV_ARTICLES.glob("*.txt"))]
    _, rows, _ = conflict_rows()
    return [r["url"] for r in rows if labelled_url(r["url"])
            and not _same_story(r.get("isi_berita") or "", dev_words)]


def draft() -> None:
    """Every event the stage emits on the sheet's articles, with context, to label by hand."""
    urls = article_urls()
    recs = analyse(set(urls))
    n = sum(len(recs.get(u, {}).get("events") or []) for u in urls)
    print(f"# {len(urls)} articles, {n} events")
    for u in urls:
        rec = recs.get(u) or {}
        text = rec.get("text") or ""
        for ev in rec.get("events") or []:
            s, e = ev["evidence"]["span"]
            print(f"\n=== {u}\t{s}\t{e}\t{ev['event_type']}\t{ev.get('sub_event_type')}\t"
                  f"{(ev.get('date') or {}).get('earliest')}..{(ev.get('date') or {}).get('latest')}")
            print("TITLE:", text[:text.find("\n")] if "\n" in text else text[:150])
            print("PUB:", (rec.get("published") or {}).get("day_range") if isinstance(rec.get("published"), dict)
                  else rec.get("published"))
            print("BEFORE:", text[max(0, s - 400):s].replace("\n", " / "))
            print(">>>", text[s:e])
            print("AFTER:", text[e:e + 250].replace("\n", " / "))


def score(show: bool = False) -> dict:
    rows = read_sheet(SHEET)
    recs = analyse({r["url"] for r in rows})
    out = {"rows": len(rows), "found": 0, "right": 0, "false": collections.Counter(),
           "false_dropped": collections.Counter(), "true_dropped": 0, "wrong_type": 0, "unlabelled": 0}
    for r in rows:
        # the row's act, whatever type the stage now gives it (a retyped event is the same event)
        ev = event_at(recs.get(r["url"]), int(r["start"]), int(r["end"]), r["event_type"], other_types=True)
        yes = r["verdict"] == "yes"
        if ev is None:
            if yes:
                out["true_dropped"] += 1
            else:
                out["false_dropped"][r["kind"]] += 1
        else:
            out["found"] += 1
            if yes and r["right_type"] == ev["event_type"]:
                out["right"] += 1
            elif yes:
                out["wrong_type"] += 1
            else:
                out["false"][r["kind"]] += 1
        if show:
            state = "LOST" if ev is None else "kept"
            print(f"{state}\t{r['verdict']}\t{r['kind']}\t{r['event_type']}\t{r['start']}\t{r['url'][-70:]}")
    for url, rec in recs.items():
        for ev in rec.get("events") or []:
            s, e = ev["evidence"]["span"]
            if not any(r["url"] == url and int(r["start"]) < e and s < int(r["end"]) for r in rows):
                out["unlabelled"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="one line per sheet row")
    ap.add_argument("--draft", action="store_true", help="print every event of the sheet's articles to label")
    a = ap.parse_args()
    if a.draft:
        draft()
        return
    res = score(a.show)
    print(f"precision (happened, right type) {res['right']}/{res['found']} = "
          f"{res['right'] / max(res['found'], 1):.3f} over the {res['found']} of {res['rows']} rows still emitted")
    print(f"happened events no longer emitted: {res['true_dropped']}; happened with the wrong type: "
          f"{res['wrong_type']}; events overlapping no row: {res['unlabelled']}")
    print("false events by kind: still emitted / dropped")
    for k in sorted(set(res["false"]) | set(res["false_dropped"]), key=lambda k: -res["false"][k]):
        print(f"  {k}\t{res['false'][k]}\t{res['false_dropped'][k]}")


if __name__ == "__main__":
    main()
