"""Imported by the fork server of `pantau analyze --workers N`: loads the stages' data once
(knowledge base, tagger, lexicons) so that forked workers share it copy-on-write."""
from .pipeline import warm_up

warm_up()
