# Two commands for a fresh machine with Python 3.11 and make:
#   make course   set everything up, run every notebook, render HTML to build/html
#   make test     set everything up, run all tests (unit tests + nbval over notebooks)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup course book test lint lab bench notebooks clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ needed (3.11 tested), found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned requirements and the utils package

course: setup  ## execute every notebook in order, render HTML, print times
	$(BIN)/python -m tools.book

test: setup lint  ## lint, then unit tests and nbval over every notebook
	$(BIN)/python -m pytest

lint: setup  ## ruff over utils/, tests/, solutions/ and the notebooks' code cells
	$(BIN)/ruff check utils tools tests solutions notebooks

lab: setup  ## open the course in JupyterLab
	$(BIN)/jupyter lab notebooks/

book: setup  ## render the committed notebooks to the HTML book in build/html (runs nothing)
	$(BIN)/python -m tools.book --render-only

bench: setup  ## print the course's headline numbers as JSON
	$(BIN)/python -m tools.bench

notebooks: setup  ## re-execute notebooks and write outputs back (before committing)
	$(BIN)/python -m tools.book --inplace

clean:  ## remove build outputs and caches (keeps .venv)
	rm -rf build data/cache .pytest_cache
