"""Framing stage: the words a writer chose for each conflict actor, and the slant they add up to.

Fills article["framing"] = {
    "labels": [{"actor", "label", "span", "valence", "side", "voice", "attributed_to", "refers_to"}],
    "event_words": [{"word", "span", "valence", "kind", "about", "side", "voice", "attributed_to"}],
    "slant": {"label", "score", "conflict", "counts", "evidence"}}

Where the knowledge comes from (all data, each row with its source):
- pantau/data/labels.tsv (actor labels shared with the events stage) plus
  pantau/data/framing/labels.tsv (framing's own additions): label -> actor, side, valence;
- pantau/data/framing/event_words.tsv: evaluative event words (pembebasan, brutal, sesumbar...);
- pantau/data/framing/distancing.tsv: cues that hold a word at a distance ("yang menyebut ... sebagai").

Voice says whose word it is. A label inside direct speech is the speaker's ("quoted"); a label
in scare quotes or after a distancing cue is held at a distance ("distanced"); anything else,
indirect speech included, is the outlet's own, because in a paraphrase the journalist picks
the words. Only the outlet's own words weigh fully in the slant.

Slant score is in [-1, 1]: negative leans to the government side, positive to the opposition.
"""
from __future__ import annotations

import csv
import functools
import pathlib
import re
from typing import Any

from ..nlp import fastre
from ..record import Options

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"

# How much one word weighs in the slant, by voice. A distanced word counts against its own
# direction: an outlet that refuses to call the rebels "teroris" leans the other way.
VOICE_WEIGHT = {"outlet": 1.0, "quoted": 0.3, "distanced": -0.5}
# |score| at or below this is "mixed"; total evidence below MIN_WEIGHT is "neutral".
MIXED_BAND = 0.3
MIN_WEIGHT = 1.5
OTHER_SIDE = {"government": "opposition", "opposition": "government"}

_QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"))
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])|\n+")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


# -- data -----------------------------------------------------------------------------------
def _read_tsv(path: pathlib.Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _bounded(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){pattern}(?![\w])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def label_table() -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    """Actor labels: the shared table first, then framing's additions."""
    rows = _read_tsv(DATA / "labels.tsv") + _read_tsv(DATA / "framing" / "labels.tsv")
    return tuple((_bounded(r["label"]), r) for r in rows if r.get("label"))


@functools.lru_cache(maxsize=1)
def _label_prefilter() -> fastre.Prefilter:
    """Speed only: which label_table() rows may match a text (see fastre)."""
    return fastre.Prefilter([row["label"] for _rx, row in label_table()])


@functools.lru_cache(maxsize=1)
def _event_word_prefilter() -> fastre.Prefilter:
    return fastre.Prefilter([row["word"] for _rx, row in event_word_table()])


@functools.lru_cache(maxsize=1)
def event_word_table() -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    rows = _read_tsv(DATA / "framing" / "event_words.tsv")
    return tuple((_bounded(r["word"]), r) for r in rows if r.get("word"))


@functools.lru_cache(maxsize=1)
def distancing_table() -> tuple[tuple[re.Pattern, str], ...]:
    rows = _read_tsv(DATA / "framing" / "distancing.tsv")
    return tuple((re.compile(r["cue"], re.IGNORECASE), r["kind"]) for r in rows if r.get("cue"))


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[re.Pattern, str], ...]:
    """Country names from the curated KB, to tell which conflict a label belongs to when
    entity linking has not run (the names are read, the KB is owned elsewhere)."""
    out = []
    for row in _read_tsv(DATA / "kb" / "curated" / "places.tsv"):
        rid = row.get("id", "")
        if rid.startswith("place:country:") and row.get("aliases"):
            names = [a for a in row["aliases"].split("|") if len(a) > 2]
            if names:
                out.append((re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b"), rid.rsplit(":", 1)[1]))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _country_name_finder():
    """One Aho-Corasick pass over every country name (case-sensitive, like the patterns): a
    country's pattern can only match where one of its names occurs, so only those are run."""
    import ahocorasick_rs

    names, owner = [], []
    for i, (rx, _code) in enumerate(_country_names()):
        for name in _pattern_names(rx):
            names.append(name)
            owner.append(i)
    if not names:
        return None, owner
    return ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.Standard), owner


def _pattern_names(rx: re.Pattern) -> list[str]:
    """The literal names of a _country_names() pattern, read back from its alternation."""
    body = rx.pattern[len(r"\b(?:"):-len(r")\b")]
    return [re.sub(r"\\(.)", r"\1", n) for n in re.split(r"(?<!\\)\|", body)]


@functools.lru_cache(maxsize=1)
def actor_sides() -> dict[str, str]:
    """Canonical actor -> side (government / opposition / ...), from the events actor table."""
    return {r["canonical"]: r["side"] for r in _read_tsv(DATA / "events" / "actors.tsv") if r.get("canonical")}


@functools.lru_cache(maxsize=1)
def _after_cues() -> frozenset[str]:
    """Speech verbs that stand between a quote and its speaker ("…," ujar X)."""
    words = set()
    for row in _read_tsv(DATA / "quotes" / "cues.tsv"):
        if row.get("form") in ("after", "anaphoric"):
            words.update(w.lower() for w in row.get("cue", "").split("|"))
    return frozenset(words or {"kata", "ujar", "ucap", "tutur", "tulis"})


# -- the stage ------------------------------------------------------------------------------
def run(article: dict[str, Any], options: Options) -> dict[str, Any]:
    text = article.get("text") or ""
    sentences = _sentences(article)
    direct = _direct_quote_regions(text, article.get("quotes") or [])
    countries = _countries(article, text)
    framing = article.get("framing") or {}
    labels = []
    for s, e, row in find_labels(text, countries):
        voice, who = _voice(text, s, e, sentences, direct, article.get("quotes") or [],
                            article.get("entities") or [])
        labels.append({"actor": row["actor"], "label": text[s:e], "span": [s, e], "valence": row["valence"],
                       "side": row.get("side") or None, "voice": voice, "attributed_to": who,
                       "refers_to": _apposition(text, e, article.get("entities") or []),
                       "context": row.get("context") or "*"})
    words = []
    for s, e, row in find_event_words(text):
        voice, who = _voice(text, s, e, sentences, direct, article.get("quotes") or [],
                            article.get("entities") or [])
        about = _about(text, s, e, sentences, labels, row.get("kind", ""), article)
        words.append({"word": text[s:e], "span": [s, e], "valence": row["valence"], "kind": row.get("kind"),
                      "about": about["actor"] if about else None, "side": about["side"] if about else None,
                      "voice": voice, "attributed_to": who})
    framing["labels"] = labels
    framing["event_words"] = words
    framing["slant"] = slant(labels, words)
    article["framing"] = framing
    return article


def find_labels(text: str, countries: set[str] | None = None) -> list[tuple[int, int, dict[str, str]]]:
    """Every actor label in `text` as (start, end, table row); longest first, no overlaps.

    A row tied to a country ("SY") only counts when the article is about that country
    (or when no country is known); at equal length a country-specific row beats a "*" one
    when its country is present, and loses to it otherwise."""
    found = []
    may = _label_prefilter().scan(text)
    for i, (rx, row) in enumerate(label_table()):
        if not may.may_match(i):
            continue  # cannot occur
        ctx = row.get("context") or "*"
        if ctx != "*" and countries and ctx not in countries:
            continue
        specific = 1 if (ctx != "*" and countries and ctx in countries) else 0
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), specific, row))
    return _non_overlapping(found)


def find_event_words(text: str) -> list[tuple[int, int, dict[str, str]]]:
    may = _event_word_prefilter().scan(text)
    found = [(m.start(), m.end(), 0, row) for i, (rx, row) in enumerate(event_word_table())
             if may.may_match(i) for m in rx.finditer(text)]
    return _non_overlapping(found)


def _non_overlapping(found):
    found.sort(key=lambda f: (-(f[1] - f[0]), -f[2], f[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, _spec, row in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append((s, e, row))
    out.sort(key=lambda f: f[0])
    return out


# -- voice ----------------------------------------------------------------------------------
def _sentences(article: dict[str, Any]) -> list[tuple[int, int]]:
    spans = [tuple(s["span"]) for s in article.get("sentences") or [] if s.get("span")]
    if spans:
        return spans
    text = article.get("text") or ""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _sentence_of(sentences, pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return 0, pos


def _direct_quote_regions(text: str, quotes: list[dict]) -> list[tuple[int, int]]:
    """Spans of direct speech: from the quotes stage when it ran, else paired quote marks
    found here (so the stage still works on its own)."""
    regions = [tuple(q["span"]) for q in quotes if q.get("kind") == "direct" and q.get("span")]
    for line_start, line in _lines(text):
        for open_, close in _QUOTE_PAIRS:
            pos = 0
            while True:
                i = line.find(open_, pos)
                if i < 0:
                    break
                if open_ == "\u2018" and i > 0 and line[i - 1].isalnum():
                    pos = i + 1  # an apostrophe, not a quote
                    continue
                j = line.find(close, i + 1)
                if j < 0:
                    break
                regions.append((line_start + i + 1, line_start + j))
                pos = j + 1
        # straight single quotes: only where one opens after a space or line start and closes
        # before a space, punctuation or line end (Hay'at and al-'Assad are apostrophes)
        for m in re.finditer(r"(?:^|(?<=[\s(:]))'(?=\S)(.+?)(?<=\S)'(?=$|[\s.,;:!?)])", line):
            regions.append((line_start + m.start(1), line_start + m.end(1)))
    return regions


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _scare_quoted(text: str, s: int, e: int) -> bool:
    """The label alone (at most three words) between quote marks: 'pasukan “teroris”'."""
    before = text[max(0, s - 1):s]
    after = text[e:e + 1]
    if before in ("\u201c", '"', "\u2018", "'") and after in ("\u201d", '"', "\u2019", "'"):
        return len(_WORD.findall(text[s:e])) <= 3
    return False


def _voice(text, s, e, sentences, direct, quotes, entities=()) -> tuple[str, str | None]:
    ss, se = _sentence_of(sentences, s)
    before = text[ss:s]
    for rx, kind in distancing_table():
        cue = None
        for cue in rx.finditer(before):
            pass
        if cue is None:
            continue
        if kind == "distance" and (s - (ss + cue.end())) <= 40:
            return "distanced", _who_before(text, ss, ss + cue.start(), quotes)
        if kind == "attribute":
            # "X menyebut Y sebagai Z": the rest of the sentence is X's characterisation
            return (("distanced" if _scare_quoted(text, s, e) else "quoted"),
                    _subject_before(text, ss, ss + cue.start(), entities))
    if _scare_quoted(text, s, e):
        return "distanced", _speaker_in(ss, se, quotes, s)
    for qs, qe in direct:
        if qs <= s and e <= qe and (qe - qs) > (e - s) + 2:
            return "quoted", _speaker_in(qs, qe, quotes, s)
    return "outlet", None


def _speaker_in(ss: int, se: int, quotes: list[dict], pos: int) -> str | None:
    """The speaker of the quote that covers `pos`, else of a quote in the same stretch."""
    best = None
    for q in quotes:
        span = q.get("span") or [0, 0]
        sp = q.get("speaker") or {}
        name = sp.get("canonical") or sp.get("text")
        if not name:
            continue
        if span[0] <= pos < span[1]:
            return name
        if ss <= span[1] and span[0] <= se:
            best = best or name
    return best


def _who_before(text: str, ss: int, cue_start: int, quotes) -> str | None:
    """Who holds the word, in 'ujar seorang sumber militer Assad yang menyebut ...'."""
    name = _speaker_in(ss, cue_start, quotes, cue_start - 1)
    if name:
        return name
    chunk = re.split(r"[,;:\"“”]", text[ss:cue_start])[-1]
    words = _WORD.findall(chunk)
    while words and words[0].lower() in _after_cues():
        words = words[1:]
    return " ".join(words[-6:]) or None


def _subject_before(text: str, ss: int, cue_start: int, entities=()) -> str | None:
    """The subject of 'X menyebut ...': the words before the verb back to a comma or the sentence start."""
    chunk = re.split(r"[,;:\"“”]", text[ss:cue_start])[-1]
    chunk_start = cue_start - len(chunk)
    for ent in entities:
        es, ee = ent.get("span") or [0, 0]
        if chunk_start <= es and ee <= cue_start:
            return ent.get("canonical") or ent.get("text")
    words = _WORD.findall(chunk)
    return " ".join(words[-5:]) or None


def _apposition(text: str, end: int, entities: list[dict]) -> str | None:
    """The named group a label stands next to: 'kelompok jihadis (Jabhah Fathu Syam)',
    'milisi Syiah Hizbullah', 'Militan dari HTS'."""
    for ent in entities:
        es = (ent.get("span") or [0, 0])[0]
        gap = text[end:es]
        if 0 <= es - end <= 7 and re.fullmatch(r"\s*(?:\(|dari\s+|,\s*)?\s*", gap):
            if ent.get("type") in (None, "ORG", "PER", "NORP"):
                return ent.get("canonical") or ent.get("text")
    return None


def _about(text, s, e, sentences, labels, kind, article) -> dict | None:
    """Which actor an event word judges.

    Liberation: 'pembebasan kota dari para militan' frees the place from X, so it credits X's
    opponents; else the actor of an event told in the same sentence; else the side this
    article already praised (or the opponents of the side it already condemned).
    Other words: the nearest labelled or named actor before the word in the sentence, else after it."""
    ss, se = _sentence_of(sentences, s)
    in_sentence = [lab for lab in labels if ss <= lab["span"][0] < se and lab.get("side") in OTHER_SIDE]
    if kind == "liberation":
        for lab in in_sentence:
            gap = text[e:lab["span"][0]]
            if lab["span"][0] >= e and re.search(r"\bdari\b", gap, re.IGNORECASE) and len(gap) <= 40:
                return {"actor": f"opponents of {lab['actor']}", "side": OTHER_SIDE[lab["side"]]}
        for ev in article.get("events") or []:
            span = (ev.get("evidence") or {}).get("span") or [-1, -1]
            actor = ev.get("actor1") or {}
            # the name the labels table knows (the event gives ACLED's name, the linked one beside it)
            name = actor.get("linked") or actor.get("canonical") or actor.get("text")
            if span[0] <= s < span[1] and actor_sides().get(name) in OTHER_SIDE:
                return {"actor": name, "side": actor_sides()[name]}
        earlier = [lab for lab in labels if lab["span"][1] <= s and lab["voice"] == "outlet"
                   and lab.get("side") in OTHER_SIDE]
        for lab in reversed(earlier):
            if lab["valence"] == "legitimizing":
                return {"actor": lab["actor"], "side": lab["side"]}
        for lab in reversed(earlier):
            if lab["valence"].startswith("delegitimizing"):
                return {"actor": f"opponents of {lab['actor']}", "side": OTHER_SIDE[lab["side"]]}
        return None
    named = [lab for lab in in_sentence if lab["span"][1] <= s]
    for ent in article.get("entities") or []:
        name = ent.get("canonical") or ent.get("text")
        es, ee = ent.get("span") or [0, 0]
        if ss <= es and ee <= s and actor_sides().get(name) in OTHER_SIDE:
            named.append({"actor": name, "side": actor_sides()[name], "span": [es, ee]})
    if named:
        pick = max(named, key=lambda x: x["span"][1])
        return {"actor": pick["actor"], "side": pick["side"]}
    after = [lab for lab in in_sentence if lab["span"][0] >= e]
    if after:
        return {"actor": after[0]["actor"], "side": after[0]["side"]}
    return None


# -- slant ----------------------------------------------------------------------------------
def slant(labels: list[dict], event_words: list[dict]) -> dict[str, Any]:
    """Weigh every evaluative word toward the side it helps; see VOICE_WEIGHT and MIXED_BAND."""
    pull = {"government": 0.0, "opposition": 0.0}
    evidence = []
    conflicts: dict[str, float] = {}
    n_conflict_labels = 0
    for item in list(labels) + list(event_words):
        side = item.get("side")
        if side not in OTHER_SIDE:
            continue
        n_conflict_labels += 1
        valence = (item.get("valence") or "").split()[0] if item.get("valence") else ""
        if valence == "legitimizing":
            helped = side
        elif valence == "delegitimizing":
            helped = OTHER_SIDE[side]
        else:
            continue
        weight = VOICE_WEIGHT.get(item.get("voice") or "outlet", 1.0)
        if weight < 0:
            helped, weight = OTHER_SIDE[helped], -weight
        pull[helped] += weight
        ctx = item.get("context")
        if ctx and ctx != "*":
            conflicts[ctx] = conflicts.get(ctx, 0.0) + weight
        word = item.get("label") or item.get("word")
        whom = item.get("actor") or item.get("about")
        evidence.append(f"'{word}' [{item['span'][0]}:{item['span'][1]}] {valence} for {whom} "
                        f"({item.get('voice')} voice{', ' + item['attributed_to'] if item.get('attributed_to') else ''})"
                        f" -> pro-{helped} {weight:g}")
    total = pull["government"] + pull["opposition"]
    score = round((pull["opposition"] - pull["government"]) / total, 3) if total else 0.0
    if total < MIN_WEIGHT:
        label = "neutral" if n_conflict_labels else "unknown"
    elif abs(score) <= MIXED_BAND:
        label = "mixed"
    else:
        label = "pro-opposition" if score > 0 else "pro-government"
    return {"label": label, "score": score,
            "conflict": max(conflicts, key=conflicts.get) if conflicts else None,
            "counts": {"pro-government": round(pull["government"], 2),
                       "pro-opposition": round(pull["opposition"], 2),
                       "conflict_words": n_conflict_labels},
            "evidence": evidence}


def _countries(article: dict[str, Any], text: str) -> set[str]:
    """Countries the article is about: linked entities and event places, else country names in the text."""
    found = set()
    for ent in article.get("entities") or []:
        c = (ent.get("geo") or {}).get("country")
        if c:
            found.add(c)
    for ev in article.get("events") or []:
        c = (ev.get("place") or {}).get("country")
        if c:
            found.add(c)
    finder, owner = _country_name_finder()
    if finder is None:
        return found
    table = _country_names()
    for i in sorted({owner[idx] for idx, _s, _e in finder.find_matches_as_indexes(text, overlapping=True)}):
        rx, code = table[i]
        if rx.search(text):
            found.add(code)
    return found
