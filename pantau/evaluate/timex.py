"""Timex figures: value accuracy on the seeds gold.

Comparison rules (see docs/timex.md): a gold timex is found by its text in the seed
(each occurrence counts); the predicted timex overlapping it must carry an equivalent
value. Equivalent: equal strings; a gold interval "A/B" equals a predicted value with the
same first and last day (a weekend "2016-W31-WE" is 2016-08-06/2016-08-07); gold
"PREV_NIGHT" equals a night value "…TNI" on the day before the DCT or "PREV_NIGHT".
"""
from __future__ import annotations

import datetime as dt
import pathlib
import re
import time

from . import _seeds


def bounds(value: str) -> tuple[str, str] | None:
    """First and last day of a TIMEX3 DATE value, when it names days."""
    if "/" in value:
        a, b = value.split("/", 1)
        return a, b
    m = re.fullmatch(r"(\d{4})-W(\d{2})-WE", value)
    if m:
        sat = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6)
        return sat.isoformat(), (sat + dt.timedelta(days=1)).isoformat()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value
    return None


def same_value(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False
    if gold == pred:
        return True
    if gold == "PREV_NIGHT":
        return pred == "PREV_NIGHT" or pred.endswith("TNI")
    gb, pb = bounds(gold), bounds(pred)
    return gb is not None and gb == pb


def speed(shared: pathlib.Path, limit: int | None = 600) -> dict:
    """Speed of the time and number stages on IndoSum dev text (for bench/ and eval).

    Times `timex.extract_timexes` + `numbers.extract_numbers` (fixed DCT) and, separately,
    `pubdate.infer_publication`, over the first `limit` articles (None: all of folds 01–03).
    Reports wall-clock and CPU MB/s: CPU time is the fair figure on a shared machine."""
    from ..stages import numbers, pubdate, timex

    from . import _indosum

    texts = [d["text"] for d in _indosum.iter_indosum(pathlib.Path(shared), limit=limit)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    numbers.extract_numbers(timex.extract_timexes(texts[0], "2017-01-01") and texts[0])  # load tables
    w0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        tx = timex.extract_timexes(t, "2017-01-01")
        numbers.extract_numbers(t, [tuple(x["span"]) for x in tx if x["type"] != "DURATION"])
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    w0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        pubdate.infer_publication(t, ("2016-01-01", "2018-12-31"))
    p_wall, p_cpu = time.perf_counter() - w0, time.process_time() - c0
    mb = size / 1e6

    def rate(secs: float) -> float | None:
        return round(mb / secs, 3) if secs > 0 else None

    return {"articles": len(texts), "megabytes": round(mb, 2),
            "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "mb_per_s": rate(wall), "mb_per_s_cpu": rate(cpu),
            "pubdate_mb_per_s": rate(p_wall), "pubdate_mb_per_s_cpu": rate(p_cpu)}


def run(shared: pathlib.Path, **kw) -> dict:
    rows, n, ok, found = [], 0, 0, 0
    t0 = time.perf_counter()
    for seed in _seeds.load(shared):
        art = _seeds.analyse(seed["text"])
        for g in seed["gold"].get("timexes", []):
            for span in _seeds.occurrences(seed["text"], g["text"]):
                n += 1
                pred = _seeds.overlapping(art["timexes"], span)
                found += pred is not None
                good = same_value(g["value"], pred and pred["value"])
                ok += good
                if not good:
                    rows.append({"doc": seed["doc"][:3], "text": g["text"], "gold": g["value"],
                                 "pred": pred and pred["value"]})
    return {"seeds": {"timexes": n, "found": found, "value_correct": ok,
                      "value_accuracy": round(ok / n, 3) if n else None, "errors": rows},
            "seconds": round(time.perf_counter() - t0, 2)}


def format(f: dict) -> str:
    s = f["seeds"]
    lines = [f"timex (seeds gold): {s['value_correct']}/{s['timexes']} values right "
             f"(accuracy {s['value_accuracy']}), {s['found']} found"]
    for e in s["errors"]:
        lines.append(f"  {e['doc']} {e['text']!r}: gold {e['gold']} got {e['pred']}")
    return "\n".join(lines)
