# Sourced by the scripts that need a live Accord: `start_demo_server path/to/accord [extra serve arguments]` makes
# a work directory (removed on exit, with the server stopped), serves the demo there on a free loopback port, and
# waits until it is ready. Sets: work, port, base, server.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start_demo_server() {
  local accord=$1
  shift
  work=$(mktemp -d)
  port=$(free_port)
  base="http://127.0.0.1:$port"
  server=""
  trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
  cd "$work"
  "$accord" serve --demo --hostname 127.0.0.1 --port "$port" "$@" > serve.log 2>&1 &
  server=$!
  for _ in $(seq 1 240); do curl -fs "$base/readyz" >/dev/null 2>&1 && return 0; sleep 0.5; done
  tail -20 serve.log >&2
  echo "the demo server did not start" >&2
  exit 1
}
