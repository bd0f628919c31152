#!/usr/bin/env bash
# The whole test command (`make test`, and `.ci/run`): static checks, then the suite on SQLite and PostgreSQL.
# FAZHI_REQUIRE_POSTGRES=1 makes a missing PostgreSQL an error (CI); otherwise that run is skipped with a notice.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=fazhi.settings.test
JOBS="${FAZHI_TEST_JOBS:-2}"

echo "== ruff (lint + format) =="
$BIN/ruff check .
$BIN/ruff format --check .
echo "== mypy (fazhi/core) =="
$BIN/mypy fazhi/core
echo "== migrations are up to date =="
$BIN/fazhi makemigrations --check --dry-run

echo "== test suite on SQLite =="
env -u DATABASE_URL $BIN/pytest -n "$JOBS" -q

PG_URL="${FAZHI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/fazhi}"
if $BIN/python scripts/check_postgres.py "$PG_URL"; then
  echo "== test suite on PostgreSQL =="
  DATABASE_URL="$PG_URL" $BIN/pytest -n "$JOBS" -q
elif [ "${FAZHI_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL is required here but not usable at $PG_URL" >&2
  exit 1
else
  echo "== PostgreSQL not reachable at $PG_URL: that run is skipped (set FAZHI_TEST_POSTGRES_URL) =="
fi
