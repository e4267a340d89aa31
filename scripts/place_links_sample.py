"""The places the linker gives a fixed sample of articles, and the hand-judged sheet of what a change
to the linker or the KB changed: tests/data/place_links_changed.tsv.

    python scripts/place_links_sample.py dump OUT.jsonl [../shared]      # run at each of two commits
    python scripts/place_links_sample.py diff BEFORE.jsonl AFTER.jsonl [SHEET]

The sample: 2,000 IndoSum dev articles drawn with random.Random(22) and every indonews-2025 row of
conflict_index.tsv (each url once), run through clean -> segment -> entities. `dump` writes one line
per entity; `diff` writes a row for every mention whose linked place differs between the two runs
(linked, unlinked or moved), with the distance between the two points when both have one, and a
little context: five words either side for IndoSum (CC BY-SA), two for indonews-2025 (whose text
is not shipped). The verdict (right: the place meant; near: another place of the name, within
50 km of it; wrong: not the place meant, or no place at all) and a note are filled in by hand;
rows already judged keep their verdicts when the sheet is written again.
"""
from __future__ import annotations

import csv
import glob
import json
import pathlib
import random
import sys

FIELDS = ["corpus", "doc", "start", "end", "name", "before", "after", "km", "context", "verdict", "note"]
HEADER = """# Places the linker gives differently after a change, on a fixed sample (2,000 IndoSum dev articles drawn with
# random.Random(22), every indonews-2025 row of conflict_index.tsv), drawn by scripts/place_links_sample.py and
# judged by hand: right = the place meant; near = another place of that name within 50 km of it; wrong = not the
# place meant or no place at all. before/after: the canonical name linked (empty: no place); km: between the two.
# context: five words either side for IndoSum, two for indonews-2025 (no more of its text). Change judged: the
# Indonesian villages of places_id_villages.tsv, installation words before a town ("reaktor air berat Arak") and
# cities named by an ordinary word (places_common_words.tsv: "di Serang", "di Baku, Azerbaijan").
"""


def _articles(shared: pathlib.Path) -> list[tuple[str, str, str]]:
    csv.field_size_limit(10 ** 9)
    docs = []
    for f in sorted(glob.glob(str(shared / "corpus" / "indosum" / "dev.*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                body = "\n\n".join(" ".join(" ".join(s) for s in p) for p in d["paragraphs"])
                docs.append(("indosum", str(d.get("id")), body))
    sample = random.Random(22).sample(docs, 2000)
    corpus = shared / "corpus" / "indonews-2025"
    with open(corpus / "conflict_index.tsv", encoding="utf-8") as fh:
        urls = {r["url"] for r in csv.DictReader(fh, delimiter="\t")}
    rows, seen = [], set()
    for f in sorted(corpus.glob("*.csv")):
        with open(f, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["url"] in urls and r["url"] not in seen:
                    seen.add(r["url"])
                    rows.append(("indonews-2025", r["url"], r["isi_berita"]))
    return sample + sorted(rows)


def dump(out: str, shared: str = "../shared") -> None:
    from pantau.record import Options, new_article
    from pantau.stages import clean, entities, segment

    with open(out, "w", encoding="utf-8") as fh:
        for corpus, doc, body in _articles(pathlib.Path(shared)):
            raw = {"kind": "doc", "source": {"path": doc, "record": None, "url": None, "format": "txt"},
                   "input_id": None, "title": None, "body": body, "url": None, "outlet": None, "author": None,
                   "published": None, "meta": {}}
            a = new_article(raw)
            for stage in (clean, segment, entities):
                a = stage.run(a, Options())
            text = a["text"]
            reach = 5 if corpus == "indosum" else 2
            for e in a["entities"]:
                s, t = e["span"]
                left = " ".join(text[:s].split()[-reach:])
                right = " ".join(text[t:].split()[:reach])
                g = e.get("geo") or {}
                fh.write(json.dumps({"corpus": corpus, "doc": doc, "start": s, "end": t, "name": e["text"],
                                     "place": e["canonical"] if g.get("lat") is not None else "",
                                     "lat": g.get("lat"), "lon": g.get("lon"),
                                     "context": f"{left} [{e['text']}] {right}"}, ensure_ascii=False) + "\n")


def diff(before: str, after: str, sheet: str = "tests/data/place_links_changed.tsv") -> None:
    from pantau.nlp.geo import km

    def read(path):
        with open(path, encoding="utf-8") as fh:
            return {(r["corpus"], r["doc"], r["start"], r["end"]): r for r in map(json.loads, fh)}

    a, b = read(before), read(after)
    judged = {}
    path = pathlib.Path(sheet)
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t",
                                      quoting=csv.QUOTE_NONE, escapechar="\\"):
                judged[(row["corpus"], row["doc"], row["start"], row["end"], row["before"], row["after"])] = row
    rows = []
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key, {}), b.get(key, {})
        if x.get("place", "") == y.get("place", "") and (x.get("lat"), x.get("lon")) == (y.get("lat"), y.get("lon")):
            continue
        d = km(x, y) if x.get("lat") is not None and y.get("lat") is not None else None
        e = y or x
        row = {"corpus": key[0], "doc": key[1], "start": key[2], "end": key[3], "name": e["name"],
               "before": x.get("place", ""), "after": y.get("place", ""),
               "km": "" if d is None else f"{d:.0f}", "context": e["context"], "verdict": "", "note": ""}
        old = judged.get((*map(str, key), row["before"], row["after"]))
        if old:
            row["verdict"], row["note"] = old["verdict"], old["note"]
        rows.append(row)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        w = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writeheader()
        for row in rows:
            w.writerow({k: str(v).replace("\t", " ") for k, v in row.items()})
    print(f"{len(rows)} changed links -> {path}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"dump": dump, "diff": diff}[cmd](*args)
