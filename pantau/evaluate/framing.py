"""`pantau eval framing`: labels, slant and timelines against the seeds gold; republication
and story clusters on IndoSum dev + indonews-2025.

Figures:
- seeds: slant per gold document (000, 001, 002, 004 must match), gold framing labels found
  with the right valence and voice (a gold label with `attributed_to` must be quoted or
  distanced; one without must be the outlet's own), gold event words found with their valence,
  and actor agreement (the table actor or the named group);
- timeline: the merged Aleppo timeline from the five seeds against gold `stories.timeline`
  (a gold entry is found when an event reported by the same document is dated within ±1 day)
  and `control_of_aleppo` (same date ±1 day and the same holder: government / opposition /
  contested);
- corpora: near-duplicate and republication pair counts, story cluster counts, and the
  hand-checked pairwise precision in tests/data/story_pairs_checked.tsv when it is there.

Options: db=PATH uses an existing store for the corpus figures instead of building one;
corpora=False skips them (the seeds part takes a second).
"""
from __future__ import annotations

import datetime as dt
import pathlib
import tempfile
from typing import Any

from .. import store as store_mod
from ..record import Options

SLANT_DOCS = ("000", "001", "002", "004")
CORPORA = ("corpus/indosum", "corpus/indonews-2025")
LIGHT_STAGES = ("clean", "identify", "provenance", "segment", "pubdate", "framing")


def _analysed_docs(paths: list[str], stage_names=None):
    """(raw document, analysed record) pairs, from all stages or the named ones (no store)."""
    from ..ingest import iter_documents
    from ..pipeline import analyze, empty_reason

    for doc in iter_documents(paths):
        if doc.get("kind") != "doc":
            continue
        article = analyze(doc, Options(), only=stage_names)
        if not empty_reason(article) and article.get("id"):
            yield doc, article


def analyzed(paths: list[str], stage_names=None):
    """Analysed records, one at a time (no store: faster for corpora)."""
    for _doc, article in _analysed_docs(paths, stage_names):
        yield article


def analyze_into(st: store_mod.Store, paths: list[str], stage_names=None) -> dict[str, Any]:
    outcomes: dict[str, int] = {}
    for doc, article in _analysed_docs(paths, stage_names):
        outcome = st.put(article, store_mod.input_hash(doc, "eval-framing"))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    st.commit()
    return {"stored": outcomes}


def run(shared: pathlib.Path, db: str | None = None, corpora: bool = True, **_kw) -> dict[str, Any]:
    from .. import stories

    gold_all = _load_gold(shared)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        st = store_mod.Store(str(pathlib.Path(tmp) / "seeds.db"))
        info = analyze_into(st, [str(shared / "corpus" / "seeds")])
        figures["seeds_stored"] = info["stored"]
        records = {pathlib.Path((r.get("source") or {}).get("path") or "").name[:3]: r for r in st.iter_records()}
        figures.update(_seed_figures(records, gold_all["docs"]))
        tl = stories.timeline(st, place="Aleppo")
        figures["timeline"] = _timeline_figures(tl, gold_all["stories"], records)
        st.close()
        if corpora:
            if db:
                cst = store_mod.Store(db, readonly=True)
                items = stories._lights(cst, keep_facts=True)
                cst.close()
                figures["corpus_stages"] = "as stored in " + db
            else:
                # the corpora go through the cheap stages only (clean, provenance, dates): what
                # republication and clustering need; no store, so no FTS stemming cost
                items = stories._lights(_unique(analyzed([str(shared / c) for c in CORPORA], LIGHT_STAGES)),
                                        keep_facts=True)
                figures["corpus_stages"] = ", ".join(LIGHT_STAGES)
            dup = stories.duplicates(None, items=items)
            sto = stories.stories(None, items=items)
            figures["corpora"] = {"articles": len(items), "duplicates": dup["counts"], "stories": sto["counts"],
                                  "largest_stories": [(s["size"], s["title"][:60]) for s in sto["stories"][:5]]}
    figures["story_pairs_checked"] = checked_precision()
    return figures


def _unique(records):
    """One record per id and per cleaned text, as the store would keep them (indonews repeats
    the same URL on several crawl days)."""
    seen = set()
    for rec in records:
        keys = (rec["id"], store_mod.text_hash(rec["text"]))
        if keys[0] in seen or keys[1] in seen:
            continue
        seen.update(keys)
        yield rec


def _load_gold(shared: pathlib.Path) -> dict[str, Any]:
    import json

    data = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    data["docs"] = {d["doc"][:3]: d for d in data["docs"]}
    return data


def _seed_figures(records: dict[str, dict], gold_docs: dict[str, dict]) -> dict[str, Any]:
    slant_rows, label_rows, word_rows = [], [], []
    for doc, gold in sorted(gold_docs.items()):
        rec = records.get(doc)
        framing = (rec or {}).get("framing") or {}
        got = (framing.get("slant") or {}).get("label")
        want = (gold.get("framing") or {}).get("slant")
        slant_rows.append({"doc": doc, "gold": want, "got": got, "score": (framing.get("slant") or {}).get("score"),
                           "required": doc in SLANT_DOCS, "ok": got == want})
        for g in (gold.get("framing") or {}).get("labels") or []:
            label_rows.append(dict(doc=doc, **_match_label(g, framing.get("labels") or [])))
        for g in (gold.get("framing") or {}).get("event_words") or []:
            hits = [w for w in framing.get("event_words") or [] if _same_words(g["word"], w["word"])]
            ok = any(_valence(w["valence"]) == _valence(g["valence"]) for w in hits)
            word_rows.append({"doc": doc, "word": g["word"], "valence": g["valence"], "found": bool(hits), "ok": ok,
                              "about": hits[0].get("about") if hits else None})
    required = [r for r in slant_rows if r["required"]]
    return {"slant": {"required_ok": sum(r["ok"] for r in required), "required": len(required), "rows": slant_rows},
            "labels": {"ok": sum(r["ok"] for r in label_rows), "found": sum(r["found"] for r in label_rows),
                       "actor_ok": sum(r["actor_ok"] for r in label_rows), "gold": len(label_rows), "rows": label_rows},
            "event_words": {"ok": sum(r["ok"] for r in word_rows), "gold": len(word_rows), "rows": word_rows}}


def _valence(v: str | None) -> str:
    return (v or "").split()[0] if v else ""


def _same_words(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def _match_label(g: dict, labels: list[dict]) -> dict[str, Any]:
    """A gold label is found when a label with the same words (case aside) was found; it is
    right when one of those occurrences also has the gold valence and voice."""
    want_voice = {"quoted", "distanced"} if g.get("attributed_to") else {"outlet"}
    hits = [lab for lab in labels if _same_words(g["label"], lab["label"])]
    # the gold may name the head word of a longer label the outlet used ('rezim' in 'pasukan rezim')
    hits += [lab for lab in labels if lab not in hits and _contains_words(lab["label"], g["label"])]
    good = [lab for lab in hits if _valence(lab["valence"]) == _valence(g["valence"]) and lab.get("voice") in want_voice]
    actor = _actor_key(g["actor"])
    actor_ok = any(actor in {_actor_key(lab.get("actor")), _actor_key(lab.get("refers_to"))} for lab in hits)
    return {"label": g["label"], "valence": g["valence"], "voice": "/".join(sorted(want_voice)),
            "found": bool(hits), "ok": bool(good), "actor_ok": actor_ok,
            "got": sorted({f"{lab['valence']}/{lab.get('voice')}/{lab.get('actor')}" for lab in hits})}


def _contains_words(longer: str, shorter: str) -> bool:
    import re

    return re.search(rf"(?<!\w){re.escape(shorter.casefold())}(?!\w)", longer.casefold()) is not None


def _actor_key(name: str | None) -> str:
    """'Syrian government forces' and 'Syrian government' are one actor for this comparison."""
    key = (name or "").casefold().strip()
    return key[:-len(" forces")] if key.endswith(" forces") else key


def _near(a: str | None, b: str, days: int = 1) -> bool:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b)).days) <= days
    except (TypeError, ValueError):
        return False


def _timeline_figures(tl: dict, gold_stories: dict, records: dict[str, dict]) -> dict[str, Any]:
    doc_of = {r.get("id"): doc for doc, r in records.items()}
    rows = []
    for g in gold_stories.get("timeline") or []:
        same_doc = [e for e in tl["events"] if {doc_of.get(s["article"]) for s in e["sources"]} & set(g["docs"])]
        hit = next((e for e in same_doc if _near(e["date"], g["date"])), None)
        # weaker: the gold day lies inside the (week or month) range the event is dated to
        in_range = next((e for e in same_doc if e["earliest"] and e["latest"]
                         and e["earliest"] <= g["date"] <= e["latest"]), None)
        rows.append({"date": g["date"], "what": g["what"], "found": bool(hit), "in_range": bool(hit or in_range),
                     "got": (hit or in_range or {}).get("date"),
                     "got_type": (hit or in_range or {}).get("sub_event_type")})
    control_rows = []
    got_control = tl.get("control") or []
    for g in gold_stories.get("control_of_aleppo") or []:
        want = "contested" if "contested" in g["who"] else ("government" if "government" in g["who"] else "opposition")
        hit = [p for p in got_control if _near(p["from"], g["from"]) and p["side"] == want]
        control_rows.append({"from": g["from"], "gold": g["who"], "want_side": want, "ok": bool(hit)})
    extra = [p for p in got_control
             if not any(_near(p["from"], g["from"]) for g in gold_stories.get("control_of_aleppo") or [])]
    return {"found": sum(r["found"] for r in rows), "in_range": sum(r["in_range"] for r in rows),
            "gold": len(rows), "rows": rows,
            "events": tl["counts"]["events"], "reports": tl["counts"]["reports"],
            "control_ok": sum(r["ok"] for r in control_rows), "control_gold": len(control_rows),
            "control_extra": len(extra), "control_rows": control_rows,
            "control_got": [{"from": p["from"], "who": p["who"]} for p in got_control]}


def checked_precision(path: pathlib.Path | None = None) -> dict[str, Any] | None:
    """Pairwise precision of story clusters on the hand-checked sample (same_story = yes/no)."""
    path = path or pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "story_pairs_checked.tsv"
    if not path.is_file():
        return None
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]
    judged = [r for r in rows if r.get("same_story") in ("yes", "no")]
    yes = sum(r["same_story"] == "yes" for r in judged)
    return {"pairs": len(judged), "same_story": yes, "precision": round(yes / len(judged), 3) if judged else None}


def format(figures: dict[str, Any]) -> str:  # noqa: A001 - the evaluator interface name
    out = []
    sl = figures["slant"]
    out.append(f"slant: {sl['required_ok']}/{sl['required']} required seeds match")
    for r in sl["rows"]:
        out.append(f"  {r['doc']}  gold {r['gold']:<22} got {str(r['got']):<16} score {r['score']}"
                   f"{'' if r['ok'] else '   MISMATCH' + ('' if r['required'] else ' (not required)')}")
    lab = figures["labels"]
    out.append(f"labels: {lab['ok']}/{lab['gold']} gold labels with right valence and voice "
               f"({lab['found']} found, actor agrees on {lab['actor_ok']})")
    for r in lab["rows"]:
        if not r["ok"] or not r["actor_ok"]:
            out.append(f"  {r['doc']}  {r['label']!r} want {r['valence']}/{r['voice']}  got {r['got']}")
    ew = figures["event_words"]
    out.append(f"event words: {ew['ok']}/{ew['gold']} with right valence")
    tl = figures["timeline"]
    out.append(f"Aleppo timeline: {tl['found']}/{tl['gold']} gold entries dated within ±1 day "
               f"({tl['in_range']}/{tl['gold']} counting events dated to a range that holds the day) "
               f"in {tl['events']} merged events from {tl['reports']} reports")
    for r in tl["rows"]:
        status = "ok     " if r["found"] else ("range  " if r["in_range"] else "MISSING")
        out.append(f"  {r['date']}  {status} {str(r['got']):<10} {r['what']}")
    out.append(f"control of Aleppo: {tl['control_ok']}/{tl['control_gold']} changes right, {tl['control_extra']} extra")
    for p in tl["control_got"]:
        out.append(f"  from {p['from']}: {p['who']}")
    if figures.get("corpora"):
        c = figures["corpora"]
        d, s = c["duplicates"], c["stories"]
        out.append(f"corpora ({c['articles']} articles): {d['pairs']} near-duplicate pairs "
                   f"({d['republication_pairs']} republications across outlets, {d.get('shared_source_pairs', 0)} rewrites of "
                   f"one source text across outlets, {d['near_duplicate_pairs']} within an outlet) "
                   f"in {d['groups']} groups, {d['silent_copies']} uncredited copies")
        out.append(f"  stories: {s['stories']} clusters ({s['multi_outlet_stories']} across outlets), "
                   f"{s['articles_in_stories']} articles, {s['linked_pairs']} same-story pairs")
        for size, title in c["largest_stories"]:
            out.append(f"    {size:>3}  {title}")
    pc = figures.get("story_pairs_checked")
    if pc:
        out.append(f"story pairs checked by hand: precision {pc['precision']} ({pc['same_story']}/{pc['pairs']})")
    return "\n".join(out)
