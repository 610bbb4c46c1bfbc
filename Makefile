# The few commands people run. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve worker test test-sqlite test-postgres lint format check bench clean browser-deps

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev,multilingual]'
	touch $@

install: $(VENV)/.installed

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) demo
	$(MANAGE) align --all
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install
	$(MANAGE) worker

# The whole suite on SQLite, and again on PostgreSQL when one is reachable
# (DATABASE_URL_POSTGRES, default the local server); CI requires both.
test: install check test-sqlite test-postgres

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# axe-core (npm), which the browser tests inject to check accessibility. Without
# npm they skip those checks and say why; under CI=true they fail instead.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility checks will be skipped (apt-get install npm)"; fi

browser-deps: $(AXE)

test-sqlite: install browser-deps
	$(VENV)/bin/pytest

test-postgres: install
	$(PY) -m tests.postgres_runner

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m bench.align
	$(PY) -m bench.align_quality
	$(PY) -m bench.grouping
	$(PY) -m bench.grouping_eval
	$(PY) -m bench.grouping_window
	$(PY) -m bench.ingest
	$(PY) -m bench.render

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache tests/browser/node_modules
