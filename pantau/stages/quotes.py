"""Quotes stage: direct and indirect speech with their speakers.

Fills article["quotes"] = [{"text", "span", "cue", "cue_span", "speaker", "kind"}], where
`text`/`span` are the quoted words (inside the quote marks for direct speech, the reported
clause for indirect speech) and `speaker` is {"text", "span", "canonical", "id", "named"} or None.

Cues and speaker-phrase words live in pantau/data/quotes/*.tsv. The rules follow Indonesian
news style: the cue usually follows the quote ("…," kata X), a "-nya" cue (katanya,
tambahnya) points back to the previous speaker, a reporting verb may precede the quote
(X mengatakan kepada AFP bahwa "…"), and indirect speech is "menurut X, …" or "X mengatakan
(bahwa) …".
"""
from __future__ import annotations

import functools
import re
from typing import Any

from ..nlp import fastre
from ..nlp.text import load_roles, load_tsv, quote_pairs, sentence_spans, strip_span

WORD = re.compile(r"[^\W_](?:[\w'\u2019\-]*[^\W_])?")
# a run of words that starts with a capital: the fallback name when no entity covers a speaker
CAPITAL_RUN = re.compile(r"(?:\b[A-Z][\w'\u2019\-]*(?:\s+|$))+")


@functools.lru_cache(maxsize=None)
def _cues() -> dict[str, re.Pattern]:
    forms: dict[str, list[str]] = {}
    for row in load_tsv("quotes/cues.tsv"):
        forms.setdefault(row["form"], []).append(row["cue"])
    return {form: re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I) for form, alts in forms.items()}


@functools.lru_cache(maxsize=None)
def _indirect_prefilter() -> tuple[fastre.Prefilter, dict[str, int]]:
    """Speed only: where the "source", "verb" and "verb_bahwa" cues may occur (see fastre)."""
    forms: dict[str, list[str]] = {}
    for row in load_tsv("quotes/cues.tsv"):
        forms.setdefault(row["form"], []).append(row["cue"])
    order = [f for f in ("source", "verb", "verb_bahwa") if f in forms]
    return (fastre.Prefilter(["(?:" + "|".join(forms[f]) + ")" for f in order]),
            {f: i for i, f in enumerate(order)})


@functools.lru_cache(maxsize=None)
def _speaker_words() -> dict[str, frozenset[str]]:
    return load_roles("quotes/speakers.tsv")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _words(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in WORD.finditer(text[s:e])]


def _speaker_phrase(text: str, s: int, e: int, *, allow_apposition: bool) -> tuple[int, int] | None:
    """The noun phrase starting at s: words up to a stop word, a clause comma or e."""
    words = _speaker_words()
    stops = words.get("stop", frozenset())
    toks = _words(text, s, e)
    if not toks:
        return None
    end = toks[0][1]
    for k, (ws, we) in enumerate(toks):
        low = text[ws:we].lower()
        if k > 0 and low in stops:
            break
        between = text[end:ws]
        if k > 0 and ("," in between or "." in between or ")" in between or "(" in between):
            # "Menlu AS, John Kerry" goes on through the comma when a name follows; clauses stop
            if not (allow_apposition and "," in between and text[ws].isupper() and "." not in between):
                break
        end = we
        if k >= 8:
            break
    return s + (toks[0][0] - s), end


def _subject_before(text: str, sent_start: int, verb_start: int) -> tuple[int, int] | None:
    """The speaker noun phrase before a reporting verb in the same sentence."""
    seg = text[sent_start:verb_start]
    if not seg.strip():
        return None
    stripped = seg.rstrip()
    if stripped.endswith(","):
        # "Tarif Al-Bayyoush, komandan …, mengatakan": the name is the first piece
        first_comma = seg.find(",")
        piece = (sent_start, sent_start + first_comma)
    else:
        last = max(seg.rfind(","), seg.rfind(";"), seg.rfind(":"))
        piece = (sent_start + last + 1, verb_start)
    s, e = strip_span(text, *piece)
    # leading connectives are not part of the speaker
    m = re.match(r"(?:(?:namun|dan|tetapi|sementara(?: itu)?|sedangkan|lalu|kemudian|sebelumnya|selain itu)\b\s*)+",
                 text[s:e], re.I)
    if m:
        s += m.end()
    if s >= e:
        return None
    phrase = _speaker_phrase(text, s, e, allow_apposition=False)
    if phrase is None:
        return None
    # trailing auxiliaries ("Mereka juga", "Palang Merah telah") are cut by the stop list
    n_words = len(_words(text, *phrase))
    if n_words == 0 or n_words > 7:
        return None
    return phrase


def _entities_in(article: dict[str, Any], s: int, e: int) -> list[dict]:
    return [ent for ent in article.get("entities") or []
            if ent.get("span") and s <= ent["span"][0] and ent["span"][1] <= e]


def _make_speaker(article: dict[str, Any], s: int, e: int) -> dict[str, Any] | None:
    """Speaker object for the phrase text[s:e], linked to an entity where one names the speaker."""
    text = article["text"]
    words = _speaker_words()
    toks = [text[a:b].lower() for a, b in _words(text, s, e)]
    if not toks:
        return None
    head = toks[1] if toks[0] == "para" and len(toks) > 1 else toks[0]
    if head in words.get("pronoun", frozenset()) and len(toks) == 1:
        return {"pronoun": True}
    unnamed = head in words.get("unnamed", frozenset())
    if head in words.get("skip", frozenset()) and len(toks) > 1:
        # "keterangan Tentara Suriah": the statement's author follows the noun
        s = _words(text, s, e)[1][0]
    ents = _entities_in(article, s, e)
    named = None
    if not unnamed:
        pers = [x for x in ents if x.get("type") == "PER"]
        orgs = [x for x in ents if x.get("type") in ("ORG", "NORP", "GPE", "LOC")]
        named = (pers or orgs or [None])[-1]
    if named is not None:
        sp = {"text": named["text"], "span": list(named["span"]),
              "canonical": named.get("canonical"), "id": named.get("id")}
        if not sp["canonical"]:
            sp.update(_cluster_name(article, named["text"], named["span"][0]))
        sp["named"] = True
        return sp
    if unnamed:
        return {"text": text[s:e], "span": [s, e], "canonical": None, "id": None, "named": False}
    # no entity: the capitalised run is the name ("Menlu AS, John Kerry" -> "John Kerry")
    rs_re = _name_in(text, s, e)
    if rs_re:
        rs, re_ = rs_re
        sp = {"text": text[rs:re_], "span": [rs, re_], "canonical": None, "id": None, "named": True}
        sp.update(_cluster_name(article, sp["text"], rs))
        return sp
    return {"text": text[s:e], "span": [s, e], "canonical": None, "id": None, "named": False}


def _name_in(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Without entities: the capitalised stretch of the phrase's first chunk ("Observatorium Suriah untuk
    Hak Asasi Manusia yang …" -> up to "Manusia"; "Menlu AS, John Kerry" -> "John Kerry")."""
    words = _speaker_words()
    stops, dets = words.get("stop", frozenset()), words.get("determiner", frozenset())
    toks = _words(text, s, e)
    end = e
    for k, (ws, we) in enumerate(toks):
        if k > 0 and text[ws:we].lower() in stops:
            end = toks[k - 1][1]
            break
    start = s + max(text[s:end].rfind(","), -1) + 1
    caps = [(ws, we) for ws, we in _words(text, start, end)
            if text[ws].isupper() and not (ws == toks[0][0] and text[ws:we].lower() in dets)]
    if not caps:
        return None
    return caps[0][0], caps[-1][1]


def _trim_punct(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in ",.;:)(":
        e -= 1
    return s, e


def _cluster_name(article: dict[str, Any], name: str, before: int) -> dict[str, Any]:
    """A surname used alone ("Malahifji") takes the canonical of the full name met earlier."""
    for ent in article.get("entities") or []:
        et = ent.get("text") or ""
        if ent.get("type") == "PER" and et != name and et.endswith(" " + name):
            return {"canonical": ent.get("canonical") or et, "id": ent.get("id")}
    if len(name.split()) != 1:
        return {}
    text = article["text"]
    if name not in text[:before]:
        return {}  # the pattern below ends with the name as written: it cannot match
    m = re.search(r"\b((?:[A-Z][\w'\u2019\-]+\s+){1,3})" + re.escape(name) + r"\b", text[:before])
    if m:
        return {"canonical": m.group(0), "id": None}
    return {}


def _quote_text_span(text: str, open_i: int, close_i: int) -> tuple[int, int]:
    s, e = strip_span(text, open_i + 1, close_i)
    while e > s and text[e - 1] in ",;":
        e -= 1
    return strip_span(text, s, e)


def _sentence_at(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return None


def find_quotes(article: dict[str, Any]) -> list[dict[str, Any]]:
    text = article.get("text") or ""
    cues = _cues()
    sentences = sentence_spans(article)
    body_start = article.get("body_start") or 0
    found: list[dict[str, Any]] = []
    last_speaker: dict | None = None
    prefilter, cue_index = _indirect_prefilter()
    may = prefilter.scan(text)

    def resolve(sp):
        if sp and sp.get("pronoun"):
            return dict(last_speaker, via="anaphora") if last_speaker else None
        return sp

    for ps, pe in _paragraphs(text):
        pairs = quote_pairs(text, ps, pe)
        direct_ranges = [(o, c + 1) for o, c in pairs]
        items = []  # (position, kind, payload)
        for o, c in pairs:
            items.append((o, "direct", (o, c)))
        for sent in [x for x in sentences if ps <= x[0] < pe]:
            items.append((sent[0], "indirect", sent))
        items.sort(key=lambda x: (x[0], x[1] == "indirect"))
        prev_direct_end = None
        for _, kind, payload in items:
            if kind == "direct":
                o, c = payload
                qs, qe = _quote_text_span(text, o, c)
                n_words = len(_words(text, qs, qe))
                after = text[c + 1:pe]
                cue = cue_span = speaker = None
                m = re.match(r"[\s,.]*", after)
                at = c + 1 + m.end()
                ma = cues["anaphoric"].match(text, at) if "anaphoric" in cues else None
                mf = cues["after"].match(text, at) if "after" in cues else None
                if ma and ma.end() <= pe and (ma.end() == pe or not text[ma.end()].isalnum()):
                    cue, cue_span = text[ma.start():ma.end()], [ma.start(), ma.end()]
                    speaker = dict(last_speaker, via="anaphora") if last_speaker else None
                elif mf and (mf.end() == pe or not text[mf.end()].isalnum()):
                    ph = _speaker_phrase(text, _skip_space(text, mf.end()), pe, allow_apposition=True)
                    if ph:
                        speaker = resolve(_make_speaker(article, *ph))
                        cue = text[mf.start():ph[1]]
                        cue_span = [mf.start(), ph[1]]
                else:
                    before = _cue_before(article, sentences, o, ps)
                    if before:
                        cue_span, speaker = before
                        cue = text[cue_span[0]:cue_span[1]]
                        speaker = resolve(speaker)
                if cue is None:
                    if n_words <= 3:
                        continue  # scare quotes: "teroris", "operasi besar"
                    if prev_direct_end is not None and o - prev_direct_end <= 3 and last_speaker:
                        speaker = dict(last_speaker, via="continuation")
                prev_direct_end = c + 1
                if speaker:
                    last_speaker = {k: v for k, v in speaker.items() if k != "via"}
                if qs >= qe:
                    continue
                found.append({"text": text[qs:qe], "span": [qs, qe], "cue": cue, "cue_span": cue_span,
                              "speaker": speaker, "kind": "direct"})
            else:
                s, e = payload
                if s < body_start:
                    continue
                if any(a <= s < b or a < e <= b or (s <= a and b <= e) for a, b in direct_ranges):
                    continue  # sentences with direct speech were handled above
                if not any(may.may_match(i, s, e) for i in cue_index.values()):
                    continue  # no cue of indirect speech can occur in this sentence
                q = _indirect(article, s, e)
                if q is None:
                    continue
                q["speaker"] = resolve(q["speaker"])
                if q["speaker"]:
                    last_speaker = {k: v for k, v in q["speaker"].items() if k != "via"}
                found.append(q)
    return found


def _verb_cues(sent: str):
    """Reporting verbs in a sentence, in order, with whether they need bahwa/comma/colon after them."""
    cues = _cues()
    found = []
    for form, needs in (("verb", False), ("verb_bahwa", True)):
        if form in cues:
            found += [(m, needs) for m in cues[form].finditer(sent)]
    # "yang melaporkan" is a relative clause, not the main reporting verb
    found = [(m, n) for m, n in found if not re.search(r"\byang\s+$", sent[:m.start()], re.I)]
    return sorted(found, key=lambda x: x[0].start())


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _cue_before(article, sentences, open_i: int, ps: int):
    """X mengatakan (kepada Y) bahwa "…" / kata X: "…" — the cue stands before the quote."""
    text = article["text"]
    sent = _sentence_at(sentences, open_i) or (ps, open_i)
    s0 = max(sent[0], ps)
    prefix = text[s0:open_i]
    verbs = _verb_cues(prefix)
    last = verbs[-1][0] if verbs else None
    if last is not None:
        rest = prefix[last.end():]
        mr = re.match(r"(?:\s+kepada\s+[^,.:\"\u201c]{1,80}?)?\s*(?:\bbahwa\b|[,:])", rest + " ")
        if mr and len(rest[mr.end():].split()) <= 12:
            vs = s0 + last.start()
            subj = _subject_before(text, s0, vs)
            if subj:
                return [vs, s0 + last.end() + (mr.end() if mr.end() <= len(rest) else len(rest))], \
                    _make_speaker(article, *subj)
    mk = re.search(r"\b(?:kata|ujar|tulis)\s+([^,:\"\u201c]{2,60}?)\s*[:,]\s*$", prefix, re.I)
    if mk:
        ph = _speaker_phrase(text, s0 + mk.start(1), s0 + mk.end(1), allow_apposition=True)
        if ph:
            return [s0 + mk.start(), ph[1]], _make_speaker(article, *ph)
    return None


def _indirect(article: dict[str, Any], s: int, e: int) -> dict[str, Any] | None:
    """Indirect speech in one sentence: menurut X, …  /  …, menurut X.  /  X mengatakan (bahwa) …"""
    text = article["text"]
    cues = _cues()
    sent = text[s:e]
    m = cues["source"].search(sent) if "source" in cues else None
    if m:
        ms, me = s + m.start(), s + m.end()
        comma = text.find(",", me, e)
        if m.start() == 0 or text[s:ms].strip() == "" and comma != -1:
            if comma == -1:
                return None
            src = strip_span(text, me, comma)
            content = strip_span(text, comma + 1, e)
        elif text[s:ms].rstrip().endswith(","):
            src = strip_span(text, me, e)
            content = strip_span(text, s, s + text[s:ms].rstrip().rfind(","))
        else:
            return None
        content = _trim_punct(text, *content)
        src = _trim_punct(text, *src)
        if len(_words(text, *content)) < 3 or src[0] >= src[1]:
            return None
        speaker = _make_speaker(article, *src) if len(_words(text, *src)) <= 14 else None
        return {"text": text[content[0]:content[1]], "span": list(content), "cue": text[ms:me],
                "cue_span": [ms, me], "speaker": speaker, "kind": "indirect"}
    for mv, needs_link in _verb_cues(sent):
        vs, ve = s + mv.start(), s + mv.end()
        rest = text[ve:e]
        mr = re.match(r"(?:\s+kepada\s+[^,.:]{1,60}?(?=\s+bahwa\b|,|:))?\s*(\bbahwa\b|[,:])?\s*", rest)
        if needs_link and not mr.group(1):
            continue
        cs = ve + mr.end()
        content = _trim_punct(text, *strip_span(text, cs, e))
        if len(_words(text, *content)) < 3:
            continue
        subj = _subject_before(text, s, vs)
        if not subj:
            continue
        speaker = _make_speaker(article, *subj)
        return {"text": text[content[0]:content[1]], "span": list(content),
                "cue": text[vs:cs].rstrip(" ,:"), "cue_span": [vs, vs + len(text[vs:cs].rstrip(" ,:"))],
                "speaker": speaker, "kind": "indirect"}
    return None


def run(article: dict[str, Any], options=None) -> dict[str, Any]:
    article["quotes"] = find_quotes(article)
    return article
