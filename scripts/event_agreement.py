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


def load_labels(paths: list[Path]) -> tuple[dict, int]:
    """(doc, sent) -> row. Several rows for one sentence: an `event` row wins, else the first."""
    out: dict = {}
    multi = 0
    for p in paths:
        for r in read_tsv(p):
            key = (r["doc_id"].strip(), int(r["sent"]))
            r["label"] = (r.get("label") or "").strip().lower()
            if key in out:
                multi += 1
                if out[key]["label"] != "event" and r["label"] == "event":
                    out[key] = r
                continue
            out[key] = r
    return out, multi


def load_articles(paths: list[Path]) -> dict:
    out: dict = {}
    for p in paths:
        for r in read_tsv(p):
            out.setdefault(r["doc_id"].strip(), r)
    return out


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

    second, multi2 = load_labels([d / "labels.agreement.tsv"])
    first, multi1 = load_labels(sorted(d.glob("labels.shard*.tsv")))
    arts1 = load_articles(sorted(d.glob("articles.shard*.tsv")))
    a2_path = d / "articles.agreement.tsv"
    if a2_path.exists():
        arts2 = load_articles([a2_path])
    else:  # fall back to the articles that have a second-annotator row
        arts2 = {doc: {} for doc, _ in second}
    docs = sorted(doc for doc in arts2 if doc in arts1 and doc in sents)
    missing = sorted(doc for doc in arts2 if doc not in arts1)

    items = []  # (doc, sent, first_row, second_row)
    for doc in docs:
        for i in range(len(sents[doc])):
            items.append((doc, i, first.get((doc, i)), second.get((doc, i))))
    lab = lambda r: r["label"] if r else "none"  # noqa: E731
    full = [(lab(f), lab(s)) for _, _, f, s in items]
    stray = [k for k in list(first) + list(second)
             if k[0] in docs and not 0 <= k[1] < len(sents[k[0]])]

    p = print
    p("# Event-label agreement: first annotators vs blind second annotator\n")
    p(f"- Articles annotated twice: **{len(docs)}** of {len(arts2)} in the agreement sample"
      + (f" ({len(missing)} not yet finished by the first annotators: "
         + ", ".join(f"`{m}`" for m in missing) + ")" if missing else "") + ".")
    p(f"- Sentences compared: **{len(items)}** (a sentence without a row is `none`).")
    p(f"- Rows: first {sum(1 for _, _, f, _ in items if f)}, second "
      f"{sum(1 for _, _, _, s in items if s)}; sentences with several rows (an `event` row wins): "
      f"first {multi1}, second {multi2}." + (f" Rows pointing outside the article: {len(stray)}."
                                                if stray else ""))
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
        et = sum((f.get("event_type") or "").strip() == (s.get("event_type") or "").strip()
                 for f, s in both)
        st = sum(typ(f) == typ(s) for f, s in both)
        p(f"{len(both)} sentences: event_type agrees in **{et}** ({et / len(both):.3f}), "
          f"event_type + sub_event_type in **{st}** ({st / len(both):.3f}).\n")
        tp = Counter((typ(f), typ(s)) for f, s in both if typ(f) != typ(s))
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
        if lf != ls or (lf == "event" and typ(f) != typ(s)):
            dis.append((doc, i, lf, ls, typ(f), typ(s), sents[doc][i]))
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
