# Geotrek community portal. `make serve` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve serve-full build test test-fast browser-deps bench clean

help:
	@echo "make serve   - install (first time) and preview the site on http://127.0.0.1:8000/"
	@echo "make build   - strict build of the site into site/"
	@echo "make test    - install (first time) and run the whole test suite"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

# --dirty: an edit rebuilds only the changed pages (and the blog lists), not the
# whole site thrice; `make serve-full` rebuilds everything on every edit.
# ONLY=en previews a single language (served at /).
serve: install
	PORTAL_ONLY_LANGUAGE=$(ONLY) $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

serve-full: install
	PORTAL_ONLY_LANGUAGE=$(ONLY) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

# Debian's Chromium drives the browser tests (Playwright never downloads one)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium (Debian: sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

test: install browser-deps
	$(BIN)/python -m pytest -n 2

test-fast: install
	$(BIN)/python -m pytest -m "not browser and not build"

# Benchmarks are not tests: timings never decide whether `make test` passes
bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf site .pytest_cache
