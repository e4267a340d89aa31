"""Publication-day cues added for IndoSum: range ends, dateline weekdays, year slips."""
from pantau.stages import pubdate, timex

WINDOW = ("2016-01-01", "2018-12-31")


def test_range_end_is_not_the_reporting_day():
    text = "Pameran digelar sejak Kamis (15/6) hingga Kamis (6/7). Menurut panitia, Jumat (23/6), tiket habis."
    pub = pubdate.infer_publication(text, WINDOW)
    # from Jumat (23/6) plus the learned lag, not from the range end 6 July
    assert "2017-06-23" <= pub["date"] <= "2017-06-25"
    assert pub["latest"] < "2017-07-06"


def test_dateline_weekday_moves_the_reporting_day_forward():
    text = ("Pertandingan berlangsung pada Sabtu (2/9). \"Laporan harus dibuat,\" kata Ratu "
            "di Kantor PSSI, Jakarta, Selasa. Ia menambahkan hal lain.")
    pub = pubdate.infer_publication(text, WINDOW)
    # the reporting day is Selasa 5/9 (the Tuesday after Saturday 2/9), plus the usual lag
    assert "2017-09-05" <= pub["date"] <= "2017-09-07"
    assert pub["earliest"] == "2017-09-02" and pub["latest"] >= "2017-09-05"
    without = pubdate.infer_publication(text.replace(", Selasa.", "."), WINDOW)
    assert without["date"] < pub["date"]


def test_a_weekday_slip_is_preferred_to_a_year_slip():
    # 6/7/2018 is a Friday, 6/7/2017 a Thursday: the weekday slipped a day (Kamis 5/7/2018), the
    # written year stands
    pub = pubdate.infer_publication("\"Kami benahi infrastruktur,\" ujar Edy, Kamis (6/7/2018).", WINDOW)
    assert pub["date"].startswith("2018-07"), pub["basis"]
    assert any("2018-07-05" in c["note"] for c in pub["conflicts"])


def test_written_year_slip_is_repaired_to_the_year_that_fits():
    # 1/7/2017 is a Saturday; in 2018 no day or month step from 1/7 is a Saturday: the written year slipped
    pub = pubdate.infer_publication("\"Kami benahi infrastruktur,\" ujar Edy, Sabtu (1/7/2018).", WINDOW)
    assert pub["date"].startswith("2017-07"), pub["basis"]
    assert any("year 2017" in c["note"] for c in pub["conflicts"])


def test_weekday_ini_with_date_is_a_pair():
    ms = timex.find_mentions("Keduanya dipertemukan Rabu ini (19/10), saat kunjungan.")
    assert [(m["kind"], m["weekday"], m["day"], m["month"]) for m in ms] == [("wdate", 3, 19, 10)]


def test_a_weekday_and_date_with_a_time_zone_between_them_are_a_pair():
    from pantau.stages import pubdate
    text = "Ribuan warga menggelar demonstrasi pada Rabu waktu setempat (10/5). Polisi berjaga."
    pub = pubdate.infer_publication(text, ("2016-01-01", "2018-12-31"))
    assert pub["date"] and pub["date"].startswith("2017-05"), pub["basis"]   # 10 May 2017 was a Wednesday
    with_year = pubdate.infer_publication("Gempa terjadi Minggu malam waktu setempat (13/11/2016).",
                                          ("2016-01-01", "2018-12-31"))
    assert with_year["date"].startswith("2016-11") and "fits 2016" in with_year["basis"][0]


def test_a_weekday_and_date_with_a_part_of_day_between_them_are_a_pair():
    import pantau

    text = "Menteri itu berbicara dalam rapat di Jakarta, Senin malam (3/10). Rapat dihadiri lima menteri."
    pub = pubdate.infer_publication(text, WINDOW)
    # 3 October 2016 was a Monday (2017: Tuesday, 2018: Wednesday); the day follows it by the usual lag
    assert pub["date"] and "2016-10-03" <= pub["date"] <= "2016-10-05", pub["basis"]
    assert "fits 2016" in pub["basis"][0]
    # a part of day from data/time/parts_of_day.tsv, in any case, spread over two words
    pub = pubdate.infer_publication(text.replace("Senin malam", "Rabu Dini  Hari").replace("(3/10)", "(4/10)"), WINDOW)
    assert pub["date"] and pub["date"].startswith("2017-10"), pub["basis"]
    # no part of day or time zone: the time stage's own pair reading, not a second one here
    assert pubdate.zoned_pairs("kata dia, Senin (3/10).", timex.find_mentions("kata dia, Senin (3/10).")) == []
    # a word that is no weekday before the part of day makes no pair
    assert pubdate.infer_publication("Acara Bincang malam (3/10) ramai.", WINDOW)["date"] is None
    # the whole pipeline, with the default window: the pair names the day in each year it fits
    rec = pantau.analyze_text(text + " Pada 2016 anggaran naik.")
    assert rec["published"]["date"] and rec["published"]["date"].startswith("2016-10"), rec["published"]


def test_a_weekday_announced_before_its_date_or_both_in_one_bracket_are_a_pair():
    # "besok"/"pekan depan" between weekday and date (future_cues.tsv `between`): an announced pair
    text = "Kapolda mengatakan surat itu akan diterbitkan Senin pekan depan (5/6). Rapat sudah digelar."
    pub = pubdate.infer_publication(text, WINDOW, keep_cues=True)
    assert [q["kind"] for q in pub["cues"]] == ["future"], pub["basis"]
    assert pub["date"] and "2017-05-20" <= pub["date"] <= "2017-06-05"   # 5 June 2017 was a Monday
    # weekday and date inside one bracket; "kemarin" before the bracket makes it the day before
    text = "Sejak kedatangan kemarin (Rabu, 12/4) tim langsung bekerja di Jakarta."
    pub = pubdate.infer_publication(text, WINDOW, keep_cues=True)
    assert [q["kind"] for q in pub["cues"]] == ["yesterday"] and pub["date"] >= "2017-04-13", pub["basis"]
    # a word that is no weekday makes no pair
    assert pubdate.infer_publication("Sejak (Kami, 12/4) tim bekerja.", WINDOW)["date"] is None


def test_a_weekday_with_a_mistyped_date_still_pairs():
    # a year of three digits: the weekday and the day and month still place the day, in the year
    # where 19/6 is a Monday
    text = "\"Kami terus mengawal,\" kata Deni di Surabaya, Senin (19/6/201). Rapat berlanjut."
    pub = pubdate.infer_publication(text, WINDOW)
    assert pub["date"] and "2017-06-19" <= pub["date"] <= "2017-06-21", pub["basis"]
    # a doubled slash or a missing one before a written year: the year is kept
    for said in ("Senin (19//6/2017)", "Senin (19/062017)"):
        pub = pubdate.infer_publication(text.replace("Senin (19/6/201)", said), ("2016-01-01", "2026-12-31"))
        assert pub["date"] and pub["date"].startswith("2017-06"), (said, pub["basis"])
    # no weekday before the bracket: no pair
    assert pubdate.infer_publication("Nilainya naik (19/6/201) kata Deni.", WINDOW)["date"] is None


def test_a_dotted_capital_i_reads_like_i():
    # "İdul Fitri" (a Turkish capital, common in pasted text) matches the case-blind patterns; the key
    # it is looked up by must be the row's, not "i" + a combining dot
    from pantau.stages import pubdate

    got = pubdate.named_events("Saat İdul Fitri 2017 tiba, jalan macet.")
    plain = pubdate.named_events("Saat Idul Fitri 2017 tiba, jalan macet.")
    assert got and [(e["year"], e["first"], e["last"]) for e in got] == [(e["year"], e["first"], e["last"]) for e in plain]
    assert pubdate._alias_key("İDUL  Fitri") == "idul fitri"


def test_a_date_written_with_two_weekdays_a_day_apart_belongs_to_the_later_one():
    # 10/5 was a Tuesday in 2016 and a Wednesday in 2017: the event of the day before carries the
    # reporting day's date, so "Selasa (10/5)" reads as Selasa 9/5/2017 and both pairs fit 2017
    text = ("Petugas menggagalkan penyelundupan itu saat memeriksa barang, Selasa (10/5) pagi. "
            "\"Petugas lebih jeli,\" kata Kepala Bandara, Rabu (10/5).")
    pub = pubdate.infer_publication(text, WINDOW)
    assert pub["date"] and pub["date"].startswith("2017-05-1"), pub["basis"]
    assert any("written with Rabu" in c["note"] and "2017-05-09" in c["note"] for c in pub["conflicts"])
    # one pair alone keeps its own year
    alone = pubdate.infer_publication(text.split("\"")[0], WINDOW)
    assert alone["date"].startswith("2016-05"), alone["basis"]


def test_a_later_weekday_announced_with_the_same_date_repairs_nothing():
    # 28/9 was a Thursday in 2017: "Jumat besok (28/9)" is the pair that copied the reporting day's date
    text = ("\"Kami siap,\" kata Edwin di Jakarta, Kamis (28/9). Kementerian akan membahas surat itu "
            "pada Jumat besok (28/9). Surat itu tertanggal 19 September 2017.")
    pub = pubdate.infer_publication(text, WINDOW)
    assert pub["date"] and pub["date"].startswith("2017-09"), pub["basis"]
    assert not any("written with" in c["note"] for c in pub["conflicts"])
