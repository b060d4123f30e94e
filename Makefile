# Two commands set up everything on a fresh machine with Python 3.11+:
#   make serve   install into .venv and serve the site on http://127.0.0.1:8000
#   make test    install into .venv and run the tests

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Material prints a long banner about its end of life on every build; README explains our plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install mermaid decap serve edit build zensical check test chromium bench clean

install: $(STAMP) mermaid decap

# Mermaid for the organisation chart, served by the site itself (see tools/fetch-mermaid.sh).
mermaid:
	@sh tools/fetch-mermaid.sh

# The web editor redigera/ (Decap CMS) and its local backend decap-server (see tools/fetch-decap.sh).
decap:
	@sh tools/fetch-decap.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The preview must always answer: content errors show as a box on every page (the plugin), and
# MkDocs' own warnings (a broken link in a text) are printed instead of stopping the rebuild.
# --dirty: a save renders again only the pages whose text it changed (README: Preview).
serve: install
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr $(HOST)

# The site with the web editor saving to this clone: open http://$(HOST)/redigera/
edit: install
	$(BIN)/python tools/edit-locally.py --host $(HOST)

build: install
	$(BIN)/mkdocs build --strict

# The same site with Zensical, from the folder `samverkan pages` writes (README: Renderers).
zensical: install
	$(BIN)/samverkan pages --out build/zensical
	cd build/zensical && $(CURDIR)/$(BIN)/zensical build

check: install
	$(BIN)/samverkan check

test: install chromium
	$(BIN)/python -m pytest

# The browser tests use Debian's Chromium; installed here when missing and possible (root +
# apt-get). Otherwise they are skipped with the reason (and fail under CI=true).
chromium:
	@sh tools/install-chromium.sh

bench: install
	$(BIN)/python tests/benchmarks/bench_scale.py
	$(BIN)/python tests/benchmarks/bench_search.py

clean:
	rm -rf $(VENV) site build .pytest_cache .cache
