# Two commands on a fresh machine: `make roermond` and `make test`. Both create .venv first.
# `make test-all` runs the whole suite, as CI does.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTHON ?= python

.PHONY: roermond test test-all venv clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 12) else "error: Python 3.12 or newer is needed (found %d.%d); with pyenv: pyenv install 3.12, or set PYTHON=python3.12" % v[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,all]"
	@touch $(STAMP)

venv: $(STAMP)

## The Roermond comparison of the three approaches (50 replicates each), tables in results/roermond_comparison/
roermond: $(STAMP)
	$(VENV)/bin/outreach compare scenarios/roermond_narrow_2009.yaml scenarios/roermond_broad_2010.yaml scenarios/roermond_network.yaml --replicates 50 --out results/roermond_comparison --force

## The everyday test run: everything but the slow and browser tests, a few minutes on 2 cores
test: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser" --durations=10

## Everything, with the full number of property-test examples, browser and kill tests: what CI runs
test-all: $(STAMP)
	OUTREACH_FULL=1 $(PY) -m pytest --durations=15

clean:
	rm -rf $(VENV) .pytest_cache
