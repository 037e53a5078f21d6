# The documented commands: `make lab` opens the course, `make test` runs every test and
# every notebook. Both create .venv with the system python3 the first time.
PYTHON ?= python3
# The oldest Python the course admits, read from pyproject.toml (one place).
REQUIRES_PYTHON := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"/\1/p' pyproject.toml)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHP := build/chp/node_modules/.bin/configurable-http-proxy
AXE := build/e2e/npm/node_modules/axe-core/axe.min.js
# JupyterLab refuses to run as root unless told; learners are not root, containers are.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint format bench notebooks constraints clean check site e2e floors pythons hub-proxy e2e-axe

lab: $(INSTALLED)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ROOT_FLAG)

# `make test` runs pytest on three workers (pytest-xdist), each taking a whole test file
# at a time: a notebook's cells share one kernel, the browser and hub tests their
# servers. Most of the suite's time is waiting on browsers, servers and kernels, so on
# this 2-core machine the whole suite took 4.5 minutes on three workers (353 CPU-s)
# where one worker took about 12. `make e2e` stays on one worker (its latencies).
test: $(INSTALLED) $(CHP) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 3 --dist loadfile

$(INSTALLED): pyproject.toml constraints.txt jupyter-settings/reglab.json
	@$(PYTHON) -c 'import sys; need = tuple(map(int, "$(REQUIRES_PYTHON)".split("."))); sys.exit(0 if sys.version_info[:2] >= need else "reglab needs Python >= $(REQUIRES_PYTHON) (scikit-learn 1.8 does); $(PYTHON) is %d.%d. Install a newer Python and run: make lab PYTHON=python3.12" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	# Arrow keys on a widget in an output go to the widget in Notebook 7 too (an
	# editable install skips pyproject's data-files; see jupyter-settings/README.md).
	install -D -m 644 jupyter-settings/reglab.json \
	  $(VENV)/share/jupyter/lab/settings/overrides.d/reglab.json
	touch $@

# configurable-http-proxy from npm, for the workshop hub (tests/test_hub.py,
# benchmarks/workshop.py); versions locked in hub/package-lock.json.
hub-proxy: $(CHP)
$(CHP): hub/package.json hub/package-lock.json
	mkdir -p build/chp
	cp hub/package.json hub/package-lock.json build/chp/
	npm ci --prefix build/chp --no-audit --no-fund --loglevel=error
	touch $@

# axe-core from npm, for the browser suite's accessibility check (tests/e2e/conftest.py
# only checks that it is here and current); installed before pytest's workers start.
e2e-axe: $(AXE)
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	mkdir -p build/e2e/npm
	cp tests/e2e/package.json tests/e2e/package-lock.json build/e2e/npm/
	npm ci --prefix build/e2e/npm --no-audit --no-fund --loglevel=error
	touch $@

# Pre-workshop check: versions, imports, every explorer built and redrawn headlessly,
# the widgets extension.
check: $(INSTALLED)
	$(BIN)/python -m reglab.check_setup

# Read-only copy of the course: every notebook executed, as static HTML in _site/.
site: $(INSTALLED)
	$(BIN)/python docs/build_site.py --output _site

# Only the browser tests (also part of `make test`); screenshots and latency in build/e2e/.
e2e: $(INSTALLED) $(AXE)
	$(BIN)/python -m pytest tests/e2e -m e2e

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(INSTALLED)
	$(BIN)/python benchmarks/solvers.py
	$(BIN)/python benchmarks/bounds.py
	$(BIN)/python benchmarks/widgets.py

# Re-run the notebooks and store the outputs nbval checks (after a change to a lesson).
notebooks: $(INSTALLED)
	$(BIN)/python tests/refresh_notebooks.py

# Re-pin every package to what installs today. Run it with the oldest Python learners
# have (Debian 12's /usr/bin/python3 is 3.11.2), so that every pin installs there too:
#   make constraints PYTHON=/usr/bin/python3
# matplotlib 3.11 draws text one glyph at a time in Python: 20-45% more CPU per
# explorer change than 3.10 (issue 12). Held back until a release has PR #32120.
MATPLOTLIB_HOLD := 3.10.9
constraints:
	rm -rf build/pin && $(PYTHON) -m venv build/pin
	build/pin/bin/python -m pip install --quiet -e ".[test]" "matplotlib==$(MATPLOTLIB_HOLD)"
	{ head -4 constraints.txt; build/pin/bin/python -m pip freeze --exclude-editable; } \
	  > constraints.new && mv constraints.new constraints.txt

# The oldest versions the course promises: pyproject.toml's lower bounds installed
# exactly (tests/floor_pins.py; --no-compile as in `make pythons`), then the library
# tests without the skglm cross-checks (LIBRARY_TESTS and CROSS_CHECKS_IN_MAKE_TEST in
# tests/install_on_every_python.py, which says why) and every notebook.
floors:
	rm -rf build/floors && $(PYTHON) -m venv build/floors
	build/floors/bin/python -m pip install --quiet --no-compile --upgrade pip
	build/floors/bin/python tests/floor_pins.py > build/floors/floors.txt
	build/floors/bin/python -m pip install --quiet --no-compile -c build/floors/floors.txt -e ".[test]"
	build/floors/bin/python -m pip list | grep -iE "^(numpy|scipy|scikit-learn|matplotlib|ipywidgets|jupyterlab|ipykernel) "
	build/floors/bin/python tests/install_on_every_python.py --library-tests \
	  > build/floors/library-tests.txt
	build/floors/bin/python -m pytest -p no:cacheprovider -q \
	  $$(cat build/floors/library-tests.txt) notebooks

# Every Python on this machine: install with the pins, run `make check`, the library
# tests and one notebook; a Python older than REQUIRES_PYTHON must be refused clearly.
# PYTHONS_JOBS Pythons at a time (.ci/run sets 1: it runs `make test` and
# `make floors` beside them).
PYTHONS_JOBS ?= 2
pythons:
	$(PYTHON) tests/install_on_every_python.py --jobs $(PYTHONS_JOBS)

clean:
	rm -rf $(VENV) build _site .pytest_cache .ruff_cache
