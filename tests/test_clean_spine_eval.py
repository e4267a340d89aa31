from pantau.evaluate import spine


def test_spine_evaluator_on_seeds_and_segmentation(shared):
    figures = spine.run(shared, indonews=False, pipeline=False, limit=150)
    t = figures["seeds"]["totals"]
    assert t["outlet_ok"] == t["docs"] == 5
    assert t["credited_found"] == t["credited_gold"] and t["credited_extra"] == 0
    assert t["boilerplate_removed"] == t["boilerplate_total"] == 15
    assert t["lines_lost"] == 0 and t["bad_spans"] == 0
    assert t["duplicates_kept_once"] == t["duplicates_total"] == 1
    seg = figures["segmentation"]
    assert seg["ud_gsd_dev_tokens"]["f1"] > 0.98
    assert seg["indosum_dev_sentence_boundaries"]["f1"] > 0.95
    text = spine.format(figures)
    assert "outlet correct           5/5" in text


def test_spine_evaluator_indonews_sample(shared):
    figures = spine.run(shared, pipeline=False, limit=300)
    n = figures["indonews"]
    assert n["rows"] == 300 and n["docs_with_bad_spans"] == 0
    assert n["outlet_accuracy"] == 1.0
    assert 0.05 < n["removed_fraction"] < 0.35
    assert set(n["removed_by_reason"]) <= {"advertisement", "read-also", "promo", "duplicate-paragraph", "byline",
                                           "syndication-note", "pagination", "photo-credit", "footer",
                                           "cookie-banner", "share", "duplicate-title"}
