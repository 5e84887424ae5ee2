# Thin wrappers: the two set-up commands (`make run`, `make test`) and a few helpers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The public address: `migrate` writes its host and port into the default Site, so the links in
# mails, feeds and exports name the port `make run` serves on (portal/site_address.py).
BASE_URL ?= http://127.0.0.1:$(PORT)
export BASE_URL

.PHONY: run test lint stylesheets lock messages serve clean bench

# The environment is (re)installed from the lock whenever the lock changes.
$(VENV)/.base-installed: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

var:
	mkdir -p var

# axe-core and the Nu HTML Checker (vnu-jar) for the browser tests, from the npm registry
# (skipped where npm is missing: the browser tests then skip themselves with the reason).
node_modules/.installed: package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; fi

## make run: install, migrate, load demo content into an empty database, serve on 127.0.0.1:$(PORT)
run: $(VENV)/.base-installed | var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data --if-empty
	$(PY) manage.py ensure_admin
	@echo "The portal: $(BASE_URL)/pl/  the admin: $(BASE_URL)/admin/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: the same environment with the test tools, then pytest in $(TEST_WORKERS) processes
## (pytest-xdist; TEST_WORKERS=0 runs in this process alone)
TEST_WORKERS ?= 2
test: $(VENV)/.dev-installed node_modules/.installed | var
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(MAKE) stylesheets

## make stylesheets: stylelint over the portal's own CSS (an unclosed block or an unknown
## property fails; the vendored Leaflet CSS is not ours to lint)
stylesheets: node_modules/.installed
	npx --no-install stylelint "static/css/**/*.css"

## make lock: recompile the locked versions after changing pyproject.toml
lock: $(VENV)/.dev-installed
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt pyproject.toml
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev.txt pyproject.toml

## make messages: extract strings, fill them from locale/translations/*.json, compile the .mo files
messages: $(VENV)/.dev-installed
	$(PY) scripts/i18n.py
	$(PY) scripts/upstream_i18n.py

## make bench: figures at N = 1,000 and 10,000 on SQLite and PostgreSQL (BENCH_DATABASE_URL, the
## local server by default), and a national register of 100,000 organizations on PostgreSQL, into
## docs/benchmarks.md (SIZES="1000" DATABASES=sqlite NATIONAL=0 for a quick run)
SIZES ?= 1000 10000
DATABASES ?= sqlite postgresql
NATIONAL ?= 100000
bench: $(VENV)/.base-installed | var
	$(PY) scripts/bench.py --sizes $(SIZES) --databases $(DATABASES) --national $(NATIONAL)

clean:
	rm -rf $(VENV) var/portal.sqlite3*
