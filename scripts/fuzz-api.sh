#!/usr/bin/env bash
# Fuzzes the JSON API against its contract: schemathesis (PyPI) generates requests from openapi/openapi.yaml and
# sends them to a live `accord serve --demo`, once as a program admin and once as a partner admin. A run fails on
# any 5xx, any status, content type, header or body the spec does not allow, a path answering another method with
# anything but 405, or a route that ignores a missing token. At least MIN_CASES cases are sent in all.
# Usage: scripts/fuzz-api.sh [path/to/accord] [examples per operation]   (defaults .build/debug/accord, 25)
set -euo pipefail
accord=$(realpath "${1:-.build/debug/accord}")
examples="${2:-25}"
min_cases="${MIN_CASES:-1000}"
spec=$(realpath "$(dirname "$0")/../openapi/openapi.yaml")
command -v schemathesis >/dev/null || python3 -m pip install -q --disable-pip-version-check schemathesis
source "$(dirname "$0")/demo-server.sh"
start_demo_server "$accord"

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance
checks+=,response_schema_conformance,unsupported_method,ignored_auth
# Both tokens first, while the server is idle (the CLI writes to the same database).
admin_token=$("$accord" token create fuzz-admin --role program_admin | tail -n 1)
partner_token=$("$accord" token create fuzz-partner --role partner_admin --partner NW-1004 | tail -n 1)
total=0
for who in "admin $admin_token" "partner $partner_token"; do
  set -- $who
  name=$1
  token=$2
  echo "fuzz: as $name"
  status=0
  schemathesis run "$spec" --url "$base/api/v1" -H "Authorization: Bearer $token" \
    --checks "$checks" --max-examples "$examples" --seed 20261123 --workers 1 --request-timeout 30 \
    --phases examples,coverage,fuzzing --suppress-health-check all --no-shrink \
    --report ndjson --report-ndjson-path "$work/$name.ndjson" > "$work/$name.log" 2>&1 || status=$?
  tail -25 "$work/$name.log"
  [ "$status" = 0 ] || { echo "fuzz: schemathesis found problems as $name (exit $status)" >&2; sed -n '/FAILURES\|ERRORS/,$p' "$work/$name.log" | cut -c1-300 | head -150 >&2; exit 1; }
  cases=$(python3 - "$work/$name.ndjson" <<'PY'
import json, sys
count = 0
for line in open(sys.argv[1]):
    event = json.loads(line)
    for kind, body in event.items():
        if kind == "ScenarioFinished":
            count += len((body.get("recorder") or {}).get("cases") or {})
print(count)
PY
)
  echo "fuzz: $cases cases as $name"
  total=$((total + cases))
done
if grep -q "Internal Server Error\|Fatal error" serve.log; then grep -n "Internal\|Fatal" serve.log | head >&2; echo "fuzz: the server logged failures" >&2; exit 1; fi
echo "fuzz: $total cases in all, no 5xx, every response within the spec"
[ "$total" -ge "$min_cases" ] || { echo "fuzz: only $total cases (at least $min_cases wanted)" >&2; exit 1; }
