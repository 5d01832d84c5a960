#!/usr/bin/env bash
# Seeds the fuzz corpora from the visible reports (kept out of git).
set -euo pipefail
cd "$(dirname "$0")"
src="${YUSUAN_CORPUS:-../../shared/corpus/visible}"
mkdir -p corpus/text corpus/pdf
cp "$src"/*.pdf corpus/pdf/
cp "$src"/*.txt corpus/text/
# Smaller text seeds: slices of the seed report, so mutations reach every parser branch.
for f in "$src"/*.txt; do
  split -l 120 -d "$f" corpus/text/slice-
done
