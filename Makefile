# fazhi — the two README commands are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= fazhi.settings.dev
HOST ?= 127.0.0.1:8000

.PHONY: setup run demo serve worker test test-sqlite test-postgres lint lock bench clean

$(BIN)/fazhi: pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(BIN)/fazhi

setup: $(BIN)/fazhi

## make run — install, migrate, load demo data (once), build the search index and serve with a worker.
run: setup
	$(BIN)/fazhi migrate --noinput
	$(BIN)/fazhi demo load --if-empty
	$(BIN)/fazhi search rebuild
	$(BIN)/fazhi demo logins
	$(BIN)/fazhi serve --addr $(HOST)

## make test — lint, type check, migration check, then the whole suite on SQLite and (if reachable) PostgreSQL.
test: setup
	bash scripts/test.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy fazhi/core

lock:
	rm -rf /tmp/fazhi-lock && $(PY) -m venv /tmp/fazhi-lock
	/tmp/fazhi-lock/bin/pip install -q -e '.[dev]'
	{ echo "# Exact pins for runtime + dev tools. Regenerate with: make lock"; /tmp/fazhi-lock/bin/pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) var
