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

.PHONY: install serve build check test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: install
	$(BIN)/mkdocs serve --dev-addr $(HOST)

build: install
	$(BIN)/mkdocs build --strict

check: install
	$(BIN)/samverkan check

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python tests/benchmarks/bench_scale.py

clean:
	rm -rf $(VENV) site .pytest_cache
