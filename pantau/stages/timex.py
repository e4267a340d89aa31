"""Indonesian temporal expressions: find them, then resolve them to TimeML TIMEX3 values.

Two passes. `find_mentions` locates expressions with regular expressions built from the
tables in pantau/data/time/ and records what they say ("weekday 7, day 7, month 8, no
year"). `resolve` then turns each mention into a TIMEX3 type and value, in text order,
against the document creation time (DCT) or, for anaphoric expressions, against the
narrative reference time — news text chains such references.

Value conventions (documented in docs/timex.md):
- days `2016-08-07`, months `2016-07` (+ "mod": START|MID|END for awal/pertengahan/akhir),
  years `2016`, decades `198`, quarters `2015-Q3`, ISO weeks `2016-W31`, weekends `2016-W31-WE`,
  times `2016-08-07T10:00`, parts of day `2016-08-06TNI` (a date with its clock time or part of
  day is one TIME, see merge_datetimes); durations `P6M`, `PT24H`, vague `PXW`; `PRESENT_REF`,
  `PAST_REF`, `FUTURE_REF`; the night before an unknown DCT is `PREV_NIGHT`.
- anaphoric expressions (bare clock times and weekdays, `kemudian`, `hari itu`) count from the
  narrative reference time (resolve's docstring, docs/timex.md).
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
from ..nlp.text import quote_pairs

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
    holidays = {r["name"]: (int(r["month"]), int(r["day"])) for r in read_tsv(DATA / "holidays.tsv")}
    lex: dict[str, Any] = dict(months=months, weekdays=weekdays, units=units, phrases=phrases,
                               pod=pod, tz=tz, holidays=holidays)
    cues = read_tsv(DATA / "future_cues.tsv")
    lex["attribution"] = re.compile(
        rf"(?<![\w-])(?:{_alt(r['cue'] for r in cues if r['role'] == 'attribution')})(?![\w-])", re.I)

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
    # a part of day after a date or weekday, optionally after a prayer-time preposition
    # ("Minggu selepas ashar") and before a time zone ("Rabu pagi WIB")
    pod_prep = r"(?:(?:selepas|sehabis|usai|seusai|setelah|sesudah|menjelang|jelang|sebelum|saat|waktu)\s+)?"
    lex["pod_tail"] = re.compile(
        rf"\s+{pod_prep}(?P<pod>(?-i:{pod_alt}))(?:\s+hari)?(?![\w'])(?:\s+(?P<tz>{tz_alt})(?![\w]))?", I)
    ordinal = r"(?:pertama|kedua|ketiga|keempat|IV|III|II|I|[1-4])"
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
            rf"\s+(?P<mon>{mon_all})\.?(?![\w])(?:\s+(?P<y>\d{{4}})(?!\d))?"
            rf"(?:\s+(?P<rel>lalu|mendatang|nanti)(?![\w]))?", I)),
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
            rf"{since}(?:(?P<mod>awal|akhir|pertengahan|medio|penghujung|ujung|permulaan)\s+)?(?:(?P<kw>tahun)\s+)?"
            rf"(?<![\w.,])(?P<y>(?:19|20)\d{{2}})(?![\w]|[.,]\d)(?:\s+ini(?![\w]))?", I)),
        # 1980-an | tahun 90-an | sejak era 2000-an
        ("decade", re.compile(
            rf"{since}(?:(?P<kw>tahun|era|dekade)\s+)?(?<![\w.,])(?P<y>(?:19|20)?\d)0-?an(?![\w])", I)),
        # akhir tahun | awal bulan depan | pertengahan tahun depan | awal pekan ini
        ("modunit", re.compile(
            r"(?<![\w-])(?P<mod>awal|akhir|pertengahan|medio|penghujung|ujung|permulaan)\s+(?P<unit>tahun|bulan|pekan|minggu)"
            r"(?:\s+(?P<rel>ini|lalu|yang\s+lalu|depan|mendatang))?(?![\w-])", I)),
        # kuartal ketiga | triwulan I-2015 | semester kedua tahun depan | paruh pertama 2015
        ("quarter", re.compile(
            rf"(?<![\w-])(?P<q>kuartal|triwulan|semester|paruh)\s+(?P<ord>{ordinal})(?![\w])"
            rf"(?:\s*-\s*(?P<y>(?:19|20)\d{{2}})|\s+(?:tahun\s+)?(?P<y2>(?:19|20)\d{{2}})"
            rf"|\s+tahun\s+(?P<rel>ini|lalu|depan|mendatang))?(?![\w])", I)),
        # dua hari lalu | 3 tahun silam | sepekan lalu | dua pekan mendatang
        ("ago", re.compile(
            rf"(?:(?:(?P<n0>{num})\s*(?:hingga|sampai|-)\s*)?(?P<n>{num})\s+(?P<unit>{unit_alt})|(?<![\w])(?P<seunit>se(?:hari|pekan|minggu|bulan|tahun|jam)))"
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
            rf"(?:\s+{pod_prep}(?P<pod>(?-i:{pod_alt}))(?![\w'])(?:\s+(?P<tz>{tz_alt})(?![\w]))?)?"
            rf"(?:\s+(?P<rel>lalu|kemarin|depan|mendatang|ini|nanti))?", I)),
        # Natal | Tahun Baru | Hari Pahlawan (not "Tahun Baru Imlek", a movable feast)
        ("holiday", re.compile(
            rf"(?<![\w-])(?-i:(?P<hol>{_alt(holidays)}))(?![\w-])(?!\s+(?:Imlek|Islam|Hijriah|Hijriyah|China|Cina|Saka|[A-Z]))")),
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
        "modunit": mods,
        "decade": since_words + ["tahun", "era", "dekade"],
        "holiday": [h.split()[0] for h in holidays],
        "quarter": ["kuartal", "triwulan", "semester", "paruh"],
        "duration": ["dalam", "kurun", "hampir", "sekitar", "lebih", "kurang", "setidaknya",
                     "sedikitnya", "nyaris", "ber"] + number_words + se_units,
        "time": ["pukul", "pkl", "jam"],
        "weekday": ["setiap", "tiap", "hari"] + list(weekdays),
        "phrase": list(phrases),
    }, digits=["wdate", "dmy", "numdate", "year", "decade", "ago", "duration", "time"])
    return lex


# Which matcher wins when two overlap with the same length (lower = stronger).
_PRIORITY = {"wdate": 0, "numdate": 1, "dmy": 2, "time": 3, "ago": 4, "phrase": 5,
             "duration": 6, "month": 7, "year": 8, "weekday": 9, "quarter": 10, "modunit": 11, "decade": 12, "holiday": 13}

# Left-context words that make a bare year or bare month a date ("pada 2016", "sejak Juli").
_DATE_PREP = re.compile(r"(?:\b(?:pada|sejak|semenjak|hingga|sampai|dari|per|selama|antara|"
                        r"dan|awal|akhir|pertengahan|medio|jelang|menjelang|sebelum|sesudah|"
                        r"setelah|usai|bulan|tahun|hingga\s+akhir|periode|musim|sepanjang|di|"
                        r"pertengahan|ke|dalam|mulai|tanggal|lalu|silam|kuartal\s+\w+)\s+)$", re.I)
_FUTURE_BEFORE = re.compile(r"\b(?:akan|bakal|hendak|rencananya|direncanakan|dijadwalkan|jadwalnya|"
                            r"rencana|agenda|nanti)\b[^.;!?]{0,40}$", re.I)


_MOD_WORD = {"awal": "START", "permulaan": "START", "akhir": "END", "penghujung": "END", "ujung": "END",
             "pertengahan": "MID", "medio": "MID"}

# A capitalised word next to a bare month name makes it part of a name ("Juli Astuti", "Sri Juni").
_CAP_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _name_like(text: str, start: int, end: int) -> bool:
    """Whether a bare month name stands next to a capitalised word that is not sentence-initial."""
    if _CAP_AFTER.match(text, end):
        return True
    left = text[max(0, start - 40):start]
    m = re.search(r"(\S*)\s+([A-Z][a-z]+)\s+$", left)
    return bool(m and m.group(1) and m.group(1)[-1] not in ".!?\"“”'")


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
                if kind == "dmy" and text[c["end"] - 1] == "." and g["mon"] and len(g["mon"]) > 4 \
                        and m.end("mon") == c["end"] - 1:
                    c["end"] -= 1  # a sentence's full stop after a full month name, not "Nov."
                c.update(day=d, month=mo, year=y)
                if g.get("wd"):
                    c["weekday"] = lex["weekdays"][_key(g["wd"])]
                c["rel"] = _key(g.get("rel") or "") or None
            elif kind == "month":
                has_cue = g.get("mod") or g.get("bulan") or g.get("y") or g.get("rel") or g.get("since")
                if not has_cue and not _DATE_PREP.search(left) and _name_like(text, m.start(), m.end()):
                    continue
                c.update(month=lex["months"][_key(g["mon"])], year=_year(g.get("y")),
                         mod=_MOD_WORD.get(_key(g.get("mod") or "")),
                         rel=_key(g.get("rel") or "") or None)
            elif kind == "year":
                if not (g.get("kw") or g.get("since") or g.get("mod")) and not _DATE_PREP.search(left):
                    continue
                if quantities.age_before(left):
                    continue
                c.update(year=int(g["y"]), mod=_MOD_WORD.get(_key(g.get("mod") or "")))
            elif kind == "holiday":
                c["month"], c["day"] = lex["holidays"][re.sub(r"\s+", " ", g["hol"])]
            elif kind == "decade":
                y = g["y"]
                if len(y) == 1 and not g.get("kw"):
                    continue  # "90-an" alone may be a count ("90-an orang"); "tahun 90-an" is a decade
                c.update(decade=y if len(y) == 3 else "19" + y)
            elif kind == "modunit":
                unit = {"tahun": "Y", "bulan": "M", "pekan": "W", "minggu": "W"}[_key(g["unit"])]
                mod = _MOD_WORD[_key(g["mod"])]
                if unit == "W" and mod == "END":
                    continue  # "akhir pekan" is the weekend (phrase table)
                if unit == "W" and g["unit"][0].isupper():
                    continue  # "awal Minggu" names a day
                rel = re.sub(r"\s+", " ", _key(g.get("rel") or ""))
                c.update(unit=unit, mod=mod, offset={"lalu": -1, "yang lalu": -1, "depan": 1,
                                                     "mendatang": 1}.get(rel, 0))
            elif kind == "quarter":
                o = _key(g["ord"])
                n = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "i": 1, "ii": 2, "iii": 3,
                     "iv": 4}.get(o) or int(o)
                q = _key(g["q"])
                if q in ("semester", "paruh") and n > 2:
                    continue
                rel = _key(g.get("rel") or "")
                c.update(part=("H" if q in ("semester", "paruh") else "Q") + str(n),
                         year=_int(g.get("y") or g.get("y2")),
                         offset={"lalu": -1, "depan": 1, "mendatang": 1}.get(rel, 0))
            elif kind in ("ago", "duration"):
                if quantities.age_before(left):
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
                    if g.get("n0"):
                        n = None  # "satu hingga dua tahun": a range is a vague amount (PXY)
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
                         pod=lex["pod"].get(_key(g.get("pod") or "")), tz=g.get("tz"))
            elif kind == "phrase":
                c.update(phrase=lex["phrases"][_key(g["p"])])
                if c["phrase"].get("needs_clause_start") == "yes" and re.search(r"\w\s*$", left):
                    continue  # "perkiraan sebelumnya" is 'the earlier estimate', not a time
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


def merge_datetimes(text: str, mentions: list[dict]) -> list[dict]:
    """One expression, one tag (TimeBank): a date or weekday with its clock time or part of day
    ("Minggu (28/12/2014) pukul 06.18 WIB", "pukul 7:55 WIB, Jumat (5/12/2014)",
    "Selasa (30/12/2014) sore") becomes one mention of the date's kind carrying hour/minute/pod."""
    lex = lexicon()
    out: list[dict] = []
    i = 0
    dated = ("wdate", "dmy", "numdate", "weekday")
    while i < len(mentions):
        c = dict(mentions[i])
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if c["kind"] in ("wdate", "dmy", "numdate") or (c["kind"] == "weekday" and not c.get("pod")
                                                          and not c.get("every")):
            gap = text[c["end"]:nxt["start"]] if nxt else None
            if nxt and nxt["kind"] == "time" and re.fullmatch(r"\s*,?\s*(?:pada\s+)?", gap, re.I):
                c.update(hour=nxt["hour"], minute=nxt["minute"], pod=nxt.get("pod") or c.get("pod"),
                         end=nxt["end"])
                i += 1
            elif c["kind"] != "weekday":
                m = lex["pod_tail"].match(text, c["end"])
                if m and (not nxt or m.end() <= nxt["start"]):
                    c.update(pod=lex["pod"][_key(m["pod"])], end=m.end())
        elif c["kind"] == "time" and nxt and nxt["kind"] in dated and not nxt.get("every") \
                and re.fullmatch(r"\s*,\s*(?:pada\s+)?(?:hari\s+)?", text[c["end"]:nxt["start"]], re.I):
            merged = dict(nxt, start=c["start"], hour=c["hour"], minute=c["minute"],
                          pod=c.get("pod") or nxt.get("pod"))
            c = merged
            i += 1
        out.append(c)
        i += 1
    return out


def _clock(c: dict) -> str | None:
    """The time-of-day part of a value: 'hh:mm' for a clock time, the TimeML part of day, or None."""
    if c.get("hour") is not None:
        h = c["hour"]
        if c.get("pod") in ("AF", "EV", "NI") and h < 12:
            h += 12
        return f"{h % 24:02d}:{c['minute']:02d}"
    return c.get("pod")


def _nearest_weekday(ref: Date, weekday: int) -> Date:
    """The occurrence of weekday nearest ref; the future counts 1.5 times as far (news reports
    the past more often), so a weekday up to two days ahead is read as upcoming."""
    back = weekday_before(ref, weekday)
    ahead = weekday_after(ref, weekday)
    return back if (ref - back).days <= (ahead - ref).days * 1.5 else ahead


def _next_year(month: int, day: int, ref: Date, after: bool) -> int:
    """The year that puts day/month on or after ref (after=True) or before it."""
    d = safe_date(ref.year, month, min(day, 28))
    if after:
        return ref.year if d >= ref else ref.year + 1
    return ref.year if d < ref else ref.year - 1


def resolve(text: str, mentions: list[dict], dct: Date | None,
            sentences: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """TIMEX3 dicts for the mentions, in text order.

    Deictic expressions (kemarin, dua hari lalu, pekan depan, a dated month) resolve against the
    DCT. Anaphoric ones — a bare clock time, a bare weekday, `N hari kemudian/sebelumnya`,
    `hari itu`, `malam itu` — resolve against the narrative reference time: the last fully
    specified date the text moved to (a date with its year or its weekday, or a year for
    year-sized steps), unless that date sits in a reporting clause ("kata X, Senin (5/6)"),
    which tells when something was said and leaves the reference where it was."""
    lex = lexicon()
    out = []
    refs: list[Date | None] = []
    nar: tuple[Date, str] | None = None  # (date, granularity "day" | "year")
    sent_starts = [s for s, _ in sentences] if sentences else None
    if sent_starts is None:
        stops = [m.end() for m in _SENTENCE_STOP.finditer(text)]

    def sentence_start(pos: int) -> int:
        if sent_starts is not None:
            k = bisect.bisect_right(sent_starts, pos) - 1
            return sent_starts[k] if k >= 0 else 0
        k = bisect.bisect_right(stops, pos) - 1
        return stops[k] if k >= 0 else 0

    def reporting(c: dict) -> bool:
        """Whether the mention dates a speech act: an attribution word just before it in its
        sentence ("kata Febri di Jakarta, Senin (5/6)", "ujarnya, Selasa")."""
        left = text[max(sentence_start(c["start"]), c["start"] - 60):c["start"]]
        return bool(lex["attribution"].search(left))

    def day_ref() -> tuple[Date | None, bool]:
        """The day anaphoric expressions count from, and whether it is the narrative's."""
        if nar and nar[1] == "day":
            return nar[0], True
        return dct, False

    for c in mentions:
        # the narrative's day when the mention is read: a deictic word in a quote may count from it
        refs.append(nar[0] if nar and nar[1] == "day" else None)
        t: dict[str, Any] = {"text": text[c["start"]:c["end"]], "span": [c["start"], c["end"]]}
        kind = c["kind"]
        moved: tuple[Date, str] | None = None  # the narrative reference this mention sets
        if kind in ("wdate", "dmy", "numdate"):
            y = c["year"]
            if y is None and dct is not None:
                if c.get("rel") in ("lalu",):
                    y = _next_year(c["month"], c["day"], dct, after=False)
                elif c.get("rel") in ("mendatang", "nanti"):
                    y = _next_year(c["month"], c["day"], dct, after=True)
                else:
                    y = nearest_year(c["month"], c["day"], dct)
            t["type"] = "DATE"
            if y is None:
                t["value"] = f"XXXX-{c['month']:02d}-{c['day']:02d}"
            else:
                day = safe_date(y, c["month"], c["day"])
                t["value"] = day.isoformat() if day else f"{y}-{c['month']:02d}-{c['day']:02d}"
                if c.get("weekday") and day and day.isoweekday() != c["weekday"]:
                    t["conflict"] = "weekday"
                # a date moves the narrative when it is fully specified and told as an event:
                # not a speech act, not a look back ("27 November 2014 lalu", "sejak 1 Mei 2014"),
                # not a date whose weekday contradicts it (a typo is no reference)
                if day and (c["year"] or c.get("weekday")) and "conflict" not in t and not c["since"] \
                        and c.get("rel") not in ("lalu", "kemarin") and not reporting(c):
                    moved = (day, "day")
            clock = _clock(c)
            if clock:
                t["type"] = "TIME"
                t["value"] += "T" + clock
        elif kind == "month":
            y = c["year"]
            if y is None and dct is not None:
                rel = c["rel"] or ""
                if rel in ("lalu", "kemarin"):
                    y = dct.year if c["month"] < dct.month else dct.year - 1
                elif rel in ("depan", "mendatang", "nanti") or (c["future"] and not rel):
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
            elif not c["since"] and not reporting(c):
                moved = (Date(c["year"], 1, 1), "year")
        elif kind == "decade":
            t["type"], t["value"] = "DATE", c["decade"]
        elif kind == "holiday":
            t["type"] = "DATE"
            y = nearest_year(c["month"], c["day"], dct) if dct else None
            t["value"] = f"{y if y else 'XXXX'}-{c['month']:02d}-{c['day']:02d}"
        elif kind == "modunit":
            t["type"] = "DATE"
            t["mod"] = c["mod"]
            if dct is None:
                t["value"] = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}[c["unit"]]
            elif c["unit"] == "Y":
                t["value"] = str(dct.year + c["offset"])
            elif c["unit"] == "M":
                yy, mm = add_months(dct, c["offset"])
                t["value"] = f"{yy}-{mm:02d}"
            else:
                t["value"] = iso_week(dct + dt.timedelta(weeks=c["offset"]))
        elif kind == "quarter":
            t["type"] = "DATE"
            y = c["year"] or (dct.year + c["offset"] if dct else None)
            t["value"] = f"{y if y else 'XXXX'}-{c['part']}"
        elif kind == "ago":
            unit = _unit_code(c, text)
            sign = -1 if c["dir"] in ("lalu", "silam", "sebelumnya") else 1
            n = c["n"]
            if c["dir"] == "ke depan":
                # "tiga hari ke depan": the stretch from now on, a DURATION (TimeBank "the next three days")
                t["type"] = "DURATION"
                t["value"] = _duration_value(n, unit)
                out.append(t)
                continue
            t["type"] = "DATE"
            base = dct
            if c["dir"] in ("sebelumnya", "kemudian"):
                if unit == "Y" and nar:
                    base, anaphoric = nar[0], True
                else:
                    base, anaphoric = day_ref()
                t["anchor"] = "previous date" if anaphoric else "DCT"
                if anaphoric:
                    t["anchor_date"] = base.isoformat() if unit != "Y" else str(base.year)
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
                if c["dir"] == "kemudian" and unit == "D":
                    # "sehari kemudian" moves the story on; "sehari sebelumnya" only glances back
                    moved = (base + dt.timedelta(days=n), "day")
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
            base, anaphoric = day_ref()
            t["value"] = f"{base.isoformat() if base else 'XXXX-XX-XX'}T{_clock(c)}"
            if anaphoric:
                t["anchor"], t["anchor_date"] = "previous date", base.isoformat()
        elif kind == "weekday":
            if c["every"]:
                t["type"], t["value"] = "SET", f"XXXX-WXX-{c['weekday']}"
            else:
                t["type"] = "DATE"
                rel = c["rel"]
                ref, anaphoric = day_ref()
                if ref is None:
                    t["value"] = f"XXXX-WXX-{c['weekday']}"
                else:
                    if rel in ("depan", "mendatang", "nanti") or (c["future"] and rel is None):
                        day = weekday_after(ref, c["weekday"])
                    elif rel in ("lalu", "kemarin"):
                        day = weekday_before(ref, c["weekday"], strictly=True)
                    elif rel == "ini":
                        day = weekday_before(ref, c["weekday"]) if ref == dct else _nearest_weekday(ref, c["weekday"])
                    else:
                        day = _nearest_weekday(ref, c["weekday"])
                    t["value"] = day.isoformat()
                    if anaphoric:
                        t["anchor"], t["anchor_date"] = "previous date", ref.isoformat()
                clock = _clock(c)
                if clock:
                    t["type"] = "TIME"
                    t["value"] += "T" + clock
        elif kind == "phrase":
            p = c["phrase"]
            t["type"] = p["type"]
            k, v = p["kind"], p["value"]
            if k in ("ref", "set", "duration"):
                t["value"] = v
            elif k == "season":
                t["value"] = f"{dct.year if dct else 'XXXX'}-{v}"
            elif k in ("pod", "anchor"):
                off, _, code = v.partition(" ")
                if off == "A" or k == "anchor":
                    base, anaphoric = day_ref()
                    shift = int(off) if k == "anchor" else 0
                else:
                    base, anaphoric, shift = dct, False, int(off)
                day_s = (base + dt.timedelta(days=shift)).isoformat() if base else "XXXX-XX-XX"
                t["value"] = day_s + ("T" + code if code else "")
                if anaphoric:
                    t["anchor"], t["anchor_date"] = "previous date", base.isoformat()
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
        if moved is not None:
            nar = moved
        out.append(t)
    if dct is not None:
        _speech_days(text, mentions, out, refs, dct, sentence_start)
    return out


# the longest a quote is taken to have been said before its publication when only the narrative's day
# tells when: a reference further back is history the article tells, not the day of the speech
SPEECH_WEEK = 7
_DAY_VALUE = re.compile(r"(\d{4}-\d{2}-\d{2})(T.*)?$")


def _quote_around(text: str, a: int, b: int) -> tuple[int, int] | None:
    """(open, close) offsets of the quote marks around text[a:b] in its paragraph, else None."""
    ps = text.rfind("\n", 0, a) + 1
    pe = text.find("\n", b)
    pe = len(text) if pe < 0 else pe
    return next(((o, c) for o, c in quote_pairs(text, ps, pe) if o < a and b <= c), None)


def _speech_days(text: str, mentions: list[dict], out: list[dict], refs: list[Date | None], dct: Date,
                 sentence_start) -> None:
    """Deictic words of a direct quote ("Hari ini", "kemarin", "tadi malam", "pagi ini") count from
    when the quote was said, not from the publication: the day its reporting clause gives ("…," kata
    X, Kamis (19/6)), else the narrative's day when the quote is read (the last fully specified date
    told before it) if it is at most SPEECH_WEEK days before the DCT; never a day after the DCT. The timex carries "anchor": "speech" and the
    "anchor_date" it counted from."""
    def deictic(c: dict) -> bool:
        p = c.get("phrase")
        if c["kind"] != "phrase" or not p:
            return False
        return p["kind"] in ("day", "night", "morning") or (p["kind"] == "pod" and not p["value"].startswith("A"))

    def full_day(j: int) -> Date | None:
        t, c = out[j], mentions[j]
        m = _DAY_VALUE.match(t.get("value") or "")
        if m is None or "conflict" in t or "anchor" in t or deictic(c) \
                or c["kind"] not in ("wdate", "dmy", "numdate", "weekday"):
            return None
        return Date.fromisoformat(m.group(1))

    for i, (c, t) in enumerate(zip(mentions, out)):
        if not deictic(c) or not _DAY_VALUE.match(t.get("value") or ""):
            continue
        q = _quote_around(text, c["start"], c["end"])
        if q is None:
            continue
        qo, qc = q
        # the reporting clause: a day told after the closing mark in its sentence, else before the opening
        # mark in the sentence that opens the quote ("X mengatakan pada Kamis (19/6): \"Hari ini …\"")
        after = [j for j, o in enumerate(out) if o["span"][0] > qc and sentence_start(o["span"][0]) <= qc]
        before = [j for j, o in enumerate(out) if o["span"][1] <= qo
                  and sentence_start(o["span"][0]) == sentence_start(qo)]
        told = [d for j in after + before[::-1] if (d := full_day(j)) is not None]
        day = told[0] if told else refs[i] if refs[i] and (dct - refs[i]).days <= SPEECH_WEEK else None
        if day is None or day >= dct:
            continue  # never after the publication; the DCT's own day changes nothing
        m = _DAY_VALUE.match(t["value"])
        shifted = Date.fromisoformat(m.group(1)) + (day - dct)
        t["value"] = shifted.isoformat() + (m.group(2) or "")
        t["anchor"], t["anchor_date"] = "speech", day.isoformat()


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
    return resolve(text, merge_datetimes(text, find_mentions(text)), dct, sentences)


def run(article: dict[str, Any], options=None) -> dict[str, Any]:
    """Pipeline stage: article['timexes'] resolved against the publication date."""
    text = article.get("text") or ""
    dct = article.get("_dct") or (article.get("published") or {}).get("date")
    sents = [tuple(s["span"]) for s in article.get("sentences") or []] or None
    article["timexes"] = extract_timexes(text, dct, sents)
    article["_timex_done"] = True
    return article
