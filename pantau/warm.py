"""Imported by the fork server of `pantau analyze --workers N`: loads the stages' data once
(knowledge base, tagger, lexicons) so that forked workers share it copy-on-write. The first
analysis freezes what it loaded out of the collector's sight (pipeline.analyze), so the pages
the workers inherit stay shared."""
from .pipeline import warm_up

warm_up()
