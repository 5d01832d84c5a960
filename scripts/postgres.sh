#!/usr/bin/env bash
# Starts the local PostgreSQL (Debian's cluster) for the tests if it is not running,
# gives the postgres user a password, and prints the URL the tests connect with.
set -euo pipefail
password=yusuan-test
if [ "$(id -u)" -eq 0 ]; then as_postgres=(su postgres -c); else as_postgres=(sudo -u postgres sh -c); fi
read -r version cluster port _ < <(pg_lsclusters --no-header | head -n 1)
start() {
  if [ "$(id -u)" -eq 0 ]; then
    pg_ctlcluster "$version" "$cluster" start >&2
  else
    sudo pg_ctlcluster "$version" "$cluster" start >&2
  fi
}
# After an unclean stop (a session's processes are killed before CI runs) the start can
# fail while the old processes are still going away, or report failure while the server
# is still in crash recovery: keep waiting, and start again while the cluster is down.
for attempt in $(seq 0 59); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  if [ $((attempt % 5)) -eq 0 ] && pg_lsclusters --no-header | awk -v c="$cluster" '$2 == c' | grep -q down; then
    start || true
  fi
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "PostgreSQL $version/$cluster did not start" >&2; exit 1; }
"${as_postgres[@]}" "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
