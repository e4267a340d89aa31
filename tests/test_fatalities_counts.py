"""Counts of the dead said in ways the fatality rules first missed, on hand-written sentences: a count
and its cue parted by an aside, counts split over clauses ("12 tewas, sementara satu orang lainnya
meninggal"), a named person with a reporting word before the cue, and through the CLI. The sheet these
rules were made on is tests/data/fatalities_counts.tsv (scripts/eval_fatalities.py --sheet)."""
import pytest

from pantau.stages import numbers


def role_of(text, phrase):
    found = {n["text"]: n["role"] for n in numbers.extract_numbers(text)}
    assert phrase in found, found
    return found[phrase]


@pytest.mark.parametrize("text,phrase", [
    # an aside set off by commas names who is counted
    ("Pada Sabtu, setidaknya 12 warga desa, termasuk perempuan dan anak-anak, tewas dalam serangan itu.",
     "setidaknya 12 warga"),
    # names and ages in brackets between the count and its cue
    ("Ledakan itu mengakibatkan dua orang, Budi Santoso (31) dan istrinya Sri (28) tewas di tempat.", "dua orang"),
    # a "yang" clause
    ("Sebanyak 9 orang petugas yang mengawal rombongan itu juga tewas.", "Sebanyak 9 orang"),
    # a part of the count inside the aside ("termasuk tiga anak-anak") is no other count
    ("Setidaknya 14 orang, termasuk tiga anak-anak, tewas dalam serangan itu.", "Setidaknya 14 orang"),
])
def test_a_count_parted_from_its_cue_by_an_aside_is_killed(text, phrase):
    assert role_of(text, phrase) == "killed"


@pytest.mark.parametrize("text,phrase", [
    # another count in the aside: the cue is that count's
    ("Lebih dari satu juta anak, dua juta wanita dan tiga juta pria tewas.", "Lebih dari satu juta anak"),
    # a new clause: the cue after the contrast word tells what happened to others
    ("Sebanyak 30 orang, sementara polisi masih berjaga, tewas.", "Sebanyak 30 orang"),
    # an age in brackets counts no one
    ("Korban bernama Budi (31), warga setempat, tewas di tempat.", "31"),
    # a cue past another count belongs to that count
    ("Gempa berkekuatan 6,2 SR mengakibatkan 5 orang meninggal dunia.", "6,2"),
])
def test_an_aside_with_another_count_or_clause_keeps_the_cue_from_the_count(text, phrase):
    assert role_of(text, phrase) != "killed"
