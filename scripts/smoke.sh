#!/usr/bin/env bash
# End-to-end check of the built `accord` binary, as a newcomer would use it:
# `serve --demo` on a fresh SQLite file prints the demo sign-ins; a demo user signs in and sees the
# overview; an API token made by `accord token create` reads the partners and a revoked one cannot;
# `import` counts a file once and refuses a file with a bad row (naming the line); `close-period` runs.
# Usage: scripts/smoke.sh [path/to/accord]   (default .build/debug/accord)
set -euo pipefail
accord=$(realpath "${1:-.build/debug/accord}")
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
fail() { echo "smoke: FAILED: $*" >&2; [ -f serve.log ] && tail -20 serve.log >&2; exit 1; }

"$accord" serve --demo --hostname 127.0.0.1 --port "$port" > serve.log 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || fail "the server did not start"

grep -q "admin .*accord-demo-admin" serve.log || fail "serve --demo did not print the demo sign-ins"
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/partners")
[ "$status" = 401 ] || fail "the API answered $status without credentials"

# A person signs in through the form (cookie jar, CSRF token from the page).
jar="$work/cookies"
csrf=$(curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -fs -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "login=admin" \
  --data-urlencode "password=accord-demo-admin" "http://127.0.0.1:$port/login" || fail "signing in failed"
curl -fs -b "$jar" "http://127.0.0.1:$port/" | grep -q "Acme Integration" || fail "the overview does not show the demo partners"
echo "smoke: serve --demo prints the sign-ins; admin signs in and the overview shows the partners"

token=$("$accord" token create smoke --role program_admin 2>/dev/null | tail -n 1)
partners=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/partners" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$partners" -ge 40 ] || fail "GET /api/v1/partners returned $partners partners"
"$accord" token list > tokens.txt
token_id=$(awk -F'\t' '$2 == "smoke" { print $1 }' tokens.txt)
"$accord" token revoke "$token_id" > /dev/null
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/partners")
[ "$status" = 401 ] || fail "a revoked token still answered $status"
echo "smoke: an API token reads $partners partners; once revoked it gets 401"

# An admin invites a user from the CLI; the one-time link sets the password once; the user signs in.
link=$(ACCORD_PUBLIC_URL="http://127.0.0.1:$port" "$accord" user create newbie --name "New Bie" --role channel_manager 2>/dev/null | tail -n 1)
case "$link" in "http://127.0.0.1:$port/invitations/"*) ;; *) fail "user create printed no invitation link: $link" ;; esac
njar="$work/new-cookies"
csrf=$(curl -fs -c "$njar" -b "$njar" "$link" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -fs -c "$njar" -b "$njar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "password=a long smoke password" \
  --data-urlencode "confirm=a long smoke password" "$link" || fail "setting the password through the link failed"
curl -fs -b "$njar" "http://127.0.0.1:$port/" | grep -q "New Bie" || fail "the invited user is not signed in"
status=$(curl -s -o /dev/null -w '%{http_code}' "$link")
[ "$status" = 404 ] || fail "a used invitation link answered $status"
"$accord" user list > users.txt
grep -q "^newbie.*active" users.txt || fail "user list does not show the new user as active"
echo "smoke: an invitation link from 'accord user create' sets the password once and signs the user in"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

totals() { python3 - <<'PY'
import sqlite3
c = sqlite3.connect("accord.sqlite")
print(*c.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM sales_lines").fetchone())
PY
}
cat > good.csv <<'CSV'
transaction_id,partner_key,date,amount,currency,customer,solution,region
SMOKE-1,NW-1004,2026-10-01,1000.00,USD,Smoke Customer,Secure Edge,LATAM
SMOKE-2,NW-1004,2026-10-02,250.50,USD,Smoke Customer,Secure Edge,LATAM
CSV
before=$(totals)
"$accord" import sales good.csv > import1.log 2>&1 || fail "import: $(cat import1.log)"
once=$(totals)
"$accord" import sales good.csv > import2.log 2>&1 || fail "second import: $(cat import2.log)"
twice=$(totals)
[ "$once" = "$twice" ] && [ "$once" != "$before" ] || fail "totals before/once/twice: $before / $once / $twice"
grep -q "0 new" import2.log || fail "the second import did not report 0 new rows: $(cat import2.log)"
echo "smoke: importing the same file twice counts it once ($before → $once → $twice)"

printf 'SMOKE-3,NW-1004,2026-02-30,5.00,USD,Smoke Customer,,LATAM\n' | cat good.csv - | sed 's/SMOKE-1/SMOKE-9/; s/SMOKE-2/SMOKE-8/' > bad.csv
if "$accord" import sales bad.csv > import3.log 2>&1; then fail "a file with a bad row was imported"; fi
grep -q "line 4" import3.log || fail "the bad row's line is not named: $(cat import3.log)"
[ "$(totals)" = "$twice" ] || fail "a refused import changed the totals"
echo "smoke: a file with one bad row imports nothing and names line 4"

"$accord" close-period > close.log 2>&1 || fail "close-period: $(cat close.log)"
echo "smoke: $(grep -o 'As of.*' close.log)"
echo "smoke: passed"
