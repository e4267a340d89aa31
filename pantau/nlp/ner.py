"""Statistical named-entity tagger (linear-chain CRF).

The model is trained with python-crfsuite by scripts/train_ner.py on the Indonesian
NER training splits and shipped as pantau/models/ner.crfsuite, with its weights
exported to ner.weights.npz for the run-time tagger. Features are cheap on purpose
(word shape, affixes, a +-2 context window and its word bigrams such as
"bergabung dengan" or "oleh band", gazetteer membership from the knowledge base,
distributional word clusters and capitalisation habits learnt from unlabelled text,
the words around each title-case run).

sentence_features() defines the features; training and tag_crfsuite() use it. The
run-time tagger (_Vocab, below) gives the same tags without building feature strings:
what each distinct word contributes to its own and its neighbours' positions is summed
from the weights once and cached, and a whole text is scored and decoded with array
operations (pantau/nlp/crf.py). Tests compare the two taggers on the dev splits and news.

Public:
    sentence_features(words, genre) -> features for the CRF
    tag(words) -> BIO tags (PER/ORG/LOC)
    tag_sentences(list_of_word_lists) -> list of tag lists (one text, one genre)
    tag_crfsuite(words) -> the same tags from crfsuite itself (the reference)
    tag_conll(in_stream, out_stream) -> `pantau tag` (contract rule 8)
    spans_from_bio(tags) -> [(start_token, end_token, type)]
"""
from __future__ import annotations

import collections
import functools
import itertools
import operator
import pathlib
import re
import threading
from typing import IO, Iterable

import numpy as np

from .crf import viterbi

MODEL_PATH = pathlib.Path(__file__).resolve().parents[1] / "models" / "ner.crfsuite"
GAZETTEER_PATH = pathlib.Path(__file__).resolve().parents[1] / "data" / "kb" / "gazetteer_tokens.tsv"
PHRASES_PATH = pathlib.Path(__file__).resolve().parents[1] / "data" / "ner" / "gazetteer_phrases.tsv"
CLUSTERS_PATH = pathlib.Path(__file__).resolve().parents[1] / "data" / "ner" / "word_clusters.tsv"
CASE_PATH = pathlib.Path(__file__).resolve().parents[1] / "data" / "ner" / "word_case.tsv"
GENRES_PATH = pathlib.Path(__file__).resolve().parents[1] / "models" / "ner.genres.tsv"
TYPES = ("PER", "ORG", "LOC")

# word shape: ASCII capitals -> "X", small letters -> "x", digits -> "d", the rest kept
_SHAPE = str.maketrans({**{chr(c): "X" for c in range(65, 91)}, **{chr(c): "x" for c in range(97, 123)},
                        **{chr(c): "d" for c in range(48, 58)}})


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """lower-cased token -> compact flags ("P", "O", "L", "PL", "F" = first token of a name ...)."""
    from .. import cache

    if not GAZETTEER_PATH.exists():
        return {}
    return cache.cached("ner-gazetteer", [pathlib.Path(__file__), GAZETTEER_PATH], _read_gazetteer)


def _read_gazetteer() -> dict[str, str]:
    table: dict[str, str] = {}
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            tok, flags = line.rstrip("\n").split("\t")[:2]
            table[tok] = flags
    return table


@functools.lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, ...]]:
    """lower-cased word -> cluster ids from coarse to fine (scripts/build_word_clusters.py)."""
    table: dict[str, tuple[str, ...]] = {}
    if CLUSTERS_PATH.exists():
        with CLUSTERS_PATH.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    table[parts[0]] = tuple(parts[1:])
    return table


@functools.lru_cache(maxsize=1)
def case_habits() -> dict[str, str]:
    """lower-cased word -> "cap" / "low" / "mix": how unlabelled text writes it inside a
    sentence (scripts/build_word_clusters.py)."""
    table: dict[str, str] = {}
    if CASE_PATH.exists():
        with CASE_PATH.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#") and "\t" in line:
                    w, habit = line.rstrip("\n").split("\t")[:2]
                    table[w] = habit
    return table


_PIECE = re.compile(r"\w+|[^\w\s]")


@functools.lru_cache(maxsize=1)
def gazetteer_phrases() -> tuple[list[str], list[str]]:
    """(names, types) of gazetteer_phrases.tsv, read once for the tagger's matcher and the de-gluer."""
    pats, kinds = [], []
    if PHRASES_PATH.exists():
        with PHRASES_PATH.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or "\t" not in line:
                    continue
                p, k = line.rstrip("\n").split("\t")[:2]
                pats.append(p)
                kinds.append(k)
    return pats, kinds


@functools.lru_cache(maxsize=1)
def _phrase_matcher():
    """(automaton, patterns, types) over the typed names of gazetteer_phrases.tsv, or None."""
    if not PHRASES_PATH.exists():
        return None
    import ahocorasick_rs

    pats, kinds = gazetteer_phrases()
    # Each name is searched with a space on either side, in a text that has one around every
    # word: a match can then only start and end where pieces do. Without the spaces, two
    # thirds of the reported matches were names inside words ("ang" in "dengan").
    # The contiguous NFA is chosen, not left to the library: over these 209k names it found
    # the same matches in 0.11 ms per article where the default took 0.26 (built as fast).
    automaton = ahocorasick_rs.AhoCorasick([f" {p} " for p in pats],
                                           matchkind=ahocorasick_rs.MatchKind.Standard,
                                           implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    return automaton, pats, kinds


def phrase_tags(pieces: list[str]) -> list[str]:
    """Per word: "B-PL", "I-L", ... when the word starts / continues a known name (longest
    match), "" otherwise. `pieces` = each word's normalised sub-tokens joined by spaces."""
    return phrase_tags_many([pieces])[0]


def phrase_tags_many(sentences: list[list[str]]) -> list[list[str]]:
    """phrase_tags() of several sentences at once."""
    outs = [[""] * len(pieces) for pieces in sentences]
    flat = [(s, i) for s, pieces in enumerate(sentences) for i in range(len(pieces))]
    for first, last, kind in phrase_spans(sentences):
        s, i = flat[first]
        outs[s][i] = "B-" + kind
        for t in range(i + 1, i + last - first + 1):
            outs[s][t] = "I-" + kind
    return outs


def phrase_spans(sentences: list[list[str]]) -> list[tuple[int, int, str]]:
    """(first word, last word, type) of the known names in the sentences, words counted
    across all of them: at each word the longest name starting there, left to right,
    skipping words already covered. One pass of the matcher: the sentences are joined by
    newlines, which no name contains, so no name crosses a sentence."""
    matcher = _phrase_matcher()
    words = [p for pieces in sentences for p in pieces]
    if matcher is None or not words:
        return []
    automaton, _, kinds = matcher
    # " w1 w2 \n w3 ": a space around every word; "\n" between sentences, which no name
    # contains, so no name crosses a sentence
    text = " " + " \n ".join(" ".join(pieces) for pieces in sentences if pieces) + " "
    found = automaton.find_matches_as_indexes(text, overlapping=True)
    if not found:
        return []
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    gaps = np.ones(len(words), dtype=np.int64)  # characters before each word
    sizes = [len(pieces) for pieces in sentences if pieces]
    gaps[np.cumsum(sizes[:-1], dtype=np.int64)] = 3  # " \n " starts a sentence
    word_start = np.cumsum(lengths + gaps) - lengths
    word_end = word_start + lengths
    m = np.array(found, dtype=np.int64).reshape(-1, 3)
    m[:, 1] += 1  # the match without its spaces
    m[:, 2] -= 1
    first = np.minimum(np.searchsorted(word_start, m[:, 1]), len(words) - 1)
    last = np.minimum(np.searchsorted(word_end, m[:, 2]), len(words) - 1)
    ok = (word_start[first] == m[:, 1]) & (word_end[last] == m[:, 2])
    if not ok.any():
        return []
    order = np.flatnonzero(ok)
    # per first word the longest match, the earliest reported among equals
    order = order[np.lexsort((order, -last[order], first[order]))]
    spans = []
    covered_until = -1
    seen = -1
    for k in order.tolist():
        f = int(first[k])
        if f == seen:
            continue
        seen = f
        if f <= covered_until:
            continue
        spans.append((f, int(last[k]), kinds[int(m[k, 0])]))
        covered_until = int(last[k])
    return spans


def _shape(word: str) -> str:
    return word.translate(_SHAPE)


def _short_shape(shape: str) -> str:
    """The shape with each run of one character kept once, cut to 6 ("Xxxx-Xx" -> "Xx-Xx")."""
    out = []
    for ch in shape:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)[:6]


# Cache of per-word (intrinsic) features and of the compact context summary that
# neighbours see, for sentence_features() (training, the crfsuite reference) and the genre
# guess. The run-time tagger keeps its own table of words (_Vocab) and asks here only for
# words new to it, so this stays small. First-seen words are the frequent ones; ~1 KB each.
_WORD_CACHE: dict[str, tuple] = {}
_WORD_CACHE_MAX = 5_000


def _word_info(word: str) -> tuple:
    """(own features with a genre copy, own features without, lower form, short shape,
    gazetteer flags, fine cluster, normalised pieces, title-case?) for one word."""
    hit = _WORD_CACHE.get(word)
    if hit is not None:
        return hit
    low = word.lower()
    shape = _shape(word)
    short = _short_shape(shape)
    gz = gazetteer().get(low, "")
    cl = clusters().get(low)
    # features whose weights differ between annotation conventions get a genre copy
    copied = ["w=" + low, "sh=" + short]
    plain = [
        "p2=" + low[:2],
        "p3=" + low[:3],
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "len=" + (str(len(word)) if len(word) < 6 else "6+"),
    ]
    title = word[:1].isupper()
    if title:
        copied.append("title")
    if word.isupper() and len(word) > 1:
        copied.append("allcaps")
    if not word.isalpha() and any(c.isdigit() for c in word):  # a letter is never a digit
        plain.append("digit")
    if "-" in word:
        plain.append("hyphen")
    if word[:1].isalpha():
        # a capitalised word that text usually writes in lower case is rarely a name
        plain.append("case=" + case_habits().get(low, "unseen") + ("T" if title else "t"))
    if gz:
        copied.extend("gz=" + f for f in gz)
    if cl:
        plain.append("c1=" + cl[0])
        copied.append("c2=" + cl[1])
        if len(cl) > 2:
            plain.append("c3=" + cl[2])
        ctx = cl[1]
    else:
        ctx = "none"
    info = (copied, plain, low, short, gz, ctx, " ".join(_PIECE.findall(low)) or low, title)
    if len(_WORD_CACHE) < _WORD_CACHE_MAX:
        _WORD_CACHE[word] = info
    return info


@functools.lru_cache(maxsize=1)
def _genre_model() -> tuple[list[str], dict[str, list[float]], list[float]]:
    """Naive-Bayes genre model written by scripts/train_ner.py: (genres, word -> log P(w|g),
    unseen-word log P per genre)."""
    genres, table, unseen = [], {}, []
    if GENRES_PATH.exists():
        with GENRES_PATH.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "<genres>":
                    genres = parts[1:]
                elif parts[0] == "<unseen>":
                    unseen = [float(x) for x in parts[1:]]
                else:
                    table[parts[0]] = [float(x) for x in parts[1:]]
    return genres, table, unseen


def genre_clues(words: list[str]) -> list[str]:
    """What the genre guess looks at: the run of word shapes (Xx, x, d/d, "(", ...) and shape
    pairs, i.e. how a text is written and tokenised rather than what it is about."""
    shapes = ["\u00a7" + _word_info(w)[3] for w in words]  # cached short shape
    return shapes + [a + b for a, b in zip(shapes, shapes[1:])]


def guess_genre(sentences: Iterable[list[str]]) -> str | None:
    """Which training genre (annotation convention) a text resembles most: the tagger was
    trained with genre-specific copies of some features ("frustratingly easy" domain
    adaptation), so text written like the news-wire set is tagged the way that set was
    annotated. Naive Bayes over genre_clues(); None when no genre model is shipped."""
    genres, shape_ids, single, pairs = _genre_arrays()
    if not genres:
        return None
    sentences = [s for s in sentences if s]
    shapes = [_word_info(w)[3] for words in sentences for w in words]
    if any("\u00a7" in sh for sh in shapes):  # the clue separator inside a shape: count clues
        return _guess_genre_counting(sentences)
    if not shapes:
        return genres[0]
    ids = np.fromiter((shape_ids.get(sh, 0) for sh in shapes), dtype=np.intp, count=len(shapes))
    starts = np.zeros(len(ids), dtype=bool)
    starts[np.cumsum([0] + [len(s) for s in sentences[:-1]])] = True
    return _genre_of_shapes(ids, starts)


def _genre_of_shapes(ids: np.ndarray, starts: np.ndarray) -> str:
    """The genre guess from the shape ids of a text's words (starts: where sentences begin;
    no shape pair spans two sentences)."""
    genres, _, single, pairs = _genre_arrays()
    pair_ids = ids[:-1] * len(single) + ids[1:]
    score = single[ids].sum(axis=0) + pairs[pair_ids[~starts[1:]]].sum(axis=0)
    return genres[int(score.argmax())]


def _guess_genre_counting(sentences: Iterable[list[str]]) -> str | None:
    """guess_genre() clue by clue (the definition; the array form above is what runs)."""
    genres, table, unseen = _genre_model()
    if not genres:
        return None
    counts = collections.Counter(clue for words in sentences for clue in genre_clues(words))
    score = [0.0] * len(genres)
    for clue, n in counts.items():
        row = table.get(clue, unseen)
        for g in range(len(genres)):
            score[g] += n * row[g]
    return genres[max(range(len(genres)), key=score.__getitem__)]


@functools.lru_cache(maxsize=1)
def _genre_arrays():
    """The genre model as arrays: shape -> id (0 = unseen), log P per single shape and per
    pair of shapes (id_a * n + id_b), unseen clues at the model's unseen row."""
    genres, table, unseen = _genre_model()
    names = sorted({part for clue in table for part in clue.split("\u00a7")[1:]})
    shape_ids = {sh: i for i, sh in enumerate(names, 1)}
    n = len(names) + 1
    single = np.tile(np.array(unseen or [0.0]), (n, 1))
    pairs = np.tile(np.array(unseen or [0.0]), (n * n, 1))
    for clue, row in table.items():
        parts = clue.split("\u00a7")[1:]
        if len(parts) == 1:
            single[shape_ids[parts[0]]] = row
        else:
            pairs[shape_ids[parts[0]] * n + shape_ids[parts[1]]] = row
    return genres, shape_ids, single, pairs


# Title-case runs ("Universitas Muhammadiyah Surakarta", "Arema Indonesia") are where names
# live; the word just before a run ("klub", "kota", "band", "stasiun") and just after it
# tell its type and where it ends, even when the run is longer than the +-2 window.
# Connectors that may join two capitalised words into one run: data/ner/run_connectors.tsv.
RUN_CONNECTORS_PATH = pathlib.Path(__file__).resolve().parents[1] / "data" / "ner" / "run_connectors.tsv"


@functools.lru_cache(maxsize=1)
def run_connectors() -> frozenset[str]:
    with RUN_CONNECTORS_PATH.open(encoding="utf-8") as fh:
        rows = [ln.split("\t")[0] for ln in fh if ln.strip() and not ln.startswith("#")]
    return frozenset(rows[1:])  # after the header


def sentence_features(words: list[str], genre: str | None = None) -> list[list[str]]:
    """CRF features for each word of one sentence; with a genre, the features that carry
    annotation habits also get a genre-specific copy ("frustratingly easy" domain adaptation)."""
    n = len(words)
    infos = [_word_info(w) for w in words]
    phr = phrase_tags([inf[6] for inf in infos])
    prefix = genre + ":" if genre else ""
    out = []
    # title-case runs; a connector between two capitalised words ("College of Law",
    # "Abdurrachman bin Ali") joins them into one run
    in_run = [inf[7] for inf in infos]
    connectors = run_connectors()
    for i in range(1, n - 1):
        if not in_run[i] and infos[i][2] in connectors and infos[i - 1][7] and infos[i + 1][7]:
            in_run[i] = True
    run_end = [0] * (n + 1)  # for a word in a run: index just past its run
    for i in range(n - 1, -1, -1):
        run_end[i] = run_end[i + 1] if i + 1 < n and in_run[i + 1] else i + 1
    run_start = 0
    for i in range(n):
        copied_own, plain_own, low, short, gz, cl, _, _ = infos[i]
        copied = list(copied_own)
        f = list(plain_own)
        p = phr[i]
        if p:
            copied.append("ph=" + p)
            copied.append("ph=" + p[0])
        if i > 0 and phr[i - 1]:
            copied.append("-1ph=" + phr[i - 1])
        if i < n - 1 and phr[i + 1]:
            copied.append("+1ph=" + phr[i + 1])
        if i == 0:
            copied.append("BOS")
        else:
            inf = infos[i - 1]
            l1 = inf[2]
            copied.append("-1w=" + l1)
            f.append("-1c=" + inf[5])
            f.append("-1sh=" + inf[3])
            f.append("-1w|w=" + l1 + "|" + low)
            if inf[4]:
                f.append("-1gz=" + inf[4])
            if i > 1:
                inf = infos[i - 2]
                f.append("-2w=" + inf[2])
                f.append("-2sh=" + inf[3])
                f.append("-2w|-1w=" + inf[2] + "|" + l1)
        if i == n - 1:
            copied.append("EOS")
        else:
            inf = infos[i + 1]
            r1 = inf[2]
            copied.append("+1w=" + r1)
            f.append("+1c=" + inf[5])
            f.append("+1sh=" + inf[3])
            f.append("w|+1w=" + low + "|" + r1)
            if inf[4]:
                f.append("+1gz=" + inf[4])
            if i < n - 2:
                inf = infos[i + 2]
                f.append("+2w=" + inf[2])
                f.append("+2sh=" + inf[3])
                f.append("+1w|+2w=" + r1 + "|" + inf[2])
        if in_run[i]:
            if i == 0 or not in_run[i - 1]:
                run_start = i
            j = run_end[i]
            # j = end of the run; position B/I/E/S and the words around the run
            pos = "S" if j - run_start == 1 else "B" if i == run_start else "E" if i == j - 1 else "I"
            f.append("rpos=" + pos)
            copied.append("rp=" + (infos[run_start - 1][2] if run_start else "<s>"))
            copied.append("rn=" + (infos[j][2] if j < n else "</s>"))
            f.append("rlast=" + infos[j - 1][5])
            f.append("rlen=" + str(min(j - run_start, 4)))
        f.extend(copied)
        if prefix:
            f.extend([prefix + x for x in copied])
            f.append(prefix + "bias")
        out.append(f)
    return out


@functools.lru_cache(maxsize=1)
def _tagger():
    from ..extras import need

    pycrfsuite = need("pycrfsuite")  # the reference only; analysis decodes with crf.py
    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"NER model missing: {MODEL_PATH} (build it with scripts/train_ner.py)")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def tag_crfsuite(words: list[str], genre: str | None = "auto") -> list[str]:
    """tag() done by crfsuite itself from sentence_features(): the reference the fast
    tagger is tested against, and what training evaluates."""
    if not words:
        return []
    if genre == "auto":
        genre = guess_genre([words])
    return _tagger().tag(sentence_features(words, genre))


def tag(words: list[str], genre: str | None = "auto") -> list[str]:
    """BIO tags (B-PER, I-ORG, O, ...) for one sentence of words. genre: "auto" guesses it
    from the sentence; pass the result of guess_genre() over a whole text to tag it consistently."""
    if not words:
        return []
    return _vocab().tag([words], genre)[0]


BATCH = 512  # sentences scored together; bounds the arrays of a long input


def tag_sentences(sentences: list[list[str]], genre: str | None = "auto") -> list[list[str]]:
    """Tag several sentences of one text, with one genre (by default guessed from all of
    them). Each sentence is decoded on its own, so the tags are those of tag(); scoring
    them together is what makes it fast."""
    sentences = list(sentences)
    if len(sentences) <= BATCH:
        return _vocab().tag(sentences, genre)
    if genre == "auto":
        genre = guess_genre(sentences)
    out: list[list[str]] = []
    for i in range(0, len(sentences), BATCH):
        out.extend(_vocab().tag(sentences[i:i + BATCH], genre))
    return out


# ---- the fast tagger -------------------------------------------------------------------
# sentence_features() spelt out as sums of cached weight rows. Everything a word adds to
# its own position, and to the positions one and two before and after it, depends only on
# the word (and the genre), so it is summed once per distinct word; word pairs are looked
# up among the pairs the model knows; phrase and title-case-run features are added per
# text. Every step is an array operation over the whole text, so the Python work per token
# is one dictionary lookup. This must say what sentence_features() says:
# tests/test_ner.py compares the two on the dev splits and on news text.

WEIGHTS_PATH = MODEL_PATH.with_suffix(".weights.npz")
_OWN, _LEFT1, _LEFT2, _RIGHT1, _RIGHT2, _RUN_BEFORE, _RUN_AFTER, _RUN_LAST = range(8)
_NONE, _BOS, _EOS = 0, 1, 2  # word ids with no word: nothing / sentence start / sentence end
_PAIR_ROLES = ("w|+1w=", "-1w|w=", "-2w|-1w=", "+1w|+2w=")  # pair (a, b) at a, at b, after b, before a
_RUN_POS = "SBEI"
# the templates of what a word adds to its neighbours' positions, and those with a genre copy
_ROW_TEMPLATES = ("-1w", "+1w", "-2w", "+2w", "rp", "rn", "-1c", "+1c", "-1sh", "+1sh", "-2sh", "+2sh",
                  "-1gz", "+1gz", "rlast")
_GENRE_ROW_TEMPLATES = ("-1w", "+1w", "rp", "rn")


@functools.lru_cache(maxsize=1)
def _model():
    """The weights, and the word pairs they know: (weights, lower form -> id for words
    in pairs, sorted pair keys id_a * n + id_b, their rows [pair, role, label], n,
    the attribute rows by template). Kept between processes (pantau/cache.py): 0.03 s to
    load where making it takes 0.1."""
    from .. import cache
    from . import crf

    if not WEIGHTS_PATH.exists():
        raise FileNotFoundError(f"NER weights missing: {WEIGHTS_PATH} (scripts/export_ner_weights.py)")
    return cache.cached("ner-model", [pathlib.Path(__file__), pathlib.Path(crf.__file__), WEIGHTS_PATH,
                                      "numpy " + np.__version__], _make_model)  # its arrays pickled


def _make_model():
    from .crf import CrfWeights

    weights = CrfWeights.load(WEIGHTS_PATH)
    by_template = weights.by_template()
    found: dict[str, list] = {}  # "a|b" -> attribute row per role (0: none)
    for r, role in enumerate(_PAIR_ROLES):
        for rest, row in by_template.get(role[:-1], {}).items():
            found.setdefault(rest, [0] * len(_PAIR_ROLES))[r] = row
    # "a|b" with a "|" inside a word is ambiguous; such words take the _Vocab slow path
    split = sorted((tuple(k.split("|")), rows) for k, rows in found.items() if k.count("|") == 1)
    lows = sorted({x for ab, _ in split for x in ab})
    low_ids = {x: i for i, x in enumerate(lows, 1)}
    n = len(lows) + 1
    keys = np.array([low_ids[a] * n + low_ids[b] for (a, b), _ in split], dtype=np.int64)
    order = np.argsort(keys)
    keys = keys[order]
    attr_rows = np.array([rows for _, rows in split], dtype=np.intp).reshape(-1, len(_PAIR_ROLES))[order]
    pair_rows = np.zeros((len(split) + 1, len(_PAIR_ROLES), len(weights.labels)))
    pair_rows[1:] = weights.state[attr_rows]  # row 0 of state is all zeros: a role the pair lacks
    # kept: only the templates _Vocab._word_rows() looks words up under (13 MB for all of them)
    by_template = {h: d for h, d in by_template.items()
                   if h in _ROW_TEMPLATES or (":" in h and h.partition(":")[2] in _GENRE_ROW_TEMPLATES)}
    return weights, low_ids, keys, pair_rows, n, by_template


class _Vocab:
    """Word -> id, with what the tagger needs of each word as arrays, and per genre the
    eight weight rows of each word. Ids from CACHED up are scratch, reused by every text,
    so a long run keeps the first-seen (frequent) words and memory stays flat (448 bytes
    of rows per word and genre; 2,000 IndoSum articles have 44k distinct words)."""

    CACHED = 60_000

    def __init__(self):
        (self.weights, self.pair_low_ids, self.pair_keys, self.pair_rows, self.pair_n,
         self.by_template) = _model()
        self.n_labels = len(self.weights.labels)
        self.labels = np.array(self.weights.labels, dtype=object)
        self.ids: dict[str, int] = {}
        self.words: list[str] = ["", "", ""]  # by id
        self.pieces: list[str] = ["", "", ""]
        size = self.CACHED + 4096
        self.shape = np.zeros(size, dtype=np.intp)  # genre-model shape id, -1 if it has the separator
        self.title = np.zeros(size, dtype=bool)
        self.connector = np.zeros(size, dtype=bool)
        self.pair_low = np.zeros(size, dtype=np.int64)  # id among the words of known pairs, 0 none
        self.odd = np.zeros(size, dtype=bool)  # lower form has "|": pairs are looked up by name
        self.rows: dict = {}  # genre -> (rows [id, 8, label], ready [id])
        self.small: dict = {}  # (genre, key) -> row of phrase / run-position features
        self.fresh: dict[int, tuple] = {}  # id -> _word_info of the words new in this text
        self.lock = threading.Lock()
        self.run_pos_rows = self.weights.rows(
            [["rpos=" + p, "rlen=" + str(k)] for p in _RUN_POS for k in range(1, 5)])

    # -- words ---------------------------------------------------------------------------
    def ids_of(self, words: list[str]) -> np.ndarray:
        """Ids of the words, new ones added."""
        get = self.ids.get
        found = np.fromiter(map(get, words, itertools.repeat(-1)), dtype=np.intp, count=len(words))
        if (found < 0).any():
            self._add([w for w in dict.fromkeys(words) if get(w) is None])
            found = np.fromiter(map(get, words), dtype=np.intp, count=len(words))
        return found

    def _add(self, new: list[str]) -> None:
        first = len(self.words)
        end = first + len(new)
        if end > len(self.shape):
            grow = end + 4096
            for name in ("shape", "title", "connector", "pair_low", "odd"):
                old = getattr(self, name)
                arr = np.zeros(grow, dtype=old.dtype)
                arr[:len(old)] = old
                setattr(self, name, arr)
            for genre, (rows, ready) in list(self.rows.items()):
                r = np.zeros((grow,) + rows.shape[1:])
                r[:len(rows)] = rows
                ok = np.zeros(grow, dtype=bool)
                ok[:len(ready)] = ready
                self.rows[genre] = (r, ok)
        _, shape_ids, _, _ = _genre_arrays()
        connectors = run_connectors()
        low_ids = self.pair_low_ids
        infos = [_word_info(w) for w in new]
        self.fresh.update(zip(range(first, end), infos))
        self.ids.update(zip(new, range(first, end)))
        self.words.extend(new)
        self.pieces.extend([info[6] for info in infos])
        lows = [info[2] for info in infos]
        self.shape[first:end] = [-1 if "\u00a7" in info[3] else shape_ids.get(info[3], 0) for info in infos]
        self.title[first:end] = [info[7] for info in infos]
        self.connector[first:end] = [low in connectors for low in lows]
        self.pair_low[first:end] = [low_ids.get(low, 0) for low in lows]
        self.odd[first:end] = ["|" in low for low in lows]
        for rows, ready in self.rows.values():
            ready[first:end] = False

    def forget_scratch(self) -> None:
        """Drop the words past the cache (they were kept for one text only)."""
        if len(self.words) > self.CACHED:
            for w in self.words[self.CACHED:]:
                del self.ids[w]
            del self.words[self.CACHED:]
            del self.pieces[self.CACHED:]

    # -- weight rows ---------------------------------------------------------------------
    def rows_for(self, genre: str | None, w: np.ndarray) -> np.ndarray:
        """The genre's rows, made ready for the ids in w."""
        if genre not in self.rows:
            rows = np.zeros((len(self.shape), 8, self.n_labels))
            ready = np.zeros(len(self.shape), dtype=bool)
            edges = self._with_copies(genre, [["BOS"], ["rp=<s>"], ["EOS"], ["rn=</s>"]])
            r = self.weights.rows(edges)
            rows[_BOS, _LEFT1], rows[_BOS, _RUN_BEFORE] = r[0], r[1]
            rows[_EOS, _RIGHT1], rows[_EOS, _RUN_AFTER] = r[2], r[3]
            ready[:3] = True
            self.rows[genre] = (rows, ready)
        rows, ready = self.rows[genre]
        todo = np.unique(w[~ready[w]])
        if len(todo):
            rows[todo] = self._word_rows(genre, todo.tolist())
            ready[todo] = todo < self.CACHED
        return rows

    @staticmethod
    def _with_copies(genre, copied_lists):
        if not genre:
            return copied_lists
        p = genre + ":"
        return [c + [p + x for x in c] for c in copied_lists]

    def _word_rows(self, genre, ids: list[int]) -> np.ndarray:
        """The eight weight rows of each word: the sums of the weights of the features
        below, each looked up by template rather than by a string built for it (tests spell
        the features out and compare; the order is theirs, so the sums are the same).
        Per word, in this order: own (plain, copied, [genre copies of copied, genre bias]),
        -1 ("-1w", ["g-1w"], "-1c", "-1sh", ["-1gz"]), -2 ("-2w", "-2sh"), +1 and +2 the
        same, before a run ("rp", ["grp"]), after it ("rn", ["grn"]), last of it ("rlast")."""
        t = self._templates(genre)
        get = self.weights.index.get
        zero = itertools.repeat(0)  # the default of each map(get, ...) below
        m1w, m2w, p1w, p2w = t["-1w"].get, t["-2w"].get, t["+1w"].get, t["+2w"].get
        m1c, p1c, m1sh, p1sh = t["-1c"].get, t["+1c"].get, t["-1sh"].get, t["+1sh"].get
        m2sh, p2sh, m1gz, p1gz = t["-2sh"].get, t["+2sh"].get, t["-1gz"].get, t["+1gz"].get
        rp, rn, rlast = t["rp"].get, t["rn"].get, t["rlast"].get
        copy = t["copy"]  # genre copies, by the attribute they copy; None without a genre
        if copy is not None:
            cget, bias = copy.get, t["bias"]
            gm1w, gp1w, grp, grn = t["g-1w"].get, t["g+1w"].get, t["grp"].get, t["grn"].get
        fresh = self.fresh.get
        flat: list[int] = []
        sizes: list[int] = []
        add, add_sizes = flat.extend, sizes.extend
        for i in ids:
            copied, plain, low, short, gz, ctx, _, _ = fresh(i) or _word_info(self.words[i])
            add(map(get, plain, zero))
            add(map(get, copied, zero))
            if copy is None:
                own = len(plain) + len(copied)
                left1 = (m1w(low, 0), m1c(ctx, 0), m1sh(short, 0))
                right1 = (p1w(low, 0), p1c(ctx, 0), p1sh(short, 0))
                before, after = (rp(low, 0),), (rn(low, 0),)
            else:
                add(map(cget, copied, zero))
                flat.append(bias)
                own = len(plain) + 2 * len(copied) + 1
                left1 = (m1w(low, 0), gm1w(low, 0), m1c(ctx, 0), m1sh(short, 0))
                right1 = (p1w(low, 0), gp1w(low, 0), p1c(ctx, 0), p1sh(short, 0))
                before, after = (rp(low, 0), grp(low, 0)), (rn(low, 0), grn(low, 0))
            if gz:
                left1 += (m1gz(gz, 0),)
                right1 += (p1gz(gz, 0),)
            add(left1)
            add((m2w(low, 0), m2sh(short, 0)))
            add(right1)
            add((p2w(low, 0), p2sh(short, 0)))
            add(before)
            add(after)
            flat.append(rlast(ctx, 0))
            add_sizes((own, len(left1), 2, len(right1), 2, len(before), len(after), 1))
        return self.weights.rows_of_ids(flat, sizes).reshape(len(ids), 8, self.n_labels)

    def _templates(self, genre) -> dict:
        """Attribute rows by template for _word_rows(): "-1w" -> {word: row}, ..., "g-1w" the
        genre's copy of "-1w", "copy" {attribute: row of the genre's copy}, "bias" the row of
        the genre's bias (0 when the model lacks it)."""
        hit = self.small.get((genre, "templates"))
        if hit is None:
            by = self.by_template
            hit = {h: by.get(h, {}) for h in _ROW_TEMPLATES}
            hit["copy"] = None
            if genre:
                p = genre + ":"
                for h in _GENRE_ROW_TEMPLATES:
                    hit["g" + h] = by.get(p + h, {})
                hit["copy"] = {a[len(p):]: row for a, row in self.weights.index.items() if a.startswith(p)}
                hit["bias"] = self.weights.index.get(p + "bias", 0)
            self.small[(genre, "templates")] = hit
        return hit

    def small_row(self, genre, key: str) -> np.ndarray:
        hit = self.small.get((genre, key))
        if hit is None:
            hit = self.small[(genre, key)] = self.weights.rows(self._with_copies(genre, [[key]]))[0]
        return hit

    # -- a text --------------------------------------------------------------------------
    def emissions(self, genre, w, starts, ends) -> np.ndarray:
        n = len(w)
        rows = self.rows_for(genre, w)
        # the words around each position; _BOS/_EOS stand for the sentence edges
        left1 = np.empty(n, dtype=np.intp)
        left1[1:] = w[:-1]
        left1[starts] = _BOS
        left2 = np.full(n, _NONE, dtype=np.intp)
        left2[2:] = np.where(starts[1:-1], _NONE, w[:-2])
        left2[starts] = _NONE
        right1 = np.empty(n, dtype=np.intp)
        right1[:-1] = w[1:]
        right1[ends] = _EOS
        right2 = np.full(n, _NONE, dtype=np.intp)
        right2[:-2] = np.where(ends[1:-1], _NONE, w[2:])
        right2[ends] = _NONE
        em = (rows[w, _OWN] + rows[left1, _LEFT1] + rows[left2, _LEFT2]
              + rows[right1, _RIGHT1] + rows[right2, _RIGHT2])
        self._add_pairs(em, w, starts, ends)
        self._add_phrases(em, genre, w, starts)
        self._add_runs(em, rows, w, starts, ends)
        return em

    def _add_pairs(self, em, w, starts, ends) -> None:
        """The four features of each word pair (a, b) the model knows."""
        if len(w) < 2:
            return
        pr = self.pair_rows
        if self.odd[w].any():  # a "|" in a word makes "a|b" ambiguous: look each pair up by name
            lows = [_word_info(self.words[i])[2] for i in w]
            names = [a + "|" + b for a, b in zip(lows, lows[1:])]
            pr = np.zeros((len(names) + 1, len(_PAIR_ROLES), self.n_labels))
            pr[1:] = self.weights.rows([[role + k] for k in names for role in _PAIR_ROLES]).reshape(
                len(names), len(_PAIR_ROLES), self.n_labels)
            pair = np.arange(1, len(w))
        else:
            keys = self.pair_low[w[:-1]] * self.pair_n + self.pair_low[w[1:]]
            pos = np.searchsorted(self.pair_keys, keys)
            pos[pos == len(self.pair_keys)] = 0
            found = (self.pair_keys[pos] == keys) & (self.pair_low[w[:-1]] > 0) & (self.pair_low[w[1:]] > 0)
            pair = np.where(found, pos + 1, 0)
        pair[ends[:-1]] = 0  # no pair across a sentence end
        em[:-1] += pr[pair, 0]  # w|+1w at a
        em[1:] += pr[pair, 1]  # -1w|w at b
        if len(w) > 2:
            em[2:] += pr[np.where(starts[2:], 0, pair[:-1]), 2]  # -2w|-1w after b
            em[:-2] += pr[np.where(ends[:-2], 0, pair[1:]), 3]  # +1w|+2w before a

    def _add_phrases(self, em, genre, w, starts) -> None:
        bounds = np.flatnonzero(starts).tolist() + [len(w)]
        ids = w.tolist()
        words = list(operator.itemgetter(*ids)(self.pieces)) if len(ids) > 1 else [self.pieces[ids[0]]]
        sentences = [words[a:b] for a, b in zip(bounds, bounds[1:])]
        spans = phrase_spans(sentences)
        if not spans:
            return
        # what each phrase position adds to itself, to the word before and to the word after,
        # applied in one np.add.at in the order the positions come (so the sums are the same
        # floating-point sums as adding them one by one)
        at, add = [], []
        n = len(w)
        for first, last, kind in spans:
            for t in range(first, last + 1):
                own, before, after = self._phrase_rows(genre, ("B-" if t == first else "I-") + kind)
                at.append(t)
                add.append(own)
                if not starts[t]:
                    at.append(t - 1)
                    add.append(before)
                if t + 1 < n and not starts[t + 1]:
                    at.append(t + 1)
                    add.append(after)
        np.add.at(em, at, np.array(add))

    def _phrase_rows(self, genre, p: str) -> tuple:
        """(at the word, at the word before, at the word after) of a phrase tag like "B-PL"."""
        hit = self.small.get((genre, "phrase", p))
        if hit is None:
            row = self.small_row
            hit = self.small[(genre, "phrase", p)] = (
                row(genre, "ph=" + p) + row(genre, "ph=" + p[0]), row(genre, "+1ph=" + p), row(genre, "-1ph=" + p))
        return hit

    def _add_runs(self, em, rows, w, starts, ends) -> None:
        """Title-case runs: where each word sits in its run, and the words around the run."""
        n = len(w)
        title = self.title[w]
        in_run = title.copy()
        if n > 2:  # a connector between two capitalised words of one sentence joins them
            inner = np.zeros(n, dtype=bool)
            inner[1:-1] = ~starts[1:-1] & ~ends[1:-1] & title[:-2] & title[2:]
            in_run |= inner & self.connector[w]
        if not in_run.any():
            return
        prev_in = np.zeros(n, dtype=bool)
        prev_in[1:] = in_run[:-1]
        first = in_run & (~prev_in | starts)
        next_in = np.zeros(n, dtype=bool)
        next_in[:-1] = in_run[1:]
        last = in_run & (~next_in | ends)
        run_start = np.flatnonzero(first)
        run_end = np.flatnonzero(last) + 1  # exclusive
        before = np.where(starts[run_start], _BOS, w[run_start - 1])
        after = np.where(ends[run_end - 1], _EOS, w[np.minimum(run_end, n - 1)])
        around = rows[before, _RUN_BEFORE] + rows[after, _RUN_AFTER] + rows[w[run_end - 1], _RUN_LAST]
        members = np.flatnonzero(in_run)
        run = np.cumsum(first)[members] - 1
        size = run_end[run] - run_start[run]
        pos = np.where(size == 1, 0, np.where(members == run_start[run], 1,
                                              np.where(members == run_end[run] - 1, 2, 3)))
        em[members] += around[run] + self.run_pos_rows[pos * 4 + np.minimum(size, 4) - 1]

    def tag(self, sentences: list[list[str]], genre="auto") -> list[list[str]]:
        # one text at a time: the word table is shared, and a Dask worker may run several
        # tasks in threads of one process
        with self.lock:
            return self._tag(sentences, genre)

    def _tag(self, sentences: list[list[str]], genre) -> list[list[str]]:
        lengths = [len(s) for s in sentences if s]
        if not lengths:
            return [[] for _ in sentences]
        words = [x for s in sentences for x in s]
        w = self.ids_of(words)
        try:
            bounds = np.cumsum(lengths)
            starts = np.zeros(len(w), dtype=bool)
            starts[0] = True
            starts[bounds[:-1]] = True
            ends = np.zeros(len(w), dtype=bool)
            ends[bounds - 1] = True
            if genre == "auto":
                shapes = self.shape[w]  # -1: the clue separator inside a shape, count clues
                genre = (None if not _genre_arrays()[0] else _genre_of_shapes(shapes, starts)
                         if (shapes >= 0).all() else _guess_genre_counting(sentences))
            em = self.emissions(genre, w, starts, ends)
            tags = self.labels[viterbi(em, lengths, self.weights.transitions)].tolist()
        finally:
            self.fresh.clear()
            self.forget_scratch()
        out, pos = [], 0
        for s in sentences:
            out.append(tags[pos:pos + len(s)])
            pos += len(s)
        return out


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans [start, end) with their type; an I- without a B- opens a span."""
    spans = []
    start, kind = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != kind):
            if start is not None:
                spans.append((start, i, kind))
                start, kind = None, None
            if t != "O":
                start, kind = i, t[2:]
    return spans


def _read_conll_sentences(in_stream: IO[str]):
    """Yield (lines, words) per block; blank lines are yielded as (['\\n'...], None)."""
    block: list[str] = []
    for line in in_stream:
        stripped = line.rstrip("\r\n")
        if stripped.strip() == "":
            if block:
                yield block, True
                block = []
            yield [stripped], False
        else:
            block.append(stripped)
    if block:
        yield block, True


def tag_conll(in_stream: IO[str], out_stream: IO[str]) -> int:
    """`pantau tag`: one token per line (first column = token), blank line between
    sentences; writes `token<TAB>tag` in the same layout. Returns tokens tagged.
    The whole input is read first so that one genre is guessed for all of it."""
    blocks = []
    for lines, is_sentence in _read_conll_sentences(in_stream):
        # the first column is the token; a tab or a space separates columns
        words = [re.split(r"\t| ", ln.strip(), maxsplit=1)[0] for ln in lines] if is_sentence else None
        blocks.append(words)
    genre = guess_genre(w for w in blocks if w)
    tags = iter(tag_sentences([w for w in blocks if w is not None], genre))
    count = 0
    for words in blocks:
        if words is None:
            out_stream.write("\n")
            continue
        for w, t in zip(words, next(tags)):
            out_stream.write(f"{w}\t{t}\n")
        count += len(words)
    return count


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: python -m pantau.nlp.ner [--in FILE] [--out FILE]."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="pantau tag")
    ap.add_argument("--in", dest="inp", default="-")
    ap.add_argument("--out", default="-")
    args = ap.parse_args(argv)
    fin = sys.stdin if args.inp == "-" else open(args.inp, encoding="utf-8")
    fout = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        tag_conll(fin, fout)
    finally:
        if fin is not sys.stdin:
            fin.close()
        if fout is not sys.stdout:
            fout.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
