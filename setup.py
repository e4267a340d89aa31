"""Only the optional C part of the build; everything else is in pyproject.toml.

pantau/_viterbi.c is the NER tagger's Viterbi decoder. It is optional: where no C compiler
is at hand the install still succeeds and pantau/crf.py decodes with numpy (same tags,
about 0.4 ms more per article).
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("pantau._viterbi", ["pantau/_viterbi.c"], optional=True)])
