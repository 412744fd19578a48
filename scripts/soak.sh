#!/usr/bin/env bash
# Load and soak (issue "Contract and reliability"): `accord serve --demo` under wrk on loopback for a bounded time,
# four clients at once — a program admin's pages, a channel manager's pages, a partner admin's portal (each with a
# signed-in session) and the JSON API with a token. Prints requests/s, latency percentiles and errors per client,
# and the server's RSS at the start and the end. Fails on socket errors, non-2xx answers or a server that died.
# Usage: scripts/soak.sh [path/to/accord] [seconds per run, default 600] [connections per client, default 8]
set -euo pipefail
accord=$(realpath "${1:-.build/debug/accord}")
seconds="${2:-600}"
connections="${3:-8}"
command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq wrk >/dev/null; }
source "$(dirname "$0")/demo-server.sh"
LOG_LEVEL=warning start_demo_server "$accord"
rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server/status"; }

session() {  # signs in through the form; prints the session cookie
  local jar="$work/$1.jar" csrf
  csrf=$(curl -fs -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "login=$1" --data-urlencode "password=$2" "$base/login"
  awk '$6 == "accord_session" { print $7 }' "$jar"
}
token=$("$accord" token create soak --role program_admin | tail -n 1)
partner=$(curl -fs -H "Authorization: Bearer $token" "$base/api/v1/partners?search=NW-1004" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
other=$(curl -fs -H "Authorization: Bearer $token" "$base/api/v1/partners?search=NW-1002" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

client() {  # name, header, paths…: a wrk script cycling through the paths
  local name=$1 header=$2
  shift 2
  {
    echo "local paths = {"
    for path in "$@"; do echo "  \"$path\","; done
    echo "}"
    echo "local i = 0"
    echo "request = function() i = i % #paths + 1; return wrk.format('GET', paths[i], {['$header'] = '$(eval echo "\$${name}_value")'}) end"
  } > "$name.lua"
}
admin_value="accord_session=$(session admin accord-demo-admin)"
cam_value="accord_session=$(session ana.ruiz accord-demo-cam)"
partner_value="accord_session=$(session dana.reyes accord-demo-partner)"
api_value="Bearer $token"
client admin Cookie / /partners /portfolio /segments /coverage /tiers /channel-managers /recognition "/partners/$partner" "/partners/$other"
client cam Cookie / /portfolio "/partners/$partner" /recognition
client partner Cookie "/partners/$partner" /recognition /import
client api Authorization /api/v1/partners /api/v1/goals "/api/v1/partners/$partner/scorecard" /api/v1/recognition "/api/v1/partners/$partner/benefits"

echo "soak: $seconds s, $connections connections for each of 4 clients; server RSS at start $(rss)"
clients=()
for name in admin cam partner api; do
  wrk -t1 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s "$name.lua" "$base" > "$name.out" 2>&1 &
  clients+=($!)
done
wait "${clients[@]}"
end_rss=$(rss)
failed=0
for name in admin cam partner api; do
  out="$name.out"
  rate=$(awk '/Requests\/sec/ { print $2 }' "$out")
  p50=$(awk '$1 == "50%" { print $2 }' "$out"); p90=$(awk '$1 == "90%" { print $2 }' "$out"); p99=$(awk '$1 == "99%" { print $2 }' "$out")
  total=$(awk '/requests in/ { print $1 }' "$out")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$out"); errors=$(awk '/Socket errors/ { print $0 }' "$out")
  printf "  %-8s %8s req/s  %8s requests  p50 %8s  p90 %8s  p99 %8s  non-2xx %s  %s\n" "$name" "$rate" "$total" "$p50" "$p90" "$p99" "${non2xx:-0}" "${errors:-no socket errors}"
  [ -z "$non2xx" ] && [ -z "$errors" ] || failed=1
done
kill -0 "$server" 2>/dev/null || { echo "soak: the server died" >&2; exit 1; }
echo "soak: server RSS at end $end_rss"
[ "$failed" = 0 ] || { echo "soak: some requests failed (see above)" >&2; exit 1; }
