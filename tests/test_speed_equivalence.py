"""Speed rewrites (issue 8) give exactly what the plain versions they replaced gave."""
from __future__ import annotations

import csv
import functools
import random
import unicodedata

from pantau.stages import entities, langid
from pantau.nlp import kb


def _norm_by_definition(s: str) -> str:
    s = s.translate(kb._CHAR_MAP)
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


def test_norm_fast_paths_agree_with_the_per_character_rule():
    rnd = random.Random(1)
    chars = [chr(i) for i in range(0x250)] + list("ΣσςİıẞßΑΩ\u2019\u2013\u00a0 abcXYZ") + \
        [chr(i) for i in range(0x1E00, 0x1F00)]
    for _ in range(20000):
        t = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 8)))
        assert kb.norm(t) == _norm_by_definition(t), t
    assert kb.norm("ΟΔΟΣ Aleppo") == _norm_by_definition("ΟΔΟΣ Aleppo")  # capital sigma at a word end


def test_dict_rows_is_what_csv_dictreader_gives():
    header = ["id", "canonical", "aliases"]
    lines = ["a\tAleppo\tHalab|Alep", "b\t\"Quoted\"\tx", "c\tshort", "d\tx\ty\textra\tmore", "e", "f\t\t"]
    expected = list(csv.DictReader(["\t".join(header)] + lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert kb._dict_rows(header, lines) == expected


def _script_by_definition(text: str):
    counts: dict[str, int] = {}
    latin = 0
    for ch in text[:4000]:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
            continue
        for key, lang in langid._SCRIPTS:
            if key in name:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts:
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        if n > latin:
            return lang
    return None


def test_script_language_agrees_with_naming_every_letter():
    rnd = random.Random(2)
    pool = list("abcXYZ 1.,éñ“”") + [chr(c) for c in list(range(0x600, 0x640)) + list(range(0x410, 0x440))
                                      + list(range(0x4E00, 0x4E10)) + list(range(0x3B1, 0x3C9))]
    for _ in range(3000):
        t = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 40)))
        assert langid._script_language(t) == _script_by_definition(t), t
    t = "a" * 3999 + "ب" * 10  # only the first 4000 characters count
    assert langid._script_language(t) == _script_by_definition(t)


def test_spans_overlap_agrees_with_scanning_all_spans():
    rnd = random.Random(3)
    for _ in range(300):
        spans, pos = [], 0
        for _ in range(rnd.randint(0, 8)):
            pos += rnd.randint(0, 5)
            end = pos + rnd.randint(1, 6)
            spans.append((pos, end))
            pos = end
        rnd.shuffle(spans)
        taken = entities._Spans([{"start": s, "end": e} for s, e in spans[:3]])
        chosen = list(spans[:3])
        for s, e in spans[3:] + [(rnd.randint(0, 60), rnd.randint(0, 60)) for _ in range(5)]:
            brute = any(cs < e and s < ce for cs, ce in chosen)
            assert taken.overlaps(s, e) == brute, (chosen, s, e)
            if not brute and s < e:
                taken.add(s, e)
                chosen.append((s, e))


def test_fuzzy_length_filter_keeps_every_alias_that_can_reach_the_cutoff():
    from rapidfuzz import fuzz, process

    keys, ids = entities._fuzzy_pool()
    names = ["Jaisy Al Fath", "Hay'at Tahrir al-Sham", "Hayat Tahrir Al Syam", "Bashar Al Asad", "Vladimir Putn",
             "Observatorium Suriah", "Ahrar al-Syam", "Pasukan Demokratik Suriah", "Aleppo Timur", "Jabhat Fateh Syam"]
    names += [k.title() for k in keys[::97]]
    for name in names:
        entities._fuzzy.cache_clear()
        hit = process.extractOne(kb.norm(name), keys, scorer=fuzz.ratio, score_cutoff=88)
        expected = (ids[hit[2]], hit[1]) if hit and len(name) >= 5 else (None, 0.0)
        assert entities._fuzzy(name) == expected, name


# ---- scans: alias, phrase, credit and period matching; time mentions; the tagger's word rows -----

@functools.lru_cache(maxsize=4)
def _texts(shared, n_indosum=150, n_indonews=150):
    """Cleaned texts of the seeds and of the first IndoSum and indonews-2025 articles."""
    from pantau import pipeline
    from pantau.ingest import iter_documents
    from pantau.record import Options

    out = []
    for path, n in ((shared / "corpus" / "seeds", 10), (shared / "corpus" / "indosum" / "dev.01.jsonl", n_indosum),
                    (shared / "corpus" / "indonews-2025" / "scrapping_news_2025-06-18.csv", n_indonews)):
        docs = (d for d in iter_documents([str(path)]) if d.get("kind") == "doc")
        for d, _ in zip(docs, range(n)):
            out.append(pipeline.analyze(d, Options())["text"])
    return tuple(out)


_HAND = ["pro-Assad dan anti-Assad, al-Syam, eks-Suriah, Ex-Aleppo. Suriah-nya", "Pasukan AS di Ras al-Ain,",
         "Kota İdlib dan Σyria ΑΣ; RT 05 / RW 02 di Aleppo\U0001d400Aleppo", "", "Aleppo"]


def _kb_occurrences_by_definition(text, automaton):
    """Every hit of the bare aliases' automaton in the normalised text, kept by the
    per-match boundary rule (the way match_aliases found aliases before alias_occurrences)."""
    automaton, patterns = automaton
    out = []
    for idx, s, e in automaton.find_matches_as_indexes(kb.norm(text), overlapping=True):
        if s > 0 and kb._WORDCHAR.match(text[s - 1]) and not kb._PREFIX_OK.search(text[max(0, s - 6):s]):
            continue
        if e < len(text) and kb._WORDCHAR.match(text[e]):
            continue
        out.append((patterns[idx], s, e))
    return sorted(out)


@functools.lru_cache(maxsize=1)
def _bare_alias_automaton():
    import ahocorasick_rs

    patterns = sorted(kb.load().alias_ids)
    return ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard), patterns


def test_kb_alias_occurrences_are_the_bare_aliases_on_word_bounds(shared):
    bare = _bare_alias_automaton()
    found = 0
    for text in _texts(shared) + tuple(_HAND):
        got = kb.alias_occurrences(text)
        assert sorted(got) == _kb_occurrences_by_definition(text, bare), text[:80]
        found += len(got)
    assert found > 1000


def test_kb_alias_occurrences_on_random_punctuation_and_case():
    """Aliases glued to each other and to hyphens, dashes, quotes, digits, odd spaces and
    letters that change length when lower-cased."""
    rnd = random.Random(7)
    patterns = sorted(kb.load().alias_ids)
    names = [p for p in patterns if "-" in p or "'" in p or "." in p][:300] + rnd.sample(patterns, 300)
    glue = ["", " ", "-", "\u2013", "\u00a0", "'", "\u2019", ".", ",", "(", ")", "x", "7", "_", "\n", "İ",
            "pro-", "anti-", "al-", " eks-"]
    bare = _bare_alias_automaton()
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randint(1, 5)):
            name = rnd.choice(names)
            name = rnd.choice([name, name.title(), name.upper()])
            parts += [rnd.choice(glue), name]
        text = "".join(parts + [rnd.choice(glue)])
        assert sorted(kb.alias_occurrences(text)) == _kb_occurrences_by_definition(text, bare), text


def _phrase_spans_by_definition(sentences):
    """Every run of whole words whose pieces spell a listed name; at each word the longest,
    left to right, skipping covered words."""
    from pantau.nlp import ner

    _, pats, kinds = ner._phrase_matcher()
    kind_of = dict(zip(pats, kinds))
    longest = max(p.count(" ") for p in pats) + 1
    spans, base, covered = [], 0, -1
    for words in sentences:
        for i in range(len(words)):
            best = None
            for j in range(i, len(words)):
                name = " ".join(words[i:j + 1])
                if name.count(" ") >= longest:
                    break
                if name in kind_of:
                    best = (base + i, base + j, kind_of[name])
            if best is not None and best[0] > covered:
                spans.append(best)
                covered = best[1]
        base += len(words)
    return spans


def test_phrase_spans_agree_with_looking_up_every_run_of_words(shared):
    from pantau.nlp import ner
    from pantau.stages import segment

    for text in _texts(shared, 60, 60):
        sentences = []
        for s, e in segment.split_sentences(text):
            words = [text[a:b] for a, b in segment.tokenize(text[s:e])]
            sentences.append([" ".join(ner._PIECE.findall(w.lower())) or w.lower() for w in words])
        assert ner.phrase_spans(sentences) == _phrase_spans_by_definition(sentences), text[:80]


def test_credit_and_mention_scans_agree_with_finditer(shared):
    from pantau.stages import provenance

    hand = ["Seperti dikutip dari Reuters, ... SEPERTI DILANSIR AFP. dilansirAntara", "mengutip RT, jurnalis RT 5"]
    for text in _texts(shared) + tuple(hand + _HAND):
        for key in ("mention", "cued", "credited"):
            rx = provenance._regexes()[key]
            assert [m.span() for m in provenance._matches(key, text, 3)] == \
                   [m.span() for m in rx.finditer(text, 3)], (key, text[:80])


def test_period_aliases_found_as_by_finditer(shared):
    """The Aho-Corasick alias scan finds every match a regex alternation of all aliases (and of
    the name and club parts matched apart) finds (any spacing/commas between words,
    case-insensitive, whole words), and only those; ranks and bracketed abbreviations between
    two words read as a space ("Kapolri Jenderal Pol. Tito Karnavian")."""
    import re

    from pantau.nlp import fastre
    from pantau.stages import pubdate

    p = pubdate.periods()
    keys = sorted(set(p["alias_to_rows"]) | set(p["part_to_rows"]), key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(r"[\s,]+".join(re.escape(w) for w in k.split(" ")) for k in keys)
                    + r")(?![\w-])")
    hand = ("Presiden Jokowi dan presiden  ,joko widodo; JOKOWI", "Bashar-al-Assad", "Menkeu\nSri Mulyani,",
            "xPresiden Jokowi", "Presiden Jokowi-nya", "pelatih Barça Luis Enrique", "PM Turki Binali Yıldırım")
    for text in _texts(shared) + hand:
        folded = fastre.fold(text)
        found = pubdate.alias_spans(text)
        assert {(m.start(), m.end()) for m in rx.finditer(folded)} <= {(a, b) for a, b, _ in found}, text[:80]
        for a, b, key in found:
            assert pubdate._norm_key(folded[a:b]) == key
            assert key in p["alias_to_rows"] or key in p["part_to_rows"]
            assert not re.match(r"[\w-]", folded[b:b + 1]) and not re.search(r"[\w-]\Z", folded[:a])
    ranked = "Kata Kapolri Jenderal Pol. Tito Karnavian dan Presiden Amerika Serikat (AS) Donald Trump."
    said = {ranked[a:b] for a, b, key in pubdate.alias_spans(ranked) if key in p["alias_to_rows"]}
    assert {"Kapolri Jenderal Pol. Tito Karnavian", "Presiden Amerika Serikat (AS) Donald Trump"} <= said


def test_time_mentions_remembered_per_text_are_fresh_copies():
    from pantau.stages import timex

    text = "Pada Minggu (7/8) dan 3 hari kemudian, 12 Desember 2016."
    first = timex.find_mentions(text)
    first[0]["kind"] = "changed"
    again = timex.find_mentions(text)
    assert again == timex._find_mentions(text) and again[0]["kind"] != "changed"
    assert timex.find_mentions(text[:20]) == timex._find_mentions(text[:20])  # another text


def _word_rows_spelt_out(vocab, genre, ids):
    """The eight weight rows of each word as the sums of its features written out as strings
    (what the tagger summed before it looked them up by template)."""
    from pantau.nlp import ner

    p = genre + ":" if genre else ""
    lists = []
    for i in ids:
        copied, plain, low, short, gz, ctx, _, _ = ner._word_info(vocab.words[i])
        own = plain + copied
        if p:
            own = own + [p + x for x in copied] + [p + "bias"]
        left1, right1 = ["-1w=" + low], ["+1w=" + low]
        before, after = ["rp=" + low], ["rn=" + low]
        if p:
            for lst in (left1, right1, before, after):
                lst.append(p + lst[0])
        left1 += ["-1c=" + ctx, "-1sh=" + short]
        right1 += ["+1c=" + ctx, "+1sh=" + short]
        if gz:
            left1.append("-1gz=" + gz)
            right1.append("+1gz=" + gz)
        lists += [own, left1, ["-2w=" + low, "-2sh=" + short], right1,
                  ["+2w=" + low, "+2sh=" + short], before, after, ["rlast=" + ctx]]
    return vocab.weights.rows(lists).reshape(len(ids), 8, vocab.n_labels)


def test_tagger_word_rows_by_template_are_the_rows_of_the_spelt_out_features(shared):
    import json

    import numpy as np

    from pantau.nlp import ner

    words = []
    with open(shared / "corpus" / "indosum" / "dev.03.jsonl", encoding="utf-8") as fh:
        for line, _ in zip(fh, range(200)):
            for para in json.loads(line)["paragraphs"]:
                for sent in para:
                    words.extend(sent)
    odd = ["a|b", "=", "==x", "w=x", "Jakarta", "PBB", "2016", "al-Assad", "§", "İstanbul", "bin", "RT"]
    vocab = ner._Vocab()  # its own table: the shared one is left as it is
    ids = vocab.ids_of(list(dict.fromkeys(words)) + odd).tolist()
    try:
        for genre in [None] + ner._genre_arrays()[0]:
            assert np.array_equal(vocab._word_rows(genre, ids), _word_rows_spelt_out(vocab, genre, ids)), genre
    finally:
        vocab.fresh.clear()


# ---- fuzzy-match bound; first load with the collector paused; detokenising; in-document links ----

def test_fuzzy_character_count_bound_keeps_the_best_alias(shared):
    """_fuzzy() scores only the aliases whose characters in common allow the cutoff: the same
    answer as scoring the whole pool, on the name-like runs of real texts and on misspellings
    of the aliases themselves (dropped, doubled, swapped and replaced letters)."""
    from rapidfuzz import fuzz, process

    keys, ids = entities._fuzzy_pool()

    def scoring_all(name):
        if len(name) < 5:
            return None, 0.0
        hit = process.extractOne(kb.norm(name), keys, scorer=fuzz.ratio, score_cutoff=entities.FUZZY_CUTOFF)
        return (ids[hit[2]], hit[1]) if hit else (None, 0.0)

    names = {m.group() for text in _texts(shared) for m in entities._NAME_RUN.finditer(text)}
    rng = random.Random(5)
    for k in keys[::7]:
        i = rng.randrange(len(k))
        names |= {k[:i] + k[i + 1:], k[:i] + k[i] + k[i:], k[:i] + "e" + k[i + 1:],
                  k[:i] + k[i + 1:i + 2] + k[i:i + 1] + k[i + 2:], k.title(), "Kota " + k}
    names = sorted(names)
    hits = 0
    for name in names:
        expected = scoring_all(name)
        entities._fuzzy.cache_clear()
        assert entities._fuzzy(name) == expected, name
        hits += expected[0] is not None
    assert len(names) > 2000 and hits > 500  # both ways of answering were exercised


def test_fuzzy_counts_taken_from_the_whole_pool_table_are_the_counts_of_each_alias():
    """_fuzzy_counts(n): the columns of the pool-wide table are each alias's own character
    counts, whatever lengths were asked for before."""
    import numpy as np

    letters = entities._fuzzy_letters()
    for n in (31, 5, 12, 20, 12):
        keys, idx = entities._fuzzy_keys_for_length(n)
        counts, sums = entities._fuzzy_counts(n)
        assert keys and counts.shape == (len(letters), len(keys)) and counts.dtype == np.uint8
        for col, key in enumerate(keys):
            own = np.zeros(len(letters), dtype=np.uint8)
            for c in key:
                own[letters[c]] += 1
            assert np.array_equal(counts[:, col], own), key
        assert sums.tolist() == [len(k) + n for k in keys]


_FIRST_ANALYSIS = r"""
import gc, json
from pantau import pipeline

seen = []
def stage(article, options):
    seen.append(gc.isenabled())
    if article["title"] == "boom":
        raise RuntimeError("boom")
    return article

pipeline._loaded = [("clean", pipeline.stages()[0][1]), ("probe", stage)]
doc = {"kind": "doc", "source": {"path": "x", "record": None, "url": None, "format": "txt"},
       "input_id": "x", "title": "boom", "body": "Isi berita.", "url": None, "outlet": None,
       "author": None, "published": None, "meta": {}}
try:
    pipeline.analyze(doc)
except RuntimeError:
    pass
after_failure = gc.isenabled()
pipeline.analyze({**doc, "title": "ok"})
print(json.dumps({"during": seen, "after_failure": after_failure, "after": gc.isenabled()}))
"""


def test_the_first_analysis_in_a_process_loads_with_the_collector_paused_and_restores_it():
    """pipeline.gc_paused: the first analysis (which loads every stage's data) runs without
    the cyclic collector; the collector is back after it, even when it failed."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _FIRST_ANALYSIS], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    assert got == {"during": [False, True], "after_failure": True, "after": True}


def _detokenize_plain(tokens) -> str:
    """detok.detokenize as it was before its fast path for plain words (the reference)."""
    from pantau.ingest import detok as d

    toks = [t.strip() for t in (str(t) for t in tokens if t is not None)]
    toks = d._merge_dashes([t for t in toks if t])
    out: list[str] = []
    glue_next = False
    open_quotes: set[str] = set()
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok in d.STRAIGHT_QUOTES:
            opening = d._quote_opens(tok, open_quotes, prev, nxt)
            if opening:
                open_quotes.add(tok)
                d._append(out, tok, space=not glue_next)
                glue_next = True
            else:
                open_quotes.discard(tok)
                d._append(out, tok, space=False)
                glue_next = False
            continue
        space = not glue_next and bool(out)
        glue_next = False
        if tok in d.CLOSING or tok.startswith("-") and len(tok) > 1 and tok[1:].isalpha():
            space = False
            if tok in (":", ".") and d._digit(prev) and d._digit(nxt):
                glue_next = True
        elif tok in ("/",):
            space, glue_next = False, True
        elif tok == "-" and d._joins_hyphen(prev, nxt, i):
            space, glue_next = False, True
        if tok in d.OPENING or tok in d.CURRENCY_PREFIX and d._starts_digit(nxt):
            glue_next = True
        d._append(out, tok, space=space)
    return "".join(out)


def test_detokenising_with_the_fast_path_gives_what_the_plain_loop_gave(shared):
    import json

    from pantau.ingest.detok import detokenize

    n = 0
    for path in sorted((shared / "corpus" / "indosum").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            for para in json.loads(line).get("paragraphs") or []:
                tokens = [tok for sent in para for tok in sent]
                assert detokenize(tokens) == _detokenize_plain(tokens)
                n += 1
    assert n > 20_000
    odd = [["-", "-nya", "--", "-5", "'", "x", "'", '"', "$", "5", "/", "(", ")", "-", "-", "a"],
           ["'", "'"], ["-"], ["“", "-", "”"], ["a", "-", "a", ":", "1", ":", "2", ".", "3", "."]]
    for tokens in odd:
        assert detokenize(tokens) == _detokenize_plain(tokens)


def _link_within_document_by_definition(text, kb_, entities_, countries=frozenset()):
    """The loops _link_within_document replaced: for each unlinked entity every other is
    looked at, the partner is the longest (first of equals; what the entity then takes
    from it is _join's), a canonical grows one by one."""
    words_of = [ent["text"].split() for ent in entities_]
    for k, ent in enumerate(entities_):
        if ent["id"] is not None or ent["link"] is not None:
            continue
        name = ent["text"]
        words = words_of[k]
        partner = None
        for j, other in enumerate(entities_):
            if j == k or other["type"] != ent["type"] or len(other["text"]) <= len(name):
                continue
            otoks = words_of[j]
            if all(w in otoks for w in words) or (
                    len(words) == 1 and len(name) >= 3 and any(o.startswith(name) for o in otoks)):
                if partner is None or len(other["text"]) > len(partner["text"]):
                    partner = other
        entities._join(text, kb_, ent, partner, countries)
    for k, ent in enumerate(entities_):
        if ent["id"] is None and ent["link"] == "doc-cluster" and ent["type"] == "PER":
            for j, other in enumerate(entities_):
                if (other["id"] is None and other["type"] == "PER" and len(other["text"]) > len(ent["canonical"])
                        and all(w in words_of[j] for w in words_of[k])):
                    ent["canonical"] = other["text"]


def test_document_clusters_link_as_the_all_pairs_loops_did(shared, monkeypatch):
    import copy

    real = entities._link_within_document
    seen = {"entities": 0, "clustered": 0}

    def both(text, kb_, ents, countries):
        expected = copy.deepcopy(ents)
        _link_within_document_by_definition(text, kb_, expected, countries)
        real(text, kb_, ents, countries)
        assert ents == expected, text[:80]
        seen["entities"] += len(ents)
        seen["clustered"] += sum(e["link"] == "doc-cluster" for e in ents)

    monkeypatch.setattr(entities, "_link_within_document", both)
    # two names as long as each other hold "Yani": the first one written is its partner
    hand = ("Bashar al-Assad bertemu Assad. Ahmad Yani, Yani dan Ahmad Yani Putra di Aleppo. Yani pergi.",
            "Menteri Ahmad Yani dan Menteri Ismet Yani hadir di Jakarta. Yani mengatakan rapat itu penting.")
    for text in _texts(shared) + hand:
        entities.find_entities(text)
    assert seen["entities"] > 1000 and seen["clustered"] > 100, seen


def _deglue_word_by_word(text: str):
    """pantau.nlp.glue.deglue as it was: every run of letters judged where it stands."""
    import re

    from pantau.nlp import glue

    pieces, inserted, last, shift = [], [], 0, 0
    for m in glue._LETTERS.finditer(text):
        word = m.group()
        if len(word) < 4 or (word.islower() and len(word) < 2 * glue._MIN_PART):
            continue
        cuts = glue._split_word(word)
        if not cuts and not glue._LOWER_UPPER.search(word):
            continue
        start = m.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = m.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        chunk = text[start:end]
        if glue._ADDRESS.search(chunk):
            continue
        if glue._DOMAIN_AFTER.match(chunk, m.end() - start):
            lead = re.match(r"[a-z]+(?=[A-Z])", word)
            known = lead and (lead.group() in glue._function_words()[0] or (
                len(lead.group()) >= 4 and lead.group() in glue.vocabulary()))
            cuts = [lead.end()] if known else []
        for c in cuts:
            pos = m.start() + c
            pieces += [text[last:pos], " "]
            inserted.append(pos + shift)
            shift += 1
            last = pos
    if not inserted:
        return text, []
    pieces.append(text[last:])
    return "".join(pieces), inserted


def test_deglue_judging_each_distinct_word_once_gives_what_the_word_by_word_loop_gave():
    from pantau.nlp import glue

    words = ["wargaPalestinatewas", "dariJapan", "kondisikesehatan", "iPhone", "DailySocial", "CNNIndonesia.com",
             "PresidenPrabowo", "NFTmencatat", "rumahnya", "dilansirdetikSumut", "Iranmengambil", "tewas",
             "Serangan", "YouTube", "ÃƒÂ©", "Ghazalidan", "ketuaDPRDJabar", "x", "2024", "_a", "dari_Japan"]
    seps = [" ", "  ", "\n", ", ", "(", ")", ".", "-", "/", "@", "#", "1", "_", "’", "é", "www."]
    rnd = random.Random(7)
    for _ in range(3000):
        parts = [rnd.choice(words) if rnd.random() < 0.6 else rnd.choice(seps) for _ in range(rnd.randint(0, 12))]
        text = "".join(parts)
        glue._PLAIN.clear() if rnd.random() < 0.1 else None
        assert glue.deglue(text) == _deglue_word_by_word(text), text


def test_event_families_prefiltered_are_the_families_every_pattern_finds(shared):
    import re

    from pantau.nlp import event_detector as ed

    hand = ["Pasukan MENYERANG pos polisi; dua orang TEWAS.", "İsrail menyerang", "tidak ada serangan",
            "massa membakar rumah", "Serangan udara Israel menewaskan 5 orang", ""]
    sentences = [s for text in _texts(shared, n_indosum=100, n_indonews=0)
                 for s in re.split(r"(?<=[.!?])\s+", text)] + hand
    found = 0
    for sent in sentences:
        expected = frozenset(name for rx, name in ed._families() if rx.search(sent))
        assert ed._family_names(sent) == expected, sent
        found += bool(expected)
    assert found > 50


def test_publication_year_scans_tried_where_a_match_can_begin_agree_with_finditer(shared):
    from pantau.nlp import fastre
    from pantau.stages import pubdate

    hand = ["tahun lalu (2016), musim 2017/18, Tahun Anggaran 2019, TA 2019, ta 2019, pada 2016 lalu, 2020 mendatang",
            "Asian Games 2018 dan Piala Dunia 2018; ASIAN  GAMES, 2018", "tahun İni 2017 ſilam, 2017 ſilam",
            "lebaran, Idul Fitri, halalbihalal, Imlek, Natal, Waisak, Piala Eropa", "12/2017 1/2018 x2017 2017"]
    rel = pubdate.year_relations()
    ev_rx, _spans = pubdate.event_years()
    for text in _texts(shared, n_indosum=150, n_indonews=0) + tuple(hand):
        starts = rel["starts"].candidates(text)
        for key in ("relative", "season", "budget", "past", "future"):
            got = fastre.finditer_at(rel[key], text, None if starts is None else starts[key])
            assert [m.span() for m in got] == [m.span() for m in rel[key].finditer(text)], (key, text[:80])
        assert [e["said"] for e in pubdate.named_events(text)] == [m.group(0) for m in ev_rx.finditer(text)]
        for rx, *_ in pubdate.feast_seasons():
            assert fastre.gate(rx).may_match(text) or rx.search(text) is None, (rx.pattern, text[:80])


def _windows(rnd: random.Random, pieces: list[str], n: int) -> list[str]:
    """Texts of random pieces and gaps (spaces, line ends, dots, odd white space), some cut."""
    gaps = ["", " ", " ", "  ", "\n", ".", "\u00a0", "\t"]
    out = []
    for _ in range(n):
        t = "".join(rnd.choice(pieces) + rnd.choice(gaps) for _ in range(rnd.randint(0, 5)))
        out.append(t[-rnd.randint(0, 30):] if t and rnd.random() < 0.5 else t)
    return out


def test_previous_words_matched_on_the_reversed_window_are_what_searching_the_window_found():
    import re

    search = re.compile(r"(\w+(?: \w+)?)\s+$")
    rnd = random.Random(7)
    pieces = ["di", "kota", "Aleppo", "ke", "Provinsi", "x_1", "3", "é", "-", ",", "İ", "\u0301", "\x85"]
    for text in _windows(rnd, pieces, 30000) + ["di  Aleppo", "kota Aleppo\n", "(di) ", " "]:
        for start in {0, len(text), rnd.randint(0, len(text))}:
            m = search.search(text[max(0, start - 30):start])
            assert entities._previous_word(text, start) == (m.group(1).lower() if m else ""), (text, start)


def test_label_and_age_words_matched_on_the_reversed_text_are_what_the_forward_search_found():
    import re

    from pantau.nlp import quantities
    from pantau.stages import numbers

    lex = quantities.lexicon()
    salah = re.compile(r"\bsalah\s+$", re.IGNORECASE)
    words = [r["word"] for r in quantities._read_tsv("label_words.tsv")]
    # the forward searches the reversed matches stand for
    label_before_re = re.compile(rf"(?:\b(?:{quantities._alternation(words)})\.?\s*|\bke-\s*)$", re.IGNORECASE)
    age_before_re = re.compile(rf"\b(?:{quantities._alternation(lex['age_words'])})\s+$", re.IGNORECASE)
    rnd = random.Random(8)
    pieces = words + [w.upper() for w in words[:5]] + ["ke-", "salah", "ſalah", "x", "3", "_", "-", "İ"]
    found = 0
    for text in _windows(rnd, pieces, 30000) + ["Pasal 27 ayat ", "berusia  sekitar\n", "lantai.", "ke-"]:
        label = label_before_re.search(text) is not None
        assert quantities.label_before(text) == label, text
        assert quantities.age_before(text) == (age_before_re.search(text) is not None), text
        assert (numbers._SALAH_BEFORE_REVERSED.match(text[::-1]) is not None) == (salah.search(text) is not None), text
        found += label
    assert found > 1000


def test_boilerplate_lines_tried_only_with_patterns_that_may_match_are_what_trying_every_pattern_found(
        shared, monkeypatch):
    import json

    from pantau.nlp import fastre
    from pantau.stages import clean

    hand = ["Presiden Joko Widodo meresmikan jembatan itu pada Senin.", "Baca Juga: Banjir di Bekasi",
            "Warga mengungsi ke masjid. Ikuti WhatsApp Channel Republika", "Share To:", "Budi Santoso",
            "Foto: Reuters", "ANTARA", "(ant)", "Advertisement", "Simak Video pilihan berikut ini:",
            "Situs ini menggunakan kuki untuk pengalaman terbaik", "Berita Terkait: Gempa di Lombok"]
    articles = [hand, hand[::-1], hand[:3]]
    with open(shared / "corpus" / "indosum" / "dev.01.jsonl", encoding="utf-8") as fh:
        for line, _ in zip(fh, range(200)):
            paragraphs = json.loads(line)["paragraphs"]
            lines = [" ".join(" ".join(sentence) for sentence in para) for para in paragraphs]
            articles.append([ln for ln in lines if ln.strip()] + hand[1:4])

    class Always:
        def may_match(self, text):
            return True

    gated = [clean.clean_lines(lines) for lines in articles]
    monkeypatch.setattr(fastre, "gate", lambda rx: Always())
    assert gated == [clean.clean_lines(lines) for lines in articles]
    assert sum(len(removed) for _, removed, _ in gated) > 200
