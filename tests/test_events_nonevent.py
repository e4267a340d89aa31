"""What is not an event (../shared/gold/events-dev/README.md: no plans, threats, hypotheticals, no history
older than ~60 days, no aggregates or running totals): the cues of pantau/data/events/modality.tsv and
connectives.tsv that keep such acts apart as statements, each on hand-written sentences run through the
whole pipeline, beside the same act told as one event."""
import json
import subprocess
import sys

import pytest

from pantau import pipeline

PUB = "2025-06-18"


def analysed(body, pub=PUB):
    raw = {"kind": "doc", "source": {"path": "a", "record": None, "url": None, "format": "json"}, "input_id": "a",
           "title": None, "body": "Kabar Timur Tengah\n\n" + body, "url": None, "outlet": None, "author": None,
           "published": pub, "meta": {}}
    return pipeline.analyze(raw)


def told(body, pub=PUB):
    """(event types, [(event type, kind or modality)] of the statements) of the article."""
    rec = analysed(body, pub)
    return ([e["event_type"] for e in rec["events"]],
            [(s["event_type"], s.get("kind") or s["modality"]) for s in rec["statements"]])


AIR = "Explosions/Remote violence"
ONE_STRIKE = "Israel melancarkan serangan udara ke Gaza pada Senin (16/6)."


def test_the_act_told_plainly_is_an_event():
    assert told(ONE_STRIKE) == ([AIR], [])


@pytest.mark.parametrize("sentence", [
    "Serangkaian serangan udara Israel menghantam Gaza.",                     # a series
    "Israel terus melancarkan serangan udara ke Gaza.",                        # a campaign going on
    "Israel dan Hizbullah saling menembakkan roket sejak Oktober.",             # two sides exchanging fire
    "Teheran telah berulang kali dibombardir pesawat Israel.",                 # again and again
    "Israel masih sering membombardir Gaza.",                                  # habitual
    "Dalam beberapa hari terakhir, Israel membombardir Gaza.",                 # over the last days
    "Pasukan Israel membombardir Gaza selama tiga bulan.",                     # over months
    "Sudah dua tahun Israel membombardir Gaza.",                               # for years
    "Sejak awal perang, serangan udara Israel di Gaza telah menewaskan 639 orang.",  # since the war began
])
def test_a_series_a_campaign_or_a_habit_is_an_aggregate(sentence):
    assert told(sentence) == ([], [(AIR, "aggregate")])


def test_a_cue_after_the_act_counts_too():
    assert told("Gaza diguncang serangan udara Israel yang datang bertubi-tubi.") == ([], [(AIR, "aggregate")])
    assert told("Gaza diguncang serangan udara Israel pada Senin (16/6).") == ([AIR], [])


def test_an_act_that_lasted_months_is_a_campaign_but_one_months_ago_is_an_act():
    assert told("Gaza hancur akibat serangan udara Israel empat bulan.") == ([], [(AIR, "aggregate")])
    assert told("Gaza hancur akibat serangan udara Israel dua minggu lalu.")[0] == [AIR]


def test_an_act_named_as_the_setting_of_a_conflict_is_an_aggregate():
    evs, stmts = told("Beberapa negara mengevakuasi warganya di tengah meningkatnya konflik kedua negara, yang "
                      "melibatkan serangan udara Israel ke Teheran.")
    assert AIR not in evs and (AIR, "aggregate") in stmts


@pytest.mark.parametrize("sentence", [
    "Warga Palestina menggelar demonstrasi mingguan di Nabi Saleh.",
    "May Day selama ini identik dengan aksi demonstrasi buruh di Jakarta.",
])
def test_weekly_or_customary_protests_are_an_aggregate(sentence):
    assert told(sentence) == ([], [("Protests", "aggregate")])


@pytest.mark.parametrize("sentence", [
    "Serangkaian serangan udara Israel menghantam Gaza pada Senin (16/6).",
    "Jet tempur Israel melakukan serangkaian serangan udara di Teheran selama beberapa jam terakhir.",
    "Israel dan Hizbullah saling menembakkan roket di perbatasan Lebanon pada Senin (16/6).",
    # the day a campaign began: its first act is an event, as "Sejak Jumat (13/6), Israel telah melancarkan …"
    "Sejak Kamis (12/6) malam, Teheran telah berulang kali dibombardir pesawat Israel.",
])
def test_a_wave_told_within_one_day_is_one_event(sentence):
    assert told(sentence)[0] == [AIR]


def test_a_day_that_is_when_it_was_said_makes_no_wave_of_that_day():
    assert told("Iran dan Israel terus saling tembak, kata kementerian luar negeri Inggris pada Rabu (18/6).") \
        == ([], [("Battles", "aggregate")])


def test_an_ongoing_war_is_no_clash_but_a_clash_of_a_day_is():
    # the 13 June date is the cause's, not the ongoing fire's
    evs, stmts = told("Kedua negara sedang terlibat kontak senjata, yang dipicu serangan Israel pada 13 Juni.")
    assert "Battles" not in evs and ("Battles", "aggregate") in stmts
    assert told("Pasukan TNI terlibat kontak senjata dengan KKB di Intan Jaya pada Senin (16/6).")[0] == ["Battles"]


def test_a_running_total_of_deaths_makes_its_attack_an_aggregate():
    assert told("Sedikitnya 24 orang tewas dalam serangan rudal Iran di Haifa sejak Jumat.") \
        == ([], [(AIR, "aggregate")])
    assert told("Serangan rudal Iran di Haifa menewaskan 4 orang pada Senin (16/6).")[0] == [AIR]


def test_what_once_happened_is_history():
    assert told("Kota itu pernah dibombardir pesawat Rusia.") == ([], [(AIR, "background")])


@pytest.mark.parametrize("body", [
    "Serangan paling mematikan terjadi tahun lalu di Prancis pada 14 Juli. Saat itu, seorang pria "
    "menabrakkan truk ke kerumunan di Nice dan menewaskan 86 orang.",
    "Abu Ridho ditangkap Densus 88 di Bekasi pada 23 Maret 2024. Dia ditangkap bersama tujuh terduga teroris.",
])
def test_a_sentence_going_on_with_a_time_long_past_is_history(body):
    evs, stmts = told(body)
    assert evs == [] and stmts and {k for _, k in stmts} == {"background"}, stmts


def test_a_sentence_of_now_after_history_is_news():
    evs, _ = told("Abu Ridho ditangkap Densus 88 di Bekasi pada 23 Maret 2024. Kini polisi menangkap tujuh "
                  "terduga teroris lainnya.")
    assert evs == ["Strategic developments"]


@pytest.mark.parametrize("sentence, kind", [
    ("Polisi berjaga untuk menghindari kerusuhan di Jakarta pada Senin (16/6).", ("Riots", "negated")),
    ("Warga berlindung di bunker untuk melindungi diri dari serangan rudal Iran di Haifa pada Senin (16/6).",
     (AIR, "negated")),
    ("Militer Israel memerintahkan evakuasi warga Teheran pada Senin (16/6).", ("Strategic developments", "planned")),
    ("Polisi boleh menangkap demonstran di Jakarta.", ("Strategic developments", "hypothetical")),
    ("Kata dia, evakuasi warga Gaza oleh militer Israel segera dilaksanakan.", ("Strategic developments", "planned")),
])
def test_an_act_avoided_guarded_against_ordered_or_allowed_is_a_statement(sentence, kind):
    evs, stmts = told(sentence)
    assert evs == [] and kind in stmts, stmts


def test_an_act_told_by_what_it_would_bring_is_hypothetical_unless_it_has_its_day():
    assert told("Menurut dia, serangan udara Israel ke Teheran bakal memicu perang besar.") \
        == ([], [(AIR, "hypothetical")])
    assert told("Menurut dia, serangan udara Israel ke Teheran pada Senin (16/6) bakal memicu perang besar.")[0] \
        == [AIR]


def test_the_same_acts_done_are_events():
    assert told("Massa membuat kerusuhan di Jakarta pada Senin (16/6).")[0] == ["Riots"]
    assert told("Militer Israel mengevakuasi warga Teheran pada Senin (16/6).")[0] == ["Strategic developments"]


def test_the_cli_keeps_an_aggregate_out_of_events(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "published": PUB, "text": "Kabar Timur Tengah\n\n"
                               "Serangkaian serangan udara Israel menghantam Gaza. " + ONE_STRIKE},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", str(src), "--out", str(out), "--db", "none",
                    "--quiet"], check=True)
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [e["evidence"]["text"] for e in rec["events"]] == [ONE_STRIKE]
    assert [(s["kind"], s["modality_cue"]["text"]) for s in rec["statements"]] == [("aggregate", "Serangkaian")]
