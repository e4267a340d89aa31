# One venv, made by `make setup`; every target below uses it.
VENV ?= .venv
PY := $(VENV)/bin/python
PANTAU := $(VENV)/bin/pantau

.PHONY: setup setup-demo demo test test-fast lint eval bench browser postgres clean

# the development environment: every extra (dev pulls them all in) plus the test tools
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[web,dask,postgres,parquet,minhash,pandas,train,dev]'
	touch $@ $(VENV)/.installed-web

# the demo needs only the analysis and the dashboard (a full setup has those too)
setup-demo: $(VENV)/.installed-web

$(VENV)/.installed-web: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[web]'
	touch $@

# the browser tests need Debian's chromium; installed when we may (root), else they skip
browser:
	bash scripts/setup_browser.sh

# the PostgreSQL store tests start a throwaway server from Debian's postgresql; installed when we may
postgres:
	bash scripts/setup_postgres.sh

demo: setup-demo
	$(PANTAU) demo

test: setup browser postgres
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow and not browser"

# unused names and imports, undefined names (pyflakes rules)
lint: setup
	$(VENV)/bin/ruff check --select F pantau scripts tests bench

eval: setup
	$(PANTAU) eval

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) pantau-demo.db* pantau-demo.jsonl
