"""Publication date (document creation time, DCT) of an article, with the reasons.

Order (contract rule 5): a date carried by the input (`_raw["published"]`: outlet strings
such as "Rabu, 18 Jun 2025 08:20 WIB", ISO, RFC 822, WARC dates), then
`options.reference_date`, then a date in the URL, then inference from the text.

Inference from the text: Indonesian news writes "Minggu (7/8)" — weekday and day/month,
no year. A weekday+day/month pair only fits certain years (they repeat after 5, 6 or 11
years), so each candidate year in the window is scored by the pairs it fits, and dated
knowledge breaks the remaining ties: validity periods of the organisations, office holders,
club roles and named things mentioned (periods.tsv, office_holders.tsv, sport_roles.tsv,
events_of_record.tsv), event editions and anniversaries named with a number, stated ages
of known people, the seasons of movable feasts, and the years the text names (docs/timex.md).
With no day cue the result gives year likelihoods and, when one year leads clearly, the year. The day maximises the likelihood of the dated mentions under a
lag distribution per cue kind (reported, announced, dateline weekday, "kemarin"...) learned
by scripts/fit_pubdate_lags.py (data/time/pubdate_lags.tsv); pairs that fit no candidate
are reported as typos.
"""
from __future__ import annotations

import bisect
import datetime as dt
import email.utils
import functools
import math
import re
from typing import Any

import yaml

from ..nlp import fastre
from . import timex

Date = dt.date
DATA = timex.DATA

_WIB = dt.timezone(dt.timedelta(hours=7))


@functools.lru_cache(maxsize=None)
def settings() -> dict[str, Any]:
    with open(DATA / "settings.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# Validity periods, same columns: organisations and conflict actors (periods.tsv), office
# holders at home and abroad (office_holders.tsv), coaches, players and riders at their clubs
# (sport_roles.tsv), dated events of record and things named from a date on (events_of_record.tsv).
PERIOD_FILES = ("periods.tsv", "office_holders.tsv", "sport_roles.tsv", "events_of_record.tsv")


@functools.lru_cache(maxsize=None)
def period_guard() -> re.Pattern:
    """Words just before an office alias that say the office is not held now ("mantan")."""
    words = [r["word"] for r in timex.read_tsv(DATA / "period_guards.tsv")]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})\s*[,(]?\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def periods() -> dict[str, Any]:
    """Validity periods: rows, canonical-name index, and the matchers over all text aliases.

    A row's aliases are its `aliases` column plus every title of `titles` followed by every
    name of `names` (office_holders.tsv: "Kapolri" + "Tito Karnavian"). Its parts, matched apart
    (periods_mentioned): `with` (sport_roles.tsv: the club's names; else the titles of two words
    or more) and `alone` (the names that can stand alone)."""
    import ahocorasick_rs

    rows = []
    for r in (r for name in PERIOD_FILES for r in timex.read_tsv(DATA / name)):
        aliases = [a for a in (r.get("aliases") or "").split("|") if a]
        titles = [t for t in (r.get("titles") or "").split("|") if t]
        names = [n for n in (r.get("names") or "").split("|") if n]
        aliases += [f"{t} {n}" for t in titles for n in names]
        rows.append({
            "canonical": r["canonical"], "role": r["role"],
            "start": Date.fromisoformat(r["start"]) if r["start"] else Date.min,
            "end": Date.fromisoformat(r["end"]) if r["end"] else Date.max,
            "match": r["match"], "aliases": list(dict.fromkeys(aliases)),
            "source": r["source"],
            # events_of_record.tsv: a device's or software's announcement day (its edition)
            "announced": Date.fromisoformat(r["announced"]) if r.get("announced") else None,
            # sport_roles.tsv: the club's names, and the person's names long enough to stand alone;
            # other rows: their titles of two words or more and their full names (two words or more)
            "with": [w for w in (r.get("with") or "").split("|") if w] or [t for t in titles if " " in t],
            "alone": [n for n in names if len(n) >= 5] if r.get("with") else [n for n in names if " " in n],
            "office": not r.get("with"),
        })
    alias_to_rows: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for a in r["aliases"]:
            key = _alias_key(a)
            if i not in alias_to_rows.get(key, []):
                alias_to_rows.setdefault(key, []).append(i)
    # one Aho-Corasick pass over the folded text (fastre.fold: lower-case, same offsets) with its
    # runs of spaces and commas made one space finds every alias (aliases match with any
    # spacing/commas between words); a regex alternation of ten thousand aliases tries them
    # one by one at every position
    # ranks and honorifics between title and name ("Kapolri Jenderal Pol Tito Karnavian") read as
    # one space in the aliases as in the text (data/time/ranks.tsv)
    folded_to_rows: dict[str, list[int]] = {}
    for k, ids in alias_to_rows.items():
        bucket = folded_to_rows.setdefault(_norm_key(k), [])
        bucket.extend(i for i in ids if i not in bucket)
    # a person's name and a club's name anywhere in the text, for the rows that give clubs
    part_to_rows: dict[str, list[tuple[int, str]]] = {}
    for i, r in enumerate(rows):
        for kind, words in (("name", r["alone"]), ("with", r["with"])):
            for w in words:
                part_to_rows.setdefault(_norm_key(_alias_key(w)), []).append((i, kind))
    keys = sorted(set(folded_to_rows) | set(part_to_rows))
    return {"rows": rows, "alias_to_rows": folded_to_rows, "part_to_rows": part_to_rows, "keys": keys,
            "matcher": ahocorasick_rs.AhoCorasick(keys) if keys else None}


def _trie_alt(words: list[str]) -> str:
    """One regex alternation of words as a trie (a shared prefix is tried once, not once per
    word); a space inside a word matches any run of spaces and commas."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def rx(node: dict) -> str:
        alts = [(r"[\s,]+" if ch == " " else re.escape(ch)) + rx(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            return f"(?:{'|'.join(alts)})?" if alts else ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    return rx(trie)


@functools.lru_cache(maxsize=None)
def _sep_run(edges: bool = False) -> re.Pattern:
    """Runs of spaces and commas other than one plain space (those stay as they are), and any
    ranks or honorifics (data/time/ranks.tsv) between two words, in folded text; `edges`: also
    at the start and end (for aliases: "Kapolda Metro Jaya Irjen" + a name)."""
    words = sorted({" ".join(fastre.fold(r["word"]).split()) for r in timex.read_tsv(DATA / "ranks.tsv")})
    bare = f"(?:{_trie_alt(words)})"
    # (?=[\s,]): a whole word ("dr", not the start of "drama")
    alt = bare + r"\.?(?=[\s,])"
    # an abbreviation in brackets between title and name, "Menteri Keuangan (Menkeu) Sri Mulyani",
    # "Presiden Amerika Serikat (AS) Donald Trump", is read the same way
    # (only between two words: "X (Twitter)" keeps its brackets)
    mid = rf"(?<=\w)[\s,]+(?:(?:{alt}|\([^\s()\d]{{1,12}}\)(?=[\s,]))[\s,]+)+(?=\w)"
    ends = rf"|[\s,]+{bare}$|^(?:{alt}[\s,]+)+" if edges else ""
    return re.compile(mid + ends + r"| [\s,]+|[^\S ][\s,]*|,[\s,]*")


def _norm_key(alias_key: str) -> str:
    """A folded alias with its ranks and honorifics read as spaces, as alias_spans reads the text."""
    return _sep_run(True).sub(" ", fastre.fold(alias_key)).strip()


def alias_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded alias key) in text of every period alias, overlapping ones included,
    each between non-word characters (not a letter, digit, underscore or hyphen either side).

    Two readings of the text are scanned: runs of spaces and commas as one space, and the same
    with ranks, honorifics and bracketed abbreviations between two words read as a space too
    ("Kapolri Jenderal Pol. Tito Karnavian"); the first keeps a bracketed alias ("(HTS)")."""
    p = periods()
    if p["matcher"] is None or not text:
        return []
    folded = fastre.fold(text)
    out: set[tuple[int, int, str]] = set()
    for sep in (_SEP_PLAIN, _sep_run()):
        _scan(folded, sep, p, out)
    return sorted(out)


# runs of spaces and commas other than one plain space (those stay as they are)
_SEP_PLAIN = re.compile(r" [\s,]+|[^\S ][\s,]*|,[\s,]*")


def _scan(folded: str, sep: re.Pattern, p: dict, out: set) -> None:
    """Add to out the alias hits in folded text read with the separators sep as one space."""
    # the folded text with each separator as one space; seg_* map offsets back
    pieces, seg_norm, seg_orig, pos, n = [], [], [], 0, 0
    for m in sep.finditer(folded):
        pieces.append(folded[pos:m.start()])
        seg_norm.append(n)
        seg_orig.append(pos)
        n += m.start() - pos
        pieces.append(" ")
        seg_norm.append(n)
        seg_orig.append(m.start())
        n += 1
        pos = m.end()
    pieces.append(folded[pos:])
    seg_norm.append(n)
    seg_orig.append(pos)
    norm = "".join(pieces)

    def orig(i: int) -> int:
        k = bisect.bisect_right(seg_norm, i) - 1
        return seg_orig[k] + (i - seg_norm[k])

    keys = p["keys"]
    for k, a, b in p["matcher"].find_matches_as_indexes(norm, overlapping=True):
        if (a > 0 and (norm[a - 1].isalnum() or norm[a - 1] in "_-")) or \
                (b < len(norm) and (norm[b].isalnum() or norm[b] in "_-")):
            continue
        out.add((orig(a), orig(b - 1) + 1, keys[k]))


def _alias_key(s: str) -> str:
    # folded as an IGNORECASE match is: "İdul Fitri" matches "idul fitri", but lower() gives "i" + a
    # combining dot, a key no row has
    return re.sub(r"[\s,]+", " ", s.strip().casefold().replace("\u0307", ""))


# ---------------------------------------------------------------- metadata strings

_TIME_RX = re.compile(r"(?<!\d)(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?!\d)")


def parse_date_string(raw: Any) -> tuple[Date, str | None] | None:
    """A date (and 'HH:MM' if given) from a metadata string; None when it holds no date.

    Handles outlet strings ("Diperbarui 18 Jun 2025, 17:07 WIB", ", Jurnalis-Rabu, 18 Juni
    2025 |17:57 WIB", "Kompas.com- 18/06/2025, 14:05 WIB", "18 Juni 2025 | 10.22 WIB"),
    ISO 8601, RFC 822 (feeds, e-mail style headers) and WARC 14-digit stamps. Never raises.
    """
    if raw is None:
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        try:
            return dt.datetime.fromtimestamp(float(raw), _WIB).date(), None
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(raw, dt.datetime):
        return raw.date(), raw.strftime("%H:%M")
    if isinstance(raw, Date):
        return raw, None
    s = str(raw).replace("\xa0", " ").strip()
    if not s:
        return None
    try:
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?", s)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if m.group(4):
                stamp = dt.datetime(y, mo, d, int(m.group(4)), int(m.group(5)))
                tz = m.group(6)
                if tz:
                    off = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (int(tz[1:3]) * 60 + int(tz[-2:]))
                    stamp = (stamp - dt.timedelta(minutes=off)).replace(tzinfo=dt.timezone.utc).astimezone(_WIB)
                return stamp.date(), stamp.strftime("%H:%M")
            return Date(y, mo, d), None
        m = re.match(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$", s)  # WARC / URL stamps
        if m:
            return Date(int(m.group(1)), int(m.group(2)), int(m.group(3))), f"{m.group(4)}:{m.group(5)}"
        if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s) or re.search(r"[+-]\d{4}$|GMT$|UT$", s):
            try:
                stamp = email.utils.parsedate_to_datetime(s)
            except (TypeError, ValueError, IndexError):
                stamp = None
            if stamp is not None:
                if stamp.tzinfo is not None:
                    stamp = stamp.astimezone(_WIB)
                return stamp.date(), stamp.strftime("%H:%M")
        lex = timex.lexicon()
        for c in timex.find_mentions(s):
            if c["kind"] in ("dmy", "numdate", "wdate") and c.get("year"):
                d = timex.safe_date(c["year"], c["month"], c["day"])
                if d is None:
                    continue
                tm = _TIME_RX.search(s, c["end"])
                return d, (f"{int(tm.group(1)):02d}:{tm.group(2)}" if tm else None)
        del lex
    except (ValueError, OverflowError):
        return None
    return None


_URL_RXS = [
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})\d{6}-"),                 # cnnindonesia /20170710153855-120-
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-])"),  # /2016/08/08/ , /read/2017/07/10/
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),                       # /20160808/
]


def date_from_url(url: str | None) -> tuple[Date, str] | None:
    """A publication date written in a URL, with the piece it came from."""
    if not url:
        return None
    for rx in _URL_RXS:
        m = rx.search(url)
        if m:
            d = timex.safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d is not None:
                return d, m.group(0)
    return None


# ---------------------------------------------------------------- inference from text

def _window(between) -> tuple[Date, Date, bool]:
    if between:
        try:
            return Date.fromisoformat(str(between[0])[:10]), Date.fromisoformat(str(between[1])[:10]), True
        except (ValueError, TypeError, IndexError):
            pass
    lo, hi = settings()["default_window"]
    return Date.fromisoformat(lo), Date.fromisoformat(hi), False


_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s*|\n\s*)$")


def periods_mentioned(text: str, entities: list[dict] | None = None) -> list[dict[str, Any]]:
    """Period rows that apply: entity canonicals (match=entity) and alias hits in text."""
    p = periods()
    hits: dict[int, str] = {}
    canon = {e.get("canonical") for e in entities or [] if e.get("canonical")}
    if canon:
        for i, r in enumerate(p["rows"]):
            if r["match"] == "entity" and r["canonical"] in canon:
                hits.setdefault(i, r["canonical"])
    text = text or ""
    found = alias_spans(text)
    guard = period_guard()
    parts: dict[int, dict[str, list[tuple[int, int]]]] = {}  # row -> "name"/"with" -> spans
    for a, b, key in sorted(found):
        if guard.search(text, max(0, a - 25), a):
            continue  # "mantan Kapolri ...": a former holder bounds nothing
        for i in p["alias_to_rows"].get(key, []):
            hits.setdefault(i, text[a:b])
        if key in p["part_to_rows"] and text[a].isupper() and (" " in key or not _SENTENCE_START.search(text, 0, a)):
            # names are written with a capital ("Salah" the player, "salah" = wrong); a one-word
            # name opening a sentence may be any word
            for i, kind in p["part_to_rows"][key]:
                parts.setdefault(i, {}).setdefault(kind, []).append((a, b))
    out = []
    for i, said in hits.items():
        r = dict(p["rows"][i])
        r["said"] = said
        out.append(r)
    # "Mourinho" ... "Manchester United" in one article: he is written about as that club's
    # coach. Each person's clubs (or titles) named in the article form one group (he was at one of them).
    held = {p["rows"][i]["canonical"] for i in hits}
    near, after = settings()["name_with_club_chars"], settings()["name_after_title_chars"]
    for i, seen in parts.items():
        r = p["rows"][i]
        if len(seen) < 2 or r["canonical"] in held:
            continue
        # near each other: a star named in passing ("kalah jauh dari Cristiano Ronaldo") in an
        # article about another club says nothing of his own
        if r["office"]:
            # an office holder's full name shortly after the title ("Kepala Polri yang baru, yakni
            # Tito Karnavian"), where the alias needs them side by side
            close = [(n, w) for n in seen["name"] for w in seen["with"] if 0 < n[0] - w[1] <= after]
        else:
            close = [(n, w) for n in seen["name"] for w in seen["with"] if abs(n[0] - w[0]) <= near]
        if close:
            (na, nb), (wa, wb) = close[0]
            out.append(dict(r, said=f"{text[na:nb]} … {text[wa:wb]}", group=r["canonical"] + "|with"))
    return out


def named_year_loglik(pub_year: int, latest: int, strong: bool | str) -> float:
    """log P(pub_year | the latest year the text names is `latest`), over YEAR_SCORE_SCALE and
    relative to the likeliest gap (0 for the likeliest year, negative for the others), from
    settings.yaml `named_year_likelihood` (True: "strong", a year named with a month or day;
    False: "bare"; or a table's name, "edition": an event or product named with its year)."""
    table, kmax, log_top, decay, ahead = _named_year_table(strong)
    k = pub_year - latest
    if k in table:
        p = table[k]
    elif k > kmax:
        p = table[kmax] * decay ** (k - kmax)
    else:
        p = ahead
    return (math.log(p) - log_top) / YEAR_SCORE_SCALE


@functools.lru_cache(maxsize=4)
def _named_year_table(strong: bool | str) -> tuple[dict[int, float], int, float, float, float]:
    """settings.yaml `named_year_likelihood` read once: (gap -> P, largest gap, log of the likeliest P, decay, ahead)."""
    cfg = settings()["named_year_likelihood"]
    name = strong if isinstance(strong, str) else "strong" if strong else "bare"
    table = {int(k): float(v) for k, v in cfg[name].items()}
    return table, max(table), math.log(max(table.values())), float(cfg["decay"]), float(cfg["ahead"])


# A publication year outside the news span of a named event edition ("Asian Games 2018",
# data/time/event_years.tsv) loses as much as one outside an office holder's period.
EVENT_YEAR_WEIGHT = 0.5


@functools.lru_cache(maxsize=None)
def event_years() -> tuple[re.Pattern, dict[str, tuple[int, int, str]]]:
    """'<event> <year>' regex and the news span (years before, after) of each event word."""
    spans = {}
    for r in timex.read_tsv(DATA / "event_years.tsv"):
        spans[_alias_key(r["event"])] = (int(r["before"]), int(r["after"]), r["source"])
    alt = "|".join(r"[\s,]+".join(re.escape(w) for w in e.split(" "))
                   for e in sorted(spans, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w-])(?P<event>{alt})\s+(?:tahun\s+)?(?P<year>(?:19|20)\d\d)(?![\d\w])", re.IGNORECASE)
    return rx, spans


# A candidate year in which no weekday+date pair of the article falls in the season of a
# movable feast the article speaks of ("arus mudik", "Imlek") loses this much: enough to
# break a tie between years a pair fits (the feasts move 11 days a year against the
# weekdays' 5/6/11-year cycle), less than an office period.
FEAST_WEIGHT = 0.3


# "Piala Dunia U-20", "Piala Dunia Antarklub", "Asian Games Wanita": another event with other dates
_VARIANT_GUARD = r"(?!\s+(?:U-?\d|Antarklub|Antar\s+Klub|Wanita|Putri|Junior|Remaja|Pelajar))"


@functools.lru_cache(maxsize=None)
def feast_seasons() -> list[tuple[re.Pattern, str, int, int, list[Date], str]]:
    """(words regex, feast, days before, days after, the feast's dates, the file of the dates)
    per feast_words.tsv row."""
    dates: dict[str, list[Date]] = {}
    files: dict[str, str] = {}
    # lunar and church feasts, and tournaments held every two or four years
    for name in ("movable_feasts.tsv", "event_seasons.tsv"):
        for r in timex.read_tsv(DATA / name):
            dates.setdefault(r["feast"], []).append(Date.fromisoformat(r["date"]))
            files[r["feast"]] = name
    out = []
    for r in timex.read_tsv(DATA / "feast_words.tsv"):
        words = [w for w in r["words"].split("|") if w]
        alt = "|".join(r"\s+".join(re.escape(x) for x in w.split()) for w in sorted(words, key=len, reverse=True))
        out.append((re.compile(rf"(?<![\w-])(?:{alt})(?![\w-]){_VARIANT_GUARD}", re.IGNORECASE), r["feast"],
                    int(r["before"]), int(r["after"]), sorted(dates[r["feast"]]), files[r["feast"]]))
    return out


def feasts_mentioned(text: str) -> list[dict[str, Any]]:
    """Feast seasons the text speaks of: [{'said', 'feast', 'before', 'after', 'dates'}]."""
    out = []
    text = text or ""
    for rx, feast, before, after, dates, source in feast_seasons():
        m = rx.search(text) if fastre.gate(rx).may_match(text) else None
        if m:
            out.append({"said": m.group(0), "feast": feast, "before": before, "after": after,
                        "dates": dates, "source": source})
    return out


def in_season(day: Date, feast: dict) -> bool:
    return any(f - dt.timedelta(days=feast["before"]) <= day <= f + dt.timedelta(days=feast["after"])
               for f in feast["dates"])


# "Dies Natalis" (universities, parties); "HUT Kemerdekaan RI yang ke-72" ("yang" before the ordinal)
_ANNIV_WORDS = r"(?:HUT|Hari\s+Ulang\s+Tahun|ulang\s+tahun|Dirgahayu|Milad|Harlah|hari\s+jadi|Hari\s+Lahir|Dies\s+Natalis|peringatan|Hari)"
_NTH = r"(?:yang\s+)?ke[-\s]?(?P<n>\d{1,4})"


@functools.lru_cache(maxsize=None)
def anniversaries() -> tuple[re.Pattern, dict[str, tuple[Date, int, int, str]]]:
    """Regex for "HUT ke-72 RI" / "HUT RI ke-72" and the founding day etc. of each name."""
    info = {}
    for r in timex.read_tsv(DATA / "anniversaries.tsv"):
        row = (Date.fromisoformat(r["founded"]), int(r["before"]), int(r["after"]), r["source"])
        for n in r["names"].split("|"):
            if n:
                info[_alias_key(n)] = row
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split(" ")) for n in sorted(info, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w-]){_ANNIV_WORDS}\s+(?:{_NTH}\s+(?P<a>{alt})|(?P<b>{alt})\s+{_NTH.replace('<n>', '<n2>')})(?![\w-])",
                    re.IGNORECASE)
    return rx, info


def named_anniversaries(text: str) -> list[dict[str, Any]]:
    """Numbered anniversaries in the text: [{'said', 'day', 'first', 'last', 'source'}]: the
    anniversary's day and the days news of it is written (before..after it)."""
    rx, info = anniversaries()
    out = []
    for m in rx.finditer(text or ""):
        name = _alias_key(m.group("a") or m.group("b"))
        if name not in info:
            continue
        founded, before, after, source = info[name]
        n = int(m.group("n") or m.group("n2"))
        day = timex.safe_date(founded.year + n, founded.month, min(founded.day, 28) if founded.month == 2 else founded.day)
        if day is None or not 1 <= n <= 1000:
            continue
        out.append({"said": m.group(0), "day": day, "first": day - dt.timedelta(days=before),
                    "last": day + dt.timedelta(days=after), "source": source})
    return out


_AGE_AFTER = re.compile(r"\(\s*(\d{1,3})(?:\s*(?:tahun|thn|th))?\s*\)")


@functools.lru_cache(maxsize=None)
def births() -> dict[str, tuple[str, Date, str]]:
    """Folded name -> (first name listed, birth day, source) from data/time/births.tsv."""
    out = {}
    for r in timex.read_tsv(DATA / "births.tsv"):
        names = [n for n in r["names"].split("|") if n]
        for n in names:
            out[fastre.fold(_alias_key(n))] = (names[0], Date.fromisoformat(r["born"]), r["source"])
    return out


def stated_ages(text: str) -> list[dict[str, Any]]:
    """People of births.tsv written with their age ("Raffi Ahmad (30)"): [{'said', 'name', 'age',
    'first', 'last', 'source'}], first..last = the days on which they are that age."""
    known = births()
    out = []
    for m in _AGE_AFTER.finditer(text or ""):
        words = re.findall(r"[^\s,()]+", text[max(0, m.start() - 60):m.start()])
        if not words or not text[:m.start()].endswith((" ", words[-1])):
            continue
        for k in range(min(4, len(words)), 0, -1):
            key = fastre.fold(" ".join(words[-k:]).lower())
            if key in known:
                name, born, source = known[key]
                age = int(m.group(1))
                first = timex.safe_date(born.year + age, born.month, born.day) or Date(born.year + age, 3, 1)
                last = (timex.safe_date(born.year + age + 1, born.month, born.day)
                        or Date(born.year + age + 1, 3, 1)) - dt.timedelta(days=1)
                out.append({"said": " ".join(words[-k:]) + " " + m.group(0), "name": name, "age": age,
                            "first": first, "last": last, "source": source})
                break
    return out


# A year the text relates to the publication ("tahun lalu (2016)") fixes it: another year loses
# this much. A year said to be over ("2016 lalu") or to come ("2019 mendatang") bounds it:
# a year on the wrong side loses YEAR_BOUND_WEIGHT.
YEAR_RELATIVE_WEIGHT = 0.5
YEAR_BOUND_WEIGHT = 0.3
_YEAR = r"(?P<y>(?:19|20)\d\d)"


@functools.lru_cache(maxsize=None)
def year_relations() -> dict[str, Any]:
    """Regexes for the three kinds of year_relations.tsv with the offset of each relative word."""
    rows = timex.read_tsv(DATA / "year_relations.tsv")

    def alt(kind):
        words = sorted((r["word"] for r in rows if r["kind"] == kind), key=len, reverse=True)
        return "|".join(r"\s+".join(re.escape(x) for x in w.split()) for w in words)
    offsets = {_alias_key(r["word"]): int(r["offset"]) for r in rows if r["kind"] == "relative"}
    rel = alt("relative")
    month = timex.lexicon()["months"]
    words = {kind: [r["word"] for r in rows if r["kind"] == kind] for kind in ("relative", "season", "budget")}
    return {
        "offsets": offsets,
        # where a match of each pattern below can begin: a word of its kind, or (all but "budget")
        # a year's first digit (speed only: the patterns are tried there, fastre.finditer_at)
        "starts": fastre.StartIndex(words, digits=("relative", "season", "past", "future")),
        # "tahun lalu (2016)", "tahun ini, yakni 2017" / "2016 atau tahun lalu"
        "relative": re.compile(rf"(?<![\w-])(?P<w>{rel})\s*[,(]?\s*(?:(?:yakni|yaitu|atau)\s+)?(?:tahun\s+)?{_YEAR}(?![\w/-])"
                               rf"|(?<![\w/.-]){_YEAR.replace('<y>', '<y2>')}\s*[,)]?\s*(?:atau|yakni|yaitu)\s+(?P<w2>{rel})(?![\w-])",
                               re.IGNORECASE),
        "past": re.compile(rf"(?<![\w/.-]){_YEAR}\s+(?:{alt('past')})(?![\w-])", re.IGNORECASE),
        "future": re.compile(rf"(?<![\w/.-]){_YEAR}\s+(?:{alt('future')})(?![\w-])", re.IGNORECASE),
        # "musim 2017/2018", "2017/18": the two years of a season (the second one year later);
        # with a hyphen only after a season word ("musim 2016-17"; a bare "2016-2017" is a range)
        "season": re.compile(rf"(?<![\w/.-])(?:(?:{alt('season')})\s+)?{_YEAR}\s*/\s*(?P<y2>(?:19|20)?\d\d)(?![\w/-])"
                             rf"|(?<![\w/.-])(?:{alt('season')})\s+{_YEAR.replace('<y>', '<y3>')}\s*[-–]\s*"
                             rf"(?P<y4>(?:19|20)?\d\d)(?![\w/-])",
                             re.IGNORECASE),
        # "di tahun 2017 ini", "Beranjak ke tahun 2017 ini": the written year is this year (not after
        # "sejak", "kelahiran": "sejak tahun 2015 ini" counts from it)
        "this_year": re.compile(rf"(?<![\w-])tahun\s+{_YEAR}\s+ini(?![\w-])", re.IGNORECASE),
        "not_this_year": re.compile(rf"\b(?:{alt('not_this_year')})\s*$", re.IGNORECASE),
        # "tahun anggaran 2018" in any case; the abbreviation "TA 2018" in capitals only
        "budget": re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(r["word"]) if r["word"].isupper() else "(?i:" + r"\s+".join(map(re.escape, r["word"].split())) + ")"
            for r in rows if r["kind"] == "budget") + rf")\s+{_YEAR}(?![\w/-])"),
        "month_before": re.compile(r"(?:" + "|".join(re.escape(m) for m in sorted(month, key=len, reverse=True))
                                   + r")\s*$", re.IGNORECASE),
    }




def related_years(text: str) -> list[dict[str, Any]]:
    """Years the text relates to the publication: [{'said', 'kind': 'is'|'after'|'before', 'year'}]
    ('is': the publication year; 'after': it is later than year; 'before': earlier)."""
    rx = year_relations()
    text = text or ""
    out = []

    starts = rx["starts"].candidates(text)

    def scan(key):  # each pattern tried only where a match can begin
        return fastre.finditer_at(rx[key], text, None if starts is None else starts[key])

    for m in scan("relative"):
        w = _alias_key(m.group("w") or m.group("w2"))
        if w not in rx["offsets"]:
            continue
        out.append({"said": m.group(0), "kind": "is", "year": int(m.group("y") or m.group("y2")) - rx["offsets"][w]})
    for m in rx["this_year"].finditer(text):
        if not rx["not_this_year"].search(text[max(0, m.start() - 12):m.start()]):
            out.append({"said": m.group(0), "kind": "is", "year": int(m.group("y"))})
    for m in scan("season"):
        y1, y2 = int(m.group("y") or m.group("y3")), m.group("y2") or m.group("y4")
        y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        if y2 == y1 + 1:  # "Nomor 12/2017" and the like are not seasons
            out.append({"said": m.group(0), "kind": "within", "year": y1, "last": y2})
    for m in scan("budget"):
        y = int(m.group("y"))
        out.append({"said": m.group(0), "kind": "within", "year": y - 1, "last": y + 1})
    for kind, name in (("past", "after"), ("future", "before")):
        for m in scan(kind):
            if rx["month_before"].search(text[max(0, m.start() - 12):m.start()]):
                continue  # "Juni 2017 lalu" may be this year
            out.append({"said": m.group(0), "kind": name, "year": int(m.group("y"))})
    return out


# "Piala AFF U-18 2017", "MotoGP 2017", "Golden Globes 2018", "GIIAS 2017": a year right after a
# name (a capitalised word, an acronym, "U-18") names an edition of an event or a model year. The
# time stage does not read these as dates (no preposition or "tahun" before them).
_EDITION = re.compile(r"(?<![\w.,/-])(?P<name>(?:[A-Z][\w'&.-]*|U-?\d{2}))[ \t]+(?P<y>(?:19|20)\d\d)(?![\w/-]|[.,]\d)")


@functools.lru_cache(maxsize=1)
def _not_edition() -> frozenset[str]:
    """Words before a year that make it a count, a code, a law or a dated phrase, not an edition
    ("Nomor 2017", "Pasal 2010", "Sejak 2015"): year_relations.tsv kind not_edition, as written."""
    return frozenset(r["word"] for r in timex.read_tsv(DATA / "year_relations.tsv") if r["kind"] == "not_edition")


def edition_years(text: str, mentions: list[dict]) -> list[dict[str, Any]]:
    """Years written right after a name ("Piala AFF U-18 2017"), not already a dated mention and
    not announced (a future word around them): [{'said', 'year', 'start'}]."""
    taken = [(c["start"], c["end"]) for c in mentions if c.get("year")]
    out = []
    for m in _EDITION.finditer(text or ""):
        if m.group("name") in _not_edition() or timex.lexicon()["months"].get(m.group("name").lower()):
            continue
        a = m.start("y")
        if any(s <= a < e for s, e in taken):
            continue
        c = {"start": a, "end": m.end("y"), "year": int(m.group("y"))}
        if is_future(text, c):
            continue
        out.append({"said": m.group(0), "year": c["year"], "start": a})
    return out


@functools.lru_cache(maxsize=1)
def _event_starts() -> fastre.StartIndex:
    """The first words of the event names of event_years(): a match of its pattern begins with one."""
    return fastre.StartIndex({"event": list(event_years()[1])})


def named_events(text: str) -> list[dict[str, Any]]:
    """Event editions named with their year: [{'said', 'year', 'first', 'last', 'source'}],
    first..last = the publication years in which news of that edition is written."""
    rx, spans = event_years()
    out = []
    text = text or ""
    starts = _event_starts().candidates(text)  # where an event's name may begin
    for m in fastre.finditer_at(rx, text, None if starts is None else starts["event"]):
        known = spans.get(_alias_key(m.group("event")))
        if known is None:  # a spelling the pattern matches and no row names: nothing known of it
            continue
        before, after, source = known
        y = int(m.group("year"))
        out.append({"said": m.group(0), "year": y, "first": y - before, "last": y + after,
                    "source": source})
    return out

# A date that ends a range: "hingga Minggu (27/8)", "sampai Minggu (3/12/2017)", "3 - Sabtu (5/8)".
_RANGE_END = re.compile(r"(?:\b(?:hingga|sampai|s\.?d\.?|s/d)|[-–])\s*$", re.IGNORECASE)


# A bare weekday ending a dateline: "di Jakarta, Senin." / "dalam siaran persnya, Senin, ..."
_DATELINE_BEFORE = re.compile(r"(?:,|\bdi\s+(?:[A-Z][\w.-]*\s*){1,3})\s*$")
_DATELINE_AFTER = re.compile(r"\s*[.,]")


# Year likelihoods from the year scores: p(y) proportional to exp(YEAR_SCORE_SCALE * score),
# so one office period excluding a year (-0.5) makes it about e^-1.5 times as likely.
# A year is stated (precision "year") only when its score leads by YEAR_DECIDE_MARGIN (a likelihood
# ratio of e^0.6 = 1.8): more than a bare named year alone (1.5, named_year_likelihood), so a month
# and year or an edition may state it, a bare year needs a period, event or bound to agree. On IndoSum
# articles outside the scored folds, years stated with a lead of 0.2-0.3 are right as often (16 of 26)
# as those stated with more (0.65 of the articles without a weekday+date pair).
YEAR_SCORE_SCALE = 3.0
YEAR_DECIDE_MARGIN = 0.2


# A candidate year outside an actor's or office's period loses this much (a period named in
# passing, or one the data dates wrongly, is soft evidence).
PERIOD_WEIGHT = 0.5
# A weekday+date pair is news of a day within this of a period of the people named in it (the
# lag model's range: the pair may be days to weeks before the publication)
_PERIOD_SLACK = dt.timedelta(days=60)


def _holds(row: dict, day: Date) -> bool:
    """Whether a period row holds the day, give or take _PERIOD_SLACK (open ends hold all)."""
    return ((row["start"] == Date.min or (day - row["start"]).days >= -_PERIOD_SLACK.days)
            and (row["end"] == Date.max or (day - row["end"]).days <= _PERIOD_SLACK.days))


def _year_shares(group: list[dict], years: list[int]) -> dict[int, float]:
    """Days of each year covered by the union of the group's periods, over the best-covered year's."""
    days = {}
    for y in years:
        lo_y, hi_y = Date(y, 1, 1), Date(y, 12, 31)
        spans = sorted((max(r["start"], lo_y), min(r["end"], hi_y)) for r in group
                       if r["start"] <= hi_y and lo_y <= r["end"])
        n, reach = 0, None
        for a, b in spans:
            if reach is not None and a <= reach:
                if b > reach:
                    n += (b - reach).days
                    reach = b
            else:
                n += (b - a).days + 1
                reach = b
        days[y] = n
    best = max(days.values(), default=0)
    return {y: n / best for y, n in days.items()} if best else {}


def _daymonth_year_leads(scores: dict[int, float], top: list[int], latest: int | None,
                         strong: bool) -> bool:
    """Whether one year leads the year scores when the recency likelihood of the latest year
    named (`latest`, counted in the scores) is left out between years that both lie in its
    decaying tail: a year named long before ("dibangun pada 1990") lowers each later year by
    the same factor, so it favours the earliest year of any window, which says nothing about
    the year of a day and month written without one."""
    if len(top) != 1:
        return False
    y0 = top[0]
    kmax = _named_year_table(strong)[1]
    for y, s in scores.items():
        if y == y0:
            continue
        lead = scores[y0] - s
        if latest is not None and y0 - latest > kmax and y - latest > kmax:
            lead -= named_year_loglik(y0, latest, strong) - named_year_loglik(y, latest, strong)
        if lead <= 1e-9:
            return False
    return True


def year_likelihoods(scores: dict[int, float], top: int = 5) -> list[dict[str, Any]]:
    """The `top` likeliest publication years: [{'year', 'p'}], p normalised over all years."""
    if not scores:
        return []
    best = max(scores.values())
    w = {y: math.exp(YEAR_SCORE_SCALE * (s - best)) for y, s in scores.items()}
    z = sum(w.values())
    ranked = sorted(w, key=lambda y: (-w[y], y))[:top]
    return [{"year": y, "p": round(w[y] / z, 3)} for y in ranked]


def _fmt_years(years) -> str:
    return ", ".join(str(y) for y in sorted(years))


def _period_text(rows: list[dict]) -> str:
    r = rows[0]
    spans = []
    for x in rows:
        a = "" if x["start"] == Date.min else str(x["start"].year)
        b = "" if x["end"] == Date.max else str(x["end"].year)
        spans.append(f"{a}–{b}" if a != b else a)
    return f"{r['canonical']} ({r['role']}) {' and '.join(spans)}"


# "Rabu waktu setempat (10/5)", "Minggu malam waktu setempat (13/11/2016)", "Jumat waktu Amerika
# Serikat (21/10)", "Senin malam (3/10)": foreign news puts the time zone, and news of an evening the
# part of day, between the weekday and its day/month, so the time stage reads no weekday+date pair
# there (a bare "(10/5)" is no date of its own); read as a pair here.
@functools.lru_cache(maxsize=None)
def _zoned_pair() -> re.Pattern:
    """A weekday and a (d/m) with a word that announces the day (future_cues.tsv `between`: "Jumat
    besok (28/9)"), a part of day (data/time/parts_of_day.tsv: "Senin malam (3/10)"), a time zone
    ("Rabu waktu setempat (10/5)") or several of them between them; or both inside one bracket
    ("(Selasa, 17/10)"); or the date mistyped ("Rabu (24/052017)")."""
    def alt(words):
        words = {" ".join(w.split()) for w in words}
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    pods = alt(r["name"] for r in timex.read_tsv(DATA / "parts_of_day.tsv"))
    ahead = alt(r["cue"] for r in timex.read_tsv(DATA / "future_cues.tsv") if r["role"] == "between")
    # or the date mistyped: a doubled slash or a year of 1, 3 or 5 digits ("Rabu (24/052017)", "Senin
    # (16//6/2025)", "Kamis (19/6/205)"); the time stage reads no date there, the weekday and the day
    # and month still pair (a year of 2 or 4 digits is kept, others are dropped)
    dm = (r"(?P<d>\d{1,2})\s*(?:/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\s*\)"
          r"|/\s*/?\s*(?P<mx>\d{1,2})\s*/{0,2}\s*(?P<yx>\d{1,5})(?!\d)\s*\)?)")
    return re.compile(
        rf"(?<![\w-])(?P<wd>[A-Za-z'’]+)(?P<ahead>\s+(?i:{ahead}))?(?P<pod>\s+(?i:{pods}))?(?P<zone>\s*,?\s+waktu\s+"
        rf"(?:setempat|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){{0,2}}))?\s*,?\s*\(\s*{dm}"
        rf"|\(\s*(?P<wd2>[A-Za-z'’]+)\s*,\s*{dm.replace('?P<', '?P<b_')}")


def zoned_pairs(text: str, mentions: list[dict]) -> list[dict]:
    """Weekday+date pairs written with a word that announces the day, a part of day or a time zone
    between their parts ("Jumat besok (28/9)", "Senin malam (3/10)", "Rabu waktu setempat (10/5)"),
    or inside one bracket ("(Selasa, 17/10)"), that the time stage's mentions do not already hold as
    pairs: mention-like dicts (announced ones with "future")."""
    weekdays = timex.lexicon()["weekdays"]
    have = [(c["start"], c["end"]) for c in mentions if c.get("weekday") and c["kind"] in ("wdate", "dmy")]
    out = []
    for m in _zoned_pair().finditer(text or ""):
        inside = m.group("wd2") is not None
        g = (lambda k: m.group("b_" + k)) if inside else m.group
        wd = weekdays.get((m.group("wd2") if inside else m.group("wd")).lower())
        mistyped = g("m") is None
        if wd is None or not (inside or mistyped or m.group("ahead") or m.group("pod") or m.group("zone")):
            continue
        if any(a < m.end() and m.start() < b for a, b in have):
            continue
        y, month = g("y"), g("m")
        if mistyped:   # a doubled slash or a year of the wrong length
            y, month = g("yx"), g("mx")
            y = y if len(y) in (2, 4) and (len(y) == 2 or y[:2] in ("19", "20")) else None
        year = None if y is None else int(y) + (2000 if len(y) == 2 else 0)
        day, month = int(g("d")), int(month)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        out.append({"kind": "wdate", "start": m.start(), "end": m.end(), "weekday": wd, "day": day,
                    "month": month, "year": year, "rel": None, "future": not inside and bool(m.group("ahead"))})
    return out


# a date copied onto the day before (_copied_dates): the later weekday right in 6 of 6, odds of about
# 7 to 1 (add-one) over the other pair's day slip
COPIED_ODDS = 7.0


def _copied_dates(text: str, pairs: list[dict]) -> list[dict]:
    """Pairs with a day and month that another, reported pair writes with the next weekday ("Selasa
    (10/5) pagi kemarin" beside "kata X, Rabu (10/5)"), marked "copied" with that weekday: the
    reporting day's date may be copied onto the event of the day before (Selasa 9/5). One of the two
    is wrong, and the later weekday held the date in all 6 such articles of IndoSum dev.04/05 (outside
    the scored folds), where the two typo readings tied. A later pair announced ("Jumat besok (28/9)"
    beside "Kamis (28/9)") is the one copied onto, so it marks nothing."""
    out = []
    for c in pairs:
        later = next((o for o in pairs if o is not c and o["day"] == c["day"] and o["month"] == c["month"]
                      and o.get("year") == c.get("year") and o["weekday"] == c["weekday"] % 7 + 1
                      and not (o.get("future") or is_future(text, o))), None)
        out.append(dict(c, copied=later["weekday"]) if later and c["day"] > 1 else c)
    return out


def infer_publication(text: str, between=None, entities: list[dict] | None = None,
                      mentions: list[dict] | None = None, lags: dict | None = None,
                      keep_cues: bool = False) -> dict[str, Any]:
    """Publication date inferred from the text alone: the contract's `published` dict plus
    `candidates` (ISO dates when several years remain) and `conflicts` (typo-like pairs).

    `lags`: a lag model from `build_lag_model` instead of the shipped one (cross-validation);
    `keep_cues`: also return the day cues used ("cues": [{"kind", "date"|"weekday"}])."""
    lo, hi, given = _window(between)
    if mentions is None:
        mentions = timex.find_mentions(text or "")
    basis: list[str] = []

    # weekday+date pairs ("Senin (27/3)", "Kamis (20/4/2017)") are the reporting-day
    # convention of Indonesian news; full dates without a weekday are often schedules.
    pairs = [c for c in mentions if c["kind"] in ("wdate", "dmy") and c.get("weekday")]
    zoned = zoned_pairs(text or "", mentions)
    if zoned:
        # the pair's own date mention ("13/11/2016" inside it) is not a second, undated cue
        inside = lambda c: any(z["start"] <= c["start"] and c["end"] <= z["end"] for z in zoned)  # noqa: E731
        mentions = [c for c in mentions if not inside(c)] + zoned
        pairs = sorted(pairs + zoned, key=lambda c: c["start"])
    pairs = _copied_dates(text or "", pairs)
    dated = [c for c in mentions if c["kind"] in ("dmy", "numdate") and c.get("year")
             and not c.get("weekday")]
    # a day and month with neither weekday nor year ("pada 12 Juli lalu"): a day cue only once
    # the year is known from elsewhere (it fits every year)
    daymonths = [c for c in mentions if c["kind"] == "dmy" and not c.get("year") and not c.get("weekday")
                 and c.get("day") and c.get("month") and not c.get("every")]
    text_ = text or ""
    datelines = [c for c in mentions if c["kind"] == "weekday" and not c.get("every") and not c.get("rel")
                 and not text_[c["start"]:c["end"]].lower().startswith("hari")
                 and _DATELINE_BEFORE.search(text_[max(0, c["start"] - 40):c["start"]])
                 and _DATELINE_AFTER.match(text_, c["end"])]
    # the years the text names as past or present (not announced), for the recency likelihood:
    # the latest one, and whether it is written with a month or a day ("Juli 2017")
    def _weekday_fits_year(c) -> bool:
        d = timex.safe_date(c["year"], c["month"], c["day"])
        return d is not None and d.isoweekday() == c["weekday"]

    named = [c for c in mentions if c.get("year") and not c.get("future")
             and c["kind"] in ("year", "quarter", "month", "dmy", "numdate", "wdate")
             # a weekday+date pair's written year counts only where the weekday fits it
             # (otherwise the year is likely a slip, scored by the pair)
             and (not c.get("weekday") or _weekday_fits_year(c))
             and not is_future(text_, c)]
    past_years = [c["year"] for c in named]
    # a month or day announced in a year ("akan digelar pada Desember 2017", "dijadwalkan 3 Maret
    # 2018"): plans are written in that year or the one before; the nearest such year bounds best
    announced = [c for c in mentions if c.get("year") and c["kind"] in ("quarter", "month", "dmy", "numdate", "wdate")
                 and (not c.get("weekday") or _weekday_fits_year(c))
                 and (c.get("future") or is_future(text_, c))]
    first_announced = min((c["year"] for c in announced), default=None)
    # a year alone announced ("akan rampung pada 2019"): the publication is not later than it
    announced_bare = min((c["year"] for c in mentions if c.get("year") and c["kind"] == "year"
                          and (c.get("future") or is_future(text_, c))), default=None)
    latest_year = max(past_years, default=None)
    latest_strong = any(c["year"] == latest_year and c["kind"] != "year" for c in named)
    editions = edition_years(text_, mentions)
    latest_edition = max((e["year"] for e in editions), default=None)
    events = named_events(text_)
    relations = related_years(text_)
    annivs = named_anniversaries(text_) + [dict(a, day=None) for a in stated_ages(text_)]
    feasts = feasts_mentioned(text_) if pairs else []
    since_years = [c["year"] for c in mentions if c["kind"] in ("year", "month") and c.get("since") and c.get("year")]

    # candidate publication years: the window, widened by a year before for Dec/Jan mentions
    years = list(range(lo.year, hi.year + 1))
    rows = periods_mentioned(text, entities)
    # a device or software model named ("Galaxy S8", "iOS 11") is an edition of its announcement
    # year: the latest edition named may be a model's
    models = [r for r in rows if r.get("announced")]
    latest_model = max(models, key=lambda r: r["announced"], default=None)
    if latest_model is not None and (latest_edition is None or latest_model["announced"].year > latest_edition):
        latest_edition = latest_model["announced"].year
        editions = editions + [{"said": latest_model["said"], "year": latest_edition,
                                "start": None, "announced": latest_model["announced"]}]
    by_canon: dict[str, list[dict]] = {}
    for r in rows:
        by_canon.setdefault(r.get("group") or r["canonical"] + "|" + r["role"].split(" (")[0], []).append(r)

    def fits(c, y) -> bool:
        if c.get("year") and c["year"] != y:
            return False
        d = timex.safe_date(y, c["month"], c["day"])
        return d is not None and d.isoweekday() == c["weekday"]

    def pair_date(c, y) -> tuple[Date, str | None] | None:
        """The date of pair c in an article published in year y, and a typo note when
        only a one-step repair (month±1, day±1, written year±1) makes the weekday fit."""
        for yy in (y, y - 1 if c["month"] == 12 else None, y + 1 if c["month"] == 1 else None):
            if yy is not None and fits(c, yy):
                return Date(yy, c["month"], c["day"]), None
        if c.get("copied"):
            # the date copied from the next day's pair (_copied_dates): the day before, a repair
            # scored above the other pair's day slip by the odds COPIED_ODDS
            for yy in (y, y - 1 if c["month"] == 12 else None):
                if yy is not None and fits(dict(c, day=c["day"] - 1), yy):
                    return (Date(yy, c["month"], c["day"] - 1),
                            f"the same date is written with {_WEEKDAY_NAMES[c['copied'] - 1]} (copied): the "
                            f"weekday fits the day before, {yy}-{c['month']:02d}-{c['day'] - 1:02d}")
        for yy in (y, y - 1 if c["month"] == 12 else None):
            if yy is not None and c.get("year") and abs(c["year"] - yy) == 1 and fits(dict(c, year=None), yy):
                # "Sabtu (1/7/2018)" in 2017, where 1/7/2017 is a Saturday: the written year
                # slipped (scored below a day or month slip in the written year, see below)
                return (Date(yy, c["month"], c["day"]),
                        f"the weekday fits {yy}-{c['month']:02d}-{c['day']:02d} (year {yy}), not year {c['year']}")
        years_ok = [y] + ([y - 1] if c["month"] == 12 else [])
        if c.get("year"):
            years_ok = [yy for yy in years_ok if yy == c["year"]]
        for yy in years_ok:
            for dm, dd in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                mo = c["month"] + dm
                d = timex.safe_date(yy, mo, c["day"] + dd) if 1 <= mo <= 12 else None
                if d and d.isoweekday() == c["weekday"]:
                    what = f"month {mo}" if dm else f"day {d.day}"
                    return d, f"the weekday fits {d.isoformat()} ({what}), not {c['day']}/{c['month']}"
        if c.get("year") and abs(c["year"] - y) == 1:
            d = timex.safe_date(y, c["month"], c["day"])
            if d and d.isoweekday() == c["weekday"]:
                return d, f"the weekday fits {d.isoformat()} (year {y}), not year {c['year']}"
        return None

    period_share = {key: _year_shares(group, years) for key, group in by_canon.items()}
    scores: dict[int, float] = {}
    for y in years:
        s = 0.0
        for c in pairs:
            pd = pair_date(c, y)
            if pd is None:
                continue
            if pd[1] is not None:
                # only a typo repair makes it fit (IndoSum dev: month slips are the commonest). A
                # written year is seldom the slip: "Selasa (18/6/2025)" is a Wednesday slipped a day
                # far more often than a 2024 date with its year mistyped (indonews-2025: 21 such
                # pairs, the written year right in all), so a year slip scores below a day slip
                s += 0.2 if "(year" in pd[1] else 0.3 if "(month" in pd[1] else 0.25 if "(day" in pd[1] else \
                    0.25 + math.log(COPIED_ODDS) / YEAR_SCORE_SCALE if "(copied" in pd[1] else 0.2
            elif pd[0].year == y:
                s += 1.0
            else:
                s += 0.9          # late December in a January article (or the reverse)
        # full dates without a weekday count through the latest-named-year likelihood below
        # (a bonus of their own as well counted them twice: a past full date outweighed a
        # weekday+date pair that fits exactly)
        # periods: a candidate year outside an actor's/office's period loses half a point. With
        # no weekday+date pair to place the day, news of a period is spread over it: a year it
        # covers in part is as likely as its share of the period's days in the best-covered year
        # ("pelatih Southampton Mauricio Pellegrino", June 2017 to March 2018: 2017 over 2018)
        pair_days = [pd[0] for pd in (pair_date(c, y) for c in pairs) if pd is not None] if pairs else []
        for key, group in by_canon.items():
            if pair_days:
                # the pairs place the day: the period must hold it (give or take the lag range)
                ok = any(_holds(r, d) for r in group for d in pair_days)
                s += 0.0 if ok else -PERIOD_WEIGHT
            elif pairs:
                ok = any(r["start"] <= Date(y, 12, 31) and Date(y, 1, 1) <= r["end"] for r in group)
                s += 0.0 if ok else -PERIOD_WEIGHT
            else:
                share = period_share[key].get(y, 0.0)
                s += max(-PERIOD_WEIGHT, math.log(share) / YEAR_SCORE_SCALE) if share > 0 else -PERIOD_WEIGHT
        for sy in since_years:
            if y < sy:
                s -= 0.5
        if latest_year is not None and (latest_edition is None or latest_edition <= latest_year):
            # news names the recent past: the latest year named is usually the publication
            # year or shortly before it. An edition named later ("Idul Fitri 2017" beside "pada
            # 1995") is the latest year named, and its own term scores it: the older year is history
            s += named_year_loglik(y, latest_year, latest_strong)
        if first_announced is not None:
            s += named_year_loglik(y, first_announced, "announced")
        if announced_bare is not None and y > announced_bare:
            s -= YEAR_BOUND_WEIGHT
        if latest_edition is not None:
            # the latest edition named ("MotoGP 2017"): this year's, next year's or last year's
            s += named_year_loglik(y, latest_edition, "edition")
        for ev in events:
            if not ev["first"] <= y <= ev["last"]:
                s -= EVENT_YEAR_WEIGHT
        for an in annivs:
            if not an["first"].year <= y <= an["last"].year:
                s -= EVENT_YEAR_WEIGHT
        for ry in relations:
            if ry["kind"] == "is" and y != ry["year"]:
                s -= YEAR_RELATIVE_WEIGHT
            elif ry["kind"] == "within" and not ry["year"] <= y <= ry["last"]:
                s -= YEAR_BOUND_WEIGHT
            elif (ry["kind"] == "after" and y <= ry["year"]) or (ry["kind"] == "before" and y >= ry["year"]):
                s -= YEAR_BOUND_WEIGHT
        if feasts:
            days_y = [pd[0] for pd in (pair_date(c, y) for c in pairs) if pd is not None]
            for fe in feasts:
                if days_y and not any(in_season(d, fe) for d in days_y):
                    s -= FEAST_WEIGHT
        scores[y] = s

    fitting_by_pair = {}
    for c in pairs:
        fy = [y for y in years if fits(c, y)]
        fitting_by_pair[(c["weekday"], c["day"], c["month"])] = fy
    if pairs:
        first = pairs[0]
        said = (text or "")[first["start"]:first["end"]]
        fy = fitting_by_pair[(first["weekday"], first["day"], first["month"])]
        more = f" (+{len(fitting_by_pair) - 1} more pair(s))" if len(fitting_by_pair) > 1 else ""
        basis.append(f"weekday '{said}'{more} fits {_fmt_years(fy) if fy else 'no year'} in "
                     f"{lo.year}–{hi.year}{'' if given else ' (default window)'}")
    for key, group in by_canon.items():
        basis.append(f"'{group[0]['said']}': {_period_text(group)} [{group[0]['source']}]")
    if since_years:
        basis.append(f"text says 'sejak {max(since_years)}': published after it")
    for ev in events:
        basis.append(f"'{ev['said']}': news of it is written in {ev['first']}–{ev['last']} [{ev['source']}]")
    for ry in relations:
        what = {"is": "published in", "after": "published after", "before": "published before",
                "within": "published within"}[ry["kind"]]
        span = f"{ry['year']}–{ry['last']}" if ry["kind"] == "within" else ry["year"]
        basis.append(f"'{ry['said']}': {what} {span} [year_relations.tsv]")
    for an in annivs:
        what = (f"that anniversary is {an['day'].isoformat()}, news of it" if an["day"]
                else f"{an['name']} is {an['age']}")
        basis.append(f"'{an['said']}': {what} {an['first'].isoformat()}..{an['last'].isoformat()} "
                     f"[{an['source']}]")
    for fe in feasts:
        basis.append(f"'{fe['said']}': the weekday+date pairs should fall in the {fe['feast']} season "
                     f"({fe['before']} days before to {fe['after']} after) [{fe['source']}]")
    if latest_edition is not None:
        ed = next(e for e in reversed(editions) if e["year"] == latest_edition)
        what = f" (announced {ed['announced'].isoformat()})" if ed.get("announced") else ""
        basis.append(f"latest edition named '{ed['said']}'{what}: the publication is likeliest within a year "
                     f"of {latest_edition}")
    if first_announced is not None:
        c0 = next(c for c in announced if c["year"] == first_announced)
        basis.append(f"'{text_[c0['start']:c0['end']]}' announced: the publication is likeliest in "
                     f"{first_announced} or the year before")
    if announced_bare is not None:
        basis.append(f"{announced_bare} announced as to come: published in or before it")
    if latest_year is not None and (latest_edition is None or latest_edition <= latest_year):
        basis.append(f"latest year named {latest_year} ({'with a month or day' if latest_strong else 'bare'}): "
                     "the publication is likeliest that year or soon after")
    elif latest_year is not None:
        basis.append(f"year named {latest_year}: older than the edition named, history")

    best = max(scores.values()) if scores else 0.0
    top = sorted(y for y, s in scores.items() if s == best)
    result: dict[str, Any] = {"date": None, "earliest": None, "latest": None, "precision": "none",
                              "confidence": 0.0, "basis": basis, "candidates": [], "conflicts": []}
    ranked = sorted(scores.values(), reverse=True)
    # days and months alone place the day only in a year the other cues make likeliest: the
    # day is then as good as the year, never guessed across tied years. Any lead will do, not
    # only the margin that states a year (an undated article is as wrong as a missed day), but
    # not a lead that only the recency tail of a year named long before gives (see
    # _daymonth_year_leads). On IndoSum articles outside the scored folds the days so dated
    # with a lead below the margin were right within ±2 days in 2 of 12 (one per id-parity
    # half) and their year in 4, none lost; the 5 the tail alone would have dated were all wrong
    by_daymonth = bool(daymonths and not (pairs or dated) and len(ranked) > 0
                       and (len(ranked) == 1 or ranked[0] - ranked[1] >= YEAR_DECIDE_MARGIN
                            or _daymonth_year_leads(scores, top, latest_year if latest_year is not None and (
                                latest_edition is None or latest_edition <= latest_year) else None, latest_strong)))
    daymonth_weak = by_daymonth and len(ranked) > 1 and ranked[0] - ranked[1] < YEAR_DECIDE_MARGIN
    if by_daymonth:
        basis.append(f"year {top[0]} leads{' by little' if daymonth_weak else ''}: the day and month "
                     f"written without a year ('{text_[daymonths[0]['start']:daymonths[0]['end']]}') "
                     "are dated in it")
    evidence = bool(pairs or dated or by_daymonth)
    if not evidence:
        # no dated mention: bound by window and periods only
        earliest, latest = lo, hi
        for group in by_canon.values():
            g_lo = min(r["start"] for r in group)
            g_hi = max(r["end"] for r in group)
            if g_lo <= latest and earliest <= g_hi:
                earliest, latest = max(earliest, g_lo), min(latest, g_hi)
        for sy in since_years:
            if Date(sy, 1, 1) <= latest:
                earliest = max(earliest, Date(sy, 1, 1))
        for an in annivs:
            if an["first"] <= latest and earliest <= an["last"]:
                earliest, latest = max(earliest, an["first"]), min(latest, an["last"])
        result.update(earliest=earliest.isoformat(), latest=latest.isoformat(),
                      precision="year" if earliest.year == latest.year else "none",
                      confidence=0.2 if (rows or since_years or given) else 0.05)
        basis.append("no weekday+day/month or full date in the text: only a range")
        cues = bool(rows or since_years or past_years or events or annivs or relations or editions or announced
                    or announced_bare)
        likely = year_likelihoods(scores) if cues else []
        result["year_candidates"] = likely
        if likely and earliest.year != latest.year:
            margin = ranked[0] - ranked[1] if len(ranked) > 1 else 1.0
            y = likely[0]["year"]
            if margin >= YEAR_DECIDE_MARGIN and earliest.year <= y <= latest.year:
                # one year stands out: say the year, never a day
                result.update(earliest=max(earliest, Date(y, 1, 1)).isoformat(),
                              latest=min(latest, Date(y, 12, 31)).isoformat(),
                              precision="year", confidence=round(min(0.5, likely[0]["p"]), 2))
                basis.append(f"year {y} (likelihood {likely[0]['p']:.2f}): "
                             + ", ".join(f"{c['year']} {c['p']:.2f}" for c in likely[1:4]))
        return result

    def day_for(y: int) -> tuple[dict | None, list[dict], bool]:
        """Posterior over the publication day for publication year y, typo-like pairs, and
        whether only announced (future) dates bound it."""
        cues, conflicts = [], []
        for c in pairs:
            pd = pair_date(c, y)
            if pd is None:
                conflicts.append((c, "fits no candidate year"))
                continue
            if pd[1]:
                conflicts.append((c, pd[1]))
            cues.append({"kind": pair_kind(text_, c), "date": pd[0], "start": c["start"]})
        for c in dated:
            d = timex.safe_date(c["year"], c["month"], c["day"])
            if d and y - 1 <= d.year <= y + 1:
                cues.append({"kind": "dated_future" if is_future(text_, c) else "dated",
                             "date": d, "start": c["start"]})
        if by_daymonth:
            for c in daymonths:
                d = timex.safe_date(y, c["month"], c["day"])
                if d:
                    cues.append({"kind": "dated_future" if c.get("future") or is_future(text_, c) else "dated",
                                 "date": d, "start": c["start"]})
        cues = rank_cues(cues)
        # a full date more than the lag range before the latest reported pair is history
        # ("kasus bermula 3 Maret 2016"): it says nothing about the day, and three of them
        # at the floor probability outweighed the pair
        reported = [q["date"] for q in cues if q["kind"] in PAST_KINDS]
        if reported:
            horizon = max(reported) - dt.timedelta(days=settings()["lag_range_days"])
            cues = [q for q in cues if q["kind"] != "dated" or q["date"] >= horizon]
        if not cues:
            return None, conflicts, False
        cues += [{"kind": "dateline", "weekday": c["weekday"], "start": c["start"]} for c in datelines]
        post = day_posterior(cues, lags, lo, hi)
        only_future = all(q["kind"] in FUTURE_KINDS for q in cues if "date" in q)
        return post, conflicts, only_future

    cand_days = []
    for y in top:
        post, conflicts, from_future = day_for(y)
        if post is not None:
            cand_days.append((decide_day(post), post, conflicts, from_future))
    if not cand_days:
        return result
    # the same day reached from two candidate years (Dec/Jan pairs) is one candidate
    seen_days: set = set()
    cand_days = [c for c in cand_days if not (c[0][0] in seen_days or seen_days.add(c[0][0]))]
    result["candidates"] = [c[0][0].isoformat() for c in cand_days]
    (d, earliest, latest, mass), post, conflicts, from_future = cand_days[0]
    if keep_cues:
        result["cues"] = post["cues"]
    for c, note in conflicts:
        said = (text or "")[c["start"]:c["end"]]
        result["conflicts"].append({"text": said, "span": [c["start"], c["end"]], "note": note})
        basis.append(f"'{said}': {note}; treated as a typo")
    if len(cand_days) == 1:
        result.update(date=d.isoformat(), earliest=earliest.isoformat(), latest=latest.isoformat(),
                      precision="day")
        margin = best - max([s for y, s in scores.items() if y not in top] or [best - 1])
        conf = 0.85 if margin >= 1 else 0.6
        if not pairs:
            conf = 0.4  # day from full dates only: these are often schedules
        if by_daymonth:
            conf = 0.2 if daymonth_weak else 0.3  # the year from other cues, the day from a day and month
        if from_future:
            conf = min(conf, 0.4)  # no higher than the cues it rests on (a day and month: 0.3)
            basis.append("only announced (future) dates: published some days before them")
        if conflicts:
            conf -= 0.15
        result["confidence"] = round(min(conf, 0.5 + mass / 2), 2)
        result["candidates"] = []
        basis.append(f"year {d.year}; day {d.isoformat()} maximises the likelihood of the dated mentions "
                     f"({_fmt_cues(post['cues'])}) under the lag model "
                     f"[{(lags or lag_model())['source'] or 'untrained'}]: P(±{settings()['decision_tolerance_days']} days) "
                     f"{mass:.2f}, {int(settings()['interval_mass'] * 100)}% range {earliest}..{latest}")
    else:
        first = min(c[0][1] for c in cand_days)
        last = max(c[0][2] for c in cand_days)
        result.update(earliest=first.isoformat(), latest=last.isoformat(),
                      precision="none", confidence=0.3, year_candidates=year_likelihoods(scores))
        basis.append(f"years {_fmt_years(top)} remain equally likely: candidates "
                     + ", ".join(result["candidates"]))
    return result


# ---------------------------------------------------------------- day likelihood

# Cue kinds (docs/timex.md): a weekday+date pair is "latest" (the latest non-announced pair),
# "earlier", "lalu" ("Senin (5/5) lalu"), "week_ago" ("... pekan lalu"), "yesterday",
# "today", "future" (announced/scheduled), "range_end" ("hingga Minggu (27/8)"); full dates
# without a weekday are "dated" / "dated_future"; "preview" is a pair after a preparation
# word ("persiapan menuju laga ..., Sabtu (8/7)") — ranked like a past pair, its own lags; a bare weekday closing a dateline is
# "dateline" (its lag is the weekday distance to the publication day, 0–6).
FUTURE_KINDS = ("future", "range_end", "dated_future")
PAST_KINDS = ("latest", "lalu", "week_ago", "yesterday", "today", "preview")


@functools.lru_cache(maxsize=None)
def future_cues() -> dict[str, re.Pattern]:
    """Regexes for the future/schedule and attribution words of data/time/future_cues.tsv."""
    by_role: dict[str, list[str]] = {}
    for r in timex.read_tsv(DATA / "future_cues.tsv"):
        by_role.setdefault(r["role"], []).append(r["cue"])
    def rx(words):
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)
    return {role: rx(words) for role, words in by_role.items()}


_CLAUSE_STOP = re.compile(r"[.!?;](?=\s|$)|\n")


def _sentence_left(text: str, start: int) -> str:
    """The text of the sentence before position start."""
    left = text[max(0, start - 400):start]
    stops = list(_CLAUSE_STOP.finditer(left))
    return left[stops[-1].end():] if stops else left


def is_future(text: str, c: dict) -> bool:
    """Whether a dated mention is announced or scheduled rather than reported: a future word
    earlier in its sentence with no attribution word or closing quote between them, or a
    future word just after it; "mendatang"/"depan"/"nanti" attached to the date."""
    rel = c.get("rel") or ""
    if rel in ("mendatang", "nanti", "pekan depan", "minggu depan"):
        return True
    return _cue_before(text, c, "before") or _cue_after(text, c)


def _cue_before(text: str, c: dict, role: str) -> bool:
    cues = future_cues()
    left = cues["not_future"].sub(lambda m: " " * len(m.group(0)), _sentence_left(text, c["start"]))
    last = None
    for m in cues[role].finditer(left):
        last = m
    if last is not None:
        between = left[last.end():]
        if not cues["attribution"].search(between) and not re.search(r"[\"”]", between):
            return True
    return False


def _cue_after(text: str, c: dict) -> bool:
    cues = future_cues()
    right = text[c["end"]:c["end"] + settings()["future_after_chars"]]
    right = _CLAUSE_STOP.split(right, 1)[0]
    return bool(cues["after"].search(right))


_TODAY_BEFORE = re.compile(r"\bhari\s+ini\s*,?\s*(?:hari\s+)?$", re.IGNORECASE)
_YESTERDAY_BEFORE = re.compile(r"\bkemarin\s*,?\s*(?:hari\s+)?$", re.IGNORECASE)


def pair_kind(text: str, c: dict) -> str:
    """Cue kind of a weekday+date pair (before ranking it 'latest' or 'earlier')."""
    rel = c.get("rel") or ""
    if _RANGE_END.search(text[max(0, c["start"] - 12):c["start"]]):
        return "range_end"
    if c.get("future") or is_future(text, c):
        return "future"
    if _cue_before(text, c, "preview"):
        return "preview"
    if rel in ("pekan lalu", "minggu lalu"):
        return "week_ago"
    left = text[max(0, c["start"] - 20):c["start"]]
    if rel == "kemarin" or _YESTERDAY_BEFORE.search(left):
        return "yesterday"
    if _TODAY_BEFORE.search(left):
        return "today"
    if rel == "lalu":
        return "lalu"
    return "past"


def rank_cues(cues: list[dict]) -> list[dict]:
    """The cues that inform the day: the latest past pair ('latest', or its own kind 'lalu',
    'today'...), the next older past date ('earlier'), every announced and full date (one
    per kind and date). Older past mentions are dropped: given the latest one they say
    little more about the day, and counting them as independent drags the estimate back
    (cross-validated on IndoSum dev: keeping one 'earlier' beats keeping none or all)."""
    past_dates = [q["date"] for q in cues if q["kind"] in ("past",) + PAST_KINDS]
    top = max(past_dates, default=None)
    out, seen = [], set()
    for q in sorted(cues, key=lambda q: q["date"]):
        kind = q["kind"]
        if kind == "past":
            kind = "latest"
        if kind in PAST_KINDS and q["date"] != top:
            kind = "earlier"
        if (kind, q["date"]) in seen:
            continue
        seen.add((kind, q["date"]))
        out.append(dict(q, kind=kind))
    earlier = [q for q in out if q["kind"] == "earlier"]
    return [q for q in out if q["kind"] != "earlier" or q is earlier[-1]]


@functools.lru_cache(maxsize=None)
def lag_model() -> dict[str, Any]:
    """Lag distributions per cue kind from data/time/pubdate_lags.tsv (counts), smoothed
    towards the pooled distribution of all date kinds (weight `lag_prior_weight`)."""
    return build_lag_model(timex.read_tsv(DATA / "pubdate_lags.tsv"))


def build_lag_model(rows: list[dict]) -> dict[str, Any]:
    cfg = settings()
    span = cfg["lag_range_days"]
    counts: dict[str, dict[int, float]] = {}
    source = ""
    ratio = cfg["lag_kernel_ratio"]
    for r in rows:
        lag, n = int(r["lag"]), float(r["count"])
        source = source or r.get("source", "")
        hist = counts.setdefault(r["kind"], {})
        h = int(abs(lag) * ratio) if r["kind"] != "dateline" else 0
        # variable-width kernel: a lag of a month says "about a month", not "exactly 32 days"
        weights = {k: h + 1 - abs(k - lag) for k in range(lag - h, lag + h + 1)}
        z = sum(weights.values())
        for k, w in weights.items():
            hist[k] = hist.get(k, 0.0) + n * w / z
    lags = range(-span, span + 1)
    pooled = {k: 0.1 for k in lags}
    for kind, hist in counts.items():
        if kind != "dateline":
            for k, n in hist.items():
                if k in pooled:
                    pooled[k] += n
    total = sum(pooled.values())
    base = {k: v / total for k, v in pooled.items()}
    beta = cfg["lag_prior_weight"]
    model: dict[str, Any] = {"source": source, "floor": min(base.values()) / 10, "kinds": {}}
    for kind in set(counts) | set(FUTURE_KINDS) | set(PAST_KINDS) | {"earlier", "dated"}:
        if kind == "dateline":
            continue
        hist = counts.get(kind, {})
        n = sum(hist.values())
        n = sum(hist.get(k, 0.0) for k in lags)
        model["kinds"][kind] = {k: (hist.get(k, 0.0) + beta * base[k]) / (n + beta) for k in lags}
    hist = counts.get("dateline", {})
    n = sum(hist.values())
    model["dateline"] = [(hist.get(k, 0.0) + 1.0) / (n + 7.0) for k in range(7)]
    return model


def day_posterior(cues: list[dict], model: dict | None, lo: Date, hi: Date) -> dict[str, Any]:
    """P(publication day | cues) over the days within the lag range of the dated cues:
    each dated cue contributes p_kind(day - cue date), each dateline weekday
    p_dateline((weekday(day) - weekday) mod 7); the window bounds the days (flat prior)."""
    model = model or lag_model()
    span = settings()["lag_range_days"]
    dates = [q["date"] for q in cues if "date" in q]
    first = max(lo, min(dates) - dt.timedelta(days=span))
    last = min(hi, max(dates) + dt.timedelta(days=span))
    if first > last:  # every cue lies outside the window: stay near them
        first, last = min(dates) - dt.timedelta(days=span), max(dates) + dt.timedelta(days=span)
    days, logp = [], []
    n = (last - first).days + 1
    for i in range(n):
        day = first + dt.timedelta(days=i)
        s = 0.0
        for q in cues:
            if "date" in q:
                p = model["kinds"][q["kind"]].get((day - q["date"]).days, model["floor"])
            else:
                p = model["dateline"][(day.isoweekday() - q["weekday"]) % 7]
            s += math.log(p)
        days.append(day)
        logp.append(s)
    top = max(logp)
    w = [math.exp(v - top) for v in logp]
    z = sum(w)
    return {"days": days, "p": [v / z for v in w], "cues": cues}


def decide_day(post: dict) -> tuple[Date, Date, Date, float]:
    """The day that maximises the posterior mass within ±tolerance (the Bayes choice for
    'right within ±tolerance days'), the central `interval_mass` range, and that mass."""
    cfg = settings()
    tol = cfg["decision_tolerance_days"]
    days, p = post["days"], post["p"]
    best_i, best_m = 0, -1.0
    for i in range(len(days)):
        m = sum(p[max(0, i - tol):i + tol + 1])
        # equal mass: the more probable centre day
        if m > best_m + 1e-9 or (m > best_m - 1e-9 and p[i] > p[best_i]):
            best_i, best_m = i, max(m, best_m)
    tail = (1 - cfg["interval_mass"]) / 2
    acc, lo_i = 0.0, 0
    for i, v in enumerate(p):
        acc += v
        if acc >= tail:
            lo_i = i
            break
    acc, hi_i = 0.0, len(p) - 1
    for i in range(len(p) - 1, -1, -1):
        acc += p[i]
        if acc >= tail:
            hi_i = i
            break
    earliest = min(days[lo_i], days[best_i])
    # a reported (past) event does not follow the publication: its day is the lower bound
    reported = [q["date"] for q in post["cues"] if q.get("kind") in PAST_KINDS and "date" in q]
    if reported:
        earliest = min(max(reported), days[best_i])  # never after the day reported
    return days[best_i], earliest, days[max(hi_i, best_i)], best_m


_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _fmt_cues(cues: list[dict]) -> str:
    parts = []
    for q in cues:
        if "date" in q:
            parts.append(f"{q['kind']} {q['date'].isoformat()}")
        else:
            parts.append(f"dateline {_WEEKDAY_NAMES[q['weekday'] - 1]}")
    return "; ".join(parts)


def cue_lags(text: str, gold: Date, between=None, mentions: list[dict] | None = None,
             lags: dict | None = None) -> list[tuple[str, int]]:
    """(kind, lag) of each cue for the year the text inference picks, against a known
    publication day (for scripts/fit_pubdate_lags.py)."""
    pub = infer_publication(text, between, mentions=mentions, lags=lags, keep_cues=True)
    out = []
    for q in pub.get("cues") or []:
        if "date" in q:
            out.append((q["kind"], (gold - q["date"]).days))
        else:
            out.append(("dateline", (gold.isoweekday() - q["weekday"]) % 7))
    return out


def _typo_note(c: dict, year: int) -> str:
    """Why a weekday+date pair looks wrong: which nearby date the weekday would fit."""
    for dm in (1, -1):
        mo = c["month"] + dm
        if 1 <= mo <= 12:
            d = timex.safe_date(year, mo, c["day"])
            if d and d.isoweekday() == c["weekday"]:
                return f"the weekday fits {d.isoformat()} (month {mo})"
    base = timex.safe_date(year, c["month"], min(c["day"], 28))
    if base:
        for dd in (1, -1, 2, -2):
            d = timex.safe_date(year, c["month"], c["day"] + dd)
            if d and d.isoweekday() == c["weekday"]:
                return f"the weekday fits {d.isoformat()} (day {d.day})"
    return "weekday and date disagree"


# ---------------------------------------------------------------- stage

def _empty() -> dict[str, Any]:
    return {"date": None, "earliest": None, "latest": None, "precision": "none",
            "confidence": 0.0, "basis": []}


def _exact(d: Date, basis: str, confidence: float) -> dict[str, Any]:
    iso = d.isoformat()
    return {"date": iso, "earliest": iso, "latest": iso, "precision": "day",
            "confidence": confidence, "basis": [basis]}


def publication(text: str, raw: dict | None = None, options=None,
                entities: list[dict] | None = None, mentions: list[dict] | None = None) -> dict[str, Any]:
    """The `published` dict following contract rule 5 (metadata, reference date, URL, text)."""
    raw = raw or {}
    meta = raw.get("published")
    parsed = parse_date_string(meta) if meta is not None else None
    if parsed:
        return _exact(parsed[0], f"metadata: {str(meta).strip()!r}", 0.95)
    ref = getattr(options, "reference_date", None)
    if ref:
        p = parse_date_string(ref)
        if p:
            return _exact(p[0], f"reference date given: {ref}", 1.0)
    from_url = date_from_url(raw.get("url"))
    if from_url:
        return _exact(from_url[0], f"URL: {from_url[1]!r}", 0.9)
    return infer_publication(text, getattr(options, "between", None), entities, mentions)


def run(article: dict[str, Any], options=None) -> dict[str, Any]:
    """Pipeline stage: fill article['published'] and the scratch '_dct' (ISO date or None)."""
    text = article.get("text") or ""
    pub = publication(text, article.get("_raw"), options, article.get("entities"))
    article["_dct_candidates"] = pub.pop("candidates", []) or []
    article["_dct_conflicts"] = pub.pop("conflicts", []) or []
    if article["_dct_candidates"]:
        pub["candidates"] = list(article["_dct_candidates"])
    article["published"] = pub
    article["_dct"] = pub["date"]
    return article
