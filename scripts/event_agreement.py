"""Inter-annotator agreement on the sentence-level event labels (training/events).

Compares the blind second annotation (labels.agreement.tsv, articles.agreement.tsv) with the
first annotators' work (labels.shard*.tsv, articles.shard*.tsv) over every sentence of the
articles both have finished. A sentence without a row is `none`. Prints a markdown report:

  (a) observed agreement and Cohen's kappa, binary event vs not-event;
  (b) Cohen's kappa, three-way none / event / non-event kind (plan, threat, ... other),
      and over the full label set;
  (c) among sentences both call `event`: agreement on event_type and sub_event_type;
  (d) the disagreements per (doc, sent) with both labels.

    python scripts/event_agreement.py [--dir training/events] [--tsv PATH] > training/events/agreement.md

Standard library only. It also writes every disagreeing sentence as a TSV (doc_id, sent,
label_first, label_second, type_first, type_second, sentence) to DIR/agreement.tsv
(--tsv '' to skip). The second annotator's articles are articles.agreement.tsv (if absent:
the articles with a row in labels.agreement.tsv).
"""
from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NON_EVENT = {"plan", "threat", "denial", "hypothetical", "explainer", "alert", "aggregate",
             "background", "other"}


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_labels(paths: list[Path]) -> dict:
    """(doc, sent) -> the rows for that sentence, in file order."""
    out: dict = {}
    for p in paths:
        for r in read_tsv(p):
            r["label"] = (r.get("label") or "").strip().lower()
            out.setdefault((r["doc_id"].strip(), int(r["sent"])), []).append(r)
    return out


def load_articles(paths: list[Path]) -> dict:
    out: dict = {}
    for p in paths:
        for r in read_tsv(p):
            out.setdefault(r["doc_id"].strip(), r)
    return out


def pick(rows: list[dict] | None) -> dict | None:
    """The row that stands for a sentence: its first `event` row, else its first row."""
    if not rows:
        return None
    return next((r for r in rows if r["label"] == "event"), rows[0])


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Observed agreement, chance agreement, Cohen's kappa."""
    n = len(pairs)
    if not n:
        return float("nan"), float("nan"), float("nan")
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    k = (po - pe) / (1 - pe) if pe < 1 else (1.0 if po == 1 else float("nan"))
    return po, pe, k


def coarse(label: str) -> str:
    return label if label in ("none", "event") else "non-event"


def binary(label: str) -> str:
    return "event" if label == "event" else "not-event"


def typ(r: dict | None) -> str:
    if not r:
        return ""
    t, s = (r.get("event_type") or "").strip(), (r.get("sub_event_type") or "").strip()
    return f"{t} / {s}" if (t or s) else ""


def confusion(pairs: list[tuple[str, str]], order: list[str]) -> list[str]:
    c = Counter(pairs)
    labs = [x for x in order if any(x in p for p in pairs)]
    labs += sorted({x for p in pairs for x in p} - set(labs))
    lines = ["| first \\ second | " + " | ".join(labs) + " | total |",
             "|---|" + "---:|" * (len(labs) + 1)]
    for a in labs:
        row = [c[(a, b)] for b in labs]
        lines.append(f"| **{a}** | " + " | ".join(str(x) for x in row) + f" | {sum(row)} |")
    tot = [sum(c[(a, b)] for a in labs) for b in labs]
    lines.append("| total | " + " | ".join(str(x) for x in tot) + f" | {sum(tot)} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=str(ROOT / "training/events"))
    ap.add_argument("--tsv", default=None,
                    help="where to write the disagreeing sentences (default: DIR/agreement.tsv; '' = don't)")
    args = ap.parse_args()
    d = Path(args.dir)
    if args.tsv is None:
        args.tsv = str(d / "agreement.tsv")

    sents = {}
    for line in (d / "sentences.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        sents[a["id"]] = a["sentences"]

    second = load_labels([d / "labels.agreement.tsv"])
    a2_path = d / "articles.agreement.tsv"
    if a2_path.exists():
        arts2 = load_articles([a2_path])
    else:  # fall back to the articles that have a second-annotator row
        arts2 = {doc: {} for doc, _ in second}
    # First annotators: one shard per article. An article finished in several shards is
    # taken from the first shard (by file name) that lists it; the others are reported.
    first: dict = {}
    arts1: dict = {}
    shard_of: dict = {}
    also_in: dict = {}
    for ap_ in sorted(d.glob("articles.shard*.tsv")):
        lp = d / ap_.name.replace("articles.", "labels.", 1)
        rows = load_labels([lp]) if lp.exists() else {}
        for doc, r in load_articles([ap_]).items():
            if doc in arts1:
                also_in.setdefault(doc, []).append(ap_.name)
                continue
            arts1[doc], shard_of[doc] = r, ap_.name
            for k, v in rows.items():
                if k[0] == doc:
                    first[k] = v
    docs = sorted(doc for doc in arts2 if doc in arts1 and doc in sents)
    missing = sorted(doc for doc in arts2 if doc not in arts1)

    items = []  # (doc, sent, first_rows, second_rows)
    for doc in docs:
        for i in range(len(sents[doc])):
            items.append((doc, i, first.get((doc, i)), second.get((doc, i))))
    lab = lambda rows: pick(rows)["label"] if rows else "none"  # noqa: E731
    full = [(lab(f), lab(s)) for _, _, f, s in items]
    stray = [k for k in list(first) + list(second)
             if k[0] in docs and not 0 <= k[1] < len(sents[k[0]])]
    multi1 = sum(1 for _, _, f, _ in items if f and len(f) > 1)
    multi2 = sum(1 for _, _, _, s in items if s and len(s) > 1)
    dup = sorted(doc for doc in docs if doc in also_in)

    p = print
    p("# Event-label agreement: first annotators vs blind second annotator\n")
    p(f"- Articles annotated twice: **{len(docs)}** of {len(arts2)} in the agreement sample"
      + (f" ({len(missing)} not yet finished by the first annotators: "
         + ", ".join(f"`{m}`" for m in missing) + ")" if missing else "") + ".")
    p(f"- Sentences compared: **{len(items)}** (a sentence without a row is `none`).")
    p(f"- Sentences with a row: first {sum(1 for _, _, f, _ in items if f)}, second "
      f"{sum(1 for _, _, _, s in items if s)}; sentences with several rows "
      f"(the first `event` row stands for the sentence): first {multi1}, second {multi2}."
      + (f" Rows pointing outside the article: {len(stray)}." if stray else ""))
    p("- First annotators by shard: " + ", ".join(
        f"{k} {v}" for k, v in sorted(Counter(shard_of[doc] for doc in docs).items())) + ".")
    if dup:
        p("- Finished in more than one shard (compared with the first shard listed): " + ", ".join(
            f"`{doc}` ({shard_of[doc]}; also {', '.join(also_in[doc])})" for doc in dup) + ".")
    n_dup_all = len(also_in)
    if n_dup_all:
        p(f"- Note: {n_dup_all} article(s) of the whole training set are listed in more than one "
          "articles.shard*.tsv.")
    p("")

    p("## (a) Binary: event vs not-event\n")
    bpairs = [(binary(a), binary(b)) for a, b in full]
    po, pe, k = kappa(bpairs)
    p(f"Observed agreement **{po:.3f}**, chance {pe:.3f}, Cohen's kappa **{k:.3f}** "
      f"(event sentences: first {sum(a == 'event' for a, _ in bpairs)}, "
      f"second {sum(b == 'event' for _, b in bpairs)}, both "
      f"{sum(a == b == 'event' for a, b in bpairs)}).\n")
    p("\n".join(confusion(bpairs, ["event", "not-event"])))
    p("")

    p("## (b) Three-way: none / event / non-event kind\n")
    cpairs = [(coarse(a), coarse(b)) for a, b in full]
    po, pe, k = kappa(cpairs)
    p(f"Observed agreement **{po:.3f}**, chance {pe:.3f}, Cohen's kappa **{k:.3f}**. "
      "(non-event kind = any of plan, threat, denial, hypothetical, explainer, alert, aggregate, "
      "background, other.)\n")
    p("\n".join(confusion(cpairs, ["none", "event", "non-event"])))
    p("")
    po, pe, k = kappa(full)
    p(f"Over the full label set (none, event and each non-event kind): observed agreement "
      f"**{po:.3f}**, Cohen's kappa **{k:.3f}**.\n")
    order = ["none", "event"] + sorted(NON_EVENT)
    p("\n".join(confusion(full, order)))
    # among sentences both give a non-event kind
    nn = [(a, b) for a, b in full if a in NON_EVENT and b in NON_EVENT]
    if nn:
        po, pe, k = kappa(nn)
        p(f"\nAmong the {len(nn)} sentences both give a non-event kind, the kind agrees in "
          f"{sum(a == b for a, b in nn)} ({po:.3f}; kappa {k:.3f}).")
    p("")

    p("## (c) Type agreement where both say `event`\n")
    both = [(f, s) for _, _, f, s in items if lab(f) == lab(s) == "event"]
    if both:
        def match(f, s, key):
            fs = {key(r) for r in f if r["label"] == "event"}
            ss = {key(r) for r in s if r["label"] == "event"}
            return bool(fs & ss)
        etype = lambda r: (r.get("event_type") or "").strip()  # noqa: E731
        et = sum(match(f, s, etype) for f, s in both)
        st = sum(match(f, s, typ) for f, s in both)
        p(f"{len(both)} sentences: event_type agrees in **{et}** ({et / len(both):.3f}), "
          f"event_type + sub_event_type in **{st}** ({st / len(both):.3f}). (A sentence with "
          "several event rows agrees if any pair of its event rows has the same type.)\n")
        tp = Counter((typ(pick(f)), typ(pick(s))) for f, s in both if not match(f, s, typ))
        if tp:
            p("| first | second | n |\n|---|---|---:|")
            for (a, b), n in tp.most_common():
                p(f"| {a} | {b} | {n} |")
    else:
        p("No sentence is called `event` by both.")
    p("")

    if all(arts2.get(doc) and arts1[doc].get("n_events", "").strip() for doc in docs):
        p("## Events per article (`n_events`)\n")
        same = 0
        rows = []
        for doc in docs:
            a, b = arts1[doc]["n_events"].strip(), arts2[doc]["n_events"].strip()
            same += a == b
            if a != b:
                rows.append(f"| `{doc}` | {a} | {b} |")
        p(f"Same count in {same} of {len(docs)} articles.\n")
        if rows:
            p("| doc | first | second |\n|---|---:|---:|")
            p("\n".join(rows))
        p("")

    dis = []
    for doc, i, f, s in items:
        lf, ls = lab(f), lab(s)
        same_type = not (lf == ls == "event") or bool(
            {typ(r) for r in f if r["label"] == "event"} & {typ(r) for r in s if r["label"] == "event"})
        if lf != ls or not same_type:
            dis.append((doc, i, lf, ls, typ(pick(f)), typ(pick(s)), sents[doc][i]))
    p("## (d) Disagreements\n")
    p(f"**{len(dis)}** sentences disagree (label differs, or both `event` with a different type): "
      f"{sum(x[2] != x[3] for x in dis)} on the label, "
      f"{sum(x[2] == x[3] for x in dis)} on the type only; "
      f"{sum(binary(x[2]) != binary(x[3]) for x in dis)} cross the event / not-event line.\n")
    kinds = Counter((x[2], x[3]) for x in dis)
    p("| first | second | n |\n|---|---|---:|")
    for (a, b), n in kinds.most_common():
        p(f"| {a} | {b} | {n} |")
    p("")
    per_doc = Counter(x[0] for x in dis)
    p("Per article: " + ", ".join(f"`{doc}` {n}" for doc, n in per_doc.most_common()) + "\n"
      if per_doc else "")
    p("| doc | sent | first | second | type first | type second | sentence |")
    p("|---|---:|---|---|---|---|---|")
    for doc, i, lf, ls, tf, ts, text in dis:
        short = text if len(text) <= 140 else text[:137] + "..."
        short = short.replace("|", "\\|")
        p(f"| `{doc}` | {i} | {lf} | {ls} | {tf} | {ts} | {short} |")

    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as out:
            out.write("doc_id\tsent\tlabel_first\tlabel_second\ttype_first\ttype_second\tsentence\n")
            for row in dis:
                out.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in row) + "\n")

if __name__ == "__main__":
    main()
