# Every target sets up what it needs first: a local virtual environment from requirements.lock.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The engine that builds and serves the site: mkdocs, or properdocs (the maintained MkDocs 1.x fork, same
# mkdocs.yml, same output but the generator line; README "Building with ProperDocs"): ENGINE=properdocs make build
ENGINE ?= mkdocs

.PHONY: generate fonts serve dev build links check test test-pythons fuzz browser-deps qa-deps qa-tools bench bench-quick zensical-trial clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## generate: write the generated pages (content/) and the theme's data (overrides/generated/): the build's first step
generate: $(STAMP) fonts
	$(BIN)/portal generate

## fonts: install the Noto fonts and FriBiDi the share pictures are drawn with, if they are missing
fonts:
	@bash .ci/install-fonts

## serve: set up, generate, then serve the site with live reload on http://127.0.0.1:8000 (edits regenerate)
serve: $(STAMP) $(NODE_STAMP) generate
	NO_MKDOCS_2_WARNING=1 $(BIN)/$(ENGINE) serve --strict -a 127.0.0.1:8000

## dev: serve one language (DEV_LANGUAGE=en), rebuilding only changed pages: an edited profile shows in about a second
DEV_LANGUAGE ?= en
dev: $(STAMP) $(NODE_STAMP) generate
	PORTAL_LANGUAGE=$(DEV_LANGUAGE) NO_MKDOCS_2_WARNING=1 $(BIN)/$(ENGINE) serve --dirty --no-strict -a 127.0.0.1:8000

## build: set up, generate, build the static site into site/ (strict: any warning fails), then index it for search
build: $(STAMP) $(NODE_STAMP) generate
	NO_MKDOCS_2_WARNING=1 $(BIN)/$(ENGINE) build --strict
	$(BIN)/portal search-index site

## links: build, then list broken links (none allowed) and external links (not fetched)
links: build
	$(BIN)/portal links site

## check: set up, then check every city profile (file:line errors, non-zero exit on error)
check: $(STAMP)
	$(BIN)/portal check

## browser-deps: install Debian's Chromium for the browser tests, if it is missing
browser-deps:
	@bash .ci/install-browser

## qa-deps: install Java and npm if missing, then the pinned npm packages (Pagefind for search; HTML checker, axe-core)
qa-deps: qa-tools $(NODE_STAMP)

qa-tools:
	@bash .ci/install-qa-tools

# --ignore-scripts: vnu-jar's install script would download a Java runtime; Java comes from Debian.
$(NODE_STAMP): package.json package-lock.json | qa-tools
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

## test: set up (Python packages, Chromium, Java, npm tools), then run the whole test suite
test: $(STAMP) browser-deps qa-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

## test-pythons: a virtual environment per supported Python found (3.11, 3.12, 3.13; PATH, then pyenv) from the same hashed lock, and the unit tests under each
test-pythons: $(NODE_STAMP)
	@bash .ci/test-pythons $(PYTHONS)

## fuzz: the property-based tests (tests/property) with thousands of examples each; prints how many each tried
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/property -q --hypothesis-show-statistics

## bench: build 250/500/1000/2000-city networks and the real site; timings, memory, profile, Lighthouse;
## and the real site's milliseconds per page against BENCH_BASELINE, built in turn with this tree
# BENCH_BASELINE: the commit the per-page figure is held to (more pages must not mean slower pages):
# the site as it stood when that target was set, 2,346 pages. A machine's speed drifts by a third
# from one hour to the next here, so the two are built side by side, not compared with an old figure.
BENCH_BASELINE ?= 2e87f8f
bench: $(STAMP) $(NODE_STAMP) browser-deps
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/run.py --baseline $(BENCH_BASELINE) $(BENCH_ARGS)

## bench-quick: the benchmark at 250 and 500 cities, without Lighthouse and the dev-server timing
bench-quick: $(STAMP) $(NODE_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/run.py --quick $(BENCH_ARGS)

## zensical-trial: build with the newest Zensical that installs (own venv in .cache/) and print what differs from MkDocs; a report, not a gate
zensical-trial: $(STAMP) $(NODE_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python tools/zensical_trial.py $(ZENSICAL_TRIAL_ARGS)

clean:
	rm -rf site .pytest_cache
	for d in content/*/ overrides/generated/; do [ -f "$$d.gitignore" ] && rm -rf "$$d"; done; true
