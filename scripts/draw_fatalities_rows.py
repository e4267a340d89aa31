"""Draw the new rows of tests/data/fatalities_indonews2025.tsv: events the events stage emits on
articles that tell of deaths, from the indonews-2025 conflict rows and from IndoSum, in a seeded order.

Inputs (read-only, ../shared): indonews-2025's conflict_index.tsv rows (the day file the index names;
with --whole-scrape every row of the scrape, each url once), minus the third held out for the event gold
(md5(url) % 3 == 0: never drawn), minus every events-dev article and same-story reports of it (its first
300 characters found in the row, or most of the words of those 300 characters shared with the row's first
300); IndoSum dev.01-03 articles (each id once) minus the events-dev ids. An article is taken when its text
has a death word; each of its events is a candidate unless a sheet row already names it (same url,
overlapping evidence). Candidates are shuffled with random.Random(SEED) and labelled by hand in that order;
with --favour the articles with a riot, clash, bombing or shooting word and a count of the dead come first
(the seeded order kept within each group).

    python scripts/draw_fatalities_rows.py --out /tmp/candidates.tsv [--dump /tmp/texts.jsonl] [--favour]
    python scripts/draw_fatalities_rows.py --kinds --out /tmp/candidates.tsv --dump /tmp/texts.jsonl

With --kinds (the drawing of tests/data/fatalities_tellings.tsv) every row of the scrape and every IndoSum
dev article is a candidate that has a violence word (VIOLENCE) and one of: a "no one killed" statement
(NONE_SAID), a riot or mob-violence word (MOB) with a death word, a vague or large count of the dead
(VAGUE_COUNT), or a death word; the articles are taken in that order of kinds (seeded order within each),
and events already named by any fatalities sheet are left out.

The candidates file names each event by url (indonews) or `indosum:<id>`, evidence span, event type
and the stage's fatalities; `--dump` writes each article's cleaned text, sentence spans and the stage's
events beside it for reading, so that events the stage does not emit can be labelled too (never
committed: indonews text is research-use only).
"""
from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import json
import pathlib
import random
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import eval_fatalities as ef  # noqa: E402
from labelled_sheets import run_analyze, write_csv  # noqa: E402

ROOT = ef.ROOT
SEED = 2026
# riots, clashes, bombings and shootings: with --favour their articles are drawn first
VIOLENCE = re.compile(r"\b(?:kerusuhan|rusuh|bentrok\w*|tawuran|ledakan|meledak|bom|pengeboman|mengebom|"
                      r"penembakan|ditembak|menembak\w*|baku tembak|serangan|menyerang|diserang|amuk|"
                      r"pembantaian|bentrokan|konflik)\b", re.I)
# a count of the dead somewhere in the article (a digit or number word before a killed word)
COUNTED = re.compile(r"\b(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|\w+belas|"
                     r"\w+ puluh|seorang)\s+(?:\w+\s+){0,3}?(?:tewas|meninggal|terbunuh|gugur|dibunuh)\b|"
                     r"\b(?:menewaskan|membunuh|korban tewas|korban jiwa)\s+(?:\w+\s+){0,4}?\d+", re.I)
# "tidak ada korban jiwa", "tak ada korban", "tanpa korban", "belum ada laporan korban", "tidak ada yang tewas"
NONE_SAID = re.compile(r"\b(?:(?:tidak|tak|belum)\s+(?:ada\s+)?(?:laporan\s+)?(?:soal\s+|mengenai\s+|tentang\s+|adanya\s+)?"
                       r"(?:menimbulkan\s+|memakan\s+|menelan\s+)?korban|tanpa\s+(?:menimbulkan\s+|memakan\s+)?korban|"
                       r"nihil\s+korban|(?:tidak|tak)\s+ada\s+(?:yang|orang)\s+(?:\w+\s+)?(?:tewas|meninggal))", re.I)
MOB = re.compile(r"\b(?:kerusuhan|amuk massa|diamuk massa|dihakimi massa|main hakim sendiri|tawuran|dikeroyok|"
                 r"pengeroyokan|bentrok(?:an)? antar\w*|carok)\b", re.I)
VAGUE_COUNT = re.compile(r"\b(?:puluhan|belasan|ratusan|ribuan)\s+(?:\w+\s+){0,3}?(?:tewas|meninggal|terbunuh|korban)", re.I)
DEATH = re.compile(r"\b(?:tewas|menewaskan|meninggal|terbunuh|dibunuh|membunuh|korban jiwa|ditembak mati|"
                   r"gugur|tertembak|jenazah|mayat|korban|nyawa|wafat)\b", re.I)


def held_out(url: str) -> bool:
    """The third of indonews-2025 kept for the held-out event gold (md5(url) % 3 == 0): never drawn."""
    return int(hashlib.md5(url.encode()).hexdigest(), 16) % 3 == 0


def _norm(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip().lower()


def dev_heads(shared: pathlib.Path) -> list[str]:
    return [_norm(open(p, encoding="utf-8").read())[:300]
            for p in sorted(glob.glob(str(shared / "gold" / "events-dev" / "articles" / "*.txt")))]


def dev_indosum_ids(shared: pathlib.Path) -> set[str]:
    g = json.load(open(shared / "gold" / "events-dev" / "gold.json", encoding="utf-8"))
    return {d["source"]["id"] for d in g["docs"] if d["source"].get("corpus") == "indosum"}


def _same_story(row_text: str, heads: list[str]) -> bool:
    t = _norm(row_text)
    words = set(re.findall(r"\w{4,}", t[:300]))
    for h in heads:
        if h[:200] and h[:200] in t:
            return True
        hw = set(re.findall(r"\w{4,}", h))
        if hw and len(words & hw) / len(hw) >= 0.5:
            return True
    return False


def _kind_rank(text: str) -> int:
    """The order of the --kinds drawing: a no-one-killed statement, mob violence with a death, a vague count,
    the rest."""
    if NONE_SAID.search(text):
        return 0
    if MOB.search(text) and DEATH.search(text):
        return 1
    return 2 if VAGUE_COUNT.search(text) else 3


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--dump")
    ap.add_argument("--favour", action="store_true",
                    help="articles with a riot/clash/bombing/shooting word and a count of the dead first")
    ap.add_argument("--whole-scrape", action="store_true",
                    help="every row of the scrape with a death word, not only conflict_index.tsv's")
    ap.add_argument("--kinds", action="store_true",
                    help="the whole scrape and IndoSum, articles with a no-one-killed statement, mob violence or "
                         "a vague count first; events of every fatalities sheet left out")
    args = ap.parse_args(argv)
    shared = pathlib.Path(args.shared)
    heads = dev_heads(shared)
    old = ef.sheet()  # the rows drawn before this draw
    if args.kinds:
        args.whole_scrape = True
        for extra in ("fatalities_counts.tsv", "fatalities_tellings.tsv"):
            if (ROOT / "tests" / "data" / extra).exists():
                old = old + ef.sheet(ROOT / "tests" / "data" / extra)
    base = shared / "corpus" / "indonews-2025"
    urls = {r["url"] for r in csv.DictReader(open(base / "conflict_index.tsv", encoding="utf-8"), delimiter="\t")}
    if args.whole_scrape:
        urls |= ef.scrape_urls(shared)
    urls = {u for u in urls if not held_out(u)}
    header, rows = ef.source_rows(shared, urls)
    rows = [r for r in rows if DEATH.search((r.get("judul") or "") + " " + (r.get("isi_berita") or "")) and not _same_story((r.get("judul") or "") + " " + (r.get("isi_berita") or ""), heads)]
    if args.kinds:  # only articles with a violence word are read (the candidates' kinds need one)
        rows = [r for r in rows if VIOLENCE.search((r.get("judul") or "") + " " + (r.get("isi_berita") or ""))]
    dev_ids = dev_indosum_ids(shared)
    indosum: dict[str, str] = {}
    for f in sorted(glob.glob(str(shared / "corpus" / "indosum" / "dev.0*.jsonl"))):
        for line in open(f, encoding="utf-8"):
            o = json.loads(line)
            if o["id"] in dev_ids or o["id"] in indosum:
                continue
            text = " ".join(" ".join(" ".join(s) for s in p) for p in o["paragraphs"])
            if DEATH.search(text) and (not args.kinds or VIOLENCE.search(text)):
                indosum[o["id"]] = line
    cands, texts, dumped = [], {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "rows.csv"
        write_csv(src, header, rows)
        recs = run_analyze(src, pathlib.Path(tmp) / "a.jsonl")
        jl = pathlib.Path(tmp) / "indosum.jsonl"
        jl.write_text("".join(indosum[k] for k in sorted(indosum)), encoding="utf-8")
        recs_i = run_analyze(jl, pathlib.Path(tmp) / "b.jsonl")
    for rec in recs:
        url = rec["source"]["url"]
        texts[url] = rec["text"]
        dumped[url] = rec
        for ev in rec.get("events", []):
            s, e = ev["evidence"]["span"]
            if any(o["url"] == url and int(o["ev_start"]) < e and s < int(o["ev_end"]) for o in old):
                continue
            cands.append((url, s, e, ev["event_type"], ev.get("fatalities")))
    for rec in recs_i:
        key = "indosum:" + ef.indosum_id(rec)
        texts[key] = rec["text"]
        dumped[key] = rec
        for ev in rec.get("events", []):
            s, e = ev["evidence"]["span"]
            if any(o["url"] == key and int(o["ev_start"]) < e and s < int(o["ev_end"]) for o in old):
                continue
            cands.append((key, s, e, ev["event_type"], ev.get("fatalities")))
    cands.sort(key=lambda c: c[:4])  # the stage value is no part of the order: rules may change it
    random.Random(SEED).shuffle(cands)
    if args.kinds:  # a stable sort keeps the seeded order inside each kind
        cands = [c for c in cands if VIOLENCE.search(texts[c[0]])]
        cands.sort(key=lambda c: _kind_rank(texts[c[0]]))
    if args.favour:  # a stable sort keeps the seeded order inside each group
        cands.sort(key=lambda c: not (VIOLENCE.search(texts[c[0]]) and COUNTED.search(texts[c[0]])))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("url\tev_start\tev_end\tevent_type\tstage\n")
        for c in cands:
            fh.write("\t".join(str("none" if x is None else x) for x in c) + "\n")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for k, t in texts.items():
                rec = dumped[k]
                fh.write(json.dumps({"key": k, "text": t, "sentences": [x["span"] for x in rec.get("sentences") or []],
                                     "events": [{"span": ev["evidence"]["span"], "type": ev["event_type"],
                                                 "fatalities": ev.get("fatalities")}
                                                for ev in rec.get("events") or []]}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} indonews rows, {len(indosum)} IndoSum articles, {len(cands)} candidate events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
