"""scripts/cv_ner.py: how the training splits are cut into folds (no training here)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "scripts"))

import cv_ner  # noqa: E402


def test_folds_keep_blocks_of_sentences_together_and_are_seeded():
    folds = cv_ner.fold_of_sentences(103, 5, 10, seed=13)
    assert len(folds) == 103 and set(folds) == set(range(5))
    for b in range(0, 103, 10):  # ten consecutive sentences (one article, often) share a fold
        assert len(set(folds[b:b + 10])) == 1
    assert folds == cv_ner.fold_of_sentences(103, 5, 10, seed=13)
    assert folds != cv_ner.fold_of_sentences(103, 5, 10, seed=14)


def test_a_held_out_sentence_leaves_every_corpus_training_part():
    shared = (["Joko", "Widodo", "tiba"], ["B-PER", "I-PER", "O"])
    data = {"a": [shared, (["Ia", "pulang"], ["O", "O"])],
            "b": [(["Kota", "Bogor"], ["O", "B-LOC"]), shared]}
    folds = {"a": [0, 1], "b": [1, 0]}
    train, held = cv_ner.split(data, folds, 0)
    assert held == {"a": [shared], "b": [shared]}
    assert train == {"a": [(["Ia", "pulang"], ["O", "O"])], "b": [(["Kota", "Bogor"], ["O", "B-LOC"])]}
    train, held = cv_ner.split(data, folds, 1)
    assert train == {"a": [shared], "b": [shared]}  # held out nowhere, trained on in both
