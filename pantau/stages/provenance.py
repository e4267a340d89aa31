"""Stage 2: who published the article, who wrote it, and which media it leans on.

Fills
- `outlet` {"name", "evidence"}: from the input's metadata (outlet field, URL domain),
  else from the text (a "[portalpiyungan.com]" prefix, an opening dateline such as
  "Liputan6.com, Jakarta -", a copyright line "Hak cipta milik Rossiyskaya Gazeta.");
- `author`: the input's author field, a "Penulis: …" line or a blog signature;
- `credited_sources` [{"name","span"}]: where the article says its text comes from
  (closing "(Reuters)", "(Reuters/rslh)", "(Kiblat/MEU)", "seperti dikutipRT",
  "Mengutip Reuters", the copyright holder);
- `cited_sources` [{"name","span"}]: every other mention of a catalogued medium.

Names come from pantau/data/sources.tsv (aliases -> canonical name); cue words from
pantau/data/source_cues.tsv. Closing credits list agencies before "/" and editor marks
after it. Indonesian editors sign with lowercase initials ("rslh", "kha"): those are
dropped. An upper-case part that is not in the catalogue ("MEU") is kept as a credited
source with "known": false, because it may be an agency we do not know; a reader can
tell it apart from catalogued sources.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from ..nlp import fastre
from ..nlp.outlets import (Source, agency_names, dateline_markers, load_sources, lookup,  # noqa: F401
                           match_dateline, source_for_domain)
from ..nlp.outlets import cues as outlet_cues
from ..nlp.outlets import regexes as _regexes
from ..record import Options


def _line_spans(text: str, start: int):
    pos = start
    for line in text[start:].split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def find_credited(text: str, body_start: int = 0) -> list[dict]:
    """Credited sources with spans into `text` (see module doc for the rules)."""
    rx = _regexes()
    found: list[dict] = []
    lines = [(s, e) for s, e in _line_spans(text, body_start) if e > s]
    # closing credits: "(Reuters)", "(Reuters/rslh)", "(Kiblat/MEU)" at the end of one of the last lines
    for s, e in lines[-3:]:
        m = rx["closing"].search(text, s, e)
        if not m:
            continue
        parts = []
        pos = m.start("inner")
        for piece in m.group("inner").split("/"):
            lead = len(piece) - len(piece.lstrip())
            parts.append((pos + lead, pos + len(piece.rstrip())))
            pos += len(piece) + 1
        first = lookup(text[parts[0][0]:parts[0][1]])
        if first is None:
            continue
        for i, (ps, pe) in enumerate(parts):
            word = text[ps:pe]
            src = lookup(word)
            if src:
                found.append({"name": src.name, "span": [ps, pe]})
            elif i > 0 and re.fullmatch(r"[A-Z]{2,5}", word):
                found.append({"name": word, "span": [ps, pe], "known": False})
    # a closing "Sumber: Reuters" line
    for s, e in lines[-2:]:
        m = rx["source_line"].fullmatch(text, s, e)
        if m:
            found.append({"name": lookup(m.group("name")).name, "span": list(m.span("name"))})
    # "Jakarta (ANTARA) -" dateline of agency copy
    for s, e in lines[:1]:
        m = rx["dateline_paren"].match(text, s, e)
        if m and lookup(m.group("name")):
            found.append({"name": lookup(m.group("name")).name, "span": list(m.span("name"))})
    for m in _matches("credited", text, body_start):
        found.append({"name": lookup(m.group("name")).name, "span": list(m.span("name"))})
    for s, e in lines:
        m = rx["copyright"].fullmatch(text, s, e)
        if m:
            name = m.group("name").strip()
            src = lookup(name)
            ns = m.start("name")
            found.append({"name": src.name if src else name, "span": [ns, ns + len(name)]})
    return _dedupe(found, text)


def _dedupe(items: list[dict], text: str) -> list[dict]:
    """One item per span, in text order, each with the `text` its span reads."""
    seen, out = set(), []
    for it in sorted(items, key=lambda x: x["span"]):
        key = tuple(it["span"])
        if key not in seen:
            seen.add(key)
            s, e = it["span"]
            out.append({"name": it["name"], "text": text[s:e], "span": [s, e],
                        **({"known": it["known"]} if "known" in it else {})})
    return out


@functools.lru_cache(maxsize=1)
def _start_finders() -> dict:
    """Speed only. A "mention" match starts where a plain alias starts (case as written); a
    "cued" or "credited" match starts where a cue starts (any case: found in fastre.fold(text),
    so only when every cue is ASCII). One Aho-Corasick pass each lists those places; None =
    scan everywhere."""
    import ahocorasick_rs

    def finder(words, folded):
        words = sorted(set(words))
        if not words or (folded and not all(w.isascii() for w in words)):
            return None
        words = [fastre.fold(w) for w in words] if folded else words
        return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard), folded

    credit, cite = outlet_cues()
    return {"mention": finder([a for src in load_sources() for a in src.aliases], False),
            "cued": finder(credit + cite, True), "credited": finder(credit, True)}


def _matches(key: str, text: str, pos: int):
    """Exactly _regexes()[key].finditer(text, pos), trying only the places a match can start."""
    rx = _regexes()[key]
    finder = _start_finders()[key]
    if finder is None:
        yield from rx.finditer(text, pos)
        return
    ac, folded = finder
    starts = sorted({s for _i, s, _e in ac.find_matches_as_indexes(fastre.fold(text) if folded else text,
                                                                    overlapping=True) if s >= pos})
    yield from fastre.finditer_at(rx, text, starts)


def find_cited(text: str, body_start: int = 0, exclude: list[dict] = (), outlet: str | None = None) -> list[dict]:
    """Mentions of catalogued media inside the text, minus credited spans and the outlet itself."""
    taken = [tuple(x["span"]) for x in exclude]
    found = []
    for key in ("mention", "cued"):
        for m in _matches(key, text, body_start):
            s, e = m.span("name")
            if any(s < te and ts < e for ts, te in taken):
                continue
            if key == "mention" and not _cited_in_context(text, s, e):
                # a bare mention ("di iNews Tower", "kata Hidayatullah") is not a citation
                continue
            src = lookup(m.group("name"))
            if src is None or src.name == outlet:
                continue
            found.append({"name": src.name, "span": [s, e]})
            taken.append((s, e))
    return _dedupe(found, text)


def _cited_in_context(text: str, s: int, e: int) -> bool:
    """Whether a cue word precedes the name (same line, up to three words between) or a
    reporting verb follows it."""
    rx = _regexes()
    line_start = text.rfind("\n", 0, s) + 1
    if rx["cue_before"].search(text, max(line_start, s - 60), s):
        return True
    return bool(rx["verb_after"].match(text, e))


def _outlet_from_text(text: str, body_start: int, agency_dateline: bool = False) -> tuple[str, str] | None:
    """(outlet name, evidence text) found in the text itself.

    An agency dateline "Wamena (ANTARA News) -" says who wrote the copy, which is a credit;
    it names the outlet only when the metadata already says so (`agency_dateline`).
    """
    rx = _regexes()
    body = text[body_start:]
    m = rx["bracket"].match(body)
    if m:
        src = source_for_domain(m.group("domain"))
        return (src.name if src else m.group("domain")), m.group(0)
    m = match_dateline(body)
    if m:
        src = lookup(m.group("outlet"))
        if src:
            return src.name, m.group(0).strip()
    m = rx["dateline_paren"].match(body)
    if agency_dateline and m and lookup(m.group("name")):
        return lookup(m.group("name")).name, m.group(0).strip()
    for s, e in _line_spans(text, body_start):
        m = rx["copyright"].fullmatch(text, s, e)
        if m:
            holder = lookup(m.group("name").strip())
            holder_name = holder.name if holder else m.group("name").strip()
            for src in load_sources():
                if src.copyright and src.copyright == holder_name:
                    return src.name, text[s:e]
    return None


def find_outlet(article: dict) -> dict:
    raw = article.get("_raw") or {}
    text, body_start = article.get("text") or "", article.get("body_start") or 0
    in_text = _outlet_from_text(text, body_start)
    with_agency = _outlet_from_text(text, body_start, agency_dateline=True)
    meta = (raw.get("outlet") or "").strip()
    if meta:
        src = lookup(meta) or source_for_domain(meta)
        name = src.name if src else meta
        evidence = with_agency[1] if with_agency and with_agency[0] == name else f"metadata: {meta}"
        return {"name": name, "evidence": evidence}
    url = raw.get("url") or (raw.get("source") or {}).get("url")
    host = urlsplit(url).hostname if url and "://" in url else None
    if host:
        src = source_for_domain(host)
        if src:
            evidence = with_agency[1] if with_agency and with_agency[0] == src.name else f"url: {host}"
            return {"name": src.name, "evidence": evidence}
    if in_text:
        return {"name": in_text[0], "evidence": in_text[1]}
    if host:
        return {"name": host.removeprefix("www."), "evidence": f"url: {host}"}
    return {"name": None, "evidence": None}


_AUTHOR_LINE = re.compile(r"(?:Penulis|Reporter|Pewarta)\s*:\s*(?P<name>[^.!?]{2,80})", re.I)
# detik writes "Retno Ayuningrum -detikFinance", okezone ", Jurnalis"
_AUTHOR_SUFFIX = re.compile(r"\s*(?:[-–|]\s*detik\w*|,?\s*Jurnalis\s*-?)\s*$", re.I)


def find_author(article: dict) -> str | None:
    raw = article.get("_raw") or {}
    author = (raw.get("author") or "").strip()
    if author:
        return _AUTHOR_SUFFIX.sub("", author).strip() or None
    for item in article.get("removed") or []:
        if item.get("reason") == "byline":
            m = _AUTHOR_LINE.fullmatch(item["text"])
            if m:
                return m.group("name").strip()
    return article.get("_signature") or None


def run(article: dict, options: Options | None = None) -> dict:
    text, body_start = article.get("text") or "", article.get("body_start") or 0
    article["outlet"] = find_outlet(article)
    article["author"] = find_author(article)
    # "dilansir Liputan6.com dari …" names the outlet itself, not a source it copies
    credited = [c for c in find_credited(text, body_start) if c["name"] != article["outlet"]["name"]]
    article["credited_sources"] = credited
    article["cited_sources"] = find_cited(text, body_start, credited, article["outlet"]["name"])
    return article
