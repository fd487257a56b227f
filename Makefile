# Two commands for a fresh machine with Python 3.11 and make:
#   make course   set everything up, run every notebook, render HTML to build/html
#   make test     set everything up, run all tests (unit tests + nbval over notebooks)
# After each edit, a developer runs `make test-quick` (under a minute: no training, no notebooks).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Notebooks run side by side by `make course` (one kernel each; outputs do not depend on it).
# JOBS=1 runs them one after the other, as a learner would, and records each notebook's time.
JOBS   ?= 2
# The oldest supported stack (requirements-oldest.txt), in a venv of its own.
OLDEST := .venv-oldest

.PHONY: setup course book test test-quick test-portable test-oldest lint lab bench frontdoor notebooks links clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ needed (3.11 tested), found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned requirements and the utils package

course: setup  ## execute every notebook (JOBS=2 at a time), render HTML, print times
	$(BIN)/python -m tools.book --jobs $(JOBS)

test: setup lint  ## lint, then unit tests and nbval over every notebook
	$(BIN)/python -m pytest

test-quick: setup lint  ## lint, then the unit tests that train nothing and start no kernel (under a minute)
	$(BIN)/python -m pytest -m "not slow" tests

test-portable: setup  ## every notebook as Colab runs it (non-editable package, alone in a folder), under other numerics
	$(BIN)/python -m tools.portability

$(OLDEST)/.installed: requirements-oldest.txt pyproject.toml
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-oldest.txt
	$(OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

test-oldest: $(OLDEST)/.installed  ## run every notebook's asserts on the oldest supported stack (offline)
	PYTHONPATH=tests/offline MPLBACKEND=Agg $(OLDEST)/bin/python -m tools.book --check

lint: setup  ## ruff over utils/, tests/, solutions/ and the notebooks' code cells
	$(BIN)/ruff check utils tools tests solutions notebooks

lab: setup  ## open the course in JupyterLab
	$(BIN)/jupyter lab notebooks/

book: setup  ## render the committed notebooks to the HTML book in build/html (runs nothing)
	$(BIN)/python -m tools.book --render-only

bench: setup  ## measure what no notebook computes (reference comparisons, recipe sweeps); save tools/bench.json
	$(BIN)/python -m tools.bench --verbose --write

notebooks: setup  ## re-execute notebooks one at a time and write outputs and times back (before committing)
	$(BIN)/python -m tools.book --inplace

frontdoor: setup  ## fill both READMEs' answers from the notebooks' printed outputs; copy notebook 06's headline figure
	$(BIN)/python -m tools.frontdoor

links: setup  ## point every Colab badge and install cell at pyproject.toml's Repository URL (for a fork)
	$(BIN)/python -m tools.links

clean:  ## remove build outputs and caches (keeps .venv)
	rm -rf build data/cache .pytest_cache
