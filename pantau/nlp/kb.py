"""The knowledge base of actors and places: loading, lookup, alias matching, validation.

The KB is a stack of TSV layers, later layers overriding earlier ones field by field
(aliases are merged):
  1. pantau/data/kb/generated/*.tsv   built by scripts/build_kb.py (CAMEO, OCHA, GeoNames)
  2. pantau/data/kb/curated/*.tsv     hand-curated (Indonesian names, seed actors/places)
  3. user layers: every directory or .tsv file listed in the environment variable
     PANTAU_KB_PATH (os.pathsep-separated), or passed as `paths=` / `extra_paths=`.
A file's kind is read from its header: a `lat` column = places, a `side` column = actors,
a `cues` column = disambiguation rules. Lines starting with '#' are comments;
'# version: X' declares the file's version. Columns are listed in ACTOR_COLUMNS,
PLACE_COLUMNS and RULE_COLUMNS; aliases are '|'-separated.

Public: load(), actor(id), place(id), entry(id), candidates(alias), match_aliases(text),
norm(s), check_kb(extra_paths=()).
"""
from __future__ import annotations

import dataclasses
import functools
import os
import pathlib
import re

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "kb"
ENV_VAR = "PANTAU_KB_PATH"

ACTOR_COLUMNS = ["id", "canonical", "type", "subtype", "side", "country", "cameo", "periods", "aliases", "source"]
PLACE_COLUMNS = ["id", "canonical", "feature", "lat", "lon", "country", "admin1", "parent", "population",
                 "aliases", "source"]
RULE_COLUMNS = ["alias", "id", "cues", "source"]

# length-preserving normalisation: offsets in the normalised text equal offsets in the text
_CHAR_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-",
                           "\u2010": "-", "\u2011": "-", "\u00a0": " "})


def norm(s: str) -> str:
    s = s.translate(_CHAR_MAP)
    # fast paths (same result as the per-character rule below, which is the definition):
    # ASCII lowers one to one; otherwise whole-string lower() agrees with per-character lower()
    # when no character grows ("İ" -> "i̇") and there is no capital sigma (lower() picks "ς"
    # at the end of a word, per character it is always "σ")
    if s.isascii():
        return s.lower()
    low = s.lower()
    if len(low) == len(s) and "\u03a3" not in s:
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


@dataclasses.dataclass
class KB:
    actors: dict
    places: dict
    alias_ids: dict  # norm(alias) -> [ids], highest-priority layer first
    alias_forms: dict  # norm(alias) -> set of original spellings
    rules: dict  # norm(alias) -> [(id, [cues])]
    files: list  # [(path, kind, version, layer)]
    problems: list  # problems found while reading
    _automaton: object = None

    def entry(self, eid: str):
        return self.actors.get(eid) or self.places.get(eid)

    def automaton(self):
        """An Aho-Corasick automaton of the aliases (normalised) each spelled with spaces for
        what is not a word character, and a space on either side (see alias_occurrences)."""
        if self._automaton is None:
            import ahocorasick_rs

            # one substitution over all of them (an alias never holds a line break)
            spaced = _NOT_WORD_NOR_LINE.sub(" ", "\n".join(self.alias_ids)).split("\n")
            self._automaton = ahocorasick_rs.AhoCorasick(
                list(dict.fromkeys(f" {p} " for p in spaced)), matchkind=ahocorasick_rs.MatchKind.Standard)
        return self._automaton


def _layer_paths(paths) -> list[pathlib.Path]:
    files = []
    for p in paths:
        p = pathlib.Path(p)
        if p.is_dir():
            files += sorted(p.glob("*.tsv"))
        elif p.is_file():
            files.append(p)
    return files


def _user_paths() -> list[str]:
    raw = os.environ.get(ENV_VAR, "")
    return [p for p in raw.split(os.pathsep) if p.strip()]


def _read_tsv(path: pathlib.Path):
    version = None
    lines = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                m = re.match(r"#\s*version:\s*(\S+)", line)
                if m:
                    version = m.group(1)
                continue
            if line.strip():
                lines.append(line.rstrip("\r\n"))
    header = lines[0].split("\t") if lines else []
    return header, _dict_rows(header, lines[1:]), version


def _dict_rows(header: list[str], lines: list[str]) -> list[dict]:
    """What csv.DictReader(delimiter=TAB, quoting=QUOTE_NONE) gives for these lines (none holds a
    line break): extra cells under the key None, missing cells as None; done by hand because
    the KB has 60,000 rows and every worker process reads them at start."""
    n = len(header)
    rows = []
    for line in lines:
        cells = line.split("\t")
        row = dict(zip(header, cells))
        if len(cells) > n:
            row[None] = cells[n:]
        elif len(cells) < n:
            for key in header[len(cells):]:
                row[key] = None
        rows.append(row)
    return rows


def _kind(header) -> str | None:
    if "cues" in header:
        return "rule"
    if "lat" in header:
        return "place"
    if "side" in header or "type" in header:
        return "actor"
    return None


def _float(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def load(paths=None, reload: bool = False, include_builtin: bool = True, extra_paths=()) -> KB:
    """The merged KB. Without arguments: built-in layers + PANTAU_KB_PATH (cached)."""
    if paths is None and not reload and not extra_paths:
        return _default_kb(tuple(_user_paths()))
    layers = []
    if include_builtin:
        layers += [("generated", _layer_paths([DATA / "generated"])), ("curated", _layer_paths([DATA / "curated"]))]
    if paths:
        layers.append(("user", _layer_paths(paths)))
    if extra_paths:
        layers.append(("user", _layer_paths(extra_paths)))
    if include_builtin and paths is None:
        layers.append(("user", _layer_paths(_user_paths())))
    return _build(layers)


@functools.lru_cache(maxsize=4)
def _default_kb(user_paths: tuple) -> KB:
    """The built-in layers and the user's, built once per process, and kept between processes
    (pantau/cache.py: keyed by the contents of every layer file and of this module, so an
    edited file is read again); from the cache it loads in about a quarter of the time."""
    from .. import cache

    layers = [("generated", _layer_paths([DATA / "generated"])), ("curated", _layer_paths([DATA / "curated"])),
              ("user", _layer_paths(user_paths))]
    parts = [pathlib.Path(__file__)]
    for layer, paths in layers:
        parts.append(layer)
        parts.extend(paths)
    return cache.cached("kb", parts, lambda: _build(layers))


LAYER_RANK = {"user": 0, "curated": 1, "generated": 2}


def _build(layers) -> KB:
    actors, places, rules, files, problems = {}, {}, {}, [], []
    for layer, paths in layers:
        for path in paths:
            header, rows, version = _read_tsv(path)
            kind = _kind(header)
            files.append((str(path), kind, version, layer))
            if kind is None:
                problems.append(f"{path}: unknown file kind (header {header[:4]})")
                continue
            if version is None:
                problems.append(f"{path}: no '# version:' line")
            seen = set()
            name = path.name
            table = actors if kind == "actor" else places
            for i, row in enumerate(rows, 2):
                if kind == "rule":
                    if not row.get("alias") or not row.get("id"):
                        problems.append(f"{name}:{row.get('id') or row.get('alias')}: rule needs alias and id")
                        continue
                    cues = [c.strip() for c in (row.get("cues") or "*").split("|") if c.strip()]
                    rules.setdefault(norm(row["alias"]), []).append((row["id"], cues))
                    continue
                eid = (row.get("id") or "").strip()
                if not eid:
                    problems.append(f"{path.name} row {i}: no id")
                    continue
                if eid in seen:
                    problems.append(f"{name}:{row.get('id') or row.get('alias')}: id repeated in the same file")
                seen.add(eid)
                new = {k: (v or "").strip() for k, v in row.items() if k}
                aliases = [a.strip() for a in new.pop("aliases", "").split("|") if a.strip()]
                old = table.get(eid)
                if old is None:
                    ent = {"kind": kind, **new, "aliases": [], "layer": layer}
                    table[eid] = ent
                else:
                    ent = old
                    for k, v in new.items():
                        if v:
                            ent[k] = v
                    ent["layer"] = layer
                if new.get("canonical"):
                    aliases.insert(0, new["canonical"])
                ent["aliases"] = list(dict.fromkeys(ent["aliases"] + aliases))
    for p in places.values():
        p["lat"], p["lon"] = _float(p.get("lat")), _float(p.get("lon"))
        pop = p.get("population")
        if pop not in (None, "") and _float(pop) is None:
            problems.append(f"{p['id']}: population {pop!r} is not a number (a column missing?)")
        p["population"] = int(_float(pop) or 0)
    alias_ids, alias_forms = {}, {}
    for table in (actors, places):
        for eid, ent in table.items():
            if not ent.get("canonical"):
                problems.append(f"{eid}: no canonical name (an override without a base entry?)")
                ent["canonical"] = ent["aliases"][0] if ent["aliases"] else eid
            for a in ent["aliases"]:
                n = norm(a)
                alias_ids.setdefault(n, []).append(eid)
                alias_forms.setdefault(n, set()).add(a)
    for n, ids in alias_ids.items():
        ids.sort(key=lambda e: LAYER_RANK[(actors.get(e) or places.get(e))["layer"]])
    return KB(actors, places, alias_ids, alias_forms, rules, files, problems)


def actor(aid: str) -> dict | None:
    """Actor record: canonical, type, subtype, side, country, cameo, periods (list of dicts), aliases."""
    ent = load().actors.get(aid)
    if ent is None:
        return None
    out = dict(ent)
    out["periods"] = parse_periods(ent.get("periods", ""))
    return out


def place(pid: str) -> dict | None:
    """Place record: canonical, feature, lat, lon, country, admin1, parent, population, aliases."""
    ent = load().places.get(pid)
    return dict(ent) if ent else None


def entry(eid: str) -> dict | None:
    return actor(eid) or place(eid)


def candidates(alias: str) -> list[str]:
    """KB ids that carry this alias (highest-priority layer first)."""
    return list(load().alias_ids.get(norm(alias), []))


def resolve_name(name: str, kind: str) -> tuple[str, bool]:
    """The canonical name of the actor or place (`kind`) a user wrote in any of its KB aliases and
    any case ("Hizbullah", "hizbollah" -> "Hezbollah"; "Halab" -> "Aleppo"): (canonical, True);
    (name as given, False) when no KB entry of that kind has it. An alias several entries share
    resolves as the text linker would: the highest-priority layer first."""
    kb = load()
    # a country acts too ("Israel" as actor1): an actor is looked for among places after actors
    tables = (kb.actors, kb.places) if kind == "actor" else (kb.places,)
    ids = kb.alias_ids.get(norm(name.strip()), [])
    for table in tables:
        for eid in ids:
            ent = table.get(eid)
            if ent and ent.get("canonical"):
                return ent["canonical"], True
    return name, False


_PREFIX_OK = re.compile(r"(?:^|\W)(?:pro|anti|eks|ex)-$", re.IGNORECASE)  # "pro-Assad" names Assad
_WORDCHAR = re.compile(r"[\w-]")  # "al-Syam" does not contain the name "Syam"


_NOT_WORD = re.compile(r"[^\w ]")  # turned into spaces (the hyphen too): see alias_occurrences
_NOT_WORD_NOR_LINE = re.compile(r"[^\w \n]")  # the same over aliases joined by line breaks


def alias_occurrences(text: str, kb: KB | None = None) -> list[tuple[str, int, int]]:
    """(alias, start, end) of every alias written in the text (compared normalised) with no
    word character (_WORDCHAR) just outside it, or only the hyphen of a _PREFIX_OK prefix
    before it; in the order found.

    Such an alias, with what is not a word character (the hyphen included) turned into a space,
    stands between two spaces in the text turned the same way (with a space added at either
    end), so the automaton of those spaced aliases finds them all: it never reports the
    many hits inside words ("as" in "pasukan") an automaton of the bare aliases does. Its
    hits are then checked against the text as written ("al assad" is also found in
    "al-Assad", which is the alias "al-assad")."""
    kb = kb or load()
    aliases = kb.alias_ids
    low = norm(text)
    n = len(text)
    out = []
    spaced = " " + _NOT_WORD.sub(" ", low) + " "
    for _k, s, e in kb.automaton().find_matches_as_indexes(spaced, overlapping=True):
        e -= 2  # the spaced pattern starts one character before the alias, the spaced text one after
        alias = low[s:e]
        if alias not in aliases:
            continue
        if s > 0 and _WORDCHAR.match(text[s - 1]) and not _PREFIX_OK.search(text[max(0, s - 6):s]):
            continue
        if e < n and _WORDCHAR.match(text[e]):
            continue
        out.append((alias, s, e))
    return out


def _case_ok(surface: str, forms: set[str]) -> bool:
    """Acronyms ("AS", "SANA", "RT") and lower-case aliases match only as written;
    other aliases match in any case as long as the text starts with a capital (or digit)."""
    if surface in forms:
        return True
    if surface.isupper() and len(surface) <= 4:
        return False  # "SIM" (driving licence) is not the town "Sim"
    strict = all((f.isupper() and len(f) <= 6) or f[:1].islower() for f in forms)
    if strict:
        return False
    return surface[:1].isupper() or surface[:1].isdigit()


def match_aliases(text: str, kb: KB | None = None) -> list[dict]:
    """Non-overlapping, leftmost-longest KB alias occurrences on word boundaries.
    Each: {"start", "end", "text", "alias" (normalised), "ids"}."""
    kb = kb or load()
    out = []
    for alias, s, e in alias_occurrences(text, kb):
        surface = text[s:e]
        if not _case_ok(surface, kb.alias_forms[alias]):
            continue
        out.append({"start": s, "end": e, "text": surface, "alias": alias, "ids": list(kb.alias_ids[alias])})
    # keep the longest of overlapping matches (then the leftmost)
    out.sort(key=lambda m: (-(m["end"] - m["start"]), m["start"]))
    taken, kept = [], []
    for m in out:
        if any(m["start"] < e and s < m["end"] for s, e in taken):
            continue
        taken.append((m["start"], m["end"]))
        kept.append(m)
    kept.sort(key=lambda m: m["start"])
    return kept


_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_PERIOD = re.compile(rf"^(?:(?P<role>[A-Z]+):)?(?P<start>{_DATE})?/(?P<end>{_DATE})?$")


def parse_periods(s: str) -> list[dict]:
    """'SYRGOV:2000-07-17/2024-12-08;1982/' -> [{"role","start","end"}]; raises ValueError if malformed."""
    out = []
    for part in (s or "").split(";"):
        part = part.strip()
        if not part:
            continue
        m = _PERIOD.match(part)
        if not m:
            raise ValueError(f"malformed period {part!r}")
        start, end = m.group("start"), m.group("end")
        if start and end and start > end:
            raise ValueError(f"period ends before it starts: {part!r}")
        out.append({"role": m.group("role"), "start": start, "end": end})
    return out


def check_kb(extra_paths=()) -> list[str]:
    """Problems in the KB (built-in layers + PANTAU_KB_PATH + extra_paths); empty list = OK.

    Checks: every file has a kind and a version; ids unique per file; coordinates in range;
    periods well-formed; rules point at known ids; no alias shared by two ids unless a
    disambiguation rule covers it. Aliases shared only by places are resolved by the
    geographic rule (document context, then feature rank and population) and are allowed."""
    kb = load(reload=True, extra_paths=tuple(extra_paths))
    problems = list(kb.problems)
    for pid, p in kb.places.items():
        if p["lat"] is None or p["lon"] is None:
            problems.append(f"{pid}: missing coordinates")
        elif not (-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180):
            problems.append(f"{pid}: coordinates out of range ({p['lat']}, {p['lon']})")
    for aid, a in kb.actors.items():
        if a.get("type") not in ("PER", "ORG", "LOC"):
            problems.append(f"{aid}: type {a.get('type')!r} is not PER/ORG/LOC")
        try:
            parse_periods(a.get("periods", ""))
        except ValueError as exc:
            problems.append(f"{aid}: {exc}")
    for alias, rows in kb.rules.items():
        for eid, _ in rows:
            if kb.entry(eid) is None:
                problems.append(f"rule for {alias!r}: unknown id {eid}")
    for alias, ids in kb.alias_ids.items():
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2 or alias in kb.rules:
            continue
        if all(i in kb.places for i in ids):
            continue
        # a higher layer (user/curated) claiming an alias settles it over the generated layer
        ranks = [LAYER_RANK[kb.entry(i)["layer"]] for i in ids]
        if ranks.count(min(ranks)) == 1:
            continue
        problems.append(f"alias {alias!r} shared by {', '.join(ids[:4])} without a disambiguation rule")
    return problems
