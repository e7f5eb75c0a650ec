# The two commands a new user needs:  make run   and   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

NPM ?= npm
NODE_STAMP := node_modules/.installed
GOVUK := node_modules/govuk-frontend/dist/govuk
ASSETS := site/static/govuk
ASSETS_STAMP := $(ASSETS)/.built

.PHONY: install assets run demo test lint check pytest bench backup restore clean

install: $(STAMP) assets  ## Create .venv, install everything and build the site's assets (idempotent)

# Front end: the pinned npm packages (package-lock.json), then GOV.UK Frontend compiled with
# the site's Sass settings into site/static/govuk/ (gitignored). Nothing is fetched at run time.
assets: $(ASSETS_STAMP)  ## Build the public site's CSS and JavaScript

$(NODE_STAMP): package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --ignore-scripts
	touch $@

$(ASSETS_STAMP): $(NODE_STAMP) $(wildcard site/frontend/*.scss)
	rm -rf $(ASSETS)
	mkdir -p $(ASSETS)/assets
	node_modules/.bin/sass --pkg-importer=node --no-source-map --style=compressed \
		site/frontend/application.scss $(ASSETS)/application.css
	cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map $(ASSETS)/
	cp -R $(GOVUK)/assets/images $(ASSETS)/assets/
	touch $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test,postgres]"
	touch $(STAMP)

demo: install  ## Migrate and load the demo data and users
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

# The background worker (uploads' text for search, emails) runs beside the web server and
# stops with it.
run: demo  ## Set up, load demo data and serve on http://127.0.0.1:8000 (admin at /admin/)
	$(MANAGE) db_worker --backend background --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run --noinput

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest  ## Install and run the linters, Django checks and the whole test suite

bench: install  ## Benchmarks: print one line per figure
	$(BIN)/python -m tests.perf

backup: install  ## Archive the database and all stored files into BACKUP_DIR (var/backups)
	$(MANAGE) backup $(if $(BACKUP_DIR),--output-dir $(BACKUP_DIR))

restore: install  ## Replace database and files from an archive: make restore ARCHIVE=path
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/backup-....tar.gz"; exit 2; }
	$(MANAGE) restore $(ARCHIVE)

clean:
	rm -rf $(VENV) var db.sqlite3 node_modules $(ASSETS)
