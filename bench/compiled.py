"""What compiling the stages as they are would give (issue 8): Cython, no source changes.

    pip install cython   # a development tool, not a dependency of pantau
    python bench/compiled.py [--articles 3000] [--rounds 3] [--shared ../shared]

Checks this checkout's HEAD out into a temporary git worktree, compiles the modules the
analysis runs through (MODULES) there with Cython (type annotations not enforced, as
Python does not enforce them), then runs `pantau analyze` of the same corpus (IndoSum
repeated, as bench/run.py makes it) with the plain and the compiled code in turns. It
checks that both write the same records, and prints wall and CPU times per round and
their ratios (plain / compiled: above 1 means compiling pays).

This measures a decision, not the product: pantau does not ship compiled stages (figures
in docs/scale.md).
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from ab import timed_run, warm  # noqa: E402
from run import ROOT, make_corpus  # noqa: E402

# the stages, the helpers they call per article, and what storing a record runs (paths under pantau/)
MODULES = ("pipeline", "record", "runner", "stages/clean", "stages/identify", "stages/provenance", "stages/langid",
           "stages/segment", "stages/entities", "stages/pubdate", "stages/timex", "stages/numbers",
           "stages/quotes", "stages/events", "stages/framing", "nlp/ner", "nlp/kb", "nlp/crf", "nlp/fastre",
           "nlp/glue", "nlp/text", "nlp/quantities", "nlp/event_detector", "store/search", "store/sqlite",
           "ingest/__init__", "ingest/detok", "ingest/fields", "ingest/jsonfile")
# (compiled, `python -m pantau.nlp.ner` would stop working: runpy needs a module's code object;
# `pantau tag` would not)

_BUILD = """
import sys
from Cython.Build import cythonize
from setuptools import setup
modules = sys.argv[1:]
sys.argv = [sys.argv[0], "build_ext", "--inplace", "-j", "2"]
setup(ext_modules=cythonize(modules, language_level=3, nthreads=2, quiet=True,
                            compiler_directives={"binding": True, "annotation_typing": False}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    try:
        import Cython  # noqa: F401
    except ImportError:
        raise SystemExit("bench/compiled.py needs Cython: pip install cython")
    with tempfile.TemporaryDirectory(prefix="pantau-compiled-") as tmp:
        compiled = pathlib.Path(tmp) / "compiled"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(compiled), "HEAD"],
                       check=True)
        try:
            for ext in (ROOT / "pantau").rglob("*.so"):  # built at install, not in git
                shutil.copy(ext, compiled / ext.relative_to(ROOT))
            sources = [f"pantau/{m}.py" for m in MODULES]
            missing = [s for s in sources if not (compiled / s).is_file()]
            if missing:
                raise SystemExit(f"bench/compiled.py: MODULES names files that do not exist: {missing}")
            subprocess.run([sys.executable, "-c", _BUILD, *sources], cwd=str(compiled), check=True,
                           capture_output=True)
            built = len(list((compiled / "pantau").rglob("*.so")))
            corpus = pathlib.Path(tmp) / "corpus.jsonl"
            make_corpus(pathlib.Path(args.shared), args.articles, corpus)
            warm([ROOT, compiled], pathlib.Path(args.shared), pathlib.Path(tmp), 1)
            print(f"{args.articles} articles; {len(MODULES)} modules compiled ({built} extension modules in all)")
            print("round  plain wall  compiled wall  plain cpu  compiled cpu  wall plain/compiled  cpu plain/compiled")
            for r in range(1, args.rounds + 1):
                outs = {name: pathlib.Path(tmp) / f"{name}{r}.jsonl" for name in ("plain", "compiled")}
                (pw, pc), (cw, cc) = (timed_run(code, corpus, f"{tmp}/{name}{r}.db", 1, out=outs[name])
                                      for name, code in (("plain", ROOT), ("compiled", compiled)))
                same = outs["plain"].read_bytes() == outs["compiled"].read_bytes()
                print(f"{r:5d} {pw:10.1f}s {cw:13.1f}s {pc:9.1f}s {cc:12.1f}s {pw / cw:20.3f} {pc / cc:19.3f}"
                      f"{'' if same else '   RECORDS DIFFER'}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(compiled)], check=False)


if __name__ == "__main__":
    main()
