# Two commands on a fresh machine: `make roermond` and `make test`. Both create .venv first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTHON ?= python

.PHONY: roermond test venv clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 12) else "error: Python 3.12 or newer is needed (found %d.%d); with pyenv: pyenv install 3.12, or set PYTHON=python3.12" % v[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

venv: $(STAMP)

## The Roermond comparison of the three approaches (50 replicates each), tables in results/roermond_comparison/
roermond: $(STAMP)
	$(VENV)/bin/outreach compare scenarios/roermond_narrow_2009.yaml scenarios/roermond_broad_2010.yaml scenarios/roermond_network.yaml --replicates 50 --out results/roermond_comparison

## The whole test suite
test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
