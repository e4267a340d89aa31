"""The learned event-mention detector: does a sentence assert that an ACLED event happened, and of
which type?

Two logistic models over the same sparse features of one sentence of an analysed article
(`features`): P(event) against every other sentence (plans, threats, denials, aggregates, history,
ordinary news), and the event type given an event. Trained by scripts/train_event_detector.py from
the hand-labelled IndoSum sentences in training/events (never from the articles that measure the
project); the weights are pantau/models/event_detector.tsv. The events stage uses them as a guard
on its trigger hits and to let a sentence in without a trigger word of its own table.

Features are words (lower-cased), crude roots (Indonesian affixes stripped: "menyerang",
"serangan", "diserang" -> "serang"; a bare headline verb "serang" is its own root), the families of
trigger words and modality cues of pantau/data/events that occur, and what earlier stages found in the
sentence: a place, a date, a date older than the publication year or more than ~60 days before it
(history), a date after it (a plan), a count of people killed or injured, a quote; whether it is the
headline or the lede; and the trigger families and harm counts of the sentences just before and after
(an attack told in one sentence and its dead in the next).

A third model names what a sentence that is no event is (`kind`: aggregate, background, plan,
other): the events stage keeps a trigger hit the detector rejects as a statement of that kind.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import pathlib
import re
from typing import Any

from .text import load_tsv

MODEL_PATH = pathlib.Path(__file__).resolve().parents[1] / "models" / "event_detector.tsv"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SUFFIX = re.compile(r"(?<=\w{4})(?:kannya|annya|kan|an|nya|lah|i)$")
_VOWEL = "aeiou"
# what a count's role says (numbers stage) that an event sentence often carries
_HARM_ROLES = frozenset({"killed", "injured", "arrested", "displaced", "missing"})
HISTORY_DAYS = 60  # the coding rules: an event more than ~60 days before publication is background
# the non-event kinds of training/events, as the kind model groups them
KIND_OF_LABEL = {"aggregate": "aggregate", "background": "background", "plan": "plan", "threat": "plan",
                 "hypothetical": "plan", "denial": "plan", "alert": "plan", "explainer": "other", "other": "other"}


def roots(word: str) -> set[str]:
    """Crude stems for features only (the search index uses Sastrawi): "-kan" and "-an" cannot be
    told apart without a dictionary ("tembakan", "lemparkan"), so both readings are given."""
    out = {root(word)}
    if word.endswith("kan") and len(word) > 7:
        out.add(root(word[:-2]))
    return out


def root(word: str) -> str:
    """One suffix and one prefix off, with the nasal sound change undone ("menyerang" -> "serang",
    "menembak" -> "tembak"; "mengebom", "pengeboman" -> "bom")."""
    w = _SUFFIX.sub("", word)
    for pre in ("di", "ter", "ber", "ke", "se"):
        if w.startswith(pre) and len(w) - len(pre) >= 5:
            return w[len(pre):]
    if w[:5] in ("menge", "penge") and 3 <= len(w) - 5 <= 4:
        return w[5:]  # a one-syllable root: "mengebom", "pengeboman"
    for nasal, sub in (("meny", "s"), ("peny", "s"), ("meng", ""), ("peng", ""),
                       ("mem", "p"), ("pem", "p"), ("men", "t"), ("pen", "t"), ("me", ""), ("pe", "")):
        if w.startswith(nasal) and len(w) - len(nasal) >= 3:
            rest = w[len(nasal):]
            return (sub + rest) if sub and rest[0] in _VOWEL else rest
    return w


@functools.lru_cache(maxsize=None)
def _families() -> list[tuple[re.Pattern, str]]:
    """Trigger and modality cue patterns with the feature name each sets."""
    rows = []
    for r in load_tsv("events/triggers.tsv"):
        rx = re.compile(r"(?<![\w\-])(?:" + r["pattern"] + r")(?![\w\-])", re.I)
        rows.append((rx, f"trig={r['event_type']}"))
        rows.append((rx, f"trig={r['strength']}"))
    for r in load_tsv("events/modality.tsv"):
        rx = re.compile(r"(?<![\w\-])(?:" + r["cue"] + r")(?![\w\-])", re.I)
        rows.append((rx, f"mod={r['modality']}"))
    return rows


_FAMILY_OPEN, _FAMILY_CLOSE = r"(?<![\w\-])(?:", r")(?![\w\-])"


@functools.lru_cache(maxsize=None)
def _family_scan() -> tuple[list[tuple[re.Pattern, tuple[str, ...]]], Any]:
    """_families() with each pattern once and all its feature names (a trigger sets two), and a
    prefilter over the patterns (pantau/nlp/fastre.py): speed only, the same names. A pattern is
    prefiltered on what it wraps in _FAMILY_OPEN.._FAMILY_CLOSE (any match of it contains a match
    of that); one written otherwise is always tried."""
    from .fastre import Prefilter

    grouped: dict[tuple[str, int], tuple[re.Pattern, list[str]]] = {}
    for rx, name in _families():
        grouped.setdefault((rx.pattern, rx.flags), (rx, []))[1].append(name)
    rows = [(rx, tuple(names)) for rx, names in grouped.values()]
    inner = [rx.pattern[len(_FAMILY_OPEN):-len(_FAMILY_CLOSE)]
             if rx.pattern.startswith(_FAMILY_OPEN) and rx.pattern.endswith(_FAMILY_CLOSE) else "\\b"
             for rx, _names in rows]  # "\\b" has no core: always tried
    return rows, Prefilter(inner)


@functools.lru_cache(maxsize=256)  # a sentence is read again as the neighbour of the next and the last
def _family_names(sent: str) -> frozenset[str]:
    """The names of _families() whose pattern occurs in the sentence."""
    rows, prefilter = _family_scan()
    out: set[str] = set()
    for i in prefilter.possible(sent):
        rx, names = rows[i]
        if rx.search(sent):
            out.update(names)
    return frozenset(out)


def _day(value: str, last: bool) -> dt.date | None:
    """The first (or last) day of a TIMEX3 calendar value ("2016-08-09", "2016-08", "2016")."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
            return dt.date.fromisoformat(value[:10])
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)) if last else dt.date(y, mo, 1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 12, 31) if last else dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _near_features(article: dict[str, Any], s: int, e: int, tag: str) -> set[str]:
    """What a neighbouring sentence text[s:e] adds: its trigger families and harm counts."""
    sent = (article.get("text") or "")[s:e]
    out = {f"{tag}:{name}" for name in _family_names(sent) if name.startswith("trig=")}
    for n in article.get("numbers") or []:
        if s <= n["span"][0] and n["span"][1] <= e and n.get("role") in _HARM_ROLES:
            out.add(f"{tag}:num=" + n["role"])
    return out


def features(article: dict[str, Any], s: int, e: int,
             prev: tuple[int, int] | None = None, nxt: tuple[int, int] | None = None) -> list[str]:
    """The feature names of the sentence text[s:e] of an analysed article (sorted, distinct);
    prev and nxt are the spans of the sentences before and after it, when there are."""
    text = article.get("text") or ""
    sent = text[s:e]
    low = sent.lower()
    feats = {"bias"}
    words = WORD.findall(low)
    for w in words:
        feats.add("w=" + w)
        feats.update("r=" + r for r in roots(w))
    for a, b in zip(words, words[1:]):
        feats.add(f"b={a}_{b}")
    feats |= _family_names(sent)
    body = article.get("body_start") or 0
    if s < body:
        feats.add("title")
    elif prev is None or prev[1] <= body:
        feats.add("lede")
    if prev is not None:
        feats |= _near_features(article, *prev, "prev")
    if nxt is not None:
        feats |= _near_features(article, *nxt, "next")
    pub = (article.get("published") or {}).get("date") or (article.get("published") or {}).get("latest")
    pub_year = int(pub[:4]) if pub and pub[:4].isdigit() else None
    pub_day = _day(pub, False) if pub else None
    for ent in article.get("entities") or []:
        if s <= ent["span"][0] and ent["span"][1] <= e:
            if ent.get("type") in ("LOC", "GPE") or ent.get("geo"):
                feats.add("place")
            elif ent.get("type") in ("PER", "ORG", "NORP"):
                feats.add("ent=" + ent["type"])
    for t in article.get("timexes") or []:
        if s <= t["span"][0] and t["span"][1] <= e:
            feats.add("timex=" + (t.get("type") or ""))
            value = t.get("value") or ""
            if pub_year and value[:4].isdigit() and int(value[:4]) < pub_year:
                feats.add("timex=old")
            if pub_day and t.get("type") not in ("DURATION", "SET"):
                last, first = _day(value, True), _day(value, False)
                if last and (pub_day - last).days > HISTORY_DAYS:
                    feats.add("timex=history")
                elif first and first > pub_day:
                    feats.add("timex=future")
    for n in article.get("numbers") or []:
        if s <= n["span"][0] and n["span"][1] <= e and n.get("role") in _HARM_ROLES:
            feats.add("num=" + n["role"])
    for q in article.get("quotes") or []:
        qs, qe = q["span"]
        if qs < e and s < qe:
            feats.add("quote")
            break
    return sorted(feats)


class Detector:
    """Weights as trained: P(event) and P(type | event) for one sentence's features."""

    def __init__(self, rows: list[dict[str, str]]):
        self.event: dict[str, float] = {}
        self.types: dict[str, dict[str, float]] = {}
        self.kinds: dict[str, dict[str, float]] = {}
        self.meta: dict[str, str] = {}
        self.sub_type: dict[str, str] = {}  # event type -> the sub-type a detector-only mention gets
        for r in rows:
            if r["model"] == "meta":
                self.meta[r["feature"]] = r["weight"]
            elif r["model"] == "sub_type":
                self.sub_type[r["feature"]] = r["weight"]
            elif r["model"] == "event":
                self.event[r["feature"]] = float(r["weight"])
            elif r["model"].startswith("kind="):
                self.kinds.setdefault(r["model"][5:], {})[r["feature"]] = float(r["weight"])
            else:
                self.types.setdefault(r["model"], {})[r["feature"]] = float(r["weight"])
        self.threshold = float(self.meta.get("threshold", 0.5))
        self.guard = float(self.meta.get("guard", 0.1))
        # a sentence with no trigger of the table is let in above `entry`; a weak trigger without its
        # place and day above `weak_pass` (both chosen by the events stage's F1 out of fold; 1.1: never)
        self.entry = float(self.meta.get("entry", 1.1))
        self.weak_pass = float(self.meta.get("weak_pass", 1.1))
        # below kind_cut a sentence the kind model reads as an aggregate, history or a plan is one
        self.kind_cut = max(self.guard, float(self.meta.get("kind_cut", 0.0)))
        # Platt scaling fitted on out-of-fold scores: the trained weights balance the classes, these
        # map a score back to how often such a sentence is an event
        self.calib = (float(self.meta.get("calib_a", 1.0)), float(self.meta.get("calib_b", 0.0)))

    def p_event(self, feats: list[str]) -> float:
        """The calibrated probability that a sentence with these features asserts an event."""
        z = self.calib[0] * sum(self.event.get(f, 0.0) for f in feats) + self.calib[1]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def type_probs(self, feats: list[str]) -> dict[str, float]:
        return _softmax(self.types, feats)

    def kind(self, feats: list[str]) -> str | None:
        """The most likely non-event kind (aggregate, background, plan, other) of a sentence."""
        probs = _softmax(self.kinds, feats)
        return max(probs, key=probs.get) if probs else None

    def strongest_word(self, feats: list[str], event_type: str | None = None) -> str | None:
        """The word feature that adds most to P(event) (and to the type, when given): the
        trigger a detector-only mention points at."""
        best, score = None, 0.0
        tw = self.types.get(event_type or "", {})
        for f in feats:
            if f.startswith("w="):
                v = self.event.get(f, 0.0) + tw.get(f, 0.0) + self.event.get("r=" + root(f[2:]), 0.0)
                if v > score:
                    best, score = f[2:], v
        return best

    def strongest_span(self, text: str, s: int, e: int, feats: list[str], event_type: str) -> tuple[int, int]:
        """Where, in text[s:e], the word the detector leans on most stands (the whole sentence
        when no word adds to the event)."""
        word = self.strongest_word(feats, event_type)
        if word:
            for m in WORD.finditer(text, s, e):
                if m.group().lower() == word:
                    return m.start(), m.end()
        return s, e


def _softmax(models: dict[str, dict[str, float]], feats: list[str]) -> dict[str, float]:
    scores = {t: sum(w.get(f, 0.0) for f in feats) for t, w in models.items()}
    if not scores:
        return {}
    top = max(scores.values())
    exp = {t: math.exp(v - top) for t, v in scores.items()}
    total = sum(exp.values())
    return {t: v / total for t, v in exp.items()}


@functools.lru_cache(maxsize=1)
def detector() -> Detector | None:
    """The shipped model, or None when it has not been trained (the stage then runs on its rules)."""
    if not MODEL_PATH.exists():
        return None
    with MODEL_PATH.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    header = lines[0].rstrip("\n").split("\t")
    return Detector([dict(zip(header, ln.rstrip("\n").split("\t"))) for ln in lines[1:]])
