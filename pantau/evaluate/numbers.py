"""Number figures: gold numbers of the seeds found with the right value, qualifier, role.

A gold number is located by its text in the seed; the predicted number overlapping it is
compared. Gold value [low, high] compares with the predicted low/high; gold qualifier
"more than" equals "more_than"; a gold role "killed (whole war)" compares as "killed";
fields absent from gold are not scored. Also reports timex+numbers speed on IndoSum.
"""
from __future__ import annotations

import pathlib

from . import _seeds


def _norm(s: str | None) -> str | None:
    return None if s is None else s.split(" (")[0].strip().replace(" ", "_").lower()


def check(gold: dict, pred: dict | None) -> dict[str, bool | None]:
    if pred is None:
        return {"found": False, "value": False, "qualifier": False if "qualifier" in gold else None,
                "role": False if "role" in gold else None, "unit": False if "unit" in gold else None}
    gv = gold["value"]
    if isinstance(gv, list):
        value_ok = [pred.get("low"), pred.get("high")] == gv
    else:
        value_ok = pred.get("value") == gv
    return {
        "found": True, "value": value_ok,
        "qualifier": None if "qualifier" not in gold else _norm(gold["qualifier"]) == _norm(pred.get("qualifier")),
        "role": None if "role" not in gold else _norm(gold["role"]) == _norm(pred.get("role")),
        "unit": None if "unit" not in gold else gold["unit"] == pred.get("unit"),
    }


def speed(shared: pathlib.Path, limit: int | None = 600) -> dict:
    """MB/s of timex + numbers extraction over IndoSum dev text (see evaluate.timex.speed)."""
    from . import timex as timex_eval
    return timex_eval.speed(shared, limit=limit)


def run(shared: pathlib.Path, **kw) -> dict:
    totals = {"gold": 0, "found": 0, "value": 0, "qualifier": [0, 0], "role": [0, 0], "unit": [0, 0]}
    errors = []
    for seed in _seeds.load(shared):
        art = _seeds.analyse(seed["text"])
        for g in seed["gold"].get("numbers", []):
            spans = _seeds.occurrences(seed["text"], g["text"]) or [(-1, -1)]
            pred = _seeds.overlapping(art["numbers"], spans[0])
            res = check(g, pred)
            totals["gold"] += 1
            totals["found"] += res["found"]
            totals["value"] += res["value"]
            for k in ("qualifier", "role", "unit"):
                if res[k] is not None:
                    totals[k][0] += res[k]
                    totals[k][1] += 1
            if not all(v in (True, None) for v in res.values()):
                errors.append({"doc": seed["doc"][:3], "text": g["text"], "gold": g,
                               "pred": pred, "result": res})
    out = {"seeds": totals, "errors": errors}
    if not kw.get("no_speed"):
        out["speed"] = speed(pathlib.Path(shared))
    return out


def format(f: dict) -> str:
    t = f["seeds"]
    lines = [f"numbers (seeds gold): {t['found']}/{t['gold']} found, value right {t['value']}/{t['gold']}, "
             f"qualifier {t['qualifier'][0]}/{t['qualifier'][1]}, role {t['role'][0]}/{t['role'][1]}, "
             f"unit {t['unit'][0]}/{t['unit'][1]}"]
    for e in f["errors"]:
        lines.append(f"  {e['doc']} {e['text']!r}: {e['result']} got {e['pred'] and e['pred']['text']!r}")
    if "speed" in f:
        s = f["speed"]
        lines.append(f"speed timex+numbers: {s['mb_per_s']} MB/s wall, {s['mb_per_s_cpu']} MB/s CPU "
                     f"({s['megabytes']} MB, {s['articles']} IndoSum articles); pubdate inference "
                     f"{s['pubdate_mb_per_s']} MB/s wall, {s['pubdate_mb_per_s_cpu']} MB/s CPU")
    return "\n".join(lines)
