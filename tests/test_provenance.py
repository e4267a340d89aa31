import csv
import itertools

import pytest

from pantau.stages import clean, provenance
from pantau.record import Options, bad_spans, new_article


def analysed(body, title=None, **extra):
    raw = {"kind": "doc", "source": {"path": "x.txt", "record": None, "url": None, "format": "txt"},
           "input_id": None, "title": title, "body": body, "url": None, "outlet": None,
           "author": None, "published": None, "meta": {}}
    raw.update(extra)
    a = clean.run(new_article(raw), Options())
    return provenance.run(a, Options())


def seed(shared, name):
    path = shared / "corpus" / "seeds" / name
    return analysed(path.read_text(encoding="utf-8"))


SEEDS = ["000_ef5aa76fe5f35855.txt", "001_cecbdcea4aa5242f.txt", "002_66d0e2901bc71d34.txt",
         "003_181437171e2747dd.txt", "004_a30a0925a57b68cc.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_outlet_credited_and_spans(shared, gold, name):
    a = seed(shared, name)
    g = gold[name]
    assert a["outlet"]["name"] == g["outlet"]
    if g.get("outlet_evidence"):
        assert a["outlet"]["evidence"] == g["outlet_evidence"]
    assert {c["name"] for c in a["credited_sources"]} == set(g["credited_sources"])
    if "author" in g:
        assert a["author"] == g["author"]
    assert bad_spans(a) == []


def test_seed_000_editor_initials_marked_unknown(shared):
    a = seed(shared, SEEDS[0])
    meu = next(c for c in a["credited_sources"] if c["name"] == "MEU")
    assert meu["known"] is False
    assert a["text"][slice(*meu["span"])] == "MEU"
    assert [c["name"] for c in a["cited_sources"]] == ["Revolutionary Forces of Syria"] * 2


def test_seed_cited_media(shared):
    assert {c["name"] for c in seed(shared, SEEDS[2])["cited_sources"]} == {"SANA", "Reuters", "Ruptly", "RT"}
    assert {c["name"] for c in seed(shared, SEEDS[3])["cited_sources"]} == {
        "AFP", "Syrian Observatory for Human Rights"}
    # 004's "(Reuters/rslh)": rslh is a lowercase editor mark, not a source
    a = seed(shared, SEEDS[4])
    assert [c["text"] for c in a["credited_sources"]] == ["Reuters"]
    assert a["author"] == "Risalah Media" and a["outlet"]["name"] is None


def test_antara_word_is_not_the_agency():
    a = analysed("Pertandingan antara Persija dan Persib berlangsung seru. Perbedaan antara kedua tim terlihat jelas.\n"
                 "Antara lain hadir para pejabat daerah dalam acara tersebut.")
    assert a["credited_sources"] == [] and a["cited_sources"] == []


@pytest.mark.parametrize("body,kind", [
    ("Jakarta (ANTARA) - Pemerintah menaikkan harga BBM mulai pekan depan, kata pejabat.", "credited"),
    ("Hal itu disampaikan dalam jumpa pers, seperti dikutip dari Antara, Senin (16/6/2025).", "credited"),
    ("Harga cabai naik tajam di pasar tradisional, demikian dilaporkan ANTARA pada Senin.", "cited"),
    ("Video itu beredar luas, menurut laporan Antara News pada Senin malam.", "cited"),
])
def test_antara_the_agency(body, kind):
    a = analysed(body)
    names = [c["name"] for c in a[f"{kind}_sources"]]
    assert names == ["ANTARA"]
    assert bad_spans(a) == []


@pytest.mark.parametrize("body,name", [
    ("Tentara Suriah mengambil alih kota, seperti dikutipRT, Kamis (22/12).", "RT"),
    ("Mengutip Reuters, harga minyak naik 3 persen pada Senin.", "Reuters"),
    ("Serangan terjadi pada malam hari, dilansir Al Jazeera, Selasa (17/6/2025).", "Al Jazeera"),
    ("Sedikitnya 20 orang tewas, sebagaimana dilaporkan AFP.", "AFP"),
    ("Sedikitnya 20 orang tewas dalam serangan itu pada Senin malam waktu setempat. (Reuters/rslh)", "Reuters"),
])
def test_credit_phrases(body, name):
    a = analysed(body)
    assert [c["name"] for c in a["credited_sources"]] == [name]
    assert bad_spans(a) == []


def test_rt_the_neighbourhood_unit_is_not_rt_the_broadcaster():
    a = analysed("Banjir merendam rumah warga di RT 03 RW 01. Ketua RT setempat meminta bantuan kepada RT 05.")
    assert a["cited_sources"] == [] and a["credited_sources"] == []


def test_outlet_from_url_and_metadata_and_author_suffix():
    a = analysed("Isi berita yang cukup panjang di sini.", url="https://news.detik.com/berita/d-1/x",
                 author="Retno Ayuningrum -detikFinance")
    assert a["outlet"] == {"name": "detikcom", "evidence": "url: news.detik.com"}
    assert a["author"] == "Retno Ayuningrum"
    a = analysed("Isi berita.", outlet="okezone.com")
    assert a["outlet"]["name"] == "Okezone"


OUTLET_DATELINE = {
    "liputan6.com": ("Liputan6.com", "Liputan6.com, "),
    "tempo.co": ("Tempo", "TEMPO.CO, "),
    "kompas.com": ("Kompas.com", None),
    "republika.co.id": ("Republika", "REPUBLIKA.CO.ID, "),
    "detik.com": ("detikcom", None),
    "okezone.com": ("Okezone", None),
}


@pytest.mark.parametrize("sumber", sorted(OUTLET_DATELINE))
def test_indonews_outlets_and_datelines(shared, sumber):
    name, dateline = OUTLET_DATELINE[sumber]
    seen = 0
    for path in sorted((shared / "corpus" / "indonews-2025").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for r in itertools.islice((r for r in csv.DictReader(f) if r["sumber"] == sumber), 15):
                a = analysed(r["isi_berita"], title=r["judul"] or None, url=r["url"], author=r["author"])
                assert a["outlet"]["name"] == name
                body = a["text"][a["body_start"]:]
                if dateline and body.startswith(dateline):
                    # the dateline is the evidence and reads "Outlet, Place -"
                    assert a["outlet"]["evidence"].startswith(dateline)
                    assert body.startswith(a["outlet"]["evidence"] + " ")
                if sumber == "kompas.com" and "KOMPAS.com" in body[:40]:
                    assert "KOMPAS.com" in a["outlet"]["evidence"]
                assert bad_spans(a) == []
                seen += 1
    assert seen >= 5


def test_lookup_aliases_and_domains():
    assert provenance.lookup("Kantor Berita Antara").name == "ANTARA"
    assert provenance.lookup("antara") is not None  # lookup is for names already known to be sources
    assert provenance.source_for_domain("rejabar.republika.co.id").name == "Republika"
    assert provenance.source_for_domain("example.org") is None
