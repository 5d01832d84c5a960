#!/usr/bin/env bash
# Runs every test. Tests that read the real published reports find them through
# YUSUAN_CORPUS (default: ../shared/corpus/visible beside the clone).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export YUSUAN_CORPUS="${YUSUAN_CORPUS:-$(cd .. && pwd)/shared/corpus/visible}"
cargo test --workspace --quiet "$@"
