"""Events stage: ACLED-typed who-did-what-to-whom-where-when, each with its evidence.

Reads sentences, entities, timexes, numbers, quotes and the publication date; fills
article["events"] (things the text asserts happened) and article["statements"] (the same shape
for negated, denied, planned, offered and hypothetical ones). Knowledge lives in data files:
pantau/data/events/{triggers,modality,connectives,codebook,actors,borders}.tsv and pantau/data/labels.tsv.

Precision first: a trigger becomes an event only when its type can be told (territory changes
need the winner's side), weak triggers need a place and a date in their own sentence, trigger
words inside names ("Akademi Artileri") are skipped, and one real event told several times in an
article is merged into one record with `also_evidence`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from typing import Any

from ..nlp import fastre, quantities
from ..nlp import kb as kbmod
from ..nlp.countries import acled_name
from ..nlp.event_detector import HISTORY_DAYS, Detector, detector, features as detector_features
from ..nlp.geo import admin1_names, km as _km
from ..nlp.outlets import dateline_regexes
from ..nlp.outlets import regexes as outlet_regexes
from ..nlp.text import load_roles, load_tsv, sentence_spans
from ..record import short_hash

WORD = re.compile(r"[^\W_](?:[\w'\u2019\-/]*[^\W_])?")
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
ARMED_SIDES = frozenset({"government", "opposition", "external"})
# events dated more than this before publication are background, not news. The coding rules say ~60
# days (HISTORY_DAYS, used when the publication day is known and the event's own words date it); a
# year is kept otherwise because an inferred publication date can be months early (an undated reprint)
BACKGROUND_DAYS = 365
MERGE_KM = 50.0
# what the detector's kind model may call a doubted trigger hit: kept apart as a statement of that kind
KEPT_KINDS = frozenset({"aggregate", "background", "plan"})
# modalities of modality.tsv that are asserted in form but no event to count: a statement of that kind
CUE_KINDS = frozenset({"aggregate", "background"})


def _bounded(pattern: str) -> re.Pattern:
    return re.compile(r"(?<![\w\-])(?:" + pattern + r")(?![\w\-])", re.I)


@functools.lru_cache(maxsize=None)
def triggers() -> list[dict[str, Any]]:
    rows = []
    for row in load_tsv("events/triggers.tsv"):
        rows.append({**row, "re": _bounded(row["pattern"]), "priority": int(row["priority"])})
    return rows


@functools.lru_cache(maxsize=None)
def _prefilter() -> fastre.Prefilter:
    """Speed only: where each trigger (0..n-1), the veto (n) and each label (n+1...) may occur."""
    pats = [t["pattern"] for t in triggers()]
    veto = [r["pattern"] for r in load_tsv("events/veto.tsv")]
    pats.append("(?:" + "|".join(veto) + ")" if veto else "")
    pats += [r["label"] for r in labels()]
    return fastre.Prefilter(pats)


@functools.lru_cache(maxsize=None)
def vetoes() -> re.Pattern | None:
    pats = [r["pattern"] for r in load_tsv("events/veto.tsv")]
    return _bounded("|".join(pats)) if pats else None


@functools.lru_cache(maxsize=None)
def veto_rows() -> list[tuple[re.Pattern, re.Pattern | None]]:
    """Each veto with its exception: (words that veto the sentence, words that keep it anyway or None).
    "suporter" vetoes a football sentence, but "bentrok antarsuporter" is a riot all the same."""
    return [(_bounded(r["pattern"]), _bounded(r["unless"]) if r.get("unless") else None)
            for r in load_tsv("events/veto.tsv")]


def _vetoed(text: str, s: int, e: int) -> bool:
    """Whether a veto of veto.tsv holds in text[s:e] (a veto whose exception also stands there does not)."""
    return any(v.search(text, s, e) and not (u is not None and u.search(text, s, e)) for v, u in veto_rows())


@functools.lru_cache(maxsize=None)
def context_rules() -> dict[tuple[str, str], tuple[re.Pattern, bool, re.Pattern | None, bool]]:
    """(event type, sub-type) -> (words one of which must stand in or beside the sentence,
    whether an armed actor in the event may stand in for them, words of the event's own sentence that
    make it ordinary news however the sentences beside it read or None, whether a strong trigger
    needs no context words)."""
    return {(r["event_type"], r["sub_event_type"]): (_bounded(r["context"]), r.get("armed_actor_suffices") == "yes",
                                                     _bounded(r["exclude"]) if r.get("exclude") else None,
                                                     r.get("strong_suffices") == "yes")
            for r in load_tsv("events/context.tsv")}


def _context_fails(need: tuple, text: str, s: int, e: int, near: tuple[int, int], armed: bool,
                   strong: bool = False) -> bool:
    """Whether a sub-type's context rule (context.tsv) lets a trigger go: a word of its `exclude` in or beside
    the sentence ("ditangkap KPK", "terkait narkoba": a corruption or drug arrest beside a protest is no
    political arrest) that none of its words in the sentence itself outweighs ("terduga teroris … narkoba"),
    or none of its words in or beside the sentence (an armed actor, or a strong trigger that names whom
    it was done to, standing in where the rule allows). A word of the rule that only tells who someone is
    ("politikus", "partai politik": standing in connectives.tsv) does not outweigh an exclude word ("ditangkapnya
    politikus … terkait narkoba")."""
    rule, armed_suffices, exclude, strong_suffices = need
    standing = connectives().get("standing", frozenset())
    if exclude is not None and exclude.search(text, *near) \
            and not any(m.group().lower() not in standing for m in rule.finditer(text, s, e)):
        return True
    if (armed_suffices and armed) or (strong_suffices and strong):
        return False
    return not rule.search(text, *near)


@functools.lru_cache(maxsize=None)
def yields() -> dict[str, frozenset[str]]:
    """trigger pattern -> event types that, in the same sentence, tell the same happening more exactly."""
    out: dict[str, set[str]] = {}
    for r in load_tsv("events/yields.tsv"):
        out.setdefault(r["pattern"], set()).add(r["stronger"])
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def modality_cues() -> list[dict[str, Any]]:
    return [{**row, "re": _bounded(row["cue"]), "reach": int(row["reach"]),
             "not_for": frozenset(x for x in (row.get("not_for") or "").split("|") if x)}
            for row in load_tsv("events/modality.tsv")]


@functools.lru_cache(maxsize=None)
def connectives() -> dict[str, frozenset[str]]:
    return load_roles("events/connectives.tsv")


@functools.lru_cache(maxsize=None)
def place_cues() -> dict[str, frozenset[str]]:
    """role -> the words of pantau/data/events/place_cues.tsv (where an act of leaving happened)."""
    return load_roles("events/place_cues.tsv")


@functools.lru_cache(maxsize=None)
def place_words() -> dict[str, str]:
    """word -> how it reads the place named after it (pantau/data/place_words.tsv)."""
    return {r["word"]: r["reading"] for r in load_tsv("place_words.tsv")}


@functools.lru_cache(maxsize=None)
def codebook() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["event_type"], r["sub_event_type"]): r for r in load_tsv("events/codebook.tsv")}


@functools.lru_cache(maxsize=None)
def actor_table() -> dict[str, dict[str, str]]:
    return {r["canonical"].lower(): r for r in load_tsv("events/actors.tsv")}


@functools.lru_cache(maxsize=None)
def labels() -> list[dict[str, Any]]:
    """Named labels and epithets (labels.tsv, shared with the framing stage), then the common nouns
    for parties that only this stage reads (events/actor_words.tsv)."""
    return [{**r, "re": _bounded(r["label"])} for r in load_tsv("labels.tsv") + load_tsv("events/actor_words.tsv")]


@functools.lru_cache(maxsize=None)
def acled_actor_names() -> dict[str, tuple[str, str]]:
    """canonical (lower-cased) -> (ACLED name, where it applies: "*" or "violent"); events/acled_actors.tsv."""
    return {r["canonical"].lower(): (r["acled"], r["applies"]) for r in load_tsv("events/acled_actors.tsv")}


@functools.lru_cache(maxsize=None)
def country_of_forms() -> dict[str, str]:
    return {r["iso2"]: r["of_form"] for r in load_tsv("events/acled_country_forms.tsv")}


def acled_country_in_name(iso2: str | None) -> str | None:
    """A country as ACLED writes it inside an actor name ("the United States")."""
    if not iso2:
        return None
    return country_of_forms().get(iso2.upper()) or acled_name(iso2)


def acled_actor_name(canonical: str | None, event_type: str, country: str | None) -> str | None:
    """The ACLED codebook's name for an actor: "Indonesian National Police" -> "Police Forces of
    Indonesia", a state acting with force -> its military, "{country}" filled with `country` (ISO2);
    None when the name needs a country nobody knows."""
    if not canonical:
        return canonical
    name, applies = acled_actor_names().get(canonical.lower(), (canonical, "*"))
    if applies == "violent" and event_type not in VIOLENT:
        name = canonical
    if "{country}" in name:
        # "Military Forces of the United States" but "Civilians (United States)"
        place = acled_name(country) if country and "({country})" in name else acled_country_in_name(country)
        if place is None:
            return None
        name = name.replace("{country}", place)
    return name


# ---------------------------------------------------------------- small helpers

def _words(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in WORD.finditer(text[s:e])]


def _has_break(text: str, s: int, e: int, *, cross_bahwa: bool = False) -> bool:
    """A clause boundary between s and e (sentence punctuation or a subordinator)."""
    seg = text[s:e]
    if re.search(r"[;:.!?]", seg) and not cross_bahwa:
        return True
    words = {seg[a - s:b - s].lower() for a, b in _words(text, s, e)}
    if words & connectives().get("break", frozenset()):
        return True
    return False


def _parse_date(value: str | None) -> tuple[dt.date, dt.date, str] | None:
    """A TIMEX3 value -> (earliest, latest, precision); None when it names no calendar period."""
    if not value or not isinstance(value, str) or value[:1] in "XP" or value.endswith("_REF"):
        return None
    if "/" in value:
        a, b = (_parse_date(v) for v in value.split("/", 1))
        if a and b:
            days = (b[1] - a[0]).days
            return a[0], b[1], "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
            d = dt.date.fromisoformat(value[:10])
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + dt.timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
            return dt.date(y, mo, 1), last, "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"
    except ValueError:
        return None
    return None


def _apply_mod(parsed, mod: str | None):
    """TimeML START/MID/END narrow a month ("awal Desember" -> 1-10 December)."""
    if not parsed or not mod or parsed[2] != "month":
        return parsed
    lo, hi, _ = parsed
    if mod == "START":
        return lo, lo + dt.timedelta(days=9), "week"
    if mod == "MID":
        return lo + dt.timedelta(days=10), lo + dt.timedelta(days=19), "week"
    if mod == "END":
        return lo + dt.timedelta(days=20), hi, "week"
    return parsed


def _precision_of(lo: dt.date, hi: dt.date) -> str:
    days = (hi - lo).days
    return "day" if days == 0 else "week" if days <= 10 else "month" if days <= 31 else "year" if days <= 366 else "none"


def _date_obj(earliest: dt.date | None, latest: dt.date | None, precision: str,
              value: dt.date | None = None, how: str = "text", evidence: dict | None = None) -> dict[str, Any]:
    """`how` says where the date comes from: "text" (a date in the event's sentence, `evidence`
    points at it), "echo" (a later sentence dates the same event at the same place: "keberhasilan
    di Handarat pada Kamis (29/9)"), "milestone" (a dated event of record, data/events/milestones.tsv),
    "publication" (the week before publication) or "none"."""
    if earliest is None and latest is None:
        return {"value": None, "earliest": None, "latest": None, "precision": "none", "how": "none"}
    if value is None and precision != "none":  # no single day to offer when nothing narrows it
        value = earliest if precision == "day" else latest or earliest
    out = {"value": value.isoformat() if value else None,
           "earliest": earliest.isoformat() if earliest else None,
           "latest": latest.isoformat() if latest else None, "precision": precision, "how": how}
    if evidence is not None:
        out["evidence"] = evidence
    return out


def _iso(d: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(d[:10]) if d else None
    except (ValueError, TypeError):
        return None



# ---------------------------------------------------------------- context of one article

# KB areas with no point that are still where an act happens, by name: a strait or sea where a ship is hit
# or mines are laid (a region such as "Timur Tengah" is not: nothing happens "in the Middle East" as a place)
NAMED_AREAS = ("place:sea:",)


@functools.lru_cache(maxsize=None)
def _war_noun_re() -> re.Pattern | None:
    """A war noun of connectives.tsv (war_noun) and the words that open its two sides ("konflik bersenjata
    antara ")."""
    words = sorted(connectives().get("war_noun", frozenset()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")(?:\s+bersenjata)?(?:\s+antara)?\s+", re.I) \
        if words else None


class Context:
    """What the whole article tells every sentence: places, actors, publication window."""

    def __init__(self, article: dict[str, Any], model: Detector | None = None):
        self.article = article
        self.text = article.get("text") or ""
        self.entities = sorted([e for e in article.get("entities") or [] if e.get("span")],
                               key=lambda e: e["span"][0])
        self.timexes = [t for t in article.get("timexes") or [] if t.get("span")]
        self.numbers = [n for n in article.get("numbers") or [] if n.get("span")]
        self.quotes = [q for q in article.get("quotes") or [] if q.get("span")]
        self.may = _prefilter().scan(self.text)  # speed only: where patterns may match
        # the triggers that may occur anywhere in the article, in table order
        self.present_triggers = [(i, t) for i, t in enumerate(triggers()) if self.may.may_match(i)]
        pub = article.get("published") or {}
        self.pub_date = _iso(pub.get("date"))
        self.pub_earliest = _iso(pub.get("earliest")) or self.pub_date
        self.pub_latest = _iso(pub.get("latest")) or self.pub_date
        self.datelines = _datelines(self.text, article.get("body_start") or 0)
        # the opening dateline's end (-1 without one): actors are read after it
        opening = [b for a, b in self.datelines[:1] if a == (article.get("body_start") or 0)]
        self.dateline_end = opening[0] if opening else -1
        # the city a story was filed from is where nothing happened (nor the article's main place)
        self._longer_names = {e["text"] for e in self.entities if " " in e["text"] and not _is_place(e)}
        self.places = [e for e in self.entities if _is_place(e) and not self.in_dateline(e) and not self.in_name(e)]
        # names of places the KB cannot link ("Desa Suka Maju", "Kampung Cabang Empat", "Khan Sheikhoun"):
        # an event may carry one by its words (see _named_place)
        self.named = [e for e in self.entities if self._unlinked_place(e)]
        countries = Counter((e.get("geo") or {}).get("country") for e in self.places)
        countries.pop(None, None)
        self.country = countries.most_common(1)[0][0] if countries else None
        self.label_hits = self._label_hits()
        # both lists are in text order: a sentence's share is found by bisection (actors_in)
        self.entity_starts = [e["span"][0] for e in self.entities]
        self.label_starts = [h["span"][0] for h in self.label_hits]
        sub_country = [p for p in self.places if _place_rank(p) >= 2]
        common = Counter((p.get("canonical") or p["text"]) for p in sub_country).most_common(1)
        self.main_place = next((p for p in sub_country if (p.get("canonical") or p["text"]) == common[0][0]),
                               None) if common else None
        self.detector = model or detector()
        self.guard = self.detector.guard if self.detector else 0.0
        self.weak_pass = self.detector.weak_pass if self.detector else 1.1
        self.kind_cut = self.detector.kind_cut if self.detector else 0.0
        self._feats: dict[tuple[int, int], list[str]] = {}
        self._p_event: dict[tuple[int, int], float] = {}
        # the article's sentences (set by extract): a sentence's neighbours are detector features
        self.sentences: list[tuple[int, int]] = []
        self._sentence_no: dict[tuple[int, int], int] = {}
        self._belligerents: list[tuple[dict, dict]] | None = None  # see belligerents()

    def in_dateline(self, ent: dict) -> bool:
        """Whether an entity stands in a dateline of the body ("Liputan6.com, Jakarta -"): the city
        the story was filed from, not where anything happened. The headline before it is no dateline."""
        return any(a <= ent["span"][0] and ent["span"][1] <= b for a, b in self.datelines)

    def _unlinked_place(self, ent: dict) -> bool:
        """Whether an entity names a place with no KB entry: tagged a place (or, as the tagger often does
        with foreign and street names, a person right after "di" or "dekat", or after "di" and a place
        noun: "di Khan Sheikhoun", "di kawasan Thamrin") with no geo at all; not a linked region ("Timur
        Tengah" has geo with no point), an embassy or a capital that speaks, nor a dateline. An
        organisation after "di" is mostly where someone works or posts ("di Twitter", "di KPU"): none."""
        if str(ent.get("id") or "").startswith(NAMED_AREAS) and (ent.get("geo") or {}).get("lat") is None:
            return not self.in_dateline(ent)
        if ent.get("geo") is not None or ent.get("id") is not None or ent.get("subtype") in ("diplomatic", "government"):
            return False
        if self.in_dateline(ent) or self.in_name(ent) or len(ent["text"]) < 3 or not ent["text"][0].isupper():
            return False
        if ent.get("type") in ("LOC", "GPE", "FAC"):
            return True
        if ent.get("type") != "PER":
            return False
        before = [self.text[a:b].lower() for a, b in _words(self.text, max(0, ent["span"][0] - 40), ent["span"][0])[-2:]]
        if not before or re.search(r"[,;:.!?()\"\n]", self.text[ent["span"][0] - 2:ent["span"][0]]):
            return False
        # "ke"/"menuju" + a person is whom something went to; "Wali Kota X", "warga sekitar X" are people
        return before[-1] in ("di", "dekat") or (len(before) == 2 and before[0] == "di"
                                                  and place_words().get(before[1]) == "locative")

    def in_name(self, ent: dict) -> bool:
        """Whether a place name is the last word of a longer name, no place itself: after an English
        preposition in a capitalised name ("Global March to Gaza", "The Times of Israel", "Bank of
        Israel"), or after the words the article elsewhere writes with it as one name that is no place
        ("Iron Dome": "Dome" alone in one sentence, "Iron Dome" in the others)."""
        before = self.text[max(0, ent["span"][0] - 40):ent["span"][0]]
        if _NAME_PREPOSITION.search(before):
            return True
        m = re.search(r"([A-Z][\w'\-]*)\s+$", before)
        return bool(m) and f"{m.group(1)} {ent['text']}" in self._longer_names

    def features(self, s: int, e: int) -> list[str]:
        """The detector's features of the sentence text[s:e], with its neighbours when it is one of
        the article's sentences."""
        if (s, e) not in self._feats:
            if len(self._sentence_no) != len(self.sentences):
                self._sentence_no = {span: k for k, span in enumerate(self.sentences)}
            k = self._sentence_no.get((s, e))
            prev = self.sentences[k - 1] if k else None
            nxt = self.sentences[k + 1] if k is not None and k + 1 < len(self.sentences) else None
            self._feats[(s, e)] = detector_features(self.article, s, e, prev, nxt)
        return self._feats[(s, e)]

    def p_event(self, s: int, e: int) -> float | None:
        """The learned detector's probability that the sentence text[s:e] asserts an event."""
        if self.detector is None:
            return None
        if (s, e) not in self._p_event:
            self._p_event[(s, e)] = self.detector.p_event(self.features(s, e))
        return self._p_event[(s, e)]

    def kind(self, s: int, e: int) -> str | None:
        """What the sentence text[s:e] is when it is no event (aggregate, background, plan, other)."""
        return self.detector.kind(self.features(s, e)) if self.detector else None

    def _label_hits(self) -> list[dict[str, Any]]:
        """Every label occurrence (longest wins where labels overlap), for this article's country."""
        hits = []
        first_label = len(triggers()) + 1
        for li, row in enumerate(labels()):
            ctx = row.get("context") or "*"
            if ctx != "*" and self.country and ctx != self.country:
                continue
            if ctx != "*" and not self.country and ctx != "SY" and ctx != "*":
                continue
            if not self.may.may_match(first_label + li):
                continue  # cannot occur (see fastre)
            for m in row["re"].finditer(self.text):
                hits.append({"text": m.group(), "span": [m.start(), m.end()], "canonical": row["actor"],
                             "side": row["side"], "label": True, "context": ctx})
        # specific context first, then longer spans
        hits.sort(key=lambda h: (h["span"][0], -(h["span"][1] - h["span"][0]), h["context"] == "*"))
        kept: list[dict] = []
        for h in hits:
            if kept and h["span"][0] < kept[-1]["span"][1]:
                continue
            kept.append(h)
        for h in kept:
            if "{country}" in h["canonical"]:
                self._country_after(h)
        return kept

    def belligerents(self) -> list[tuple[dict, dict]]:
        """The pairs of states the article names as the two sides of a war or armed conflict ("perang
        Israel-Iran", "konflik bersenjata antara Israel dan Iran"), in text order."""
        if self._belligerents is None:
            self._belligerents = []
            rx = _war_noun_re()
            if rx is not None:
                for m in rx.finditer(self.text):
                    acts = [a for a in actors_in(self, m.end(), min(len(self.text), m.end() + 60))
                            if a.get("side") in ("government", "external")]
                    if len(acts) >= 2 and acts[0]["span"][0] == m.end() and re.fullmatch(
                            r"\s*(?:-|–|dan|dengan|melawan|versus|vs\.?)\s*", self.text[acts[0]["span"][1]:acts[1]["span"][0]], re.I):
                        self._belligerents.append((acts[0], acts[1]))
        return self._belligerents

    def _country_after(self, hit: dict) -> None:
        """"Kepolisian Prancis", "Angkatan Udara Suriah", "pasukan AS": a country named right after
        the words (one word may stand between) is whose force it is; the hit takes its words."""
        end = hit["span"][1]
        for ent in self.entities:
            a, b = ent["span"]
            if a < end:
                continue
            if a - end > 20 or len(_words(self.text, end, a)) > 1 or re.search(r"[,;.:()]", self.text[end:a]):
                break
            iso = (ent.get("geo") or {}).get("country")
            if iso and _place_rank(ent) <= 1:
                hit["country"] = iso
                hit["span"] = [hit["span"][0], b]
                hit["text"] = self.text[hit["span"][0]:b]
                return


# a capitalised word and an English preposition: the name goes on ("Global March to Gaza")
_NAME_PREPOSITION = re.compile(r"\b[A-Z][\w'\-]*\s+(?:to|of|for)\s+$")


def _dateline_end(text: str, start: int) -> int:
    """Where the opening dateline of the body ends (-1 when it has none): the patterns the clean and
    provenance stages read datelines with (pantau/nlp/outlets.py)."""
    line = text[start:].split("\n", 1)[0]
    ends = [m.end() for rx in (*dateline_regexes(), outlet_regexes()["dateline_paren"]) if (m := rx.match(line))]
    return start + max(ends) if ends else -1


def _datelines(text: str, body_start: int) -> list[tuple[int, int]]:
    """The (start, end) of each dateline of the body: its opening one and any paragraph of it that opens
    with one (a scrape may repeat the story after an embed's text: "…Loading…\nREPUBLIKA.CO.ID, TEHERAN—
    Militer Iran …")."""
    out = []
    for start in [body_start] + [body_start + m.end() for m in re.finditer(r"\n\s*", text[body_start:])]:
        if (end := _dateline_end(text, start)) >= 0:
            out.append((start, end))
    return out


def _is_place(ent: dict) -> bool:
    geo = ent.get("geo") or {}
    return geo.get("lat") is not None and geo.get("lon") is not None


def _place_rank(ent: dict) -> float:
    """How specific a geocoded place is: 1 country, 2 province, 3 city, 4 district/camp/neighbourhood."""
    if ent.get("_named"):
        return 3.5  # a village, street or building the text names: finer than the towns the KB knows
    geo = ent.get("geo") or {}
    level = str(geo.get("level") or geo.get("feature") or geo.get("kind") or "").lower()
    for key, rank in (("country", 1), ("admin1", 2), ("province", 2), ("governorate", 2), ("admin2", 2.5),
                      ("city", 3), ("town", 3), ("admin3", 3), ("village", 4), ("neighbourhood", 4),
                      ("district", 3.5), ("camp", 4), ("poi", 4), ("facility", 4), ("airport", 4)):
        if level.startswith(key):
            return rank
    name = (ent.get("canonical") or ent.get("text") or "").lower()
    if not geo.get("admin1") or name in {str(geo.get("country_name") or "").lower()}:
        return 1
    if name == str(geo.get("admin1")).lower():
        return 2
    return 3


def _actor_of_entity(ent: dict) -> dict[str, Any] | None:
    canon = ent.get("canonical")
    row = actor_table().get((canon or "").lower())
    etype = ent.get("type")
    if etype in ("LOC", "GPE") and row is None:
        return None  # places are not actors unless listed as acting states
    if etype not in ("PER", "ORG", "NORP", "LOC", "GPE"):
        return None
    return {"text": ent["text"], "span": list(ent["span"]), "canonical": canon,
            "side": row["side"] if row else None, "id": ent.get("id"), "type": etype}


def actors_in(ctx: Context, s: int, e: int) -> list[dict[str, Any]]:
    """Actor mentions in text[s:e]: labels ("pasukan rezim") and actor entities, longest first where they overlap."""
    cands = []
    hits = ctx.label_hits
    for i in range(bisect.bisect_left(ctx.label_starts, s), bisect.bisect_right(ctx.label_starts, e)):
        if hits[i]["span"][1] <= e:
            cands.append(dict(hits[i]))
    ents = ctx.entities
    for i in range(bisect.bisect_left(ctx.entity_starts, s), bisect.bisect_right(ctx.entity_starts, e)):
        # "Jakarta, CNN Indonesia -- Kepolisian": a name the tagger runs across the dateline is the outlet's
        if ents[i]["span"][1] <= e and ents[i]["span"][0] >= ctx.dateline_end:
            act = _actor_of_entity(ents[i])
            if act:
                cands.append(act)
    cands.sort(key=lambda c: (c["span"][0], -(c["span"][1] - c["span"][0])))
    kept: list[dict] = []
    for c in cands:
        if kept and c["span"][0] < kept[-1]["span"][1]:
            prev = kept[-1]
            # an entity inside a label keeps the label's words but the entity's identity when it has one
            if c.get("canonical") and actor_table().get(c["canonical"].lower()) and prev.get("label") \
                    and c["span"][1] - c["span"][0] >= prev["span"][1] - prev["span"][0]:
                kept[-1] = c
            continue
        kept.append(c)
    for c in kept:
        if not c.get("side") and c.get("canonical"):
            row = actor_table().get(c["canonical"].lower())
            c["side"] = row["side"] if row else None
    return _appositions(ctx.text, _acronym_names(ctx, s, e, kept))


# a run of capitalised words right before a bracketed acronym: "Front Pembebasan Moro Bersatu (FPMB)"
_ACRONYM_NAME = re.compile(r"((?:[A-Z][\w'\-]*\s+){0,7}[A-Z][\w'\-]*)\s*\(([A-Z][A-Z0-9\-]{1,7})\)")


def _acronym_names(ctx: Context, s: int, e: int, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A name written with its acronym in brackets ("Penyelamat Rohingya Arakan (ARSA)", "Front
    Pembebasan Moro Bersatu (FPMB)") is one organisation: one actor spanning both, the one the
    knowledge base knows for either part where it knows one (its canonical name and side), else the name
    as written with its acronym. The words inside it are not actors of their own ("Bersatu", "Tentara")."""
    text = ctx.text
    for m in _ACRONYM_NAME.finditer(text, s, e):
        a, b = m.start(1), m.end()
        words = m.group(1).split()
        # the run starts after a sentence's first word only when that word is the name's own
        inside = [c for c in kept if a <= c["span"][0] and c["span"][1] <= b]
        if not inside and len(words) < 2:
            continue
        # the KB's identity of the whole name or of the acronym ("Bersatu" alone inside it is another party)
        whole_or_acr = [c for c in inside if c.get("id") and (c["span"] == [m.start(2), m.end(2)]
                                                              or (c["span"][0] == a and c["span"][1] >= m.end(1)))]
        known = next((c for c in whole_or_acr if c.get("side")), None) or next(iter(whole_or_acr), None)
        whole = {"text": text[a:b], "span": [a, b], "type": "ORG",
                 "canonical": known["canonical"] if known else f"{m.group(1)} ({m.group(2)})",
                 "side": (known or {}).get("side"), "id": (known or {}).get("id")}
        if any(c["span"][0] < a < c["span"][1] or c["span"][0] < b < c["span"][1] for c in kept if c not in inside):
            continue  # a label or name that runs across its edge ("kelompok bersenjata Front …" is fine; overlap is not)
        kept = sorted([c for c in kept if c not in inside] + [whole], key=lambda c: c["span"][0])
    return kept


def _appositions(text: str, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A name the tables do not know, right after an armed actor ("kelompok bersenjata Pasukan Penyelamat
    Rohingya Arakan (ARSA)"), is that actor again and stands on its side."""
    for a, b in zip(kept, kept[1:]):
        if a.get("side") in ARMED_SIDES and not b.get("side") and b.get("type") in ("ORG", None) \
                and re.fullmatch(r"\s*\(?\s*|\s+[A-Z][\w-]*\s+", text[a["span"][1]:b["span"][0]]):
            # a capitalised word between is the name's own, the tagger left it out ("… Pasukan Penyelamat …")
            b["side"] = a["side"]
    return kept


def _targets_people(event_type: str, sub_type: str) -> bool:
    return event_type in ("Violence against civilians", "Riots", "Explosions/Remote violence") \
        or sub_type in ("Arrests", "Abduction/forced disappearance")


def _actors_as_acled(ctx: Context, event_type: str, s: int, e: int, ts: int, te: int, place: dict | None,
                     a1: dict | None, a2: dict | None, sub_type: str = "") -> dict[str, Any]:
    """actor1 and actor2 as the ACLED codebook names them. A protest's actor1 is "Protesters (Country)"
    and a riot's "Rioters (Country)", whatever group the text names (that group is the associated
    actor, `assoc_actor1`); their words are the crowd's ("massa", "demonstran") or else the trigger's."""
    where = (place or {}).get("country") or ctx.country
    if a2 is not None and a2.get("type") == "PER" and not a2.get("side") and _targets_people(event_type, sub_type):
        # a named person hurt, held or killed is a civilian to the codebook: "Civilians (Country)"
        a2 = dict(a2, canonical="Civilians", side="civilians", person=a2.get("canonical") or a2["text"])
    if a2 is None and sub_type == "Arrests":
        # "dua orang juga ditangkap kepolisian": people counted as held, of no named group, are civilians
        held = next((n for n in ctx.numbers if s <= n["span"][0] and n["span"][1] <= e and n.get("role") == "arrested"), None)
        if held is not None:
            a2 = {"text": held["text"], "span": list(held["span"]), "canonical": "Civilians", "side": "civilians"}
    out = {"actor1": _public_actor(a1, event_type, where), "actor2": _public_actor(a2, event_type, where)}
    if event_type not in ("Protests", "Riots"):
        return out
    role = "Protesters" if event_type == "Protests" else "Rioters"
    country = acled_name(where)
    span = _crowd_words(ctx, s, e, ts) or (ts, te)
    crowd = {"text": ctx.text[span[0]:span[1]], "span": list(span),
             "canonical": f"{role} ({country})" if country else role,
             "side": "protesters" if event_type == "Protests" else "rioters"}
    if a1 is not None and a1.get("side") not in ARMED_SIDES and a1.get("side") != "rioters":
        out["assoc_actor1"] = out["actor1"]
    elif a1 is not None and a1.get("side") in ARMED_SIDES and a2 is None:
        out["actor2"] = out["actor1"]  # police who broke up the protest
    out["actor1"] = crowd
    return out


def _crowd_words(ctx: Context, s: int, e: int, ts: int) -> tuple[int, int] | None:
    """The words of the sentence text[s:e] that name the crowd, nearest the trigger."""
    words = connectives().get("crowd_noun", frozenset())
    best = None
    for a, b in _words(ctx.text, s, e):
        if ctx.text[a:b].lower() in words and (best is None or abs(a - ts) < abs(best[0] - ts)):
            best = (a, b)
    return best


def civilian_targeting(event_type: str | None, actor2: dict | None, sub_event_type: str | None = None) -> bool:
    """ACLED's `civilian_targeting`: every Violence against civilians, and explosions or mob violence
    whose target (actor2) is civilians."""
    if event_type == "Violence against civilians":
        return True
    return (actor2 or {}).get("side") == "civilians" and (
        event_type == "Explosions/Remote violence" or sub_event_type == "Mob violence")


def _public_actor(a: dict | None, event_type: str = "", country: str | None = None) -> dict[str, Any] | None:
    """An actor as the record gives it: `canonical` is the ACLED codebook's name ("Police Forces of
    France", "Civilians (Palestine)"), `linked` the name entity linking or the label gave when it differs."""
    if not a:
        return None
    linked = a.get("canonical")
    name = acled_actor_name(linked, event_type, a.get("country") or country)
    if name is None:  # "{country}" with no country known: the words' own force, unnamed
        name = linked.replace(" of {country}", "").replace(" ({country})", "")
    side = a.get("side")
    if side == "government" and "{country}" in (linked or "") and a.get("country") and country \
            and a["country"] != country:
        side = "external"  # "pasukan AS" in Afghanistan: a state's forces abroad are no side of its conflict
    out = {"text": a["text"], "span": list(a["span"]), "canonical": name, "side": side}
    linked = a.get("person") or linked
    if linked and linked != name:
        out["linked"] = linked
    return out


# ---------------------------------------------------------------- one sentence

def _cue_found(cue: dict, m: re.Match) -> dict:
    """The cue as a statement shows it ({text, span}); `_lifted_by_day` when a day or hours the sentence
    gives make the act one event after all (unless_dated of modality.tsv)."""
    found = {"text": m.group(), "span": [m.start(), m.end()]}
    if cue.get("unless_dated") == "yes":
        found["_lifted_by_day"] = True
    return found


def _within_a_day(ctx: Context, s: int, e: int, ts: int, te: int, date: dict, own_date: bool,
                  since: bool = True) -> bool:
    """Whether the sentence text[s:e] dates the act at ts..te to one day (a date of its own to the day
    that belongs to it: no other act's trigger, no verb of saying, no clause break and no word of a cause
    between them, as in "terus saling tembak, kata kementerian … pada Rabu (18/6)" or "terlibat kontak
    senjata, yang dipicu serangan Israel … pada 13 Juni"), names the day it began ("sejak Kamis (12/06)
    malam") or puts it within hours ("selama beberapa jam terakhir", "malam ini": within_day of
    connectives.tsv)."""
    span = ((date.get("evidence") or {}).get("span")) if own_date and date.get("precision") == "day" else None
    if span:
        a, b = (te, span[0]) if span[0] >= te else (span[1], ts)
        between = set(_gap_words(ctx, a, b))
        con = connectives()
        other_act = any(t["re"].search(ctx.text, a, b) for _, t in ctx.present_triggers)
        links = con.get("speech_verb", frozenset()) | con.get("break", frozenset())
        if span[0] >= te:  # a cause told after the act has a date of its own ("Pada Senin, 120 tewas akibat …" does not)
            links = links | con.get("cause_link", frozenset())
        if not other_act and not between & links:
            return True
    # "Sejak Kamis (12/06) malam, Teheran telah berulang kali dibombardir": the day a campaign began is
    # told, and its first act is an event of its own (as "Sejak Jumat (13/6), Israel telah melancarkan …")
    if since and _since_day(ctx, s, e):
        return True
    words = " " + " ".join(_gap_words(ctx, s, e)) + " "
    return any(f" {w} " in words for w in connectives().get("within_day", frozenset()))


def _since_day(ctx: Context, s: int, e: int) -> bool:
    """Whether text[s:e] names the day something began ("sejak Kamis (12/06) malam": a day after a not_date
    word of connectives.tsv)."""
    since = connectives().get("not_date", frozenset())
    for t in ctx.timexes:
        if s <= t["span"][0] and t["span"][1] <= e and t.get("type") in ("DATE", "TIME"):
            parsed = _parse_date(t.get("value"))
            words = set(_gap_words(ctx, max(s, t["span"][0] - 12), t["span"][0])) | set(_gap_words(ctx, *t["span"])[:1])
            if parsed and parsed[2] == "day" and words & since:
                return True
    return False


def _modality(ctx: Context, sent_start: int, trig_start: int, sub_type: str,
              trig_end: int | None = None, sent_end: int | None = None,
              event_type: str | None = None) -> tuple[str, dict | None]:
    """What a trigger reports, from the nearest cue of modality.tsv before it; when none stands
    before it and the trigger's end and sentence's end are given, from the nearest cue after it
    (side `after`: "serangan rudal yang datang bertubi-tubi", "demonstrasi mingguan")."""
    text = ctx.text
    best = None
    for cue in modality_cues():
        applies = cue.get("applies_to") or "*"
        if applies != "*" and applies != sub_type or cue.get("side") == "after" or event_type in cue["not_for"]:
            continue
        for m in cue["re"].finditer(text, sent_start, trig_start):
            between = _words(text, m.end(), trig_start)
            if len(between) > cue["reach"]:
                continue
            if _has_break(text, m.end(), trig_start, cross_bahwa=cue["reach"] >= 10):
                continue
            dist = len(between)
            if best is None or dist < best[0]:
                best = (dist, cue["modality"], _cue_found(cue, m))
    if best is None and trig_end is not None and sent_end is not None:
        for cue in modality_cues():
            applies = cue.get("applies_to") or "*"
            if applies != "*" and applies != sub_type or cue.get("side") != "after" or event_type in cue["not_for"]:
                continue
            m = cue["re"].search(text, trig_end, sent_end)
            if m is None or len(_words(text, trig_end, m.start())) > cue["reach"] \
                    or _has_break(text, trig_end, m.start()):
                continue
            dist = len(_words(text, trig_end, m.start()))
            if best is None or dist < best[0]:
                best = (dist, cue["modality"], _cue_found(cue, m))
    if best is None:
        return "asserted", None
    return best[1], best[2]


def _inside_name(ctx: Context, s: int, e: int, in_title: bool) -> bool:
    for ent in ctx.entities:
        es, ee = ent["span"]
        if es <= s and e <= ee and (ee - es) > (e - s):
            return True
    first = ctx.text[s]
    if first.isupper() and not in_title:
        before = ctx.text[:s].rstrip()
        # a dateline's dash opens the story; a line's first word opens a sentence, whatever ends the line
        # before (a headline has no full stop)
        if before and before[-1] not in ".!?\n\"\u201c'(-\u2013\u2014:" and "\n" not in ctx.text[len(before):s]:
            return True  # "Akademi Artileri": a capitalised trigger word mid-sentence is part of a name
    return False


PLACE_REACH = 10  # words between trigger and place: farther places belong to another clause


# "di Pasar Muara Bakti, Kabupaten Bekasi, Jawa Barat", "di Penjaringan (Jakarta Utara)": a capitalised name, then a
# comma, "dan" or an opening bracket, before a place
_LIST_LINK = re.compile(r"(?:[A-Z][\w'\-]*\s+)*[A-Z][\w'\-]*\s*(?:,|\(|\bdan\b)\s*$")


def _place_reading(ctx: Context, s: int, p: dict, origin: int = 0, to: int | None = None) -> int:
    """How the words before a place name read it: 2 where something happened or went ("di Gaza",
    "ke arah Israel"); 0 where the attacker comes from ("dari Iran") or whose it is ("rudal Iran",
    "pasukan Israel"); 1 neither. A name further down an address or a list ("di Pasar Muara Bakti,
    Kabupaten Bekasi, Jawa Barat") reads as the list's head does: the words of the name before it
    ("Kabupaten") say nothing of it. `to`, when given, is how a name after a word of going to reads
    (place_cues.tsv leave_to: where evacuees are taken, for a trigger of leaving)."""
    text, start = ctx.text, p["span"][0]
    for _ in range(4):
        m = _LIST_LINK.search(text, max(s, start - 60), start)
        if not m or m.start() <= s:
            break
        start = m.start()
    spans = _words(text, max(s, start - 30), start)[-2:]
    # a reduplicated plural reads as its noun ("rudal-rudal Teheran" as "rudal Teheran")
    before = [re.sub(r"^(\w+)-\1$", r"\1", text[a:b].lower()) for a, b in spans]
    if spans and re.search(r"[,;:.!?()\"]", text[spans[-1][1]:start]):
        before = []  # "…, Jawa Barat" right after a clause: nothing reads it
    words = place_words()
    if before and before[-1] in connectives().get("place_example", frozenset()):
        # "ke kota-kota di Ukraina, seperti Kharkiv": an example reads as the place it is one of
        head = [q for q in ctx.places if s <= q["span"][0] and q["span"][1] <= spans[-1][0]
                and spans[-1][0] - q["span"][1] <= 4]
        if head:
            return _place_reading(ctx, s, head[-1])
    if before and words.get(before[-1]) == "origin":
        return origin
    if to is not None and before and before[-1] in place_cues().get("leave_to", frozenset()):
        return to
    if before and words.get(before[-1]) in ("locative", "target"):
        return 2
    # a locative word may stand one word back ("di selatan Gaza", "di kota Deraa"); a target word must
    # stand right before the name ("atas permintaan Serbia" is no attack on Serbia)
    if len(before) == 2 and words.get(before[0]) == "locative":
        return 2
    if before and before[-1] in connectives().get("place_owner", frozenset()):
        return 0
    return 1


ATTACKS = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _target_object(ctx: Context, ts: int, te: int, p: dict, bare: bool = True) -> bool:
    """Whether a name after an attack trigger is what was hit, so where it happened: the bare object of
    an attack verb ("Rusia Serang Ukraina", "menyerang Ukraina") or the owner of a target noun between them
    ("menyerang sejumlah fasilitas energi Ukraina", "serangan terhadap situs-situs militer Suriah")."""
    start = p["span"][0]
    if start < te or any(te <= x["span"][0] and x["span"][1] <= start for x in ctx.entities):
        return False  # another name stands between: the place is not the trigger's object
    nouns = connectives().get("target_noun", frozenset())
    words = _words(ctx.text, te, start)
    aim = [k for k, (a, b) in enumerate(words) if place_words().get(ctx.text[a:b].lower()) == "target"]
    if aim and aim[-1] + 1 < len(words):
        # "serangan udara Jumat lalu terhadap situs-situs nuklir, ilmuwan nuklir, dan para pemimpin militer
        # Iran": the object of the target word, a list of things hit that the name closes owns them all
        obj = words[aim[-1] + 1:]
        between = ctx.text[obj[0][0]:start]
        gap = [ctx.text[a:b].lower() for a, b in obj]
        listed = "," in between and gap[-1:] != ["dan"] and bool({"dan", "serta"} & set(gap))
        if re.search(r"[;:.!?()\"\u201c\u201d]", between) or ("," in between and not listed):
            return False
        return len(gap) <= 10 and any(w in nouns for w in gap) and not set(gap) & {"dari", "oleh", "milik"}
    if re.search(r"[,;:.!?()\"\u201c\u201d]", ctx.text[te:start]):
        return False
    gap = [ctx.text[a:b].lower() for a, b in words]
    if not gap:  # the name right after the trigger: its object unless the trigger's last word owns it
        last = ctx.text[ts:te].split()[-1:]
        return bare and bool(last) and _voice(last[0]) == "active"
    return len(gap) <= 6 and any(w in nouns for w in gap) and not set(gap) & {"dari", "oleh", "milik"}


def _passive_subject(ctx: Context, ts: int, te: int, p: dict) -> bool:
    """"selama Iran diserang", "Gaza kembali dibombardir": the name right before a passive attack verb (an
    adverb or "yang" may stand between) is what was hit."""
    if p["span"][1] > ts or _voice(ctx.text[ts:te]) != "passive":
        return False
    gap = _gap_words(ctx, p["span"][1], ts)
    return not re.search(r"[,;:.!?()\"\u201c\u201d]", ctx.text[p["span"][1]:ts]) \
        and len(gap) <= 2 and all(w in connectives().get("passive_link", frozenset()) for w in gap)


def _aimed_at(ctx: Context, s: int, e: int, p: dict) -> bool:
    """Whether the sentence text[s:e] says an attack was aimed at the place: the object of a targeting
    verb, bare or as the owner of a target noun ("… pada 13 Juni, menargetkan fasilitas nuklir dan
    infrastruktur militer Iran", "Serangan udara Israel menyasar titik-titik vital dalam infrastruktur
    energi Iran"): the clause names what was hit even where the trigger is words away."""
    verbs = connectives().get("target_verb", frozenset())
    head = ctx.text[s:p["span"][0]].lower()
    if not any(v in head for v in verbs):
        return False  # most sentences have none: no word-by-word reading
    for a, b in _words(ctx.text, s, p["span"][0]):
        if ctx.text[a:b].lower() in verbs and _target_object(ctx, a, b, p):
            return True
    return False


def _speaks(ctx: Context, p: dict, ts: int) -> bool:
    """"Israel mengatakan bahwa serangan udara mendadaknya …": a country (or province) before the trigger
    whose next word is a verb of saying is who speaks of the act, not where it happened."""
    if _place_rank(p) > 2 or p["span"][1] > ts:
        return False
    nxt = _words(ctx.text, p["span"][1], min(ts, p["span"][1] + 30))[:1]
    verbs = connectives().get("report_verb", frozenset()) | connectives().get("speech_verb", frozenset())
    return bool(nxt) and not re.search(r"[,;:.!?()\"]", ctx.text[p["span"][1]:nxt[0][0]]) \
        and ctx.text[nxt[0][0]:nxt[0][1]].lower() in verbs


def _left_from(ctx: Context, s: int, p: dict) -> bool:
    """"mengungsi dari Teheran", "dievakuasi dari Israel": the place people leave, where they were."""
    before = [ctx.text[a:b].lower() for a, b in _words(ctx.text, max(s, p["span"][0] - 40), p["span"][0])[-2:]]
    return len(before) == 2 and place_words().get(before[1]) == "origin" \
        and before[0] in connectives().get("leave_from", frozenset())


def _reciprocal(ctx: Context, s: int, ts: int) -> bool:
    """"aksi saling serang", "saling menembakkan rudal": the two sides hit each other, each on its own
    ground, so the act has no one place unless the sentence names where. So too when the sentence tells
    the act of two sides at once ("di kedua negara", "kedua belah pihak", "perang antara Iran dan Israel")."""
    if set(_gap_words(ctx, s, ts)[-2:]) & connectives().get("reciprocal", frozenset()):
        return True
    k = bisect.bisect_right([a for a, _ in ctx.sentences], s) - 1
    if 0 <= k < len(ctx.sentences) and ctx.sentences[k][0] == s:
        e = ctx.sentences[k][1]
    else:
        e = ctx.text.find(".", ts) + 1 or len(ctx.text)
    both = _both_sides_re()
    return bool(both and both.search(ctx.text, s, e)) or _between_places(ctx, s, e)


@functools.lru_cache(maxsize=None)
def _both_sides_re() -> re.Pattern | None:
    words = sorted(connectives().get("both_sides", frozenset()), key=len, reverse=True)
    if not words:  # an empty alternation would match everywhere
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def _between_places(ctx: Context, s: int, e: int) -> bool:
    """"antara Iran dan Israel": two places that are the two sides of the act."""
    for m in re.finditer(r"\bantara\s+", ctx.text[s:e], re.I):
        a = s + m.end()
        first = next((p for p in ctx.places if p["span"][0] == a), None)
        if first is None:
            continue
        rest = re.match(r"\s*(?:dan|dengan)\s+", ctx.text[first["span"][1]:e])
        if rest and any(p["span"][0] == first["span"][1] + rest.end() for p in ctx.places):
            return True
    return False


def _place_for(ctx: Context, s: int, e: int, ts: int, te: int, actors: list[dict],
               event_type: str | None = None, owners: bool = False) -> dict | None:
    """Where the act of the trigger text[ts:te] in the sentence text[s:e] happened, or None. With `owners`,
    a name read only as an owner or origin counts too: whether the sentence is tied to a place at all."""
    text = ctx.text

    def in_actor(p):  # "Militer Rusia", "Pasukan Demokratik Suriah": a country inside an actor name is no place
        return any(a["span"][0] <= p["span"][0] and p["span"][1] <= a["span"][1] for a in actors)

    speech = connectives().get("speech_verb", frozenset())

    def near(p):
        a, b = (p["span"][1], ts) if p["span"][1] <= ts else (te, p["span"][0])
        words = _words(text, a, b)
        # "Waktunya bentrok," papar Hasan Nasbi di kantornya, Jakarta Pusat: where the speaker spoke
        return len(words) <= PLACE_REACH and not re.search(r"[;.!?]", text[a:b]) \
            and not (a == te and any(text[x:y].lower() in speech for x, y in words))

    def dist(p):
        return ts - p["span"][1] if p["span"][1] <= ts else p["span"][0] - te

    leaving = bool(set(text[ts:te].lower().split()) & connectives().get("leave_from", frozenset()))

    readings: dict[int, int] = {}
    hit: set[int] = set()  # names read as what was hit: where they stand in the clause does not matter

    def reading(p):
        if p["span"][0] not in readings:
            readings[p["span"][0]] = _reading(p)
        return readings[p["span"][0]]

    def _reading(p):
        # people evacuated, withdrawn or sent home "dari Sudan" leave from there: where it happens; so do
        # people fleeing it whatever the trigger ("mengungsi dari Teheran setelah jet Israel mengebom …")
        r = _place_reading(ctx, s, p, origin=2 if leaving or _left_from(ctx, s, p) else 0, to=0 if leaving else None)
        if r == 1 and _speaks(ctx, p, ts) and not any(
                q is not p and _place_rank(q) == 1 and s <= q["span"][0] and q["span"][1] <= e
                and _place_reading(ctx, s, q) == 0 for q in ctx.places):
            # "Israel mengatakan bahwa serangan udaranya …": the country that speaks of its own act, as
            # "pemerintah Israel" would; one that names another's attacker ("Israel mengatakan 24 orang
            # tewas dalam serangan rudal Iran") speaks of an act on its ground
            r = 0
        if event_type in ATTACKS and r < 2 and (_target_object(ctx, ts, te, p, bare=r == 1) or _aimed_at(ctx, s, e, p)
                                                 or r == 1 and _passive_subject(ctx, ts, te, p)):
            # what was aimed at is where it was hit, even when the word before it reads it as an owner
            # ("menargetkan infrastruktur militer Iran")
            hit.add(p["span"][0])
            return 2
        return r

    def home(p):  # "Kepolisian Prancis menangkap …", "Polda Sulut": police act where they are the police
        for a in actors:
            if a["span"][0] <= p["span"][0] and p["span"][1] <= a["span"][1]:
                first = _words(text, *a["span"])[:1]
                if first and text[first[0][0]:first[0][1]].lower() in connectives().get("home_actor", frozenset()):
                    return True
        return False

    # a name that is also an actor is a place where the words say so: "menghantam rumah sakit di Israel"
    # a name read as whose something is or where it came from ("pemerintah Indonesia", "rudal-rudal
    # Teheran", "perwakilan dari Indonesia") is the actor's home, not where the act happened
    cands = [p for p in ctx.places if s <= p["span"][0] and p["span"][1] <= e
             and (near(p) or reading(p) == 2 and p["span"][0] in hit)
             and not ctx.in_dateline(p) and (not in_actor(p) or reading(p) == 2 or home(p))
             and (owners or reading(p) > 0 or home(p))]
    # a place the KB cannot link, named where the act happened ("dibakar massa di Kampung Cabang Empat",
    # "serangan kimia di Khan Sheikhoun"): nearest the trigger first
    def in_longer_actor(p):  # the tagger's own person for "di Khan Sheikhoun" is the name itself, no actor of it
        return any(a["span"][0] <= p["span"][0] and p["span"][1] <= a["span"][1] and a["span"] != p["span"]
                   for a in actors)

    named = sorted((p for p in ctx.named if s <= p["span"][0] and p["span"][1] <= e and near(p) and not in_longer_actor(p)
                    and _named_reading(ctx, s, ts, te, p, event_type, leaving) == 2), key=lambda p: abs(dist(p)))
    if _reciprocal(ctx, s, ts):  # two sides hitting each other happen where the words say, or nowhere
        cands = [p for p in cands if reading(p) == 2]
    elif event_type in ATTACKS and not any(reading(p) == 2 for p in cands) and not named:
        other = _other_side(ctx, s, e, reading)
        if other is not None:
            return other
    if not cands:
        if named or owners or event_type not in ATTACKS or _reciprocal(ctx, s, ts):
            return _named_place(named[0], None) if named else None
        # "Pemberontak menembakkan sejumlah roket buatan sendiri yang diangkut dengan truk bak terbuka ke arah
        # permukiman padat penduduk di Aleppo": an attack goes where the words after it say, beyond the trigger's
        # reach, in its clause, before a place of another sentence (a clause before it may be another act's:
        # "Sejak pasukan menyerbu Aleppo pekan lalu, …, pemberontak telah menembakkan 400 roket")
        far = [p for p in ctx.places if te <= p["span"][0] and p["span"][1] <= e
               and not ctx.in_dateline(p) and _far_where(ctx, te, p)]
        far = [p for p in far if reading(p) == 2]
        # no anchor for a weak word: a place this far may be where something else stood ("Ledakan terjadi saat
        # roket itu sedang diuji di lokasi peluncuran milik perusahaan swasta di …")
        return {**min(far, key=lambda p: abs(dist(p))), "_far": True} if far else None
    best = max(cands, key=lambda p: (reading(p), _place_rank(p), -abs(dist(p))))
    nearest = min((p for p in cands if reading(p) == 2), key=lambda p: abs(dist(p)), default=best)
    apart = nearest is not best and _new_phrase_between(ctx, nearest, best)
    if apart:
        best = nearest  # "penyerangan gereja di Sleman Yogyakarta dan persekusi … di Tangerang": another act's place
    if reading(best) == 2 and _place_rank(best) == 1:
        # a country where it happened, narrowed to a town of it the clause names (not to the place of the
        # other act just set aside)
        best = _narrowed(ctx, s, e, best, lambda p: 0 if in_actor(p) else reading(p), apart)
    if named and (reading(best) < 2 or _place_rank(best) < 3):
        # the words of the text outrank a regency, a province, a country or a name read only as an owner
        # ("di Desa Cipendawa, Kabupaten Cianjur": the village, within the regency; a town keeps its point)
        within = best if reading(best) == 2 else None  # "kelompok Ambon" says nothing of where the name is
        return _named_place(named[0], within)
    return best


def _far_where(ctx: Context, te: int, p: dict) -> bool:
    """Whether a place after the trigger ending at te, beyond PLACE_REACH, stands in the trigger's clause: no
    sentence end, ";" or contrast ("sementara", "namun") between them, and no verb of saying."""
    a, b = te, p["span"][0]
    if re.search(r"[;.!?]", ctx.text[a:b]) or _CLAUSE_CUT.search(ctx.text, a, b):
        return False
    speech = connectives().get("speech_verb", frozenset())
    return not any(ctx.text[x:y].lower() in speech for x, y in _words(ctx.text, a, b))


@functools.lru_cache(maxsize=None)
def _new_phrase_re() -> re.Pattern:
    """A clause break, or a coordinator (connectives.tsv new_phrase) and then a lower-case word: a new noun
    phrase or clause, not the next part of an address or a list of places ("di Sleman, Yogyakarta", "di
    Aleppo dan Idlib")."""
    words = sorted(connectives().get("new_phrase", ()), key=len, reverse=True)
    return re.compile(r";|\b(?:" + "|".join(map(re.escape, words)) + r")\s+(?!di\b|ke\b)[a-z]") if words \
        else re.compile(";")


def _new_phrase_between(ctx: Context, a: dict, b: dict) -> bool:
    """Whether places a and b of one sentence stand in different phrases (see _new_phrase_re)."""
    x, y = sorted((a, b), key=lambda p: p["span"][0])
    return bool(_new_phrase_re().search(ctx.text, x["span"][1], y["span"][0]))


def _named_reading(ctx: Context, s: int, ts: int, te: int, p: dict, event_type: str | None, leaving: bool) -> int:
    """How the words before an unlinked place name read it, as _place_reading does; the bare object of an
    attack verb ("menyerang Desa Suka Maju") is where it happened."""
    r = _place_reading(ctx, s, p, origin=2 if leaving or _left_from(ctx, s, p) else 0)
    if r == 1 and event_type in ATTACKS and p.get("type") in ("LOC", "GPE", "FAC") and _target_object(ctx, ts, te, p):
        return 2
    return r


def _named_place(ent: dict, within: dict | None) -> dict:
    """An unlinked place name as the event's place: its words, and the linked place it was found in (None:
    the caller fills it from the paragraph or the article)."""
    return {**ent, "_named": True, "_within": within}


def _narrowed(ctx: Context, s: int, e: int, country: dict, reading, apart: bool = False) -> dict:
    """The country the sentence reads as where it happened, narrowed to a town of it the same clause names in
    no owner's or actor's reading ("serangan terhadap target strategis di Iran dan target pemerintah di ibu kota
    negara itu, Teheran"; "merebut \"ibu kota\" ISIS, Raqa di Suriah"): the most specific place said."""
    iso = (country.get("geo") or {}).get("country")

    def same_clause(p):  # "… di Iran, termasuk fasilitas militer, yang mendorong Teheran": another act's town
        c = country["span"]
        a, b = (c[1], p["span"][0]) if p["span"][0] >= c[1] else (p["span"][1], c[0])
        return not re.search(r"\byang\b|[;.!?]", ctx.text[a:b]) and not _CLAUSE_CUT.search(ctx.text, a, b) \
            and not (apart and _new_phrase_re().search(ctx.text, a, b))

    towns = [p for p in ctx.places if s <= p["span"][0] and p["span"][1] <= e and _place_rank(p) >= 3
             and (p.get("geo") or {}).get("country") == iso and reading(p) >= 1 and not ctx.in_dateline(p)
             and same_clause(p)]
    return towns[0] if towns else country


def _other_side(ctx: Context, s: int, e: int, reading) -> dict | None:
    """"Serangan rudal Iran … membuat sistem pertahanan Israel kewalahan", "Otoritas Israel mengatakan 24 orang
    tewas dalam serangan rudal Iran": an attack the sentence gives the attacker's country of (read as an owner:
    "rudal Iran", "serangan udara Israel") and names one other country, in no reading of its own, went to
    that other country. None when the sentence names no attacker's country, more than one other, or reads a
    place as where something happened (farther than the trigger's reach, it may be another act's)."""
    sent = [p for p in ctx.places if s <= p["span"][0] and p["span"][1] <= e and not ctx.in_dateline(p)]
    country = lambda p: (p.get("geo") or {}).get("country")  # noqa: E731
    attackers = {country(p) for p in sent if reading(p) == 0 and _place_rank(p) == 1}
    condemn = connectives().get("condemn", frozenset())
    others = [p for p in sent if reading(p) == 1 and _place_rank(p) == 1 and country(p) not in attackers
              and not set(_gap_words(ctx, p["span"][1], min(e, p["span"][1] + 30))[:2]) & condemn]
    if not attackers or len({country(p) for p in others}) != 1 or any(reading(p) == 2 for p in sent):
        return None
    return others[0]


def _inheritable(ctx: Context, s: int, sent_places: list[dict]) -> dict:
    """What a later sentence of the paragraph inherits from the sentence starting at s: where its things are
    ("WNI yang berada di Sudan"), not whose they are ("Pemerintah Indonesia"); where people are taken out of
    is where they are ("evakuasi warga negara Indonesia (WNI) dari Iran": Iran, not Indonesia)."""
    leave = connectives().get("leave_from", frozenset())

    def origin(p):
        return 2 if any(ctx.text[a:b].lower() in leave for a, b in _words(ctx.text, s, p["span"][0])[-8:]) else 0

    readings = [_place_reading(ctx, s, p, origin=origin(p)) for p in sent_places]
    return max(zip(readings, sent_places), key=lambda rp: (rp[0] > 0, _place_rank(rp[1]), rp[0]))[1]


LEFT_REACH = 8  # words between a word of leaving and the "dari" place it is from ("evakuasi warga negara Indonesia (WNI) dari Iran")


def _place_left(ctx: Context, ts: int) -> dict | None:
    """The place the article tells people taken out of ("evakuasi warga negara Indonesia (WNI) dari Iran",
    "pemulangan 40 WNI dari Sudan"): a place after "dari" with a word of leaving (connectives.tsv leave_from)
    at most LEFT_REACH words before it in its sentence; the nearest before text[ts] first, else the first
    after; the head of a list ("dari Iran dan Israel"). What an evacuation told with no place of its own ("misi
    evakuasi tersebut") inherits instead of the article's main place, which is often where the evacuees are
    flown home to (the caller keeps a main place inside the country left: the most specific place said)."""
    leave = connectives().get("leave_from", frozenset())
    starts = [a for a, _ in ctx.sentences]
    left = []
    for p in ctx.places:
        k = bisect.bisect_right(starts, p["span"][0]) - 1
        s = starts[k] if k >= 0 else 0
        if _place_reading(ctx, s, p, origin=2) != 2 or _place_reading(ctx, s, p, origin=0) != 0:
            continue  # not read after "dari"
        words = _words(ctx.text, s, p["span"][0])[-LEFT_REACH - 1:]
        if any(ctx.text[a:b].lower() in leave for a, b in words) and not re.search(
                r"[;.!?]", ctx.text[words[0][0]:p["span"][0]] if words else ""):
            left.append(p)
    k = max((j for j, p in enumerate(left) if p["span"][1] <= ts), default=0)
    while 0 < k and re.fullmatch(r"\s*(?:,|dan|serta)\s*", ctx.text[left[k - 1]["span"][1]:left[k]["span"][0]], re.I):
        k -= 1  # "dari Iran dan Israel": the head of the list
    return left[k] if left else None


def _main_place(ctx: Context, countries: bool = False) -> dict | None:
    """The article's main place: the finer-than-country place it names most often, the first of a tie,
    counting no name read as whose something is ("kelompok Ambon", "pemerintah Papua"); where people
    came from ("dari Kairo") counts. With `countries`, the country so named most often (what an act is
    coded to when the article names no finer place of it at all)."""
    starts = [a for a, _ in ctx.sentences]

    def told(p):
        k = bisect.bisect_right(starts, p["span"][0]) - 1
        return _place_reading(ctx, starts[k] if k >= 0 else 0, p, origin=1) > 0

    sub = [p for p in ctx.places if (_place_rank(p) == 1 if countries else _place_rank(p) >= 2) and told(p)]
    common = Counter((p.get("canonical") or p["text"]) for p in sub).most_common(1)
    return next((p for p in sub if (p.get("canonical") or p["text"]) == common[0][0]), None) if common else None


@functools.lru_cache(maxsize=4096)
def _admin1_key(country: str, admin1: str) -> str:
    """One spelling of a first-level division whichever way a geo names it: a GeoNames code ("30"), the
    KB's province name ("West Java", "Papua (province)") or an Indonesian name of it ("Jawa Barat")."""
    name = re.sub(r"\s*\(.*\)$", "", admin1_names().get((country, admin1), admin1)).strip()
    for pid in kbmod.candidates(name):
        row = kbmod.place(pid) or {}
        if row.get("feature") == "admin1" and row.get("country") == country:
            name = re.sub(r"\s*\(.*\)$", "", row.get("canonical") or name).strip()
            break
    return name.lower()


PROVINCE_KM = 150.0  # where a geo names no division: a town this near a province's seat is taken to be in it


def _in_province(town: dict, province: dict) -> bool:
    """Whether a linked town lies in a linked province: the same country and first-level division (or,
    where either geo names none, within PROVINCE_KM of the province's seat)."""
    g, a = town.get("geo") or {}, province.get("geo") or {}
    if not g.get("country") or g.get("country") != a.get("country"):
        return False
    if g.get("admin1") and a.get("admin1"):
        return _admin1_key(g["country"], str(g["admin1"])) == _admin1_key(a["country"], str(a["admin1"]))
    d = _km(g, a)
    return d is not None and d <= PROVINCE_KM


def _town_told(ctx: Context, k: int, province: dict, actors: list[dict]) -> dict | None:
    """A town of the province the sentence k gives its act that its paragraph tells: in the sentence, else
    the next one, else the paragraph's earlier ones, the nearest first ("kericuhan … saat PON Jawa Barat di
    Kolam Renang Si Jalak Harupat, Bandung"): ACLED codes the most specific place named, a province only
    when no town of it is told. Not a province in an actor's name ("Polda Jawa Barat", "Mapolda Jabar": the
    force's seat, where its officers act), nor a name read as an owner. None when there is no such town."""
    if any(a["span"][0] <= province["span"][0] and province["span"][1] <= a["span"][1] for a in actors):
        return None
    s, e = ctx.sentences[k]
    para = ctx.text.rfind("\n", 0, s) + 1
    end = ctx.text.find("\n", e)
    end = len(ctx.text) if end < 0 else end
    for j in [k, k + 1, *range(k - 1, -1, -1)]:
        if not 0 <= j < len(ctx.sentences) or ctx.sentences[j][0] < para or ctx.sentences[j][1] > end:
            continue
        a, b = ctx.sentences[j]
        towns = [p for p in ctx.places if a <= p["span"][0] and p["span"][1] <= b and _place_rank(p) >= 3
                 and _in_province(p, province) and _place_reading(ctx, a, p) >= 1]
        if towns:
            return min(towns, key=lambda p: abs(p["span"][0] - province["span"][0]))
    return None


def _place_obj(ent: dict, inherited: bool, within: dict | None = None) -> dict[str, Any]:
    """The event's place. An unlinked name (_named_place) has no point of its own: its words as `name`,
    lat/lon null, `within` the linked place it was found in (its own place object, with the point a map
    may use) and `geo_precision` as ACLED codes such a place: 2 near a known town, 3 only a province or
    country known."""
    if ent.get("_named"):
        area = ent.get("_within") or within
        inside = _place_obj(area, inherited=area is not ent.get("_within")) if area else None
        return {"name": ent.get("canonical") if ent.get("id") else ent["text"], "id": ent.get("id"),
                "text": ent["text"], "span": list(ent["span"]),
                "lat": None, "lon": None, "country": (inside or {}).get("country"),
                "admin1": (inside or {}).get("admin1"), "admin2": (inside or {}).get("admin2"),
                "admin3": (inside or {}).get("admin3"), "rank": _place_rank(ent), "inherited": inherited,
                "within": inside, "geo_precision": 2 if inside and inside["rank"] >= 3 else 3}
    geo = ent.get("geo") or {}
    out = {"name": ent.get("canonical") or ent["text"], "id": ent.get("id"), "text": ent["text"],
           "span": list(ent["span"]),
           "lat": geo.get("lat"), "lon": geo.get("lon"), "country": geo.get("country"),
           "admin1": geo.get("admin1"), "admin2": geo.get("admin2"), "admin3": geo.get("admin3"),
           "rank": _place_rank(ent), "inherited": inherited}
    return out


def _date_for(ctx: Context, s: int, e: int, ts: int, te: int) -> tuple[dict, bool]:
    """(date object, whether it comes from a date written in the sentence)."""
    text = ctx.text
    con = connectives()
    best = since = None
    for t in ctx.timexes:
        a, b = t["span"]
        if not (s <= a and b <= e) or t.get("type") in ("DURATION", "SET"):
            continue
        if _restated_in_brackets(ctx, t):
            continue  # "Jumat malam (13/6/2025)": the written date in brackets says which Friday
        parsed = _apply_mod(_parse_date(t.get("value")), t.get("mod"))
        if not parsed:
            continue
        prev = [text[x:y].lower() for x, y in _words(text, max(s, a - 20), a)][-2:]
        first = text[a:b].split()[0].lower() if text[a:b].split() else ""
        d = ts - b if b <= ts else a - te
        if (set(prev) | {first}) & con.get("not_date", frozenset()):
            # "sejak Juli lalu": when something began, not when this happened; but when the act is the
            # launch itself ("Sejak Jumat (13/6), Israel telah melancarkan serangan"), that day is its own
            if since is None or abs(d) < since[0]:
                since = (abs(d), t, parsed)
            continue
        if b <= ts and {text[x:y].lower() for x, y in _words(text, b, ts)} & con.get("event_before", frozenset()) \
                and any(o is not t and s <= o["span"][0] and o["span"][1] <= e and o["span"][0] >= te
                        and o.get("type") not in ("DURATION", "SET") and _parse_date(o.get("value")) for o in ctx.timexes):
            # "mengungsi pada Rabu setelah pesawat tempur Israel mengebom kota tersebut semalam": the day
            # before "setelah" is the aftermath's; the act has its own day after the trigger
            continue
        if best is None or abs(d) < best[0]:
            best = (abs(d), t, parsed)
    if best is None and since is not None and _launched(ctx, s, ts, te):
        best = since
    if best is not None:
        _, t, (lo, hi, prec) = best
        ev = {"text": text[t["span"][0]:t["span"][1]], "span": list(t["span"])}
        if t["span"][1] <= ts:
            between = {text[x:y].lower() for x, y in _words(text, t["span"][1], ts)}
            if between & con.get("event_before", frozenset()):
                return _date_obj(lo - dt.timedelta(days=7), hi, "week", evidence=ev), True
            if between & con.get("event_after", frozenset()):
                return _date_obj(lo, ctx.pub_latest or hi, "week" if ctx.pub_latest and
                                 (ctx.pub_latest - lo).days <= 7 else "month", evidence=ev), True
        return _date_obj(lo, hi, prec, evidence=ev), True
    if ctx.pub_earliest or ctx.pub_latest:
        lo = (ctx.pub_earliest or ctx.pub_latest) - dt.timedelta(days=7)
        hi = ctx.pub_latest or ctx.pub_earliest
        return _date_obj(lo, hi, _precision_of(lo, hi), value=ctx.pub_date, how="publication"), False
    return _date_obj(None, None, "none"), False


@functools.lru_cache(maxsize=None)
def _scenario_title_re() -> re.Pattern | None:
    words = sorted(connectives().get("scenario_title", frozenset()), key=len, reverse=True)
    return _bounded("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)) if words else None


def _headline_end(ctx: Context) -> int:
    """Where the headline ends: the body's start, or, in a text given whole with no title of its own (a record
    whose text holds "headline, blank line, body"), the end of its first line when that line has no sentence end
    and at most HEADLINE_WORDS words, as _headline_fatalities reads it; 0 when there is no headline."""
    body = ctx.article.get("body_start") or 0
    if body > 0:
        return body
    end = ctx.text.find("\n")
    head = ctx.text[:max(0, end)].strip()
    if end <= 0 or not head or len(head.split()) > HEADLINE_WORDS or head[-1] in ".!?\"\u201d'" \
            or not ctx.text[end:].strip():
        return 0
    return end


def _scenario_title(ctx: Context) -> dict | None:
    """The cue ({text, span}) when the headline announces a scenario or a what-if (scenario_title of
    connectives.tsv), else None."""
    rx, end = _scenario_title_re(), _headline_end(ctx)
    m = rx.search(ctx.text, 0, end) if rx is not None and end else None
    return {"text": m.group(), "span": [m.start(), m.end()]} if m else None


@functools.lru_cache(maxsize=None)
def _points_back_re() -> re.Pattern | None:
    words = sorted(connectives().get("event_back", frozenset()), key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, words)) + r")\b", re.I) if words else None


def _points_back(ctx: Context, te: int, e: int) -> bool:
    """Whether the trigger ending at te is followed at once by a demonstrative (event_back of
    connectives.tsv: "ledakan tersebut", "serangan itu"): it names an act the article has told already."""
    rx = _points_back_re()
    return rx is not None and bool(rx.match(ctx.text, te, e))


def _restated_in_brackets(ctx: Context, t: dict) -> bool:
    """Whether a timex is followed at once by a bracketed date of its own ("Jumat malam (13/6/2025)",
    "Kamis (19/6)"): the news convention names the weekday and writes the date after it; the weekday
    alone may be resolved to the wrong week, the written date may not."""
    b = t["span"][1]
    m = re.match(r"\s*\(\s*", ctx.text[b:b + 4])
    if m is None:
        return False
    at = b + m.end()
    return any(o is not t and o["span"][0] == at and o.get("type") in ("DATE", "TIME")
               and _parse_date(o.get("value")) for o in ctx.timexes)


def _launched(ctx: Context, s: int, ts: int, te: int) -> bool:
    """Whether the trigger tells the start of an attack: a launch word in it or among the three words
    before it ("telah melancarkan serangan udara", "serangan dimulai")."""
    text = ctx.text
    words = {text[x:y].lower() for x, y in _words(text, max(s, ts - 40), ts)[-3:] + _words(text, ts, te)}
    return bool(words & connectives().get("launch", frozenset()))


def date_echoes(ctx: Context) -> list[dict[str, Any]]:
    """"keberhasilan di Handarat pada Kamis (29/9)": a result noun, a place and a date that name
    again an event told before without its date. Returns {"place" (KB id, else name),
    "place_span", "date" (how "echo", evidence = the date's words)} per echo."""
    text = ctx.text
    nouns = connectives().get("date_echo", frozenset())
    if not nouns:
        return []
    links = connectives().get("echo_link", frozenset())
    out = []
    for p in ctx.places:
        a, b = p["span"]
        before = [text[x:y].lower() for x, y in _words(text, max(0, a - 40), a)][-3:]
        # "<noun> di <place>" / "<noun> <place>" (perebutan Aleppo)
        if not before or not (before[-1] in nouns or (len(before) >= 2 and before[-2] in nouns
                                                      and before[-1] in links)):
            continue
        for t in ctx.timexes:
            ta, tb = t["span"]
            if ta < b or t.get("type") in ("DURATION", "SET") or len(_words(text, b, ta)) > 4 \
                    or _has_break(text, b, ta):
                continue
            parsed = _apply_mod(_parse_date(t.get("value")), t.get("mod"))
            if parsed:
                lo, hi, prec = parsed
                out.append({"place": p.get("id") or p.get("canonical") or p["text"], "place_span": [a, b],
                            "date": _date_obj(lo, hi, prec, how="echo",
                                              evidence={"text": text[ta:tb], "span": [ta, tb]})})
            break
    return out


@functools.lru_cache(maxsize=None)
def milestones() -> list[dict[str, Any]]:
    rows = []
    for r in load_tsv("events/milestones.tsv"):
        rows.append({**r, "earliest_d": dt.date.fromisoformat(r["earliest"]),
                     "latest_d": dt.date.fromisoformat(r["latest"]), "date_d": dt.date.fromisoformat(r["date"])})
    return rows


def _contains(date: dict, day: dt.date) -> bool:
    lo, hi = _iso(date.get("earliest")), _iso(date.get("latest"))
    return bool(lo and hi and lo <= day <= hi)


def _milestone_for(m: dict, a1_side: str | None) -> dict | None:
    """A dated event of record that an undated mention can only be: same sub-type, same place,
    the actor's side not contradicting it, and its day inside the mention's possible range."""
    place = m.get("place") or {}
    if not place or place.get("inherited"):
        return None
    for row in milestones():
        if row["sub_event_type"] != m["sub_event_type"] or row["place_id"] != place.get("id"):
            continue
        if a1_side and row.get("side") and row["side"] != a1_side:
            continue
        if _contains(m["date"], row["date_d"]):
            return row
    return None


def _fatalities(ctx: Context, s: int, e: int) -> int | None:
    """The killed count text[s:e] gives: groups named together are added ("tiga polisi dan dua warga
    tewas" = 5), a part is not ("20 orang tewas, termasuk lima anak" = 20); a count with a running-total
    word beside it ("total", "di berbagai kota"), or in a clause that counts since or up to a day
    ("Sejak Januari, …", "hingga Senin (8/8), …"), sums many events and is left out. With no count, one
    person killed ("seorang polisi tewas") is 1 and "tidak ada korban jiwa" is 0."""
    parts = connectives().get("part_of", frozenset())
    perpetrators = connectives().get("perpetrator_noun", frozenset())
    none_rx = _none_killed_re()
    # "Tak seorang pun tewas", "tidak ada seorang pun yang tewas": the one-person count inside a no-one
    # statement counts no one, so the count and one-killed readings look only outside such statements
    nones = [m.span() for m in none_rx.finditer(ctx.text, s, e)] if none_rx else []
    found = []
    joined_to = None  # the end of the last killed count: a group joined to it by "dan" is counted too
    for n in sorted((n for n in ctx.numbers if s <= n["span"][0] and n["span"][1] <= e), key=lambda n: n["span"][0]):
        if any(a <= n["span"][0] and n["span"][1] <= b for a, b in nones):
            continue
        role = n.get("role")
        if role != "killed" and not (role == "other" and joined_to is not None and _joined_group(ctx, joined_to, n)):
            continue
        joined_to = n["span"][1]
        v = n.get("value") if n.get("value") is not None else n.get("low")
        if not isinstance(v, (int, float)) or _running_total(ctx, s, e, n["span"]):
            continue
        if n.get("unit") in quantities.lexicon()["time_units"]:
            continue  # "anaknya GW 5 tahun hingga meninggal": an age or a time, never a count of the dead
        if n.get("unit") and str(n["unit"]).lower() not in connectives().get("people_unit", frozenset()):
            continue  # "Satu orang tewas dan 4 rumah terbakar": houses are not the dead
        if set(_gap_words(ctx, n["span"][0], min(e, n["span"][1] + 12))[1:2]) & perpetrators:
            continue  # "14 tersangka kasus penganiayaan hingga tewas": who did it, not who died
        if _parallel_total(ctx, s, e, n["span"]):
            continue
        found.append((n["span"], int(v)))
    if not found:
        for a, b in _outside(nones, s, e):
            named = _named_killed(ctx, a, b)
            if named:
                return named  # "Sersan Christopher Speer tewas", "menewaskan Abdul Rahman"
            ones = _one_person_list(ctx, a, b)
            if ones:
                return ones  # "membunuh seorang pasien dan seorang perawat"
            if _one_killed(ctx, a, b) or _until_dead(ctx, a, b):
                return 1
        return 0 if nones else None
    found.sort()
    total = found[0][1]
    parted = False  # a part of a count was told ("20 di antaranya"): a later group is within it too
    for (prev, _), (span, v) in zip(found, found[1:]):
        gap = _gap_words(ctx, prev[1], span[0])
        parted = parted or bool(set(gap + _gap_words(ctx, span[1], min(e, span[1] + 16))[:len(gap) + 2]) & parts)
        if len(gap) <= 4 and set(gap) & {"dan", "serta"} and not set(gap) & parts:
            total += v  # "tiga polisi dan dua warga"
        elif not parted and _another_group(ctx, span, e):
            total += v  # "12 orang tewas seketika, sementara satu orang lainnya meninggal di rumah sakit"
        else:
            total = max(total, v)
    # "12 orang, termasuk dua anak dan seorang polisi": the one joined to a part is within the count too
    return total + (0 if parted else _one_more(ctx, found[-1][0], e))


def _outside(spans: list[tuple[int, int]], s: int, e: int) -> list[tuple[int, int]]:
    """The stretches of [s, e) that none of the sorted, non-overlapping spans covers."""
    out, at = [], s
    for a, b in spans:
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < e:
        out.append((at, e))
    return out


def _joined_group(ctx: Context, after: int, n: dict) -> bool:
    """"Korban tewas terdiri dari 8 warga pendatang dan 4 warga asli": a count of people with no cue of its own
    joined by "dan"/"serta" (joins_group of connectives.tsv; up to four words from the killed count ending at `after`) is another group of the
    dead, when its unit counts people (people_unit of connectives.tsv: not "5 rumah")."""
    if str(n.get("unit") or "").lower() not in connectives().get("people_unit", frozenset()) or n.get("value") is None:
        return False
    gap = _gap_words(ctx, after, n["span"][0])
    return len(gap) <= 4 and bool(set(gap) & connectives().get("joins_group", frozenset())) \
        and not set(gap) & connectives().get("part_of", frozenset())


def _another_group(ctx: Context, span, e: int) -> bool:
    """Whether the killed count at span names a group besides one counted before it ("satu orang lainnya",
    another_group of connectives.tsv, in the count or right after it)."""
    others = connectives().get("another_group", frozenset())
    words = _gap_words(ctx, span[0], span[1]) + _gap_words(ctx, span[1], min(e, span[1] + 16))[:1]
    return bool(set(words) & others)


@functools.lru_cache(maxsize=None)
def _one_more_re() -> re.Pattern | None:
    """", dan seorang warga": one more person joined to a count ("dua polisi dan seorang warga tewas")."""
    one = sorted(connectives().get("one_person", frozenset()))
    if not one:
        return None
    return re.compile(r"\s*(?:[\w\-]+\s+){0,2}?(?:dan|serta)\s+(?:" + "|".join(map(re.escape, one)) + r")\b", re.I)


def _one_more(ctx: Context, span, e: int) -> int:
    """1 when one person is joined right after the count at span by "dan"/"serta" ("menewaskan dua polisi
    dan seorang warga"), else 0."""
    rx = _one_more_re()
    return 1 if rx and rx.match(ctx.text, span[1], e) else 0


@functools.lru_cache(maxsize=None)
def _one_person_list_re() -> re.Pattern | None:
    """"membunuh seorang pasien wanita dan seorang perawat": a killed cue before a list of one-person
    phrases (one_person of connectives.tsv) joined by "dan", "serta" or commas."""
    one = sorted(connectives().get("one_person", frozenset()))
    before = _killed_alternatives("before")
    if not one or not before:
        return None
    o = "(?:" + "|".join(map(re.escape, one)) + ")"
    item = o + r"(?:\s+(?!dan\b|serta\b)[\w\-]+){0,4}?"
    return _bounded("(?:" + "|".join(before) + r")\s+" + item + r"(?:\s*(?:,\s*|\s+)(?:dan|serta)?\s*" + item + r")+")


def _one_person_list(ctx: Context, s: int, e: int) -> int:
    """How many one-person phrases a killed cue lists ("membunuh seorang pasien dan seorang perawat" = 2);
    0 when it lists fewer than two."""
    rx = _one_person_list_re()
    m = rx.search(ctx.text, s, e) if rx else None
    if not m:
        return 0
    one = connectives().get("one_person", frozenset())
    return sum(1 for w in _gap_words(ctx, m.start(), m.end()) if w in one)


@functools.lru_cache(maxsize=None)
def _until_dead_re() -> re.Pattern | None:
    """"hingga tewas", "sampai meninggal dunia", "sampai akhirnya ditemukan tak bernyawa": an act carried on to a death
    (until_dead of connectives.tsv)."""
    return _then_dead_re("until_dead")


def _then_dead_re(role: str) -> re.Pattern | None:
    """The words of a connectives.tsv role, up to two reporting words (report_word) and a killed cue of
    numbers/roles.tsv said after the dead; None when the role or the cues are missing."""
    lead = sorted(connectives().get(role, frozenset()))
    report = sorted(connectives().get("report_word", frozenset()))
    after = _killed_alternatives("after")
    if not lead or not after:
        return None
    rep = r"(?:(?:" + "|".join(map(re.escape, report)) + r")\s+){0,2}" if report else ""
    return _bounded("(?:" + "|".join(map(re.escape, lead)) + r")\s+" + rep + "(?:" + "|".join(after) + ")")


UNTIL_DEAD_WORDS = 8  # how far before "hingga tewas" a count or a plural word would say more than one died


def _until_dead(ctx: Context, s: int, e: int) -> bool:
    """"membacok istrinya hingga tewas", "penembakan sepupu Tamimi yang berusia 15 hingga tewas": one person
    killed, when no plural word (many_of) nor count stands in the words before it (an age, "5 tahun", or
    a number after "berusia", counts no one)."""
    rx = _until_dead_re()
    m = rx.search(ctx.text, s, e) if rx else None
    if not m:
        return False
    many = connectives().get("many_of", frozenset())
    perpetrators = connectives().get("perpetrator_noun", frozenset())
    # "RK (25)": a number in brackets after a name is an age
    words = [w for w in _gap_words(ctx, s, m.start()) if f"({w})" not in ctx.text[s:m.start()]][-UNTIL_DEAD_WORDS:]
    ages = quantities.lexicon()["age_words"]  # numbers/label_words.tsv
    for i, w in enumerate(words):
        age = (i and words[i - 1] in ages) or words[i + 1:i + 2] == ["tahun"]
        if w in many or (_counts(w) and not age and not set(words[i + 1:i + 2]) & perpetrators):
            return False
    return True


def _running_total(ctx: Context, s: int, e: int, span) -> bool:
    """Whether the killed count at span, in the sentence text[s:e], sums many events: a running-total word
    near it in its clause, or a clause that counts since or up to a day."""
    ca, cb = _clause(ctx, s, e, span)
    totals = connectives().get("running_total", frozenset())
    if _names_one_event(ctx, ca, cb):
        return False  # "Hingga Selasa, korban tewas akibat serangan itu mencapai 10 orang": that attack's toll
    noun = _relative_count(ctx, ca, span)
    if noun is not None:
        # "sejak insiden bom di Bali yang menewaskan 202 orang": the count says what that one event did;
        # only a total word between the noun and the count ("serangan sejak Oktober yang menewaskan …",
        # "serangkaian") makes it a sum
        return bool(set(_gap_words(ctx, noun, span[1])) & (totals | connectives().get("running_total_clause", frozenset())))
    near = _gap_words(ctx, max(ca, span[0] - 30), min(cb, span[1] + 30))
    return bool(set(near) & totals) or _counts_since(ctx, ca, cb)


def _names_one_event(ctx: Context, a: int, b: int) -> bool:
    """Whether the clause text[a:b] counts the dead of one event it names again ("korban tewas akibat
    serangan itu", "dalam ledakan tersebut": event_noun right before event_back of connectives.tsv), so that
    a running-total word or a day it counts up to ("total", "sejauh ini", "hingga Selasa") gives that
    event's toll so far; a clause that counts since it or over many (many_events: "sejak serangan itu",
    "berbagai bentrokan") still sums."""
    con = connectives()
    nouns, back = con.get("event_noun", frozenset()), con.get("event_back", frozenset())
    words = _gap_words(ctx, a, b)
    if set(words) & con.get("many_events", frozenset()):
        return False
    return any(w in nouns and words[i + 1:i + 2] and words[i + 1] in back for i, w in enumerate(words))


def _qualifier_alternatives() -> str:
    """The count qualifiers of numbers/qualifiers.tsv ("sedikitnya", "lebih dari") as one alternation, longest first."""
    return "|".join(re.escape(q).replace(r"\ ", r"\s+")
                    for q in sorted(quantities.lexicon()["qualifiers"], key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def _relative_count_re() -> re.Pattern | None:
    """"<event noun> … yang menewaskan (sedikitnya) <count>": an event noun (event_noun of
    connectives.tsv) with a relative clause whose verb is a killed cue before its count (numbers/roles.tsv),
    ending where the count starts."""
    nouns = sorted(connectives().get("event_noun", frozenset()), key=len, reverse=True)
    before = _killed_alternatives("before")
    if not nouns or not before:
        return None
    return re.compile(r"(?<![\w\-])(" + "|".join(map(re.escape, nouns)) + r")\b[^.;:!?]{0,100}?\byang\s+(?:telah\s+)?(?:"
                      + "|".join(before) + r")(?:\s+(?:" + _qualifier_alternatives() + r"))?\s*$",
                      re.I)


def _relative_count(ctx: Context, a: int, span) -> int | None:
    """Where the event noun starts whose relative clause ("yang menewaskan") ends right before the count
    at span, in the clause starting at a; None when the count is not said so."""
    rx = _relative_count_re()
    lo = max(a, span[0] - 160)
    m = rx.search(ctx.text, lo, span[0]) if rx else None
    if not m:
        return None
    # the noun nearest the clause: "berbagai serangan …, terutama sejak insiden truk … yang menewaskan 12"
    # is the truck attack's count
    while True:
        nearer = rx.search(ctx.text, m.end(1), span[0])
        if not nearer:
            return m.start(1)
        m = nearer


def _parallel_total(ctx: Context, s: int, e: int, span) -> bool:
    """"Sejak Januari, pengeboman telah menewaskan 300 orang di kota itu. Sementara itu, serangan roket di
    seberang perbatasan telah menewaskan 9 orang.": a sentence that opens with a contrast (parallel_open in connectives.tsv)
    sets its count beside a running total told just before it in the paragraph, so it is one too."""
    if _clause(ctx, s, e, span)[0] != s:
        return False
    opens = _gap_words(ctx, s, min(e, s + 25))
    par = connectives().get("parallel_open", frozenset())
    if not opens or not (opens[0] in par or " ".join(opens[:2]) in par or " ".join(opens[:3]) in par):
        return False
    ps = ctx.text.rfind("\n", 0, s) + 1
    # the sentence just before: after the last sentence end before its own (s - 1 drops that end's space)
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", ctx.text[ps:max(ps, s - 1)])]
    ps += ends[-1] if ends else 0
    return any(n.get("role") == "killed" and ps <= n["span"][0] and n["span"][1] <= s
               and _running_total(ctx, ps, s, n["span"]) for n in ctx.numbers)


_CLAUSE_CUT = re.compile(r";|,?\s+(?:sementara|sedangkan|namun)\b", re.I)  # a clause ends at ";" or a contrast


def _clause(ctx: Context, s: int, e: int, span) -> tuple[int, int]:
    """The stretch of text[s:e] that a number at span belongs to: from the sentence's start, or from
    the last ";" or contrast ("sementara", "sedangkan") before it, to the next ";" or contrast."""
    text = ctx.text
    a = s
    for m in _CLAUSE_CUT.finditer(text, s, span[0]):
        a = m.end()
    m = _CLAUSE_CUT.search(text, span[1], e)
    return a, (m.start() if m else e)


def _counts_since(ctx: Context, a: int, b: int) -> bool:
    """"Sejak Januari, … menewaskan 40 polisi", "hingga Senin (8/8), jumlah korban … 310 orang": a clause that
    counts from or up to a day sums every event since (the running_total_clause words of
    connectives.tsv anywhere in it, or "hingga"/"sampai" right before a date)."""
    con = connectives()
    if set(_gap_words(ctx, a, b)) & con.get("running_total_clause", frozenset()):
        return True
    upto = con.get("count_upto", frozenset())
    for t in ctx.timexes:
        ta, tb = t["span"]
        if a <= ta and tb <= b and t.get("type") == "DATE":  # "hingga pukul 09.30" bounds the act itself
            before = _gap_words(ctx, max(a, ta - 12), ta)
            if before and before[-1] in upto:
                return True
    return False


@functools.lru_cache(maxsize=1)
def _killed_cues() -> dict[str, tuple[str, ...]]:
    """The killed cues of numbers/roles.tsv by position ("after": "20 orang tewas"; "before": "menewaskan
    20 orang"; "subject"), read once: the fatality rules below run for every violent sentence."""
    out: dict[str, list[str]] = {}
    for r in load_tsv("numbers/roles.tsv"):
        if r["role"] == "killed":
            out.setdefault(r["position"], []).append(r["cue"])
    return {k: tuple(v) for k, v in out.items()}


def _killed_alternatives(position: str) -> list[str]:
    """The killed cues of numbers/roles.tsv at `position` ("before" or "after" the count) as regex
    alternatives, longest first, any run of spaces between their words."""
    return sorted({re.escape(c).replace(r"\ ", r"\s+") for c in _killed_cues().get(position, ())},
                  key=len, reverse=True)


@functools.lru_cache(maxsize=None)
def _none_killed_re() -> re.Pattern | None:
    """"tidak ada korban jiwa", "tanpa menimbulkan korban jiwa", "belum ada laporan korban", "tak ada
    korban", "korban jiwa nihil": no one killed (the no_one words of connectives.tsv, up to three words, a
    killed cue of numbers/roles.tsv; or up to two no_one_gap words and a bare victim noun (victim_noun) that
    no injury_word follows, "tak ada korban luka" saying nothing of the dead; or a killed cue, up to two words
    and a no_one_after word), unless a group follows that narrows it ("tidak ada korban jiwa dari WNI"; "dari
    kedua pihak", all_sides, does not)."""
    con = connectives()
    no = sorted(con.get("no_one", frozenset()), key=len, reverse=True)
    cues = sorted({c for cs in _killed_cues().values() for c in cs}, key=len, reverse=True)
    narrow = sorted(con.get("narrows_dead", frozenset()))
    if not no or not cues:
        return None

    def alt(words):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    # a cue that is itself a negation ("tak bernyawa") says someone died, never that no one did: "tanpa busana
    # dan tak bernyawa" is no no-one statement
    negations = {w.split()[0] for w in no}
    cue = "(?:" + alt([c for c in cues if c.split()[0] not in negations]) + ")"
    hurt = con.get("injury_word", frozenset())
    # "tak ada korban dalam kontak tembak itu": the victim noun alone, not "korban luka", "korban terluka"
    victims = con.get("victim_noun", frozenset())
    bare = ("(?:" + alt(victims) + r")(?![\w\-])" + (r"(?!\s+(?:" + alt(hurt) + r")(?![\w\-]))" if hurt else "")) \
        if victims else None
    rx = "(?:" + alt(no) + r")(?:(?:\s+[\w\-]+){0,3}?\s+" + cue
    gap = con.get("no_one_gap", frozenset())
    if bare:  # only report words between: "tanpa pandang bulu sehingga korban berjatuhan" says no such thing
        rx += r"|(?:\s+(?:" + alt(gap) + ")){0,2}" + r"\s+" + bare if gap else r"|\s+" + bare
    rx += ")"
    if narrow:
        keep = con.get("all_sides", frozenset())
        rx += (r"(?!(?:\s+[\w\-]+){0,2}?\s+(?:" + "|".join(map(re.escape, narrow)) + r")\b"
               + (r"(?!\s+(?:" + alt(keep) + r")\b)" if keep else "") + ")")
    after = con.get("no_one_after", frozenset())
    if after:
        # "Korban jiwa tidak ada.", "korban jiwa nihil"
        rx += "|" + cue + r"(?:\s+[\w\-]+){0,2}?\s+(?:" + alt(after) + r")(?![\w\-])"
    return _bounded(rx)


def _none_killed(ctx: Context, s: int, e: int) -> bool:
    rx = _none_killed_re()
    return bool(rx and rx.search(ctx.text, s, e))


@functools.lru_cache(maxsize=None)
def _one_killed_re() -> re.Pattern | None:
    """"seorang polisi tewas", "menewaskan seorang warga": one person killed, said with no number
    (the killed cues of numbers/roles.tsv, the one-person words of connectives.tsv)."""
    one = sorted(connectives().get("one_person", frozenset()))
    after = [re.escape(c) for c in _killed_cues().get("after", ())]
    before = [re.escape(c) for c in _killed_cues().get("before", ())]
    if not one or not (after or before):
        return None
    o = "(?:" + "|".join(map(re.escape, one)) + ")"
    alts = []
    if after:
        # "seorang pemuda berinisial AR (17) tewas": an age in brackets is one of the words between
        alts.append(o + r"(?:\s+(?:[\w\-]+|\(\d{1,3}\))){0,4}?\s+(?:yang\s+)?(?:" + "|".join(after) + ")")
    if before:
        alts.append("(?:" + "|".join(before) + r")\s+" + o)
    return _bounded("|".join(alts))


def _counts(word: str) -> bool:
    """Whether a word counts what follows it ("dua pria yang tewas" is no one person): digits, or a
    number word of numbers/words.tsv."""
    lex = quantities.lexicon()
    return word.isdigit() or any(word in lex[k] for k in ("digit", "teen", "mult", "vague"))


def _one_killed(ctx: Context, s: int, e: int) -> bool:
    rx = _one_killed_re()
    if rx and rx.search(ctx.text, s, e):
        return True
    rx = _pronoun_killed_re()
    if rx and rx.match(ctx.text, s, e):
        return True  # "Dia tewas setelah terjebak di lantai 2."
    rx = _one_person_noun_re()
    many = connectives().get("many_of", frozenset())
    joins = connectives().get("joins_group", frozenset())
    ages = quantities.lexicon()["age_words"]
    for m in rx.finditer(ctx.text, s, e) if rx else ():
        before = _gap_words(ctx, max(s, m.start() - 20), m.start())
        if before and (before[-1] in many or _counts(before[-1])):
            continue
        # "wanita berusia 40 tahun itu": an age between counts no one; "wanita dan anak itu" is more than one
        gap = _gap_words(ctx, *m.span("gap")) if m.group("gap") else []
        if set(gap) & joins or any(_counts(w) and not (i and gap[i - 1] in ages) for i, w in enumerate(gap)):
            continue
        return True
    return _one_victim(ctx, s, e)


@functools.lru_cache(maxsize=None)
def _one_victim_re() -> re.Pattern | None:
    """"korban meninggal di rumah sakit", "korban diduga tewas dibunuh": a victim noun said bare
    (one_victim of connectives.tsv) before the dead."""
    return _then_dead_re("one_victim")


def _one_victim(ctx: Context, s: int, e: int) -> bool:
    """Whether text[s:e] tells one victim killed with no count ("Polisi menduga, korban meninggal dunia karena
    dibunuh"): the victim said bare, no count nor plural word (many_of) right before it, and no plural word
    nor part (part_of: "korban tewas termasuk seorang guru") within two words after the cue; a sentence
    of a toll that grows ("Korban meninggal dunia … kembali bertambah": count_update, count_now) or that counts
    people ("Selain korban meninggal dunia, tercatat empat orang luka berat") counts many, and so does a word
    that names the victims as a class (victim_class: "santunan kepada korban meninggal")."""
    rx = _one_victim_re()
    con = connectives()
    many, parts = con.get("many_of", frozenset()), con.get("part_of", frozenset())
    if rx and set(_gap_words(ctx, s, e)) & (con.get("count_update", frozenset()) | con.get("count_now", frozenset())):
        return False
    people = con.get("people_unit", frozenset())
    if any(s <= n["span"][0] and n["span"][1] <= e and str(n.get("unit") or "").lower() in people for n in ctx.numbers):
        return False
    for m in rx.finditer(ctx.text, s, e) if rx else ():
        before = _gap_words(ctx, max(s, m.start() - 30), m.start())[-2:]
        after = _gap_words(ctx, m.end(), min(e, m.end() + 30))[:2]
        # "sebagian besar korban": a plural word up to two words before
        if set(before) & many or (before and (_counts(before[-1]) or before[-1] in con.get("victim_class", frozenset()))):
            continue
        if not set(after) & (many | parts):
            return True
    return False


@functools.lru_cache(maxsize=None)
def _pronoun_killed_re() -> re.Pattern | None:
    """"Dia tewas setelah terjebak", "Ia dilaporkan meninggal dunia": a sentence that opens with a pronoun
    for one person (one_person_pronoun of connectives.tsv), up to two reporting words (report_word) and a
    killed cue said after the dead (numbers/roles.tsv)."""
    pron = sorted(connectives().get("one_person_pronoun", frozenset()))
    report = sorted(connectives().get("report_word", frozenset()))
    after = _killed_alternatives("after")
    if not pron or not after:
        return None
    rep = r"(?:(?:" + "|".join(map(re.escape, report)) + r")\s+){0,2}" if report else ""
    return re.compile(r"[\W_]*(?:" + "|".join(map(re.escape, pron)) + r")\s+" + rep + "(?:" + "|".join(after)
                      + r")(?![\w\-])", re.I)


@functools.lru_cache(maxsize=None)
def _one_person_noun_re() -> re.Pattern | None:
    """"perempuan itu dibunuh", "wanita berusia 40 tahun itu dilaporkan tewas", "pria berusia 30 dengan
    inisial MA yang tewas": a noun for one person (one_person_noun of connectives.tsv) named again with
    "itu"/"tersebut" (up to four words between, the group `gap`, and up to two reporting words, report_word,
    after), or with a "yang" clause, and a killed cue after it (numbers/roles.tsv)."""
    nouns = sorted(connectives().get("one_person_noun", frozenset()))
    back = sorted(connectives().get("event_back", frozenset()))
    report = sorted(connectives().get("report_word", frozenset()))
    after = _killed_alternatives("after")
    if not nouns or not after:
        return None
    n = "(?:" + "|".join(map(re.escape, nouns)) + ")"
    cue = r"(?:(?:telah|sudah|ditemukan)\s+)?(?:" + "|".join(after) + ")"
    rep = r"(?:(?:" + "|".join(map(re.escape, report)) + r")\s+){0,2}" if report else ""
    return _bounded(n + r"(?P<gap>(?:\s+[\w\-]+){0,4}?)\s+(?:" + "|".join(map(re.escape, back)) + r")\s+" + rep
                    + "(?:" + "|".join(after) + ")"
                    + "|" + n + r"(?:\s+[\w\-]+){0,6}?\s+yang\s+" + cue)


@functools.lru_cache(maxsize=1)
def _report_prefix_re() -> re.Pattern:
    """A comma and up to two reporting words (report_word of connectives.tsv) at the start of a text."""
    words = sorted(connectives().get("report_word", frozenset()), key=len, reverse=True)
    alt = "|".join(map(re.escape, words)) or "(?!)"
    return re.compile(r"^,?\s*(?:(?:" + alt + r")\s+){0,2}")


def _named_killed(ctx: Context, s: int, e: int) -> int:
    """"… menyebabkan Sersan Christopher Speer tewas", "menewaskan Abdul Rahman": how many people named
    (PER entities in text[s:e]) the sentence says were killed, each once."""
    after, before = _killed_cues().get("after", ()), _killed_cues().get("before", ())
    text = ctx.text
    named = set()
    for ent in ctx.entities:
        a, b = ent["span"]
        if not (s <= a and b <= e) or not str(ent.get("type", "")).startswith("PER"):
            continue
        # "Abu Sayed, dilaporkan tewas": a comma and reporting words (report_word) may come first
        tail = _report_prefix_re().sub("", " ".join(text[b:min(e, b + 60)].lower().split()), count=1)
        head = " ".join(text[max(s, a - 30):a].lower().split())
        # "menewaskan Abdul Rahman", "membunuh ahli jantung Michael Davidson" (up to three words of his title)
        head_bare = re.sub(r"(?:\s+(?!(?:me|di|ber|ter)|(?:dan|serta|atau|yang|oleh|kata)\b)[a-z][\w\-]*,?){0,3}$", "", head)
        if any(tail.startswith(c + " ") or tail == c or tail.startswith(c + ",") or tail.startswith(c + ".")
               or tail.startswith("yang " + c) for c in after) \
                or any(head.endswith(c) or head_bare.endswith(c) for c in before):
            named.add((ent.get("canonical") or ent["text"]).lower())
    return len(named)


LATER_SENTENCES = 3  # how far after an event its deaths may still be told
LATER_REFERRING = 10  # how far, when the sentence names the event again ("insiden … itu") and no other is told between
LATER_NONE = 15  # how far a "no one was killed" may close the story of the event told last ("Korban jiwa tidak ada.")


@functools.lru_cache(maxsize=None)
def _event_which_re() -> re.Pattern | None:
    """"pengeboman yang menewaskan 22 orang", "kejadian yang menewaskan Zoya di Bekasi": an event noun (event_noun
    of connectives.tsv), up to three words, a relative word (event_which) and a killed cue said before the
    dead: a later sentence that names the event again by the deaths it caused, with no "itu" after it."""
    con = connectives()
    nouns, which = sorted(con.get("event_noun", frozenset())), sorted(con.get("event_which", frozenset()))
    before = _killed_alternatives("before")
    if not nouns or not which or not before:
        return None
    return _bounded("(?:" + "|".join(map(re.escape, nouns)) + r")(?:\s+[\w\-]+){0,3}?\s+(?:"
                    + "|".join(map(re.escape, which)) + r")\s+(?:" + "|".join(before) + ")")


def _later_fatalities(ctx: Context, sentences: list[tuple[int, int]], mentions: list[dict]) -> None:
    """"KKB menyerang pos polisi … Dua polisi tewas dalam serangan itu.": the deaths of a violent event
    told after it: in the next sentence of its paragraph, in one of the next sentences that
    names it again ("akibat serangan itu", "insiden tersebut", "korban pengeboman yang menewaskan 22
    orang"), or in the sentence that opens the next
    paragraph right after one about it when that sentence names no place or day of its own ("Serangan itu
    membakar pos.\nDua polisi tewas."), up to the next event told. Counts in sentences that sum
    many events ("sejak perang dimulai", "total") are running totals, not this event's."""
    told: dict[int, list[dict]] = {}
    for m in mentions:
        told.setdefault(m["_k"], []).append(m)
    con = connectives()
    back = con.get("event_back", frozenset())
    nouns = con.get("event_noun", frozenset())
    which = _event_which_re()
    for m in mentions:
        k = m["_k"]
        if m["fatalities"] is not None or m["event_type"] not in VIOLENT:
            continue
        last = k  # the last sentence known to tell of this event
        aside = False  # a sentence about a non-violent act (arrests, a protest, a statement) came between
        for j in range(k + 1, min(len(sentences), k + 1 + max(LATER_REFERRING, LATER_NONE))):
            s, e = sentences[j]
            words = _gap_words(ctx, s, e)
            # "dalam serangan itu", "insiden berdarah yang menewaskan 22 orang itu", "dalam kontak tembak itu"
            refers = any((w in nouns or " ".join(words[i:i + 2]) in nouns) and back & set(words[i + 1:i + 7])
                         for i, w in enumerate(words)) and j < k + 1 + LATER_REFERRING
            # "… dampak pengeboman yang menewaskan 22 orang": named again by its deaths; where the sentence tells
            # an event, only one of this event's type (the same act told again)
            refers = refers or (j < k + 1 + LATER_REFERRING and which is not None and bool(which.search(ctx.text, s, e))
                                and all(o["event_type"] == m["event_type"] for o in told.get(j, ())))
            # "Tidak ada korban jiwa dalam kejadian tersebut.", "Korban jiwa tidak ada.": said of the event whose
            # story it closes, however far on, while no other event is told between
            if j not in told and _none_killed(ctx, s, e) and _fatalities(ctx, s, e) == 0:
                m["fatalities"], m["_count_k"] = 0, j
                break
            if j >= k + 1 + LATER_REFERRING:
                continue
            if j in told:
                # another event is told: what follows is about it, unless that sentence names this one
                # again ("Kerusuhan pecah di Wamena. 33 orang meninggal dalam kerusuhan itu."), or goes on
                # with it (an act of the same type at no other place: "Massa membakar gedung DPRD."): its
                # count is this event's too
                if refers or (j == last + 1 and not aside and all(_same_story(m, o) for o in told[j])):
                    count = _fatalities(ctx, s, e)
                    if count is not None:
                        m["fatalities"], m["_count_k"] = count, j
                        break
                    if not refers:
                        last = j
                        continue
                elif all(o["event_type"] not in VIOLENT for o in told[j]):
                    # "Polisi mengidentifikasi empat orang korban yang tewas … bersamaan dengan kejaksaan menahan
                    # satu tersangka lain.": an arrest has no victims, so the victims counted right after the
                    # violent event are its dead
                    # "Belasan orang tewas, ratusan ditangkap": so is a killed count the next sentence of its
                    # paragraph gives beside the arrests
                    if j == last + 1 and not aside and (_victims_counted(ctx, s, e)
                                                        or "\n" not in ctx.text[sentences[last][1]:s]):
                        count = _fatalities(ctx, s, e)
                        if count is not None:
                            m["fatalities"], m["_count_k"] = count, j
                            break
                    # "Polisi menangkap 20 orang. … Dua orang tewas dalam kerusuhan itu.": an aside of another
                    # kind; after it only a sentence that names this event again tells its deaths
                    aside = True
                    continue
                break
            if aside and not refers:
                continue
            near = j < k + 1 + LATER_SENTENCES
            # the next sentence of the paragraph of the last one known to tell of it
            same_para = j == last + 1 and "\n" not in ctx.text[sentences[last][1]:s]
            # "Polisi mengidentifikasi empat orang korban yang tewas, dua dari Swedia, …": the next sentence
            # counts the victims of what was just told, whatever places their nationalities name
            goes_on = near and j == last + 1 and (not _own_setting(ctx, s, e) or _victims_counted(ctx, s, e))
            if not near and not refers:
                continue  # farther on, only a sentence that names the event again tells its deaths
            if not (refers or same_para or goes_on):
                continue
            count = _fatalities(ctx, s, e)
            if count is not None:
                m["fatalities"], m["_count_k"] = count, j
                break
            if refers or same_para:
                last = j


def _earlier_fatalities(ctx: Context, sentences: list[tuple[int, int]], mentions: list[dict]) -> None:
    """"Penembakan itu menewaskan satu orang … Seorang petugas kepolisian juga terluka dalam baku tembak
    tersebut.": the deaths of the first violent act an article tells as an event, said before the sentence
    that tells it, where no event is told: in a sentence that names an event again ("Akibat penembakan itu, satu
    orang tewas") or in the body's first sentence when it names an act (event_noun of connectives.tsv), the lead
    that sums the story up ("Pelaku penembakan di rumah sakit … tewas bunuh diri usai menewaskan seorang
    wanita"); the nearest such sentence first. A count in a
    sentence that sums many events is a running total, not this event's (`_fatalities`)."""
    if not mentions:
        return
    con = connectives()
    back, nouns = con.get("event_back", frozenset()), con.get("event_noun", frozenset())
    body = ctx.article.get("body_start") or 0
    lead = next((i for i, (s, _) in enumerate(sentences) if s >= body), None)
    first = min(m["_k"] for m in mentions)
    for m in mentions:
        if m["_k"] != first or m["fatalities"] is not None or m["event_type"] not in VIOLENT \
                or m.get("modality", "asserted") != "asserted" or "kind" in m:
            continue
        for j in range(first - 1, -1, -1):
            s, e = sentences[j]
            if s < body:
                break  # the headline's count is read by _headline_fatalities
            words = _gap_words(ctx, s, e)
            named = [i for i, w in enumerate(words) if w in nouns or " ".join(words[i:i + 2]) in nouns]
            # a lead counts the dead of an act it names ("Pelaku penembakan …"), not of a death told alone
            # ("… penasihat Presiden Carter meninggal dunia")
            if not (any(back & set(words[i + 1:i + 7]) for i in named) or (j == lead and named)):
                continue
            count = _fatalities(ctx, s, e)
            if count is not None:
                m["fatalities"], m["_count_k"] = count, j
                break


HEADLINE_WORDS = 20  # the longest first line of a text given whole that is read as its headline


def _headline_fatalities(ctx: Context, sentences: list[tuple[int, int]], mentions: list[dict]) -> None:
    """"Bom Meledak di Pasar Ilaga, 5 Orang Tewas" over "Sebuah bom meledak di pasar Ilaga pada Senin.":
    the headline's killed count is the count of the event the lead tells, when the body gives it none: the
    body's first violent event, told in its first paragraph. A text given whole (no title of its own) whose
    first line has no sentence end and at most HEADLINE_WORDS words has that line as its headline. A headline
    count that sums many events (a running total) is left out by the same rules as a sentence's."""
    body = ctx.article.get("body_start") or 0
    head_end = body
    if body <= 0:
        # a text given whole, its headline on the first line: a line with no sentence end, its own paragraph
        head_end = ctx.text.find("\n")
        head = ctx.text[:max(0, head_end)].strip()
        if head_end <= 0 or not head or len(head.split()) > HEADLINE_WORDS or head[-1] in ".!?\"\u201d'":
            return
        body = head_end + len(ctx.text[head_end:]) - len(ctx.text[head_end:].lstrip())
    if body <= 0 or not ctx.text[:body].strip() or body >= len(ctx.text):
        return
    count = _fatalities(ctx, 0, head_end)
    if count is None:
        return
    lead_end = ctx.text.find("\n", body)
    lead_end = len(ctx.text) if lead_end < 0 else lead_end
    told = sorted((m for m in mentions if m["event_type"] in VIOLENT and sentences[m["_k"]][0] >= body
                   and m.get("modality", "asserted") == "asserted" and "kind" not in m), key=lambda m: m["_k"])
    if not told or sentences[told[0]["_k"]][0] >= lead_end:
        return
    for m in told:
        if m["_k"] == told[0]["_k"] and m["fatalities"] is None:
            m["fatalities"] = count


def _more_dead(ctx: Context, sentences: list[tuple[int, int]], mentions: list[dict]) -> None:
    """A violent event's count made fuller by the sentences that go on with it: an update ("Jumlah korban
    tewas bertambah menjadi lima orang": count_update of connectives.tsv before a larger count; count_now, "kini
    mencapai", only right after the count or where the event is named again) replaces it,
    and more dead of another group ("Seorang penyerang juga tewas": also_dead right before a killed cue)
    add to it, attackers included as ACLED counts them. Read in the next sentences of its story (up to
    LATER_SENTENCES, or LATER_REFERRING where the sentence names the event again), up to the next sentence
    that tells another event."""
    con = connectives()
    back, nouns = con.get("event_back", frozenset()), con.get("event_noun", frozenset())
    updates = con.get("count_update", frozenset())
    told: dict[int, list[dict]] = {}
    for m in mentions:
        told.setdefault(m["_k"], []).append(m)
    also = _also_dead_re()
    for m in mentions:
        k, count = m["_k"], m["fatalities"]
        if count is None or m["event_type"] not in VIOLENT or m.get("modality", "asserted") != "asserted":
            continue
        # from the sentence after the one its count was read in (its own, or a later one)
        for j in range(m.get("_count_k", k) + 1, min(len(sentences), k + 1 + LATER_REFERRING)):
            s, e = sentences[j]
            if any(o is not m and o["event_type"] in VIOLENT and not _same_story(m, o) for o in told.get(j, ())):
                break  # another violent event: what follows is about it
            words = _gap_words(ctx, s, e)
            refers = any((w in nouns or " ".join(words[i:i + 2]) in nouns) and back & set(words[i + 1:i + 7])
                         for i, w in enumerate(words))
            if not refers and (j >= k + 1 + LATER_SENTENCES or _own_setting(ctx, s, e)):
                continue  # "Setahun sebelumnya, 16 orang juga tewas …": a day or place of its own, another event
            # "Korban tewas kini mencapai 15 orang" right after, or "Data terbaru … dalam serangan tersebut"
            now = bool(set(words) & con.get("count_now", frozenset())) and (refers or j == m.get("_count_k", k) + 1)
            if set(words) & updates or now:
                v = _fatalities(ctx, s, e)
                if v is not None and v > count:
                    count = v  # the later, fuller toll
            elif also and also.search(ctx.text, s, e):
                v = _fatalities(ctx, s, e)
                if v:
                    count += v
        m["fatalities"] = count


@functools.lru_cache(maxsize=None)
def _also_dead_re() -> re.Pattern | None:
    """"juga tewas", "turut menjadi korban tewas": more dead besides those counted (also_dead of
    connectives.tsv, up to two words, a killed cue said after the dead)."""
    words = sorted(connectives().get("also_dead", frozenset()))
    after = _killed_alternatives("after")
    if not words or not after:
        return None
    return _bounded("(?:" + "|".join(map(re.escape, words)) + r")(?:\s+[\w\-]+){0,2}?\s+(?:" + "|".join(after) + ")")


def _victims_counted(ctx: Context, s: int, e: int) -> bool:
    """Whether text[s:e] gives a killed count of victims: a victim noun (victim_noun of connectives.tsv,
    "korban") within two words of a killed count ("empat orang korban yang tewas", "korban tewas 12 orang")."""
    victims = connectives().get("victim_noun", frozenset())
    for n in ctx.numbers:
        a, b = n["span"]
        if s <= a and b <= e and n.get("role") == "killed":
            near = _gap_words(ctx, max(s, a - 20), a)[-2:] + _gap_words(ctx, a, min(e, b + 20))[:4]
            if set(near) & victims:
                return True
    return False


def _same_story(m: dict, o: dict) -> bool:
    """Whether mention o, told right after m, goes on with m's event: the same event type, and no place of
    its own other than m's."""
    if o["event_type"] != m["event_type"]:
        return False
    op, mp = o.get("place") or {}, m.get("place") or {}
    if not op or op.get("inherited"):
        return True
    return bool(mp) and (op.get("id") or op.get("name")) == (mp.get("id") or mp.get("name"))


def _own_setting(ctx: Context, s: int, e: int) -> bool:
    """Whether text[s:e] names a place or a day of its own ("… tewas di Nduga pekan lalu"). A place
    read as whose someone is ("seorang warga Palestina") and a time that points back ("Saat itu", "ketika
    itu": a *_REF value) set nothing new."""
    people = connectives().get("crowd_noun", frozenset())

    def whose(p):  # "warga Palestina": the people's nation, no place where anything happened
        before = _gap_words(ctx, max(s, p["span"][0] - 20), p["span"][0])
        return _place_reading(ctx, s, p) == 0 or bool(before and before[-1] in people)

    return any(s <= p["span"][0] and p["span"][1] <= e and not whose(p) for p in ctx.places) \
        or any(s <= t["span"][0] and t["span"][1] <= e and not str(t.get("value") or "").endswith("_REF")
               for t in ctx.timexes)


def fatalities_at(article: dict[str, Any], start: int, event_type: str) -> int | None:
    """The killed count the rules above give a violent event of event_type told in the sentence of an
    analysed article (a record with its sentences, entities, timexes and numbers) that holds offset start,
    whether or not the stage emits an event there: its own sentence, then the sentences after it up to
    the next sentence where the record tells another event, then (the first event told) those before it. Scripts that score the fatality rules apart
    from event detection call it (scripts/eval_fatalities.py)."""
    if event_type not in VIOLENT:
        return None
    ctx = Context(article)
    sentences = sentence_spans(article)
    ctx.sentences = sentences
    k = next((i for i, (s, e) in enumerate(sentences) if s <= start < e), None)
    if k is None:
        return None
    m = {"_k": k, "event_type": event_type, "fatalities": _fatalities(ctx, *sentences[k])}
    # the record's other events and statements: a sentence telling one ends this event's story
    others = [{"_k": i, "event_type": ev["event_type"], "place": ev.get("place"), "fatalities": 0}  # left alone
              for ev in (article.get("events") or []) + (article.get("statements") or [])
              for i, (s, e) in enumerate(sentences)
              if i != k and s < ev["evidence"]["span"][1] and ev["evidence"]["span"][0] < e]
    _later_fatalities(ctx, sentences, [m] + others)
    _earlier_fatalities(ctx, sentences, [m] + others)
    _more_dead(ctx, sentences, [m] + others)
    _headline_fatalities(ctx, sentences, [m] + others)
    return m["fatalities"]


def _attribution(ctx: Context, ts: int, te: int) -> tuple[str | None, bool]:
    """(who claims it, whether it sits in reported speech)."""
    for kind in ("direct", "indirect"):
        for q in ctx.quotes:
            qs, qe = q["span"]
            if q.get("kind", "direct") == kind and qs <= ts and te <= qe:
                sp = q.get("speaker") or {}
                who = sp.get("canonical") or sp.get("text")
                if who:
                    return who, True
    credited = ctx.article.get("credited_sources") or []
    if credited and credited[0].get("name"):
        return credited[0]["name"], False
    outlet = (ctx.article.get("outlet") or {}).get("name")
    return outlet, False


def _pick_actors(ctx: Context, trig: dict, s: int, e: int, ts: int, te: int, prev_actor: dict | None):
    text = ctx.text
    cands = [c for c in actors_in(ctx, s, e)
             # "SDF yang dipimpin Kurdi", "pasukan yang didukung Rusia": modifiers, not parties
             if not re.search(r"\b(?:dipimpin|didukung|dukungan|sekutu)\s+$", text[max(s, c["span"][0] - 25):c["span"][0]], re.I)]
    # "Maman mengatakan, anggotanya … bentrokan": who says or confirms it, before the verb, reports the event
    # "sebagaimana dilansir The Economic Times", "menurut CSIS": a medium or institute a story is taken from
    # is no party (an armed force that says what it did still is: "menurut militer Israel")
    intro = connectives().get("source_intro", frozenset())
    media = [x["span"] for x in (ctx.article.get("cited_sources") or []) + (ctx.article.get("credited_sources") or [])
             if x.get("span")]
    # a name inside a medium's own name ("The Times of Israel") is never a party, armed or not
    cands = [c for c in cands if not any(a <= c["span"][0] and c["span"][1] <= b for a, b in media)]
    cands = [c for c in cands if c.get("side") in ARMED_SIDES or not (
        set(_gap_words(ctx, max(s, c["span"][0] - 30), c["span"][0])[-2:]) & intro
        or any(a < c["span"][1] and c["span"][0] < b for a, b in media))]
    reported = [b for a, b in _words(text, s, ts) if text[a:b].lower() in connectives().get("report_verb", frozenset())]
    speakers: list[dict] = []
    # … unless the reported clause speaks of the speaker ("Rusia mengatakan, pihaknya siap berunding")
    if reported and not re.match(r"[\s,:]*(?:bahwa\s+)?(?:pihaknya|mereka|ia|dia|kami)\b", text[reported[-1]:ts], re.I):
        speakers = [c for c in cands if c["span"][1] <= reported[-1]]
        cands = [c for c in cands if not c["span"][1] <= reported[-1]]
    before = [c for c in cands if c["span"][0] < ts and not _has_break(_unellipsed(text, c["span"][1], ts), 0, ts - c["span"][1])]
    before_far = [c for c in cands if c["span"][0] < ts]
    speech = connectives().get("speech_verb", frozenset())
    after = [c for c in cands if c["span"][0] >= te and len(_words(text, te, c["span"][0])) <= 8
             and not _has_break(text, te, c["span"][0])
             and not set(_gap_words(ctx, te, c["span"][0])) & speech]
    before.sort(key=lambda c: ts - c["span"][1])
    after.sort(key=lambda c: c["span"][0])
    # "oleh X" after the trigger names the agent whatever the trigger's voice
    agent_after = next((c for c in after if re.search(r"\boleh\s+$", text[te:c["span"][0]] + "", re.I)
                        or re.search(r"\boleh\s*$", text[max(te, c["span"][0] - 8):c["span"][0]], re.I)), None)
    mode = trig["actor1"]
    a1 = a2 = None
    loser = None
    # "… pasukan Assad di provinsi Hama, dimana dalam 24 jam mereka kehilangan …": the pronoun stands for
    # the nearest actor before it in the sentence, else for the last actor of the previous sentence
    pron = re.search(r"\b(?:mereka|pihaknya|(negara|negeri) (?:itu|tersebut))\s+(?:\w+\s+){0,2}$", text[s:ts], re.I)
    if not before and pron:
        # "meninggalkan Israel setelah negara itu meluncurkan pengeboman": "negara itu" is a state named before
        far = sorted((c for c in before_far if not pron.group(1) or c.get("side") in ("government", "external")),
                     key=lambda c: ts - c["span"][1])
        if far:
            before = [dict(far[0], anaphora=True)]
        elif prev_actor is not None:
            before = [dict(prev_actor, anaphora=True)]
    if mode == "after":
        a1 = after[0] if after else None
        a2 = before[0] if before else None
    elif mode == "loser_before":
        loser = before[0] if before else None
        a2 = loser
    elif (voice := _voice(text[ts:te])) == "passive":
        # "MA dipukul dan dibakar massa", "ditahan oleh pihak berwenang Prancis": the agent follows the
        # verb (after `oleh`, or right after it); the subject is who it was done to
        a1 = agent_after or _bare_agent(ctx, after, te)
        a2 = before[0] if before else None
        if a2 is None:
            a2 = next((c for c in after if c is not a1), None)
    elif (pair := _between_pair(ctx, after, te)) is not None:
        # "pertempuran antara pasukan pemerintah dan pemberontak", "terjadi bentrok antara X dan Y": the
        # sides in the order told, whatever the word's form
        a1, a2 = pair
    elif voice == "nominal" and (agent_after is not None or _genitive_agent(ctx, text[ts:te], after, te)):
        # "serangan udara Amerika Serikat di Afghanistan", "serangan terbesar oleh rezim"
        a1 = agent_after or _genitive_agent(ctx, text[ts:te], after, te)
        a2 = next((c for c in after if c is not a1 and not _same_actor(c, a1)), before[0] if before else None)
    else:
        a1 = before[0] if before else None
        # coordinated subject "X dan Y mencapai kesepakatan": X leads
        if a1 is not None and len(before) > 1:
            other = before[1]
            if re.fullmatch(r"\s*(?:dan|bersama(?: dengan)?|serta)\s*", text[other["span"][1]:a1["span"][0]], re.I):
                if trig["sub_event_type"] in ("Agreement", "Armed clash"):
                    a1, a2 = other, a1
                else:
                    a1 = other
        if a1 is None and _possessive(ctx, s, ts, te, e):
            # "Serangannya", "serangan udara mendadaknya": the speaker of the reported clause when an armed
            # party ("Israel mengatakan bahwa serangan udara mendadaknya …"), else the last actor before; an
            # attack is not owned by someone who is no armed party (the carried attacker stands in then)
            owner = next((c for c in reversed(speakers) if c.get("side") in ARMED_SIDES), None) or prev_actor
            if owner is not None and (owner.get("side") in ARMED_SIDES or trig["event_type"] not in CARRIED_TYPES
                                      or trig["sub_event_type"].startswith("@")):  # a clash may be a crowd's
                a1 = dict(owner, anaphora=True)
        if a2 is None:
            a2 = next((c for c in after if c is not agent_after), None)
    if a1 is None:
        # "rudal Iran menghantam", "jet tempur Israel membombardir": the armed party named inside the act's
        # own words, after its means, fired them; so does one right after words ending in a means ("dengan
        # latar rudal Iran menghantam Israel")
        means = connectives().get("means_shelling", frozenset()) | connectives().get("means_air", frozenset())
        a1 = next((c for c in cands if ts <= c["span"][0] and c["span"][1] <= te and c.get("side") in ARMED_SIDES
                   and c is not a2 and ((_gap_words(ctx, ts, c["span"][0]) or [""])[-1] in means
                                        or any(c["text"].lower().startswith(w + " ") for w in means))), None)
        last = (text[ts:te].lower().split() or [""])[-1]
        if a1 is None and last in means and after and after[0].get("side") in ARMED_SIDES \
                and not _gap_words(ctx, te, after[0]["span"][0]):
            a1 = after[0]
            a2 = next((c for c in after[1:] if not _same_actor(c, a1)), None) if a2 is after[0] else a2
    if agent_after is not None and mode != "after" and (a1 is None or a1.get("side") == "civilians"):
        a2, a1 = (a1 if a1 is not None else a2), agent_after
    unarmed = ("civilians", "protesters") + (("rioters",) if trig["event_type"] == "Explosions/Remote violence" else ())
    if a1 is not None and a1.get("side") in unarmed and trig["event_type"] in VIOLENT:
        # victims are no attackers: "400 warga sipil tewas akibat serangan udara … rezim" (nor does a crowd
        # fire missiles: "sekelompok orang … menyaksikan hujan rudal" are those under them)
        a2 = a1
        a1 = next((c for c in after + before_far if c.get("side") not in unarmed + (None,)), None)
    if loser is None and trig["sub_event_type"] == "@territory":
        # "menduduki seluruh Aleppo dari tangan oposisi": who lost it, whatever the voice
        markers = connectives().get("loser_after", frozenset())
        loser = next((c for c in after
                      if " ".join(w.lower() for w in text[max(te, c["span"][0] - 30):c["span"][0]].split()[-2:])
                      in markers), None)
        if loser is not None and (a2 is None or a2 is loser or a2["span"] == loser["span"]):
            a2 = loser
    if _same_actor(a1, a2):
        a2 = None  # one actor named twice ("serangan udara Israel … Israel") is not both sides
    if a1 is None and trig["sub_event_type"] == "Arrests" and set(text[ts:te].lower().split()) & \
            connectives().get("arrest_agentless", frozenset()):
        # "20 terduga telah diamankan": an arrest with no agent named is the police's (ACLED codebook)
        a1 = {"text": text[ts:te], "span": [ts, te], "canonical": "Police Forces of {country}", "side": "government",
              "label": True, "implied": True}
    return a1, a2, loser, cands


def _possessive(ctx: Context, s: int, ts: int, te: int, e: int) -> bool:
    """Whether the act's words carry a possessive "-nya" ("Serangannya", "serangan udara mendadaknya",
    "anggotanya … akibat bentrokan"): before it in its sentence, in it or in the two words after it, an
    adverb in "-nya" ("sebelumnya", "setidaknya") aside."""
    not_owned = connectives().get("not_possessive", frozenset())
    spans = _words(ctx.text, s, te) + _words(ctx.text, te, e)[:2]
    return any(w.endswith("nya") and len(w) > 5 and w not in not_owned
               for w in (ctx.text[a:b].lower() for a, b in spans))


def _unellipsed(text: str, a: int, b: int) -> str:
    """text[a:b] with its ellipses blanked: a quote cut short ("Lebih dari 50 jet tempur Angkatan Udara
    Israel... melakukan serangkaian serangan udara") goes on with the same clause."""
    return re.sub(r"\.\.\.|…", lambda m: " " * len(m.group()), text[a:b])


def _voice(trigger_text: str) -> str:
    """"passive" (di-/ter- verbs: "ditangkap", "diserang"), "nominal" (an action noun: "serangan",
    "penangkapan", "pertempuran") or "active" (meN- verbs and the rest), from the trigger's first word."""
    words = trigger_text.lower().split()
    head = words[0] if words else ""
    if re.fullmatch(r"(?:di|ter)[a-z]{3,}", head):
        return "passive"
    if head in connectives().get("agent_genitive", frozenset()) or re.fullmatch(r"(?:pe|per|pen|pem|peng|peny)[a-z]+an", head) \
            or re.fullmatch(r"[a-z]+an", head) and not head.startswith("me"):
        return "nominal"
    if any(re.fullmatch(r"di[a-z]{3,}", w) for w in words[1:]):
        return "passive"  # "aktivis itu ditangkap": a trigger that takes in the subject before its verb
    return "active"


def _gap_words(ctx: Context, a: int, b: int) -> list[str]:
    return [ctx.text[x:y].lower() for x, y in _words(ctx.text, a, b)]


def _bare_agent(ctx: Context, after: list[dict], te: int) -> dict | None:
    """The agent right after a passive verb with no `oleh` ("ditangkap polisi", "diperangi habis-habisan
    SDF"): at most two words between, none of them a preposition or conjunction."""
    markers = connectives().get("case_marker", frozenset())
    for c in after[:1]:
        gap = _gap_words(ctx, te, c["span"][0])
        if len(gap) <= 2 and not set(gap) & markers and not re.search(r"[,;:()\"]", ctx.text[te:c["span"][0]]):
            return c
    return None


def _between_pair(ctx: Context, after: list[dict], te: int) -> tuple[dict, dict | None] | None:
    """"antara X dan Y", "antara X melawan Y" right after an action noun: X and Y, in that order."""
    for i, c in enumerate(after):
        gap = _gap_words(ctx, te, c["span"][0])
        if "antara" not in gap or len(gap) > 3:
            continue
        nxt = next((d for d in after[i + 1:] if set(_gap_words(ctx, c["span"][1], d["span"][0])) & {"dan", "dengan", "melawan", "versus"}
                    and len(_gap_words(ctx, c["span"][1], d["span"][0])) <= 2), None)
        return c, nxt
    return None


def _genitive_agent(ctx: Context, trigger_text: str, after: list[dict], te: int) -> dict | None:
    """The actor right after an agent noun ("serangan udara Amerika Serikat", "serangan militer
    pemerintah"): who attacked, when no preposition stands between."""
    words = trigger_text.lower().split()
    if not words or words[0] not in connectives().get("agent_genitive", frozenset()):
        return None
    return _bare_agent(ctx, after, te)


def _territory_object(ctx: Context, s: int, e: int, ts: int, te: int, place_before: bool = False) -> bool:
    """A territory change needs ground: a territorial noun in or after the trigger, or a place after it
    ("menguasai Aleppo"; before it for "Ramouseh … jatuh ke tangan X")."""
    nouns = connectives().get("territory", frozenset())
    words = [ctx.text[a:b].lower() for a, b in _words(ctx.text, ts, min(e, te + 60))][:8]
    # the four words after the trigger, whatever its length ("mengambil alih kendali atas wilayah udara")
    head = " " + " ".join(ctx.text[a:b].lower() for a, b in _words(ctx.text, te, min(e, te + 60))[:4]) + " "
    if not place_before and any(f" {w} " in head for w in connectives().get("not_territory", frozenset())):
        return False  # "menguasai langit di atas Iran", "dominasi udara": the air, not the ground
    if set(words) & nouns:
        return True
    for p in ctx.places:
        if s <= p["span"][0] and p["span"][1] <= e and (p["span"][1] <= ts) == place_before:
            a, b = (p["span"][1], ts) if p["span"][1] <= ts else (te, p["span"][0])
            if len(_words(ctx.text, a, b)) <= PLACE_REACH:
                return True
    return False


def _resolve_territory(a1: dict | None, loser: dict | None) -> str | None:
    if a1 and a1.get("side") == "government":
        return "Government regains territory"
    if a1 and a1.get("side") == "opposition":
        return "Non-state actor overtakes territory"
    if loser and loser.get("side") == "government":
        return "Non-state actor overtakes territory"
    if loser and loser.get("side") == "opposition":
        return "Government regains territory"
    return None


def _nearby_role(ctx: Context, start: int, end: int, role: str, words: int = 6, before: bool = False) -> bool:
    """Whether a word or phrase of a connectives.tsv role stands within `words` words after `start`
    (or before `end`, with before=True) in text[start:end]."""
    spans = _words(ctx.text, start, end)
    spans = spans[-words:] if before else spans[:words]
    if not spans:
        return False
    window = " " + " ".join(ctx.text[a:b].lower() for a, b in spans) + " "
    return any(f" {w} " in window for w in connectives().get(role, frozenset()))


@functools.lru_cache(maxsize=None)
def borders() -> frozenset[frozenset[str]]:
    """The pairs of countries (ISO 3166 alpha-2) that share a land boundary (events/borders.tsv)."""
    return frozenset(frozenset((r["a"], r["b"])) for r in load_tsv("events/borders.tsv"))


def _sentence_phrases(ctx: Context, s: int, e: int, skip: tuple[int, int] = (0, 0)) -> str:
    """The words of text[s:e] (less those inside `skip`), lower-cased and joined by single spaces, with
    the phrases in which a means word names no means ("pangkalan udara", "mencegat rudal") blanked out."""
    window = " " + " ".join(ctx.text[a:b].lower() if not (skip[0] <= a < skip[1]) else "_"
                            for a, b in _words(ctx.text, s, e)) + " "
    for phrase in sorted(connectives().get("not_means", frozenset()), key=len, reverse=True):
        window = window.replace(f" {phrase} ", " _ ")
    return window


def _means(ctx: Context, s: int, e: int, skip: tuple[int, int] = (0, 0)) -> str | None:
    """ACLED's sub-type of a remote strike from the means text[s:e] names (words inside `skip` aside):
    missiles, rockets and guns make a shelling, aircraft and drones an air strike (the first one
    named wins)."""
    window = _sentence_phrases(ctx, s, e, skip)
    best: tuple[int, str] | None = None
    for role, sub in (("means_shelling", "Shelling/artillery/missile attack"), ("means_air", "Air/drone strike")):
        for w in connectives().get(role, frozenset()):
            i = window.find(f" {w} ")
            if i >= 0 and (best is None or i < best[0]):
                best = (i, sub)
    return best[1] if best else None


def _has_role(ctx: Context, s: int, e: int, role: str) -> bool:
    window = " " + " ".join(ctx.text[a:b].lower() for a, b in _words(ctx.text, s, e)) + " "
    return any(f" {w} " in window for w in connectives().get(role, frozenset()))


def _actor_country(ctx: Context, a: dict | None) -> str | None:
    """The country (ISO alpha-2) an actor belongs to: its own ("pasukan AS"), the actors table's, or
    the place entity it was read from."""
    if not a:
        return None
    if a.get("country"):
        return a["country"]
    row = actor_table().get((a.get("canonical") or "").lower())
    if row and row.get("country"):
        return row["country"]
    i = bisect.bisect_left(ctx.entity_starts, a["span"][0])
    if i < len(ctx.entities) and ctx.entities[i]["span"] == a["span"]:
        return (ctx.entities[i].get("geo") or {}).get("country")
    return None


def _target_country(ctx: Context, a2: dict | None, s: int, e: int, ts: int, te: int,
                    attacker: list[int] | None = None) -> str | None:
    """Whose ground an attack hit: the country of who was attacked, else of the first place named after
    the trigger in its clause (before it, for a passive verb: "Teheran diserang"), the attacker's own
    name aside ("serangan AS di Nangarhar": AS attacked, Nangarhar was hit)."""
    country = _actor_country(ctx, a2)
    if country:
        return country
    passive = ctx.text[ts:te].lower().startswith("di")
    for p in ctx.places:
        a, b = p["span"]
        if not (s <= a and b <= e) or (attacker and a >= attacker[0] and b <= attacker[1]):
            continue
        ahead = a >= te and len(_words(ctx.text, te, a)) <= PLACE_REACH and not _has_break(ctx.text, te, a)
        behind = passive and b <= ts and len(_words(ctx.text, b, ts)) <= PLACE_REACH
        if (ahead or behind) and (p.get("geo") or {}).get("country"):
            return p["geo"]["country"]
    return None


def _object_words(ctx: Context, ts: int, te: int, e: int) -> tuple[int, int]:
    """The span of the two words right after an active or nominal attack word, where what was hit
    stands ("menembak helikopter", "serangan terhadap pesawat tempur"): those words name the target,
    not the means, unless an instrument word opens them ("menyerang dengan drone"). After a passive
    verb they name the agent ("diserang helikopter"), which is the means."""
    if _voice(ctx.text[ts:te]) == "passive":
        return (0, 0)
    spans = _words(ctx.text, te, e)[:3]
    words = [ctx.text[a:b].lower() for a, b in spans]
    if words and words[0] in ("terhadap", "atas", "ke"):
        spans, words = spans[1:], words[1:]  # "serangan terhadap X": X is the object
    if not spans or words[0] in connectives().get("instrument", frozenset()):
        return (0, 0)
    return (spans[0][0], spans[:2][-1][1])


def _near_means(ctx: Context, s: int, e: int) -> str | None:
    """The means named in the sentence text[s:e], else in the sentence before or after it."""
    sub = _means(ctx, s, e)
    if sub or not ctx.sentences:
        return sub
    k = bisect.bisect_left(ctx.sentences, (s, e))
    for j in (k - 1, k + 1):
        if 0 <= j < len(ctx.sentences) and ctx.sentences[j] != (s, e):
            sub = _means(ctx, *ctx.sentences[j])
            if sub:
                return sub
    return None


def _remote_strike(ctx: Context, a1: dict | None, a2: dict | None, s: int, e: int, ts: int, te: int) \
        -> tuple[str, str] | None:
    """Explosions/Remote violence and its sub-type for an attack the other side cannot answer on the
    ground (ACLED codebook), or None. Where the sentence tells of fighting on the ground ("baku
    tembak", "pasukan darat") it is a battle whatever else it says. Otherwise a strike is remote when
    it names its means (missiles, rockets, artillery: shelling; aircraft, drones: air strike), or when
    a state's forces hit the ground of a country that shares no land border with theirs ("Israel
    menyerang Iran"): its sub-type is then the means the sentences around it name, else an air strike,
    the way states strike far from their borders."""
    if _has_role(ctx, s, e, "ground_cue"):
        return None
    sub = _means(ctx, s, e, _object_words(ctx, ts, te, e))
    if sub is not None and (a1 is None or a1.get("side") in ARMED_SIDES):
        return "Explosions/Remote violence", sub
    if (a1 or {}).get("side") not in ("government", "external"):
        return None
    before = ctx.text[a1["span"][1]:ts] if a1["span"][1] <= ts else ""
    if re.search(r"\byang\s*$", ctx.text[s:ts], re.I) and not re.fullmatch(r"[\s,]*yang\s*", before, re.I):
        return None  # "melawan pihak yang menyerang Tokyo": the attacker is the clause's own head, not a1
    mine, theirs = _actor_country(ctx, a1), _target_country(ctx, a2, s, e, ts, te, a1["span"])
    if not mine or not theirs or mine == theirs or frozenset((mine, theirs)) in borders():
        return None
    return "Explosions/Remote violence", _near_means(ctx, s, e) or "Air/drone strike"


def _own_subject(ctx: Context, a1: dict, ts: int) -> bool:
    """Whether the attack verb at ts has a subject of its own between a1, named before it, and the verb: a
    perpetrator or a person (perpetrator_noun and clause_subject of connectives.tsv: "menurut polisi, pelaku
    menembak …", "dari penyelidikan polisi, ia juga membunuh …"), or the head of a "yang" clause that is the
    object of a1's own verb ("Polisi menangkap pria yang membunuh …", "polisi memburu pelaku yang menikam …")."""
    if a1["span"][1] > ts:
        return False
    words = [ctx.text[a:b].lower() for a, b in _words(ctx.text, a1["span"][1], ts)]
    con = connectives()
    if set(words) & (con.get("perpetrator_noun", frozenset()) | con.get("clause_subject", frozenset())):
        return True
    return len(words) >= 3 and words[-1] == "yang" and any(ME_VERB.match(w) for w in words[:-2])


def _resolve_attack(ctx: Context, a1: dict | None, a2: dict | None, s: int, e: int, ts: int, te: int):
    """ACLED's type of a plain attack verb ("menyerang", "ditembak") from who attacked whom: a strike the
    other side cannot answer on the ground is remote violence (_remote_strike); armed against armed
    (or a police post, a base) is a battle; armed against civilians is violence against civilians; a
    crowd that attacks, or an unarmed attack with stones and bottles where a crowd is named, is a riot.
    None when the parties do not tell."""
    if a1 is not None and _own_subject(ctx, a1, ts):
        a1 = None  # "Polisi menangkap pria yang membunuh …", "menurut polisi, pelaku menembak …": not who attacked
    side1 = (a1 or {}).get("side")
    side2 = (a2 or {}).get("side")
    passive = ctx.text[ts:te].lower().startswith("di")
    # who did it, when told after the word ("guru itu diserang kelompok bersenjata", "serangan kelompok
    # bersenjata yang menewaskan pengunjung"), is not who was hit
    after = a1["span"][1] if a1 is not None and a1["span"][0] >= te else te
    # a force named as the target, not a state that may only be where it happened ("penembakan massal di
    # California, Amerika Serikat")
    force_target = _nearby_role(ctx, after, e, "armed_target") \
        or (side2 in ARMED_SIDES and (a2 or {}).get("type") not in ("GPE", "LOC"))
    civilian_target = side2 == "civilians" or _nearby_role(ctx, after, e, "civilian_target")
    if passive:  # "pos polisi diserang": the target stands before the verb, after whoever reports it
        since = max([b for a, b in _words(ctx.text, s, ts)
                     if ctx.text[a:b].lower() in connectives().get("report_verb", frozenset())], default=s)
        force_target = force_target or _nearby_role(ctx, since, ts, "armed_target", before=True)
        civilian_target = civilian_target or _nearby_role(ctx, since, ts, "civilian_target", before=True)
    if civilian_target and _nearby_role(ctx, after, e, "perpetrator_noun"):
        civilian_target = False  # "menembak kaki seorang remaja pelaku begal": a suspect the police stop, not civilians
    armed_target = force_target or side2 in ARMED_SIDES
    if ctx.text[ts:te].lower() == "serangan" and (side1 != "opposition" or not (force_target or civilian_target)):
        # the bare noun is most often a campaign, a running total or a state's strikes talked about ("serangan
        # Israel telah menewaskan 224 orang", "mengecam serangan Israel"): one attack only when an armed group
        # is told hitting someone ("serangan kelompok bersenjata yang menewaskan pengunjung restoran")
        return None
    remote = _remote_strike(ctx, a1, a2, s, e, ts, te)
    if remote is not None:
        return remote
    if side1 not in ARMED_SIDES and _has_role(ctx, s, e, "crowd_weapon") \
            and (_has_role(ctx, s, e, "crowd") or _has_role(ctx, s, e, "crowd_noun")):
        return _resolve_riot(ctx, s, e)  # "warga … ratusan aparat … diserang menggunakan botol dan bebatuan"
    if side1 not in ARMED_SIDES and not passive and _nearby_role(ctx, s, ts, "crowd", before=True):
        return "Riots", "Mob violence"
    if side1 in ARMED_SIDES and force_target:
        return "Battles", "Armed clash"
    if side1 in ARMED_SIDES and civilian_target:  # "… menewaskan pengunjung restoran Turki": people, not Turkey
        return "Violence against civilians", "Attack"
    if side1 in ARMED_SIDES and armed_target:
        return "Battles", "Armed clash"
    if a1 is None and force_target and not civilian_target:
        # "pos polisi diserang", "kasus yang menyerang Polda Sumatera Utara": an attack on the security
        # forces by no one named is a battle with an unidentified armed group (ACLED codebook)
        return "Battles", "Armed clash"
    return None  # a crime's shooting or beating names no armed party: not coded


def _state_strike(ctx: Context, event_type: str, a1: dict | None, a2: dict | None, s: int, e: int, ts: int,
                  te: int) -> bool:
    """Whether a remote weapon word is told with one state's forces named before it and sent at another
    state after it ("Militer Iran mengeluarkan senjata rudal … yang menyasar Israel", "Iran juga mengirim
    segerombolan pesawat nirawak ke Israel"): a strike from one country onto another needs no place and
    day of its own to be one, as a fight told with who fought needs none (_armed_parties)."""
    if event_type != "Explosions/Remote violence" or a1 is None or a2 is None:
        return False
    if a1.get("side") not in ("government", "external") or a2.get("side") not in ("government", "external"):
        return False
    if not (a1["span"][1] <= ts < a2["span"][0]):
        return False
    # the weapon is sent at the second state ("… ke Israel", "… yang menyasar Israel"), not its own
    # ("rudal Iran") nor coming from it ("rudal balistik jarak jauh dari Iran")
    words = [ctx.text[a:b].lower() for a, b in _words(ctx.text, ts, a2["span"][0])]
    if not words or not (words[-1] in connectives().get("strike_toward", frozenset())
                         or set(words) & connectives().get("target_verb", frozenset())):
        return False
    mine, theirs = _actor_country(ctx, a1), _actor_country(ctx, a2)
    if not (mine and theirs and mine != theirs):
        return False
    # the weapon of a stronger word's act ("Iran menembakkan serangan rudal ke arah Israel") is that act, told already
    return not any(t["event_type"] == event_type and t["strength"] != "weak"
                   and any(m.start() <= ts and te <= m.end() for m in t["re"].finditer(ctx.text, s, e))
                   for t in triggers())


def _armed_parties(event_type: str, a1: dict | None, a2: dict | None) -> bool:
    """Whether a battle word names two armed parties ("pertempuran antara pasukan pemerintah dan
    pemberontak", "Pasukan Irak bertempur melawan militan ISIS"): a fight told with who fought needs no
    place and day of its own to be one (ACLED codebook: Armed clash)."""
    return event_type == "Battles" and a1 is not None and a2 is not None and not _same_actor(a1, a2) \
        and a1.get("side") in ARMED_SIDES and a2.get("side") in ARMED_SIDES


def _resolve_clash(ctx: Context, a1: dict | None, a2: dict | None, s: int, e: int) -> tuple[str, str]:
    """ACLED's type of a clash ("bentrok"): a battle needs an organised armed group or a foreign force
    on a side; without one, a crowd ("massa", "ormas"), protesters ("pengunjuk rasa") or a protest told in
    the sentence make it a riot (a violent demonstration where the sentence tells of a protest, else mob
    violence)."""
    sides = {(a or {}).get("side") for a in (a1, a2)}
    if sides & {"opposition", "external"}:
        return "Battles", "Armed clash"
    words = {ctx.text[a:b].lower() for a, b in _words(ctx.text, s, e)}
    crowd = connectives().get("crowd", frozenset()) | connectives().get("protester", frozenset())
    # "bentrokan antara polisi dan pengunjuk rasa", "demo … berujung bentrok": protesters on a side
    protest = any(t["event_type"] == "Protests" and t["re"].search(ctx.text, s, e) for t in triggers())
    if not (sides & {"protesters", "rioters", "civilians"} or words & crowd or protest):
        return "Battles", "Armed clash"
    return _resolve_riot(ctx, s, e)


def _resolve_riot(ctx: Context, s: int, e: int) -> tuple[str, str]:
    """ACLED's sub-type of a crowd's violence ("dibakar massa", "tawuran antarwarga", "dilempari batu"):
    a violent demonstration where the sentence tells of a protest, else mob violence."""
    protest = any(t["event_type"] == "Protests" and t["re"].search(ctx.text, s, e) for t in triggers()) \
        or _has_role(ctx, s, e, "protester")  # "Demonstran dan polisi saling dorong hingga ricuh"
    return "Riots", "Violent demonstration" if protest else "Mob violence"


ME_VERB = re.compile(r"me[mnry]?\w{3,}$")


def _crowd_as_object(ctx: Context, s: int, ts: int) -> bool:
    """Whether the crowd word a riot trigger opens with (text[ts:]) is what the words before it acted on:
    right after a me- verb or an object marker ("menyerang warga dan merusak kendaraan": one man's rampage),
    not after a verb of seeing, causing or reporting ("melihat warga membakar", "menduga massa FPI membakar";
    crowd_seen, report_verb and speech_verb of connectives.tsv)."""
    con = connectives()
    first = _words(ctx.text, ts, min(len(ctx.text), ts + 40))[:1]
    if not first or ctx.text[first[0][0]:first[0][1]].lower() not in con.get("crowd", frozenset()) | con.get("crowd_noun", frozenset()):
        return False
    before = _words(ctx.text, s, ts)[-1:]
    if not before or _has_break(ctx.text, before[0][1], ts):
        return False
    word = ctx.text[before[0][0]:before[0][1]].lower()
    if word in con.get("crowd_object", frozenset()):
        return True
    said = con.get("crowd_seen", frozenset()) | con.get("report_verb", frozenset()) | con.get("speech_verb", frozenset())
    return bool(ME_VERB.match(word)) and word not in said  # "menduga massa FPI membakar": a report of what it did


def _resolve_crowd_control(ctx: Context, a1: dict | None, s: int, e: int) -> tuple[str, str] | None:
    """ACLED's type of tear gas or water cannon: a protest met with force where the sentence or one
    beside it tells of a protest or a crowd; used by an armed force on people who were not protesting
    ("kantornya diberondong gas air mata"), violence against civilians; with neither, None."""
    k = bisect.bisect_left(ctx.sentences, (s, e)) if ctx.sentences else 0
    near = [(s, e)] + [ctx.sentences[j] for j in (k - 1, k + 1) if 0 <= j < len(ctx.sentences) and ctx.sentences[j] != (s, e)]
    crowd = any(t["event_type"] == "Protests" and t["sub_event_type"] != "@crowd_control" and t["re"].search(ctx.text, a, b)
                for t in triggers() for a, b in near) \
        or any(_has_role(ctx, a, b, "crowd_noun") for a, b in near)
    if crowd:
        return "Protests", "Protest with intervention"
    if (a1 or {}).get("side") in ARMED_SIDES:
        return "Violence against civilians", "Attack"
    return None  # no protest and no force named: "asap masih mengepul dari gas air mata itu"


def _sentence_candidates(ctx: Context, s: int, e: int) -> list[dict[str, Any]]:
    """Trigger hits in one sentence after name, weak and generic filtering, one per event type and modality."""
    text = ctx.text
    in_title = s < (ctx.article.get("body_start") or 0)
    veto = vetoes()
    may = ctx.may
    hits = []
    for i, trig in ctx.present_triggers:
        if not may.may_match(i, s, e):
            continue  # cannot occur in this sentence (see fastre): saves running the pattern
        for m in trig["re"].finditer(text, s, e):
            if _inside_name(ctx, m.start(), m.end(), in_title) and not _rally_name(trig, m.group()):
                continue
            if trig["sub_event_type"] == "@riot" and _crowd_as_object(ctx, s, m.start()):
                continue  # "menyerang warga dan merusak kendaraan": the crowd was attacked, it did not riot
            modality, cue = _modality(ctx, s, m.start(), trig["sub_event_type"], m.end(), e, trig["event_type"])
            if modality == "stative":
                continue
            hits.append({"trig": trig, "span": [m.start(), m.end()], "modality": modality, "cue": cue})
    # a trigger inside a longer one of its event type tells the same act: it is what that one is ("untuk
    # melindungi diri dari serangan rudal": the missile inside the attack guarded against is none either)
    for h in hits:
        if h["modality"] not in ("asserted", "reported"):
            continue
        outer = next((o for o in hits if o is not h and o["modality"] not in ("asserted", "reported")
                      and o["trig"]["event_type"] == h["trig"]["event_type"]
                      and o["span"][0] <= h["span"][0] and h["span"][1] <= o["span"][1]), None)
        if outer is not None:
            h["modality"], h["cue"] = outer["modality"], outer["cue"]
    # asked only where a trigger was found (most sentences have none): the veto pattern is the costly one
    if hits and veto is not None and may.may_match(len(triggers()), s, e) and veto.search(text, s, e) \
            and _vetoed(text, s, e):
        return []  # football "serangan balik", "serangan stroke": trigger words meaning something else
    strong = [h for h in hits if h["trig"]["strength"] != "generic"]
    if strong:
        hits = strong
    present = {h["trig"]["event_type"] for h in hits}
    hits = [h for h in hits if not (yields().get(h["trig"]["pattern"], frozenset()) & present)]
    # one per (event type, modality, answer or not): the highest priority, then the earliest. An answer to
    # an attack ("… yang mendorong Iran untuk membalas dengan rudal") is the other side's act, not the same
    best: dict[tuple, dict] = {}
    for h in sorted(hits, key=lambda h: (-h["trig"]["priority"], h["span"][0])):
        h["reply"] = _replies(ctx, s, *h["span"])
        key = (h["trig"]["event_type"], h["modality"] in ("asserted", "reported"), h["reply"])
        best.setdefault(key, h)
    # an answer told with the attack it answers needs no place and day of its own: the attack gives them
    told = [h for h in best.values()
            if not h["reply"] and h["modality"] in ("asserted", "reported") and h["trig"]["event_type"] in VIOLENT]
    for h in best.values():
        h["answers"] = told[0] if told and h["reply"] else None
    return sorted(best.values(), key=lambda h: h["span"][0])


RALLY_NAME = re.compile(r"(?:Aksi|Demo)\b")


def _rally_name(trig: dict, word: str) -> bool:
    """A rally's name ("Aksi Bela Palestina", "Aksi 212", "Aksi Kamisan") names the protest itself: a protest
    trigger inside it is no word of another name ("Akademi Artileri")."""
    return trig["event_type"] == "Protests" and bool(RALLY_NAME.match(word))


def _replies(ctx: Context, s: int, ts: int, te: int) -> bool:
    """Whether a trigger tells an answer to an attack: a reply word in it or among the three words before it
    ("membalas dengan menembakkan rudal", "memicu pembalasan dari Teheran"), but not one that names what
    was answered ("pembalasan atas serangan drone": the drone attack is the cause, not the answer)."""
    text = ctx.text
    words = [text[x:y].lower() for x, y in _words(text, max(s, ts - 40), ts)[-3:] + _words(text, ts, te)]
    replies = connectives().get("reply", frozenset())
    at = [i for i, w in enumerate(words) if w in replies]
    return bool(at) and not any(w in ("atas", "terhadap", "untuk") for w in words[at[-1] + 1:])


def _answered_from(ctx: Context, s: int, ats: int) -> dict | None:
    """The place named last before an answered attack's trigger in its sentence, when no more than three
    words stand between: its attacker ("ketika Israel meluncurkan pemboman")."""
    before = [p for p in ctx.places if s <= p["span"][0] and p["span"][1] <= ats
              and len(_words(ctx.text, p["span"][1], ats)) <= 3]
    return max(before, key=lambda p: p["span"][0]) if before else None


def _detector_candidates(ctx: Context, s: int, e: int) -> list[dict[str, Any]]:
    """A sentence with no trigger of the table that the detector reads as an event with the
    confidence its out-of-fold precision asks for (bare headline verbs, "tewas dalam serangan AS"):
    one candidate of the type it gives, pointing at the word it leans on most."""
    det = ctx.detector
    if det is None or det.entry > 1.0:
        return []  # off: reading every sentence's features costs twenty times the rest of the stage
    p = ctx.p_event(s, e)
    if p is None or p < det.entry:
        return []
    feats = ctx.features(s, e)
    probs = det.type_probs(feats)
    if not probs:
        return []
    event_type = max(probs, key=probs.get)
    sub = det.sub_type.get(event_type)
    if (event_type, sub) not in codebook():
        return []
    ts, te = det.strongest_span(ctx.text, s, e, feats, event_type)
    modality, cue = _modality(ctx, s, ts, sub, te, e, event_type)
    if modality == "stative":
        return []
    trig = {"pattern": "", "event_type": event_type, "sub_event_type": sub, "strength": "detector",
            "actor1": "before", "priority": 0}
    return [{"trig": trig, "span": [ts, te], "modality": modality, "cue": cue}]


# the types whose actor1 is who struck: a strike or clash whose clause names no attacker was made by the
# attacker the paragraph or the headline told ("Israel menyerang … Serangan itu menghancurkan …")
CARRIED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _carried_attacker(ctx: Context, attackers: list[tuple[int, bool, dict, dict | None]], para: int,
                      a2: dict | None, place: dict | None) -> dict | None:
    """The attacker of an act whose clause names none: the latest party told attacking in its paragraph
    or the one before, else the headline's (never a speaker or a victim: only an earlier violent act's
    actor1 is taken, and not the act's own target). A state the article tells attacked by another state,
    or at war with one, is not taken for a strike on its own ground (a missile hitting Haifa is not
    Israel's), while in a civil war the state's forces may strike at home. With none, a war the article
    names by its two sides ("konflik bersenjata antara Israel dan Iran", "perang Israel-Iran") gives the
    side whose ground was not hit. The actor keeps the span of the words that named it."""
    paras = sorted({p for p, _, _, _ in attackers if p <= para})[-2:]
    here = [a for p, _, a, _ in reversed(attackers) if p in paras]
    title = [a for _, t, a, _ in attackers if t]
    target = _actor_country(ctx, a2) or (place or {}).get("country")
    states = ("government", "external")
    # the states the article has at war with, or attacked by, another state
    hit = {c for pair in ctx.belligerents() for c in map(lambda a: _actor_country(ctx, a), pair) if c}
    hit |= {_actor_country(ctx, t) for _, _, a, t in attackers
            if t is not None and a.get("side") in states and t.get("side") in states
            and _actor_country(ctx, t) != _actor_country(ctx, a)}
    hit.discard(None)
    cands = [a for a in here + title if a.get("side") in ARMED_SIDES and not _same_actor(a, a2)
             and not (target and target in hit and _actor_country(ctx, a) == target and a.get("side") in states)]
    if cands:
        return dict(cands[0], carried=True)
    if target:
        for x, y in ctx.belligerents():
            cx, cy = _actor_country(ctx, x), _actor_country(ctx, y)
            if cx and cy and cx != cy and target in (cx, cy):
                return dict(y if target == cx else x, carried=True)
    return None


def _latest_actor(ctx: Context, unread: list[tuple[int, int]], prev_actor: dict | None) -> dict | None:
    """The first actor of the latest sentence in `unread` that has one, else prev_actor;
    empties `unread`."""
    while unread:
        acts = actors_in(ctx, *unread.pop())
        if acts:
            unread.clear()
            return acts[0]
    return prev_actor


def extract(article: dict[str, Any], model: Detector | None = None) -> tuple[list[dict], list[dict]]:
    """(events, statements) of an analysed article; `model` replaces the shipped detector (training
    scripts score models fitted on some folds on the others)."""
    ctx = Context(article, model)
    text = ctx.text
    sentences = sentence_spans(article)
    ctx.sentences = sentences
    ctx.main_place = _main_place(ctx)
    # an article naming no town nor province (a desert fight whose villages the KB lacks) still tells
    # of one country: the act is coded there, as ACLED does with geo_precision 3
    main_country = _main_place(ctx, countries=True) if ctx.main_place is None else None
    mentions: list[dict] = []
    prev_actor = None
    # sentences read since prev_actor was last needed: it is the first actor of the latest
    # of them that has one, found only when a trigger asks (most sentences have none)
    unread: list[tuple[int, int]] = []
    last_place: tuple[int, dict] | None = None  # (paragraph start, place entity)
    # who the text told attacking so far, in text order: (paragraph start, in the headline, actor, its target)
    attackers: list[tuple[int, bool, dict, dict | None]] = []
    for k, (s, e) in enumerate(sentences):
        near = (sentences[max(0, k - 1)][0], sentences[min(len(sentences) - 1, k + 1)][1])
        para = text.rfind("\n", 0, s) + 1
        if last_place and last_place[0] != para:
            last_place = None
        sent_places = [p for p in ctx.places if s <= p["span"][0] and p["span"][1] <= e]
        # a sentence right after an event's, in its paragraph, with no trigger word of its own adds to
        # that event ("… Dua polisi tewas dalam serangan itu."): the detector alone starts no new one
        follows_event = bool(mentions) and mentions[-1]["_k"] == k - 1 and "\n" not in text[sentences[k - 1][1]:s]
        for h in _sentence_candidates(ctx, s, e) or ([] if follows_event else _detector_candidates(ctx, s, e)):
            trig = h["trig"]
            ts, te = h["span"]
            if unread:
                prev_actor = _latest_actor(ctx, unread, prev_actor)
            a1, a2, loser, cands = _pick_actors(ctx, trig, s, e, ts, te, prev_actor)
            if a1 is not None and not a1.get("implied") and h["modality"] in ("asserted", "reported") \
                    and (trig["event_type"] in CARRIED_TYPES or trig["sub_event_type"] in ("@attack", "@clash")):
                # told attacking, whether or not the act becomes an event of its own ("serangan terbesar oleh rezim")
                attackers.append((para, s < (article.get("body_start") or 0), a1, a2))
            sub = trig["sub_event_type"]
            if sub == "@territory" and not _territory_object(ctx, s, e, ts, te, place_before=trig["actor1"] == "after"):
                continue  # "menguasai aset", "menguasai permainan": control of things, not of ground
            if sub == "@territory":
                sub = _resolve_territory(a1, loser)
                if sub is None:
                    continue  # cannot tell who took it: no event we could trust
            if sub == "@clash":
                trig = {**trig, **dict(zip(("event_type", "sub_event_type"), _resolve_clash(ctx, a1, a2, s, e)))}
                sub = trig["sub_event_type"]
            if sub == "@crowd_control":
                resolved = _resolve_crowd_control(ctx, a1, s, e)
                if resolved is None:
                    continue  # tear gas told with no protest and no force: no event we could type
                trig = {**trig, "event_type": resolved[0], "sub_event_type": resolved[1]}
                sub = resolved[1]
            if sub == "@riot":
                trig = {**trig, **dict(zip(("event_type", "sub_event_type"), _resolve_riot(ctx, s, e)))}
                sub = trig["sub_event_type"]
            if sub == "@attack":
                resolved = _resolve_attack(ctx, a1, a2, s, e, ts, te)
                if resolved is None:
                    continue  # an attack whose parties say nothing of its kind: no event we could type
                trig = {**trig, "event_type": resolved[0], "sub_event_type": resolved[1], "_generic": True}
                sub = resolved[1]
            elif (trig["event_type"], sub) == ("Battles", "Armed clash") \
                    and (remote := _remote_strike(ctx, a1, a2, s, e, ts, te)) is not None:
                # "Iran melancarkan serangan balasan ke Israel": no clash where the sides cannot meet
                trig = {**trig, "event_type": remote[0], "sub_event_type": remote[1]}
                sub = remote[1]
            need = context_rules().get((trig["event_type"], sub))
            # states and armed groups are conflict actors (civilians, media, "other" are not)
            armed = any((a or {}).get("side") in ARMED_SIDES for a in (a1, a2))
            date, own_date = _date_for(ctx, s, e, ts, te)
            if (h["cue"] or {}).get("_lifted_by_day") and _within_a_day(ctx, s, e, ts, te, date, own_date):
                # "rentetan serangan rudal … pada Jumat (20/6)": one day's barrage is one event; "serangan
                # Israel pada Senin (16/6) bisa memicu perang": the act is done, only what it brings is not
                h = {**h, "modality": "asserted", "cue": None}
            cue_kind = h["modality"] if h["modality"] in CUE_KINDS else None
            if cue_kind is None and h["modality"] in ("asserted", "reported"):
                cue_kind = _not_news(ctx, s, e, ts, te, trig["event_type"], date, own_date)
            if cue_kind is not None:
                h = {**h, "modality": "asserted"}  # a running total or history: asserted, not one event
            asserted = h["modality"] in ("asserted", "reported")  # statements are kept apart anyway
            if need is not None and asserted and _context_fails(need, text, s, e, near, armed, trig["strength"] == "strong"):
                continue  # "evakuasi" after a landslide, "kesepakatan" between companies, a KPK arrest
            p_event = ctx.p_event(s, e)
            kind = cue_kind
            if p_event is not None and asserted and kind is None:
                # the learned detector doubts an event here: what it reads as a running total, history
                # or a plan is kept apart as a statement of that kind; below the guard, anything else
                # (sport, crime, metaphors) is nothing
                if p_event < ctx.kind_cut and ctx.kind(s, e) in KEPT_KINDS:
                    kind = ctx.kind(s, e)
                elif p_event < ctx.guard:
                    continue
            place_ent = _place_for(ctx, s, e, ts, te, cands, trig["event_type"])
            if h.get("answers"):
                # the answer went where the attack it answers came from: the place named as that attacker
                # ("Israel mulai melancarkan serangan … yang mendorong Iran untuk membalas dengan rudal")
                # unless the words after the answer say where it went ("Sebagai balasan, Iran menembakkan
                # serangan rudal tambahan ke arah Israel"); a place before it is the answered attack's
                if place_ent is None or place_ent["span"][0] < te or _place_reading(ctx, s, place_ent) < 2:
                    place_ent = _answered_from(ctx, s, h["answers"]["span"][0]) or place_ent
            if place_ent is not None and not place_ent.get("_named") and _place_rank(place_ent) == 2:
                place_ent = _town_told(ctx, k, place_ent, cands) or place_ent
            # a weak word needs its sentence tied to a place, whosever it is ("siap berunding … mengenai
            # penarikan diri oposisi dari Aleppo"), and to a day
            anchor = (place_ent if place_ent is not None and not place_ent.get("_far") else None) \
                or (_place_for(ctx, s, e, ts, te, cands, trig["event_type"], owners=True)
                    if trig["strength"] == "weak" else None)
            # "Tiga orang polisi gugur akibat ledakan tersebut": a weak word pointing back at an event of its
            # type already told is that event again, with its place and day
            # told just before (two sentences at most: farther back, "ledakan itu" may be an act never told as one)
            anaphor = _points_back(ctx, te, e) and any(m["event_type"] == trig["event_type"] and k - m["_k"] <= 2
                                                       for m in mentions)
            if trig["strength"] == "weak" and not h.get("answers") and not anaphor \
                    and not (anchor and _place_rank(anchor) >= 2 and own_date) \
                    and not (p_event is not None and p_event >= ctx.weak_pass) \
                    and not _armed_parties(trig["event_type"], a1, a2) \
                    and not _state_strike(ctx, trig["event_type"], a1, a2, s, e, ts, te):
                continue  # a weak word needs its place and day, or the detector's confidence
            if place_ent is not None:
                # an unlinked name found in no linked place of its sentence is in the paragraph's or article's
                area = (last_place[1] if last_place and not last_place[1].get("_named") else ctx.main_place) \
                    if place_ent.get("_named") and not place_ent.get("_within") else None
                place = _place_obj(place_ent, inherited=False, within=area)
            elif _reciprocal(ctx, s, ts):
                place = None  # an exchange between two sides: an earlier place is one side's at best
            elif last_place is not None:
                place = _place_obj(last_place[1], inherited=True)
            elif set(text[ts:te].lower().split()) & connectives().get("leave_from", frozenset()) \
                    and (left := _place_left(ctx, ts)) is not None and not (
                        ctx.main_place is not None and _place_rank(left) == 1
                        and (ctx.main_place.get("geo") or {}).get("country") == (left.get("geo") or {}).get("country")):
                place = _place_obj(left, inherited=True)  # an evacuation happens where people are taken out of
            elif ctx.main_place is not None:
                place = _place_obj(ctx.main_place, inherited=True)
            elif main_country is not None:
                place = _place_obj(main_country, inherited=True)
            else:
                place = None
            if a1 is None and trig["event_type"] in CARRIED_TYPES:
                a1 = _carried_attacker(ctx, attackers, para, a2, place)
            who, in_speech = _attribution(ctx, ts, te)
            conf = 0.55 + 0.1 * (place_ent is not None) + 0.1 * own_date + 0.1 * (a1 is not None) \
                + 0.05 * (a2 is not None) - 0.1 * (trig["strength"] == "weak") \
                - 0.15 * (h["modality"] == "reported") - 0.1 * in_speech
            if p_event is not None:  # half rules, half the detector's probability
                conf = 0.5 * conf + 0.5 * p_event
            if trig["strength"] == "detector":  # no trigger word of the table: the detector alone
                conf = min(conf, p_event or 0.0)
            codes = codebook().get((trig["event_type"], sub), {})
            mentions.append({
                "event_type": trig["event_type"], "sub_event_type": sub,
                "disorder_type": codes.get("disorder_type"),
                "date": date, "place": place,
                **_actors_as_acled(ctx, trig["event_type"], s, e, ts, te, place, a1, a2, sub),
                "fatalities": _fatalities(ctx, s, e) if trig["event_type"] in VIOLENT else None,
                "civilian_targeting": False,  # set once the actors are final (below)
                "evidence": {"text": text[s:e], "span": [s, e]},
                "trigger": {"text": text[ts:te], "span": [ts, te]},
                "attributed_to": who,
                "modality": "asserted" if h["modality"] == "reported" else h["modality"],
                "modality_cue": {k: v for k, v in h["cue"].items() if not k.startswith("_")} if h["cue"] else None,
                "confidence": round(max(0.05, min(0.95, conf)), 2),
                "cameo": codes.get("cameo"), "plover": codes.get("plover"),
                "_own": (place_ent is not None) + own_date + (a1 is not None),
                "_k": k,
                "_reply": bool(h.get("reply")),
                # "Kesepakatan tersebut …", "Unjuk rasa ini menentang …": refers back to the one told before,
                # however far back (the weak-word pass above asks for one told just before)
                "_anaphoric": (text[ts:te].lower().split() or [""])[-1] in connectives().get("event_back", frozenset())
                              or anaphor
                              or _points_back(ctx, te, e),
                # a headline attack typed only by who attacked whom ("Israel Serang … di Iran"): the same
                # attack told in the body with its means ("jet tempurnya menyerang … di Teheran") gives the type
                "_generic": bool(trig.get("_generic")) and s < (article.get("body_start") or 0),
                **({"kind": kind} if kind else {}),
            })
        unread.append((s, e))
        if sent_places:
            last_place = (para, _inheritable(ctx, s, sent_places))
    _redate(ctx, mentions)
    _later_fatalities(ctx, sentences, mentions)
    _earlier_fatalities(ctx, sentences, mentions)
    _more_dead(ctx, sentences, mentions)
    _headline_fatalities(ctx, sentences, mentions)
    for m in mentions:
        if "kind" not in m and _background(ctx, m):
            m["kind"] = "background"
    mentions = [m for m in mentions if not (m["modality"] == "asserted" and "kind" not in m
                                            and _after_publication(ctx, m))]
    scenario = _scenario_title(ctx)
    if scenario is not None:  # "Skenario Perang Dunia III, Ngeri Jika Terjadi": every act told is imagined
        for m in mentions:
            if m["modality"] == "asserted" and "kind" not in m:
                m["modality"], m["modality_cue"] = "hypothetical", scenario
    events = merge([m for m in mentions if m["modality"] == "asserted" and "kind" not in m])
    _shared_counts(events)
    statements = [m for m in mentions if m["modality"] != "asserted" or "kind" in m]
    for ev in events + statements:
        ev["civilian_targeting"] = civilian_targeting(ev["event_type"], ev.get("actor2"), ev["sub_event_type"])
        ev.pop("_own", None)
        ev.pop("_k", None)
        ev.pop("_count_k", None)
        ev.pop("_anaphoric", None)
        ev.pop("_generic", None)
        ev.pop("_reply", None)
        ev.pop("_merge_place", None)
        ev["id"] = "ev-" + short_hash(article.get("id") or text[:200], ev["evidence"]["span"].__repr__(),
                                      ev["trigger"]["span"].__repr__())
    return events, statements


def _redate(ctx: Context, mentions: list[dict]) -> None:
    """Mentions with no date in their own sentence: a later "keberhasilan di X pada <date>" at the
    same place dates them (echo); failing that, a dated event of record they can only be (milestone)."""
    echoes = None
    for m in mentions:
        if m["date"].get("how") not in ("publication", "none") or not m.get("place") or m["place"].get("inherited"):
            continue
        if echoes is None:
            echoes = date_echoes(ctx)
        pid = m["place"].get("id") or m["place"].get("name")
        echo = next((x for x in echoes if x["place"] == pid and x["place_span"] != m["place"]["span"]
                     and (m["date"].get("how") == "none" or _contains(m["date"], _iso(x["date"]["earliest"])))),
                    None)
        if echo is not None:
            m["date"] = dict(echo["date"])
            m["_own"] += 1
            m["confidence"] = round(min(0.95, m["confidence"] + 0.05), 2)
            continue
        row = _milestone_for(m, (m.get("actor1") or {}).get("side"))
        if row is not None:
            m["date"] = _date_obj(row["earliest_d"], row["latest_d"], _precision_of(row["earliest_d"], row["latest_d"]),
                                  value=row["date_d"], how="milestone")
            m["date"]["basis"] = f"{row['description']} [{row['source']}]"
            m["confidence"] = round(max(0.05, m["confidence"] - 0.1), 2)


def _not_news(ctx: Context, s: int, e: int, ts: int, te: int, event_type: str, date: dict,
              own_date: bool) -> str | None:
    """An asserted act that is no event to count: "aggregate" when the sentence's killed count in the
    trigger's clause sums many events ("sejak awal perang, serangan Israel telah menewaskan 639 orang":
    the count is a running total, so is the act told with it), unless the act is the launch on the day
    the campaign began; "background" when the sentence goes on
    with the time of the sentence before it and that time is history (_told_in_history)."""
    # "Sejak Senin (8/8), Israel telah melancarkan serangan udara … dan menewaskan 40 tentara": the launch
    # on the day the campaign began is an event of its own; only the count is the campaign's
    # "Pada Senin (8/8), 120 orang tewas … akibat serangkaian serangan udara": the day's wave is an event
    # (the count is not its own, see _fatalities)
    if event_type in VIOLENT and not (_launched(ctx, s, ts, te) and _since_day(ctx, s, e)) \
            and not _within_a_day(ctx, s, e, ts, te, date, own_date, since=False):
        for n in ctx.numbers:
            if n.get("role") != "killed" or not (s <= n["span"][0] and n["span"][1] <= e):
                continue
            ca, cb = _clause(ctx, s, e, n["span"])
            if ca <= ts < cb and _running_total(ctx, s, e, n["span"]):
                return "aggregate"
    if _told_in_history(ctx, s, e):
        return "background"
    return None


def _told_in_history(ctx: Context, s: int, e: int) -> bool:
    """Whether the sentence text[s:e], naming no date of its own, goes on with the time of the sentence
    before it and that time is history (dated by its own words more than HISTORY_DAYS before a
    publication day known to the day, BACKGROUND_DAYS otherwise): it opens by pointing back at that time
    ("Saat itu", "Kala itu": then_anaphor in connectives.tsv) or says nothing of now ("kini", "saat ini":
    now_marker) — "… bom rakitan di Pasar Tentena, Poso, pada 28 Mei 2005. Syaiful melakukan aksinya …"."""
    opens = " ".join(_gap_words(ctx, s, min(e, s + 30))[:4])
    anaphors = connectives().get("then_anaphor", frozenset())
    if not ctx.pub_earliest:
        return False
    if not any(opens == a or opens.startswith(a + " ") for a in anaphors):
        # with no such phrase, a sentence that says nothing of now goes on with the time told before
        words = " " + " ".join(_gap_words(ctx, s, e)) + " "
        if any(f" {w} " in words for w in connectives().get("now_marker", frozenset())):
            return False
    k = bisect.bisect_right([a for a, _ in ctx.sentences], s) - 1
    if k < 1 or ctx.sentences[k][0] != s:
        return False
    ps, pe = ctx.sentences[k - 1]
    def dates(a: int, b: int) -> list[dt.date]:
        return [p[1] for t in ctx.timexes if a <= t["span"][0] and t["span"][1] <= b and t.get("type") == "DATE"
                for p in [_apply_mod(_parse_date(t.get("value")), t.get("mod"))] if p]

    if dates(s, e):
        return False  # "Saat itu, Senin (16/6), …": the sentence dates itself
    # a day read after the publication is a misread one ("14 Juli" of last year), not the time meant
    latest = [d for d in dates(ps, pe) if not (ctx.pub_latest and d > ctx.pub_latest)]
    if not latest:
        return False
    limit = HISTORY_DAYS if ctx.pub_earliest == ctx.pub_latest else BACKGROUND_DAYS
    return (ctx.pub_earliest - max(latest)).days > limit


def _after_publication(ctx: Context, m: dict) -> bool:
    """An event cannot happen after the article that reports it: such a date is a plan, a deadline
    or a misread expression."""
    earliest = _iso(m["date"]["earliest"])
    return bool(earliest and ctx.pub_latest and earliest > ctx.pub_latest)


def _background(ctx: Context, m: dict) -> bool:
    """History, not news: dated by its own words more than HISTORY_DAYS before a publication day
    that is known to the day, or more than BACKGROUND_DAYS before a publication window."""
    latest = _iso(m["date"]["latest"])
    if not (latest and ctx.pub_earliest):
        return False
    known_day = ctx.pub_earliest == ctx.pub_latest and m["date"].get("how") == "text"
    return (ctx.pub_earliest - latest).days > (HISTORY_DAYS if known_day else BACKGROUND_DAYS)


# ---------------------------------------------------------------- merging

def _dates_overlap(a: dict, b: dict) -> bool:
    ae, al, be, bl = (_iso(a.get("earliest")), _iso(a.get("latest")), _iso(b.get("earliest")), _iso(b.get("latest")))
    if not (ae or al) or not (be or bl):
        return True
    return (ae or al) <= (bl or be) and (be or bl) <= (al or ae)


BACKGROUND_GAP_DAYS = 2


def _news_and_background(a: dict, b: dict) -> bool:
    """An act told after the lead (the first two sentences) that its own words date more than
    BACKGROUND_GAP_DAYS before the publication (background: "sejak Jumat (13/6) …") and, two or more
    sentences later, one dated only by the publication (the story's news): two acts, though the
    publication's week-long window overlaps the earlier day. The lead's own dated act told again later
    ("… dibakar massa …, Selasa (1/8) lalu." … "terjadi pengeroyokan dan pembakaran tersebut") and an undated
    act told first and dated later ("menerobos … Ramouseh. … jatuh pada Sabtu (6/8)") stay one."""
    for x, y in ((a, b), (b, a)):
        pub, own = _iso(x["date"].get("latest")), _iso(y["date"].get("latest"))
        if x["date"].get("how") == "publication" and y["date"].get("how") == "text" and pub and own \
                and (pub - own).days > BACKGROUND_GAP_DAYS and y.get("_k", 0) >= 2 \
                and x.get("_k", 0) >= y.get("_k", 0) + 2:
            return True
    return False


def _places_compatible(a: dict | None, b: dict | None) -> bool:
    if not a or not b or a.get("inherited") or b.get("inherited"):
        return True
    if a.get("rank", 3) <= 1 or b.get("rank", 3) <= 1:
        return not a.get("country") or not b.get("country") or a["country"] == b["country"]
    # a name with no point of its own ("di Kecamatan Siak Hulu, Kabupaten Kampar") is where the linked
    # place it was found in is: an arrest there and one "di Jambi" are two
    km = _km(*((p if p.get("lat") is not None else p.get("within") or p) for p in (a, b)))
    return km is None or km <= MERGE_KM


def _finer_place(a: dict | None, b: dict | None) -> bool:
    """Whether place a, said in its own sentence, tells more precisely where b's event was: a town of b's
    country ("Serangan … di Suriah" and "… serangan kimia di Khan Sheikhoun": one attack), or an unlinked
    name where b is only a province or country (a district with a point of its own is kept: it is the
    better point)."""
    if not a or not b or a.get("inherited") or b.get("inherited") or (a.get("rank") or 0) <= (b.get("rank") or 0):
        return False
    if a.get("lat") is None and (b.get("rank") or 0) > 2:
        return False
    return not a.get("country") or not b.get("country") or a["country"] == b["country"]


def _actors_compatible(a: dict, b: dict) -> bool:
    for key in ("actor1",):
        x, y = a.get(key), b.get(key)
        sides = {"government", "opposition"}
        if x and y and x.get("side") in sides and y.get("side") in sides and x["side"] != y["side"]:
            return False
    return True


def _better(a: dict, b: dict) -> bool:
    """Is mention a the better primary evidence than b?"""
    return (a["_own"], a["date"]["precision"] == "day", a["confidence"]) > \
        (b["_own"], b["date"]["precision"] == "day", b["confidence"])


def _narrower_date(a: dict, b: dict) -> dict:
    order = {"day": 0, "week": 1, "month": 2, "year": 3, "none": 4}
    return a if order.get(a["precision"], 5) <= order.get(b["precision"], 5) else b


def _same_actor(a: dict | None, b: dict | None) -> bool:
    return bool(a and b and (a.get("span") == b.get("span")
                             or (a.get("canonical") and a.get("canonical") == b.get("canonical"))))


def _generic_and_specific(a: dict, b: dict) -> bool:
    """A headline attack typed only by its parties and a violent event of another type by the same actor:
    one attack told twice when dates and places agree (the caller checks those)."""
    if bool(a.get("_generic")) == bool(b.get("_generic")):
        return False
    if a["event_type"] not in VIOLENT or b["event_type"] not in VIOLENT:
        return False
    x, y = a.get("actor1"), b.get("actor1")
    return not (x and y) or _same_actor(x, y)


SAME_PLACE_KM = 10.0  # how near two named places (town level or finer) are to be the place of one attack


def _same_named_place(a: dict | None, b: dict | None) -> bool:
    """Whether two events name, each in its own words, one place finer than a region: the same place,
    or points within SAME_PLACE_KM."""
    if not a or not b or a.get("inherited") or b.get("inherited") or min(a.get("rank") or 0, b.get("rank") or 0) < 2:
        return False
    if (a.get("id") and a.get("id") == b.get("id")) or (a.get("name") or "").lower() == (b.get("name") or "").lower():
        return True
    km = _km(a, b)
    return km is not None and km <= SAME_PLACE_KM


def _shared_counts(events: list[dict]) -> None:
    """"… melancarkan serangan gas beracun terhadap Khan Sheikhoun … 58 orang tewas." and "… gerilyawan …
    yang melancarkan serangan kimia di Khan Sheikhoun": one attack told twice that merge keeps apart (the
    tellings blame different actors) has one count: an event with none takes the lowest count of another of
    its type and days that names the same place in its own words, or whose place merge would join to its
    own, each named in its own words (`_told_apart`)."""
    for ev in events:
        if ev.get("fatalities") is not None or ev["event_type"] not in VIOLENT:
            continue
        counts = [o["fatalities"] for o in events
                  if o is not ev and o.get("fatalities") is not None and o["event_type"] == ev["event_type"]
                  and _dates_overlap(ev["date"], o["date"]) and not _news_and_background(ev, o)
                  and (_same_named_place(ev.get("place"), o.get("place")) or _told_apart(ev, o))]
        if counts:
            ev["fatalities"] = min(counts)


def _told_apart(a: dict, b: dict) -> bool:
    """Whether two violent events of one type and days are one act that merge kept apart only by how it was
    told: "Iran meluncurkan sebuah rudal ke arah Israel …" (a missile attack) and "satu bom kecil menghantam
    sebuah rumah di Kota Azor" (the bomblet it spread, read as an explosive), or the same gas attack blamed on
    the government and on the rebels. Both places are said in their own words and merge would join them
    (within MERGE_KM, or a town of the country the other names); an attack and the answer it drew (a reply,
    or the sides swapped) stay two acts."""
    pa, pb = a.get("place"), b.get("place")
    if not pa or not pb or pa.get("inherited") or pb.get("inherited") or a.get("_reply") or b.get("_reply"):
        return False
    if _same_actor(a.get("actor1"), b.get("actor2")) and _same_actor(a.get("actor2"), b.get("actor1")):
        return False
    return _places_compatible(a.get("_merge_place") or pa, pb) and _places_compatible(pa, b.get("_merge_place") or pb)


def merge(mentions: list[dict]) -> list[dict]:
    """One record per real event: same type, overlapping dates, places within 50 km, no clashing actors."""
    merged: list[dict] = []
    for m in mentions:
        target = None
        if m.get("_anaphoric"):
            target = next((ev for ev in reversed(merged)
                           if (ev["event_type"], ev["sub_event_type"]) == (m["event_type"], m["sub_event_type"])), None)
        for ev in ([] if target is not None else merged):
            if (ev["event_type"], ev["sub_event_type"]) != (m["event_type"], m["sub_event_type"]) \
                    and not _generic_and_specific(ev, m):
                continue
            if ev.get("_k") == m.get("_k") and ev.get("_reply") != m.get("_reply"):
                continue  # an attack and the answer it drew, told in one sentence: two acts
            if _dates_overlap(ev["date"], m["date"]) and not _news_and_background(ev, m) \
                    and _places_compatible(ev.get("_merge_place") or ev["place"], m["place"]) \
                    and _actors_compatible(ev, m):
                target = ev
                break
        if target is None:
            merged.append(dict(m, also_evidence=[], _anaphoric=False))
            continue
        extra = {"text": m["evidence"]["text"], "span": list(m["evidence"]["span"])}
        primary, other = (m, target) if _better(m, target) else (target, m)
        new = dict(primary)
        new["also_evidence"] = [x for x in target.get("also_evidence", [])]
        if primary is m:
            new["also_evidence"].insert(0, {"text": target["evidence"]["text"], "span": list(target["evidence"]["span"])})
        else:
            new["also_evidence"].append(extra)
        seen, uniq = {tuple(new["evidence"]["span"])}, []
        for x in new["also_evidence"]:
            if tuple(x["span"]) not in seen:
                seen.add(tuple(x["span"]))
                uniq.append(x)
        new["also_evidence"] = uniq
        if _generic_and_specific(target, m):  # the attack told with its means keeps that type
            specific = m if target.get("_generic") else target
            for key in ("event_type", "sub_event_type", "disorder_type", "cameo", "plover", "_generic"):
                new[key] = specific.get(key)
        new["date"] = _narrower_date(primary["date"], other["date"])
        for key in ("actor1", "actor2"):
            new[key] = primary.get(key) or other.get(key)
        if _same_actor(new.get("actor1"), new.get("actor2")):  # each report named one side: not both
            new["actor2"] = next((x for x in (primary.get("actor2"), other.get("actor2"))
                                  if x and not _same_actor(new["actor1"], x)), None)
        if not primary.get("place") or (primary["place"].get("inherited") and other.get("place")
                                        and not other["place"].get("inherited")):
            new["place"] = other.get("place") or primary.get("place")
            new["_merge_place"] = other.get("_merge_place") if other.get("place") else primary.get("_merge_place")
        elif _finer_place(other.get("place"), primary["place"]):
            # the finer place is told; the one that let the reports merge still decides what else merges
            new["_merge_place"] = primary.get("_merge_place") or primary["place"]
            new["place"] = other["place"]
        fat = [x for x in (primary.get("fatalities"), other.get("fatalities")) if x is not None]
        new["fatalities"] = max(fat) if fat else None
        new["confidence"] = round(min(0.95, max(primary["confidence"], other["confidence"]) + 0.05), 2)
        new["_own"] = max(primary["_own"], other["_own"])
        merged[merged.index(target)] = new
    return merged


def run(article: dict[str, Any], options=None) -> dict[str, Any]:
    events, statements = extract(article)
    article["events"] = events
    article["statements"] = statements
    return article
