"""Cross-document analysis over a store: republication, stories, timelines, label comparison.

Every function takes a `pantau.store.Store` and returns a JSON-able dict; the matching
`format_*` function turns that dict into a readable terminal table. Records are read one at a
time (`store.iter_records()`); what is kept per article is small: MinHash signatures, the
outlet, dates, a few names and the facts the analysis needs — never the corpus text.

- duplicates(store): near-duplicate and republished texts (MinHash LSH on word 5-grams),
  who published first, which wire each copy credits, and copies that credit nobody.
- stories(store): articles about the same happening across outlets and days (topic words +
  names, MinHash LSH, a time window), with coverage, gaps and disagreeing casualty numbers.
- timeline(store, place=, actor=, story=): merged, de-duplicated events; for a place also the
  changes of control over time.
- compare(store, actor): the labels each outlet uses for one actor, with counts and voices.
- profiles(store): outlet slant counts.
"""
from __future__ import annotations

import collections
import datetime as dt
import functools
import hashlib
import math
import pathlib
import re
from typing import Any, Iterable

from .extras import need


DATA = pathlib.Path(__file__).parent / "data"
NUM_PERM = 128
SHINGLE = 5                 # words per shingle for near-duplicate text
DUP_THRESHOLD = 0.5         # estimated Jaccard of 5-gram sets: same text (republished, lightly edited)
SHARED_SOURCE = 0.3         # across outlets, this much shared text means one source text rewritten
                            # (a press release, a statement, a wire story): reported, never "silent"
TOPIC_WORDS = 120           # content words per article used for story similarity
STORY_CANDIDATE = 0.2       # LSH threshold for story candidates (checked exactly afterwards)
# A story link needs topic-set Jaccard and shared rare names together: the less the words
# overlap, the more names must (tuned on four hand-judged samples of 50 pairs; a fifth is tests/data/story_pairs_checked.tsv)
STORY_LINK_RULES = ((0.28, 3), (0.32, 2))   # (minimum Jaccard, minimum shared rare names)
# One outlet writes several pieces off one press conference or one match day (turtle eggs and a
# mining probe from the same ministry); within an outlet only a close match is the same story.
SAME_OUTLET_RULE = (0.4, 3)
RARE_NAME_SHARE = 0.005     # a name in more than this share of articles (Jakarta, Rabu) says nothing
STORY_STRONG_SIM = 0.4
MIN_SHINGLES = 20          # bodies shorter than this (~25 words) are left out of near-duplicate search
WINDOW_DAYS = 2             # a story's articles are at most this far apart (when dates are known)
CASUALTY_ROLES = ("killed", "injured", "displaced", "evacuated", "missing", "arrested")
TERRITORY = {"Government regains territory": "government", "Non-state actor overtakes territory": "opposition"}
TIMELINE_MODALITIES = ("planned", "offered")  # statements a timeline shows (dated, marked by their modality)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


# -- reading the store --------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    path = DATA / "framing" / "stopwords.tsv"
    words = set()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line and not line.startswith("#"):
                words.add(line.split("\t", 1)[0])
    words.discard("word")
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def wire_names() -> frozenset[str]:
    """News agencies (wires) from the provenance source table: their credit is what a copy owes."""
    names = set()
    path = DATA / "sources.tsv"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) > 1 and parts[1] == "agency":
                names.add(parts[0])
    return frozenset(names)


def _date(record: dict) -> str | None:
    pub = record.get("published") or {}
    return pub.get("date") or pub.get("earliest")


def _days(a: str | None, b: str | None) -> float:
    if not a or not b:
        return math.nan
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return math.nan


def _outlet(record: dict) -> str | None:
    return (record.get("outlet") or {}).get("name")


def _body(record: dict) -> str:
    text = record.get("text") or ""
    return text[record.get("body_start") or 0:]


def _minhash(items: Iterable[str]) -> Any:  # a datasketch.MinHash
    m = need("datasketch").MinHash(num_perm=NUM_PERM)
    m.update_batch([i.encode("utf-8") for i in items])
    return m


def text_shingles(text: str) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def topic_set(record: dict) -> set[str]:
    """What an article is about: its first content words (title first) and the names it mentions.

    Names come from linked entities when the entity stage ran, else from capitalised words
    inside sentences (a cheap stand-in for names)."""
    text = record.get("text") or ""
    words = []
    for w in _WORD.findall(text):
        lw = w.lower()
        if len(lw) > 2 and lw not in stopwords():
            words.append(lw)
        if len(words) >= TOPIC_WORDS:
            break
    return set(words) | {"@" + n for n in names_of(record)}


def names_of(record: dict) -> set[str]:
    ents = record.get("entities") or []
    if ents:
        return {(e.get("canonical") or e.get("text") or "").lower() for e in ents
                if e.get("type") in ("PER", "ORG", "LOC", "GPE", "NORP") and (e.get("canonical") or e.get("text"))}
    text = record.get("text") or ""
    names = set()
    for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z]+(?: [A-Z][a-z]+)*)", text):
        name = m.group(1).lower()
        if name not in stopwords() and len(name) > 3:
            names.add(name)
    return names


class _Light:
    """What cross-document analysis keeps per article (no text)."""

    __slots__ = ("id", "outlet", "date", "title", "url", "credited", "names", "text_sig", "topic_sig",
                 "events", "numbers", "n_chars", "paths")

    def __init__(self, record: dict, *, keep_facts: bool):
        self.id = record["id"]
        self.outlet = _outlet(record)
        self.date = _date(record)
        self.title = record.get("title") or (record.get("text") or "")[:80]
        self.url = (record.get("source") or {}).get("url")
        self.paths = [(record.get("source") or {}).get("path")]
        self.credited = sorted({c.get("name") for c in record.get("credited_sources") or [] if c.get("name")})
        self.names = names_of(record)
        shingles = text_shingles(_body(record))
        # a body of a few words (a scraped page that kept only its title) has no text to compare
        self.text_sig = _minhash(shingles) if len(shingles) >= MIN_SHINGLES else None
        self.topic_sig = _minhash(topic_set(record))
        self.n_chars = len(record.get("text") or "")
        self.events = (record.get("events") or []) if keep_facts else []
        self.numbers = [n for n in record.get("numbers") or [] if n.get("role") in CASUALTY_ROLES] if keep_facts else []

    def brief(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "published": self.date, "title": self.title, "url": self.url}


def records_of(store) -> Iterable[dict]:
    """Records one at a time from a Store, or from any iterable of records (tests, evaluation)."""
    return store.iter_records() if hasattr(store, "iter_records") else iter(store)


def _lights(store, *, keep_facts: bool = False) -> list[_Light]:
    return [_Light(r, keep_facts=keep_facts) for r in records_of(store) if r.get("text")]


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _candidate_pairs(items: list[_Light], attr: str, threshold: float) -> Iterable[tuple[_Light, _Light, float]]:
    lsh = need("datasketch").MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    by_id = {}
    for it in items:
        sig = getattr(it, attr)
        if sig is None:
            continue
        for other in lsh.query(sig):
            o = by_id[other]
            yield o, it, sig.jaccard(getattr(o, attr))
        lsh.insert(it.id, sig)
        by_id[it.id] = it


# -- republication ------------------------------------------------------------------------------
def duplicates(store, threshold: float = DUP_THRESHOLD, items: list[_Light] | None = None) -> dict[str, Any]:
    """Near-duplicate texts: each pair with its similarity, and groups with who was first.

    A pair across two outlets is a republication (or, below `threshold` but above
    SHARED_SOURCE, two rewrites of one source text); within one outlet a near-duplicate (an
    update or a re-post). In a group, a copy that credits no wire while another copy (or the
    first publisher) is named elsewhere is flagged as a silent copy."""
    items = items if items is not None else _lights(store)
    return duplicates_from_candidates(items, _candidate_pairs(items, "text_sig", min(threshold, SHARED_SOURCE)),
                                      threshold)


def duplicates_from_candidates(items: list, candidates: Iterable[tuple], threshold: float = DUP_THRESHOLD,
                               n_items: int | None = None) -> dict[str, Any]:
    """duplicates() from candidate pairs (a, b, similarity) however they were found: by the
    in-memory LSH above, or by the banding aggregation on a Dask cluster (pantau.distributed).
    `items` must hold every article that occurs in a candidate pair."""
    pairs, uf = [], _UnionFind()
    for a, b, sim in candidates:
        across = bool(a.outlet and b.outlet and a.outlet != b.outlet)
        if sim >= threshold:
            kind = "republication" if across else "near-duplicate"
        elif across and sim >= SHARED_SOURCE:
            kind = "shared-source"
        else:
            continue
        first, second = sorted((a, b), key=lambda x: (x.date or "9999", x.id))
        pairs.append({"a": first.id, "b": second.id, "similarity": round(sim, 3), "kind": kind,
                      "outlets": [first.outlet, second.outlet], "published": [first.date, second.date]})
        uf.union(a.id, b.id)
    by_id = {it.id: it for it in items}
    members = collections.defaultdict(list)
    for p in pairs:
        for x in (p["a"], p["b"]):
            root = uf.find(x)
            if by_id[x] not in members[root]:
                members[root].append(by_id[x])
    strong = {(p["a"], p["b"]) for p in pairs if p["kind"] == "republication"}
    strong |= {(b, a) for a, b in strong}
    groups = [_dup_group(ms, strong) for ms in members.values()]
    groups.sort(key=lambda g: (-len(g["articles"]), g["first"]["published"] or ""))
    counts = collections.Counter(p["kind"] for p in pairs)
    return {"threshold": threshold, "articles": len(items) if n_items is None else n_items,
            "counts": {"pairs": len(pairs), "republication_pairs": counts["republication"],
                       "near_duplicate_pairs": counts["near-duplicate"], "shared_source_pairs": counts["shared-source"],
                       "groups": len(groups),
                       "articles_in_groups": sum(len(g["articles"]) for g in groups),
                       "silent_copies": sum(len(g["silent_copies"]) for g in groups)},
            "pairs": pairs, "groups": groups}


def _dup_group(members: list[_Light], strong: set[tuple[str, str]]) -> dict[str, Any]:
    members = sorted(members, key=lambda x: (x.date or "9999", x.id))
    dated = [m for m in members if m.date]
    first = dated[0] if dated else members[0]
    tie = len(dated) > 1 and dated[1].date == first.date
    credited = sorted({c for m in members for c in m.credited})
    wires = [c for c in credited if c in wire_names()] or credited
    silent = []
    for m in members:
        if m is first or m.outlet == first.outlet or (first.id, m.id) not in strong:
            continue  # only a near-verbatim copy of the first publisher owes it a credit
        owes = set(wires) | ({first.outlet} if first.outlet else set())
        if not (set(m.credited) & owes):
            silent.append({"id": m.id, "outlet": m.outlet, "published": m.date,
                           "copies": wires[0] if wires else first.outlet})
    return {"articles": [dict(m.brief(), credited=m.credited) for m in members],
            "outlets": sorted({m.outlet for m in members if m.outlet}),
            "first": dict(first.brief(), certain=bool(dated) and not tie),
            "credited_wires": wires, "silent_copies": silent}


# -- stories ------------------------------------------------------------------------------------
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def _series(a: _Light, b: _Light) -> bool:
    """Two items of one outlet's series: listicles ('7 Model Gamis'), or titles that differ only
    in their numbers ('IHSG Hari Ini 19 Juni', 'FTV ... Pukul 13.30')."""
    if not (a.outlet and a.outlet == b.outlet):
        return False
    ta, tb = a.title.strip(), b.title.strip()
    if ta[:1].isdigit() and tb[:1].isdigit():
        return True
    na, nb = set(_NUMBER.findall(ta)), set(_NUMBER.findall(tb))
    return bool(na and nb and na != nb)


def story_link(a: _Light, b: _Light, sim: float | None = None, common: frozenset[str] = frozenset()) -> tuple[bool, str]:
    """Whether two articles tell the same story, and why (used for clustering and hand checks).
    `common` are names too frequent in the collection to count as shared evidence."""
    sim = a.topic_sig.jaccard(b.topic_sig) if sim is None else sim
    days = _days(a.date, b.date)
    if not math.isnan(days) and days > WINDOW_DAYS:
        return False, f"{days:.0f} days apart"
    if days and a.outlet and a.outlet == b.outlet:
        # one outlet on different days with similar words is a series ("IHSG hari ini"), or a
        # follow-up; neither is the same report of the same happening
        return False, f"same outlet, {days:.0f} days apart"
    if _series(a, b):
        return False, "one outlet's series"
    shared = len((a.names & b.names) - common)
    if days and sim < STORY_STRONG_SIM:
        return False, f"topic {sim:.2f} on different days"
    if sim >= STORY_STRONG_SIM and shared >= 1:
        return True, f"topic {sim:.2f}, {shared} shared names"
    if a.outlet and a.outlet == b.outlet:
        ok = sim >= SAME_OUTLET_RULE[0] and shared >= SAME_OUTLET_RULE[1]
        return ok, f"same outlet, topic {sim:.2f}, {shared} shared names"
    if any(sim >= j and shared >= n for j, n in STORY_LINK_RULES):
        return True, f"topic {sim:.2f}, {shared} shared names"
    return False, f"topic {sim:.2f}, {shared} shared names"


def clusters(items: list[_Light]) -> list[list[_Light]]:
    """Story clusters: linked pairs joined, then every cluster checked around its centre so one
    loose link cannot chain two different stories together."""
    common = common_names(items)
    links = ((a.id, b.id, sim) for a, b, sim in _candidate_pairs(items, "topic_sig", STORY_CANDIDATE)
             if story_link(a, b, sim, common)[0])
    return clusters_from_links(items, links, common)


def clusters_from_links(items: list[_Light], links: Iterable[tuple[str, str, float]],
                        common: frozenset[str]) -> list[list[_Light]]:
    """clusters() from the linked pairs (id, id, topic similarity) however they were found: by the
    in-memory LSH, or by the banding aggregation on a Dask cluster (pantau.distributed).
    `items` must hold every article of a link."""
    edges = collections.defaultdict(dict)
    uf = _UnionFind()
    for a, b, sim in links:
        edges[a][b] = sim
        edges[b][a] = sim
        uf.union(a, b)
    groups = collections.defaultdict(list)
    for it in sorted(items, key=lambda x: x.id):
        if it.id in edges:
            groups[uf.find(it.id)].append(it)
    out = []
    for ms in groups.values():
        out.extend(_split_around_centre(ms, edges, common))
    return [sorted(c, key=lambda x: (x.date or "9999", x.id)) for c in out if len(c) > 1]


def common_names(items: list[_Light]) -> frozenset[str]:
    return common_names_from(collections.Counter(n for it in items for n in it.names), len(items))


def common_names_from(df: dict[str, int], n_items: int) -> frozenset[str]:
    """Names in more than RARE_NAME_SHARE of the articles (document frequencies `df`)."""
    limit = max(3, RARE_NAME_SHARE * n_items)
    return frozenset(n for n, c in df.items() if c > limit)


def _split_around_centre(members: list[_Light], edges, common=frozenset()) -> list[list[_Light]]:
    if len(members) <= 2:
        return [members]
    ids = {m.id for m in members}
    centre = max(members, key=lambda m: (sum(s for o, s in edges[m.id].items() if o in ids), m.id))
    kept = [centre] + [m for m in members if m is not centre and
                       (m.id in edges[centre.id] or story_link(m, centre, None, common)[0])]
    rest = [m for m in members if m not in kept]
    out = [kept]
    if len(rest) > 1:
        rest_ids = {m.id for m in rest}
        sub = _UnionFind()
        for m in rest:
            for o in edges[m.id]:
                if o in rest_ids:
                    sub.union(m.id, o)
        parts = collections.defaultdict(list)
        for m in rest:
            parts[sub.find(m.id)].append(m)
        for part in parts.values():
            if len(part) > 1:
                out.extend(_split_around_centre(part, edges, common))
    return out


def stories(store, items: list[_Light] | None = None) -> dict[str, Any]:
    """Stories across outlets and days: who covered each, who did not, and disagreeing numbers."""
    items = items if items is not None else _lights(store, keep_facts=True)
    active = collections.defaultdict(set)  # date -> outlets publishing that day
    for it in items:
        if it.date and it.outlet:
            active[it.date[:10]].add(it.outlet)
    return stories_from_clusters(clusters(items), active, len(items))


def stories_from_clusters(found: list[list[_Light]], active: dict[str, set], n_items: int) -> dict[str, Any]:
    """The stories report from clusters and the outlets active on each day."""
    out = []
    for members in found:
        ids = sorted(m.id for m in members)
        dates = sorted(m.date[:10] for m in members if m.date)
        outlets = sorted({m.outlet for m in members if m.outlet})
        around = set()
        for d in dates[:1] + dates[-1:]:
            day = dt.date.fromisoformat(d)
            for k in range(-1, 2):
                around |= active.get((day + dt.timedelta(days=k)).isoformat(), set())
        name_counts = collections.Counter(n for m in members for n in m.names)
        out.append({"id": "s" + hashlib.sha1("|".join(ids).encode()).hexdigest()[:10],
                    "title": members[0].title, "size": len(members),
                    "dates": [dates[0], dates[-1]] if dates else None,
                    "first": members[0].brief() if members[0].date else None,
                    "outlets": outlets, "not_covered_by": sorted(around - set(outlets)),
                    # ties by name: the same order whatever order the articles came in
                    "names": [n for n, c in sorted(name_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
                              if c > 1],
                    "articles": [m.brief() for m in members],
                    "number_disagreements": number_disagreements(members)})
    out.sort(key=lambda s: (-s["size"], s["dates"][0] if s["dates"] else ""))
    return {"articles": n_items, "counts": {"stories": len(out),
                                               "articles_in_stories": sum(s["size"] for s in out),
                                               "multi_outlet_stories": sum(1 for s in out if len(s["outlets"]) > 1),
                                               "linked_pairs": sum(s["size"] * (s["size"] - 1) // 2 for s in out)},
            "stories": out}


def number_disagreements(members: list[_Light]) -> list[dict[str, Any]]:
    """Casualty-type numbers (by role and unit) that differ between the articles of one story."""
    by_key = collections.defaultdict(list)
    for m in members:
        for n in m.numbers:
            value = n.get("value") if n.get("value") is not None else n.get("low")
            if value is None:
                continue
            by_key[(n.get("role"), n.get("unit"))].append(
                {"value": value, "qualifier": n.get("qualifier"), "text": n.get("text"), "span": n.get("span"),
                 "article": m.id, "outlet": m.outlet})
    out = []
    for (role, unit), values in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        if len({v["value"] for v in values}) > 1 and len({v["article"] for v in values}) > 1:
            out.append({"role": role, "unit": unit, "values": values})
    return out


# -- timelines ----------------------------------------------------------------------------------
def _name(actor: dict | None) -> str | None:
    if not actor:
        return None
    return actor.get("canonical") or actor.get("text")


def _matches(value: str | None, query: str) -> bool:
    return bool(value) and re.search(rf"(?<!\w){re.escape(query.casefold())}(?!\w)", value.casefold()) is not None


def timeline(store, place: str | None = None, actor: str | None = None, story: str | None = None) -> dict[str, Any]:
    """Events about a place, an actor or one story, merged across articles and sorted by date."""
    wanted_ids = None
    if story and not hasattr(store, "iter_records"):
        store = list(store)  # read twice below
    if story:
        for s in stories(store)["stories"]:
            if s["id"] == story or any(a["id"] == story for a in s["articles"]):
                wanted_ids = {a["id"] for a in s["articles"]}
                break
        wanted_ids = wanted_ids or {story}
    raw = []
    for rec in records_of(store):
        if wanted_ids is not None and rec.get("id") not in wanted_ids:
            continue
        told = [(ev, "event") for ev in rec.get("events") or []]
        # announced and planned moves dated in their own words ("pengumuman Damaskus … untuk menduduki
        # seluruh Aleppo …, pada Kamis (22/9)") are part of the story, kept apart from what happened
        told += [(st, st.get("modality") or "statement") for st in rec.get("statements") or []
                 if st.get("modality") in TIMELINE_MODALITIES and (st.get("date") or {}).get("how") == "text"]
        for ev, kind in told:
            p = ev.get("place") or {}
            if place and not (_matches(p.get("name"), place) or _matches(p.get("admin1"), place)):
                continue
            if actor and not (_matches(_name(ev.get("actor1")), actor) or _matches(_name(ev.get("actor2")), actor)):
                continue
            raw.append((rec, dict(ev, kind=kind) if kind != "event" else ev))
    entries = merge_events(raw)
    result = {"place": place, "actor": actor, "story": story, "events": entries,
              "counts": {"reports": len(raw), "events": len(entries)}}
    if place:
        result["control"] = control_changes(entries, place)
    return result


def merge_events(raw: list[tuple[dict, dict]]) -> list[dict[str, Any]]:
    """One entry per real event, oldest first: reports of the same kind merged by the store's rule
    (pantau.merge), each entry with its sources (article, outlet, evidence)."""
    from . import merge

    by_kind: dict[str, list[dict]] = collections.defaultdict(list)
    sources: dict[str, dict] = {}
    for n, (rec, ev) in enumerate(raw):
        rep = merge.report(merge.article_of(rec), n, ev)
        by_kind[ev.get("kind", "event")].append(rep)
        sources[rep["key"]] = {"article": rec.get("id"), "outlet": _outlet(rec), "published": _date(rec),
                               "path": (rec.get("source") or {}).get("path"),
                               "evidence": (ev.get("evidence") or {}).get("text"),
                               "span": (ev.get("evidence") or {}).get("span"),
                               "attributed_to": ev.get("attributed_to")}
    entries = []
    for kind, reports in by_kind.items():
        for m in merge.merge(reports):
            best = next(r["event"] for r in m["reports"] if r["key"] == m["key"])
            srcs = [sources[r["key"]] for r in m["reports"]]
            entries.append({"kind": kind, "date": m["date"], "earliest": m["earliest"], "latest": m["latest"],
                            "precision": m["precision"], "date_how": (best.get("date") or {}).get("how"),
                            "event_type": m["event_type"], "sub_event_type": m["sub_event_type"],
                            "place": m["place"], "place_detail": m["place_detail"] or None,
                            "actor1": m["actor1"], "actor2": m["actor2"], "fatalities": m["fatalities"],
                            "sources": srcs, "reports": len(srcs),
                            "outlets": sorted({x["outlet"] for x in srcs if x["outlet"]})})
    # by the most likely day (an undated event bounded by 2019..2024 sorts at its likely end, not 2019)
    entries.sort(key=lambda e: (e["date"] or e["earliest"] or "9999", e["earliest"] or ""))
    return entries


def _width(lo: str, hi: str) -> float:
    d = _days(lo, hi)
    return 1e9 if math.isnan(d) else d


@functools.lru_cache(maxsize=1)
def _actor_sides() -> dict[str, str]:
    from .stages.framing import actor_sides

    return actor_sides()


def control_changes(entries: list[dict[str, Any]], place: str) -> list[dict[str, Any]]:
    """Who held the place, and from when, from the territorial events in a merged timeline.

    A capture of the place itself, dated to a week or better, hands it to the capturer; a
    capture of part of it (a district, a camp, an academy) or one dated only to a month makes
    it contested. Consecutive identical states are one period."""
    periods: list[dict[str, Any]] = []
    for e in entries:
        taker_side = TERRITORY.get(e.get("sub_event_type") or "")
        if not taker_side or not e.get("earliest") or e.get("kind", "event") != "event":
            continue
        whole = (e.get("place") or "").casefold() == place.casefold()
        precise = _width(e["earliest"], e["latest"] or e["earliest"]) <= 7
        undated = e.get("precision") in (None, "none", "year")
        who = e.get("actor1") or taker_side
        side = _actor_sides().get(who, taker_side)
        if side not in ("government", "opposition"):
            side = taker_side
        if whole and (precise or undated):
            # an undated capture of the whole place still changes hands (its date is uncertain);
            # a whole-place capture dated only to a month is usually "parts of it" (002: 'sejumlah daerah')
            state = {"who": who, "side": side, "state": "controlled", "date_certain": precise}
        else:
            state = {"who": f"contested: {who} gains ground at {e.get('place') or place}", "side": "contested",
                     "state": "contested"}
        if periods and periods[-1]["side"] == state["side"] and (state["side"] == "contested"
                                                                   or periods[-1]["who"] == state["who"]):
            periods[-1]["evidence"].extend(e["sources"][:2])
            continue
        periods.append(dict(state, **{"from": e.get("date") or e["earliest"],
                                      "earliest": e["earliest"], "latest": e["latest"],
                                      "evidence": e["sources"][:2]}))
    return periods


# -- labels by outlet ---------------------------------------------------------------------------
def compare(store, actor: str) -> dict[str, Any]:
    """The labels each outlet uses for one actor (by table actor or by the group it names)."""
    outlets: dict[str, dict[str, Any]] = {}
    for rec in records_of(store):
        labs = [lab for lab in (rec.get("framing") or {}).get("labels") or []
                if _matches(lab.get("actor"), actor) or _matches(lab.get("refers_to"), actor)]
        if not labs:
            continue
        o = outlets.setdefault(_outlet(rec) or "(unknown)", {"articles": 0, "labels": {}, "valence": collections.Counter()})
        o["articles"] += 1
        for lab in labs:
            key = lab["label"].casefold()
            entry = o["labels"].setdefault(key, {"label": lab["label"], "valence": lab.get("valence"), "count": 0,
                                                 "voices": collections.Counter(), "examples": []})
            entry["count"] += 1
            entry["voices"][lab.get("voice") or "outlet"] += 1
            o["valence"][lab.get("valence")] += 1
            if len(entry["examples"]) < 3:
                entry["examples"].append({"article": rec.get("id"), "span": lab.get("span"),
                                          "attributed_to": lab.get("attributed_to")})
    rows = []
    for name, o in sorted(outlets.items(), key=lambda kv: -kv[1]["articles"]):
        labels = sorted(o["labels"].values(), key=lambda x: -x["count"])
        for lab in labels:
            lab["voices"] = dict(lab["voices"])
        rows.append({"outlet": name, "articles": o["articles"], "valence": dict(o["valence"]), "labels": labels})
    return {"actor": actor, "outlets": rows}


def profiles(store) -> dict[str, Any]:
    """Per outlet: how many of its articles lean which way, and its mean slant score."""
    out: dict[str, dict[str, Any]] = {}
    for rec in records_of(store):
        sl = (rec.get("framing") or {}).get("slant") or {}
        o = out.setdefault(_outlet(rec) or "(unknown)", {"articles": 0, "slant": collections.Counter(), "scores": []})
        o["articles"] += 1
        o["slant"][sl.get("label") or "unknown"] += 1
        if sl.get("label") not in (None, "unknown", "neutral"):
            o["scores"].append(sl.get("score") or 0.0)
    rows = [{"outlet": k, "articles": v["articles"], "slant": dict(v["slant"]),
             "mean_score": round(sum(v["scores"]) / len(v["scores"]), 3) if v["scores"] else None}
            for k, v in sorted(out.items(), key=lambda kv: -kv[1]["articles"])]
    return {"outlets": rows}


# -- terminal tables ----------------------------------------------------------------------------
def _table(headers: list[str], rows: list[list[Any]], widths: list[int] | None = None) -> str:
    cells = [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = widths or [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    fit = lambda s, w: s if len(s) <= w else s[:max(1, w - 1)] + "…"  # noqa: E731
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(fit(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def format_timeline(result: dict[str, Any]) -> str:
    what = " / ".join(f"{k} {result[k]}" for k in ("place", "actor", "story") if result.get(k)) or "all events"
    out = [f"Timeline: {what} — {result['counts']['events']} events from {result['counts']['reports']} reports", ""]
    rows = []
    for e in result["events"]:
        date = e["date"] or (f"{e['earliest']}..{e['latest']}" if e["earliest"] else "?")
        who = e["actor1"] or "?"
        if e.get("actor2"):
            who += f" vs {e['actor2']}"
        if e.get("date_how") in ("milestone", "echo"):
            date += "*" if e["date_how"] == "milestone" else "^"
        what = e.get("sub_event_type") or e.get("event_type")
        if e.get("kind", "event") != "event":
            what = f"({e['kind']}) {what}"
        rows.append([date, what, e.get("place"), who,
                     f"{e['reports']} ({', '.join(e['outlets'])})" if e["outlets"] else e["reports"]])
    out.append(_table(["date", "event", "place", "actors", "reports"], rows, [22, 46, 24, 44, 30]))
    if any(e.get("date_how") in ("milestone", "echo") for e in result["events"]):
        out.append("  ^ dated by a later sentence about the same place   * dated by an event of record "
                   "(data/events/milestones.tsv): the article itself gives no day")
    if result.get("control"):
        out += ["", f"Control of {result['place']}:"]
        out.append(_table(["from", "held by"], [[p["from"], p["who"]] for p in result["control"]], [12, 70]))
    return "\n".join(out)


def format_compare(result: dict[str, Any]) -> str:
    out = [f"Labels for {result['actor']}, by outlet", ""]
    rows = []
    for o in result["outlets"]:
        for lab in o["labels"]:
            voices = ", ".join(f"{k} {v}" for k, v in sorted(lab["voices"].items()))
            rows.append([o["outlet"], lab["label"], lab["valence"], lab["count"], voices])
    out.append(_table(["outlet", "label", "valence", "n", "voice"], rows, [28, 32, 16, 4, 30]))
    return "\n".join(out)


def format_stories(result: dict[str, Any], limit: int = 30) -> str:
    c = result["counts"]
    out = [f"{c['stories']} stories ({c['multi_outlet_stories']} across outlets) over {result['articles']} articles", ""]
    rows = []
    for s in result["stories"][:limit]:
        dates = f"{s['dates'][0]}..{s['dates'][1]}" if s["dates"] else "?"
        flag = f" !{len(s['number_disagreements'])} numbers differ" if s["number_disagreements"] else ""
        rows.append([s["id"], s["size"], dates, ", ".join(s["outlets"]), s["title"] + flag])
    out.append(_table(["story", "n", "dates", "outlets", "title"], rows, [11, 3, 22, 40, 60]))
    for s in result["stories"][:limit]:
        for d in s["number_disagreements"]:
            vals = "; ".join(f"{v['outlet']}: {v['text']}" for v in d["values"])
            out.append(f"  {s['id']} {d['role']} ({d['unit']}): {vals}")
    return "\n".join(out)


def format_duplicates(result: dict[str, Any], limit: int = 30) -> str:
    c = result["counts"]
    out = [f"{c['pairs']} pairs of shared text: {c['republication_pairs']} republications across outlets, "
           f"{c.get('shared_source_pairs', 0)} rewrites of one source text, {c['near_duplicate_pairs']} near-duplicates "
           f"within one outlet; {c['groups']} groups; {c['silent_copies']} copies credit no source", ""]
    rows = []
    for g in result["groups"][:limit]:
        first = g["first"]
        rows.append([len(g["articles"]), f"{first['outlet']} {first['published'] or '?'}" + ("" if first["certain"] else " (?)"),
                     ", ".join(g["outlets"]), ", ".join(g["credited_wires"]) or "-",
                     ", ".join(f"{s['outlet']}" for s in g["silent_copies"]) or "-", first["title"]])
    out.append(_table(["n", "first", "outlets", "credits", "silent copies", "title"], rows, [3, 30, 36, 16, 24, 50]))
    return "\n".join(out)


def format_profiles(result: dict[str, Any]) -> str:
    rows = [[o["outlet"], o["articles"], o["slant"].get("pro-government", 0), o["slant"].get("pro-opposition", 0),
             o["slant"].get("mixed", 0), o["slant"].get("neutral", 0), o["slant"].get("unknown", 0), o["mean_score"]]
            for o in result["outlets"]]
    return _table(["outlet", "articles", "pro-gov", "pro-opp", "mixed", "neutral", "unknown", "mean score"], rows)
