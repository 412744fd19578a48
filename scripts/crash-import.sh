#!/usr/bin/env bash
# Crash safety of imports (issue "Contract and reliability"): `accord import sales` is killed with SIGKILL at a
# random moment, TRIALS times on SQLite and TRIALS times on PostgreSQL. After every kill, `accord check-rollups`
# must find the rollups equal to the facts, and the facts must be the whole file or none of it (an import is one
# transaction). Finally the file is imported to the end and its totals must equal the file's exactly.
# Usage: scripts/crash-import.sh [path/to/accord] [trials per database] [rows]   (defaults: .build/debug/accord 20 50000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
accord=$(realpath "${1:-.build/debug/accord}")
trials="${2:-20}"
rows="${3:-50000}"
work=$(mktemp -d)
pg_dir=""
cleanup() { [ -n "$pg_dir" ] && "$root/scripts/test-postgres.sh" stop "$pg_dir"; rm -rf "$work"; }
trap cleanup EXIT
export LOG_LEVEL=warning

python3 "$root/bench/generate.py" "$work/data" --scale "$(python3 -c "print($rows / 10_000_000)")" > /dev/null
read -r file_lines file_minor < <(python3 - "$work/data/sales.csv" <<'PY'
import csv, decimal, sys
lines = total = 0
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        lines += 1
        total += int(decimal.Decimal(row["amount"]) * 100)
print(lines, total)
PY
)
echo "crash: $file_lines sales lines (sum $file_minor minor units), $trials kills per database"

# Facts stored now, as check-rollups counts them; fails the run when the rollups disagree with the facts.
stored_lines() {
  local out
  out=$("$accord" check-rollups 2>&1) || { echo "$out" >&2; echo "crash: check-rollups failed after a kill" >&2; exit 1; }
  echo "$out" | sed -n 's/.*Checking rollups of \([0-9]*\) sales lines.*/\1/p'
}

prepare() {  # a migrated database with one program and the roster
  "$accord" migrate --yes > /dev/null
  "$accord" program-create Crash --currency USD --fiscal-start-month 1 > /dev/null
  "$accord" import partners "$work/data/roster.csv" --quiet > /dev/null
}

run_trials() {
  local name=$1 sql=$2
  prepare
  local started ended full
  started=$(date +%s.%N)
  "$accord" import sales "$work/data/sales.csv" --quiet > /dev/null  # calibration, into a database thrown away next
  ended=$(date +%s.%N)
  full=$(python3 -c "print(f'{$ended - $started:.2f}')")
  reset_database
  prepare
  local kills=0 whole=0 none=0
  for trial in $(seq 1 "$trials"); do
    local delay
    delay=$(python3 -c "import random; print(round(random.uniform(0.05, $full * 1.05), 2))")
    "$accord" import sales "$work/data/sales.csv" --quiet > /dev/null 2>&1 &
    local pid=$!
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null || true
    local stored
    stored=$(stored_lines)
    if [ "$stored" = 0 ]; then none=$((none + 1)); elif [ "$stored" = "$file_lines" ]; then whole=$((whole + 1)); else
      echo "crash: $name trial $trial (killed after ${delay}s) left $stored of $file_lines lines: a partial import" >&2; exit 1
    fi
    if [ "$stored" = "$file_lines" ]; then reset_database; prepare; fi
  done
  "$accord" import sales "$work/data/sales.csv" --quiet > /dev/null
  "$accord" import sales "$work/data/sales.csv" --quiet > /dev/null  # again: nothing changes
  local lines minor
  read -r lines minor < <(eval "$sql")
  [ "$(stored_lines)" = "$file_lines" ] || { echo "crash: $name: rollups or facts wrong after the final import" >&2; exit 1; }
  [ "$lines" = "$file_lines" ] && [ "$minor" = "$file_minor" ] ||
    { echo "crash: $name totals $lines lines / $minor differ from the file's $file_lines / $file_minor" >&2; exit 1; }
  echo "crash: $name: $trials trials (a full import takes ${full}s; $kills killed mid-way: $none left nothing," \
    "$whole had already committed); rollups = facts after every kill; final totals exact ($lines lines, $minor minor units)"
}

# SQLite
export ACCORD_SQLITE="$work/crash.sqlite"
unset DATABASE_URL
reset_database() { rm -f "$ACCORD_SQLITE" "$ACCORD_SQLITE-wal" "$ACCORD_SQLITE-shm"; }
run_trials SQLite "sqlite3 -separator ' ' '$ACCORD_SQLITE' 'SELECT count(*), sum(amount) FROM sales_lines'"

# PostgreSQL: a throw-away server; each reset is a new database.
eval "$("$root/scripts/test-postgres.sh" start)"
pg_dir=$ACCORD_PG_DIR
pg_port=$(echo "$TEST_DATABASE_URL" | sed 's/.*@127.0.0.1:\([0-9]*\)\/.*/\1/')
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
generation=0
reset_database() {
  generation=$((generation + 1))
  runuser -u postgres -- "$pg_bin/psql" -q -h "$pg_dir" -p "$pg_port" -U postgres -c "CREATE DATABASE crash_$generation OWNER accord" > /dev/null
  export DATABASE_URL="${TEST_DATABASE_URL/accord_test/crash_$generation}"
}
reset_database
run_trials PostgreSQL 'runuser -u postgres -- "$pg_bin/psql" -At -F " " -h "$pg_dir" -p "$pg_port" -U postgres -d "crash_$generation" -c "SELECT count(*), sum(amount) FROM sales_lines"'
