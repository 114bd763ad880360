# Geotrek community portal. `make serve` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two pinned sets (make requirements regenerates both from their .in files):
# requirements.txt, what building and previewing need (make serve, build, check...);
# requirements-dev.txt, that plus the tests and contributor tools (make test, hooks, check-ci).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# uv (pinned in requirements.txt, bootstrapped by pip) installs the pinned sets
# several times faster than pip; its cache is uv's own (UV_CACHE_DIR to move it)
UV := $(BIN)/uv
UV_PIP := $(UV) pip install --quiet --python $(BIN)/python
# --compile-bytecode for what building needs: uv writes no .pyc, and where
# PYTHONDONTWRITEBYTECODE is set (CI images, containers, this project's shared
# machine) Python writes none either, so every build compiled again each module
# it imports (0.9 s of a 1x build's 4.4 s of CPU; 0.35 s of a plain Material
# blog's 2.6). Compiling at install costs about 5 s, once.
DEV_ADDR := 127.0.0.1:8000
# The site is built by ProperDocs, the maintained continuation of MkDocs 1.x
# (it prints no MkDocs 2 banner); .venv/bin/mkdocs runs it too (pyproject.toml).
# The configuration keeps MkDocs' name, given explicitly: ProperDocs reads it
# (it would otherwise suggest renaming it properdocs.yml on every run).
ENGINE := $(BIN)/properdocs
CONFIG := mkdocs.yml
# On a busy machine apt-get waits for another apt's lock instead of failing
APT_GET := apt-get -o DPkg::Lock::Timeout=300

.PHONY: help install install-dev requirements serve serve-full build check check-ci new-post new-event translations hooks test test-fast browser-deps bench bench-deps import-jekyll import-users clean

help:
	@echo "make help    - this list"
	@echo "make install - create .venv with what building needs, pinned in requirements.txt (the other targets do it when needed)"
	@echo "make install-dev - add the tests and contributor tools, pinned in requirements-dev.txt (make test does it)"
	@echo "make requirements - regenerate requirements.txt and requirements-dev.txt from their .in files"
	@echo "make serve   - install (first time) and preview the site on http://127.0.0.1:8000/ (ONLY=en: one language)"
	@echo "make serve-full - the same, rebuilding every page on every edit"
	@echo "make build   - strict build of the site into site/"
	@echo "make check   - check every post and data file, as the build does, in a second"
	@echo "make check-ci - lint the GitHub workflows for security (zizmor, offline): no finding allowed"
	@echo 'make new-post TITLE="..." [LANG=en] [REF=...] [DATE=YYYY-MM-DD] [EVENT=...]'
	@echo "              - write a new post, or with REF the translation of a post (from its text; TITLE optional)"
	@echo "make translations [LANG=en] [FAIL_ON=outdated] [DONE=path/to/translation.md] [SINCE=git-revision]"
	@echo "              - which posts are missing or outdated in which language; DONE marks a translation reviewed"
	@echo 'make new-event NAME="..." START=YYYY-MM-DD PLACE=... [END=...] [ID=...] [STATUS=...]'
	@echo "              - write a new event file in data/events/"
	@echo "make hooks   - run make check and the linters before each git commit (pre-commit)"
	@echo "make test    - install (first time) and run the whole test suite"
	@echo "make test-fast - unit tests only (no build, no browser)"
	@echo "make browser-deps - install Debian's chromium for the browser tests (as root)"
	@echo "make bench [BENCH_ARGS=--quick] - build, serve and set-up timings at 1x and 10x the posts,"
	@echo "              beside plain Material and Jekyll (never part of make test)"
	@echo "make bench-deps - install Debian's jekyll and its plugins for make bench (as root)"
	@echo "make import-jekyll SRC=path/to/jekyll/checkout [FETCH=1] [FORCE=1] [REPORT=file.md]"
	@echo "              - import the old Jekyll site's posts, pictures and addresses;"
	@echo "                FETCH=1 also downloads the pictures posts show from other sites"
	@echo "make import-users SRC=directory.geojson|https://... [SKIP_INVALID=1] [TOLERANCE=0.002]"
	@echo "              - import the community's user directory into data/organisations.geojson"
	@echo "make vendor-leaflet - vendor Leaflet from npm into docs/assets/vendor/leaflet"
	@echo "make clean   - remove the built site, the build's cache (.cache/geotrek) and pytest's cache"
	@echo "make vendor-markercluster - vendor Leaflet.markercluster from npm (then commit it)"
	@echo "make vendor-basemap - build the users map's own base map from npm's world-atlas (then commit it)"
	@echo "make lighthouse [RUNS=3] [PAGES=home,news,post,users] [LANGS=fr,en,es]"
	@echo "              - Lighthouse mobile/desktop performance of the built site (a measurement)"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep -E '^uv==' requirements.txt)"
	$(UV_PIP) --compile-bytecode -r requirements.txt
	$(UV_PIP) --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(UV_PIP) -r requirements-dev.txt
	touch $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

# Pins everything the .in files ask for, keeping the versions already pinned
# (to upgrade one: change it in the .in file, or add --upgrade-package NAME)
requirements: install
	$(UV) pip compile --quiet --python $(BIN)/python --custom-compile-command "make requirements" \
	  requirements.in -o requirements.txt
	$(UV) pip compile --quiet --python $(BIN)/python --custom-compile-command "make requirements" \
	  requirements-dev.in -o requirements-dev.txt

# --dirty: an edit rebuilds only the pages it makes stale (hooks/live_preview.py:
# the edited post first, then its translations, lists, home...), not the whole
# site thrice; `make serve-full` rebuilds everything on every edit.
# ONLY=en previews a single language (served at /).
serve: install
	PORTAL_ONLY_LANGUAGE=$(ONLY) $(ENGINE) serve --config-file $(CONFIG) --dirty --dev-addr $(DEV_ADDR)

serve-full: install
	PORTAL_ONLY_LANGUAGE=$(ONLY) $(ENGINE) serve --config-file $(CONFIG) --dev-addr $(DEV_ADDR)

build: install
	$(ENGINE) build --config-file $(CONFIG) --strict

check: install
	@$(BIN)/python -m geotrek_portal.check

# GitHub Actions security linter (pinned in requirements-dev.txt), offline: actions
# pinned to a commit, least permissions per job, no persisted credentials.
# Any finding fails; the pull request workflow runs it too.
check-ci: install-dev
	$(BIN)/zizmor --offline --no-progress .github/workflows

# The values are read from the environment, where make puts command-line
# variables, so quotes in a title reach Python unchanged (make still expands
# a $). LANG is also the shell's locale: only a LANG given on the command line
# is a language.
new-post: install
	@$(BIN)/python -m geotrek_portal.new_post --title "$$TITLE" \
	  $(if $(filter command line,$(origin LANG)),--lang "$$LANG") \
	  --ref "$$REF" --date "$$DATE" --event "$$EVENT" --preview-root "http://$(DEV_ADDR)/"

# Translation status (geotrek_portal/translations.py). LANG as for new-post;
# FAIL_ON=outdated (or missing, orphan, unrecorded, comma-separated) exits 1 for CI;
# DONE=<translation> records that it is up to date with its original;
# SINCE=<revision> (the pull request check) names the changed originals' translations.
translations: install
	@$(BIN)/python -m geotrek_portal.translations \
	  $(if $(filter command line,$(origin LANG)),--lang "$$LANG") \
	  --fail-on "$$FAIL_ON" --done "$$DONE" --since "$$SINCE"

new-event: install
	@$(BIN)/python -m geotrek_portal.new_event --name "$$NAME" --start "$$START" --end "$$END" \
	  --place "$$PLACE" --id "$$ID" --status "$$STATUS"

hooks: install-dev
	$(BIN)/pre-commit install

# Debian's Chromium drives the browser tests (Playwright never downloads one)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium (Debian: sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

# worksteal: a worker that runs out of tests takes some of the other's, instead
# of idling while the other runs a long tail (a browser sweep, a shared build):
# a clean-clone make test took 188 s instead of 227 s, for the same CPU time
test: install-dev browser-deps
	$(BIN)/python -m pytest -n 2 --dist worksteal

test-fast: install-dev
	$(BIN)/python -m pytest -m "not browser and not build"

# Benchmarks are not tests: timings never decide whether `make test` passes.
# BENCH_ARGS: --quick, --skip-setup, --skip-jekyll, --runs N... (python -m bench.run --help)
bench: install bench-deps
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The bench's peer, Jekyll, and the plugins bench/jekyll/_config.yml names, from Debian
BENCH_DEBS := jekyll ruby-jekyll-feed ruby-jekyll-paginate-v2 ruby-jekyll-sitemap
bench-deps:
	@case " $(BENCH_ARGS) " in *" --skip-jekyll "*) exit 0;; esac; \
	ruby -e 'require "jekyll"; require "jekyll-feed"; require "jekyll-paginate-v2"; require "jekyll-sitemap"' >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq $(BENCH_DEBS) >/dev/null; \
	  else echo "Install Jekyll for make bench (Debian: sudo apt-get install $(BENCH_DEBS)), or run make bench BENCH_ARGS=--skip-jekyll"; exit 1; fi; }

# FORCE=1 replaces posts and files that differ from what the import would write;
# FETCH=1 downloads the pictures posts show from other sites (the only network use)
import-jekyll: install
	@test -n "$(SRC)" || { echo "usage: make import-jekyll SRC=path/to/jekyll/checkout [FETCH=1] [FORCE=1] [REPORT=file.md]"; exit 2; }
	$(BIN)/python -m geotrek_portal.jekyll_import "$(SRC)" $(if $(filter 1 yes true,$(FORCE)),--force) \
	  $(if $(filter 1 yes true,$(FETCH)),--fetch) $(if $(REPORT),--report "$(REPORT)")

# The community's user directory (a GeoJSON file, or an https:// address: the
# only time the network is used) into data/organisations.geojson, keeping the
# organisations added by hand. SKIP_INVALID=1 imports the valid features only.
import-users: install
	@test -n "$(SRC)" || { echo "usage: make import-users SRC=directory.geojson|https://... [SKIP_INVALID=1] [TOLERANCE=degrees]"; exit 2; }
	@$(BIN)/python -m geotrek_portal.organisations_import "$(SRC)" $(if $(filter 1 yes true,$(SKIP_INVALID)),--skip-invalid) $(if $(TOLERANCE),--tolerance "$(TOLERANCE)")

# .cache/geotrek: what builds reuse (normalized posts, compiled templates)
clean:
	rm -rf site .pytest_cache .cache/geotrek

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

# Leaflet.markercluster (clusters the users map's markers), vendored from npm
# like Leaflet: change the version, run `make vendor-markercluster`, commit.
MARKERCLUSTER_VERSION := 1.5.3
MARKERCLUSTER_DIR := docs/assets/vendor/leaflet.markercluster
.PHONY: vendor-markercluster
vendor-markercluster:
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent leaflet.markercluster@$(MARKERCLUSTER_VERSION) >/dev/null \
	  && tar -xzf leaflet.markercluster-$(MARKERCLUSTER_VERSION).tgz && cd - >/dev/null \
	  && rm -rf $(MARKERCLUSTER_DIR) && mkdir -p $(MARKERCLUSTER_DIR) \
	  && cp $$tmp/package/dist/leaflet.markercluster.js $$tmp/package/dist/MarkerCluster.css \
	     $$tmp/package/dist/MarkerCluster.Default.css $$tmp/package/MIT-LICENCE.txt $(MARKERCLUSTER_DIR)/ \
	  && chmod 644 $(MARKERCLUSTER_DIR)/* \
	  && echo "$(MARKERCLUSTER_VERSION)" > $(MARKERCLUSTER_DIR)/VERSION \
	  && rm -rf $$tmp && echo "Leaflet.markercluster $(MARKERCLUSTER_VERSION) in $(MARKERCLUSTER_DIR)"

# The users map's own base map, served by the site (no tile server needed):
# land and borders of Natural Earth 1:10m (public domain), as shipped by the
# npm package world-atlas, clipped by mapshaper to the windows around
# mainland France and the overseas départements (geotrek_portal/users_map.py
# declares them), simplified for zooms up to about 10, kept as TopoJSON
# (shared borders, quantized: small) and decoded in the browser by
# topojson-client. To upgrade: change a version, run `make vendor-basemap`, commit.
WORLD_ATLAS_VERSION := 2.0.2
MAPSHAPER_VERSION := 0.6.113
TOPOJSON_CLIENT_VERSION := 3.1.0
BASEMAP_DIR := docs/assets/vendor/basemap
TOPOJSON_CLIENT_DIR := docs/assets/vendor/topojson-client
.PHONY: vendor-basemap
vendor-basemap: install
	@tmp=$$(mktemp -d) && here=$$(pwd) && cd $$tmp \
	  && npm pack --silent world-atlas@$(WORLD_ATLAS_VERSION) topojson-client@$(TOPOJSON_CLIENT_VERSION) >/dev/null \
	  && mkdir atlas client && tar -xzf world-atlas-$(WORLD_ATLAS_VERSION).tgz -C atlas \
	  && tar -xzf topojson-client-$(TOPOJSON_CLIENT_VERSION).tgz -C client \
	  && npm install --silent --no-save --no-audit --no-fund mapshaper@$(MAPSHAPER_VERSION) >/dev/null \
	  && $$here/$(BIN)/python -m geotrek_portal.users_map clip-windows > windows.json \
	  && node_modules/.bin/mapshaper -quiet -i atlas/package/countries-10m.json -target countries \
	     -clip windows.json -simplify interval=500 keep-shapes -filter-fields name \
	     -o format=topojson quantization=100000 basemap.json \
	  && cd $$here && rm -rf $(BASEMAP_DIR) $(TOPOJSON_CLIENT_DIR) && mkdir -p $(BASEMAP_DIR) $(TOPOJSON_CLIENT_DIR) \
	  && cp $$tmp/basemap.json $(BASEMAP_DIR)/countries.json \
	  && cp $$tmp/atlas/package/LICENSE $(BASEMAP_DIR)/LICENSE-world-atlas \
	  && printf '%s\n' "Natural Earth 1:10m admin-0 countries (public domain, https://www.naturalearthdata.com/)," \
	     "from world-atlas $(WORLD_ATLAS_VERSION) (ISC licence, LICENSE-world-atlas), clipped and simplified" \
	     "by mapshaper $(MAPSHAPER_VERSION) with 'make vendor-basemap'." > $(BASEMAP_DIR)/SOURCE \
	  && cp $$tmp/client/package/dist/topojson-client.min.js $$tmp/client/package/LICENSE $(TOPOJSON_CLIENT_DIR)/ \
	  && echo "$(TOPOJSON_CLIENT_VERSION)" > $(TOPOJSON_CLIENT_DIR)/VERSION \
	  && rm -rf $$tmp && echo "base map in $(BASEMAP_DIR), topojson-client $(TOPOJSON_CLIENT_VERSION) in $(TOPOJSON_CLIENT_DIR)"

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
