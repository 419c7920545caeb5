#!/usr/bin/env bash
# Install everything the tests need, then run them all: lint, types, scheme YAML, the test suite on
# SQLite (including the browser tests) and the database tests again on PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh || { echo "test: system setup failed"; exit 1; }
scripts/install.sh test || { echo "test: Python install failed"; exit 1; }

export PATH="$PWD/.venv/bin:$PATH"
status=0
step() {
  echo "==> $*"
  "$@" || { echo "FAILED: $*"; status=1; }
}

step ruff check .
step ruff format --check .
step mypy
step yamllint -s -c .yamllint.yaml src/jixiao/schemes tests

# The whole suite on the embedded default (SQLite).
echo "==> pytest (SQLite)"
pytest -q -p no:cacheprovider
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 5 ]; then status=1; fi

# The database-backed tests again on PostgreSQL.
if pg_isready -q -h localhost 2>/dev/null; then
  echo "==> pytest (PostgreSQL)"
  DATABASE_URL="${JIXIAO_TEST_PG_URL:-postgresql://postgres@localhost/jixiao}" \
    pytest -q -p no:cacheprovider -m "not browser" tests/web tests/batch
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 5 ]; then status=1; fi
else
  echo "test: no PostgreSQL server on localhost; the PostgreSQL run could not be done"
  status=1
fi

exit $status
