# One venv, made by `make setup`; every target below uses it.
VENV ?= .venv
PY := $(VENV)/bin/python
PANTAU := $(VENV)/bin/pantau

.PHONY: setup demo test test-fast eval bench browser postgres clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[web,dask,postgres,dev]'
	touch $@

# the browser tests need Debian's chromium; installed when we may (root), else they skip
browser:
	bash scripts/setup_browser.sh

# the PostgreSQL store tests start a throwaway server from Debian's postgresql; installed when we may
postgres:
	bash scripts/setup_postgres.sh

demo: setup
	$(PANTAU) demo

test: setup browser postgres
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow and not browser"

eval: setup
	$(PANTAU) eval

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) pantau-demo.db* pantau-demo.jsonl
