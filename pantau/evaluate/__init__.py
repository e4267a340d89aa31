"""`pantau eval NAME`: quality figures against ../shared (gold and dev splits).

Each evaluator is a module here exposing
    run(shared: pathlib.Path, **options) -> dict      # the figures
    format(figures: dict) -> str                      # a readable table
and is listed in EVALUATORS. The data in ../shared is only read here, never
by the shipped pipeline.
"""
from __future__ import annotations

import importlib

# name -> module; evaluators whose module is missing are reported as unavailable
EVALUATORS = {
    "spine": "pantau.evaluate.spine",
    "timex": "pantau.evaluate.timex",
    "pubdate": "pantau.evaluate.pubdate",
    "numbers": "pantau.evaluate.numbers",
    "ner": "pantau.evaluate.ner",
    "entities": "pantau.evaluate.entities",
    "events": "pantau.evaluate.events",
    "quotes": "pantau.evaluate.quotes",
    "framing": "pantau.evaluate.framing",
    "glue": "pantau.evaluate.glue",
}


def load(name: str):
    try:
        return importlib.import_module(EVALUATORS[name])
    except ModuleNotFoundError as exc:
        if exc.name == EVALUATORS[name]:
            return None
        raise
