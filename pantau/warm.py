"""Imported by the fork server of `pantau analyze --workers N`: loads the stages' data once
(knowledge base, tagger, lexicons) so that forked workers share it copy-on-write."""
import gc

from .pipeline import warm_up

warm_up()
# what is loaded now lives as long as the workers: keep the collector from touching it, so
# the pages the workers inherit stay shared
gc.freeze()
