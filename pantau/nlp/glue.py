"""Words glued together by scrapers, split again: "wargaPalestinatewas" -> "warga Palestina tewas".

Scraped pages lose the spaces around links and markup. Two kinds of glue are undone:
  * across a case change ("dariJapan", "NFTmencatat", "PresidenPrabowo"), unless the word is a
    legitimate case change: an exception in pantau/data/glue/exceptions.tsv or camel_names.tsv,
    one lower-case letter before a capital (iPhone, eKTP, kW), Mc/Mac names, or a capitalised
    part of at most three letters (GoPay, TikTok) that is not a title or a short Indonesian word
    ("TimLifestyle", "DiReal"). Two capitalised parts ("UnitedBrentford") are split only with a
    reason, since camel-case names are common ("DailySocial", "HaloDoc"): a title, function word,
    place-name ending (Selatan, Utara) or Indonesian root or derived word (Sastrawi's dictionary,
    written in lower case in running text) next to a known name, two known names, or a name and
    a word the vocabulary lacks; a lower-case run of known words may precede the capital
    ("industrifashionIndonesia");
  * without one ("kondisikesehatan", "Iranmengambil", "mentalyang"), only where the vocabulary
    knows both halves and not the whole: the vocabulary is the stem table
    (pantau/data/search/stems.tsv: IndoSum, UD Indonesian and the NER training words), the
    capitalisation table of the NER tagger and the curated KB aliases. One half must be a
    function word (pantau/data/glue/function_words.tsv) or both halves at least five letters;
    prefixes and clitics written attached (antarnegara, rumahnya) never split.

`deglue(text)` returns the new text and the offsets, in the new text, of every space it
inserted: removing those characters gives the text back as it was.
"""
from __future__ import annotations

import functools
import re

import ahocorasick_rs

from .text import load_tsv, root_words, stem_table

# a run of letters; the whole white-space chunk is skipped when it is an address or a handle
_CHUNK = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
_ADDRESS = re.compile(r"[/@#_]|www\.", re.IGNORECASE)
_DOMAIN_AFTER = re.compile(r"\d*\.(?:com|co|id|net|org|tv|go)\b", re.IGNORECASE)  # "CNNIndonesia.com"
_MIN_FREE = 5  # both halves this long when neither is a function word
_MIN_PART = 3


@functools.lru_cache(maxsize=2)
def _exceptions(names: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Protected spellings: exceptions.tsv, and with names=True also camel_names.tsv (names their
    owners write in camel case, reviewed separately so the yardstick can be reported without them)."""
    tokens, prefixes = [], []
    rows = load_tsv("glue/exceptions.tsv") + (load_tsv("glue/camel_names.tsv") if names else [])
    for row in rows:
        (prefixes if row["match"] == "prefix" else tokens).append(row["form"])
    return tuple(tokens), tuple(prefixes)


@functools.lru_cache(maxsize=1)
def _function_words() -> tuple[frozenset, frozenset]:
    free, bound = set(), set()
    for row in load_tsv("glue/function_words.tsv"):
        if row["kind"] in ("function", "bound"):
            (bound if row["kind"] == "bound" else free).add(row["word"])
    return frozenset(free), frozenset(bound)


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset:
    """Words written capitalised right before a name ("Presiden", "Gubernur", "Sungai"): the glue
    titles of function_words.tsv and the KB's descriptors and context cues."""
    words = {r["word"] for r in load_tsv("glue/function_words.tsv") if r["kind"] == "title"}
    words.update(r["word"].lower() for r in load_tsv("kb/descriptors.tsv") if " " not in r["word"])
    words.update(r["word"].lower() for r in load_tsv("kb/context_cues.tsv") if " " not in r["word"])
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def vocabulary() -> frozenset:
    """Lower-case words known to be words (see module doc)."""
    words = set(stem_table())
    words.update(word_case())
    for name in ("actors.tsv", "places.tsv"):
        for row in load_tsv(f"kb/curated/{name}"):
            for alias in [row.get("canonical") or ""] + (row.get("aliases") or "").split("|"):
                words.update(w.lower() for w in _LETTERS.findall(alias))
    return frozenset(w for w in words if w.isalpha())


@functools.lru_cache(maxsize=1)
def word_case() -> dict[str, str]:
    """How each word is written inside sentences (cap/low/mix), the NER tagger's table."""
    from .ner import case_habits

    return {w.lower(): habit for w, habit in case_habits().items()}


@functools.lru_cache(maxsize=1)
def _person_names() -> tuple[frozenset, frozenset]:
    """From the person names (type P) of the NER gazetteer: the words of its multi-word names that are
    not common words written in lower case ("mahendra", "kristiyanto", "dwikorita"), and its one-word
    names (Indonesian DBpedia, the KB)."""
    from .ner import gazetteer_phrases

    words, singles = set(), set()
    case = word_case()
    for name, kind in zip(*gazetteer_phrases()):
        if kind != "P":
            continue
        if " " in name:
            words.update(w for w in name.split() if w.isalpha() and len(w) >= 4 and case.get(w) != "low")
        elif name.isalpha():
            singles.add(name)
    return frozenset(words), frozenset(singles)


def _name_words() -> frozenset:
    return _person_names()[0]


def _first_names() -> frozenset:
    return _person_names()[1]


def _capcap_glue(left: str, right: str, acronym_ends: bool = True) -> bool:
    """Whether two capitalised parts glued together ("JakartaDalam", "PresidenPrabowo",
    "UnitedManchester", "JakartaPT") are two words rather than one camel-case name ("DailySocial",
    "ThinkPad", "MediaTek"): an ordinary word (written in lower case inside sentences) opening a
    sentence on either side; a title before a name; two names of at least four letters each; a
    name before an acronym."""
    case = word_case()
    lc, rc = case.get(left.lower()), case.get(right.lower())
    if right[1:].islower() and len(right) >= 3 and len(left) >= 4 and (
            _derived(left) or _derived(right) or left.lower() in name_ends() or right.lower() in name_ends()
            or (_indonesian(left) and rc == "cap") or (_indonesian(right) and lc == "cap")
            or right.lower() in _function_words()[0] or (len(right) >= 5 and right.lower() in _titles())):
        # an Indonesian derived word ("KesehatanHaji", "PeringatanNakba"), a word that ends place
        # names ("SelatanMuhammad", "EropaTengah"), a function word ("MineralsTbk"), a title
        # after a name ("SutjahyoDirektur"), an Indonesian common word and a known name
        # ("KoperasiBudi", "CukaiSidoarjo"): camel-case names are made of English words, or of
        # common words only ("MallSampah", "HaloDoc")
        return True
    if right.isupper() and len(right) >= 2 and acronym_ends and len(left) >= 5 and (
            _derived(left) or len(right) >= 3 and (lc == "low" or _indonesian(left))):
        return True  # "FinalUEFA", "DukunganAI": a common word before an acronym (not "PermenKP")
    if lc == "cap" and right[1:].islower() and len(right) >= 4 and len(left) >= 4 and rc in ("cap", None) \
            and right.lower() in _name_words() and right.lower() not in _roots():
        return True  # "RusiaSergei", "DepokSupian": a known name and a word of persons' names
    if lc == "mix" and rc == "cap" and len(left) >= 4 and len(right) >= 7:
        return True  # "VillaNottingham": a long known name after a word written capitalised
    if len(left) <= 3 and (left.lower() in _short_openers() or lc == "low" and left.lower() in _roots()) \
            and right[1:].islower() and len(right) >= 4 and rc is not None:
        return True  # "DiReal", "AdaHari": a short common word opening the sentence
    if len(left) <= 3 and left.lower() in _titles() and right[1:].islower() and len(right) >= 4:
        return True  # "TimLifestyle", "BosTottenham": a short title before a name
    if right[1:].islower() and min(len(left), len(right)) >= 4 and lc in ("cap", None) and rc in ("cap", None) \
            and left.lower() in _name_words() and right.lower() in _name_words():
        return True  # "IhzaMahendra", "HastoKristiyanto": two words of person names
    if lc == "low" and len(left) >= 6 and len(right) >= 3 and (right[1:].islower() or acronym_ends):
        return True  # "MengutipEuronews", "DilansirAFP" (not "KlikACC", "MobilKamu": names of things)
    if right[1:].islower() and len(right) >= 3 and len(left) >= 4 and lc is not None and \
            right.lower() in _first_names():
        return True  # "GregoriusRonald", "IranMasoud": a known word and a person's name
    if right[1:].islower():
        if rc == "low" and lc == "cap" and len(left) >= 4:
            return True  # "JakartaDalam" (not "MallSampah")
        if left.lower() in _titles() and len(right) >= 4:
            return True  # "PresidenPrabowo", "SungaiBatang"
        # two names, one known as a name and the other one too or a word the vocabulary does not
        # know at all: "UnitedBrentford" (not "DailySocial", "MarlinBooking": English words)
        vocab = vocabulary()
        return min(len(left), len(right)) >= 4 and (
            (lc == "cap" and (rc == "cap" or right.lower() not in vocab)) or
            (rc == "cap" and left.lower() not in vocab))
    return right.isupper() and acronym_ends and lc in ("cap", "mix") and len(left) >= 5  # "JakartaPT"


@functools.lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """The stem table's words that a stem differs from."""
    return {w: s for w, s in stem_table().items() if s != w}


def _derived(word: str) -> bool:
    """An Indonesian word with a derivational affix the stemmer strips ("Kesehatan" -> sehat,
    "Hubungan" -> hubung), at least seven letters with a stem of four: English words seldom are."""
    low = word.lower()
    stem = _stems().get(low)
    return len(word) >= 7 and stem is not None and len(stem) >= 4 and (low.endswith("an") or low.startswith(
        ("ke", "pe", "ber", "ter", "me", "di")))


@functools.lru_cache(maxsize=1)
def _short_openers() -> frozenset:
    """Indonesian function words of at most three letters ("Di", "Ke", "Dan"): the function words
    less the English ones of the language markers ("The", "In" open camel-case names)."""
    english = {r["word"] for r in load_tsv("langid/markers.tsv") if r["lang"] == "en"}
    return frozenset(w for w in _function_words()[0] if len(w) <= 3 and w not in english)


@functools.lru_cache(maxsize=1)
def _roots() -> frozenset:
    """Indonesian root words: the dictionary Sastrawi (a dependency) stems against."""
    return root_words()


def _indonesian(word: str) -> bool:
    """An Indonesian common word: a root word (Sastrawi's dictionary) or a derived word
    (_derived) that unlabelled text writes in lower case (four letters or more: "Tema") or at
    least some of the time (five or more: "Koperasi", "Negeri"; not "Marlin", "Union": roots
    written as names, nor "Plus", "Pure")."""
    low = word.lower()
    habit = word_case().get(low)
    return (habit == "low" and len(low) >= 4 or habit == "mix" and len(low) >= 5) and (
        low in _roots() or _derived(word))


@functools.lru_cache(maxsize=1)
def name_openings() -> frozenset:
    """Openings of surnames and names written with a capital inside (VanDyke, DelPiero, TheStrokes):
    function_words.tsv kind name_opening."""
    return frozenset(r["word"] for r in load_tsv("glue/function_words.tsv") if r["kind"] == "name_opening")


@functools.lru_cache(maxsize=1)
def name_ends() -> frozenset:
    """Words that end a place name (Jakarta Selatan, Eropa Tengah): function_words.tsv kind name_end."""
    return frozenset(r["word"] for r in load_tsv("glue/function_words.tsv") if r["kind"] == "name_end")


# the whole is a known word with an affix: not glue ("pemberitahuannya", "dipertanyakan")
_PREFIXES = ("meng", "meny", "mem", "men", "me", "di", "ke", "ber", "ter", "per", "peng", "pem", "pen",
             "pe", "se", "memper", "diper")
_SUFFIXES = ("nya", "lah", "kah", "pun", "kan", "an", "i", "ku", "mu")


def _known(word: str, vocab: frozenset) -> bool:
    if word in vocab:
        return True
    for suf in ("",) + _SUFFIXES:
        stem = word[: len(word) - len(suf)] if suf else word
        if suf and not word.endswith(suf):
            continue
        if stem in vocab and suf:
            return True
        for pre in _PREFIXES:
            if stem.startswith(pre) and stem[len(pre):] in vocab and len(stem) - len(pre) >= 3:
                return True
    return False


# function words that may follow a capitalised name the vocabulary does not know ("Ghazalidan");
# not "di", "ini", "itu": names end that way (Ahmadi, Kartini)
# nor "akan" (verbs end in -kan: "merupakan")
_NAME_TAILS = frozenset(("yang", "dan", "dari", "pada", "untuk", "dengan", "dalam", "oleh", "juga",
                         "telah", "sudah", "jika", "bahwa", "karena", "sebagai"))


def _ordinary(word: str) -> bool:
    """An ordinary Indonesian word: written in lower case inside sentences, or a long word with a
    verbal prefix ("dipertanyakan")."""
    return word_case().get(word) == "low" or (len(word) >= 7 and word.startswith(("di", "me", "ber", "ter")))


def _known_cap_word(word: str, start: int) -> bool:
    """Whether the capital at word[start] and the lower-case run after it make a word the NER
    tagger's table knows ("Jabar" in "DPRDJabar", not "Karta" in "ROCKarta")."""
    end = start + 1
    while end < len(word) and word[end].islower():
        end += 1
    return end - start >= 3 and (word[start:end].lower() in word_case() or word[start:end].lower() in _name_words())


def _ordinary_run(word: str, start: int) -> bool:
    """Whether the lower-case run at word[start:] is a function word or an ordinary word."""
    end = start
    while end < len(word) and word[end].islower():
        end += 1
    run = word[start:end]
    return run in _function_words()[0] or (len(run) >= 4 and _ordinary(run))


def _lower_split(seg: str) -> int | None:
    """Where a run of letters glued without a case change splits (offset in seg), or None."""
    low = seg.lower()
    if len(low) < 2 * _MIN_PART or not low[1:].islower():
        return None
    vocab = vocabulary()
    if _known(low, vocab):
        return None
    free, bound = _function_words()
    best = None
    for j in range(2, len(low) - 1):
        left, right = low[:j], low[j:]
        if left in bound or right in bound or right not in vocab or (
                left not in vocab and not (seg[:1].isupper() and right in _NAME_TAILS)):
            continue
        if left not in vocab:  # an unknown name and a function word: "Ghazalidan"
            if len(left) < 4 or low in word_case():
                continue
            score = 0
        elif left in free and right in free:
            continue  # "Danantara", "Nusantara": two function words are a name more often than glue
        elif left in free or right in free:
            if min(len(left), len(right)) < 2 or (left not in free and len(left) < 4) or (
                    right not in free and len(right) < 4):
                continue
            score = 2
        elif min(len(left), len(right)) >= _MIN_FREE and (_ordinary(left) or _ordinary(right)):
            score = 1  # "kondisikesehatan"; two English words ("audiovisual") are often one
        elif seg[:1].isupper() and min(len(left), len(right)) >= 4 and \
                word_case().get(left) == "cap" and _ordinary(right):
            score = 1  # a name and an ordinary word: "Iranmengambil"
        else:
            continue
        if best is None or score > best[0] or (score == best[0] and len(left) > len(best[1])):
            best = (score, left, j)
    return best[2] if best else None


@functools.lru_cache(maxsize=2)
def _exception_matchers(names: bool = True) -> tuple:
    """One automaton over the protected token spellings and one over the prefixes (every occurrence,
    overlapping ones too): a word is read once instead of once per spelling."""
    tokens, prefixes = _exceptions(names)
    return tuple(ahocorasick_rs.AhoCorasick(list(forms), matchkind=ahocorasick_rs.MatchKind.Standard)
                 if forms else None for forms in (tokens, prefixes))


def _protected(word: str, names: bool = True) -> set[int]:
    """Offsets inside the word where a case change is legitimate (exceptions): inside a protected
    spelling, and after a protected prefix followed by a capital ("detikSumut") to the word's end."""
    tokens, prefixes = _exception_matchers(names)
    out: set[int] = set()
    if tokens is not None:
        for _, start, end in tokens.find_matches_as_indexes(word, overlapping=True):
            out.update(range(start + 1, end))
    if prefixes is not None:
        for _, at, end in prefixes.find_matches_as_indexes(word, overlapping=True):
            if end < len(word) and word[end].isupper():
                out.update(range(at + 1, len(word)))
    return out


def _prefix_cut(word: str) -> int | None:
    """Where an outlet's channel name glued after a word starts ("dilansir|detikSumut")."""
    if word[1:].islower():
        return None  # the channel name's capital is missing
    _tokens, prefixes = _exceptions()
    for pre in prefixes:
        at = word.find(pre, 2)
        if at > 0 and len(word) > at + len(pre) and word[at + len(pre)].isupper() and \
                word[:at].lower() in vocabulary() and word[:at].islower():
            return at
    return None


def _case_cuts(word: str) -> list[int]:
    """Offsets where a word of letters glued across a case change splits."""
    if word[1:].islower():
        return []  # no capital after the first letter: no case change (most words)
    if _identifier(word):
        return []
    protected = _protected(word)
    free, _bound = _function_words()
    vocab = vocabulary()
    cuts = []
    n = len(word)
    for i in range(1, n):
        a, b = word[i - 1], word[i]
        if i in protected:
            continue
        if a.islower() and b.isupper():
            j = max([0] + [c for c in cuts])  # start of the part on the left
            k = i
            while j < k and not word[j].isalpha():
                j += 1
            left = word[j:i]
            if j == 0 and len(left) == 1:
                continue  # iPhone, eKTP, kW, mAh, xDrive
            if j == 0 and left in ("Mc", "Mac"):
                continue
            if word[i:] in ("Nya", "Mu", "Ku"):
                continue  # the capitalised clitic referring to God: "malaikatNya", "kepadaMu"
            end = i + 1
            while end < n and word[end].islower():
                end += 1
            right = word[i:end] if end > i + 1 else word[i:]
            if end == i + 1:  # capitals follow: the acronym run
                while end < n and word[end].isupper():
                    end += 1
                right = word[i:end]
            if word[i:] == "Al" and len(left) >= 4:
                cuts.append(i)  # the Arabic article of the next name: "PernikahanAl Ghazali", "dipinangAl"
                continue
            # an acronym run followed by lower case ends one letter early: "KetuaDPRDJabar"
            acronym_ends = end == n or word[end].isupper() or (right.isupper() and (
                _ordinary_run(word, end) or (len(right) >= 3 and _known_cap_word(word, end - 1))))
            if left[:1].isupper() and left[1:].islower() and len(left) <= 3 and not _capcap_glue(
                    left, right, acronym_ends):
                continue  # GoPay, TikTok, AirAsia: short capitalised parts are brand names (not "TimLifestyle", "DiReal")
            if left[:1].isupper() and _lower_split(left) is None and _lower_split(right) is None \
                    and not _capcap_glue(left, right, acronym_ends):
                continue
            if left.islower() and left not in vocab and _lower_split(left) is None:
                continue  # glue follows an ordinary word ("dariJapan") or words glued together ("industrifashion")
            if left.islower() and right.isupper() and left not in free and len(left) < 5 and not (
                    len(left) == 4 and len(right) >= 3 and word_case().get(left) in ("low", "mix")):
                continue  # "uberXL", "macOS": a short word before capitals is a product name (not "jutaBYD")
            if j == 0 and len(left) == 2 and left.islower() and left not in free:
                continue  # "mAh"-like units and odd spellings
            cuts.append(i)
        elif a.isupper() and b.islower() and i >= 2 and word[i - 2].isupper():
            # a run of capitals then lower case: "NFTmencatat" (cut before the lower case) or
            # "PTPertamina" (before the last capital), when the vocabulary says which
            j = max([0] + cuts)
            caps_start = j
            if not word[j:i].isupper():
                continue
            end = i
            while end < n and word[end].islower():
                end += 1
            tail = word[i:end].lower()
            after = word[i - 1:end].lower()
            after_case = word_case().get(after)
            if i - 1 - caps_start >= 2 and (
                    (len(after) >= 4 and after_case == "low") or (len(after) >= 5 and after_case == "cap")):
                cuts.append(i - 1)  # "VAHarga", "RIPrabowo" (not "GSMArena", "DPReview": English words)
            elif i - 1 - caps_start >= 3 and len(after) >= 6 and after not in vocab and after in _name_words():
                cuts.append(i - 1)  # "BMKGDwikorita": an acronym before a person's name
            elif (tail in free or (len(tail) >= 4 and _ordinary(tail))) and i - caps_start >= 2:
                cuts.append(i)  # "NFTmencatat", "ASdi"
    return cuts


@functools.lru_cache(maxsize=200_000)  # speed only: a pure function of the word, and words repeat
def _split_word(word: str) -> tuple[int, ...]:
    """All cut offsets in a run of letters."""
    if word[1:].islower() and word.lower() in vocabulary():
        return ()  # no case change, and a known word is not split (_lower_split): most words
    cuts = _case_cuts(word)
    pre = _prefix_cut(word)
    if pre is not None:
        cuts = sorted(set(cuts + [pre]))
    out = []
    bounds = [0] + cuts + [len(word)]
    protected = _protected(word)
    for s, e in zip(bounds, bounds[1:]):
        seg = word[s:e]
        if protected and any(p in protected for p in range(s + 1, e)):
            continue
        j = _lower_split(seg)
        if j is not None:
            out.append(s + j)
            # at most one more cut on either side: "Hargaemasyang", "Hormuzjikaitu"
            before, after = _lower_split(seg[:j]), _lower_split(seg[j:])
            if before is not None:
                out.append(s + before)
            elif after is not None:
                out.append(s + j + after)
    return tuple(sorted(set(cuts + out)))


_LOWER_UPPER = re.compile(r"[a-z][A-Z]")
_LETTER = re.compile(r"[^\W\d_]")  # one character of _LETTERS

# Words deglue() has nothing to do for, wherever they stand (speed only: a pure function of the
# word, and most words of a text are among them); emptied when it grows past _PLAIN_MAX.
_PLAIN: set[str] = set()
_PLAIN_MAX = 100_000  # about 10 MB


def _worth_a_look(word: str) -> bool:
    """Whether deglue() must look at the word where it stands: it may be split, or it has a case
    change (an address or a domain name around it decides)."""
    if len(word) < 4 or (word.islower() and len(word) < 2 * _MIN_PART):
        return False
    return bool(_split_word(word) or _LOWER_UPPER.search(word))


def _occurrences(text: str, words: set[str]) -> list[tuple[int, str]]:
    """(start, word) of every whole run of letters (_LETTERS) in the text that is one of `words`,
    in text order."""
    out = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _LETTER.match(text, at - 1)) and not _LETTER.match(text, end):
                out.append((at, word))
            at = text.find(word, at + 1)
    out.sort()
    return out


def deglue(text: str) -> tuple[str, list[int]]:
    """The text with glued words split, and the offsets (in the new text) of the spaces added."""
    # each distinct word is judged once; only the few worth a look are then found in the text
    words = set(_LETTERS.findall(text))
    words -= _PLAIN
    todo = {word for word in words if _worth_a_look(word)}
    if len(_PLAIN) > _PLAIN_MAX:
        _PLAIN.clear()
    _PLAIN.update(words - todo)
    if not todo:
        return text, []
    pieces = []
    inserted = []
    last = 0
    shift = 0
    for m_start, word in _occurrences(text, todo):
        m_end = m_start + len(word)
        cuts = _split_word(word)
        # the white-space chunk the word stands in: an address or handle is left alone
        start = m_start
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = m_end
        while end < len(text) and not text[end].isspace():
            end += 1
        chunk = text[start:end]
        if _ADDRESS.search(chunk):
            continue
        if _DOMAIN_AFTER.match(chunk, m_end - start):
            lead = re.match(r"[a-z]+(?=[A-Z])", word)
            known = lead and (lead.group() in _function_words()[0] or (
                len(lead.group()) >= 4 and lead.group() in vocabulary()))
            cuts = [lead.end()] if known else []
        for c in cuts:
            pos = m_start + c
            pieces.append(text[last:pos])
            pieces.append(" ")
            inserted.append(pos + shift)
            shift += 1
            last = pos
    if not inserted:
        return text, []
    pieces.append(text[last:])
    return "".join(pieces), inserted


_VOWELS = set("aeiouAEIOU")


def _identifier(word: str) -> bool:
    """Not a word: a short mixed-case form (IoT, RoRI, SpJP, BeAT: at most five letters, read as
    an abbreviation), mis-decoded text ("CitroÃ"), or a video id or token ("XJdleHRuA"): three
    case switches or more with fewer than half its camel-case parts known words."""
    if len(word) <= 5 and not (word[:2] in ("di", "ke") and word[2:3].isupper()):
        return True
    if "Ã" in word or "Â" in word:
        return True
    switches = sum(1 for i in range(2, len(word)) if word[i].isupper() != word[i - 1].isupper())
    if switches < 3:
        return False
    parts = [p.lower() for p in re.split(r"(?<=[a-z])(?=[A-Z])", word) if len(p) >= 3]
    return sum(p in vocabulary() for p in parts) * 2 < len(parts)


_DOMAIN = re.compile(r"[^\W_]\.(?:com|co|id|net|org|tv|go)\b", re.IGNORECASE)


def address(chunk: str) -> bool:
    """Whether a white-space chunk is an address, handle, hashtag or domain name ("#LayarDramaRCTI",
    "@kontak157", a URL, "MiddleEastEye.net"): written without spaces on purpose."""
    return bool(_ADDRESS.search(chunk) or _DOMAIN.search(chunk))


def glued_case_change(word: str, strict: bool = False) -> bool:
    """Whether a run of letters holds a lower-case letter followed by a capital that is not a
    listed exception (exceptions.tsv) nor one of the plainest legitimate shapes: one lower-case
    letter in front (iPhone, eKTP, kW) or a Mc/Mac name. A yardstick for measuring, deliberately
    stricter than the de-gluer (which also leaves GoPay-like words alone). strict=True ignores the
    reviewed camel-case names (camel_names.tsv) too."""
    if _identifier(word):
        return False
    protected = None
    for i in range(1, len(word)):
        if word[i - 1].islower() and word[i].isupper():
            if i == 1 or word.startswith(("Mc", "Mac")) and i in (2, 3):
                continue
            if protected is None:
                protected = _protected(word, names=not strict)
            if i not in protected:
                return True
    return False


def reglue(text: str, inserted: list[int]) -> str:
    """The text before deglue(): the inserted spaces removed."""
    drop = set(inserted)
    return "".join(c for i, c in enumerate(text) if i not in drop)
