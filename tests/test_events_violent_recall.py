"""Violent acts the events stage must find: abductions and killings of civilians by armed men named as a
group, force used on protesters, inmates that riot, and clashes that name a crowd of protesters,
anarchists or inmates on a side (pantau/data/events triggers.tsv, connectives.tsv, actor_words.tsv). Each
test runs the whole pipeline on hand-written sentences, with a look-alike the rule must leave alone."""

import handmade

PUB = "2017-04-07"


def analysed(tmp_path, body, pub=PUB):
    return handmade.analysed(tmp_path, body, pub, "Kabar Dunia")


def types(tmp_path, body):
    return sorted((e["event_type"], e["sub_event_type"]) for e in analysed(tmp_path, body)["events"])


ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
ATTACK = ("Violence against civilians", "Attack")
EXCESSIVE = ("Protests", "Excessive force against protesters")
MOB = ("Riots", "Mob violence")


def test_armed_men_named_as_a_group_are_an_armed_group_not_a_crowd(tmp_path):
    # actor_words.tsv: "orang-orang bersenjata", "sekelompok pria bersenjata" (an unidentified armed group)
    assert types(tmp_path, "Orang-orang bersenjata menculik 20 warga di Desa Kankara, Nigeria, Senin (3/4).") \
        == [ABDUCTION]
    assert types(tmp_path, "Sekelompok pria bersenjata menculik tiga pekerja asing di Kota Zamboanga, "
                           "Filipina, Senin (3/4).") == [ABDUCTION]
    # youths with knives and machetes ("bersenjata tajam") are a brawling crowd still
    assert types(tmp_path, "Sekelompok pemuda bersenjata tajam menyerang warga di Kampung Pulo, Jakarta Timur, "
                           "Kamis (6/4).") == [MOB]
    # a kidnapping by no armed group is a crime, not coded
    assert types(tmp_path, "Seorang pria menculik anak tetangganya di Kota Bogor, Senin (3/4).") == []


def test_hostage_taking_and_the_headline_verb_are_abductions(tmp_path):
    # triggers.tsv: "menyandera" with people as its object; "culik", the headline form of "menculik"
    assert types(tmp_path, "Abu Sayyaf menyandera enam awak kapal tunda asal Indonesia di perairan Sulu, "
                           "Filipina, Kamis (6/4).") == [ABDUCTION]
    assert types(tmp_path, "Milisi culik 30 pelajar di Kaduna, Nigeria, Kamis (6/4).") == [ABDUCTION]
    # the verb said of bills and rights, as politics uses it, takes no hostage
    assert types(tmp_path, "Pemerintah dinilai menyandera hak-hak buruh dengan kebijakan baru, kata aktivis di "
                           "Jakarta, Kamis (6/4).") == []
    # a hostage crisis told of a film is no event
    assert types(tmp_path, "Film itu bercerita tentang pembebasan sandera di Somalia.") == []


def test_people_named_by_age_or_calling_are_civilian_targets(tmp_path):
    # connectives.tsv civilian_target: "pemuda", "remaja", "pendeta", "penambang", "sandera" ...
    assert types(tmp_path, "Seorang pendeta tewas ditembak kelompok bersenjata di Intan Jaya, Papua, "
                           "Kamis (6/4).") == [ATTACK]
    assert types(tmp_path, "Militan ISIS memenggal seorang sandera asal Jepang di Raqqa, Suriah, Kamis (6/4).") \
        == [ATTACK]
    assert types(tmp_path, "Orang-orang bersenjata tak dikenal membunuh 10 penambang di Provinsi Balochistan, "
                           "Pakistan, Senin (3/4).") == [ATTACK]
    assert types(tmp_path, "Seorang remaja Palestina ditembak mati pasukan Israel di Jalur Gaza, Kamis (6/4).") \
        == [ATTACK]
    # a woman robbed is crime news's victim, not a civilian target; no armed party: a crime, not coded; an
    # armed target first makes it a battle
    assert types(tmp_path, "Pria bersenjata merampok toko emas dan menembak seorang wanita di Medan, Kamis (6/4).") \
        == []
    assert types(tmp_path, "Seorang remaja tewas ditusuk temannya di Kota Bekasi, Kamis (6/4).") == []
    assert types(tmp_path, "Militan menyerang pos polisi di Sinai Utara, Mesir, Kamis (6/4), dan menewaskan "
                           "lima polisi serta seorang remaja.") == [("Battles", "Armed clash")]


def test_protesters_shot_are_excessive_force_against_protesters(tmp_path):
    # triggers.tsv: "menembak (mati) … demonstran", "pengunjuk rasa … tewas ditembak"
    assert EXCESSIVE in types(tmp_path, "Polisi Kenya menembak mati dua demonstran dalam unjuk rasa menentang "
                                        "hasil pemilu di Kisumu, Kamis (6/4).")
    assert types(tmp_path, "Dua pengunjuk rasa tewas ditembak aparat keamanan di Khartoum, Sudan, Kamis (6/4).") \
        == [EXCESSIVE]
    # denied: a statement, no event
    assert types(tmp_path, "Polisi tidak menembak demonstran di Jakarta, Kamis (6/4), kata juru bicara.") == []


def test_inmates_that_fight_or_riot_are_a_crowd(tmp_path):
    # connectives.tsv crowd: "napi", "narapidana", "tahanan"; triggers.tsv: inmates who burn their prison
    assert types(tmp_path, "Bentrokan antara napi terjadi di Lembaga Pemasyarakatan Bentiring, Kota Bengkulu, "
                           "Kamis (6/4).") == [MOB]
    assert types(tmp_path, "Sejumlah narapidana mengamuk dan membakar Lapas Kerobokan, Bali, Kamis (6/4).") == [MOB]
    # a clash of no crowd nor inmates stays a battle
    assert types(tmp_path, "Bentrokan antara tentara dan pemberontak terjadi di Kota Marawi, Filipina, "
                           "Kamis (6/4).") == [("Battles", "Armed clash")]


def test_a_clash_naming_protesters_anarchists_or_inmates_on_a_side_needs_no_day(tmp_path):
    # triggers.tsv: "bentrokan antara kelompok anarkis dan polisi", "bentrokan tahanan dengan petugas"
    riots = {t for t in types(tmp_path, "Unjuk rasa buruh berjalan damai. Namun sempat terjadi bentrokan antara "
                                        "kelompok anarkis dan polisi di Paris.") if t[0] == "Riots"}
    assert riots
    assert MOB in types(tmp_path, "Sekitar 250 tahanan kabur. Pemicunya bentrokan tahanan dengan petugas Rutan "
                                  "Sialang Bungkuk di Pekanbaru.")
    # the bare word with no side named still needs its day
    assert types(tmp_path, "Sekitar 250 orang mengungsi. Pemicunya bentrokan di Kota Pekanbaru.") == []


def test_the_police_who_report_or_pursue_a_killing_did_not_do_it(tmp_path):
    # events._own_subject: a perpetrator, a pronoun or a "yang" clause's head between the force and the verb
    assert types(tmp_path, "Menurut polisi, pelaku menembak seorang warga di Bekasi, Kamis (6/4).") == []
    assert types(tmp_path, "Polisi menangkap pria yang membunuh seorang warga di Bekasi, Kamis (6/4).") == []
    assert types(tmp_path, "Dari penyelidikan pihak kepolisian, ia juga telah membunuh dua warga di Padang, "
                           "Kamis (6/4).") == []
    # a suspect the police shoot is no civilian target
    assert types(tmp_path, "Polisi menembak kaki seorang remaja pelaku begal di Medan, Kamis (6/4).") == []
    # an armed group named right before its verb, or before "yang", still did it
    assert types(tmp_path, "Kelompok bersenjata yang menculik 20 warga di Desa Kankara, Nigeria, Senin (3/4), "
                           "meminta tebusan.") == [ABDUCTION]
    assert types(tmp_path, "Pasukan keamanan Myanmar menembaki warga Rohingya di Maungdaw, Rakhine, Kamis (6/4).") \
        == [ATTACK]
