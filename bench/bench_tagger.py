"""Tagger speed: tokens per CPU-second on one core over the three NER dev splits (best of 3)."""
import pathlib, time
from pantau import ner
from pantau.evaluate import ner as ev
sh = pathlib.Path(__file__).resolve().parents[2] / 'shared'
data = []
for name in ev.DATASETS:
    sents = [w for w, _ in ev.read_conll(ev.split_path(sh, name, 'dev'))]
    data.append((ner.guess_genre(sents), sents))
ner.tag(['a'], 'news')
n = sum(len(w) for _, s in data for w in s)
best = 0
for rep in range(3):
    t0 = time.process_time()
    for g, sents in data:
        for w in sents:
            ner.tag(w, g)
    best = max(best, n / (time.process_time() - t0))
print(f"{n} tokens, best of 3: {best:.0f} tokens per CPU-second (one core)")
