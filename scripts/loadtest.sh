#!/usr/bin/env bash
# Bounded load test on loopback: a release `yusuan serve` over a fresh SQLite file with
# the examples, hit by wrk (Debian package) on the report page and on the aggregate
# endpoint. Prints wrk's latency distribution (p50 / p99) and throughput for each.
# Usage: bash scripts/loadtest.sh [seconds=10] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-16}
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet
dir=$(mktemp -d)
./target/release/yusuan serve --db "sqlite:$dir/load.db" --addr 127.0.0.1:0 --token load > "$dir/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do grep -q http:// "$dir/serve.log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$dir/serve.log" | head -n 1)
report=$(curl -s "$base/api/reports" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
echo "server $base, report $report, $(nproc) cores, wrk -t2 -c$connections -d${seconds}s"
for path in "/reports/$report" "/api/aggregate?by=xiang" "/api/reports/$report/tidy"; do
  echo "== GET $path"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path" | grep -E "Latency  |50%|99%|Requests/sec|requests in|Non-2xx|Socket errors"
done
