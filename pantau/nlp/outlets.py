"""The catalogue of news outlets and agencies (pantau/data/sources.tsv, source_cues.tsv) and the
patterns built from it: datelines ("Liputan6.com, Jakarta -"), credits, citations. Read by the
clean stage (to keep a dateline out of the headline) and the provenance stage (to name sources)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Source:
    name: str
    type: str
    aliases: tuple[str, ...]  # matched on their own
    cue_aliases: tuple[str, ...]  # matched only after a cue word or inside a credit
    domains: tuple[str, ...]
    country: str
    datelines: tuple[str, ...]
    copyright: str
    source: str


def _data(name: str) -> str:
    return (resources.files("pantau") / "data" / name).read_text(encoding="utf-8")


def _rows(name: str):
    header = None
    for line in _data(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield dict(zip(header, cells + [""] * (len(header) - len(cells))))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@functools.lru_cache(maxsize=1)
def load_sources() -> tuple[Source, ...]:
    """The catalogue of agencies, outlets, broadcasters and blogs (pantau/data/sources.tsv)."""
    out = []
    for r in _rows("sources.tsv"):
        names = _split(r["aliases"])
        cue = [a[1:] for a in names if a.startswith("~")]
        # a canonical name that is itself cue-only ("RT") must not match on its own
        plain = ([r["name"]] if r["name"] not in cue else []) + [a for a in names if not a.startswith("~")]
        out.append(Source(r["name"], r["type"], tuple(dict.fromkeys(plain)), tuple(cue),
                          tuple(d.lower() for d in _split(r["domains"])), r["country"],
                          tuple(_split(r["dateline"])), r["copyright"].strip(), r["source"]))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, Source]:
    idx: dict[str, Source] = {}
    for s in load_sources():
        for a in s.aliases + s.cue_aliases + s.domains:
            idx.setdefault(a, s)
            idx.setdefault(a.casefold(), s)
    return idx


def lookup(name: str) -> Source | None:
    """The catalogued source for a name, alias or domain (exact, then case-folded)."""
    name = name.strip()
    idx = _alias_index()
    return idx.get(name) or idx.get(name.casefold())


def dateline_markers() -> set[str]:
    """Outlet names as they open a dateline ("Liputan6.com", "TEMPO.CO", "KOMPAS.com")."""
    return {d for s in load_sources() for d in s.datelines}


@functools.lru_cache(maxsize=1)
def agency_names() -> frozenset[str]:
    """Names and aliases of news agencies (a lone one on a line is a photo credit)."""
    return frozenset(a for s in load_sources() if s.type == "agency" for a in s.aliases)


def source_for_domain(host: str) -> Source | None:
    host = host.lower().removeprefix("www.")
    best = None
    for s in load_sources():
        for d in s.domains:
            if "/" not in d and (host == d or host.endswith("." + d)):
                if best is None or len(d) > len(best[1]):
                    best = (s, d)
    return best[0] if best else None


@functools.lru_cache(maxsize=1)
def cues() -> tuple[list[str], list[str]]:
    """(credit cues, cite cues) that come before a source's name."""
    credit, cite = [], []
    for r in _rows("source_cues.tsv"):
        if r["kind"] == "credit":
            credit.append(r["cue"])
        elif r["kind"] == "cite":
            cite.append(r["cue"])
    return credit, cite


@functools.lru_cache(maxsize=1)
def _after_cues() -> list[str]:
    """Reporting verbs right after a source's name ("Reuters melaporkan")."""
    return [r["cue"] for r in _rows("source_cues.tsv") if r["kind"] == "cite-after"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def regexes() -> dict[str, re.Pattern]:
    sources = load_sources()
    plain = _alt(a for s in sources for a in s.aliases)
    every = _alt(a for s in sources for a in s.aliases + s.cue_aliases)
    credit, cite = cues()
    # a plain alias standing alone as a word (domains may end in ".com")
    mention = re.compile(rf"(?<![\w.@/-])(?P<name>{plain})(?![\w@]|[.-]\w)")
    # a cue-only alias right after any cue: "dikutip dari Antara", "jurnalis RT", "dikutipRT"
    cue_re = rf"(?i:{_alt(credit + cite)})"
    cued = re.compile(rf"(?<!\w){cue_re}[ ]?(?:(?i:dari|oleh) )?(?:(?i:laman|situs|kantor berita) )?(?P<name>{every})(?![\w@]|[.-]\w| ?\d)")
    credited = re.compile(rf"(?<!\w)(?i:{_alt(credit)})[ ]?(?:(?i:dari|oleh) )?(?:(?i:laman|situs|kantor berita) )?(?P<name>{every})(?![\w@]|[.-]\w)")
    closing = re.compile(r"\((?P<inner>[A-Za-z][\w .&'-]{0,40}(?: ?/ ?[\w .&'-]{1,30}){0,3})\)[.]?$")
    copyright_re = re.compile(r"(?:Hak cipta(?: milik)?|Copyright|©)\s*(?:©\s*)?(?:\d{4}\s*)?(?P<name>[A-Z][\w.&' -]{1,60}?)\.?$", re.I)
    source_line = re.compile(rf"(?i:Sumber|Source)\s*:\s*(?P<name>{every})\.?")
    # a cue up to three words before a name: "kantor berita Suriah SANA", "dikutip dari data Bloomberg"
    cue_before = re.compile(rf"(?<!\w){cue_re}(?:[ ]+\S+){{0,3}}[ ]*$")
    verb_after = re.compile(rf"[ ]*(?i:{_alt(_after_cues())})(?!\w)")
    bracket = re.compile(r"^\[(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)+)\]")
    dateline_paren = re.compile(rf"^[A-Z][\w ]{{1,30}} \((?P<name>{every})\) ?[-–—]")
    return {"mention": mention, "cued": cued, "credited": credited, "closing": closing,
            "copyright": copyright_re, "source_line": source_line,
            "cue_before": cue_before, "verb_after": verb_after, "bracket": bracket, "dateline_paren": dateline_paren}


@functools.lru_cache(maxsize=1)
def dateline_regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    markers = "|".join(re.escape(m) for m in sorted(dateline_markers(), key=len, reverse=True))
    place = r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}"
    # "Liputan6.com, Jakarta -Kita", "JAKARTA, KOMPAS.com -Pakar", "REPUBLIKA.CO.ID, CIREBON--X"
    dashed = re.compile(
        rf"^(?:(?P<pre>{place}) ?, ?)?(?P<outlet>{markers})(?: ?, ?(?P<post>{place}))? ?(?P<dash>--|[-–—]) ?(?=\S)"
    )
    # "Liputan6.com, JakartaKita semua": place glued to the first word of the story
    glued = re.compile(rf"^(?P<outlet>{markers}) ?, ?(?P<post>[A-Z][a-z]+(?: [A-Z][a-z]+)*?)(?=[A-Z])")
    # place-only datelines (okezone): "JAKARTA- Chief", "PADANG PARIAMAN– Polisi"
    place_only = re.compile(r"^(?P<pre>[A-Z]{3,}(?: [A-Z]{3,}){0,2})(?: ?(?P<dash>--|[–—])|(?P<d2> -|- ))(?=[ ]?\S)")
    return dashed, glued, place_only


def match_dateline(line: str):
    dashed, _, _ = dateline_regexes()
    return dashed.match(line)
