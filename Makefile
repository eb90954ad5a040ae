# NerveDesk: `make run` for a demo, `make test` for the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run venv migrate seed test test-sqlite test-postgres lint fmt vendor clean bench screenshots loadtest test-loadtest

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: venv
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# The Celery worker sends pre-visit links in the background (messages go to the
# console in development); it stops with the server.
run: seed redis-up
	@echo "NerveDesk is serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	@$(VENV)/bin/celery -A config worker --pool=solo --loglevel=warning & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r clinic intake education common config

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint redis-up
	$(PY) manage.py makemigrations --check --dry-run
	@# The two databases' passes run side by side (two cores); each one's output is
	@# printed whole when it ends.
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	$(MAKE) --no-print-directory test-loadtest
	@echo "== the bench's own tests (tools/bench/tests) =="
	env -u DATABASE_URL $(PY) -m pytest tools/bench/tests $(PYTEST_ARGS)

test-sqlite: venv chromium redis-up
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

# Outside CI a missing PostgreSQL is reported and skipped; under CI=true it fails. This
# pass needs no browser.
test-postgres: venv pg-up redis-up
	@if DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -c "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');django.setup();from django.db import connection;connection.ensure_connection()" >/dev/null 2>&1; then \
		echo "== pytest on PostgreSQL (browser journeys run in the SQLite pass) =="; \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest -m "not browser" $(PYTEST_ARGS); \
	elif [ "$(CI)" = "true" ]; then \
		echo "PostgreSQL at $(TEST_DATABASE_URL) is not reachable, and CI needs it." >&2; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL at $(TEST_DATABASE_URL) is not reachable; ran SQLite only."; \
	fi

# A local PostgreSQL that is down is started when this machine can (root, pg_ctlcluster).
.PHONY: pg-up chromium
pg-up:
	@case "$(TEST_DATABASE_URL)" in *[@/]127.0.0.1[:/]*|*[@/]localhost[:/]*) ;; *) exit 0;; esac; \
	if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -d "$(TEST_DATABASE_URL)" \
		&& [ "$$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then \
		version=$$(ls /etc/postgresql | head -n 1); \
		echo "== starting PostgreSQL $$version =="; \
		pg_ctlcluster --skip-systemctl-redirect "$$version" main start || true; \
		for _ in $$(seq 1 30); do pg_isready -q -d "$(TEST_DATABASE_URL)" && break; sleep 1; done; \
	fi

# Celery's broker. A local Redis that is down is started (installed first as root when
# missing); the tests that run a real worker need it (outside CI they skip without it).
REDIS_HOST ?= 127.0.0.1
REDIS_PORT ?= 6379
.PHONY: redis-up
redis-up:
	@if redis-cli -h $(REDIS_HOST) -p $(REDIS_PORT) ping >/dev/null 2>&1; then exit 0; fi; \
	if ! command -v redis-server >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "== installing Debian's redis-server =="; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; \
	fi; \
	if command -v redis-server >/dev/null 2>&1; then \
		echo "== starting Redis on $(REDIS_HOST):$(REDIS_PORT) =="; \
		redis-server --daemonize yes --bind $(REDIS_HOST) --port $(REDIS_PORT) --save "" || true; \
		for _ in $$(seq 1 20); do redis-cli -h $(REDIS_HOST) -p $(REDIS_PORT) ping >/dev/null 2>&1 && break; sleep 0.5; done; \
	else \
		echo "Redis is not running and could not be started: pre-visit messages will not be sent."; \
	fi

# The browser journeys drive Debian's chromium (Playwright cannot download its own here).
# Missing, it is installed when running as root; otherwise one line says how to get it,
# and the journeys are skipped (under CI=true they fail instead).
CHROMIUM_PATH ?= /usr/bin/chromium
chromium:
	@if [ -x "$(CHROMIUM_PATH)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "== installing Debian's chromium for the browser journeys =="; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	elif [ "$(CI)" = "true" ]; then \
		echo "$(CHROMIUM_PATH) is missing and CI runs the browser journeys: sudo apt-get install chromium" >&2; \
		exit 1; \
	else \
		echo "SKIPPED: browser journeys: $(CHROMIUM_PATH) is missing (get it: sudo apt-get install chromium)"; \
	fi

# The performance goals, measured side by side on gunicorn + PostgreSQL with Locust, in
# databases of its own (BENCH_DATABASE, default nervedesk_bench, and <BENCH_DATABASE>_1k,
# dropped and made afresh); see docs/performance.md.
bench: venv
	$(PY) -m tools.bench

# 50 simulated tablets through whole intakes on gunicorn + PostgreSQL; PostgreSQL is
# stopped and started in the middle; every confirmed intake must exist exactly once.
loadtest: venv
	$(PY) -m tools.bench.faults

# In make test the load test needs the local cluster it may restart (pg_ctlcluster, as
# root); outside CI a machine without one reports and skips it, under CI=true it fails.
test-loadtest: venv
	@if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && [ -d /etc/postgresql ]; then \
		echo "== load test: intakes through a PostgreSQL restart =="; \
		$(PY) -m tools.bench.faults; \
	elif [ "$(CI)" = "true" ]; then \
		echo "The load test needs the local PostgreSQL cluster (pg_ctlcluster, root)." >&2; exit 1; \
	else \
		echo "SKIPPED: load test (needs pg_ctlcluster and root); run make loadtest where it can."; \
	fi

# Screenshots of the main screens into docs/screenshots/ (Chromium on SQLite; not part of
# make test: the file is not named test_*.py, so only this explicit path collects it).
screenshots: venv chromium
	env -u DATABASE_URL $(PY) -m pytest clinic/tests/browser/take_screenshots.py $(PYTEST_ARGS)

# Re-fetch the vendored front-end libraries from the npm registry (never a CDN at run time).
vendor:
	./.ci/vendor

clean:
	rm -rf $(VENV) staticfiles
