# Two commands: `make run` serves the site with demo data, `make test` runs every test.
# Both install what they need (apt, pip into .venv/, npm) from a fresh clone.
SHELL := /bin/bash
PORT ?= 5000
PY := .venv/bin/python
FLASK := PORTAL_ENV=development .venv/bin/flask --app wsgi
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# WeasyPrint's libraries and a font with Romanian diacritics; poppler for reading PDFs in tests.
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# `make cluster` (scripts/cluster.py): nginx in front of the app instances, brotli for its static files.
APT_CLUSTER := $(APT_RUN) nginx libnginx-mod-http-brotli-static
APT_TEST := $(APT_CLUSTER) poppler-utils chromium chromium-driver
# The benches' load generator (bench/throughput.py); Locust comes from PyPI.
APT_BENCH := $(APT_TEST) wrk

.PHONY: translations run test test-only lint install install-run bench clean static cluster cluster-stop

run: install-run
	$(FLASK) db upgrade
	$(FLASK) demo load
	@echo "Portal pensii: http://127.0.0.1:$(PORT)"
	@# The worker beside the site (webapp/worker.py) runs background jobs every second, sends
	@# email and deletes data past its retention period (webapp/retention.py); it stops with the site.
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORTAL_ENV=development .venv/bin/gunicorn --config deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT)

# The production shape on this machine (scripts/cluster.py): nginx on CLUSTER_PORT in front of three
# gunicorn instances (CLUSTER_PORT+1..+3) and two job workers, PORTAL_ENV=staging, on the
# PostgreSQL of DATABASE_URL (created if missing) and the Redis of REDIS_URL. `make cluster-stop`.
CLUSTER_PORT ?= 8080
CLUSTER_ARGS ?=
cluster: install-run .stamps/apt-cluster
	$(PY) scripts/cluster.py start --port $(CLUSTER_PORT) $(CLUSTER_ARGS)

cluster-stop:
	$(PY) scripts/cluster.py stop

test: install lint test-only

# Two pytest-xdist workers, one per core, each with its own database (tests/conftest.py);
# `make test-only JOBS=0` runs serially, PYTEST_ARGS adds options (.ci/run: -m "not browser").
JOBS ?= 2
PYTEST_ARGS ?=
test-only:
	$(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

# BENCH_ARGS=--lighthouse adds the Lighthouse scores of the main pages (slow; bench/run_all.py).
BENCH_ARGS ?=
bench: install .stamps/apt-bench
	$(PY) bench/run_all.py $(BENCH_ARGS)

install-run: .stamps/apt-run .stamps/pip .stamps/npm static translations
install: .stamps/apt-test .stamps/pip .stamps/npm static translations

# The pages' translations (webapp/i18n.py): each .po catalogue compiled to the .mo Flask-Babel reads.
CATALOGUES = $(wildcard translations/*/LC_MESSAGES/messages.po)
translations: $(CATALOGUES:.po=.mo)
translations/%.mo: translations/%.po .stamps/pip
	.venv/bin/pybabel compile -i $< -o $@

# After changing a text of the translated pages: the Romanian texts extracted afresh (babel.cfg;
# N_ marks those of forms/, webapp/i18n.py's translate renders them) and merged into each
# catalogue; new ones come empty, for the translators. Then `make translations` compiles them.
# tests/webapp/test_catalogues.py fails while any text of a translated page lacks a translation.
.PHONY: translations-update
translations-update: .stamps/pip
	.venv/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
		--project portal-pensii --copyright-holder CNPP -o translations/messages.pot .
	.venv/bin/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching \
		--ignore-obsolete

# Hashed copies of static/ (css/site-<md5>.css) with .gz and .br beside them, and the manifest
# that url_for('static', ...) reads (webapp/static_files.py). Rebuilt when a source changes.
STATIC_SOURCES = $(shell find static -type f ! -name '*.gz' ! -name '*.br' ! -name cache_manifest.json 2>/dev/null | grep -Ev -- '-[0-9a-f]{32}\.')
static: static/cache_manifest.json
static/cache_manifest.json: $(STATIC_SOURCES) .stamps/pip .stamps/npm
	$(FLASK) digest clean
	$(FLASK) digest compile

.stamps/apt-run: Makefile
	@bash scripts/apt-ensure.sh $(APT_RUN)
	@mkdir -p .stamps && touch $@

.stamps/apt-bench: Makefile
	@bash scripts/apt-ensure.sh $(APT_BENCH)
	@mkdir -p .stamps && touch $@

.stamps/apt-cluster: Makefile
	@bash scripts/apt-ensure.sh $(APT_CLUSTER)
	@mkdir -p .stamps && touch $@

.stamps/apt-test: Makefile
	@bash scripts/apt-ensure.sh $(APT_TEST)
	@mkdir -p .stamps && touch $@

.venv/bin/python:
	python3 -m venv .venv

.stamps/pip: pyproject.toml .venv/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@mkdir -p .stamps && touch $@

.stamps/npm: package.json package-lock.json
	npm ci --no-audit --no-fund
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	@mkdir -p .stamps && touch $@

clean:
	rm -rf .venv node_modules .stamps static/vendor static/cache_manifest.json
	find static -name '*.gz' -o -name '*.br' | xargs rm -f
	find static -regextype egrep -regex '.*-[0-9a-f]{32}\.[^/]+' -delete
