"""Stage 1: from the raw document to the final cleaned `text`.

Builds `article["title"]`, `article["text"]` (title, blank line, body — or just the
body), `article["body_start"]` and `article["removed"]` (every dropped line with a
reason). Patterns for boilerplate live in pantau/data/boilerplate.tsv; the code here
only decides *where* a pattern may apply (whole line, closing lines, glued tail,
blog footer) and handles what no pattern can: the title of a bare .txt file,
repeated paragraphs, lone photo-credit lines and the liputan6-style glued dateline.

Never drop a real sentence: a line is removed only when a pattern matches all of
it (or the repeated text is long and identical to an earlier paragraph).
`article["_signature"]` carries the blog signature line found after "Share To:" so
provenance can use it as the author although it is not in `text`.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from ..nlp import fastre
from ..nlp.glue import deglue
from ..nlp.outlets import agency_names, dateline_regexes, match_dateline
from ..nlp.outlets import regexes as outlet_regexes
from ..record import Options

# spaces that scrapers leave in text: NBSP, narrow NBSP, figure/thin spaces, ideographic space
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# invisible characters that only break word matching
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]")
_MULTISPACE = re.compile(r" {2,}")

# a duplicate paragraph must be this long to be dropped: short lines ("Ya.") may repeat legitimately
_MIN_DUPLICATE = 40
# the closing lines of a body: everything after the last paragraph this long
_LONG_PARAGRAPH = 60


@dataclass(frozen=True)
class Pattern:
    reason: str
    scope: str  # line | last | tail | footer-start
    regex: re.Pattern
    source: str


@functools.lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[Pattern, ...]:
    """The patterns of pantau/data/boilerplate.tsv, compiled."""
    path = resources.files("pantau") / "data" / "boilerplate.tsv"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("reason\t"):
            continue
        reason, scope, pattern, source = (line.split("\t") + ["", "", "", ""])[:4]
        if scope == "tail":
            rx = re.compile(r"\s*(?:" + pattern + r")\s*$", re.IGNORECASE)
        else:
            rx = re.compile(pattern, re.IGNORECASE)
        out.append(Pattern(reason, scope, rx, source))
    return tuple(out)


def normalize_whitespace(text: str) -> str:
    """Unify line ends and odd spaces; strip every line; keep line structure."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return "\n".join(_MULTISPACE.sub(" ", ln).strip() for ln in text.split("\n"))


def _line_reason(line: str, scopes: tuple[str, ...]) -> tuple[str, str] | None:
    for p in boilerplate_patterns():
        if p.scope in scopes and p.regex.fullmatch(line):
            return p.reason, p.scope
    return None


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def looks_like_title(lines: list[str]) -> bool:
    """Whether the first line of a bare text (blank lines kept as "") is a headline.

    A headline is short, does not end like a sentence, and stands alone (a blank line
    follows it, or it is at most 15 words); seed 000/003 open with a full sentence
    ending in ".", seeds 001/002/004 with a headline followed by a blank line.
    """
    nonempty = [i for i, ln in enumerate(lines) if ln]
    if len(nonempty) < 2:
        return False
    first = lines[nonempty[0]]
    words = first.split()
    if len(first) > 200 or len(words) > 30 or len(words) < 2:
        return False
    if _SENTENCE_END.search(first) and not first.rstrip("\"'”’").endswith(("?", "!")):
        return False
    if first.endswith(":") or first.startswith("[") or match_dateline(first) or _is_dateline_only(first):
        return False
    # a photo caption ("Tim Cook, CEO Apple (Foto: Reuters)") or any boilerplate line is no headline
    if _CAPTION_CREDIT.search(first) or _line_reason(first, ("line", "last", "footer-start")):
        return False
    if outlet_regexes()["dateline_paren"].match(first):
        return False
    followed_by_blank = nonempty[1] > nonempty[0] + 1
    return followed_by_blank or len(words) <= 15


def _set_apart(lines: list[str]) -> bool:
    """Whether a blank line follows the first non-empty line (blank lines kept as "")."""
    nonempty = [i for i, ln in enumerate(lines) if ln][:2]
    return len(nonempty) == 2 and nonempty[1] > nonempty[0] + 1


_CAPTION_CREDIT = re.compile(r"\((?:Foto|Photo|Kredit|Credit|Sumber|Ilustrasi|Dok)\s*[:/.]", re.IGNORECASE)


def _is_dateline_only(line: str) -> bool:
    """A dateline left alone on its line ("Merdeka.com -"), its story on the next line."""
    dashed, _, _ = dateline_regexes()
    return bool(dashed.match(line + " x")) and len(line.split()) <= 6 and line.rstrip()[-1] in "-–—"


def repair_dateline(line: str) -> str:
    """Give the opening dateline its own separator: "Liputan6.com, Jakarta - Kita ...".

    Only the dateline is touched; other glued words ("kondisikesehatan") are left alone
    because splitting them safely needs a dictionary.
    """
    dashed, glued, place_only = dateline_regexes()
    m = dashed.match(line)
    if m:
        head = ", ".join(x for x in (m.group("pre"), m.group("outlet"), m.group("post")) if x)
        return f"{head} {m.group('dash')} {line[m.end():].lstrip()}"
    m = glued.match(line)
    if m:
        return f"{m.group('outlet')}, {m.group('post')} - {line[m.end():]}"
    m = place_only.match(line)
    if m:
        dash = (m.group("dash") or m.group("d2")).strip()
        return f"{m.group('pre')} {dash} {line[m.end():].lstrip()}"
    return line


def _is_lone_credit(line: str) -> bool:
    """A line that is only a news agency's name: a photo credit left above a caption."""
    # "(Reuters)" in brackets is a closing credit, not a photo credit: keep it
    return line in agency_names()


def clean_lines(lines: list[str]) -> tuple[list[str], list[dict], str | None]:
    """Drop boilerplate from body lines (blank lines already removed).

    Returns (kept lines, removed [{"text","reason"}], blog signature or None).
    """
    kept: list[str] = []
    removed: list[dict] = []
    signature = None
    last_long = max((i for i, ln in enumerate(lines) if len(ln) >= _LONG_PARAGRAPH), default=-1)
    in_footer = False
    expect_signature = False
    seen: set[str] = set()
    # a tail pattern is searched at every character of a line: it is tried only where it may
    # match somewhere in the lines (a literal every match holds occurs in them: fastre.gate).
    # The line patterns are anchored at the line's start and fail at once: they are all tried
    joined = "\n".join(lines)
    tails = tuple(p for p in boilerplate_patterns()
                  if p.scope == "tail" and fastre.gate(p.regex).may_match(joined))
    for i, line in enumerate(lines):
        scopes = ("line", "footer-start") + (("last",) if i > last_long else ())
        hit = _line_reason(line, scopes)
        if hit:
            reason, scope = hit
            removed.append({"text": line, "reason": reason})
            if scope == "footer-start":
                in_footer, expect_signature = True, True
            else:
                expect_signature = False
            continue
        if expect_signature and len(line.split()) <= 6 and not _SENTENCE_END.search(line):
            # the blog template prints the author's name right after "Share To:"
            signature = line
            removed.append({"text": line, "reason": "byline"})
            expect_signature = False
            continue
        expect_signature = False
        if in_footer and len(line) < _LONG_PARAGRAPH and not _SENTENCE_END.search(line):
            removed.append({"text": line, "reason": "footer"})
            continue
        if _is_lone_credit(line) and i + 1 < len(lines):
            removed.append({"text": line, "reason": "photo-credit"})
            continue
        key = line.casefold()
        # a repeat right after its first copy (seed 002's lead) or a long repeat anywhere;
        # shorter repeats further apart can be a list's recurring intro line: kept
        repeat = key in seen and (len(line) >= 2 * _MIN_DUPLICATE or (kept and kept[-1].casefold() == key))
        if len(line) >= _MIN_DUPLICATE and (repeat or _inside_earlier(key, kept)):
            removed.append({"text": line, "reason": "duplicate-paragraph"})
            continue
        for p in tails:
            m = p.regex.search(line)
            if m and m.start() > 0:
                removed.append({"text": line[m.start():].strip(), "reason": p.reason})
                line = line[: m.start()].rstrip()
        seen.add(key)
        kept.append(line)
    return kept, removed, signature


def _inside_earlier(key: str, kept: list[str]) -> bool:
    """A long line repeated inside an earlier glued paragraph (republika scraping damage)."""
    if len(key) < 2 * _MIN_DUPLICATE:
        return False
    return any(len(k) > len(key) and key in k.casefold() for k in kept)


def run(article: dict, options: Options | None = None) -> dict:
    raw = article.get("_raw") or {}
    body = normalize_whitespace(raw.get("body") or "")
    title = normalize_whitespace(raw.get("title") or "").replace("\n", " ").strip() or None
    lines = body.split("\n")
    # a bare text file may carry its headline as the first line (docs/interface.md); so may a
    # record's text given whole with no title field, when a blank line sets the headline apart
    # (paragraphs joined from a list never hold a blank line)
    is_txt = (raw.get("source") or {}).get("format") in (None, "txt")
    if title is None and (is_txt or _set_apart(lines)) and looks_like_title(lines):
        first = next(i for i, ln in enumerate(lines) if ln)
        title = lines[first]
        lines = lines[first + 1:]
    lines = [ln for ln in lines if ln]
    removed: list[dict] = []
    if title and lines and lines[0].casefold() == title.casefold():
        removed.append({"text": lines[0], "reason": "duplicate-title"})
        lines = lines[1:]
    if len(lines) > 1 and _is_dateline_only(lines[0]):
        lines[:2] = [lines[0] + " " + lines[1]]
    if lines:
        lines[0] = repair_dateline(lines[0])
    kept, dropped, signature = clean_lines(lines)
    removed.extend(dropped)
    # words glued by the scraper are split again (pantau/nlp/glue.py); the offsets of the
    # added spaces are kept so the text as scraped stays recoverable
    body_text, body_spaces = deglue("\n".join(kept))
    title_spaces: list[int] = []
    if title:
        title, title_spaces = deglue(title)
        article["title"] = title
        article["text"] = title + "\n\n" + body_text
        article["body_start"] = len(title) + 2
    else:
        article["title"] = None
        article["text"] = body_text
        article["body_start"] = 0
    article["removed"] = removed
    # the spaces the de-gluer added: removing them gives the text as scraped
    article["inserted_spaces"] = title_spaces + [article["body_start"] + i for i in body_spaces]
    article["_signature"] = signature
    return article
