"""Stage `entities`: find named entities, link them to the KB, geocode places.

Mentions come from two sources that are merged:
  * KB alias matches (ahocorasick over every alias, see kb.match_aliases): precise and
    already linked; they win over the tagger where they overlap, except when the tagger
    found a longer name that merely contains the alias ("Universitas Indonesia").
  * the CRF tagger (pantau.nlp.ner) run sentence by sentence over article["_tokens"].
Tagger-only mentions are linked by (1) exact alias after stripping descriptor words
("milisi", "Presiden"...), (2) the same document: a short name that is part of a longer
name of the same type ("Malahifji" -> "Zakaria Malahifji", "Vlad" -> "Vladimir Putin"),
(3) another transliteration of a place's alias ("Provinsi Raqa" for Ar-Raqqa: transliteration_key),
only for a tagged place or a name after a place word, (4) fuzzy matching of transliteration
variants (rapidfuzz) against curated aliases.
Ambiguous aliases are settled by disambiguation rules (cue words in the article), the
word before the name ("provinsi Hama"), the countries the article is about, the KB layer
and, for places, feature rank and population.

A name becomes a place only with a place reading: a KB entry that is more than a one-word
generated town, the tagger's LOC together with a preposition before it ("di", "ke"), a dateline
position or the article's own countries, or an installation word before a town of the article's
countries ("reaktor air berat Arak": place_words.tsv). A village (an Indonesian GeoNames town of
under 15,000 people) needs the tagger's place to be its name alone, and stays unlinked unless
another place of the article lies within VILLAGE_REACH_KM of it (GeoNames lists a village
"Senayan" on Lombok, not Jakarta's). A city named by an ordinary word ("Serang", "Baku": KB column
reading = required) is one only as a dateline or after a place word in an article about its
country. Embassies ("Kedutaan Besar Israel di Washington") and capitals that speak ("Washington
mengatakan") are actors, not places (kb/metonymy.tsv, kb/capitals.tsv). A one-word town name
that opens a longer tagged name ("Metro" in "Polda Metro Jaya") is part of that name. A person's
name tagged across a word a scraper glued to it and the de-gluer left ("TempoYosea Arga
Pramudita") keeps its name part (_past_glue).

Each entity: {"text","span","type","subtype","id","canonical","geo","link"}; geo is
{"lat","lon","country","admin1","feature","precision","resolved_by"} for resolved places, else
null; a region's geo has no point (precision "area", lat/lon null).
"""
from __future__ import annotations

import bisect
import functools
import re

import numpy as np

from ..nlp import geo, glue
from ..nlp import kb as kbmod
from ..nlp import ner
from ..record import Options

FEATURE_RANK = {"country": 9, "continent": 8, "region": 7, "city": 6, "admin1": 5, "district": 4,
                "admin2": 4, "airport": 3, "military_base": 3, "facility": 3, "camp": 3,
                "admin3": 2, "neighbourhood": 2, "village": 1}
SUBTYPE_OF_FEATURE = {"country": "gpe", "admin1": "gpe", "admin2": "gpe", "admin3": "gpe", "city": "gpe",
                      "continent": "region", "region": "region", "district": "district",
                      "neighbourhood": "district", "camp": "facility", "airport": "facility",
                      "military_base": "facility", "facility": "facility", "village": "gpe"}

# how far a place's point stands for it: a region or continent is an area with no point, a
# country or province is an area its centroid stands for, the rest are points
PRECISION_OF_FEATURE = {"region": "area", "continent": "area", "country": "centroid", "admin1": "centroid",
                        "admin2": "centroid"}
# the word before a name that reads it as a place ("di Khan Younis", "ke Florida")


@functools.lru_cache(maxsize=1)
def place_prepositions() -> frozenset:
    """Words that read the name after them as a place (pantau/data/place_words.tsv)."""
    from ..nlp.text import load_tsv

    return frozenset(r["word"] for r in load_tsv("place_words.tsv") if r["reading"] in ("locative", "origin"))


@functools.lru_cache(maxsize=None)  # several tables: one slot would reread them in turn
def _word_table(name: str) -> dict[str, str]:
    """A small two-column TSV of pantau/data/kb as {first column (lower): second column}."""
    out = {}
    path = kbmod.DATA / name
    with open(path, encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            out[cols[0].lower()] = cols[1] if len(cols) > 1 else ""
    return out


def _descriptors() -> dict:
    return _word_table("descriptors.tsv")


def _context_cues() -> dict:
    return _word_table("context_cues.tsv")


_PART = r"(?:[A-Z][\w'.]*(?:-[\w']+)*|(?:al|el|as|ad|ar|asy|an|ash)-[A-Za-z][\w']*)"
_NAME_RUN = re.compile(rf"(?<![\w-]){_PART}(?:[ ]+{_PART})+")
_FALLBACK_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]", re.UNICODE)


def _tokens_and_sentences(article: dict) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    text = article.get("text") or ""
    tokens = article.get("_tokens")
    sents = [tuple(s["span"]) for s in article.get("sentences") or [] if s.get("span")]
    if tokens is None or not sents:
        try:
            from . import segment

            tokens = tokens if tokens is not None else segment.tokenize(text)
            sents = sents or list(segment.split_sentences(text))
        except (ImportError, AttributeError):
            tokens = tokens if tokens is not None else [m.span() for m in _FALLBACK_TOKEN.finditer(text)]
            sents = sents or [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return list(map(tuple, tokens)), sents  # (a tuple is returned as it is)


def _ner_mentions(text: str, tokens, sents) -> list[dict]:
    """Tagger mentions, sentence by sentence, one genre guessed for the whole article."""
    batches = []
    ti = 0
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    if starts == sorted(starts) and ends == sorted(ends):
        # tokens in order (the usual case): the same two walks below, done by bisection
        for s, e in sents:
            ti = max(ti, bisect.bisect_left(starts, s))
            j = max(ti, bisect.bisect_right(ends, e, ti))
            if j > ti:
                batches.append(tokens[ti:j])
    else:
        for s, e in sents:
            while ti < len(tokens) and tokens[ti][0] < s:
                ti += 1
            sent_toks = []
            j = ti
            while j < len(tokens) and tokens[j][1] <= e:
                sent_toks.append(tokens[j])
                j += 1
            if sent_toks:
                batches.append(sent_toks)
    words = [[text[a:b] for a, b in toks] for toks in batches]
    out = []
    for sent_toks, tags in zip(batches, ner.tag_sentences(words)):
        if tags.count("O") == len(tags):
            continue  # no name in the sentence (most sentences): nothing to read off its tags
        for a, b, kind in ner.spans_from_bio(tags):
            out.append({"start": sent_toks[a][0], "end": sent_toks[b - 1][1], "type": kind})
    return out


_FIRST_WORD = re.compile(r"(\S+)\s+")
# a hashtag, handle or web address: written without spaces on purpose, never part of a name
_HANDLE = re.compile(r"(?:^|(?<=\s))(?:[#@]|\S*(?:://|www\.))\S*")


def _before_handle(text: str, start: int, end: int) -> tuple[int, int]:
    """A tagged name ends before a hashtag, handle or address ("Jabodetabek #LayarDramaRCTI",
    "TikTok @dr_x"); one that starts with one is nothing (start == end)."""
    if start > 0 and text[start - 1] in "#@":
        return start, start
    m = _HANDLE.search(text, start, end)
    if m is None:
        return start, end
    end = m.start()
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ")]\"'":
        end -= 1
    return start, end


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _past_glue(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """A person's name tagged across a word a scraper glued to it and the de-gluer left
    ("TempoYosea Arga Pramudita", "Andrea PiacquadioApakah", "Wali Kota DepokSupian Suri").
    Person names are not written in camel case beyond openings of at most two letters (McCain,
    DeShawn, LeBron: glue.glued_case_change) and glue.name_openings() (function_words.tsv), so such a case change in a PER
    mention is a word boundary; the mention keeps the last part of two words or more, all
    letters and starting with a capital ("Yosea Arga Pramudita", "Andrea Piacquadio"), or
    stays as it was when no part is one."""
    if kind != "PER":
        return start, end
    cuts = []
    for m in _LETTER_RUN.finditer(text, start, end):
        word = m.group()
        if not glue.glued_case_change(word):
            continue
        last = 0
        for i in range(1, len(word)):
            if word[i - 1].islower() and word[i].isupper():
                left = word[last:i]
                if len(left) >= 3 and left.lower() not in glue.name_openings():
                    cuts.append(m.start() + i)
                    last = i
    if not cuts:
        return start, end
    bounds = [start] + cuts + [end]
    for s, e in reversed(list(zip(bounds, bounds[1:]))):
        part = text[s:e]
        words = part.split()
        if len(words) >= 2 and part.strip()[:1].isupper() and not any(c.isdigit() for c in part):
            s += len(part) - len(part.lstrip())
            e -= len(part) - len(part.rstrip())
            while e > s and not text[e - 1].isalnum():
                e -= 1
            return s, e
    return start, end


def _strip_descriptors(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading descriptor words ("milisi Syiah Hizbullah" -> "Hizbullah")."""
    desc = _descriptors()
    while True:
        m = _FIRST_WORD.match(text, start, end)  # as re.match on text[start:end]: no anchors
        if not m or m.group(1).lower().strip(".") not in desc:
            return start, end
        start = m.end()


def _type_fits(kind: str, ent: dict) -> bool:
    """Whether a tagged mention of this type may be linked to this KB entry: a person is not
    linked to a town that happens to share the name ("Ramos", "Maia")."""
    if ent["kind"] == "place":
        return kind == "LOC"
    return kind != "LOC" or ent.get("type") == "LOC" or ent.get("subtype") in ("government", "military")


def _needs_confirmation(kb, m) -> bool:
    """A one-word match whose every candidate is a generated (GeoNames/OCHA) place is kept only
    when the tagger also marks it as a place: many town names are surnames or English words. So
    is a village's name of any length ("Air Molek"): thousands of them, and words of everyday
    Indonesian put together."""
    one_word = " " not in m["text"].strip()
    for eid in m["ids"]:
        ent = kb.entry(eid)
        if ent["kind"] != "place" or ent["layer"] != "generated":
            return False
        one_word = one_word or ent.get("feature") == "village"
    return one_word


_NEXT_NAME_WORD = re.compile(r"[ ]+([A-Z][\w'-]*)")


def _word_city(kb, ids) -> bool:
    """Whether a candidate is a city named by an ordinary word ("Serang", "Baku", "Lima": KB column
    reading = required): then the name is read as that word unless a place word says otherwise,
    whatever else it may name."""
    return any(kb.entry(i).get("reading") == "required" for i in ids)


def _read_as_word_city(text: str, start: int, end: int, kb, ids, countries: set[str]) -> bool:
    """A city named by an ordinary word is one only as a dateline ("Serang (ANTARA News) -") or after
    a place word in an article about its country ("di Baku, Azerbaijan"; "di Kota Kaya" in an
    article about Sudan is no town of Burkina Faso), and never as the first word of a longer name
    ("di Kota Tua", "dari Negara Barat") or doubled ("Negara - negara", as IndoSum spaces it)."""
    if _NEXT_NAME_WORD.match(text, end) or re.match(r"\s*-\s*" + re.escape(text[start:end].lower()) + r"\b",
                                                     text[end:end + 40].lower()):
        return False
    if (start == 0 or text[start - 1] == "\n") and _DATELINE_AFTER.match(text, end):
        return True
    return _place_reading(text, start) and any(kb.entry(i).get("country") in countries for i in ids)


def _name_goes_on(text: str, end: int, until: int) -> bool:
    """Whether a tagged name goes on after a place name with a capitalised word that does not end
    place names: "Metro" in "Polda Metro Jaya" is no town, "Cianjur" in "Cianjur Selatan" is."""
    m = _NEXT_NAME_WORD.match(text, end, until)
    return m is not None and m.group(1).lower() not in glue.name_ends()


def _doc_countries(kb, matches) -> set[str]:
    """Countries the article is about: those of unambiguous KB matches."""
    out = set()
    for m in matches:
        ids = m["ids"]
        if len(set(ids)) == 1:
            ent = kb.entry(ids[0])
            if ent and ent.get("country"):
                out.add(ent["country"])
    return out


# the last one or two words before a name and the space after them: what
# re.search(r"(\w+(?: \w+)?)\s+$", window) finds, matched from the window's end on the reversed
# text instead (the search tried the pattern at every character of the window)
_LAST_WORDS_REVERSED = re.compile(r"\w+(?: \w+)?")


def _previous_word(text: str, start: int) -> str:
    window = text[max(0, start - 30):start]
    words = window.rstrip()  # str.rstrip and re's \s agree on what is white space
    if len(words) == len(window):
        return ""
    m = _LAST_WORDS_REVERSED.match(words[::-1])
    return m.group()[::-1].lower() if m else ""


def _choose(kb, ids: list[str], text: str, lower_text: str, start: int, alias: str,
            countries: set[str]) -> tuple[str | None, str]:
    """Pick one id among candidates; returns (id, how)."""
    ids = list(dict.fromkeys(ids))
    rules = kb.rules.get(alias)
    if rules:
        default = None
        for eid, cues in rules:
            if "*" in cues:
                default = default or eid
            elif any(c.lower() in lower_text for c in cues):
                return eid, "context"
        if default:
            return default, "context" if len(ids) > 1 else "exact alias"
        return None, "rule: no cue"
    if len(ids) == 1:
        return ids[0], "exact alias"
    prev = _previous_word(text, start)
    want = _context_cues().get(prev) or _context_cues().get(prev.split(" ")[-1] if prev else "")

    def score(eid):
        ent = kb.entry(eid)
        return (
            1 if want and ent.get("feature") == want else 0,
            1 if ent.get("country") in countries else 0,
            -kbmod.LAYER_RANK[ent["layer"]],
            FEATURE_RANK.get(ent.get("feature", ""), 0),
            ent.get("population", 0) or 0,
        )

    best = max(ids, key=score)
    return best, "context"


@functools.lru_cache(maxsize=1)
def _fuzzy_pool():
    """Aliases worth fuzzy matching: curated/user entries and Syrian places (not the
    30k world cities, whose near-misses are mostly ordinary words)."""
    kb = kbmod.load()
    pool = {}
    for table in (kb.actors, kb.places):
        for eid, ent in table.items():
            if ent["layer"] == "generated" and not eid.startswith("place:ocha:"):
                continue
            for a in ent["aliases"]:
                if len(a) >= 5:
                    pool.setdefault(kbmod.norm(a), eid)
    return list(pool), list(pool.values())


FUZZY_CUTOFF = 88
_FUZZY_REACH = FUZZY_CUTOFF - 1  # the filters below keep what scores this much: room for rounding


@functools.lru_cache(maxsize=256)
def _fuzzy_keys_for_length(n: int) -> tuple[list[str], list[int]]:
    """The pool aliases a name of n characters can reach the cutoff with, in pool order.
    fuzz.ratio is 100 * (1 - indel distance / (n + m)) and the distance is at least |n - m|,
    so longer or shorter aliases cannot reach the cutoff."""
    keys, _ids = _fuzzy_pool()
    lengths = _fuzzy_table()[1]
    idx = np.flatnonzero(100.0 * (1 - np.abs(lengths - n) / (lengths + n)) >= _FUZZY_REACH).tolist()
    return [keys[i] for i in idx], idx


@functools.lru_cache(maxsize=1)
def _fuzzy_table() -> tuple[np.ndarray, np.ndarray]:
    """How often each character (row, _fuzzy_letters()) occurs in each pool alias (column;
    at most 255 of one, the pool's aliases being far shorter), and the aliases' lengths."""
    keys, _ids = _fuzzy_pool()
    letters = _fuzzy_letters()
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    counts = np.zeros((len(letters), len(keys)), dtype=np.uint8)
    rows = np.fromiter((letters[c] for c in "".join(keys)), dtype=np.intp, count=int(lengths.sum()))
    np.add.at(counts, (rows, np.repeat(np.arange(len(keys)), lengths)), 1)
    return counts, lengths


@functools.lru_cache(maxsize=1)
def _fuzzy_letters() -> dict[str, int]:
    """Column of each character the pool's aliases use (for _fuzzy_counts)."""
    keys, _ids = _fuzzy_pool()
    return {c: i for i, c in enumerate(sorted(set("".join(keys))))}


@functools.lru_cache(maxsize=256)
def _fuzzy_counts(n: int) -> tuple[np.ndarray, np.ndarray]:
    """For the aliases of _fuzzy_keys_for_length(n): how often each character occurs in each
    ([character, alias]; at most 255 of one, the pool's aliases being far shorter) and their
    lengths plus n (the denominator of fuzz.ratio)."""
    _keys, idx = _fuzzy_keys_for_length(n)
    counts, lengths = _fuzzy_table()
    return counts[:, idx], (lengths[idx] + n).astype(np.int32)


@functools.lru_cache(maxsize=65536)
def _fuzzy(name: str) -> tuple[str | None, float]:
    from rapidfuzz import fuzz, process

    if len(name) < 5:
        return None, 0.0
    _keys, ids = _fuzzy_pool()
    query = kbmod.norm(name)
    keys, idx = _fuzzy_keys_for_length(len(query))
    if not keys:  # a name far longer than every alias
        return None, 0.0
    # Only aliases that can reach the cutoff are scored. fuzz.ratio is 200 * LCS / (n + m),
    # and a common subsequence has no more of a character than either string, so
    # 200 * (characters in common, by count) / (n + m) bounds it from above. The candidates
    # keep their order, so the best (first among equals) is the one scoring them all gives
    # (tests compare). Characters no alias has add nothing.
    counts, sums = _fuzzy_counts(len(query))
    letters = _fuzzy_letters()
    want: dict[int, int] = {}
    for c in query:
        row = letters.get(c)
        if row is not None:
            want[row] = want.get(row, 0) + 1
    have = np.minimum(counts[list(want)], np.array(list(want.values()), dtype=np.uint8)[:, None])
    near = np.flatnonzero(200 * have.sum(axis=0, dtype=np.int32) >= _FUZZY_REACH * sums)
    if not len(near):
        return None, 0.0
    hit = process.extractOne(query, [keys[i] for i in near.tolist()], scorer=fuzz.ratio,
                             score_cutoff=FUZZY_CUTOFF)
    if not hit:
        return None, 0.0
    return ids[idx[int(near[hit[2]])]], hit[1]


def _entity(text, s, e, kind, ent, how, resolved_by=None) -> dict:
    out = {"text": text[s:e], "span": [s, e], "type": kind, "subtype": None, "id": None,
           "canonical": None, "geo": None, "link": how}
    if ent is None:
        return out
    out["id"] = ent["id"]
    out["canonical"] = ent["canonical"]
    if ent["kind"] == "place":
        out["type"] = "LOC"
        out["subtype"] = SUBTYPE_OF_FEATURE.get(ent.get("feature", ""), "gpe")
        if ent.get("lat") is not None:
            feature = ent.get("feature") or None
            out["geo"] = {"lat": ent["lat"], "lon": ent["lon"], "country": ent.get("country") or None,
                          "admin1": ent.get("admin1") or None, "feature": feature,
                          "precision": PRECISION_OF_FEATURE.get(feature or "", "point"),
                          "resolved_by": resolved_by or f"kb {how} ({ent.get('source', '')})"}
            if out["geo"]["precision"] == "area":
                # a region ("Timur Tengah") has no single point: nothing is plotted or placed there
                out["geo"]["lat"] = out["geo"]["lon"] = None
    else:
        out["type"] = ent.get("type") or kind
        out["subtype"] = ent.get("subtype") or None
        if ent.get("side"):
            out["side"] = ent["side"]
    return out


class _Spans:
    """Pairwise disjoint [start, end) spans, sorted: whether a new span overlaps one of them is
    answered by the one starting last before its end (the ends of disjoint spans rise with the
    starts), instead of a scan over all of them."""

    def __init__(self, chosen: list[dict]):
        pairs = sorted((c["start"], c["end"]) for c in chosen)
        self.starts = [p[0] for p in pairs]
        self.ends = [p[1] for p in pairs]

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e) - 1
        return k >= 0 and self.ends[k] > s

    def add(self, s: int, e: int) -> None:
        k = bisect.bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)


_DATELINE_AFTER = re.compile(r"\s*(?:\(|[-–—]|,)")


def _place_reading(text: str, start: int, end: int | None = None) -> bool:
    """Whether the word before a name reads it as a place ("di", "ke", "kota"...), or the name is
    a dateline: it opens a line and a bracket, dash or comma follows ("Bukavu (ANTARA News) -")."""
    if end is not None and (start == 0 or text[start - 1] == "\n") and _DATELINE_AFTER.match(text, end):
        return True
    prev = _previous_word(text, start)
    return bool(prev) and prev.split(" ")[-1] in place_prepositions()


@functools.lru_cache(maxsize=1)
def _installation_words() -> tuple[re.Pattern, frozenset]:
    """The words of an installation named after the place it stands in ("reaktor air berat Arak",
    "pelabuhan Yantai": place_words.tsv, reading "installation") as one pattern that ends where
    the name starts, up to three lower-case words between; and the stop words those may not be
    ("fasilitas lengkap seperti Miami")."""
    from ..nlp.text import load_tsv

    heads = sorted((r["word"] for r in load_tsv("place_words.tsv") if r["reading"] == "installation"),
                   key=len, reverse=True)
    words = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads)
    pattern = re.compile(rf"(?<![\w-])(?i:{words})((?:\s+[a-z]+){{0,3}})\s+$")
    return pattern, frozenset(r["word"] for r in load_tsv("framing/stopwords.tsv"))


def _installation_before(text: str, start: int) -> bool:
    """Whether an installation word stands before the name at start ("reaktor air berat Arak")."""
    pattern, stop = _installation_words()
    m = pattern.search(text, max(0, start - 80), start)
    return m is not None and not any(w in stop for w in m.group(1).split())


@functools.lru_cache(maxsize=1)
def _metonymy_words() -> tuple[re.Pattern, frozenset]:
    from ..nlp.text import load_tsv

    rows = load_tsv("kb/metonymy.tsv")
    mission = sorted((r["word"] for r in rows if r["kind"] == "embassy"), key=len, reverse=True)
    speech = frozenset(r["word"].lower() for r in rows if r["kind"] == "speech")
    words = "|".join(re.escape(w) for w in mission)
    return re.compile(r"\b(?:" + words + r")\s+(?:the\s+)?$"), re.compile(r"(?:" + words + r")\s+(?:the\s+)?"), speech


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    from ..nlp.text import load_tsv

    return {r["place"]: r["country"] for r in load_tsv("kb/capitals.tsv")}


_NEXT_WORD = re.compile(r"\s+(\w+)")


def _metonymy(text: str, kb, entities: list[dict]) -> list[dict]:
    """Embassies ("Kedutaan Besar Israel di Washington": one actor, the mission of a country, and
    neither name a place) and capitals that act ("Washington mengatakan": the government)."""
    mission, mission_start, speech = _metonymy_words()
    out: list[dict] = []
    k = 0
    while k < len(entities):
        ent = entities[k]
        s, e = ent["span"]
        m = mission.search(text, max(0, s - 40), s)
        inner = mission_start.match(ent["text"]) if ent["type"] != "PER" else None
        if (ent.get("geo") is not None and ent["geo"].get("feature") == "country" and m) or (
                inner and inner.end() < len(ent["text"])):
            end, where = e, None
            # "… di Washington" / "… untuk Indonesia": the mission's seat is part of its name
            nxt = entities[k + 1] if k + 1 < len(entities) else None
            if nxt is not None and re.fullmatch(r"\s+(?:di|untuk|in|at|to)\s+", text[e:nxt["span"][0]]) \
                    and nxt["type"] == "LOC":
                end, where = nxt["span"][1], nxt
            start = m.start() if m and not inner else s
            of = ent["text"][inner.end():] if inner else (ent["canonical"] or ent["text"])
            country = kb.entry((kb.alias_ids.get(kbmod.norm(of)) or [""])[0]) if inner else None
            if country is not None and country.get("feature") == "country":
                of = country["canonical"]
            canon = f"Embassy of {of}"
            if where is not None:
                canon += f" in {where['canonical'] or where['text']}"
            while out and out[-1]["span"][1] > start:
                out.pop()  # "Kedutaan Besar" tagged on its own
            out.append({"text": text[start:end], "span": [start, end], "type": "ORG", "subtype": "diplomatic",
                        "id": None, "canonical": canon, "geo": None, "link": "embassy",
                        "country": (ent.get("geo") or country or {}).get("country") or None})
            k += 2 if where is not None else 1
            continue
        country = _capitals().get(ent.get("canonical") or "")
        nw = _NEXT_WORD.match(text, e)
        if country and ent.get("geo") is not None and nw and nw.group(1).lower() in speech \
                and not _place_reading(text, s):
            state = kb.places.get(f"place:country:{country}")
            ent = dict(ent, type="ORG", subtype="government", geo=None, link="metonymy",
                       canonical=(state or {}).get("canonical") or ent["canonical"], id=None,
                       country=country)
        out.append(ent)
        k += 1
    return out


# how far from another place the article names a village may lie: GeoNames names thousands of
# Indonesian villages after better-known places it does not list ("Senayan" is a village on
# Lombok, "Kemang" one in Flores): a village is meant only where the article is
VILLAGE_REACH_KM = 60.0
# places whose point says where an article is (not a country's or a region's)
_LOCAL_FEATURES = frozenset(f for f, rank in FEATURE_RANK.items() if 2 <= rank <= FEATURE_RANK["city"])


def _villages_near_the_article(kb, entities: list[dict]) -> None:
    """Unlink a village that no other place of the article (a town, regency, district,
    province...) lies within VILLAGE_REACH_KM of; in place. "Jelbuk" in a list of Jember's
    districts stays, "Senayan" in an article about Jakarta goes."""
    def feature(ent):
        e = kb.entry(ent["id"]) if ent.get("id") else None
        return (e or {}).get("feature") if (e or {}).get("kind") == "place" else None

    anchors = [ent["geo"] for ent in entities if ent.get("geo") and ent["geo"].get("lat") is not None
               and feature(ent) in _LOCAL_FEATURES]
    for ent in entities:
        if feature(ent) != "village" or not ent.get("geo"):
            continue
        if any((d := geo.km(ent["geo"], a)) is not None and d <= VILLAGE_REACH_KM for a in anchors):
            continue
        ent.update(id=None, canonical=ent["text"], geo=None, subtype=None, link="village-far")


def find_entities(text: str, tokens=None, sents=None) -> list[dict]:
    """Entities of a text (see module doc). tokens/sents: (start, end) spans or None."""
    article = {"text": text}
    if tokens is not None:
        article["_tokens"] = tokens
    if sents is not None:
        article["sentences"] = [{"span": list(s)} for s in sents]
    return run(article, Options())["entities"]


# how the same Arabic (Persian, Pashto...) place name is spelled in Latin letters differs in the
# article ("Ar-Raqqa", "Raqqa"), doubled consonants ("Raqqa", "Raqa") and a final h ("Raqqah"):
# transliteration_key drops those differences
_ARABIC_ARTICLE = re.compile(r"(?<![a-z])(?:al|ar|as|ad|at|an|az|ash|asy|el)[- ]")
_NOT_LETTER = re.compile(r"[^a-z ]")
_DOUBLED = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


def transliteration_key(name: str) -> str:
    """A place name less what transliterations of one name differ in: diacritics, the Arabic
    article, doubled letters, a final h after a vowel ("Ar-Raqqah", "Raqa" -> "raqa")."""
    s = kbmod.norm(name)
    if not s.isascii():
        import unicodedata

        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    if "a" in s or "e" in s:
        s = _ARABIC_ARTICLE.sub("", s)
    s = _NOT_LETTER.sub("", s.replace("-", " "))
    s = _FINAL_H.sub("", _DOUBLED.sub(r"\1", s))
    return " ".join(s.split())


@functools.lru_cache(maxsize=1)
def _transliteration_index() -> dict[str, list[str]]:
    """transliteration_key of every place alias (four letters or more once keyed) -> place ids;
    kept between processes like the KB (pantau/cache.py, keyed by the KB's files and this module:
    building it takes a second and a half)."""
    import pathlib

    from .. import cache

    files = [pathlib.Path(__file__), *kbmod._layer_paths([kbmod.DATA / "generated", kbmod.DATA / "curated"]),
             *kbmod._layer_paths(kbmod._user_paths())]
    return cache.cached("transliteration", files, _build_transliteration_index)


def _build_transliteration_index() -> dict[str, list[str]]:
    kb = kbmod.load()
    out: dict[str, list[str]] = {}
    for eid, ent in kb.places.items():
        for a in ent["aliases"]:
            key = transliteration_key(a)
            if len(key) >= 4:
                ids = out.setdefault(key, [])
                if eid not in ids:
                    ids.append(eid)
    return out


def _transliterated_place(text: str, kb, ent: dict, countries: set[str]) -> str | None:
    """The place an unlinked name is another transliteration of ("Provinsi Raqa" -> Raqqa
    Governorate): only a name the tagger reads as a place or after a place word, of a place in
    a country the article is about (spellings fold together across languages: "Nissan" and
    Nisan, "Ascott" and Ascot), never a person ("Hasan" is no "Hassan"), an acronym ("APAC") or
    a word written in lower case inside sentences ("Desa", "Rumah")."""
    name = ent["text"]
    if ent["type"] == "PER" or len(name) < 4 or not name[:1].isupper() or name.isupper():
        return None
    if not (ent["type"] == "LOC" or _place_reading(text, *ent["span"])):
        return None
    if " " not in name and glue.word_case().get(name.lower()) in ("low", "mix"):
        return None
    ids = [i for i in _transliteration_index().get(transliteration_key(name), ())
           if kb.places[i].get("country") in countries]
    if not ids:
        return None
    eid, _how = _choose(kb, ids, text, text.lower(), ent["span"][0], kbmod.norm(name), countries)
    return eid


def _join(text: str, kb, ent: dict, partner: dict | None, countries: set[str]) -> None:
    """An unlinked entity takes the link of its partner (the longer name of the document
    holding its words) when the partner has one; else a KB alias spelled close to it; else
    it joins the partner's document cluster (or starts its own). In place."""
    if partner is not None and (partner["id"] or partner["canonical"]):
        ent["id"], ent["canonical"] = partner["id"], partner["canonical"] or partner["text"]
        ent["link"] = "doc-cluster"
        if partner.get("geo"):
            ent["geo"] = dict(partner["geo"], resolved_by="doc-cluster")
        if partner.get("subtype"):
            ent["subtype"] = partner["subtype"]
        return
    eid = _transliterated_place(text, kb, ent, countries)
    if eid is not None:
        ent.update(_entity(text, *ent["span"], "LOC", kb.entry(eid), "transliteration",
                           resolved_by=f"transliteration variant of {kb.entry(eid)['canonical']}"))
        return
    eid, score = _fuzzy(ent["text"])
    if eid is not None and eid in kb.places and not (
            _place_reading(text, *ent["span"]) or kb.entry(eid).get("country") in countries):
        eid = None  # "Menurut Al-Ghazali": a spelling close to a neighbourhood abroad is no place reading
    if eid is not None:
        ent.update(_entity(text, *ent["span"], ent["type"], kb.entry(eid), "fuzzy",
                           resolved_by=f"fuzzy alias match ({score:.0f})"))
        return
    ent["canonical"], ent["link"] = (partner["text"] if partner is not None else ent["text"]), "doc-cluster"


def _link_within_document(text: str, kb, entities: list[dict], countries: set[str]) -> None:
    """Step 3 of run(): what is still unlinked joins a longer name of the same document
    (same type, holding all its words) or a KB alias spelled close to it (fuzzy); in place."""
    # (an entity's text never changes below, its type and link may: words are split once)
    words_of = [ent["text"].split() for ent in entities]
    word_sets = [set(words) for words in words_of]  # for "holding all its words"
    length = [len(ent["text"]) for ent in entities]
    # longest first, then in text order: the first that fits is the longest that fits,
    # the earliest of equals (and the loops stop at names no longer than the one at hand)
    longest_first = sorted(range(len(entities)), key=lambda j: -length[j])
    for k, ent in enumerate(entities):
        if ent["id"] is not None or ent["link"] is not None:
            continue
        name = ent["text"]
        words = words_of[k]
        partner = None
        for j in longest_first:
            if length[j] <= length[k]:
                break
            other = entities[j]
            if other["type"] != ent["type"]:  # read now: linking below may retype an entity
                continue
            if word_sets[k] <= word_sets[j] or (
                    len(words) == 1 and len(name) >= 3 and any(o.startswith(name) for o in words_of[j])):
                partner = other
                break
        _join(text, kb, ent, partner, countries)
    # a cluster's unknown members all take the longest name as canonical
    for k, ent in enumerate(entities):
        if ent["id"] is None and ent["link"] == "doc-cluster" and ent["type"] == "PER":
            for j in longest_first:
                if length[j] <= len(ent["canonical"]):
                    break
                other = entities[j]
                if other["id"] is None and other["type"] == "PER" and word_sets[k] <= word_sets[j]:
                    ent["canonical"] = other["text"]
                    break


def run(article: dict, options: Options | None = None) -> dict:
    text = article.get("text") or ""
    if not text.strip():
        article["entities"] = []
        return article
    kb = kbmod.load()
    lower_text = text.lower()
    tokens, sents = _tokens_and_sentences(article)
    matches = kbmod.match_aliases(text, kb)
    tagged = _ner_mentions(text, tokens, sents)
    # a one-word town name that still needs confirming says nothing about the article's countries
    countries = _doc_countries(kb, [m for m in matches if not _needs_confirmation(kb, m)])

    # 1. merge: KB matches win, unless a tagged name strictly contains them
    def confirmed(m) -> bool:
        """A one-word generated town is a place here: "Golden", "Perry", "Summit" are generated place
        names the tagger does not see as places; "Menurut Al-Ghazali" names a neighbourhood of Aleppo
        only in an article about Syria or after "di"; "reaktor air berat Arak" names the town of an
        article about Iran even where the tagger reads the installation as an organisation. A
        village needs the tagger's place to be its name alone: "Barat" in "Jakarta Barat" and
        "Wulung" in "Dusun Tunggul Wulung" are parts of other names."""
        in_country = any(kb.entry(i).get("country") in countries for i in m["ids"])
        village = all(kb.entry(i).get("feature") == "village" for i in m["ids"])
        if any(t["type"] == "LOC" and t["start"] <= m["start"] and m["end"] <= t["end"]
               and (not village or (t["start"], t["end"]) == (m["start"], m["end"])) for t in tagged):
            return in_country or _place_reading(text, m["start"], m["end"])
        return in_country and _installation_before(text, m["start"]) and not any(
            t["type"] == "PER" and t["start"] < m["end"] and m["start"] < t["end"] for t in tagged)

    chosen: list[dict] = []
    for m in matches:
        if _word_city(kb, m["ids"]):
            if not _read_as_word_city(text, m["start"], m["end"], kb, m["ids"], countries) or any(
                    t["type"] == "PER" and t["start"] < m["end"] and m["start"] < t["end"] for t in tagged):
                continue
        elif _needs_confirmation(kb, m) and not confirmed(m):
            continue
        container = next((t for t in tagged if t["start"] <= m["start"] and m["end"] <= t["end"]
                          and (t["end"] - t["start"]) > (m["end"] - m["start"])), None)
        if container is not None and _needs_confirmation(kb, m) and _name_goes_on(text, m["end"], container["end"]):
            continue  # "Polda Metro Jaya", "Pondok Gede": a one-word town name opening a longer name
        # a place inside a longer organisation or person name ("Universitas Indonesia") is part
        # of that name; an actor inside a longer span ("Divisi Utara Mujahidin Jaisy Al-Fath")
        # or a place inside a longer place ("Aleppo tengah") keeps its KB match
        if container is not None and container["type"] != "LOC" and all(i in kb.places for i in m["ids"]):
            cs, ce = _strip_descriptors(text, container["start"], container["end"])
            if (cs, ce) != (m["start"], m["end"]):
                continue  # the tagger's longer name is used instead
        chosen.append({"start": m["start"], "end": m["end"], "match": m})
    taken = _Spans(chosen)
    for t in tagged:
        s, e = _strip_descriptors(text, *_past_glue(text, *_before_handle(text, t["start"], t["end"]), t["type"]))
        if s >= e or taken.overlaps(s, e):
            continue
        chosen.append({"start": s, "end": e, "type": t["type"]})
        taken.add(s, e)
    # names neither source found, written like names (capitalised runs of two words or more):
    # kept only when they are a close spelling variant of a curated alias
    for m in _NAME_RUN.finditer(text):
        s, e = _strip_descriptors(text, m.start(), m.end())
        if len(text[s:e].split()) < 2 or taken.overlaps(s, e):
            continue
        eid, score = _fuzzy(text[s:e])
        if eid is not None:
            chosen.append({"start": s, "end": e, "fuzzy": (eid, score)})
            taken.add(s, e)
    chosen.sort(key=lambda c: c["start"])

    # 2. link
    entities = []
    for c in chosen:
        s, e = c["start"], c["end"]
        if "fuzzy" in c:
            eid, score = c["fuzzy"]
            entities.append(_entity(text, s, e, "ORG", kb.entry(eid), "fuzzy",
                                    resolved_by=f"fuzzy alias match ({score:.0f})"))
            continue
        if "match" in c:
            m = c["match"]
            eid, how = _choose(kb, m["ids"], text, lower_text, s, m["alias"], countries)
            if eid is None:
                continue  # an alias whose rules say "not here" (e.g. RT = Rukun Tetangga)
            entities.append(_entity(text, s, e, "ORG", kb.entry(eid), how))
            continue
        kind = c["type"]
        name = text[s:e]
        if kind != "LOC" and _place_reading(text, s) and any(
                i in kb.places for i in kb.alias_ids.get(kbmod.norm(name), [])):
            kind = "LOC"  # "di Khan Younis": the preposition reads the name as a place
        ids = [i for i in kb.alias_ids.get(kbmod.norm(name), [])
               if _type_fits(kind, kb.entry(i))] if kbmod._case_ok(name, kb.alias_forms.get(kbmod.norm(name), {name})) else []
        if _word_city(kb, ids) and not _read_as_word_city(text, s, e, kb, ids, countries):
            ids = []  # "Serang" tagged as a place in "Serang balik dilakukan": an ordinary word
        if ids:
            eid, how = _choose(kb, ids, text, lower_text, s, kbmod.norm(name), countries)
            if eid:
                entities.append(_entity(text, s, e, kind, kb.entry(eid), how))
                continue
        entities.append(_entity(text, s, e, kind, None, None))

    # 3. same-document clusters and fuzzy matching for what is still unlinked
    _link_within_document(text, kb, entities, countries)
    _villages_near_the_article(kb, entities)
    # 4. place names that name an actor here: embassies and capitals that speak
    article["entities"] = _metonymy(text, kb, entities)
    return article
