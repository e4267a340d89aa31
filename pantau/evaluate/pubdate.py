"""Publication-date figures.

- seeds: the year with no window (gold `published.year`), and whether the day range hits gold.
  The year a result states is its day's year, or the year of a year-precision range.
- IndoSum dev folds 01–03: text only (URL and metadata ignored), window 2016-01-01..2018-12-31;
  gold = the unix time in the id, in WIB. Within ±2 days for articles with a weekday+(d/m)
  mention (target ≥ 0.9), coverage and accuracy over all, and year accuracy with no window.
- IndoTimex Kompas development documents: the DCT string parsed as metadata, and the DCT
  inferred from the text (window 2013-01-01..2015-12-31 and none).
- indonews-2025: share of raw `tanggal_publikasi` strings parsed (and agreeing with a URL date).
"""
from __future__ import annotations

import csv
import datetime as dt
import pathlib
import re

from ..stages import pubdate, timex

from . import _indosum, _seeds


def _days(a: str | None, b: dt.date) -> int | None:
    return None if a is None else abs((dt.date.fromisoformat(a) - b).days)


def _year_of(pub: dict) -> int | None:
    """The publication year a result states: its day's year, or the year of a
    year-precision range (no day)."""
    if pub.get("date"):
        return int(pub["date"][:4])
    if pub.get("precision") == "year" and pub.get("earliest"):
        return int(pub["earliest"][:4])
    return None


def seeds(shared) -> dict:
    rows = []
    for s in _seeds.load(shared):
        pub = pubdate.infer_publication(s["text"])
        g = s["gold"]["published"]
        lo, hi = g["day_range"]
        year = _year_of(pub)
        rows.append({"doc": s["doc"][:3], "gold_year": g["year"], "year": year,
                     "candidates": pub.get("candidates"), "date": pub["date"],
                     "earliest": pub["earliest"], "latest": pub["latest"],
                     "in_range": bool(pub["date"] and lo <= pub["date"] <= hi),
                     "confidence": pub["confidence"], "year_ok": year == g["year"]})
    return {"docs": rows, "year_right": sum(r["year_ok"] for r in rows)}


def _indosum_stats(docs) -> dict:
    st = dict(articles=0, with_pair=0, pair_within2=0, dated=0, within2=0, year_nowin=0,
              year_nowin_pair=0, year_nowin_day=0)
    for d in docs:
        st["articles"] += 1
        st["with_pair"] += d["has_pair"]
        st["dated"] += d["date"] is not None
        st["within2"] += d["within2"]
        st["pair_within2"] += d["has_pair"] and d["within2"]
        st["year_nowin"] += d["year_nowin"]
        st["year_nowin_day"] += d["year_nowin_day"]
        st["year_nowin_pair"] += d["has_pair"] and d["year_nowin"]
    n, p = st["articles"], st["with_pair"]
    st["pair_accuracy"] = round(st["pair_within2"] / p, 4) if p else None
    st["coverage"] = round(st["dated"] / n, 4) if n else None
    st["accuracy_all"] = round(st["within2"] / n, 4) if n else None
    st["year_accuracy_nowindow"] = round(st["year_nowin"] / n, 4) if n else None
    st["year_accuracy_nowindow_day"] = round(st["year_nowin_day"] / n, 4) if n else None
    st["year_accuracy_nowindow_pair"] = round(st["year_nowin_pair"] / p, 4) if p else None
    return st


def indosum_docs(shared, limit=None):
    """One row per IndoSum dev article: the inferred date against gold (text only)."""
    for d in _indosum.iter_indosum(shared, limit=limit):
        ms = timex.find_mentions(d["text"])
        has_pair = any(c["kind"] in ("wdate", "dmy") and c.get("weekday") for c in ms)
        pub = pubdate.infer_publication(d["text"], ("2016-01-01", "2018-12-31"), mentions=ms)
        k = _days(pub["date"], d["gold"])
        free = pubdate.infer_publication(d["text"], None, mentions=ms)
        yield {"id": d["id"], "fold": d["fold"], "gold": d["gold"].isoformat(), "date": pub["date"],
               "has_pair": has_pair, "within2": k is not None and k <= 2, "days_off": k,
               "year_nowin": _year_of(free) == d["gold"].year,
               "year_nowin_day": bool(free["date"]) and int(free["date"][:4]) == d["gold"].year,
               "basis": pub["basis"], "candidates": pub.get("candidates")}


def indosum(shared, limit=None) -> dict:
    docs = list(indosum_docs(shared, limit))
    out = _indosum_stats(docs)
    out["folds"] = {f: _indosum_stats([d for d in docs if d["fold"] == f])
                    for f in sorted({d["fold"] for d in docs})}
    return out


def indotimex(shared) -> dict:
    folder = pathlib.Path(shared) / "nlp" / "timex" / "kompas_development"
    st = dict(docs=0, dct_string_parsed=0, inferred=0, inferred_within2=0, inferred_year_nowindow=0)
    for path in sorted(folder.glob("*.tml")):
        xml = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"[^>]*>([^<]*)</TIMEX3>', xml)
        body = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if not m or not body:
            continue
        y, mo, d = (int(x) for x in re.findall(r"\d+", m.group(1))[:3])
        gold = dt.date(y, mo, d)  # some gold values are written "2013-12-4"
        st["docs"] += 1
        parsed = pubdate.parse_date_string(m.group(2))
        st["dct_string_parsed"] += bool(parsed and parsed[0] == gold)
        text = re.sub(r"<[^>]+>", "", body.group(1))
        pub = pubdate.infer_publication(text, ("2013-01-01", "2015-12-31"))
        k = _days(pub["date"], gold)
        st["inferred"] += pub["date"] is not None
        st["inferred_within2"] += k is not None and k <= 2
        free = pubdate.infer_publication(text)
        st["inferred_year_nowindow"] += bool(free["date"]) and int(free["date"][:4]) == gold.year
    return st


def indonews(shared) -> dict:
    st = dict(rows=0, nonempty=0, parsed=0, url_dated=0, url_agrees=0)
    for path in sorted((pathlib.Path(shared) / "corpus" / "indonews-2025").glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                st["rows"] += 1
                raw = (row.get("tanggal_publikasi") or "").strip()
                st["nonempty"] += bool(raw)
                p = pubdate.parse_date_string(raw)
                st["parsed"] += p is not None
                u = pubdate.date_from_url(row.get("url"))
                if u and p:
                    st["url_dated"] += 1
                    st["url_agrees"] += abs((u[0] - p[0]).days) <= 1
    st["parse_rate"] = round(st["parsed"] / st["nonempty"], 4) if st["nonempty"] else None
    return st


def run(shared: pathlib.Path, **kw) -> dict:
    shared = pathlib.Path(shared)
    return {"seeds": seeds(shared), "indosum": indosum(shared, kw.get("limit")),
            "indotimex": indotimex(shared), "indonews": indonews(shared)}


def format(f: dict) -> str:
    s, i, t, n = f["seeds"], f["indosum"], f["indotimex"], f["indonews"]
    lines = [f"pubdate seeds (no window): year right {s['year_right']}/{len(s['docs'])}"]
    for r in s["docs"]:
        lines.append(f"  {r['doc']}: gold {r['gold_year']} got {r['year']} date {r['date']} "
                     f"[{r['earliest']} .. {r['latest']}] conf {r['confidence']}"
                     + (f" candidates {r['candidates']}" if r["candidates"] else ""))
    lines.append(f"IndoSum dev 01-03 (window 2016-2018, text only): {i['articles']} articles, "
                 f"{i['with_pair']} with weekday+(d/m): within ±2 days {i['pair_accuracy']}; "
                 f"coverage {i['coverage']}, accuracy over all {i['accuracy_all']}; "
                 f"year with no window {i['year_accuracy_nowindow']} (weekday articles "
                 f"{i['year_accuracy_nowindow_pair']}; counting only years of a stated day "
                 f"{i['year_accuracy_nowindow_day']})")
    for fold, x in i.get("folds", {}).items():
        lines.append(f"  fold {fold}: {x['articles']} articles, {x['with_pair']} with weekday+(d/m): "
                     f"within ±2 days {x['pair_accuracy']}; coverage {x['coverage']}, "
                     f"accuracy over all {x['accuracy_all']}")
    lines.append(f"IndoTimex kompas dev: {t['docs']} docs, DCT string parsed right {t['dct_string_parsed']}, "
                 f"inferred from text {t['inferred']} (±2 days {t['inferred_within2']}), "
                 f"year with no window {t['inferred_year_nowindow']}")
    lines.append(f"indonews-2025 raw dates: parsed {n['parsed']}/{n['nonempty']} ({n['parse_rate']}), "
                 f"URL date agrees {n['url_agrees']}/{n['url_dated']}")
    return "\n".join(lines)
