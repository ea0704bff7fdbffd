# Atameken Match: `make run` sets up and serves the site with demo data; `make test` runs the whole suite.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run serve setup translations browser-deps lint test test-sqlite test-postgres bench vectors hs-classifier clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed translations

translations: $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d app/translations >/dev/null

## run: install, migrate, load demo data (only into an empty database) and serve on http://$(HOST):$(PORT)
# (development settings: the app itself defaults to production, which needs SECRET_KEY and SITE_URL)
run: export APP_ENV := development
run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## serve: several workers, as in production (models load lazily inside each worker). It needs a SECRET_KEY of
## your own, on purpose: a key made up here would differ between machines and hide a missing production setting.
serve: export SITE_URL ?= http://$(HOST):$(PORT)
serve: setup
	@if [ -z "$$SECRET_KEY" ] || [ "$${APP_ENV:-production}" != production ]; then \
	  echo "make serve runs as in production: set SECRET_KEY (16+ characters) and leave APP_ENV unset, e.g."; \
	  echo "  SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))') make serve"; \
	  echo "(keep the key: changing it signs everyone out). For a development server use make run."; exit 1; \
	fi
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -w 4 -b $(HOST):$(PORT) wsgi:app

# Debian's Chromium drives the browser tests (no browser download); fonts-wqy-microhei draws Chinese.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null) \
	  || echo "chromium could not be installed: browser tests will be skipped"; \
	fi

lint: setup
	$(BIN)/ruff check .

## test: the whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL answers
test: setup browser-deps lint test-sqlite test-postgres

test-sqlite test-postgres: export APP_ENV := testing
test-sqlite: setup
	env -u TEST_DATABASE_URL $(BIN)/pytest -q

test-postgres: setup
	@if [ -n "$$TEST_DATABASE_URL" ] && $(BIN)/python -m tests.db_ready "$$TEST_DATABASE_URL"; then \
	  echo "== the suite again on PostgreSQL ($$TEST_DATABASE_URL)"; \
	  $(BIN)/pytest -q -m "not browser"; \
	else echo "== PostgreSQL pass skipped: TEST_DATABASE_URL unset or not answering"; fi

## vectors: rewrite the shipped vectors of the demo data and HS texts (after changing either, or the model)
vectors: setup
	$(BIN)/python -m app.matches.ship

## hs-classifier: refit the HS heading classifier of the goods names (after changing the goods index or the model;
## about 20 minutes on 2 cores)
hs-classifier: setup
	$(BIN)/python -m matching.hs_classifier

bench: setup
	@echo "each bench script writes its section under docs/bench/ (see its docstring); then (it stops rather than drop"
	@echo "sections written by hand into docs/benchmarks.md):"
	$(BIN)/python bench/collect.py

clean:
	rm -rf $(VENV) instance .pytest_cache
