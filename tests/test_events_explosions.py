"""Explosions/Remote violence: the trigger rows of pantau/data/events/triggers.tsv for missiles, jets and
bombs (headline bare verbs, aspect words, a bomb that went off; no interceptor, no "berbeda dengan
rudal"), a fear of an explosion, an explosion named again ("ledakan tersebut"), the bracketed date that
says which weekday, a scenario headline; and the hand-labelled sheets that measure them
(tests/data/events_explosions_indosum.tsv, tests/data/events_explosions_indonews2025.tsv, scored by
scripts/eval_explosions_sheet.py)."""
import pathlib
import subprocess
import sys

import handmade
import pytest
from handmade import place

from pantau.stages import events

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXPLOSIONS = "Explosions/Remote violence"
MONDAY = {"text": "Senin (8/8)", "type": "DATE", "value": "2016-08-08"}


NAMES = {"Israel": place("Israel", "IL"), "Iran": place("Iran", "IR"),
         "Teheran": place("Tehran", "IR", "city"), "Rawajati": place("Rawajati", "ID", "city")}


def record(text, days=(MONDAY,), body_start=0, published="2016-08-09"):
    """A record as the earlier stages leave it, with the days and the names above written by hand."""
    return handmade.record(text, NAMES, days, body_start, published)


def explosions(text, **kw):
    return [e for e in events.run(record(text, **kw))["events"] if e["event_type"] == EXPLOSIONS]


def test_a_headline_bare_verb_fires_missiles():
    assert explosions("Iran kembali tembakkan rudal ke Israel pada Senin (8/8).")
    assert explosions("Rudal Iran hujani Israel pada Senin (8/8).")


def test_an_aspect_word_may_stand_between_the_missiles_and_their_verb():
    assert explosions("Rudal-rudal Iran yang tengah menghujani langit Israel pada Senin (8/8) terlihat dari Lebanon.")


def test_with_missiles_is_an_attack_only_after_an_attack_verb():
    assert explosions("Iran menyerang wilayah Israel dengan rudal hipersonik pada Senin (8/8).")
    assert not explosions("Berbeda dengan rudal berbahan bakar cair, rudal ini tak perlu diisi sebelum peluncuran.")


def test_a_weapon_used_on_a_target_is_a_strike_and_one_described_is_none():
    assert explosions('IRGC mengatakan mereka menggunakan "rudal Sejjil super berat dalam gelombang ke-12 untuk '
                      'menargetkan sejumlah lokasi di Israel pada Senin (8/8).')
    assert explosions("Israel tuduh Iran gunakan bom curah ke wilayah padat penduduk pada Senin (8/8).")
    assert not explosions("Ini menjadi kali pertama Iran menggunakan rudal tersebut dalam konflik antara Iran dan Israel.")


def test_an_interceptor_fired_is_no_attack():
    assert not explosions("Peluncur di Israel menembakkan rudal pencegat Tamir pada Senin (8/8).")


def test_jets_that_attack_need_no_word_for_fighter():
    # the plain "menyerang" with no day of its own and a missile factory named as the target gives no
    # type; the jets that attacked are the strike
    got = explosions("Militer Israel mengatakan 50 jet Israel telah menyerang sekira 20 target di Teheran semalam, "
                     "termasuk situs yang memproduksi komponen untuk rudal.")
    assert [e["sub_event_type"] for e in got] == ["Air/drone strike"]


def test_a_bomb_that_went_off_is_an_explosion_and_a_fear_of_one_is_none():
    assert [e["sub_event_type"] for e in explosions("Sebuah bom meledak di Rawajati pada Senin (8/8).")] == \
        ["Remote explosive/landmine/IED"]
    assert not explosions("Saya takut bom tersebut meledak, maka saya bawa menjauh dari Rawajati.")


def test_an_explosion_named_again_just_after_is_the_same_event():
    text = "Ledakan bom terjadi di Rawajati pada Senin (8/8). Tiga polisi gugur akibat ledakan tersebut."
    got = explosions(text)
    second = text.index("Tiga")
    assert len(got) == 1
    assert any(x["span"][0] == second for x in got[0].get("also_evidence") or []), got
    # far from any explosion told, "ledakan itu" with no place and day of its own stays no event
    far = ("Ledakan bom terjadi di Rawajati pada Senin (8/8). Warga berkumpul. Pasar tetap buka. Sekolah libur. "
           "Perusahaan mengaitkan ledakan itu dengan anomali.")
    got = explosions(far)
    assert len(got) == 1 and not any(x["span"][0] >= far.index("Perusahaan") for x in got[0].get("also_evidence") or [])


def test_the_date_in_brackets_says_which_weekday():
    # "Jumat malam" alone was read as the Friday after publication; "(13/6/2025)" says which one
    days = ({"text": "Jumat malam", "type": "TIME", "value": "2025-06-20TNI"},
            {"text": "13/6/2025", "type": "DATE", "value": "2025-06-13"})
    got = explosions("Serangan udara balasan Iran ke Israel pada Jumat malam (13/6/2025) lalu mengenai Iron Dome.",
                     days=days, published="2025-06-19")
    assert [e["date"]["value"] if "value" in e["date"] else e["date"].get("date") for e in got] == ["2025-06-13"], got


def test_a_scenario_headline_makes_its_acts_imagined():
    body = "Iran melancarkan serangan rudal ke Israel pada Senin (8/8)."
    title = "Skenario Perang Dunia III, Ngeri Jika Terjadi\n\n"
    assert explosions(body)
    rec = events.run(record(title + body, body_start=len(title)))
    assert not [e for e in rec["events"] if e["event_type"] == EXPLOSIONS]
    assert any(s["event_type"] == EXPLOSIONS and s["modality"] == "hypothetical" for s in rec["statements"])


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "indonews-2025").is_dir()
                    or not (ROOT.parent / "shared" / "corpus" / "indosum").is_dir(), reason="needs ../shared/corpus")
def test_the_sheet_figures_hold():
    out = subprocess.run([sys.executable, "scripts/eval_explosions_sheet.py"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    both = out.split("both:")[1]
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in both.splitlines() if line.startswith("| ") and "---" not in line}
    hits, misses, false_alarms = (int(rows["all"][i]) for i in (1, 2, 4))
    # 34 of 52 with 12 false alarms at d186e53
    assert hits >= 41 and false_alarms <= 6, out


def test_missiles_that_broke_through_the_defence_are_a_strike_and_defence_talk_is_none():
    assert explosions("Rudal-rudal Fattah berhasil menembus sistem pertahanan udara Israel pada Senin (8/8).")
    assert not explosions("Sistem pertahanan udara Israel dirancang untuk mencegat roket yang ditembakkan ke Israel.")


def test_an_exchange_back_and_forth_and_a_rule_of_thumb_are_no_one_strike():
    assert not explosions("Internet Iran padam di tengah ketegangan setelah beberapa hari serangan rudal bolak-balik dengan Israel.")
    assert not explosions("Semakin banyak rudal yang diluncurkan ke arah Anda, semakin luas perlindungan yang dibutuhkan.")


def test_the_day_before_setelah_is_the_aftermath_and_the_act_keeps_its_own():
    days = ({"text": "Rabu", "type": "DATE", "value": "2025-06-18"},
            {"text": "semalam", "type": "TIME", "value": "2025-06-17TNI"})
    got = explosions("Ribuan orang mengungsi dari Teheran pada Rabu setelah pesawat tempur Israel mengebom kota tersebut "
                     "semalam.", days=days, published="2025-06-18")
    assert [(e["date"]["earliest"], e["date"]["latest"]) for e in got] == [("2025-06-17", "2025-06-17")], got


def test_the_explosion_of_a_bomb_needs_no_day_of_its_own_and_a_bare_explosion_does():
    assert [e["sub_event_type"] for e in explosions("Anak-anak itu meneriakkan yel setelah ledakan bom di Rawajati.")] == \
        ["Remote explosive/landmine/IED"]
    assert not explosions("Anak-anak itu meneriakkan yel setelah ledakan di Rawajati.")
