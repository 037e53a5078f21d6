# The documented commands: `make lab` opens the course, `make test` runs every test and
# every notebook. Both create .venv with the system python3 the first time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; learners are not root, containers are.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint format bench notebooks constraints clean check site e2e

lab: $(INSTALLED)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ROOT_FLAG)

test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

$(INSTALLED): pyproject.toml constraints.txt jupyter-settings/reglab.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	# Arrow keys on a widget in an output go to the widget in Notebook 7 too (an
	# editable install skips pyproject's data-files; see jupyter-settings/README.md).
	install -D -m 644 jupyter-settings/reglab.json \
	  $(VENV)/share/jupyter/lab/settings/overrides.d/reglab.json
	touch $@

# Pre-workshop check: versions, imports, a widget drawn headlessly, the widgets extension.
check: $(INSTALLED)
	$(BIN)/python -m reglab.check_setup

# Read-only copy of the course: every notebook executed, as static HTML in _site/.
site: $(INSTALLED)
	$(BIN)/python docs/build_site.py --output _site

# Only the browser tests (also part of `make test`); screenshots and latency in build/e2e/.
e2e: $(INSTALLED)
	$(BIN)/python -m pytest tests/e2e -m e2e

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(INSTALLED)
	$(BIN)/python benchmarks/solvers.py
	$(BIN)/python benchmarks/widgets.py

# Re-run the notebooks and store the outputs nbval checks (after a change to a lesson).
notebooks: $(INSTALLED)
	$(BIN)/python tests/refresh_notebooks.py

# Re-pin every package to what installs today (run on the oldest Python we pin for).
constraints:
	rm -rf build/pin && $(PYTHON) -m venv build/pin
	build/pin/bin/python -m pip install --quiet -e ".[test]"
	{ head -3 constraints.txt; build/pin/bin/python -m pip freeze --exclude-editable \
	  | sed 's/$$/ ; python_version >= "3.11"/'; } > constraints.new && mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) build _site .pytest_cache .ruff_cache
