"""Events against a hand-coded gold of 40 indonews-2025 conflict articles kept apart from rule-writing
(tests/data/events_indonews2025_gold.tsv), scored by the project's own evaluator.

The sheet holds no article text: each row names an article by url and, for each event the article asserts,
its ACLED coding and its evidence as character offsets into the article's cleaned text (one row with
event 0 for an article that asserts none). At run time this script reads the articles from
../shared/corpus/indonews-2025 (the conflict rows, as scripts/eval_places_indonews.py reads them), cleans
them with `pantau analyze FILE.csv --db none`, writes each cleaned text to a temporary folder as NAME.txt
with a gold.json in the events-dev format (the evidence strings cut from the text by the offsets) and runs

    python3 ../shared/eval/eval_events.py --gold TMP/gold.json --articles TMP --published [--match M]

printing its output. The offsets are into the text `pantau analyze NAME.txt` gives (what the evaluator
reads); the script checks that each evidence span still holds the text it was coded on (a hash on the
sheet) and stops when the cleaning has moved it.

    python scripts/eval_events_indonews.py [--match type|type+place|type+date] [--bare] [--show-errors]
    python scripts/eval_events_indonews.py --draw 40 --seed 2029   # the draw the sheet was coded from
    python scripts/eval_events_indonews.py --sheet tests/data/events_indonews2025_train.tsv [--match M]
    python scripts/eval_events_indonews.py --draw 60 --seed 2030 --train   # the development sheet's draw
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_places_indonews as places  # noqa: E402
from labelled_sheets import read_sheet, run_analyze, write_csv  # noqa: E402

SHARED = places.SHARED
EVALUATOR = SHARED / "eval" / "eval_events.py"
SHEET = ROOT / "tests" / "data" / "events_indonews2025_gold.tsv"
COLUMNS = ["url", "published", "event", "event_type", "sub_event_type", "date", "place", "lat", "lon",
           "actor1", "actor2", "fatalities", "evidence_start", "evidence_end", "evidence_md5", "also_evidence",
           "uncertain", "on_earlier_sheet", "note"]


def held_out(url: str) -> bool:
    """The third of the conflict rows kept apart from rule-writing (the rest may be read to write rules)."""
    return int(hashlib.md5(url.encode()).hexdigest(), 16) % 3 == 0


def span_md5(s: str) -> str:
    return hashlib.md5(s.encode("utf-8")).hexdigest()[:8]


def doc_name(url: str) -> str:
    return "indonews-" + hashlib.md5(url.encode()).hexdigest()[:12] + ".txt"


def cleaned(rows: list[dict[str, str]], header: list[str], tmp: pathlib.Path) -> dict[str, str]:
    """url -> the cleaned text `pantau analyze FILE.csv --db none` gives for these rows."""
    src = write_csv(tmp / "rows.csv", header, rows)
    return {(r.get("source") or {}).get("url"): r.get("text") or "" for r in run_analyze(src, tmp / "rows.jsonl")}


def draw(n: int, seed: int, train: bool = False) -> list[dict]:
    """The held-out conflict rows (with train, the other two thirds) less same-story reports of events-dev
    articles, then a seeded sample of n, in day-file order: [{"url", "text", "tanggal_publikasi"}]."""
    import random

    header, rows, _ = places.conflict_rows()
    rows = [r for r in rows if held_out(r["url"]) != train]
    dev_words = [places._story_words(p.read_text(encoding="utf-8")) for p in sorted(places.DEV_ARTICLES.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        texts = cleaned(rows, header, pathlib.Path(tmp))
    kept = [r for r in rows if not places._same_story(texts[r["url"]], dev_words)]
    pick = sorted(random.Random(seed).sample(range(len(kept)), n))
    return [{"url": kept[i]["url"], "text": texts[kept[i]["url"]], "tanggal_publikasi": kept[i]["tanggal_publikasi"]}
            for i in pick]


def _num(v: str):
    return None if v in ("", "null") else (int(v) if v.lstrip("-").isdigit() else float(v))


def _date(v: str):
    return v.split("/") if "/" in v else v


def gold_docs(sheet: list[dict[str, str]], texts: dict[str, str]) -> tuple[list[dict], list[str]]:
    """(gold docs in the events-dev format, the rows whose evidence no longer holds the coded span)."""
    docs: dict[str, dict] = {}
    stale = []
    for r in sheet:
        url, text = r["url"], texts[r["url"]]
        doc = docs.setdefault(url, {
            "doc": doc_name(url), "source": url, "topic": "indonews-2025 conflict row",
            "published": {"year": int(r["published"][:4]), "day_range": [r["published"], r["published"]],
                          "how": "the row's tanggal_publikasi"},
            "events": []})
        if r["event"] == "0":
            doc["negative_note"] = r["note"]
            continue
        s, e = int(r["evidence_start"]), int(r["evidence_end"])
        if span_md5(text[s:e]) != r["evidence_md5"]:
            stale.append(f"{url} event {r['event']} [{s}:{e}]")
        also = []
        for part in filter(None, r["also_evidence"].split(";")):
            a, b = map(int, part.split("-"))
            also.append(text[a:b])
        doc["events"].append({
            "event_type": r["event_type"], "sub_event_type": r["sub_event_type"], "date": _date(r["date"]),
            "place": r["place"], "lat": _num(r["lat"]), "lon": _num(r["lon"]),
            "actor1": r["actor1"] or None, "actor2": r["actor2"] or None, "fatalities": _num(r["fatalities"]),
            "evidence": text[s:e], "also_evidence": also, "uncertain": r["uncertain"] == "yes",
            "note": r["note"]})
    return list(docs.values()), stale


def build(tmp: pathlib.Path, unseen: bool = False, path: pathlib.Path = SHEET) -> tuple[int, int, int]:
    """Write TMP/NAME.txt and TMP/gold.json from the sheet at path; (articles, events, articles with no
    event). With unseen, only the articles on no earlier hand-labelled sheet (those were read while the place
    and fatality rules were written)."""
    sheet = [r for r in read_sheet(path) if not (unseen and r["on_earlier_sheet"])]
    urls = {r["url"] for r in sheet}
    header, rows, _ = places.conflict_rows()
    rows = [r for r in rows if r["url"] in urls]
    missing = urls - {r["url"] for r in rows}
    if missing:
        sys.exit(f"error: {len(missing)} sheet urls are not conflict rows of {places.CORPUS}")
    work = tmp / "work"
    work.mkdir()
    first = cleaned(rows, header, work)
    arts = tmp / "articles"
    arts.mkdir()
    for url, text in first.items():
        (arts / doc_name(url)).write_text(text, encoding="utf-8")
    # the evaluator analyses the .txt files: the offsets are into the text that analysis gives
    recs = run_analyze(arts, work / "txt.jsonl")
    by_name = {os.path.basename((r.get("source") or {}).get("path") or ""): r.get("text") or "" for r in recs}
    texts = {url: by_name[doc_name(url)] for url in first}
    docs, stale = gold_docs(sheet, texts)
    if stale:
        sys.exit("error: the cleaned text moved under these evidence spans (recode them):\n  " + "\n  ".join(stale))
    (tmp / "gold.json").write_text(json.dumps({
        "about": "indonews-2025 conflict articles kept apart from rule-writing, coded by the rules of "
                 "events-dev/README.md (tests/data/events_indonews2025_gold.tsv)",
        "docs": docs}, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(docs), sum(len(d["events"]) for d in docs), sum(1 for d in docs if not d["events"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--match", choices=("full", "type+date", "type+place", "type"), default="full")
    ap.add_argument("--bare", action="store_true", help="without --published: dating the article is part of the test")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--unseen", action="store_true",
                    help="only the articles on no earlier hand-labelled sheet (column on_earlier_sheet empty)")
    ap.add_argument("--sheet", type=pathlib.Path, default=SHEET,
                    help="the sheet to score (default the held-out gold; tests/data/events_indonews2025_train.tsv "
                         "is the development sheet coded from the other two thirds)")
    ap.add_argument("--draw", type=int, help="print the urls of a seeded draw of held-out articles")
    ap.add_argument("--train", action="store_true",
                    help="with --draw: draw from the two thirds rules may be written on, not the held-out one")
    ap.add_argument("--seed", type=int, default=2029)
    a = ap.parse_args()
    if a.draw:
        for d in draw(a.draw, a.seed, a.train):
            print(d["url"])
        return 0
    with tempfile.TemporaryDirectory(prefix="pantau-evgold-") as tmp:
        tmp = pathlib.Path(tmp)
        n_docs, n_events, n_neg = build(tmp, a.unseen, a.sheet)
        print(f"# {n_docs} articles, {n_events} events, {n_neg} articles with no event", flush=True)
        cmd = [sys.executable, str(EVALUATOR), "--gold", str(tmp / "gold.json"), "--articles", str(tmp / "articles"),
               "--match", a.match] + ([] if a.bare else ["--published"]) + (["--show-errors"] if a.show_errors else [])
        return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
