#!/usr/bin/env python
"""Write the NER model's weights in the form the run-time tagger reads (pantau/nlp/crf.py).

    .venv/bin/python scripts/export_ner_weights.py [--model pantau/models/ner.crfsuite]

Reads the crfsuite model (its attributes, per-label state weights and label transitions)
and writes them next to it as `<model>.weights.npz`. Deterministic; scripts/train_ner.py
runs it after every training, and tests/test_ner.py checks the two files agree.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.nlp import ner  # noqa: E402
from pantau.nlp.crf import CrfWeights  # noqa: E402


def export(model: pathlib.Path) -> pathlib.Path:
    out = model.with_suffix(".weights.npz")
    CrfWeights.from_crfsuite(model).save(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ner.MODEL_PATH))
    args = ap.parse_args()
    out = export(pathlib.Path(args.model))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
