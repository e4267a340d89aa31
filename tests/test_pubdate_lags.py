"""The learned publication-lag model and the future/schedule cues (data/time/)."""
import datetime as dt

import pytest

from pantau.stages import pubdate, timex

WINDOW = ("2016-01-01", "2018-12-31")


def _pair(text, needle):
    return next(c for c in timex.find_mentions(text) if text[c["start"]:c["end"]].startswith(needle))


def test_shipped_lag_file_has_provenance_and_a_next_day_peak():
    path = pubdate.DATA / "pubdate_lags.tsv"
    head = path.read_text(encoding="utf-8").splitlines()
    assert any("scripts/fit_pubdate_lags.py" in ln for ln in head if ln.startswith("#"))
    assert any("Held-out" in ln for ln in head if ln.startswith("#"))
    rows = timex.read_tsv(path)
    assert rows and all(r["source"].startswith("IndoSum dev") for r in rows)
    model = pubdate.lag_model()
    latest = model["kinds"]["latest"]
    # IndoSum stamps mostly fall 1–2 days after the latest reported weekday date
    assert max(latest, key=latest.get) in (1, 2)
    assert latest[1] + latest[2] > 0.6 and latest[-3] < 0.02
    assert abs(sum(model["dateline"]) - 1) < 1e-9


@pytest.mark.parametrize("text,needle,future", [
    ("Tim itu akan menghadapi tuan rumah Martapura FC di Kalimantan Selatan pada Minggu (30/4/2017).",
     "Minggu", True),                                    # "akan" far from the date
    ("Pertandingan digelar Kamis (16/11) pagi WIB mendatang.", "Kamis", True),
    ("Wiranto dijadwalkan mengunjungi Nauru pada Senin (29/1/2018).", "Senin", True),
    ("\"Kami akan terus berjuang,\" kata Ahmad di Jakarta, Senin (5/6).", "Senin", False),
    ("Ia mengatakan akan maju, menurut juru bicaranya, Senin (5/6).", "Senin", False),
    ("Pasangan bakal calon gubernur dipertemukan Rabu ini (19/10).", "Rabu", False),
    ("Akan tetapi polisi menangkapnya pada Minggu (31/12).", "Minggu", False),
    ("Ia datang pada Senin (5/6). Ia akan kembali besok.", "Senin", False),  # next sentence
])
def test_future_and_schedule_cues(text, needle, future):
    assert pubdate.is_future(text, _pair(text, needle)) is future


def test_cue_kinds():
    t = "Tim bersiap menuju laga kontra Arema, Sabtu (15/4/2017). Laga sebelumnya hingga Minggu (9/4)."
    assert pubdate.pair_kind(t, _pair(t, "Sabtu")) == "preview"
    assert pubdate.pair_kind(t, _pair(t, "Minggu")) == "range_end"
    t = "Hal itu disampaikannya kemarin, Rabu (3/5). Laga Selasa (2/5) lalu berakhir imbang."
    assert pubdate.pair_kind(t, _pair(t, "Rabu")) == "yesterday"
    assert pubdate.pair_kind(t, _pair(t, "Selasa")) == "lalu"


def test_only_announced_dates_put_the_day_before_them():
    text = "Final akan digelar pada Sabtu (9/12/2017) mulai pukul 14.00 WIB."
    pub = pubdate.infer_publication(text, WINDOW)
    assert pub["date"] <= "2017-12-09" and pub["confidence"] <= 0.5
    assert any("announced" in b for b in pub["basis"])


def test_the_lag_model_decides_the_day():
    # a model in which publication always comes five days after the latest mention
    rows = [{"kind": "latest", "lag": "5", "count": "500", "source": "test"}]
    model = pubdate.build_lag_model(rows)
    pub = pubdate.infer_publication("Ia berbicara di Jakarta, Senin (5/6).", WINDOW, lags=model)
    assert pub["date"] == "2017-06-10"
    assert pubdate.infer_publication("Ia berbicara di Jakarta, Senin (5/6).", WINDOW)["date"] in (
        "2017-06-06", "2017-06-07")


def test_cue_lags_for_fitting():
    text = "Ia berbicara di Jakarta, Senin (5/6). Laga akan digelar Sabtu (10/6)."
    lags = dict(pubdate.cue_lags(text, dt.date(2017, 6, 6), WINDOW))
    assert lags == {"latest": 1, "future": -4}
