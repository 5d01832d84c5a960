#!/usr/bin/env bash
# Runs every test: the Rust suites (on SQLite and on a local PostgreSQL), then the
# browser test in headless Chromium. Tests that read the real published reports find them
# through YUSUAN_CORPUS (default: ../shared/corpus/visible beside the clone).
# A missing corpus or PostgreSQL fails the tests; YUSUAN_SKIP_POSTGRES=1 leaves the
# PostgreSQL halves out, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
export YUSUAN_CORPUS="${YUSUAN_CORPUS:-$(cd .. && pwd)/shared/corpus/visible}"
bash scripts/check-corpus.sh
bash scripts/setup.sh --test
if [ "${YUSUAN_SKIP_POSTGRES:-}" = 1 ]; then
  echo "test: PostgreSQL skipped (YUSUAN_SKIP_POSTGRES=1): the store and web tests run on SQLite only" >&2
else
  if [ -z "${YUSUAN_TEST_POSTGRES:-}" ]; then
    YUSUAN_TEST_POSTGRES=$(bash scripts/postgres.sh)
    export YUSUAN_TEST_POSTGRES
  fi
  case "$YUSUAN_TEST_POSTGRES" in
    postgres://*) ;;
    *) echo "scripts/postgres.sh printed no URL: $YUSUAN_TEST_POSTGRES" >&2; exit 1 ;;
  esac
  export PGPASSWORD="${PGPASSWORD:-yusuan-test}"
fi
# The dataset tests read what yusuan writes with independent readers: DuckDB and
# Frictionless, from PyPI, in a venv of their own (pip runs only when one is missing).
py="$PWD/target/py"
if ! "$py/bin/python" -c 'import duckdb, frictionless' 2>/dev/null; then
  python3 -m venv "$py"
  "$py/bin/pip" install --quiet --disable-pip-version-check duckdb frictionless
fi
export YUSUAN_PYTHON="$py/bin/python"
cargo test --workspace --quiet "$@"

# list → report → compare → upload, with screenshots in target/screenshots.
npm ci --prefix tests/browser --silent --no-audit --no-fund
YUSUAN_BIN="$PWD/target/debug/yusuan" node tests/browser/run.mjs
