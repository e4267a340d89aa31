"""TimeBank conventions for Indonesian news (docs/timex.md): one expression one tag, parts of
day, *_REF, durations versus dates, mod, and the narrative reference time. The sentences are
written for these tests."""
import json
import subprocess
import sys

import pytest

from pantau.stages import timex

DCT = "2019-03-14"  # a Thursday


def tags(text, dct=DCT):
    found = timex.extract_timexes(text, dct)
    for t in found:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
    return found


def by_text(text, dct=DCT):
    return {t["text"]: t for t in tags(text, dct)}


@pytest.mark.parametrize("text,expr,typ,value", [
    # date + clock time, either order, and date + part of day: one TIME tag
    ("Kapal itu tenggelam Senin (11/3/2019) pukul 21.40 WIB di Selat Sunda.",
     "Senin (11/3/2019) pukul 21.40 WIB", "TIME", "2019-03-11T21:40"),
    ("Gempa terasa pukul 04.05 WITA, Selasa (12/3/2019), di Lombok.",
     "pukul 04.05 WITA, Selasa (12/3/2019)", "TIME", "2019-03-12T04:05"),
    ("Banjir merendam kampung itu Rabu (13/3) pagi.", "Rabu (13/3) pagi", "TIME", "2019-03-13TMO"),
    ("Rapat digelar 10 Maret 2019 siang di balai kota.", "10 Maret 2019 siang", "TIME", "2019-03-10TAF"),
    ("Warga berkumpul Selasa (12/3) petang.", "Selasa (12/3) petang", "TIME", "2019-03-12TEV"),
    ("Api padam Senin (11/3) dini hari.", "Senin (11/3) dini hari", "TIME", "2019-03-11TMO"),
    # weekday + part of day, prayer times as the part of day they fall in
    ("Polisi tiba Rabu selepas ashar.", "Rabu selepas ashar", "TIME", "2019-03-13TAF"),
    ("Pengajian dimulai Selasa ba'da isya.", "Selasa", "DATE", "2019-03-12"),
    ("Massa bubar Senin menjelang maghrib.", "Senin menjelang maghrib", "TIME", "2019-03-11TEV"),
    ("Pesawat mendarat Kamis sore WIB.", "Kamis sore WIB", "TIME", "2019-03-14TAF"),
    # part-of-day phrases against the DCT
    ("Harga cabai naik sore ini.", "sore ini", "TIME", "2019-03-14TAF"),
    ("Hujan deras turun kemarin sore.", "kemarin sore", "TIME", "2019-03-13TAF"),
    ("Pasar ramai hingga tengah hari.", "tengah hari", "TIME", "2019-03-14T12:00"),
    # *_REF
    ("Saat itu jalan masih ditutup.", "Saat itu", "DATE", "PAST_REF"),
    ("Saat ini stok beras cukup.", "Saat ini", "DATE", "PRESENT_REF"),
    ("Nantinya jalur ini dibuka untuk umum.", "Nantinya", "DATE", "FUTURE_REF"),
    # durations, not dates
    ("Hujan diperkirakan turun tiga hari ke depan.", "tiga hari ke depan", "DURATION", "P3D"),
    ("Cuaca ekstrem berlangsung 12 jam ke depan.", "12 jam ke depan", "DURATION", "PT12H"),
    ("Proyek rampung dua sampai tiga tahun ke depan.", "dua sampai tiga tahun ke depan", "DURATION", "PXY"),
    ("Listrik padam setengah hari.", "setengah hari", "DURATION", "PT12H"),
    ("Ia terdiam beberapa saat.", "beberapa saat", "DURATION", "PTXM"),
    # quarters and halves
    ("Ekonomi tumbuh pada kuartal ketiga.", "kuartal ketiga", "DATE", "2019-Q3"),
    ("Target itu berlaku hingga triwulan II-2020.", "triwulan II-2020", "DATE", "2020-Q2"),
    ("Pabrik dibuka paruh pertama tahun depan.", "paruh pertama tahun depan", "DATE", "2020-H1"),
    # decades
    ("Produksi tertinggi sejak 1980-an.", "sejak 1980-an", "DATE", "198"),
    ("Lagu itu populer pada tahun 90-an.", "tahun 90-an", "DATE", "199"),
    # a dated day/month with mendatang is the next one
    ("Sidang dilanjutkan 2 Februari mendatang.", "2 Februari mendatang", "DATE", "2020-02-02"),
])
def test_conventions(text, expr, typ, value):
    t = by_text(text)[expr]
    assert (t["type"], t["value"]) == (typ, value)


@pytest.mark.parametrize("text,expr,value,mod", [
    ("Jembatan itu selesai akhir tahun ini.", "akhir tahun ini", "2019", "END"),
    ("Harga turun pada awal bulan depan.", "awal bulan depan", "2019-04", "START"),
    ("Pemilu digelar pertengahan tahun depan.", "pertengahan tahun depan", "2020", "MID"),
    ("Hingga penghujung 2018 ini belum ada hasil.", "penghujung 2018 ini", "2018", "END"),
    ("Ia pindah pada akhir Januari.", "akhir Januari", "2019-01", "END"),
])
def test_mod_start_mid_end(text, expr, value, mod):
    t = by_text(text)[expr]
    assert (t["value"], t.get("mod")) == (value, mod)


def test_akhir_pekan_stays_a_weekend():
    t = by_text("Warga mengungsi akhir pekan.")["akhir pekan"]
    assert t["value"].endswith("-WE") and "mod" not in t


def test_bare_months_are_dates_but_names_are_not():
    assert by_text("Kontrak untuk pengiriman Mei naik 2 persen.")["Mei"]["value"] == "2019-05"
    assert by_text("Pembangunan dijadwalkan rampung Juni.")["Juni"]["value"] == "2019-06"
    assert by_text("Peresmian dijadwalkan pada Februari.", "2019-03-14")["Februari"]["value"] == "2020-02"
    assert not tags("Menurut Juli Astuti, warga sudah pulang.")


def test_rates_and_first_are_not_timexes():
    assert not tags("Kilang itu mengolah 5.000 barel per hari.")
    assert not tags("Kami ingin memastikan dulu datanya benar.")
    assert not tags("Sebanyak 90-an orang hadir.")
    assert not tags("Angka itu lebih tinggi dari perkiraan sebelumnya.")
    assert by_text("Sebelumnya, polisi menahan dua orang.")["Sebelumnya"]["value"] == "PAST_REF"


# ------------------------------------------------------------ the narrative reference time

STORY = ("Kebakaran melanda pasar itu pada Sabtu (2/3/2019). Api mulai terlihat pukul 02.15 WIB. "
         "Petugas datang Minggu pagi. Dua hari kemudian, pedagang kembali berjualan. "
         "Hari itu juga wali kota meninjau lokasi. Sebulan kemudian pasar direnovasi. "
         "Kebakaran serupa terjadi pada 2015. Setahun kemudian pasar dibangun ulang.")


def test_narrative_reference_time():
    got = by_text(STORY)
    assert got["pukul 02.15 WIB"]["value"] == "2019-03-02T02:15"      # the narrative's Saturday, not the DCT
    assert got["pukul 02.15 WIB"]["anchor_date"] == "2019-03-02"
    assert got["Minggu pagi"]["value"] == "2019-03-03TMO"             # the Sunday after that Saturday
    assert got["Dua hari kemudian"]["value"] == "2019-03-04"          # counted from the narrative's day
    assert got["Hari itu"]["value"] == "2019-03-04"                   # "kemudian" moved the story on
    assert got["Sebulan kemudian"]["value"] == "2019-04"
    assert got["Setahun kemudian"]["value"] == "2016"                 # a year step counts from the year told


def test_reporting_dates_do_not_move_the_narrative():
    text = ("Banjir bandang melanda desa itu pada Jumat (1/3/2019). Air naik pukul 23.00 WIB. "
            "Hal itu disampaikan kepala desa, Rabu (13/3/2019). Air surut pukul 05.00 WIB.")
    got = {t["text"]: t["value"] for t in tags(text)}
    assert got["pukul 23.00 WIB"] == "2019-03-01T23:00"
    assert got["pukul 05.00 WIB"] == "2019-03-01T05:00"   # "disampaikan …, Rabu" dates the speech only


def test_deictic_expressions_keep_the_dct():
    text = "Longsor terjadi pada Sabtu (2/3/2019). Kemarin, tim SAR menemukan korban ketiga."
    assert by_text(text)["Kemarin"]["value"] == "2019-03-13"


def test_without_a_narrative_date_anaphora_falls_back_to_the_dct():
    got = by_text("Sirene berbunyi pukul 07.30 WIB. Dua hari kemudian warga kembali.")
    assert got["pukul 07.30 WIB"]["value"] == "2019-03-14T07:30" and "anchor_date" not in got["pukul 07.30 WIB"]
    assert got["Dua hari kemudian"]["value"] == "2019-03-16" and got["Dua hari kemudian"]["anchor"] == "DCT"


def test_bare_weekday_takes_the_nearest_occurrence():
    # DCT Thursday: Wednesday is yesterday, Friday tomorrow, Monday this week's
    assert by_text("Rapat digelar pada Rabu.")["Rabu"]["value"] == "2019-03-13"
    assert by_text("Pertemuan berikutnya pada Jumat di Jakarta.")["Jumat"]["value"] == "2019-03-15"
    assert by_text("Ia ditangkap pada Senin di rumahnya.")["Senin"]["value"] == "2019-03-11"
    assert by_text("Ia ditangkap pada Senin lalu.")["Senin lalu"]["value"] == "2019-03-11"


def test_cli_writes_one_time_tag(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Banjir di Bekasi\n\nAir mulai naik Minggu (10/3/2019) pukul 03.00 WIB. "
                   "Saat ini warga mengungsi ke masjid.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", str(src), "--db", str(tmp_path / "p.db"),
                    "--out", str(out), "--reference-date", DCT, "--no-progress"], check=True, capture_output=True)
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    got = {t["text"]: (t["type"], t["value"]) for t in rec["timexes"]}
    assert got["Minggu (10/3/2019) pukul 03.00 WIB"] == ("TIME", "2019-03-10T03:00")
    assert got["Saat ini"] == ("DATE", "PRESENT_REF")
    for t in rec["timexes"]:
        assert rec["text"][t["span"][0]:t["span"][1]] == t["text"]


def test_look_backs_and_contradicted_dates_do_not_move_the_narrative():
    text = ("Harga turun pada Rabu (13/3/2019). Keputusan itu diambil pada 20 Februari 2019 lalu. "
            "Pasar dibuka pukul 09.00 WIB.")
    assert by_text(text)["pukul 09.00 WIB"]["value"] == "2019-03-13T09:00"
    # 14 March 2019 was a Thursday: "Selasa (14/3/2019)" is a typo and no reference
    text = "Banjir datang Selasa (14/3/2019). Air surut pukul 10.00 WIB."
    got = by_text(text)
    assert got["Selasa (14/3/2019)"]["conflict"] == "weekday"
    assert got["pukul 10.00 WIB"]["value"] == "2019-03-14T10:00" and "anchor_date" not in got["pukul 10.00 WIB"]


def test_a_full_stop_after_a_month_name_is_not_part_of_the_date():
    assert [t["text"] for t in tags("Sidang ditunda hingga 27 Maret.")] == ["27 Maret"]
    assert [t["text"] for t in tags("Sidang ditunda hingga 27 Mar. 2019")] == ["27 Mar. 2019"]


def test_fixed_holidays_and_seasons():
    got = by_text("Permintaan naik menjelang Natal dan Tahun Baru, saat musim dingin.", "2014-12-20")
    assert got["Natal"]["value"] == "2014-12-25"
    assert got["Tahun Baru"]["value"] == "2015-01-01"
    assert got["musim dingin"]["value"] == "2014-WI"
    assert not tags("Libur Tahun Baru Imlek diperpanjang.", "2014-12-20")
    assert not tags("Kami menyambut tahun baru dengan doa.", "2014-12-20")  # a new year, not the holiday


def test_deictic_words_in_a_quote_count_from_when_it_was_said():
    # the reporting clause's day, after the quote or before it
    got = by_text('"Hari ini, kapal kami ditembaki," kata juru bicara itu, Selasa (12/3).')
    assert got["Hari ini"]["value"] == "2019-03-12" and got["Hari ini"]["anchor"] == "speech"
    got = by_text('Juru bicara itu mengatakan pada Selasa (12/3): "Tadi malam kapal kami ditembaki."')
    assert got["Tadi malam"]["value"] == "2019-03-11TNI" and got["Tadi malam"]["anchor_date"] == "2019-03-12"
    # no day in the reporting clause: the narrative's day when the quote is read
    got = by_text('Kapal itu ditembaki pada Senin (11/3/2019). "Pagi ini kapal kami diserang," '
                  'demikian pernyataan kedutaan.')
    assert got["Pagi ini"]["value"] == "2019-03-11TMO" and got["Pagi ini"]["anchor_date"] == "2019-03-11"
    # outside a quote, and in a quote with no earlier day told, they keep the DCT
    got = by_text('Kapal itu ditembaki pada Senin (11/3/2019). Hari ini kapal itu kembali berlayar.')
    assert got["Hari ini"]["value"] == "2019-03-14" and "anchor" not in got["Hari ini"]
    got = by_text('"Hari ini kapal kami ditembaki," kata juru bicara itu.')
    assert got["Hari ini"]["value"] == "2019-03-14" and "anchor" not in got["Hari ini"]
    # a narrative day more than a week before the publication is history told, not when the quote was said
    got = by_text('Kapal itu tenggelam pada Jumat (1/2/2019). "Hari ini kami berduka," kata juru bicara itu.')
    assert got["Hari ini"]["value"] == "2019-03-14"
    # never a day after the publication: a reporting day ahead of it changes nothing
    got = by_text('"Hari ini kami berlayar," kata juru bicara itu, Jumat (15/3).')
    assert got["Hari ini"]["value"] == "2019-03-14"
