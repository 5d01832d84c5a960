#!/usr/bin/env bash
# The main job on the embedded default: build the example reports from their budget
# data into out/ (tidy CSV and JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --quiet
mkdir -p out
for dir in examples/*/; do
  name=$(basename "$dir")
  ./target/release/yusuan build "$dir" --tidy "out/$name.tidy.csv" --json "out/$name.json"
  echo "built out/$name.tidy.csv ($(($(wc -l < "out/$name.tidy.csv") - 1)) cells) and out/$name.json"
done
