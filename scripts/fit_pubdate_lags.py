"""Fit the publication-lag distributions of pantau/data/time/pubdate_lags.tsv.

For every IndoSum dev article (folds 01–03 under ../shared/corpus/indosum, read through
pantau.ingest) the text inference of pantau.stages.pubdate (window 2016-01-01..2018-12-31, text
only) lists its day cues — weekday+date pairs by kind (latest, earlier, lalu, week_ago,
yesterday, today, future, range_end), full dates (dated, dated_future) and dateline
weekdays — and the lag of each against the gold publication day (the unix time leading
the id, in WIB). The counts per (kind, lag) are the model.

Cross-validation: fit on two folds, measure on the third (share of articles with a
weekday+(d/m) mention whose inferred day is within ±2 days of gold), for each fold; then
the shipped file is fitted on all three folds.

    .venv/bin/python scripts/fit_pubdate_lags.py [--shared ../shared] [--no-write]
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pantau.stages import pubdate, timex  # noqa: E402
from pantau.evaluate import _indosum  # noqa: E402

WINDOW = ("2016-01-01", "2018-12-31")
OUT = ROOT / "pantau" / "data" / "time" / "pubdate_lags.tsv"
SOURCE = "IndoSum dev folds {folds} (scripts/fit_pubdate_lags.py)"


def load(shared: pathlib.Path) -> list[dict]:
    docs = []
    flat = pubdate.build_lag_model([])  # cues do not depend on the lag model
    for d in _indosum.iter_indosum(shared):
        ms = timex.find_mentions(d["text"])
        has_pair = any(c["kind"] in ("wdate", "dmy") and c.get("weekday") for c in ms)
        lags = pubdate.cue_lags(d["text"], d["gold"], WINDOW, mentions=ms, lags=flat)
        docs.append({"fold": d["fold"], "text": d["text"], "gold": d["gold"], "mentions": ms,
                     "has_pair": has_pair, "lags": lags})
    return docs


def count(docs: list[dict]) -> tuple[collections.Counter, int]:
    span = pubdate.settings()["lag_range_days"]
    c: collections.Counter = collections.Counter()
    dropped = 0
    for d in docs:
        for kind, lag in d["lags"]:
            if abs(lag) <= span:
                c[(kind, lag)] += 1
            else:
                dropped += 1  # a wrong year or an old event: says nothing about the lag
    return c, dropped


def rows_of(c: collections.Counter, source: str) -> list[dict]:
    return [{"kind": k, "lag": str(lag), "count": str(n), "source": source}
            for (k, lag), n in sorted(c.items())]


def accuracy(docs: list[dict], model: dict) -> tuple[int, int]:
    ok = n = 0
    for d in docs:
        if not d["has_pair"]:
            continue
        n += 1
        pub = pubdate.infer_publication(d["text"], WINDOW, mentions=d["mentions"], lags=model)
        if pub["date"] and abs((dt.date.fromisoformat(pub["date"]) - d["gold"]).days) <= 2:
            ok += 1
    return ok, n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args(argv)
    docs = load(pathlib.Path(a.shared))
    folds = sorted({d["fold"] for d in docs})
    held = {}
    for f in folds:
        train = [d for d in docs if d["fold"] != f]
        c, _ = count(train)
        model = pubdate.build_lag_model(rows_of(c, "cv"))
        ok, n = accuracy([d for d in docs if d["fold"] == f], model)
        held[f] = (ok, n)
        print(f"held-out fold {f} (fit on {', '.join(x for x in folds if x != f)}): "
              f"{ok}/{n} = {ok / n:.4f} within ±2 days")
    mean = sum(ok / n for ok, n in held.values()) / len(held)
    print(f"mean of held-out folds: {mean:.4f}")
    c, dropped = count(docs)
    if not a.no_write:
        source = SOURCE.format(folds="+".join(folds))
        kinds = collections.Counter()
        for (k, _), n in c.items():
            kinds[k] += n
        with open(OUT, "w", encoding="utf-8") as fh:
            fh.write("# Publication lag (gold publication day - mention date, in days; for 'dateline'\n"
                     "# the weekday distance 0-6) per cue kind: counts over IndoSum dev folds "
                     f"{'+'.join(folds)}\n# ({len(docs)} articles; {sum(c.values())} cues within ±"
                     f"{pubdate.settings()['lag_range_days']} days, {dropped} beyond dropped;"
                     f" {', '.join(f'{k} {n}' for k, n in kinds.most_common())}).\n"
                     "# Written by scripts/fit_pubdate_lags.py; gold = the unix time leading each "
                     "IndoSum id, in WIB.\n# Held-out ±2-day accuracy (articles with a weekday+(d/m)): "
                     + ", ".join(f"fold {f} {ok / n:.4f}" for f, (ok, n) in held.items())
                     + f", mean {mean:.4f}.\n")
            fh.write("kind\tlag\tcount\tsource\n")
            for r in rows_of(c, source):
                fh.write("\t".join(r[k] for k in ("kind", "lag", "count", "source")) + "\n")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
