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
    python scripts/eval_event_precision.py --indosum [--show]   # the IndoSum sheet (event_precision_indosum.tsv)
    python scripts/eval_event_precision.py --handcheck           # the hand check's rows of the labelled two thirds
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
INDOSUM_SHEET = ROOT / "tests" / "data" / "event_precision_indosum.tsv"
HANDCHECK = ROOT / "tests" / "data" / "events_indonews2025_handcheck.tsv"
INDOSUM = ROOT.parent / "shared" / "corpus" / "indosum"
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


def indosum_articles(with_training: bool = False) -> dict[str, dict]:
    """IndoSum id -> article (each id once, from the dev folds in file order), less the events-dev articles
    and, unless with_training, the articles of training/events (their sentences are labelled there)."""
    import json

    from event_training import articles_read

    gold = json.loads((ROOT.parent / "shared" / "gold" / "events-dev" / "gold.json").read_text(encoding="utf-8"))
    left_out = {d["source"]["id"] for d in gold["docs"] if d["source"]["corpus"] == "indosum"}
    if not with_training:
        left_out |= articles_read()
    out: dict[str, dict] = {}
    for f in sorted(INDOSUM.glob("dev.*.jsonl")):
        for line in open(f, encoding="utf-8"):
            a = json.loads(line)
            if a["id"] not in left_out and a["id"] not in out:
                out[a["id"]] = a
    return out


def analyse_indosum(ids: set[str] | None = None) -> dict[str, dict]:
    """IndoSum id -> the pipeline's record, the article given as training/events gives it (IndoSum's
    sentences detokenised, one a line; published the day of the id's timestamp, Jakarta time): of the
    articles `ids` names (events-dev ones never), else of every article outside training/events."""
    import datetime as dt

    from pantau import pipeline
    from pantau.ingest.detok import detokenize

    wib = dt.timezone(dt.timedelta(hours=7))
    recs = {}
    for aid, a in indosum_articles(with_training=ids is not None).items():
        if ids is not None and aid not in ids:
            continue
        body = "\n".join(detokenize(s) for p in a["paragraphs"] for s in p)
        published = dt.datetime.fromtimestamp(int(aid.split("-")[0]), wib).date().isoformat()
        raw = {"kind": "doc", "source": {"path": aid, "record": None, "url": a.get("source_url"), "format": "json"},
               "input_id": aid, "title": None, "body": body, "url": a.get("source_url"),
               "outlet": None, "author": None, "published": published, "meta": {}}
        recs[aid] = pipeline.analyze(raw)
    return recs


def _print_draft(recs: dict[str, dict], keys: list[str]) -> None:
    n = sum(len(recs.get(k, {}).get("events") or []) for k in keys)
    print(f"# {len(keys)} articles, {n} events")
    for k in keys:
        rec = recs.get(k) or {}
        text = rec.get("text") or ""
        for ev in rec.get("events") or []:
            s, e = ev["evidence"]["span"]
            print(f"\n=== {k}\t{s}\t{e}\t{ev['event_type']}\t{ev.get('sub_event_type')}\t"
                  f"{(ev.get('date') or {}).get('earliest')}..{(ev.get('date') or {}).get('latest')}")
            print("TITLE:", text[:text.find("\n")] if "\n" in text else text[:150])
            print("PUB:", (rec.get("published") or {}).get("day_range") if isinstance(rec.get("published"), dict)
                  else rec.get("published"))
            print("BEFORE:", text[max(0, s - 400):s].replace("\n", " / "))
            print(">>>", text[s:e])
            print("AFTER:", text[e:e + 250].replace("\n", " / "))


def draft(indosum: bool = False) -> None:
    """Every event the stage emits on the sheet's articles, with context, to label by hand."""
    if indosum:
        recs = analyse_indosum()
        _print_draft(recs, sorted(recs))
        return
    urls = article_urls()
    _print_draft(analyse(set(urls)), urls)


def score(show: bool = False, indosum: bool = False) -> dict:
    sheet, key = (INDOSUM_SHEET, "doc_id") if indosum else (SHEET, "url")
    rows = read_sheet(sheet)
    recs = (analyse_indosum if indosum else analyse)({r[key] for r in rows})
    out = {"rows": len(rows), "found": 0, "right": 0, "false": collections.Counter(),
           "false_dropped": collections.Counter(), "true_dropped": 0, "wrong_type": 0, "unlabelled": 0}
    for r in rows:
        # the row's act, whatever type the stage now gives it (a retyped event is the same event)
        ev = event_at(recs.get(r[key]), int(r["start"]), int(r["end"]), r["event_type"], other_types=True)
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
            print(f"{state}\t{r['verdict']}\t{r['kind']}\t{r['event_type']}\t{r['start']}\t{r[key][-70:]}")
    for k, rec in recs.items():
        for ev in rec.get("events") or []:
            s, e = ev["evidence"]["span"]
            if not any(r[key] == k and int(r["start"]) < e and s < int(r["end"]) for r in rows):
                out["unlabelled"] += 1
    return out


def score_handcheck() -> tuple[int, int, int, int]:
    """The hand-checked sample (events_indonews2025_handcheck.tsv), its rows of the labelled two thirds only:
    (rows, rows whose event the stage still emits, of those the happened ones of the right type, happened
    rows no longer emitted). A row's event is found again by its evidence span, as on the sheets above."""
    rows = [r for r in read_sheet(HANDCHECK) if labelled_url(r["source_url"])]
    recs = analyse({r["source_url"] for r in rows})
    found = right = lost = 0
    for r in rows:
        ev = event_at(recs.get(r["source_url"]), int(r["evidence_start"]), int(r["evidence_end"]),
                      r["event_type"], other_types=True)
        if ev is None:
            lost += r["happened"] == "yes"
            continue
        found += 1
        right += r["happened"] == "yes" and r["type_ok"] == "yes" and ev["event_type"] == r["event_type"]
    return len(rows), found, right, lost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="one line per sheet row")
    ap.add_argument("--draft", action="store_true", help="print every event of the sheet's articles to label")
    ap.add_argument("--handcheck", action="store_true",
                    help="the hand-checked sample's rows of the labelled two thirds (events_indonews2025_handcheck.tsv)")
    ap.add_argument("--indosum", action="store_true",
                    help="the IndoSum sheet (tests/data/event_precision_indosum.tsv) instead of the indonews one")
    a = ap.parse_args()
    if a.draft:
        draft(a.indosum)
        return
    if a.handcheck:
        n, found, right, lost = score_handcheck()
        print(f"hand check, labelled two thirds: precision (happened, right type) {right}/{found} = "
              f"{right / max(found, 1):.3f} over the {found} of {n} rows still emitted; happened rows no longer "
              f"emitted: {lost}")
        return
    res = score(a.show, a.indosum)
    print(f"precision (happened, right type) {res['right']}/{res['found']} = "
          f"{res['right'] / max(res['found'], 1):.3f} over the {res['found']} of {res['rows']} rows still emitted")
    print(f"happened events no longer emitted: {res['true_dropped']}; happened with the wrong type: "
          f"{res['wrong_type']}; events overlapping no row: {res['unlabelled']}")
    print("false events by kind: still emitted / dropped")
    for k in sorted(set(res["false"]) | set(res["false_dropped"]), key=lambda k: -res["false"][k]):
        print(f"  {k}\t{res['false'][k]}\t{res['false_dropped'][k]}")


if __name__ == "__main__":
    main()
