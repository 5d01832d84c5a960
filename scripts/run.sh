#!/usr/bin/env bash
# The main job on the embedded default: build the example reports from their budget
# data into out/ (tidy CSV, JSON, XLSX, HTML and PDF), then serve them with the web app
# over a SQLite file (yusuan.db), loaded with the examples on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --quiet
mkdir -p out
for dir in examples/*/; do
  name=$(basename "$dir")
  # --force: the 长治 example keeps its published report's project defects (a target
  # printed 1005, …) for the checker to find; `yusuan check` lists them.
  ./target/release/yusuan build "$dir" --force -o out
  echo "built out/$name.{tidy.csv,json,xlsx,html,pdf} ($(($(wc -l < "out/$name.tidy.csv") - 1)) cells)"
done

# Stop with Ctrl-C. The upload token is printed on the first start only.
exec ./target/release/yusuan serve --db sqlite:yusuan.db --addr "${YUSUAN_ADDR:-127.0.0.1:8080}"
