"""`pantau eval glue`: words glued by scrapers, before and after the de-gluer (pantau/nlp/glue.py).

Over the indonews-2025 rows (real scraping damage) and the IndoSum dev folds (clean,
tokenised text), each article is run through `clean` (and, with entities=True, `segment`
and `entities`):
  glued_share       word tokens (runs of letters) of `text` glued across a case change: a
                    lower-case letter followed by a capital, unless the case change is a
                    legitimate one (glue.glued_case_change: the exception lists and the
                    generic shapes iPhone / McDonald), or the word stands in an address,
                    handle or hashtag (glue.address: "#LayarDramaRCTI", URLs), which are
                    written without spaces on purpose; before = the text with the de-gluer's
                    spaces removed
  glued_share_strict the same without those two exclusions: every word token counts, and only
                    exceptions.tsv (not the reviewed camel-case names, camel_names.tsv)
                    excuses a case change
  entity_glued      entity mentions holding such a word outside an address or domain name
                    ("JagoMandarinOnline.com" is a name as written); _strict: any such word,
                    camel_names.tsv not excusing (entities=True)
  indosum_changed   IndoSum word tokens the de-gluer splits (spaces added / tokens)
`splits(shared, corpora)` lists every split made (the glued token, its split and two words of
context either side): scripts/glue_sample.py draws the hand-judged sample in
tests/data/glue_sample.tsv from it.
"""
from __future__ import annotations

import pathlib
import re

from ..ingest import iter_documents
from ..nlp import glue
from ..record import new_article
from ..record import Options

TARGETS = {"glued_share": 0.001, "entity_glued": 0.002, "indosum_changed": 0.0001}
_WORD = re.compile(r"[^\W\d_]+")


def _articles(paths, stages=("clean",), limit=None):
    import importlib

    runs = [importlib.import_module(f"pantau.stages.{s}").run for s in stages]
    n = 0
    for raw in iter_documents([str(p) for p in paths]):
        if raw.get("kind") != "doc":
            continue
        article = new_article(raw)
        for run in runs:
            article = run(article, Options())
        yield article
        n += 1
        if limit and n >= limit:
            return


def _count(text: str) -> tuple[int, int, int]:
    """Word tokens, glued ones (addresses and listed names excused), glued ones (strict)."""
    n = glued = strict = 0
    for chunk in text.split():
        words = _WORD.findall(chunk)
        n += len(words)
        flagged = [w for w in words if glue.glued_case_change(w, strict=True)]
        strict += len(flagged)
        if flagged and not glue.address(chunk):
            glued += sum(1 for w in flagged if glue.glued_case_change(w))
    return n, glued, strict


def run(shared: pathlib.Path, entities: bool = True, limit: int | None = None) -> dict:
    shared = pathlib.Path(shared)
    news = sorted((shared / "corpus" / "indonews-2025").glob("*.csv"))
    stages = ("clean", "segment", "entities") if entities else ("clean",)
    tokens = glued = strict = tokens_before = glued_before = strict_before = articles = 0
    mentions = mentions_glued = mentions_strict = 0
    for a in _articles(news, stages, limit):
        articles += 1
        n, g, s = _count(a["text"])
        tokens, glued, strict = tokens + n, glued + g, strict + s
        n, g, s = _count(glue.reglue(a["text"], a.get("inserted_spaces") or []))
        tokens_before, glued_before, strict_before = tokens_before + n, glued_before + g, strict_before + s
        for ent in a.get("entities") or []:
            mentions += 1
            mentions_glued += any(glue.glued_case_change(w) for chunk in ent["text"].split()
                                  if not glue.address(chunk) for w in _WORD.findall(chunk))
            mentions_strict += any(glue.glued_case_change(w, strict=True) for w in _WORD.findall(ent["text"]))
    sum_tokens = sum_changed = 0
    for a in _articles(sorted((shared / "corpus" / "indosum").glob("dev.*.jsonl")), ("clean",), limit):
        sum_tokens += len(_WORD.findall(glue.reglue(a["text"], a["inserted_spaces"])))
        sum_changed += len(a["inserted_spaces"])
    out = {"articles": articles, "tokens": tokens,
           "glued_share_before": glued_before / max(tokens_before, 1),
           "glued_share": glued / max(tokens, 1),
           "glued_share_before_strict": strict_before / max(tokens_before, 1),
           "glued_share_strict": strict / max(tokens, 1),
           "indosum_tokens": sum_tokens, "indosum_changed": sum_changed / max(sum_tokens, 1)}
    if entities:
        out["mentions"] = mentions
        out["entity_glued"] = mentions_glued / max(mentions, 1)
        out["entity_glued_strict"] = mentions_strict / max(mentions, 1)
    return out


def splits(shared: pathlib.Path, corpora=("indonews-2025",)) -> list[tuple[str, str, str, str]]:
    """(corpus, glued token, its split, context) for every split the de-gluer makes, in corpus
    order. The context is at most two words either side of the token as scraped (never more:
    indonews-2025 text is not shipped)."""
    out = []
    files = {"indonews-2025": lambda d: sorted(d.glob("*.csv")), "indosum": lambda d: sorted(d.glob("dev.*.jsonl"))}
    for corpus in corpora:
        for a in _articles(files[corpus](pathlib.Path(shared) / "corpus" / corpus)):
            text, spaces = a["text"], a.get("inserted_spaces") or []
            raw = glue.reglue(text, spaces)
            at = {p - k for k, p in enumerate(sorted(spaces))}  # the same places in the raw text
            for m in _WORD.finditer(raw):
                cuts = [p - m.start() for p in range(m.start() + 1, m.end()) if p in at]
                if cuts:
                    word = m.group()
                    parts = [word[x:y] for x, y in zip([0] + cuts, cuts + [len(word)])]
                    # two words either side, the token marked: never more of the article
                    context = " ".join(raw[max(0, m.start() - 80):m.start()].split()[-2:] + ["[" + word + "]"]
                                       + raw[m.end():m.end() + 80].split()[:2])
                    out.append((corpus, word, " ".join(parts), context))
    return out


def format(fig: dict) -> str:
    lines = [f"indonews-2025: {fig['articles']} articles, {fig['tokens']} word tokens",
             f"  case-change-glued word tokens: {fig['glued_share_before']:.3%} before, "
             f"{fig['glued_share']:.3%} after (target <= {TARGETS['glued_share']:.1%})",
             f"    strict (addresses and camel_names.tsv counted): {fig['glued_share_before_strict']:.3%} before, "
             f"{fig['glued_share_strict']:.3%} after"]
    if "entity_glued" in fig:
        lines.append(f"  entity mentions with a glued word: {fig['entity_glued']:.3%} of {fig['mentions']} "
                     f"(target <= {TARGETS['entity_glued']:.1%}); strict {fig['entity_glued_strict']:.3%}")
    lines.append(f"IndoSum dev: {fig['indosum_tokens']} word tokens, changed {fig['indosum_changed']:.4%} "
                 f"(target <= {TARGETS['indosum_changed']:.2%})")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m pantau.evaluate.glue [../shared] [--no-entities]
    import sys

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(format(run(pathlib.Path(args[0] if args else "../shared"), entities="--no-entities" not in sys.argv)))
