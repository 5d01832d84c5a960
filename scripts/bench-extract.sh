#!/usr/bin/env bash
# Extraction speed on the visible PDFs, one core, in one run:
#   yusuan extract (full extraction) vs pdftotext -layout (text dump only)
#   vs pdfplumber extract_tables (installed here, in a throwaway venv, only for this).
# Usage: bash scripts/bench-extract.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
corpus="${YUSUAN_CORPUS:-$(cd .. && pwd)/shared/corpus/visible}"
pdfs=("$corpus"/*.pdf)
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v hyperfine >/dev/null || need+=(hyperfine)
if ((${#need[@]})); then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
venv=/tmp/yusuan-bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pdfplumber
fi
cargo build --release --quiet
out=$(mktemp -d)
cat > "$out/plumber.py" <<'PY'
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
PY
echo "${#pdfs[@]} PDFs, $(cat "${pdfs[@]}" | wc -c) bytes; one core (taskset -c 0)"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/bench.md" \
  -n "yusuan extract (tables, facts)" "taskset -c 0 ./target/release/yusuan extract -j 1 ${pdfs[*]} --tidy $out/tidy" \
  -n "pdftotext -layout (text only)" "taskset -c 0 sh -c 'for f in ${pdfs[*]}; do pdftotext -layout \$f /dev/null; done'" \
  -n "pdfplumber extract_tables" "taskset -c 0 $venv/bin/python $out/plumber.py ${pdfs[*]}"
cat "$out/bench.md"
