"""Recall rules of the event stage for acts told as background inside another story (written on
tests/data/events_indonews2025_train.tsv): each test runs the whole pipeline on hand-written sentences."""

import handmade

PUB = "2025-06-18"


def analysed(tmp_path, body, pub=PUB):
    return handmade.analysed(tmp_path, body, pub, "Kabar Timur Tengah")


def violent(rec):
    return [e for e in rec["events"] if e["event_type"] == "Explosions/Remote violence"]


def test_a_launch_after_sejak_is_dated_by_that_day_and_old_history_is_not_news(tmp_path):
    rec = analysed(tmp_path, "Sejak Jumat (13/6), Israel telah melancarkan serangan udara terhadap fasilitas nuklir "
                             "di Natanz. Harga minyak naik pada Rabu.")
    assert [(e["date"]["earliest"], e["date"]["latest"]) for e in violent(rec)] == [("2025-06-13", "2025-06-13")]
    old = analysed(tmp_path, "Sejak Maret 2023, Israel telah melancarkan serangan udara terhadap fasilitas nuklir "
                             "di Natanz. Harga minyak naik pada Rabu.")
    assert violent(old) == []
    held = analysed(tmp_path, "Dua aktivis yang ditahan polisi Mesir sejak Minggu (15/6) lalu belum dibebaskan.")
    assert [e["date"]["earliest"] for e in held["events"]] == ["2025-06-15"]


def test_an_answer_to_an_attack_is_asserted_and_an_event_of_its_own(tmp_path):
    rec = analysed(tmp_path, "Israel mulai melancarkan serangan udara besar-besaran terhadap Iran pada Jumat lalu, "
                             "yang mendorong Iran untuk membalas dengan menembakkan rudal.")
    assert sorted((e["place"] or {}).get("name") for e in violent(rec)) == ["Iran", "Israel"]
    assert not [s for s in rec["statements"] if s["modality"] == "planned"]
    # what "pembalasan atas" names is the cause, not an answer: one attack
    cause = analysed(tmp_path, "Iran menembakkan 30 rudal ke Haifa pada Senin (16/6), sebagai pembalasan atas "
                               "serangan udara Israel.")
    assert len(violent(cause)) == 1


def test_an_undated_act_does_not_merge_into_a_background_act_dated_days_before(tmp_path):
    background = ("Pada Jumat (13/6), jet tempur Israel membombardir Teheran. Harga minyak naik.\n"
                  "Israel kembali membombardir Teheran, kata saksi mata.")
    rec = analysed(tmp_path, "Harga minyak dunia naik pada Rabu. Pasar saham Asia melemah. " + background)
    assert sorted(e["date"].get("how") for e in violent(rec)) == ["publication", "text"]
    # the lead's own act told again later is one event
    assert len(violent(analysed(tmp_path, background))) == 1


def test_a_launched_bombing_is_an_event_in_either_spelling(tmp_path):
    for word in ("pemboman", "pengeboman"):
        rec = analysed(tmp_path, f"Warga asing meninggalkan Israel setelah negara itu meluncurkan {word} "
                                 "besar-besaran Jumat (13/6) lalu yang menargetkan fasilitas nuklir Iran.")
        assert [e["date"]["earliest"] for e in violent(rec)] == ["2025-06-13"], word


def test_a_campaign_of_attacks_is_no_one_act(tmp_path):
    rec = analysed(tmp_path, "Erdogan mengatakan Iran berhak membela diri dalam menghadapi kampanye serangan udara "
                             "Israel yang sedang berlangsung di Teheran.")
    assert violent(rec) == []
