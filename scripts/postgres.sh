#!/usr/bin/env bash
# Starts the local PostgreSQL (Debian's cluster) for the tests if it is not running,
# gives the postgres user a password, and prints the URL the tests connect with.
set -euo pipefail
password=yusuan-test
if [ "$(id -u)" -eq 0 ]; then as_postgres=(su postgres -c); else as_postgres=(sudo -u postgres sh -c); fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
  if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$version" "$cluster" start >&2; else sudo pg_ctlcluster "$version" "$cluster" start >&2; fi
fi
"${as_postgres[@]}" "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
