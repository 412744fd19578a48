#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL on 127.0.0.1 for the tests.
#   eval "$(scripts/test-postgres.sh start)"   # prints export lines: TEST_DATABASE_URL, ACCORD_PG_DIR
#   scripts/test-postgres.sh stop "$ACCORD_PG_DIR"
# Installs Debian's postgresql if it is missing. Runs the server as the postgres user.
# ACCORD_PG_OPTIONS adds server options at start (the benchmark gives it more shared buffers).
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || return 1
  echo "$dir"
}

install_postgres() {
  if ! pg_bin >/dev/null; then
    echo "installing postgresql…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  install_postgres
  local bin dir port password
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/accord-pg.XXXXXX)
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  port=$(free_port)
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500 ${ACCORD_PG_OPTIONS:-}" \
    start >/dev/null
  runuser -u postgres -- "$bin/psql" -q -h "$dir" -p "$port" -U postgres \
    -c "CREATE ROLE accord LOGIN PASSWORD '$password'" -c "CREATE DATABASE accord_test OWNER accord" >/dev/null
  echo "export TEST_DATABASE_URL=postgres://accord:$password@127.0.0.1:$port/accord_test?sslmode=disable"
  echo "export ACCORD_PG_DIR=$dir"
}

stop() {
  local dir=${1:?usage: test-postgres.sh stop DIR}
  [ -d "$dir/data" ] || return 0
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
