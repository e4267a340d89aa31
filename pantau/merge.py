"""One event, many reports: the events of different articles that describe the same happening.

GDELT keeps events apart from their mentions; so does Pantau. Each article keeps its own events (its
record is never changed); this module groups those reports into merged events, each with its
reports (article, outlet, evidence, confidence), `n_reports`, `n_sources` (outlets) and the first
and last day it was reported.

Two reports are of the same event when they have the same event type, their possible days overlap,
their places are within MERGE_KM of each other or carry the same name, and their actors do not
contradict each other (each named actor1 appears among the other's actors, or both are of one side
of a civil war: government or opposition). Reports from one article are never merged here: the
events stage has already merged what one article says twice.
Grouping is leader-based (a report joins the first group whose first report it matches), so a
chain of neighbouring days or places never snowballs into one giant event.

`reports_of_record` turns a stored record into reports; `merge(reports)` returns merged events,
sorted newest first. Pure functions: the store, the API, the exports and the timeline call them.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Any

from .nlp.geo import km as _km

MERGE_KM = 25.0
# sides whose members one outlet names by group and another by camp; "external" (foreign states) is no camp
SIDES_THAT_MERGE = ("government", "opposition")
MAX_SPAN_DAYS = 7  # a report whose day is vaguer than this (a month) is its own event: it cannot say which


def _day_span(date: dict) -> tuple[str, str] | None:
    value, lo, hi = date.get("value"), date.get("earliest"), date.get("latest")
    if value and len(value) == 10 and (date.get("precision") in (None, "day") or not (lo and hi)):
        return value, value
    lo, hi = lo or value, hi or value
    if not lo or not hi or len(lo) < 10 or len(hi) < 10:
        return None
    return lo[:10], hi[:10]


def _days_between(a: str, b: str) -> int:
    from datetime import date
    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days
    except ValueError:
        return 10 ** 6



def _name(x: dict | None) -> str | None:
    if not x:
        return None
    n = x.get("canonical") or x.get("text") or x.get("name")
    return n.strip().lower() if isinstance(n, str) and n.strip() else None


def report(article: dict, idx: int, ev: dict) -> dict[str, Any]:
    """One report: an article's event plus what the merged event needs to know of the article."""
    return {"key": f"{article['id']}:{idx}", "article_id": article["id"], "idx": idx,
            "outlet": article.get("outlet"), "title": article.get("title"), "published": article.get("published"),
            "url": article.get("url"), "event": ev}


def article_of(rec: dict) -> dict[str, Any]:
    """What a report keeps of a stored record."""
    return {"id": rec.get("id"), "outlet": (rec.get("outlet") or {}).get("name"), "title": rec.get("title"),
            "published": (rec.get("published") or {}).get("date"), "url": (rec.get("source") or {}).get("url")}


def reports_of_record(rec: dict) -> list[dict[str, Any]]:
    art = article_of(rec)
    return [report(art, i, ev) for i, ev in enumerate(rec.get("events") or [])]



def same_event(a: dict, b: dict) -> bool:
    """Whether two reports (of different articles) describe one event."""
    if a["article_id"] == b["article_id"]:
        return False
    ea, eb = a["event"], b["event"]
    if not ea.get("event_type") or ea.get("event_type") != eb.get("event_type"):
        return False
    sa, sb = _day_span(ea.get("date") or {}), _day_span(eb.get("date") or {})
    if sa is None or sb is None or sa[0] > sb[1] or sb[0] > sa[1]:
        return False
    pa, pb = ea.get("place") or {}, eb.get("place") or {}
    same_name = _name(pa) is not None and _name(pa) == _name(pb)
    km = _km(pa, pb)
    if not same_name and (km is None or km > MERGE_KM):
        return False
    if pa.get("country") and pb.get("country") and pa["country"] != pb["country"]:
        return False
    return _actors_agree(ea, eb) and _actors_agree(eb, ea)


def _actors_agree(a: dict, b: dict) -> bool:
    # a's acting party, when both name one, must be among b's parties (b may have read the clause the
    # other way) or of the same side ("Jaish al-Fatah" and "Syrian opposition" told by two outlets)
    a1, b1 = _name(a.get("actor1")), _name(b.get("actor1"))
    if not a1 or not b1:
        return True
    side_a, side_b = (a.get("actor1") or {}).get("side"), (b.get("actor1") or {}).get("side")
    return a1 in {b1, _name(b.get("actor2"))} or (side_a in SIDES_THAT_MERGE and side_a == side_b)


def _width(rep: dict) -> int:
    span = _day_span(rep["event"].get("date") or {})
    return _days_between(*span) if span else 10 ** 6


def _days(span: tuple[str, str]) -> list[str]:
    from datetime import date, timedelta
    d0 = date.fromisoformat(span[0])
    return [(d0 + timedelta(days=k)).isoformat() for k in range(_days_between(*span) + 1)]


def _key_of_day(rep: dict) -> str:
    span = _day_span(rep["event"].get("date") or {})
    return span[0] if span else ""


def merge(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merged events (each with its reports), newest first; every report is in exactly one."""
    groups: list[list[dict]] = []
    by_block: dict[tuple, list[int]] = defaultdict(list)  # (event type, day) -> groups whose leader spans it
    # reports that name their day lead: a vaguer report ("this week") joins the precise event it overlaps
    for rep in sorted(reports, key=lambda r: (_width(r), _key_of_day(r), r["published"] or "", r["key"])):
        ev = rep["event"]
        span = _day_span(ev.get("date") or {})
        home = None
        if span is not None and _days_between(*span) <= MAX_SPAN_DAYS:
            seen: set[int] = set()
            for day in _days(span):
                for gi in by_block.get((ev.get("event_type"), day), []):
                    if gi in seen:
                        continue
                    seen.add(gi)
                    if same_event(groups[gi][0], rep) and all(m["article_id"] != rep["article_id"] for m in groups[gi]):
                        home = gi
                        break
                if home is not None:
                    break
        if home is None:
            groups.append([rep])
            home = len(groups) - 1
            if span is not None and _days_between(*span) <= MAX_SPAN_DAYS:
                for day in _days(span):
                    by_block[(ev.get("event_type"), day)].append(home)
        else:
            groups[home].append(rep)
    merged = [merged_event(g) for g in groups]
    merged.sort(key=lambda m: (m["date"] or m["earliest"] or "", m["id"]), reverse=True)
    return merged


def _most(values: list, lowest_on_tie: bool = False) -> Any:
    vals = [v for v in values if v not in (None, "")]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    tied = [v for v in counts if counts[v] == top]
    return min(tied) if lowest_on_tie else tied[0]


def merged_event(group: list[dict[str, Any]]) -> dict[str, Any]:
    """The merged event of a group of reports: the consensus of its reports, the best one's evidence."""
    evs = [r["event"] for r in group]
    best = max(group, key=lambda r: (r["event"].get("confidence") or 0, -len(r["key"])))
    bev = best["event"]
    spans = [s for s in (_day_span(e.get("date") or {}) for e in evs) if s]
    lo = max((s[0] for s in spans), default=None)
    hi = min((s[1] for s in spans), default=None)
    if lo and hi and lo > hi:
        lo, hi = hi, lo
    best_day = (bev.get("date") or {}).get("value")
    if lo and lo == hi:
        date = lo
    elif not spans or (best_day and lo and hi and lo <= best_day[:10] <= hi):
        date = best_day  # the best report's most likely day, inside what all reports allow
    else:
        date = None
    places = [e.get("place") for e in evs if e.get("place")]
    place = max(places, key=lambda p: (p.get("lat") is not None, p.get("rank") or 0, not p.get("inherited")),
                default=None) or {}
    outlets = sorted({r["outlet"] for r in group if r.get("outlet")})
    published = sorted(r["published"] for r in group if r.get("published"))
    keys = sorted(r["key"] for r in group)
    confs = [e.get("confidence") for e in evs if e.get("confidence") is not None]
    actor1 = _most([(e.get("actor1") or {}).get("canonical") or (e.get("actor1") or {}).get("text") for e in evs])
    actor2 = _most([(e.get("actor2") or {}).get("canonical") or (e.get("actor2") or {}).get("text") for e in evs])
    return {
        "id": "m-" + hashlib.sha1("|".join(keys).encode()).hexdigest()[:16],
        "event_type": bev.get("event_type"),
        "sub_event_type": _most([e.get("sub_event_type") for e in evs]) or bev.get("sub_event_type"),
        "date": date, "earliest": lo, "latest": hi,
        "precision": "day" if lo and lo == hi else ((bev.get("date") or {}).get("precision")),
        "place": place.get("name"), "lat": place.get("lat"), "lon": place.get("lon"),
        "country": place.get("country"), "admin1": place.get("admin1"), "place_detail": place,
        # 1 country or wider region, 2 province, 3 town, 4 a spot in a town (events stage); a map draws 2 and up
        "place_rank": place.get("rank"),
        "actor1": actor1, "actor2": actor2,
        "actor1_detail": next((e.get("actor1") for e in evs if _name(e.get("actor1")) == (actor1 or "").lower()), None),
        "actor2_detail": next((e.get("actor2") for e in evs if _name(e.get("actor2")) == (actor2 or "").lower()), None),
        # the figure most reports give; on a tie the lowest, as ACLED codes the most conservative report
        "fatalities": _most([e.get("fatalities") for e in evs], lowest_on_tie=True),
        "confidence": max(confs) if confs else None,
        "evidence": (bev.get("evidence") or {}).get("text"),
        "key": best["key"], "article_id": best["article_id"], "idx": best["idx"],
        "title": best.get("title"), "outlet": best.get("outlet"), "published": best.get("published"),
        "n_reports": len(group), "n_sources": len(outlets) or 1, "outlets": outlets,
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "reports": [{"key": r["key"], "article_id": r["article_id"], "idx": r["idx"], "outlet": r.get("outlet"),
                     "title": r.get("title"), "published": r.get("published"), "url": r.get("url"),
                     "evidence": (r["event"].get("evidence") or {}).get("text"),
                     "span": (r["event"].get("evidence") or {}).get("span"),
                     "confidence": r["event"].get("confidence"), "fatalities": r["event"].get("fatalities"),
                     "attributed_to": r["event"].get("attributed_to"), "event": r["event"]}
                    for r in sorted(group, key=lambda r: (r.get("published") or "", r["key"]))],
    }
