"""The publication year when the text writes none: office holders, events of record, feasts,
anniversaries, ages and the years the text names, through Python and the CLI."""
import json
import subprocess
import sys

import pytest

from pantau.stages import pubdate

PAIR = "Polisi menggelar jumpa pers di Jakarta, Senin (6/11)."   # a Monday in 2017 and in 2023


def test_a_weekday_pair_alone_leaves_the_years_open():
    pub = pubdate.infer_publication(PAIR)
    assert pub["date"] is None and {c[:4] for c in pub["candidates"]} >= {"2017", "2023"}
    top = pub["year_candidates"][:2]
    assert {c["year"] for c in top} == {2017, 2023} and top[0]["p"] == top[1]["p"]


@pytest.mark.parametrize("words, year", [
    ("Kapolri Jenderal Tito Karnavian hadir.", "2017"),            # Kapolri 2016-2019
    ("Menteri Energi dan Sumber Daya Mineral (ESDM) Ignasius Jonan hadir.", "2017"),  # 2016-2019
    ("Mendagri Tito Karnavian hadir.", "2023"),                    # Mendagri from 2019
    ("Pelatih Chelsea, Antonio Conte, hadir.", "2017"),            # Chelsea 2016-2018
    ("Ia membeli iPhone 8.", "2017"),                              # announced September 2017
    ("Kasus itu terjadi pada 2015 lalu.", "2017"),                 # recency: 2023 is 8 years on
    ("Persiapan Asian Games 2018 dibahas.", "2017"),               # news of an edition: 2014-2019
    ("Gubernur Jambi Zumi Zola hadir.", "2017"),                   # governor 2016-2019
    ("Perdana Menteri Irak Haider al-Abadi hadir.", "2017"),       # prime minister 2014-2018
    ("Kebijakan pemerintahan Donald Trump dikritik.", "2017"),     # first administration 2017-2021
    ("Pimpinan Front Pembela Islam (FPI) hadir.", "2017"),         # banned December 2020
    ("Gubernur DKI Jakarta Anies Baswedan hadir.", "2017"),        # governor October 2017 - 2022
    ("Dalam HUT ke-44 partai berlambang banteng itu, ia berpidato.", "2017"),  # PDI-P 1973 + 44
    ("Acara itu digelar pada Dies Natalis ke-16 Partai Demokrat.", "2017"),    # founded 2001
    ("Menteri Koordinator Bidang Kemaritiman Luhut Binsar Pandjaitan hadir.", "2017"),  # title until 2019
    ("Ketua Dewan Perwakilan Rakyat Setya Novanto hadir.", "2017"),  # speaker 2016-2017 (title written out)
    ("Warga mengungsi akibat erupsi Gunung Agung.", "2017"),        # eruptions 2017-2019
    ("Ia menonton Game of Thrones musim ketujuh.", "2017"),         # aired July 2017 (an edition)
    ("Bek Southampton Virgil van Dijk absen.", "2017"),             # Southampton 2015-2017
])
def test_knowledge_and_named_years_pick_the_year(words, year):
    pub = pubdate.infer_publication(f"{PAIR} {words}")
    assert pub["date"] and pub["date"].startswith(year), pub["basis"]
    assert any("[" in b for b in pub["basis"])  # the reason names its source


def test_a_former_holder_bounds_nothing():
    pub = pubdate.infer_publication(f"{PAIR} Mantan Kapolri Jenderal Tito Karnavian hadir.")
    assert pub["date"] is None and pub["candidates"]


def test_feast_season_breaks_the_tie():
    # 19 June is a Monday in 2017 (Lebaran 25 June) and 2023 (Lebaran 22 April)
    pub = pubdate.infer_publication("Arus mudik mulai padat, Senin (19/6), kata polisi.")
    assert pub["date"] and pub["date"].startswith("2017"), pub["basis"]
    off = pubdate.infer_publication("Jalan mulai padat, Senin (19/6), kata polisi.")
    assert off["date"] is None


def test_anniversary_gives_the_year_and_a_range_without_a_day():
    pub = pubdate.infer_publication("Upacara HUT RI ke-72 digelar di Istana Merdeka.")
    assert pub["date"] is None and pub["precision"] == "year"
    assert "2017-06-01" <= pub["earliest"] <= "2017-08-17" <= pub["latest"] <= "2017-09-30"
    assert pub["year_candidates"][0]["year"] == 2017


def test_stated_age_bounds_the_year():
    ages = pubdate.stated_ages("Cristiano Ronaldo (32) mencetak gol. Budi (32) menonton.")
    assert [(a["name"], a["first"].isoformat(), a["last"].isoformat()) for a in ages] == \
           [("Cristiano Ronaldo", "2017-02-05", "2018-02-04")]


def test_no_cue_states_no_year():
    pub = pubdate.infer_publication("Warga memadati alun-alun kota untuk menonton pertunjukan.")
    assert pub["date"] is None and pub["precision"] == "none" and not pub["year_candidates"]


def test_cli_reports_year_precision_and_likelihoods(tmp_path):
    (tmp_path / "a.txt").write_text("Peringatan HUT ke-71 Bhayangkara\n\nUpacara HUT ke-71 Bhayangkara "
                                    "dipimpin Kapolri Jenderal Tito Karnavian di Monas.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", "a.txt", "--out", "a.jsonl", "--quiet"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pub = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])["published"]
    assert pub["date"] is None and pub["precision"] == "year" and pub["earliest"].startswith("2017")
    assert pub["year_candidates"][0]["year"] == 2017 and 0 < pub["year_candidates"][0]["p"] <= 1


def test_years_related_to_the_publication():
    text = ("Angka tahun lalu (2016) naik. Proyek rampung pada 2015 lalu. Target pada 2019 mendatang. "
            "Juni 2017 lalu ia pergi.")
    assert [(r["kind"], r["year"]) for r in pubdate.related_years(text)] == \
           [("is", 2017), ("after", 2015), ("before", 2019)]
    pub = pubdate.infer_publication("Angka tahun lalu (2016) naik, kata pejabat itu.")
    assert pub["precision"] == "year" and pub["earliest"] == "2017-01-01" and pub["latest"] == "2017-12-31"


@pytest.mark.parametrize("name", list(pubdate.PERIOD_FILES) + ["anniversaries.tsv", "births.tsv", "movable_feasts.tsv", "event_seasons.tsv",
                                                               "feast_words.tsv", "event_years.tsv", "year_relations.tsv",
                                                               "period_guards.tsv", "ranks.tsv"])
def test_dated_knowledge_rows_have_a_source_and_sane_dates(name):
    import datetime as dt

    from pantau.stages import timex

    rows = timex.read_tsv(pubdate.DATA / name)
    assert rows
    for r in rows:
        assert (r.get("source") or "").strip(), (name, r)
        for col in ("start", "end", "born", "founded", "date"):
            if r.get(col):
                dt.date.fromisoformat(r[col])
        if r.get("start") and r.get("end"):
            assert r["start"] <= r["end"], (name, r)
        if "aliases" in r:
            assert r["aliases"] or (r.get("titles") and r.get("names")), (name, r)


def test_latest_named_year_is_a_likelihood_by_how_it_is_written():
    # a year written with its month is usually the publication year: stated
    pub = pubdate.infer_publication("Harga beras naik sejak Juli 2017, kata pedagang.")
    assert pub["precision"] == "year" and pub["earliest"].startswith("2017"), pub["basis"]
    assert pub["year_candidates"][0]["year"] == 2017
    # a bare year is often history: likeliest, but not stated
    bare = pubdate.infer_publication("Gedung itu dibangun pada 2015, kata pengelola.")
    assert bare["precision"] == "none" and bare["year_candidates"][0]["year"] == 2015
    assert pubdate.named_year_loglik(2015, 2015, False) == 0.0
    assert pubdate.named_year_loglik(2016, 2015, True) < pubdate.named_year_loglik(2016, 2015, False) < 0
    assert pubdate.named_year_loglik(2030, 2015, False) < pubdate.named_year_loglik(2018, 2015, False)


def test_full_dates_do_not_outvote_a_pair_that_fits():
    # Senin (6/11) is a Monday in 2017 only (window 2016-2018); three dates of 2016 are history
    text = ("Polisi menggelar jumpa pers di Jakarta, Senin (6/11). Kasus bermula 3 Maret 2016, "
            "berlanjut 5 April 2016 dan 9 Mei 2016.")
    pub = pubdate.infer_publication(text, ("2016-01-01", "2018-12-31"))
    assert pub["date"] and pub["date"].startswith("2017-11"), pub["basis"]


def test_day_and_month_without_weekday_date_only_a_stated_year():
    text = "Harga beras naik sejak Juli 2017. Operasi pasar digelar pada 14 Agustus lalu, kata pejabat."
    pub = pubdate.infer_publication(text, ("2016-01-01", "2018-12-31"))
    assert pub["date"] and "2017-08-12" <= pub["date"] <= "2017-09-30", pub["basis"]
    assert pub["confidence"] <= 0.3
    # no year cue: the day and month fit every year, so no day is given
    bare = pubdate.infer_publication("Operasi pasar digelar pada 14 Agustus lalu, kata pejabat.",
                                     ("2016-01-01", "2018-12-31"))
    assert bare["date"] is None


def test_day_and_month_dated_in_a_year_that_leads_by_little():
    window = ("2016-01-01", "2018-12-31")
    # a bare year three windows-years back: the recency likelihood makes 2016 likeliest, by less
    # than the margin that states a year; the day is still dated in it, with a low confidence
    pub = pubdate.infer_publication("Gedung itu dibangun pada 2015. Operasi pasar digelar pada 14 Agustus "
                                    "lalu, kata pejabat.", window)
    assert pub["date"] and "2016-08-14" <= pub["date"] <= "2016-08-31", pub["basis"]
    assert pub["confidence"] <= 0.2 and any("leads by little" in b for b in pub["basis"])
    # a year named long before lowers every later year alike: it favours the window's first
    # year only, so it dates no day and month
    old = pubdate.infer_publication("Gedung itu dibangun pada 1990. Operasi pasar digelar pada 14 Agustus "
                                    "lalu, kata pejabat.", window)
    assert old["date"] is None and old["year_candidates"][0]["year"] == 2016
    # announced ("mendatang"): the day some days before it, the confidence still low
    ahead = pubdate.infer_publication("Gedung itu dibangun pada 2015. Operasi pasar digelar pada 14 Agustus "
                                      "mendatang, kata pejabat.", window)
    assert ahead["date"] and "2016-07-01" <= ahead["date"] <= "2016-08-14" and ahead["confidence"] <= 0.2
    # two years tied (Kapolri Tito Karnavian 2016-2019 covers 2017 and 2018 whole): no day
    tied = pubdate.infer_publication("Kapolri Jenderal Tito Karnavian hadir. Operasi digelar pada 14 Agustus "
                                     "lalu.", window)
    assert tied["date"] is None


def test_tournament_season_breaks_the_tie():
    # 16 June is a Saturday in 2012 (Euro, no World Cup) and 2018 (World Cup 14 June - 15 July)
    pub = pubdate.infer_publication("Laga Piala Dunia digelar Sabtu (16/6) malam.", ("2010-01-01", "2019-12-31"))
    assert pub["date"] and pub["date"].startswith("2018-06"), pub["basis"]
    assert any("event_seasons.tsv" in b for b in pub["basis"])
    u20 = pubdate.infer_publication("Laga Piala Dunia U-20 digelar Sabtu (16/6) malam.", ("2010-01-01", "2019-12-31"))
    assert u20["date"] is None


def test_seasons_and_budget_years_bound_the_year():
    rel = pubdate.related_years("Liga Inggris musim 2017/2018, APBN Tahun Anggaran 2019, Perda Nomor 12/2017.")
    assert [(r["kind"], r["year"], r["last"]) for r in rel] == [("within", 2017, 2018), ("within", 2018, 2020)]
    pub = pubdate.infer_publication(f"{PAIR} Klasemen Liga Inggris musim 2017/2018 berubah.")
    assert pub["date"] and pub["date"].startswith("2017"), pub["basis"]


@pytest.mark.parametrize("words, year", [
    ("Indonesia tersingkir dari Piala AFF U-18 2017.", "2017"),       # an edition named with its year
    ("Kata Kabid Humas Polda Metro Jaya Kombes Pol Argo Yuwono.", "2017"),   # a rank between title and name
    ("Presiden Amerika Serikat (AS) Donald Trump berpidato.", "2017"),       # an abbreviation in brackets
    ("Laga dipantau Mourinho. Manchester United menang 2-0.", "2017"),  # coach near his club: 2016-2018
    ("Kepala Polri yang baru, yakni Tito Karnavian, hadir.", "2017"),  # full name after the title
])
def test_names_and_editions_written_loosely_pick_the_year(words, year):
    pub = pubdate.infer_publication(f"{PAIR} {words}")
    assert pub["date"] and pub["date"].startswith(year), pub["basis"]


def test_loose_names_need_a_capital_and_the_club_nearby():
    # "salah" is a word, not Mohamed Salah; a star named far from his club says nothing of it
    assert not pubdate.periods_mentioned("Itu salah Liverpool sendiri.")
    far = "Gol dicetak Ronaldo. " + "Pertandingan berlangsung seru. " * 12 + "Juventus kalah."
    assert not pubdate.periods_mentioned(far)
    near = pubdate.periods_mentioned("Gol dicetak Ronaldo untuk Juventus.")
    assert [r["role"] for r in near] == ["Player of Juventus"]


def test_edition_years_skip_counts_laws_and_announced_editions():
    text = "UU Nomor 2017 berlaku. MotoGP 2018 mendatang digelar. Piala Presiden 2017 usai."
    from pantau.stages import timex
    eds = pubdate.edition_years(text, timex.find_mentions(text))
    assert [(e["said"], e["year"]) for e in eds] == [("Presiden 2017", 2017)]


def test_an_edition_alone_states_its_year_and_a_bare_year_alone_does_not():
    # ratio of an edition's k = 0 to k = -1 (2.05) passes the stated-year margin, a bare year's (1.5) not
    ed = pubdate.infer_publication("Pameran Indonesia Fashion Week 2017 dibuka di Jakarta.")
    assert ed["precision"] == "year" and ed["earliest"].startswith("2017"), ed["basis"]
    bare = pubdate.infer_publication("Gedung itu dibangun pada 2015 oleh pemerintah kota.")
    assert bare["precision"] == "none" and bare["year_candidates"][0]["year"] == 2015


def test_this_year_written_out_and_hyphenated_seasons():
    rel = pubdate.related_years("Namun di tahun 2017 ini berbeda. Klub itu berdiri sejak tahun 2010 ini. "
                                "Pada musim 2016-17 ia bermain. Periode 2015-2016 dibahas.")
    assert [(r["kind"], r["year"]) for r in rel] == [("is", 2017), ("within", 2016)]
    pub = pubdate.infer_publication(f"{PAIR} Tren di tahun 2017 ini berbeda.")
    assert pub["date"] and pub["date"].startswith("2017"), pub["basis"]


def test_a_device_model_alone_states_its_announcement_year():
    # a model is an edition of the year it was announced in: Galaxy S8 (March 2017) states 2017,
    # the newest model named wins ("Android Nougat" 2016 beside "Android Oreo" 2017)
    s8 = pubdate.infer_publication("Samsung menambah fitur baru untuk pengguna Galaxy S8.")
    assert s8["precision"] == "year" and s8["earliest"].startswith("2017"), s8["basis"]
    assert any("announced 2017-03-29" in b for b in s8["basis"])
    both = pubdate.infer_publication("Ponsel itu menjalankan Android Nougat dan akan mendapat Android Oreo.")
    assert both["precision"] == "year" and both["earliest"].startswith("2017"), both["basis"]
    # with a weekday pair that fits 2017 and 2023 the model picks the year
    pub = pubdate.infer_publication(f"{PAIR} Ia memamerkan Galaxy S8 miliknya.")
    assert pub["date"] and pub["date"].startswith("2017"), pub["basis"]



def test_a_year_older_than_the_edition_named_is_history():
    # "Idul Fitri 2017" is the latest year the text names; "pada 1995" beside it is history and does
    # not pull the publication back towards 1995
    pub = pubdate.infer_publication("Ratusan narapidana mendapat remisi Idul Fitri 2017. "
                                    "Aturan remisi itu dibuat pada 1995.")
    assert pub["precision"] == "year" and pub["earliest"].startswith("2017"), pub["basis"]
    assert any("older than the edition named" in b for b in pub["basis"])


def test_without_a_pair_a_period_weighs_the_years_by_the_days_it_covers():
    # Conte coached Chelsea July 2016 to July 2018: with no weekday+date pair, 2017 (all of it)
    # outweighs 2016 and 2018 (half each), and a year outside still loses the most
    pub = pubdate.infer_publication("Pelatih Chelsea, Antonio Conte, memuji para pemainnya.")
    assert pub["precision"] == "year" and pub["earliest"].startswith("2017"), pub["basis"]
    p = {c["year"]: c["p"] for c in pub["year_candidates"]}
    assert p[2017] > p[2016] > p.get(2015, 0.0) and p[2017] > p[2018]
    # with a pair the day is placed: the period only has to cover that day (2017 and 2023 stay tied)
    paired = pubdate.infer_publication(f"{PAIR} Presiden Joko Widodo hadir.")
    assert paired["date"] is None and {c[:4] for c in paired["candidates"]} >= {"2017", "2023"}


def test_with_a_pair_the_period_must_hold_its_day():
    # a candidate from September 2016 to April 2017: 13 February is a Monday in 2017 and 2023
    cand = pubdate.infer_publication("Calon Gubernur DKI Jakarta Anies Baswedan berkampanye di Jakarta, Senin (13/2).")
    assert cand["date"] and cand["date"].startswith("2017-02"), cand["basis"]
    # Obama left office in January 2017: on 6 November 2017 he is no longer "Presiden Barack Obama"
    # (give or take two months), so his term does not pick 2017 over 2023
    gone = pubdate.infer_publication(f"{PAIR} Presiden Barack Obama hadir.")
    assert gone["date"] is None and {c[:4] for c in gone["candidates"]} == {"2017", "2023"}


def test_a_month_announced_to_come_names_its_year_or_the_year_before():
    # "akan digelar pada Desember 2017": a plan is written in 2017 (or late 2016), so it picks 2017
    # among the years a weekday+date pair fits and, alone, leads the years of no pair
    pub = pubdate.infer_publication(f"{PAIR} Musyawarah itu akan digelar pada Desember 2017.")
    assert pub["date"] and pub["date"].startswith("2017-11"), pub["basis"]
    assert any("announced" in b for b in pub["basis"])
    alone = pubdate.infer_publication("Munas partai itu akan dilaksanakan pada Desember 2017.")
    top = alone["year_candidates"]
    assert top[0]["year"] == 2017 and top[1]["year"] == 2016, alone["basis"]
    # the same month reported as past is the latest named year, not a plan
    past = pubdate.infer_publication("Munas partai itu dilaksanakan pada Desember 2017.")
    assert not any("announced" in b for b in past["basis"])


def test_a_year_alone_announced_bounds_the_publication_from_above():
    # "akan rampung pada 2020": written in 2020 or before, so of the years the pair fits 2017 stays
    pub = pubdate.infer_publication(f"{PAIR} Proyek itu akan rampung pada 2020.")
    assert pub["date"] and pub["date"].startswith("2017"), pub["basis"]
    # the same year reported as past says nothing of the kind
    past = pubdate.infer_publication(f"{PAIR} Proyek itu rampung pada 2020.")
    assert past["date"] is None or not past["date"].startswith("2017")
