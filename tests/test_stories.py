"""Cross-document analysis over hand-built records and a real store."""
import json

import pytest

from pantau import stories
from pantau.store import Store

BODY = ("Kementerian Kesehatan melaporkan jumlah korban keracunan makanan di Kabupaten Garut "
        "bertambah menjadi seratus dua puluh orang pada Senin malam setelah acara hajatan warga "
        "di Desa Sukamaju. Kepala Dinas Kesehatan Garut Leli Yuliani mengatakan sebagian besar "
        "korban sudah pulang dari puskesmas dan rumah sakit umum daerah dr Slamet. Sampel makanan "
        "telah dikirim ke laboratorium kesehatan daerah di Bandung untuk diperiksa lebih lanjut.")


def rec(id_, outlet, date, text, title=None, **extra):
    title = title or text[:40]
    full = f"{title}\n\n{text}"
    return {"id": id_, "outlet": {"name": outlet}, "published": {"date": date}, "title": title,
            "text": full, "body_start": len(title) + 2, "source": {"path": f"{id_}.txt"}, **extra}


def test_republication_first_publisher_and_silent_copy():
    records = [
        rec("a", "Antara", "2025-06-18", BODY, credited_sources=[]),
        rec("b", "Okezone", "2025-06-18", "Garut - " + BODY, credited_sources=[{"name": "ANTARA"}]),
        rec("c", "Kabar Garut", "2025-06-19", BODY.replace("Senin malam", "Senin"), credited_sources=[]),
        rec("d", "Tempo", "2025-06-18", "Harga cabai rawit di pasar induk Kramat Jati naik tajam " * 8),
    ]
    out = stories.duplicates(records)
    assert out["counts"]["republication_pairs"] == 3
    (group,) = out["groups"]
    assert group["first"]["id"] == "a" and group["first"]["certain"] is False  # a and b share the day
    assert [s["id"] for s in group["silent_copies"]] == ["c"]
    assert "d" not in {a["id"] for a in group["articles"]}
    assert "republication" in stories.format_duplicates(out)


def test_short_bodies_are_not_duplicates_of_each_other():
    records = [rec("x", "detikcom", "2025-06-18", "Foto"), rec("y", "detikcom", "2025-06-18", "Video")]
    assert stories.duplicates(records)["counts"]["pairs"] == 0


def test_same_outlet_series_is_not_a_story():
    a = stories._Light(rec("1", "Liputan6.com", "2025-06-19", BODY, title="IHSG Hari Ini 19 Juni 2025 Ditutup Melemah"),
                       keep_facts=False)
    b = stories._Light(rec("2", "Liputan6.com", "2025-06-19", BODY, title="IHSG Hari Ini 18 Juni 2025 Ditutup Melemah"),
                       keep_facts=False)
    ok, why = stories.story_link(a, b)
    assert not ok and "series" in why


OTHER = ("Tim nasional bulu tangkis Indonesia berangkat ke Jepang untuk turnamen Japan Open "
         "dengan membawa dua belas pemain utama termasuk Jonatan Christie dan Anthony Ginting.")


def story_records():
    """One story told by two outlets with different casualty numbers, an unrelated article, and the
    same words two months later (another story)."""
    n1 = {"text": "120 orang", "span": [0, 9], "value": 120, "role": "injured", "unit": "people"}
    n2 = {"text": "135 orang", "span": [0, 9], "value": 135, "role": "injured", "unit": "people"}
    return [
        rec("a", "detikcom", "2025-06-18", BODY, numbers=[n1]),
        rec("b", "Kompas.com", "2025-06-18", BODY.replace("seratus dua puluh", "seratus tiga puluh lima"),
            numbers=[n2]),
        rec("c", "Okezone", "2025-06-18", OTHER),
        rec("d", "Tempo", "2025-08-30", BODY),
    ]


def test_stories_cluster_across_outlets_and_flag_numbers():
    out = stories.stories(story_records())
    (story,) = out["stories"]
    assert [a["id"] for a in story["articles"]] == ["a", "b"]
    assert story["outlets"] == ["Kompas.com", "detikcom"]
    assert "Okezone" in story["not_covered_by"]
    (diff,) = story["number_disagreements"]
    assert {v["value"] for v in diff["values"]} == {120, 135}
    assert story["id"] in stories.format_stories(out)


def event(sub, date, place, actor1, lo=None, hi=None, precision="day", ev_type="Battles", admin1="Aleppo",
          side=None):
    return {"event_type": ev_type, "sub_event_type": sub,
            "date": {"value": date, "earliest": lo or date, "latest": hi or date, "precision": precision},
            "place": {"name": place, "admin1": admin1}, "actor1": {"canonical": actor1, "side": side},
            "evidence": {"text": "…", "span": [0, 1]}}


def test_timeline_merges_reports_and_tracks_control():
    records = [
        rec("s0", "portalpiyungan.com", "2016-08-08", "x",
            events=[event("Non-state actor overtakes territory", "2016-08-06", "Ramouseh", "Syrian opposition",
                          side="opposition")]),
        rec("s1", "Kiblat", "2016-08-07", "x",
            events=[event("Non-state actor overtakes territory", "2016-08-06", "Ramouseh", "Jaish al-Fatah",
                          side="opposition")]),
        rec("s2", "RBTH", "2016-12-23", "x",
            events=[event("Government regains territory", "2016-12-22", "Aleppo", "Syrian Arab Army"),
                    event("Government regains territory", "2016-09-30", "Aleppo", "Syrian government forces",
                          lo="2016-09-01", hi="2016-09-30", precision="month")]),
        rec("s3", "tabloid", "2024-12-01", "x",
            events=[event("Non-state actor overtakes territory", "2024-11-30", "Aleppo", "Hay'at Tahrir al-Sham"),
                    event("Air/drone strike", "2024-11-30", "Idlib", "Military Forces of Russia",
                          ev_type="Explosions/Remote violence", admin1="Idlib")]),
    ]
    out = stories.timeline(records, place="Aleppo")
    assert out["counts"] == {"reports": 5, "events": 4}  # the two Ramouseh reports are one event
    assert out["events"][0]["reports"] == 2 and out["events"][0]["outlets"] == ["Kiblat", "portalpiyungan.com"]
    control = [(p["from"], p["side"]) for p in out["control"]]
    assert control == [("2016-08-06", "contested"), ("2016-12-22", "government"), ("2024-11-30", "opposition")]
    assert "Control of Aleppo" in stories.format_timeline(out)
    by_actor = stories.timeline(records, actor="Hay'at Tahrir al-Sham")
    assert [e["date"] for e in by_actor["events"]] == ["2024-11-30"]


def test_timeline_shows_dated_announcements_apart_and_they_change_no_control():
    announced = event("Government regains territory", "2016-09-22", "Eastern Aleppo", "Syrian government")
    announced["date"]["how"] = "text"
    undated_plan = event("Government regains territory", "2016-09-30", "Aleppo", "Syrian government",
                         lo="2016-09-22", hi="2016-09-30", precision="week")
    undated_plan["date"]["how"] = "publication"
    hypothetical = dict(announced, modality="hypothetical")
    records = [rec("s4", "risalah", "2016-09-30", "x",
                   events=[event("Armed clash", "2016-09-24", "Handarat", "Syrian opposition")],
                   statements=[dict(announced, modality="planned"), dict(undated_plan, modality="planned"),
                               hypothetical])]
    out = stories.timeline(records, place="Aleppo")
    kinds = [(e["date"], e["kind"]) for e in out["events"]]
    # the undated plan and the hypothetical one are left out
    assert kinds == [("2016-09-22", "planned"), ("2016-09-24", "event")]
    assert out["control"] == []
    assert "(planned) Government regains territory" in stories.format_timeline(out)


def test_compare_and_profiles_over_a_store(tmp_path):
    def lab(label, actor, valence, voice="outlet"):
        return {"label": label, "actor": actor, "valence": valence, "voice": voice, "span": [0, len(label)],
                "attributed_to": None}
    st = Store(str(tmp_path / "p.db"))
    a = rec("a", "portalpiyungan.com", "2016-08-08", "Mujahidin maju")
    a["framing"] = {"labels": [lab("Mujahidin", "Syrian opposition", "legitimizing")],
                    "slant": {"label": "pro-opposition", "score": 1.0, "evidence": []}}
    b = rec("b", "RBTH", "2016-12-23", "teroris kalah")
    b["framing"] = {"labels": [lab("teroris", "Syrian opposition", "delegitimizing"),
                               lab("teroris", "Syrian opposition", "delegitimizing", "quoted")],
                    "slant": {"label": "pro-government", "score": -1.0, "evidence": []}}
    for i, r in enumerate((a, b)):
        st.put(r, f"h{i}")
    st.commit()
    out = stories.compare(st, "Syrian opposition")
    rows = {o["outlet"]: o for o in out["outlets"]}
    assert rows["RBTH"]["labels"][0]["count"] == 2
    assert rows["RBTH"]["labels"][0]["voices"] == {"outlet": 1, "quoted": 1}
    assert rows["portalpiyungan.com"]["labels"][0]["label"] == "Mujahidin"
    prof = {o["outlet"]: o for o in stories.profiles(st)["outlets"]}
    assert prof["RBTH"]["slant"] == {"pro-government": 1}
    json.dumps(out), json.dumps(stories.stories(st)), json.dumps(stories.timeline(st, place="Aleppo"))
    assert "Mujahidin" in stories.format_compare(out)
    st.close()


def test_checked_story_pairs_are_precise_enough():
    from pantau.evaluate.framing import checked_precision

    got = checked_precision()
    if got is None:
        pytest.skip("no hand-checked sample yet")
    assert got["pairs"] == 50 and got["precision"] >= 0.9
