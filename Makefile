# Common commands. Each target creates (or reuses) the virtual environment in .venv and
# installs the package with what it needs; re-installs only when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: reports test lint format bench docs lab clean

reports: $(STAMP)  ## Build reports/ (HTML) for the bundled statement
	$(BIN)/statement-analysis report

test: $(STAMP)  ## Run the whole test suite (notebooks included)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench: $(STAMP)  ## Import time and load+tidy speed; CORPUS=../shared/corpora/us_joint_statements
	$(BIN)/python benchmarks/load_tidy.py --corpus $(or $(CORPUS),../shared/corpora/us_joint_statements)
	$(BIN)/python benchmarks/report.py

docs: $(STAMP)  ## API reference from the docstrings (pdoc, offline) → docs/index.html; fails on a missing docstring
	$(BIN)/python tools/build_docs.py --out docs

lab: $(STAMP)  ## JupyterLab on notebooks/ with the project's environment (PORT=8888 by default)
	$(BIN)/jupyter lab --notebook-dir=notebooks --port=$(or $(PORT),8888) $(if $(filter 0,$(shell id -u)),--allow-root)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s); set PYTHON=python3.11" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf reports docs .pytest_cache .ruff_cache build dist *.egg-info
