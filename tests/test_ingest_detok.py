"""Detokenising IndoSum paragraphs into text that reads like the original article."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.ingest.detok import detokenize, detokenize_paragraphs

# token lists are real IndoSum dev sentences (or pieces of them)
CASES = [
    (["Kan", "bisa", "saling", "melengkapi", ",", "negara", "lain", "bisa", "masa", "kita", "enggak", "bisa",
      ",", "\"", "ucap", "Zulkifli", "di", "Gedung", "DPR", ",", "Senayan", ",", "Jakarta", "Pusat", ",",
      "Senin", "(", "27", "/", "3", ")", "."],
     'Kan bisa saling melengkapi, negara lain bisa masa kita enggak bisa," ucap Zulkifli di Gedung DPR, '
     'Senayan, Jakarta Pusat, Senin (27/3).'),
    (["\"", "Tidak", "hanya", "tarif", "tapi", "apa", "saja", "harus", "diatur", "."],
     '"Tidak hanya tarif tapi apa saja harus diatur.'),
    (["Baca", "juga", ":", "Setya", "Novanto", ":", "Jangan", "Sampai", "Kisruh"],
     "Baca juga: Setya Novanto: Jangan Sampai Kisruh"),
    (["[", "PageSix.com", "]"], "[PageSix.com]"),
    (["“", "Meskipun", "tahun", "berganti", ",", "Ronaldo", "akan", "tetap", "jadi", "sosok", "."],
     "“Meskipun tahun berganti, Ronaldo akan tetap jadi sosok."),
    (["Memang", "nature", "-nya", "bisnis", "hulu", "migas", "kan", "sharing", ",", "\"", "pungkas",
      "mantan", "bos", "PT", "Perkebunan", "Nasional", "III", "ini", "."],
     'Memang nature-nya bisnis hulu migas kan sharing," pungkas mantan bos PT Perkebunan Nasional III ini.'),
    (["(", "den", "/", "asa", ")"], "(den/asa)"),
    (["Jakarta", ",", "CNN", "Indonesia", "-", "-", "Seorang", "penggemar", "melakukan", "tindakan", "'",
      "gila", "'", "."],
     "Jakarta, CNN Indonesia -- Seorang penggemar melakukan tindakan 'gila'."),
    (["Meeting", "Owl", "saat", "ini", "sudah", "dipasarkan", "seharga", "$", "799", "."],
     "Meeting Owl saat ini sudah dipasarkan seharga $799."),
    (["yang", "cash", "US$", "300", "ribu", ",", "diperlukan", "segera", "untuk", "petinggi", "-",
      "petingginya", "dulu", "."],
     "yang cash US$ 300 ribu, diperlukan segera untuk petinggi-petingginya dulu."),
    (["tapi", "jika", "Madrid", "datang", "memanggil", "...", "\""], 'tapi jika Madrid datang memanggil..."'),
    (["bahwa", "60", "%", "eksekutif", "bisnis"], "bahwa 60% eksekutif bisnis"),
    (["terjadi", "bentrokan", "-", "bentrokan", "."], "terjadi bentrokan-bentrokan."),
    (["di", "menit", "ke", "-", "26", "."], "di menit ke-26."),
    (["dengan", "skor", "2", "-", "0", "di", "Old", "Trafford"], "dengan skor 2-0 di Old Trafford"),
    (["Suara.com", "-", "Sebuah", "pesawat", "milik"], "Suara.com - Sebuah pesawat milik"),
    (["pemanggilan", "Ketua", "DPR", "-", "RI", "Setya", "Novanto"], "pemanggilan Ketua DPR-RI Setya Novanto"),
    (["Kamis", "(", "24", "/", "8", "/", "2017", ")", "pukul", "10", ".", "30", "WIB"],
     "Kamis (24/8/2017) pukul 10.30 WIB"),
    (["harga", "Rp", "10.000", "per", "lembar"], "harga Rp 10.000 per lembar"),
    (["masing-masing", "\xa0", "anak-anak", "\r\n"], "masing-masing anak-anak"),
]


@pytest.mark.parametrize("tokens,expected", CASES)
def test_real_sentences(tokens, expected):
    assert detokenize(tokens) == expected


def test_quotes_pair_across_sentences_of_a_paragraph():
    para = [["\"", "Tidak", "hanya", "tarif", "."], ["Kan", "bisa", ",", "\"", "ucap", "Zulkifli", "."]]
    assert detokenize_paragraphs([para]) == '"Tidak hanya tarif. Kan bisa," ucap Zulkifli.'


def test_one_line_per_paragraph():
    paras = [[["Satu", "."], ["Dua", "."]], [["Tiga", "."]], [["\xa0"]]]
    assert detokenize_paragraphs(paras) == "Satu. Dua.\nTiga."


TOKEN = st.one_of(
    st.sampled_from(['"', "'", "`", "(", ")", "[", "]", "“", "”", "‘", "’", ".", ",", ":", "/", "-", "-nya",
                     "$", "%", "...", "ke", "2", "0", "Rp", "10.000", "DPR", "RI", "\xa0", " ", "\n"]),
    st.text(min_size=0, max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.lists(TOKEN, max_size=12), max_size=4), max_size=4))
def test_detokeniser_never_raises_and_keeps_characters(paragraphs):
    text = detokenize_paragraphs(paragraphs)
    kept = "".join(ch for ch in text if not ch.isspace())
    given_chars = "".join(ch for p in paragraphs for s in p for t in s for ch in t if not ch.isspace())
    assert kept == given_chars
