"""Statistical named-entity tagger (linear-chain CRF, python-crfsuite).

The model is trained by scripts/train_ner.py on the Indonesian NER training
splits and shipped as pantau/models/ner.crfsuite. Features are cheap on
purpose (word shape, affixes, a +-2 context window and its word bigrams such as
"bergabung dengan" or "oleh band", gazetteer membership from
the knowledge base, distributional word clusters and capitalisation habits
learnt from unlabelled text, the words around each title-case run) so that
tagging runs well above 50k tokens/s on one core: everything that depends only
on the word itself is computed once per distinct word and cached; the CRF
scoring itself is the larger cost.

Public:
    sentence_features(words, genre) -> features for the CRF
    tag(words) -> BIO tags (PER/ORG/LOC)
    tag_sentences(list_of_word_lists) -> list of tag lists
    tag_conll(in_stream, out_stream) -> `pantau tag` (contract rule 8)
    spans_from_bio(tags) -> [(start_token, end_token, type)]
"""
from __future__ import annotations

import collections
import functools
import pathlib
import re
from typing import IO, Iterable

MODEL_PATH = pathlib.Path(__file__).resolve().parent / "models" / "ner.crfsuite"
GAZETTEER_PATH = pathlib.Path(__file__).resolve().parent / "data" / "kb" / "gazetteer_tokens.tsv"
PHRASES_PATH = pathlib.Path(__file__).resolve().parent / "data" / "ner" / "gazetteer_phrases.tsv"
CLUSTERS_PATH = pathlib.Path(__file__).resolve().parent / "data" / "ner" / "word_clusters.tsv"
CASE_PATH = pathlib.Path(__file__).resolve().parent / "data" / "ner" / "word_case.tsv"
GENRES_PATH = pathlib.Path(__file__).resolve().parent / "models" / "ner.genres.tsv"
TYPES = ("PER", "ORG", "LOC")

_SHAPE_SUBS = [(re.compile(r"[A-Z]"), "X"), (re.compile(r"[a-z]"), "x"), (re.compile(r"[0-9]"), "d")]


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """lower-cased token -> compact flags ("P", "O", "L", "PL", "F" = first token of a name ...)."""
    table: dict[str, str] = {}
    if GAZETTEER_PATH.exists():
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
def _phrase_matcher():
    """(automaton, patterns, types) over the typed names of gazetteer_phrases.tsv, or None."""
    if not PHRASES_PATH.exists():
        return None
    import ahocorasick_rs

    pats, kinds = [], []
    with PHRASES_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            p, k = line.rstrip("\n").split("\t")[:2]
            pats.append(p)
            kinds.append(k)
    return ahocorasick_rs.AhoCorasick(pats, matchkind=ahocorasick_rs.MatchKind.Standard), pats, kinds


def phrase_tags(pieces: list[str]) -> list[str]:
    """Per word: "B-PL", "I-L", ... when the word starts / continues a known name (longest
    match), "" otherwise. `pieces` = each word's normalised sub-tokens joined by spaces."""
    matcher = _phrase_matcher()
    out = [""] * len(pieces)
    if matcher is None or not pieces:
        return out
    automaton, _, kinds = matcher
    starts, ends = {}, {}
    pos = 0
    for i, p in enumerate(pieces):
        starts[pos] = i
        ends[pos + len(p)] = i
        pos += len(p) + 1
    text = " ".join(pieces)
    best: dict[int, tuple[int, str]] = {}
    for idx, a, b in automaton.find_matches_as_indexes(text, overlapping=True):
        i, j = starts.get(a), ends.get(b)
        if i is None or j is None:
            continue
        if i not in best or j > best[i][0]:
            best[i] = (j, kinds[idx])
    covered_until = -1
    for i in sorted(best):
        if i <= covered_until:
            continue
        j, k = best[i]
        out[i] = "B-" + k
        for t in range(i + 1, j + 1):
            out[t] = "I-" + k
        covered_until = j
    return out


def _shape(word: str) -> str:
    s = word
    for pat, rep in _SHAPE_SUBS:
        s = pat.sub(rep, s)
    return s


def _short_shape(shape: str) -> str:
    out = []
    for ch in shape:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)[:6]


# Cache of per-word (intrinsic) features and of the compact context summary that
# neighbours see. Bounded so a long run on a big corpus cannot grow without limit.
_WORD_CACHE: dict[str, tuple] = {}
_WORD_CACHE_MAX = 30_000  # first-seen words are the frequent ones; ~1 KB each, so memory stays flat


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
    if any(c.isdigit() for c in word):
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


# Title-case runs ("Universitas Muhammadiyah Surakarta", "Arema Indonesia") are where names
# live; the word just before a run ("klub", "kota", "band", "stasiun") and just after it
# tell its type and where it ends, even when the run is longer than the +-2 window.
# Connectors that may join two capitalised words into one run: data/ner/run_connectors.tsv.
RUN_CONNECTORS_PATH = pathlib.Path(__file__).resolve().parent / "data" / "ner" / "run_connectors.tsv"


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
    import pycrfsuite

    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"NER model missing: {MODEL_PATH} (build it with scripts/train_ner.py)")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def tag(words: list[str], genre: str | None = "auto") -> list[str]:
    """BIO tags (B-PER, I-ORG, O, ...) for one sentence of words. genre: "auto" guesses it
    from the sentence; pass the result of guess_genre() over a whole text to tag it consistently."""
    if not words:
        return []
    if genre == "auto":
        genre = guess_genre([words])
    return _tagger().tag(sentence_features(words, genre))


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """Tag several sentences of one text, with one genre guessed from all of them."""
    genre = guess_genre(sentences)
    return [tag(s, genre) for s in sentences]


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
    count = 0
    for words in blocks:
        if words is None:
            out_stream.write("\n")
            continue
        for w, t in zip(words, tag(words, genre)):
            out_stream.write(f"{w}\t{t}\n")
        count += len(words)
    return count


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: python -m pantau.ner [--in FILE] [--out FILE]."""
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
