"""Publication-date figures on IndoSum articles outside the scored dev folds.

`pantau eval pubdate` scores IndoSum dev folds 01–03 (../shared/corpus/indosum). The dated
knowledge and the year scores are developed on other IndoSum articles, so that the scored
figure stays held out: give this script IndoSum JSONL files of other folds (the public
release's dev.04/dev.05 or train/test files; they are not shipped with the project) and it
drops every article whose id is in the scored folds, then prints the same figures as
`pantau eval pubdate` (window 2016–2018 for the day; no window for the year). The gold day is
the unix time leading each id, in WIB.

    .venv/bin/python scripts/pubdate_heldout.py path/to/dev.04.jsonl path/to/dev.05.jsonl \
        [--shared ../shared] [--misses misses.jsonl]

`--misses` writes one JSON line per article (gold, inferred day, year with no window, the
years left open) for reading the misses.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pantau.evaluate import _indosum  # noqa: E402
from pantau.evaluate import pubdate as figures  # noqa: E402
from pantau.ingest import iter_documents  # noqa: E402
from pantau.stages import pubdate, timex  # noqa: E402


def scored_ids(shared: pathlib.Path) -> set[str]:
    ids = set()
    for fold in _indosum.FOLDS:
        for raw in iter_documents([str(shared / "corpus" / "indosum" / f"dev.{fold}.jsonl")]):
            if raw.get("kind") == "doc":
                ids.add(raw["input_id"])
    return ids


def rows(paths: list[str], skip: set[str]):
    seen = set(skip)
    for path in paths:
        for raw in iter_documents([path]):
            if raw.get("kind") != "doc" or raw["input_id"] in seen:
                continue
            seen.add(raw["input_id"])
            text, gold = _indosum.text_of(raw), _indosum.gold_date(raw["input_id"])
            ms = timex.find_mentions(text)
            has_pair = any(c["kind"] in ("wdate", "dmy") and c.get("weekday") for c in ms)
            pub = pubdate.infer_publication(text, ("2016-01-01", "2018-12-31"), mentions=ms)
            k = figures._days(pub["date"], gold)
            free = pubdate.infer_publication(text, None, mentions=ms)
            yield {"id": raw["input_id"], "gold": gold.isoformat(), "date": pub["date"], "has_pair": has_pair,
                   "within2": k is not None and k <= 2, "year": figures._year_of(free),
                   "year_nowin": figures._year_of(free) == gold.year,
                   "year_nowin_day": bool(free["date"]) and int(free["date"][:4]) == gold.year,
                   "candidates": free.get("candidates"), "year_candidates": free.get("year_candidates")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", help="IndoSum JSONL files of folds other than the scored ones")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--misses", help="write one JSON line per article here")
    a = ap.parse_args(argv)
    docs = list(rows(a.files, scored_ids(pathlib.Path(a.shared))))
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    st = figures._indosum_stats(docs)
    print(f"IndoSum articles outside dev 01-03: {st['articles']}, {st['with_pair']} with weekday+(d/m): "
          f"within ±2 days {st['pair_accuracy']}; coverage {st['coverage']}, accuracy over all "
          f"{st['accuracy_all']}; year with no window {st['year_accuracy_nowindow']} "
          f"(weekday articles {st['year_accuracy_nowindow_pair']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
