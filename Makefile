# The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Debian packages the portal uses at run time (libmagic: upload type checks; pango: PDFs;
# fonts: Chinese and Arabic glyphs) and for tests (chromium, poppler-utils, gettext).
DEB_RUNTIME := libmagic1 libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk
DEB_TEST := chromium chromium-driver poppler-utils gettext
# pytest-xdist processes for `make test` (one per core); each has its own test database and Redis db.
TEST_WORKERS ?= 2

.PHONY: run test setup venv system-packages lint format worker beat messages check bench faults load

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Installs what is missing when we are root with apt; otherwise says what to install.
system-packages:
	@missing=""; for p in $(DEB_RUNTIME) $(EXTRA_DEB); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    (apt-get install -y -qq $$missing >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null)) \
	      || echo "WARNING: could not install$$missing; see README"; \
	  else echo "NOTE: please install the Debian packages:$$missing (see README)"; fi; \
	fi

setup: venv system-packages
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 $(PY) manage.py load_knowledge --if-changed
	DEBUG=1 $(PY) manage.py load_assessment_data
	DEBUG=1 $(PY) manage.py load_demo > /dev/null

run: setup
	@DEBUG=1 $(PY) manage.py load_demo
	@echo ""
	@echo "Portal: http://127.0.0.1:$(PORT)/   (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo ""
	DEBUG=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	@$(MAKE) --no-print-directory system-packages EXTRA_DEB="$(DEB_TEST)"
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: lint
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache

# Benchmarks (tests/bench/run.py): ratios against a trivial view through gunicorn, query counts,
# search latency at 10k/100k/1M rows. Needs PostgreSQL, Redis and wrk; about 25 minutes with 1M
# rows, about 6 with BENCH_SIZES=10000,100000. Results in tests/bench/results/latest.{json,md}.
bench: venv
	@$(MAKE) --no-print-directory system-packages EXTRA_DEB="wrk"
	$(PY) -m tests.bench.run

# Fault drills (tests/bench/faults.py): a stack of its own on 127.0.0.1 (gunicorn, a fresh
# PostgreSQL database gp_faults, its own redis-server on a free port, a Celery worker and beat);
# kills the worker mid-render, stops that Redis, terminates the database connections, fills the
# media disk (a tmpfs: root) and races two decisions. Results in tests/bench/results/faults.md.
# FAULTS_ONLY=worker,redis runs some of them.
faults: venv
	@$(MAKE) --no-print-directory system-packages EXTRA_DEB="redis-server"
	$(PY) -m tests.bench.faults

# Load test (tests/bench/load.py): the same kind of stack as the fault drills (database gp_load,
# its own redis-server, gunicorn with four workers, Celery workers on the default+mail and render
# queues, beat); 23 virtual users (visitors, enterprise, regulator and bank API clients,
# commenters) for LOAD_SECONDS (120), then up to 90 s for queued renders; about 6 minutes in all.
# Results in tests/bench/results/load.{json,md}.
load: venv
	@$(MAKE) --no-print-directory system-packages EXTRA_DEB="redis-server"
	$(PY) -m tests.bench.load

# Production-style worker and scheduler: needs REDIS_URL (and DATABASE_URL) set.
worker: venv
	$(VENV)/bin/celery -A portal worker -Q default,render,mail --loglevel=INFO

beat: venv
	$(VENV)/bin/celery -A portal beat --loglevel=INFO

messages: venv
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans -l ru -l ar --ignore=.venv --ignore=tests --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

# Refresh vendored front-end and test assets from the npm registry (versions in package.json).
vendor: venv
	npm install --no-audit --no-fund
	cp node_modules/axe-core/axe.min.js tests/tooling/axe.min.js
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css static/vendor/leaflet/
	# The source map is not shipped: drop its reference, or collectstatic's manifest step fails.
	sed -i '/^\/\/# sourceMappingURL=/d' static/vendor/leaflet/leaflet.js static/vendor/leaflet/leaflet.css
	cp -r node_modules/leaflet/dist/images static/vendor/leaflet/
	cp node_modules/world-atlas/countries-50m.json knowledge/geodata/countries-50m.topo.json
	cp node_modules/world-atlas/countries-110m.json knowledge/geodata/countries-110m.topo.json
	$(PY) -m pip install --quiet -r requirements-vendor.txt
	DEBUG=1 $(PY) manage.py build_reference_layers
