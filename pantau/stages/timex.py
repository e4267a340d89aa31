"""Indonesian temporal expressions: find them, then resolve them to TimeML TIMEX3 values.

Two passes. `find_mentions` locates expressions with regular expressions built from the
tables in pantau/data/time/ and records what they say ("weekday 7, day 7, month 8, no
year"). `resolve` then turns each mention into a TIMEX3 type and value, in text order,
against the document creation time (DCT) or, for a bare weekday ("di hari Senin"),
against the last explicit date of the same sentence — news text chains such references.

Value conventions (documented in docs/timex.md):
- days `2016-08-07`, months `2016-07` (+ "mod": START|MID|END for awal/pertengahan/akhir),
  years `2016`, ISO weeks `2016-W31`, weekends `2016-W31-WE`, times `2016-08-07T10:00`,
  parts of day `2016-08-06TNI`; durations `P6M`, `PT24H`, vague `PXW`; `PRESENT_REF`,
  `PAST_REF`, `FUTURE_REF`; the night before an unknown DCT is `PREV_NIGHT`.
- unknown parts stay `X` (`XXXX-08-07`); a weekday that disagrees with its date adds
  "conflict": "weekday".
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import pathlib
import re
from typing import Any, Iterable

from ..nlp import fastre, quantities

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "time"

Date = dt.date


def read_tsv(path: pathlib.Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def _alt(words: Iterable[str]) -> str:
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower()).replace("’", "'")


@functools.lru_cache(maxsize=None)
def lexicon() -> dict[str, Any]:
    """Month, weekday, unit and phrase tables and the regexes built from them (cached)."""
    months = {r["name"]: int(r["month"]) for r in read_tsv(DATA / "months.tsv")}
    weekdays = {r["name"]: int(r["isoweekday"]) for r in read_tsv(DATA / "weekdays.tsv")}
    units = {r["name"]: r["timeml"] for r in read_tsv(DATA / "units.tsv")}
    phrases = {_key(r["phrase"]): r for r in read_tsv(DATA / "phrases.tsv")}
    pod = {r["name"]: r["timeml"] for r in read_tsv(DATA / "parts_of_day.tsv")}
    tz = {r["name"]: r["utc_offset"] for r in read_tsv(DATA / "timezones.tsv")}
    lex: dict[str, Any] = dict(months=months, weekdays=weekdays, units=units, phrases=phrases,
                               pod=pod, tz=tz)

    # In running text only full weekday names (not "sun", "sat") and, for bare months,
    # full month names count; abbreviations are accepted next to a day number.
    wd_text = _alt(w for w in weekdays if len(w) > 3)
    mon_full = _alt(m for m in months if len(m) > 3 or m == "mei")
    mon_all = _alt(months)
    unit_alt = _alt(units)
    amount = quantities.lexicon()["amount_re"]
    num = rf"(?:{amount}|beberapa|sejumlah)"
    pod_alt = _alt(pod)
    tz_alt = _alt(tz)
    I = re.IGNORECASE
    since = r"(?:(?P<since>sejak|semenjak)\s+)?"
    lex["patterns"] = [
        # Minggu (7/8) | Selasa (30/12/2014) | Kamis (22/9) pekan lalu
        ("wdate", re.compile(
            rf"{since}(?<![\w])(?P<wd>{wd_text})\s*,?\s*(?:ini\s*)?\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})"
            rf"(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\)"
            rf"(?P<rel>\s+(?:pekan|minggu)\s+(?:lalu|depan)|\s+(?:lalu|mendatang|kemarin|nanti))?", I)),
        # (Rabu,) 18 Juni 2025 | 22 Desember 2016 | 7 Agustus
        ("dmy", re.compile(
            rf"{since}(?:(?<![\w])(?P<wd>{wd_text})\s*,?\s*)?(?:tanggal\s+)?(?<![\w.,/])(?P<d>\d{{1,2}})"
            rf"\s+(?P<mon>{mon_all})\.?(?![\w])(?:\s+(?P<y>\d{{4}})(?!\d))?", I)),
        # 18/06/2025, 2025-06-18
        ("numdate", re.compile(
            r"(?<![\w/.-])(?:(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2}))(?![\w/-])")),
        # akhir Juli | September lalu | November 2016 | awal Desember
        ("month", re.compile(
            rf"{since}(?:(?P<mod>awal|akhir|pertengahan|medio|penghujung|ujung|permulaan)\s+(?:bulan\s+)?|(?P<bulan>bulan)\s+)?"
            rf"(?<![\w])(?P<mon>(?-i:(?=[A-Z]))(?:{mon_full}))(?![\w])"
            rf"(?:\s+(?P<y>(?:19|20)\d{{2}})(?!\d)|\s+(?P<rel>lalu|kemarin|ini|depan|mendatang|nanti|tahun\s+lalu|tahun\s+depan))?", I)),
        # tahun 2011 | sejak 2016 | akhir 2017
        ("year", re.compile(
            rf"{since}(?:(?P<mod>awal|akhir|pertengahan|medio)\s+)?(?:(?P<kw>tahun)\s+)?(?<![\w.,])(?P<y>(?:19|20)\d{{2}})(?![\w]|[.,]\d)", I)),
        # dua hari lalu | 3 tahun silam | sepekan lalu | dua pekan mendatang
        ("ago", re.compile(
            rf"(?:(?P<n>{num})\s+(?P<unit>{unit_alt})|(?<![\w])(?P<seunit>se(?:hari|pekan|minggu|bulan|tahun|jam)))"
            rf"\s+(?:yang\s+)?(?P<dir>lalu|silam|sebelumnya|kemudian|mendatang|lagi|ke\s+depan|yang\s+akan\s+datang)(?![\w])", I)),
        # (dalam) 24 jam | hampir enam bulan | (selama) 1 minggu | dalam beberapa minggu
        ("duration", re.compile(
            rf"(?:(?P<prep>dalam(?:\s+waktu)?|kurun(?:\s+waktu)?)\s+)?"
            rf"(?:(?P<q>hampir|sekitar|lebih\s+dari|kurang\s+dari|setidaknya|sedikitnya|kurang\s+lebih|nyaris)\s+(?:selama\s+)?)?"
            rf"(?:(?P<n>{num})\s+(?P<unit>{unit_alt})|(?<![\w])(?P<seunit>se(?:hari|pekan|minggu|bulan|tahun|jam))"
            rf"|(?<![\w])ber(?P<redup>jam|hari|minggu|bulan|tahun)-(?P=redup))(?![\w-])"
            rf"(?:\s+(?P<last>terakhir|belakangan))?", I)),
        # pukul 10.00 WIB | jam 7 pagi | 17:07 WIB
        ("time", re.compile(
            rf"(?:(?:pukul|pkl\.?|jam)\s+(?P<h>\d{{1,2}})(?:[.:](?P<mi>\d{{2}}))?|(?<![\w.:])(?P<h2>\d{{1,2}})[.:](?P<mi2>\d{{2}})(?=\s*(?:{tz_alt})\b))"
            rf"(?:\s*(?P<pod>{pod_alt}))?(?:\s*(?P<tz>{tz_alt})(?![\w]))?", I)),
        # (pada) hari Senin | Jumat malam | Senin lalu | setiap Senin
        ("weekday", re.compile(
            rf"(?:(?P<every>setiap|tiap)\s+)?(?:(?P<hari>hari)\s+)?(?<![\w])(?P<wd>(?-i:(?=[A-Z]))(?:{wd_text}))(?![\w'’])"
            rf"(?:\s+(?P<pod>(?-i:{pod_alt})))?(?:\s+(?P<rel>lalu|kemarin|depan|mendatang|ini|nanti))?", I)),
        # kemarin | akhir pekan | semalam | hari ini | setiap tahun ...
        ("phrase", re.compile(rf"(?<![\w-])(?P<p>{_alt(phrases)})(?![\w-])", I)),
    ]
    # The words each pattern can begin with (see fastre.StartIndex): the optional
    # openers ("sejak", "awal", "dalam", "hampir"...) and the core words.
    nlex = quantities.lexicon()
    number_words = (list(nlex["digit"]) + list(nlex["teen"]) + ["puluh", "ratus"]
                    + list(nlex["vague"]) + ["beberapa", "sejumlah"])
    se_units = ["sehari", "sepekan", "seminggu", "sebulan", "setahun", "sejam"]
    since_words = ["sejak", "semenjak"]
    mods = ["awal", "akhir", "pertengahan", "medio", "penghujung", "ujung", "permulaan"]
    lex["starts"] = fastre.StartIndex({
        "wdate": since_words + list(weekdays),
        "dmy": since_words + list(weekdays) + ["tanggal"],
        "month": since_words + mods + ["bulan"] + list(months),
        "year": since_words + mods + ["tahun"],
        "ago": number_words + se_units,
        "duration": ["dalam", "kurun", "hampir", "sekitar", "lebih", "kurang", "setidaknya",
                     "sedikitnya", "nyaris", "ber"] + number_words + se_units,
        "time": ["pukul", "pkl", "jam"],
        "weekday": ["setiap", "tiap", "hari"] + list(weekdays),
        "phrase": list(phrases),
    }, digits=["wdate", "dmy", "numdate", "year", "ago", "duration", "time"])
    return lex


# Which matcher wins when two overlap with the same length (lower = stronger).
_PRIORITY = {"wdate": 0, "numdate": 1, "dmy": 2, "time": 3, "ago": 4, "phrase": 5,
             "duration": 6, "month": 7, "year": 8, "weekday": 9}

# Left-context words that make a bare year or bare month a date ("pada 2016", "sejak Juli").
_DATE_PREP = re.compile(r"(?:\b(?:pada|sejak|semenjak|hingga|sampai|dari|per|selama|antara|"
                        r"dan|awal|akhir|pertengahan|medio|jelang|menjelang|sebelum|sesudah|"
                        r"setelah|usai|bulan|tahun|hingga\s+akhir|periode|musim|sepanjang|di|"
                        r"pertengahan|ke|dalam|mulai|tanggal|lalu|silam|kuartal\s+\w+)\s+)$", re.I)
_AGE_BEFORE = re.compile(r"\b(?:berusia|berumur|usia|umur|usianya|umurnya|berusia\s+sekitar)\s+$", re.I)
_FUTURE_BEFORE = re.compile(r"\b(?:akan|bakal|hendak|rencananya|direncanakan|dijadwalkan|jadwalnya|"
                            r"rencana|agenda|nanti)\b[^.;!?]{0,40}$", re.I)


_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def _clean_overlaps(cands: list[dict]) -> list[dict]:
    """Keep the longest candidates that do not overlap (ties: stronger matcher)."""
    cands.sort(key=lambda c: (-(c["end"] - c["start"]), _PRIORITY[c["kind"]], c["start"]))
    taken: list[tuple[int, int]] = []
    kept = []
    for c in cands:
        if any(c["start"] < e and s < c["end"] for s, e in taken):
            continue
        taken.append((c["start"], c["end"]))
        kept.append(c)
    kept.sort(key=lambda c: c["start"])
    return kept


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if y < 100 else y


def find_mentions(text: str) -> list[dict[str, Any]]:
    """Temporal expressions in text with what they literally say (unresolved). Fresh dicts
    on every call; the last text's answer is remembered, as the publication-date stage
    and the time stage both ask for the article text in turn."""
    return [dict(c) for c in _find_mentions(text)]


@fastre.remember_last
def _find_mentions(text: str) -> list[dict[str, Any]]:
    lex = lexicon()
    cands: list[dict[str, Any]] = []
    starts = lex["starts"].candidates(text)
    for kind, rx in lex["patterns"]:
        for m in fastre.finditer_at(rx, text, starts and starts[kind]):
            g = m.groupdict()
            c: dict[str, Any] = {"kind": kind, "start": m.start(), "end": m.end(), "since": bool(g.get("since"))}
            left = text[max(0, m.start() - 30):m.start()]
            if kind in ("wdate", "dmy", "numdate"):
                d = _int(g.get("d") or g.get("d2"))
                mo = _int(g.get("m") or g.get("m2")) if not g.get("mon") else lex["months"].get(_key(g["mon"]))
                y = _year(g.get("y") or g.get("y2"))
                if not d or not mo or not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
                if kind == "dmy" and not y and len(g["mon"]) <= 3 and _key(g["mon"]) != "mei":
                    continue  # "5 Mar" without a year is too ambiguous in running text
                c.update(day=d, month=mo, year=y)
                if g.get("wd"):
                    c["weekday"] = lex["weekdays"][_key(g["wd"])]
                c["rel"] = _key(g.get("rel") or "") or None
            elif kind == "month":
                has_cue = g.get("mod") or g.get("bulan") or g.get("y") or g.get("rel") or g.get("since")
                if not has_cue and not _DATE_PREP.search(left):
                    continue
                c.update(month=lex["months"][_key(g["mon"])], year=_year(g.get("y")),
                         mod={"awal": "START", "permulaan": "START", "akhir": "END", "penghujung": "END",
                              "ujung": "END", "pertengahan": "MID", "medio": "MID"}.get(_key(g.get("mod") or "")),
                         rel=_key(g.get("rel") or "") or None)
            elif kind == "year":
                if not (g.get("kw") or g.get("since") or g.get("mod")) and not _DATE_PREP.search(left):
                    continue
                if _AGE_BEFORE.search(left):
                    continue
                c.update(year=int(g["y"]), mod={"awal": "START", "akhir": "END", "pertengahan": "MID",
                                                "medio": "MID"}.get(_key(g.get("mod") or "")))
            elif kind in ("ago", "duration"):
                if _AGE_BEFORE.search(left):
                    continue
                if g.get("seunit"):
                    n, unit = 1.0, lex["units"][_key(g["seunit"])]
                elif g.get("redup"):
                    n, unit = None, lex["units"][_key(g["redup"])]
                else:
                    unit = lex["units"][_key(g["unit"])]
                    raw = _key(g["n"])
                    if raw in ("beberapa", "sejumlah"):
                        n = None
                    else:
                        low, high, vague = quantities.amount_range(raw)
                        n = None if (low is None or vague) else low
                if kind == "duration" and g.get("n") and re.match(r"(?:minggu|pekan)$", _key(g["unit"])) \
                        and g["unit"][0].isupper() and not g.get("prep") and not g.get("q"):
                    continue  # "dua Minggu" is more likely two Sundays than a duration
                c.update(n=n, unit=unit, dir=_key(g.get("dir") or "") or None, prep=_key(g.get("prep") or "") or None,
                         q=_key(g.get("q") or "") or None, last=bool(g.get("last")))
            elif kind == "time":
                h = _int(g.get("h") or g.get("h2"))
                mi = _int(g.get("mi") or g.get("mi2")) or 0
                if h is None or h > 24 or mi > 59:
                    continue
                c.update(hour=h, minute=mi, pod=lex["pod"].get(_key(g.get("pod") or "")), tz=g.get("tz"))
            elif kind == "weekday":
                wd_key = _key(g["wd"])
                rel = _key(g.get("rel") or "") or None
                if wd_key == "minggu" and rel in ("lalu", "depan", "ini", "mendatang") and not g.get("hari"):
                    continue  # "Minggu lalu" = last week: left to the phrase table
                c.update(weekday=lex["weekdays"][wd_key], rel=rel, every=bool(g.get("every")),
                         pod=lex["pod"].get(_key(g.get("pod") or "")))
            elif kind == "phrase":
                c.update(phrase=lex["phrases"][_key(g["p"])])
            c["future"] = bool(_FUTURE_BEFORE.search(left))
            cands.append(c)
    return _clean_overlaps(cands)


# ---------------------------------------------------------------- calendar helpers

def safe_date(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def nearest_year(month: int, day: int, ref: Date, weekday: int | None = None) -> int:
    """The year that puts day/month closest to ref; the future counts 1.5 times as far."""
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = safe_date(y, month, day)
        if d is None:
            continue
        delta = (d - ref).days
        cost = delta * 1.5 if delta > 0 else -delta
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else ref.year


def iso_week(d: Date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: Date, n: int) -> tuple[int, int]:
    k = d.year * 12 + (d.month - 1) + n
    return k // 12, k % 12 + 1


def weekday_before(ref: Date, weekday: int, strictly: bool = False) -> Date:
    back = (ref.isoweekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def weekday_after(ref: Date, weekday: int) -> Date:
    ahead = (weekday - ref.isoweekday()) % 7 or 7
    return ref + dt.timedelta(days=ahead)


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    if unit in ("H", "S") or (unit == "M" and False):
        return f"PT{_num(n) if n is not None else 'X'}{unit}"
    if unit == "M_MIN":
        return f"PT{_num(n) if n is not None else 'X'}M"
    if unit in ("DE", "CE"):
        mult = 10 if unit == "DE" else 100
        return f"P{_num(n * mult) if n is not None else 'X'}Y"
    return f"P{_num(n) if n is not None else 'X'}{unit}"


# ---------------------------------------------------------------- resolution

_MOD_BY_Q = {"hampir": "LESS_THAN", "nyaris": "LESS_THAN", "kurang dari": "LESS_THAN",
             "sekitar": "APPROX", "kurang lebih": "APPROX", "lebih dari": "MORE_THAN",
             "setidaknya": "EQUAL_OR_MORE", "sedikitnya": "EQUAL_OR_MORE"}


def _unit_code(c: dict, text: str) -> str:
    """TimeML unit letter; minutes share 'M' with months in the data, tell them apart here."""
    if c["unit"] == "M" and re.search(r"menit", text[c["start"]:c["end"]], re.I):
        return "M_MIN"
    return c["unit"]


def resolve(text: str, mentions: list[dict], dct: Date | None,
            sentences: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """TIMEX3 dicts for the mentions, in text order, anchored to dct and to earlier dates."""
    out = []
    anchor: tuple[int, Date] | None = None  # (sentence index, last explicit day)
    sent_starts = [s for s, _ in sentences] if sentences else None

    if sent_starts is None:
        # without sentence spans: a sentence ends at ". " / newline (ends listed once)
        stops = [m.end() for m in _SENTENCE_STOP.finditer(text)]

    def sentence_of(pos: int) -> int:
        if sent_starts is None:
            # stops before pos, and a stop mark right before pos (it ends text[:pos])
            return bisect.bisect_right(stops, pos) + (0 < pos < len(text) and text[pos - 1] in ".!?")
        return bisect.bisect_right(sent_starts, pos) - 1

    for c in mentions:
        t: dict[str, Any] = {"text": text[c["start"]:c["end"]], "span": [c["start"], c["end"]]}
        kind = c["kind"]
        sent = sentence_of(c["start"])
        ref = anchor[1] if anchor and anchor[0] == sent else dct
        day: Date | None = None
        if kind in ("wdate", "dmy", "numdate"):
            y = c["year"]
            if y is None and dct is not None:
                y = nearest_year(c["month"], c["day"], dct)
            t["type"] = "DATE"
            if y is None:
                t["value"] = f"XXXX-{c['month']:02d}-{c['day']:02d}"
            else:
                day = safe_date(y, c["month"], c["day"])
                t["value"] = day.isoformat() if day else f"{y}-{c['month']:02d}-{c['day']:02d}"
                if c.get("weekday") and day and day.isoweekday() != c["weekday"]:
                    t["conflict"] = "weekday"
        elif kind == "month":
            y = c["year"]
            if y is None and dct is not None:
                rel = c["rel"] or ""
                if rel in ("lalu", "kemarin"):
                    y = dct.year if c["month"] < dct.month else dct.year - 1
                elif rel in ("depan", "mendatang", "nanti"):
                    y = dct.year if c["month"] > dct.month else dct.year + 1
                elif rel == "tahun lalu":
                    y = dct.year - 1
                elif rel == "tahun depan":
                    y = dct.year + 1
                elif rel == "ini":
                    y = dct.year
                else:
                    y = nearest_year(c["month"], 15, dct)
            t["type"] = "DATE"
            t["value"] = f"{y if y else 'XXXX'}-{c['month']:02d}"
            if c["mod"]:
                t["mod"] = c["mod"]
        elif kind == "year":
            t["type"] = "DATE"
            t["value"] = str(c["year"])
            if c["mod"]:
                t["mod"] = c["mod"]
        elif kind == "ago":
            t["type"] = "DATE"
            unit = _unit_code(c, text)
            sign = -1 if c["dir"] in ("lalu", "silam", "sebelumnya") else 1
            if c["dir"] in ("sebelumnya", "kemudian"):
                base = ref
                t["anchor"] = "previous date" if ref is not dct else "DCT"
            else:
                base = dct
            n = c["n"]
            if n is None or base is None or not float(n).is_integer():
                t["value"] = "PAST_REF" if sign < 0 else "FUTURE_REF"
            else:
                n = int(n) * sign
                if unit == "D":
                    t["value"] = (base + dt.timedelta(days=n)).isoformat()
                elif unit == "W":
                    t["value"] = iso_week(base + dt.timedelta(weeks=n))
                elif unit == "M":
                    yy, mm = add_months(base, n)
                    t["value"] = f"{yy}-{mm:02d}"
                elif unit == "Y":
                    t["value"] = str(base.year + n)
                elif unit == "DE":
                    t["value"] = str(base.year + 10 * n)[:3]
                elif unit == "H":
                    t["type"] = "TIME"
                    t["value"] = "PAST_REF" if sign < 0 else "FUTURE_REF"
                else:
                    t["value"] = "PAST_REF" if sign < 0 else "FUTURE_REF"
        elif kind == "duration":
            unit = _unit_code(c, text)
            if c["prep"] and c["prep"].startswith("dalam") and c["n"] is None:
                t["type"], t["value"] = "DATE", "FUTURE_REF"   # "dalam beberapa minggu"
            else:
                t["type"] = "DURATION"
                t["value"] = _duration_value(c["n"], unit)
                if c["q"] in _MOD_BY_Q:
                    t["mod"] = _MOD_BY_Q[c["q"]]
        elif kind == "time":
            t["type"] = "TIME"
            base = ref
            date_part = base.isoformat() if base else "XXXX-XX-XX"
            h = c["hour"]
            if c["pod"] in ("AF", "EV", "NI") and h < 12:
                h += 12
            t["value"] = f"{date_part}T{h % 24:02d}:{c['minute']:02d}"
        elif kind == "weekday":
            if c["every"]:
                t["type"], t["value"] = "SET", f"XXXX-WXX-{c['weekday']}"
            else:
                t["type"] = "DATE"
                rel = c["rel"]
                if ref is None:
                    t["value"] = f"XXXX-WXX-{c['weekday']}"
                else:
                    if rel in ("depan", "mendatang", "nanti") or (c["future"] and rel is None):
                        day = weekday_after(ref, c["weekday"])
                    else:
                        day = weekday_before(ref, c["weekday"], strictly=rel in ("lalu", "kemarin"))
                    t["value"] = day.isoformat()
                    if ref is not dct:
                        t["anchor"] = "previous date"
                    day = None  # a derived day does not become a new anchor
                if c["pod"]:
                    t["type"] = "TIME"
                    t["value"] += "T" + c["pod"]
        elif kind == "phrase":
            p = c["phrase"]
            t["type"] = p["type"]
            k, v = p["kind"], p["value"]
            if k in ("ref", "set"):
                t["value"] = v
            elif dct is None:
                t["value"] = {"day": "XXXX-XX-XX", "night": "PREV_NIGHT" if v == "-1" else "XXXX-XX-XXTNI",
                              "morning": "XXXX-XX-XXTMO", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
                              "month": "XXXX-XX", "year": "XXXX"}[k]
            else:
                n = int(v)
                if k == "day":
                    t["value"] = (dct + dt.timedelta(days=n)).isoformat()
                elif k == "night":
                    t["value"] = (dct + dt.timedelta(days=n)).isoformat() + "TNI"
                elif k == "morning":
                    t["value"] = dct.isoformat() + "TMO"
                elif k == "week":
                    t["value"] = iso_week(dct + dt.timedelta(weeks=n))
                elif k == "weekend":
                    # -1: the weekend before publication (this one when published on it)
                    if n < 0:
                        sat = dct - dt.timedelta(days=(dct.isoweekday() - 6) % 7)
                        if dct.isoweekday() < 6:
                            sat = dct - dt.timedelta(days=dct.isoweekday() + 1)
                    else:
                        sat = dct + dt.timedelta(days=(6 - dct.isoweekday()) % 7 + 7 * n)
                    t["value"] = iso_week(sat) + "-WE"
                elif k == "month":
                    yy, mm = add_months(dct, n)
                    t["value"] = f"{yy}-{mm:02d}"
                elif k == "year":
                    t["value"] = str(dct.year + n)
        if day is not None:
            anchor = (sent, day)
        out.append(t)
    return out


def extract_timexes(text: str, dct: str | Date | None = None,
                    sentences: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """Temporal expressions of text as TIMEX3 dicts (text, span, type, value[, mod, conflict, anchor])."""
    if not text:
        return []
    if isinstance(dct, str):
        try:
            dct = Date.fromisoformat(dct[:10])
        except ValueError:
            dct = None
    return resolve(text, find_mentions(text), dct, sentences)


def run(article: dict[str, Any], options=None) -> dict[str, Any]:
    """Pipeline stage: article['timexes'] resolved against the publication date."""
    text = article.get("text") or ""
    dct = article.get("_dct") or (article.get("published") or {}).get("date")
    sents = [tuple(s["span"]) for s in article.get("sentences") or []] or None
    article["timexes"] = extract_timexes(text, dct, sents)
    article["_timex_done"] = True
    return article
