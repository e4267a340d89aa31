"""Records as the stages before events leave them, written by hand for the events-stage tests: the
days and the linked names a test lists are placed at every whole-word occurrence in the text, and
sentences end at ". ". And `analysed`: the whole pipeline on a hand-written article."""
import json

from pantau import pipeline


def analysed(tmp_path, body, published, title="Kabar Hari Ini"):
    """The record of a JSONL article whose text is `title`, a blank line and `body`, as the events
    evaluators give their articles, run through every stage."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": title + "\n\n" + body, "published": published},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return list(pipeline.analyze_paths([str(path)]))[0]


def place(name, country, feature="country"):
    """A linked place entity (a country unless `feature` says otherwise)."""
    return {"type": "LOC", "canonical": name, "geo": {"lat": 0.0, "lon": 0.0, "country": country,
                                                      "admin1": None if feature == "country" else name, "feature": feature}}


def word_starts(text, word):
    """Where `word` stands in `text` as a whole word."""
    i = text.find(word)
    while i >= 0:
        if (i == 0 or not text[i - 1].isalnum()) and (i + len(word) == len(text) or not text[i + len(word)].isalnum()):
            yield i
        i = text.find(word, i + 1)


def record(text, names, days=(), body_start=0, published="2016-08-09", earliest=None):
    """The record: `names` maps a name to its entity, `days` are timexes; a headline ends at `body_start`."""
    timexes, entities = [], []
    for day in days:
        for i in word_starts(text, day["text"]):
            timexes.append({**day, "span": [i, i + len(day["text"])]})
    for name, ent in names.items():
        for i in word_starts(text, name):
            entities.append({**ent, "text": name, "span": [i, i + len(name)]})
    sentences, start = [], 0
    if body_start:
        sentences.append({"span": [0, body_start - 2]})
        start = body_start
    while (i := text.find(". ", start)) >= 0:
        sentences.append({"span": [start, i + 1]})
        start = i + 2
    sentences.append({"span": [start, len(text)]})
    return {"id": "t", "text": text, "body_start": body_start, "sentences": sentences, "entities": entities,
            "timexes": timexes, "numbers": [], "quotes": [], "credited_sources": [], "outlet": {"name": "contoh.com"},
            "published": {"date": published, "earliest": earliest or published, "latest": published}}


def fatalities_sheet(shared, sheet=None):
    """The figures `scripts/eval_fatalities.py --json` prints for a fatalities sheet (the default sheet
    when `sheet` is None), run as a user runs it."""
    import json
    import pathlib
    import subprocess
    import sys
    root = pathlib.Path(__file__).resolve().parents[1]
    args = [sys.executable, str(root / "scripts" / "eval_fatalities.py"), "--shared", str(shared), "--json"]
    if sheet:
        args += ["--sheet", str(root / "tests" / "data" / sheet)]
    p = subprocess.run(args, capture_output=True, text=True, cwd=root, timeout=600)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.strip().splitlines()[-1])
