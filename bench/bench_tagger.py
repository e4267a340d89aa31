"""Tagger speed: tokens per CPU-second on one core over the three NER dev splits (best of 3).

Two ways of calling it: a text at a time (the pipeline tags each article's sentences
together, here 20-sentence slices of each split; `pantau tag` and `pantau eval ner` pass
their sentences in batches too), and one sentence per call (ner.tag, the slowest use).

    .venv/bin/python bench/bench_tagger.py [--shared ../shared]
"""
import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from pantau.nlp import ner  # noqa: E402
from pantau.evaluate import ner as ev  # noqa: E402


def best_of_3(run, n: int) -> float:
    run()  # warm: tables loaded, words cached
    best = 0.0
    for _ in range(3):
        t0 = time.process_time()
        run()
        best = max(best, n / (time.process_time() - t0))
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    data = []
    for name in ev.DATASETS:
        sents = [w for w, _ in ev.read_conll(ev.split_path(pathlib.Path(args.shared), name, "dev"))]
        data.append((ner.guess_genre(sents), sents))
    n = sum(len(w) for _, s in data for w in s)

    def by_text():
        for g, sents in data:
            for i in range(0, len(sents), 20):
                ner.tag_sentences(sents[i:i + 20], g)

    def by_sentence():
        for g, sents in data:
            for w in sents:
                ner.tag(w, g)

    print(f"{n} tokens, best of 3, tokens per CPU-second (one core):")
    print(f"  a text (20 sentences) per call: {best_of_3(by_text, n):,.0f}")
    print(f"  one sentence per call:          {best_of_3(by_sentence, n):,.0f}")


if __name__ == "__main__":
    main()
