"""`pantau eval spine`: cleaning, provenance, language and segmentation figures.

On the five seeds (against ../shared/gold/seeds.gold.json): outlet and credited-source
accuracy, cited media recall, every gold boilerplate line removed, no article line lost,
the duplicated lead kept once, spans that read their text. On indonews-2025: how many
lines are removed and why, outlet agreement with the CSV's `sumber` column, languages.
When the full pipeline is importable it is also run on the seeds (span round-trip).
"""
from __future__ import annotations

import collections
import csv
import json
import pathlib
import re
from typing import Any

from ..nlp.glue import reglue
from ..stages import clean, langid, provenance, segment
from ..record import Options, bad_spans, new_article

SPINE = (clean, provenance, langid, segment)


def _raw_txt(path: pathlib.Path) -> dict[str, Any]:
    try:
        from ..ingest import iter_documents

        return next(d for d in iter_documents([str(path)]) if d.get("kind") == "doc")
    except ImportError:
        return {"kind": "doc", "source": {"path": str(path), "record": None, "url": None, "format": "txt"},
                "input_id": None, "title": None, "body": path.read_text(encoding="utf-8"), "url": None,
                "outlet": None, "author": None, "published": None, "meta": {}}


def run_spine(raw: dict[str, Any], options: Options = Options()) -> dict[str, Any]:
    """clean -> provenance -> langid -> segment over one raw document."""
    article = new_article(raw)
    for stage in SPINE:
        article = stage.run(article, options)
    return article


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().casefold()


def _same_source(gold: str, predicted: str) -> bool:
    """A gold name ("Ruptly TV / YouTube", "Revolutionary Forces of Syria (RFS)") matches a
    predicted canonical name when either contains the other or one of its aliases."""
    g = _norm(gold)
    names = {_norm(predicted)}
    src = provenance.lookup(predicted)
    if src:
        names |= {_norm(a) for a in src.aliases + src.cue_aliases}
    return any(n == g or re.search(rf"(?<!\w){re.escape(n)}(?!\w)", g) for n in names if n)


def seeds_figures(shared: pathlib.Path) -> dict[str, Any]:
    gold = {d["doc"]: d for d in json.loads((shared / "gold" / "seeds.gold.json").read_text("utf-8"))["docs"]}
    per_doc = []
    totals = collections.Counter()
    for name, g in sorted(gold.items()):
        path = shared / "corpus" / "seeds" / name
        raw = _raw_txt(path)
        a = run_spine(raw)
        text = a["text"]
        removed = [r["text"] for r in a["removed"]]
        kept_lines = set(text.split("\n"))
        doc: dict[str, Any] = {"doc": name}
        doc["outlet_ok"] = (a["outlet"]["name"] or None) == g.get("outlet")
        gold_cred = set(g.get("credited_sources") or [])
        pred_cred = {c["name"] for c in a["credited_sources"]}
        doc["credited_found"] = sorted(gold_cred & pred_cred)
        doc["credited_missed"] = sorted(gold_cred - pred_cred)
        doc["credited_extra"] = sorted(pred_cred - gold_cred)
        cited_names = {c["name"] for c in a["cited_sources"]} | pred_cred
        gold_cited = g.get("cited_media") or []
        doc["cited_missed"] = [m for m in gold_cited if not any(_same_source(m, p) for p in cited_names)]
        boiler = g.get("boilerplate_lines") or []
        doc["boilerplate_removed"] = sum(1 for b in boiler if b in removed and b not in kept_lines)
        doc["boilerplate_total"] = len(boiler)
        # every raw line that is not boilerplate must still be readable in text (as scraped:
        # before the de-gluer split glued words)
        ignore = set(boiler)
        as_scraped = reglue(text, a.get("inserted_spaces") or [])
        lost = [ln for ln in clean.normalize_whitespace(raw["body"]).split("\n")
                if ln and ln not in ignore and ln not in as_scraped]
        doc["lines_lost"] = lost
        dup = g.get("duplicated_lines") or []
        doc["duplicates_kept_once"] = sum(1 for d in dup if text.count(d) == 1)
        doc["duplicates_total"] = len(dup)
        if "author" in g:
            doc["author_ok"] = a["author"] == g["author"]
        doc["language"] = a["language"]
        doc["bad_spans"] = bad_spans(a) + [f"sentence {s['span']}" for s in a["sentences"]
                                           if not 0 <= s["span"][0] < s["span"][1] <= len(text)]
        per_doc.append(doc)
        totals["docs"] += 1
        totals["outlet_ok"] += doc["outlet_ok"]
        totals["credited_gold"] += len(gold_cred)
        totals["credited_found"] += len(doc["credited_found"])
        totals["credited_extra"] += len(doc["credited_extra"])
        totals["cited_gold"] += len(gold_cited)
        totals["cited_found"] += len(gold_cited) - len(doc["cited_missed"])
        totals["boilerplate_total"] += len(boiler)
        totals["boilerplate_removed"] += doc["boilerplate_removed"]
        totals["lines_lost"] += len(lost)
        totals["duplicates_total"] += len(dup)
        totals["duplicates_kept_once"] += doc["duplicates_kept_once"]
        totals["bad_spans"] += len(doc["bad_spans"])
        totals["language_id"] += a["language"] == "id"
    return {"totals": dict(totals), "docs": per_doc}


def indonews_figures(shared: pathlib.Path, limit: int | None = None) -> dict[str, Any]:
    folder = shared / "corpus" / "indonews-2025"
    reasons = collections.Counter()
    languages = collections.Counter()
    lines = removed = rows = outlet_ok = with_outlet = bad = 0
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for i, r in enumerate(csv.DictReader(f)):
                if limit is not None and rows >= limit:
                    break
                raw = {"kind": "doc", "source": {"path": str(path), "record": i, "url": r.get("url"), "format": "csv"},
                       "input_id": None, "title": r.get("judul") or None, "body": r.get("isi_berita") or "",
                       "url": r.get("url"), "outlet": None, "author": r.get("author") or None,
                       "published": r.get("tanggal_publikasi") or None, "meta": {}}
                a = run_spine(raw)
                rows += 1
                lines += sum(1 for ln in raw["body"].split("\n") if ln.strip())
                removed += len(a["removed"])
                reasons.update(x["reason"] for x in a["removed"])
                languages[a["language"]] += 1
                expected = provenance.lookup(r.get("sumber") or "") or provenance.source_for_domain(r.get("sumber") or "")
                if expected:
                    with_outlet += 1
                    outlet_ok += a["outlet"]["name"] == expected.name
                bad += bool(bad_spans(a))
    return {"rows": rows, "lines": lines, "removed": removed,
            "removed_fraction": round(removed / lines, 4) if lines else 0.0,
            "removed_by_reason": dict(reasons.most_common()),
            "outlet_accuracy": round(outlet_ok / with_outlet, 4) if with_outlet else None,
            "languages": dict(languages.most_common()), "docs_with_bad_spans": bad}


def _f1(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _ud_sentences(path: pathlib.Path):
    """(text, surface tokens) per CoNLL-U sentence; multiword tokens count once."""
    text, toks, skip_to = None, [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text, toks, skip_to = line[9:], [], 0
        elif not line.strip():
            if text is not None:
                yield text, toks
            text = None
        elif not line.startswith("#") and text is not None:
            cols = line.split("\t")
            if "-" in cols[0]:
                skip_to = int(cols[0].split("-")[1])
                toks.append(cols[1])
            elif "." not in cols[0] and int(cols[0]) > skip_to:
                toks.append(cols[1])
    if text is not None:
        yield text, toks


def _spans_of(text: str, tokens: list[str]) -> set[tuple[int, int]] | None:
    out, pos = set(), 0
    for t in tokens:
        i = text.find(t, pos)
        if i < 0:
            return None
        out.add((i, i + len(t)))
        pos = i + len(t)
    return out


def segmentation_figures(shared: pathlib.Path, limit: int | None = None) -> dict[str, Any]:
    """Token F1 against UD Indonesian GSD dev; sentence-boundary F1 against IndoSum dev."""
    figures: dict[str, Any] = {}
    ud = shared / "nlp" / "ud" / "gsd" / "id_gsd-ud-dev.conllu"
    if ud.exists():
        tp = n_pred = n_gold = whole = sents = 0
        for text, toks in _ud_sentences(ud):
            gold = _spans_of(text, toks)
            if gold is None:
                continue
            pred = set(segment.tokenize(text))
            tp, n_pred, n_gold = tp + len(gold & pred), n_pred + len(pred), n_gold + len(gold)
            sents += 1
            whole += len(segment.split_sentences(text)) == 1
        figures["ud_gsd_dev_tokens"] = {"sentences": sents, **_f1(tp, n_pred, n_gold),
                                        "sentences_left_whole": round(whole / sents, 4) if sents else None}
    try:
        from ..ingest.detok import detokenize
    except ImportError:
        def detokenize(tokens):
            return " ".join(tokens)
    tp = n_pred = n_gold = docs = 0
    for path in sorted((shared / "corpus" / "indosum").glob("dev.*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if limit is not None and docs >= limit:
                break
            docs += 1
            for para in json.loads(line).get("paragraphs") or []:
                pieces = [detokenize(sent) for sent in para]
                pieces = [p for p in pieces if p]
                text = " ".join(pieces)
                gold, pos = set(), 0
                for piece in pieces[:-1]:
                    pos += len(piece)
                    gold.add(pos)
                    pos += 1
                pred = {e for _, e in segment.split_sentences(text)[:-1]}
                tp, n_pred, n_gold = tp + len(gold & pred), n_pred + len(pred), n_gold + len(gold)
    figures["indosum_dev_sentence_boundaries"] = {"documents": docs, **_f1(tp, n_pred, n_gold)}
    return figures


def pipeline_figures(shared: pathlib.Path) -> dict[str, Any]:
    try:
        from ..pipeline import analyze_paths
    except ImportError as exc:
        return {"available": False, "reason": str(exc)}
    seeds = sorted(str(p) for p in (shared / "corpus" / "seeds").glob("*.txt"))
    out = {"available": True, "docs": 0, "bad_spans": []}
    try:
        for rec in analyze_paths(seeds, Options()):
            out["docs"] += 1
            out["bad_spans"] += [f"{rec['source']['path']}: {b}" for b in bad_spans(rec)]
    except Exception as exc:  # a later stage may still be missing while the spine is evaluated
        out["error"] = f"{type(exc).__name__}: {exc}"
    return out


def run(shared: pathlib.Path, *, indonews: bool = True, pipeline: bool = True, limit: int | None = None,
        **_: Any) -> dict[str, Any]:
    shared = pathlib.Path(shared)
    figures: dict[str, Any] = {"seeds": seeds_figures(shared)}
    if indonews:
        figures["indonews"] = indonews_figures(shared, limit)
    figures["segmentation"] = segmentation_figures(shared, limit)
    if pipeline:
        figures["pipeline"] = pipeline_figures(shared)
    return figures


def format(figures: dict[str, Any]) -> str:  # noqa: A001 - the evaluator interface name
    t = figures["seeds"]["totals"]
    out = ["spine on the seeds (gold: ../shared/gold/seeds.gold.json)",
           f"  outlet correct           {t['outlet_ok']}/{t['docs']}",
           f"  credited found           {t['credited_found']}/{t['credited_gold']} (extra: {t['credited_extra']})",
           f"  cited media found        {t['cited_found']}/{t['cited_gold']}",
           f"  boilerplate removed      {t['boilerplate_removed']}/{t['boilerplate_total']}",
           f"  article lines lost       {t['lines_lost']}",
           f"  duplicated lead once     {t['duplicates_kept_once']}/{t['duplicates_total']}",
           f"  language = id            {t['language_id']}/{t['docs']}",
           f"  spans not reading text   {t['bad_spans']}"]
    for d in figures["seeds"]["docs"]:
        issues = {k: d[k] for k in ("credited_missed", "credited_extra", "cited_missed", "lines_lost", "bad_spans")
                  if d.get(k)}
        if not d["outlet_ok"]:
            issues["outlet"] = "wrong"
        if d.get("author_ok") is False:
            issues["author"] = "wrong"
        if issues:
            out.append(f"    {d['doc']}: {issues}")
    n = figures.get("indonews")
    if n:
        out += ["indonews-2025",
                f"  rows {n['rows']}, non-empty lines {n['lines']}, removed {n['removed']} ({n['removed_fraction']:.1%})",
                "  removed by reason: " + ", ".join(f"{k} {v}" for k, v in n["removed_by_reason"].items()),
                f"  outlet agrees with the CSV's sumber: {n['outlet_accuracy']:.1%}",
                "  languages: " + ", ".join(f"{k} {v}" for k, v in n["languages"].items()),
                f"  documents with spans not reading text: {n['docs_with_bad_spans']}"]
    g = figures.get("segmentation") or {}
    if "ud_gsd_dev_tokens" in g:
        u = g["ud_gsd_dev_tokens"]
        out.append(f"tokens vs UD Indonesian GSD dev ({u['sentences']} sentences): P {u['precision']:.3f} "
                   f"R {u['recall']:.3f} F1 {u['f1']:.3f}; sentences left whole {u['sentences_left_whole']:.1%}")
    if "indosum_dev_sentence_boundaries" in g:
        b = g["indosum_dev_sentence_boundaries"]
        out.append(f"sentence boundaries vs IndoSum dev ({b['documents']} docs): P {b['precision']:.3f} "
                   f"R {b['recall']:.3f} F1 {b['f1']:.3f}")
    p = figures.get("pipeline")
    if p:
        if not p.get("available"):
            out.append(f"full pipeline: not available ({p.get('reason')})")
        else:
            out.append(f"full pipeline on the seeds: {p['docs']} records, {len(p['bad_spans'])} bad spans"
                       + (f", error: {p['error']}" if p.get("error") else ""))
            out += [f"    {b}" for b in p["bad_spans"][:10]]
    return "\n".join(out)
