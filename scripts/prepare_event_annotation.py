"""Pick the IndoSum articles for event annotation and write their sentences.

Deterministic: every IndoSum article of ../shared/corpus/indosum that is not in
../shared/gold/events-dev (those measure), ranked so the sample holds the conflict,
protest and security news first (articles with several conflict words in the news
section), then a random draw (seed 19) of the rest so negatives look like ordinary
news. Writes training/events/sentences.jsonl: one line per article with its id,
category, url and sentences (IndoSum's own sentence split, detokenised as Pantau
detokenises IndoSum).

    python scripts/prepare_event_annotation.py [--shared ../shared] [--n 330] [--n4 45 --n4-other 12]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from pantau.ingest.detok import detokenize

ROOT = Path(__file__).resolve().parents[1]
CONFLICT = re.compile(
    r"\b(serang\w*|menyerang|tewas|bom|ledak\w*|meledak|tembak\w*|ditembak|ditangkap|menangkap|"
    r"demo|demonstrasi|unjuk|bentrok\w*|kerusuhan|rusuh|teroris|terorisme|militan|pemberontak|"
    r"perang|rudal|membunuh|dibunuh|pembunuhan|dibakar|membakar|tawuran|pengeboman|"
    r"pasukan|tentara|polisi|densus|massa)\b", re.I)
# the phrases of riots, mob violence, group brawls, crowd destruction, armed clashes and attacks on
# civilians by armed groups (shard 4's query)
RIOT_BATTLE = re.compile(
    r"\b(main hakim sendiri|dikeroyok|mengeroyok|pengeroyokan|amuk massa|diamuk massa|amukan massa|tawuran|"
    r"bentrok\w*|kerusuhan|rusuh|ricuh|kericuhan|massa (membakar|merusak|menyerang|mengamuk)|dibakar massa|"
    r"dirusak massa|kontak senjata|baku tembak|KKB|kelompok (kriminal )?bersenjata|OPM|separatis|pemberontak|"
    r"penculikan|diculik|disandera|sandera|dibunuh|pembantaian|perusakan|pembakaran|penyerangan|diserang|"
    r"menyerang)\b", re.I)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=330)
    ap.add_argument("--n4", type=int, default=45, help="shard 4: news with one or two conflict words")
    ap.add_argument("--n4-other", type=int, default=12, help="shard 4: other sections with a RIOT_BATTLE phrase")
    ap.add_argument("--out", default=str(ROOT / "training/events/sentences.jsonl"))
    args = ap.parse_args()
    shared = Path(args.shared)
    gold = json.loads((shared / "gold/events-dev/gold.json").read_text())
    held = {d["source"]["id"] for d in gold["docs"] if d["source"]["corpus"] == "indosum"}
    arts = []
    for f in sorted((shared / "corpus/indosum").glob("dev.*.jsonl")):
        for line in f.open(encoding="utf-8"):
            a = json.loads(line)
            if a["id"] in held:
                continue
            sents = [detokenize(s) for p in a["paragraphs"] for s in p]
            hits = sum(len(CONFLICT.findall(s)) for s in sents)
            arts.append({"id": a["id"], "category": a["category"], "url": a.get("source_url"),
                         "source": a.get("source"), "hits": hits, "sentences": sents,
                         "riot": sum(len(RIOT_BATTLE.findall(s)) for s in sents)})
    arts.sort(key=lambda a: a["id"])
    conflict = [a for a in arts if a["category"] == "tajuk utama" and a["hits"] >= 3]
    rest = [a for a in arts if a not in conflict]
    rng = random.Random(19)
    rng.shuffle(rest)
    chosen = (conflict + rest)[: args.n]
    # IndoSum's dev folds share some articles: each id once (the first drawn)
    chosen = list({a["id"]: a for a in reversed(chosen)}.values())
    chosen.sort(key=lambda a: a["id"])
    for a in chosen:
        a["selected_as"] = "conflict-words" if a in conflict else "random"
    # shard 4, appended after the first draw (which stays as it was)
    taken = {a["id"] for a in chosen}
    left = [a for a in arts if a["id"] not in taken]
    left = list({a["id"]: a for a in reversed(left)}.values())
    left.sort(key=lambda a: a["id"])
    news = [a for a in left if a["category"] == "tajuk utama"]
    riot = [a for a in news if a["riot"]]
    few = [a for a in news if not a["riot"] and 1 <= a["hits"] <= 2]
    other = [a for a in left if a["category"] != "tajuk utama" and a["riot"]]
    rng4 = random.Random(41)
    rng4.shuffle(few)
    rng4.shuffle(other)
    shard4 = ([dict(a, selected_as="riot-battle-words") for a in riot]
              + [dict(a, selected_as="few-conflict-words") for a in few[: args.n4]]
              + [dict(a, selected_as="riot-battle-words-other-section") for a in other[: args.n4_other]])
    shard4.sort(key=lambda a: a["id"])
    with open(args.out, "w", encoding="utf-8") as out:
        for a in chosen + shard4:
            a = {k: v for k, v in a.items() if k not in ("hits", "riot")}
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} distinct articles ({len(conflict)} with conflict words), then {len(shard4)} for shard 4 "
          f"({len(riot)} news with riot/battle words, {min(len(few), args.n4)} news with one or two conflict words, "
          f"{min(len(other), args.n4_other)} other sections), "
          f"{sum(len(a['sentences']) for a in chosen + shard4)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
