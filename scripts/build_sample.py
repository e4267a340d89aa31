"""Build the sample corpus shipped for `pantau demo`: the five seeds plus IndoSum
articles about conflict (CC BY-SA 4.0, attribution in NOTICE).

Deterministic: articles are ranked by how many conflict words they contain, ties by id.
Usage: python scripts/build_sample.py [--shared ../shared] [--n 60]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
# Words that mark armed conflict, terrorism and war reporting (kept here, not in pantau/data:
# this is a build-time selection rule, not knowledge the pipeline uses).
CONFLICT = re.compile(r"\b(Suriah|Aleppo|ISIS|teroris\w*|militan|serangan|tewas|bom|Rohingya|Palestina|Israel|"
                      r"Irak|Mosul|Marawi|Afghanistan|pemberontak|tentara|rudal|Gaza|pengungsi)\b", re.I)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)
    scored = []
    for path in sorted((shared / "corpus" / "indosum").glob("dev.0*.jsonl")):
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            words = [w for para in doc["paragraphs"] for sent in para for w in sent]
            hits = len(CONFLICT.findall(" ".join(words)))
            distinct = len({m.lower() for m in CONFLICT.findall(" ".join(words))})
            if distinct >= 3:
                scored.append((-(hits + 3 * distinct), doc["id"], doc))
    scored.sort(key=lambda t: (t[0], t[1]))
    out_dir = ROOT / "pantau" / "sample"
    out_dir.mkdir(parents=True, exist_ok=True)
    keep = ("id", "paragraphs", "source", "source_url", "category")
    wib = dt.timezone(dt.timedelta(hours=7))
    with (out_dir / "indosum-conflict.jsonl").open("w", encoding="utf-8") as out:
        for _score, _id, doc in scored[: args.n]:
            row = {k: doc[k] for k in keep if k in doc}
            # IndoSum ids start with the publication time (unix seconds): ship it as the metadata
            # date a crawler would have, so the demo shows dated articles as a real feed would.
            stamp = int(doc["id"].split("-", 1)[0])
            row["published"] = dt.datetime.fromtimestamp(stamp, wib).isoformat()
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    seeds = out_dir / "seeds"
    seeds.mkdir(exist_ok=True)
    for f in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        shutil.copyfile(f, seeds / f.name)
    print(f"wrote {min(len(scored), args.n)} IndoSum articles and the seeds to {out_dir}")


if __name__ == "__main__":
    main()
