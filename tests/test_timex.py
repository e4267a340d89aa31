import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pantau.stages import timex
from pantau.evaluate import timex as timex_eval

DCT = "2016-09-29"  # a Thursday

WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def one(text, dct=DCT):
    found = timex.extract_timexes(text, dct)
    assert found, f"nothing found in {text!r}"
    for t in found:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
    return found[0]


@pytest.mark.parametrize("text,typ,value", [
    ("Ia tiba kemarin.", "DATE", "2016-09-28"),
    ("Serangan terjadi dua hari lalu.", "DATE", "2016-09-27"),
    ("Ia ditangkap Selasa (30/12/2014) malam.", "TIME", "2014-12-30TNI"),
    ("Aleppo jatuh pada 22 Desember 2016.", "DATE", "2016-12-22"),
    ("Rapat dimulai pukul 10.00 WIB.", "TIME", "2016-09-29T10:00"),
    ("Sekitar 400 orang tewas selama 1 minggu.", "DURATION", "P1W"),
    ("Mereka kehilangan desa dalam 24 jam.", "DURATION", "PT24H"),
    ("perjuangan hampir enam bulan", "DURATION", "P6M"),
    ("bertempur selama akhir pekan", "DATE", "2016-W38-WE"),
    ("Serangan kedua pada awal Desember", "DATE", "2016-12"),
    ("perang sejak Juli lalu", "DATE", "2016-07"),
    ("Pada September lalu pasukan masuk", "DATE", "2015-09"),
    ("protes pada tahun 2011", "DATE", "2011"),
    ("Ledakan dalam serangan semalam.", "TIME", "2016-09-28TNI"),
    ("akan terjadi dalam beberapa minggu", "DATE", "FUTURE_REF"),
    ("Pada Minggu (4/12) pasukan maju", "DATE", "2016-12-04"),
])
def test_issue_examples(text, typ, value):
    t = one(text)
    assert (t["type"], t["value"]) == (typ, value)


def test_month_lalu_is_before_dct():
    assert one("Pada September lalu", "2016-12-22")["value"] == "2016-09"
    assert one("pada akhir Juli", "2016-12-22") == {**one("pada akhir Juli", "2016-12-22"), "value": "2016-07", "mod": "END"}


def test_chained_weekday_uses_previous_date_in_sentence():
    text = ("operasi besar untuk menduduki Aleppo, pada Kamis (22/9) pekan lalu, "
            "pasca mencabut gencatan senjata di hari Senin.")
    found = timex.extract_timexes(text, DCT)
    values = {t["text"]: t["value"] for t in found}
    assert values["Kamis (22/9) pekan lalu"] == "2016-09-22"
    assert values["hari Senin"] == "2016-09-19"


def test_weekday_conflict_flagged():
    t = one("pada Senin (7/8)", "2016-08-09")  # 7 Aug 2016 was a Sunday
    assert t["value"] == "2016-08-07" and t.get("conflict") == "weekday"


def test_unknown_dct_keeps_x():
    assert one("Minggu (7/8)", None)["value"] == "XXXX-08-07"
    assert one("serangan semalam", None)["value"] == "PREV_NIGHT"


def test_age_is_not_a_duration():
    assert not [t for t in timex.extract_timexes("pria berusia 30 tahun itu", DCT) if t["type"] == "DURATION"]


def test_seed_gold_value_accuracy(shared):
    figures = timex_eval.run(shared)
    assert figures["seeds"]["value_accuracy"] >= 0.9, figures["seeds"]["errors"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    for t in timex.extract_timexes(text, "2017-03-01"):
        assert text[t["span"][0]:t["span"][1]] == t["text"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.integers(min_value=0, max_value=20))
def test_generated_weekday_dates_resolve_back(day, lag):
    phrase = f"kata dia, {WEEKDAYS[day.isoweekday() - 1]} ({day.day}/{day.month})."
    dct = day + dt.timedelta(days=lag)
    t = one(phrase, dct.isoformat())
    assert t["value"] == day.isoformat()
    assert "conflict" not in t
