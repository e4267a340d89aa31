"""Only the optional C part of the build; everything else is in pyproject.toml.

pantau/nlp/_viterbi.c is the NER tagger's Viterbi decoder. It is optional: where no C compiler
is at hand the install still succeeds and pantau/nlp/crf.py decodes with numpy (same tags,
about 0.4 ms more per article).
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("pantau.nlp._viterbi", ["pantau/nlp/_viterbi.c"], optional=True)])
