"""Does a speed change leave every record as it was? Byte-for-byte check of `pantau analyze` output.

    python bench/same_output.py write DIR [--articles 300] [--shared ../shared]
    python bench/same_output.py check DIR [--shared ../shared]

`write` runs `pantau analyze` (all stages, one worker) of the seed articles (as the evaluator does:
no --between) and of a fixed sample of IndoSum articles (--between the IndoSum years, as bench/run.py
runs them) and keeps the JSON Lines in DIR (keep it outside the checkout); `check` runs the same with
this checkout's code and compares line by line. Only the `pantau.analysis` digest, which changes with
any edit of the code, is blanked before comparing. The sample is the IndoSum dev articles ordered by
the md5 of their id, the events-dev articles left out (they measure), the first --articles of them.
Exit status 1 when a record differs; the first differing field of each differing record is printed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
INDOSUM_WINDOW = ("2016-01-01", "2018-12-31")  # as bench/run.py


def sample(shared: pathlib.Path, n: int, path: pathlib.Path) -> None:
    gold = json.loads((shared / "gold" / "events-dev" / "gold.json").read_text(encoding="utf-8"))
    measured = {d["source"]["id"] for d in gold["docs"] if d.get("source", {}).get("corpus") == "indosum"}
    docs = []
    for f in sorted((shared / "corpus" / "indosum").glob("dev.0*.jsonl")):
        docs.extend(line for line in f.open(encoding="utf-8"))
    keyed = sorted((hashlib.md5(json.loads(line)["id"].encode()).hexdigest(), line) for line in docs
                   if json.loads(line)["id"] not in measured)
    path.write_text("".join(line if line.endswith("\n") else line + "\n" for _, line in keyed[:n]),
                    encoding="utf-8")


def normalise(line: str) -> str:
    rec = json.loads(line)
    if isinstance(rec.get("pantau"), dict):
        rec["pantau"]["analysis"] = "-"
    return json.dumps(rec, ensure_ascii=False)


def run(shared: pathlib.Path, corpus: pathlib.Path, out: pathlib.Path) -> None:
    """Both runs into `out`; `corpus`: the sample written by sample() (the same path each time, as
    the records carry it)."""
    out.mkdir(parents=True, exist_ok=True)
    runs = {"seeds.jsonl": ([str(shared / "corpus" / "seeds")], []),
            "indosum.jsonl": ([str(corpus)], ["--between", *INDOSUM_WINDOW])}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (paths, extra) in runs.items():
            raw = pathlib.Path(tmp) / name
            subprocess.run([sys.executable, "-m", "pantau.cli", "analyze", *paths, "--out", str(raw),
                            "--db", "none", "--workers", "1", "--no-progress", *extra],
                           cwd=str(ROOT), check=True, capture_output=True)
            lines = raw.read_text(encoding="utf-8").splitlines()
            (out / name).write_text("".join(normalise(l) + "\n" for l in lines), encoding="utf-8")


def first_difference(a, b, where: str = "") -> str:
    if type(a) is not type(b):
        return where or "/"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b or a[k] != b[k]:
                return first_difference(a.get(k), b.get(k), f"{where}/{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where} (length {len(a)} -> {len(b)})"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{where}[{i}]")
    return where or "/"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=("write", "check"))
    ap.add_argument("dir")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    ref, shared = pathlib.Path(args.dir), pathlib.Path(args.shared)
    if args.action == "write":
        ref.mkdir(parents=True, exist_ok=True)
        sample(shared, args.articles, ref / "indosum-sample.jsonl")
        run(shared, ref / "indosum-sample.jsonl", ref)
        for name in ("seeds.jsonl", "indosum.jsonl"):
            print(f"{name}: {len((ref / name).read_text(encoding='utf-8').splitlines())} records in {ref}")
        return 0
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        run(shared, ref / "indosum-sample.jsonl", pathlib.Path(tmp))
        for name in ("seeds.jsonl", "indosum.jsonl"):
            old = (ref / name).read_text(encoding="utf-8").splitlines()
            new = (pathlib.Path(tmp) / name).read_text(encoding="utf-8").splitlines()
            differ = [i for i, (x, y) in enumerate(zip(old, new)) if x != y]
            if len(old) != len(new):
                print(f"{name}: {len(old)} records before, {len(new)} now")
                bad += 1
            for i in differ[:20]:
                a, b = json.loads(old[i]), json.loads(new[i])
                print(f"{name} line {i + 1} ({a.get('id')}): first difference at {first_difference(a, b)}")
            bad += len(differ)
            print(f"{name}: {len(new)} records, {len(differ)} differ")
    print("byte-identical" if not bad else f"{bad} DIFFERENCES")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
