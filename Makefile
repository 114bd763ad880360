# Geotrek community portal. `make serve` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ADDR := 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true  # the same banner, printed by mkdocs-redirects

.PHONY: help install serve serve-full build check new-post hooks test test-fast browser-deps bench import-jekyll clean

help:
	@echo "make serve   - install (first time) and preview the site on http://127.0.0.1:8000/"
	@echo "make build   - strict build of the site into site/"
	@echo "make check   - check every post and data file, as the build does, in a second"
	@echo 'make new-post TITLE="..." [LANG=en] [REF=...] [DATE=YYYY-MM-DD] [EVENT=...]'
	@echo "              - write a new post, or with REF the translation of a post"
	@echo "make hooks   - run make check and the linters before each git commit (pre-commit)"
	@echo "make test    - install (first time) and run the whole test suite"
	@echo "make import-jekyll SRC=path/to/jekyll/checkout [FORCE=1] [REPORT=file.md]"
	@echo "              - import the old Jekyll site's posts, pictures and addresses"
	@echo "make lighthouse [RUNS=3] [PAGES=home,news,post,users] [LANGS=fr,en,es]"
	@echo "              - Lighthouse mobile/desktop performance of the built site (a measurement)"

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
	PORTAL_ONLY_LANGUAGE=$(ONLY) $(BIN)/mkdocs serve --dirty --dev-addr $(DEV_ADDR)

serve-full: install
	PORTAL_ONLY_LANGUAGE=$(ONLY) $(BIN)/mkdocs serve --dev-addr $(DEV_ADDR)

build: install
	$(BIN)/mkdocs build --strict

check: install
	@$(BIN)/python -m geotrek_portal.check

# The values are read from the environment, where make puts command-line
# variables, so quotes in a title reach Python unchanged (make still expands
# a $). LANG is also the shell's locale: only a LANG given on the command line
# is a language.
new-post: install
	@$(BIN)/python -m geotrek_portal.new_post --title "$$TITLE" \
	  $(if $(filter command line,$(origin LANG)),--lang "$$LANG") \
	  --ref "$$REF" --date "$$DATE" --event "$$EVENT" --preview-root "http://$(DEV_ADDR)/"

hooks: install
	$(BIN)/pre-commit install

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

# FORCE=1 replaces posts and files that differ from what the import would write
import-jekyll: install
	@test -n "$(SRC)" || { echo "usage: make import-jekyll SRC=path/to/jekyll/checkout [FORCE=1] [REPORT=file.md]"; exit 2; }
	$(BIN)/python -m geotrek_portal.jekyll_import "$(SRC)" $(if $(filter 1 yes true,$(FORCE)),--force) $(if $(REPORT),--report "$(REPORT)")

clean:
	rm -rf site .pytest_cache

# Leaflet for the users map, vendored from npm into the site (no CDN). To
# upgrade: change the version, run `make vendor-leaflet`, commit the result.
LEAFLET_VERSION := 1.9.4
LEAFLET_DIR := docs/assets/vendor/leaflet
.PHONY: vendor-leaflet
vendor-leaflet:
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null \
	  && tar -xzf leaflet-$(LEAFLET_VERSION).tgz && cd - >/dev/null \
	  && rm -rf $(LEAFLET_DIR) && mkdir -p $(LEAFLET_DIR) \
	  && cp $$tmp/package/dist/leaflet.js $$tmp/package/dist/leaflet.css $$tmp/package/LICENSE $(LEAFLET_DIR)/ \
	  && cp -r $$tmp/package/dist/images $(LEAFLET_DIR)/ \
	  && echo "$(LEAFLET_VERSION)" > $(LEAFLET_DIR)/VERSION \
	  && rm -rf $$tmp && echo "Leaflet $(LEAFLET_VERSION) in $(LEAFLET_DIR)"

# Lighthouse (pinned in tools/lighthouse/package-lock.json) against Debian's
# Chromium and the built site served with gzip on 127.0.0.1: requests, bytes,
# TBT, CLS and scores, median of RUNS runs. A measurement like `make bench`:
# never part of `make test`.
LIGHTHOUSE_DIR := tools/lighthouse
CHROME_PATH ?= /usr/bin/chromium
.PHONY: lighthouse
$(LIGHTHOUSE_DIR)/node_modules/.package-lock.json: $(LIGHTHOUSE_DIR)/package-lock.json
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund --loglevel=error

lighthouse: build $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python $(LIGHTHOUSE_DIR)/measure.py
