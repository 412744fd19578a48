#!/usr/bin/env python3
"""PostgreSQL restarted while Accord serves (issue "Contract and reliability").

A throw-away PostgreSQL (scripts/test-postgres.sh) and `accord serve --demo` on it. A writer posts one activity
record at a time through the API and a reader asks for the partner list and /readyz, for --before seconds; then
PostgreSQL is stopped (pg_ctl -m fast) for --outage seconds, started again, and the load goes on for --after
seconds. Accord is never restarted.

Passes when: during the outage every answer is a 503 with a JSON message (no other 5xx, no request slower than
--max-seconds: no hang), Accord answers 2xx again after PostgreSQL is back, the process never exits, and every
write acknowledged with 201 is in the database at the end (none lost).

    python3 scripts/fault-postgres.py [--accord .build/debug/accord]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(url, token=None, body=None, timeout=30):
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None, method="POST" if body else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.monotonic() - started
    except Exception as error:  # connection refused, timeout: no answer at all
        return 0, str(error).encode(), time.monotonic() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--accord", default=os.path.join(ROOT, ".build/debug/accord"))
    parser.add_argument("--before", type=float, default=10)
    parser.add_argument("--outage", type=float, default=15)
    parser.add_argument("--after", type=float, default=15)
    parser.add_argument("--max-seconds", type=float, default=10)
    args = parser.parse_args()
    accord = os.path.realpath(args.accord)

    env_lines = subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], check=True, capture_output=True, text=True).stdout
    pg = dict(re.findall(r"export (\w+)=(\S+)", env_lines))
    url, pg_dir = pg["TEST_DATABASE_URL"], pg["ACCORD_PG_DIR"]
    port = re.search(r"@127\.0\.0\.1:(\d+)/", url).group(1)
    pg_bin = sorted(subprocess.run("ls -d /usr/lib/postgresql/*/bin", shell=True, capture_output=True, text=True).stdout.split())[-1]
    pg_options = f"-p {port} -c listen_addresses=127.0.0.1 -k {pg_dir} -c max_connections=200"

    def pg_ctl(*more):
        subprocess.run(["runuser", "-u", "postgres", "--", f"{pg_bin}/pg_ctl", "-D", f"{pg_dir}/data", "-w", *more],
                       check=True, capture_output=True)

    work = tempfile.mkdtemp()
    env = dict(os.environ, DATABASE_URL=url, LOG_LEVEL="warning")
    server = None
    try:
        web_port = subprocess.run([sys.executable, "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"],
                                  capture_output=True, text=True).stdout.strip()
        base = f"http://127.0.0.1:{web_port}"
        log = open(os.path.join(work, "serve.log"), "w")
        server = subprocess.Popen([accord, "serve", "--demo", "--hostname", "127.0.0.1", "--port", web_port], env=env, cwd=work,
                                  stdout=log, stderr=subprocess.STDOUT)
        for _ in range(240):
            if call(f"{base}/readyz", timeout=2)[0] == 200:
                break
            time.sleep(0.5)
        else:
            sys.exit("fault: Accord did not become ready")
        token = subprocess.run([accord, "token", "create", "fault", "--role", "program_admin"], env=env, cwd=work,
                               capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]

        phase = ["before"]
        results = []  # (phase, kind, status, seconds, body)
        acknowledged = []
        stop = threading.Event()
        lock = threading.Lock()

        def writer():
            n = 0
            while not stop.is_set():
                n += 1
                fact = f"FAULT-{n}"
                body = {"records": [{"activity_id": fact, "partner_key": "NW-1004", "date": "2026-11-20", "metric": "deal_registrations", "value": "1"}]}
                status, text, seconds = call(f"{base}/api/v1/facts/activities", token, body)
                with lock:
                    results.append((phase[0], "write", status, seconds, text))
                    if status == 201:
                        acknowledged.append(fact)
                time.sleep(0.05)

        def reader():
            while not stop.is_set():
                for path in ("/api/v1/partners", "/readyz"):
                    status, text, seconds = call(f"{base}{path}", token)
                    with lock:
                        results.append((phase[0], "read " + path, status, seconds, text))
                time.sleep(0.05)

        threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
        for thread in threads:
            thread.start()
        time.sleep(args.before)
        phase[0] = "outage"
        pg_ctl("-m", "fast", "stop")
        time.sleep(args.outage)
        pg_ctl("-l", f"{pg_dir}/server.log", "-o", pg_options, "start")
        phase[0] = "after"
        back = time.monotonic()
        first_success = None
        while time.monotonic() - back < args.after:
            with lock:
                if first_success is None and any(p == "after" and k == "write" and s == 201 for p, k, s, _, _ in results):
                    first_success = time.monotonic() - back
            time.sleep(0.1)
        stop.set()
        for thread in threads:
            thread.join()

        problems = []
        if server.poll() is not None:
            problems.append(f"Accord exited with {server.returncode}")
        print(f"fault: PostgreSQL stopped for {args.outage:.0f} s while Accord served; Accord was not restarted")
        for name in ("before", "outage", "after"):
            mine = [r for r in results if r[0] == name]
            statuses = {}
            for r in mine:
                statuses[r[2]] = statuses.get(r[2], 0) + 1
            slowest = max((r[3] for r in mine), default=0)
            print(f"  {name:7s} {len(mine):5d} requests, statuses {dict(sorted(statuses.items()))}, slowest {slowest:.2f} s")
            if slowest > args.max_seconds:
                problems.append(f"a request took {slowest:.1f} s during '{name}'")
            for r in mine:
                if r[2] >= 500 and r[2] != 503 or r[2] == 0:
                    problems.append(f"{name}: {r[1]} answered {r[2]}: {r[4][:200]!r}")
                    break
                if r[2] == 503 and b'"reason"' not in r[4] and b'"status"' not in r[4]:
                    problems.append(f"{name}: {r[1]} answered a 503 without a JSON message: {r[4][-300:]!r}")
                    break
        outage_503 = sum(1 for r in results if r[0] == "outage" and r[2] == 503)
        if outage_503 == 0:
            problems.append("no request was answered 503 during the outage")
        if first_success is None:
            problems.append("no write succeeded after PostgreSQL came back")
        else:
            print(f"  first acknowledged write {first_success:.2f} s after PostgreSQL was started again")
        ids = subprocess.run(["runuser", "-u", "postgres", "--", f"{pg_bin}/psql", "-At", "-h", pg_dir, "-p", port, "-U", "postgres",
                              "-d", "accord_test", "-c", "SELECT fact_id FROM activity_records WHERE fact_id LIKE 'FAULT-%'"],
                             capture_output=True, text=True, check=True).stdout.split()
        lost = set(acknowledged) - set(ids)
        print(f"  {len(acknowledged)} writes acknowledged, {len(ids)} stored, {len(lost)} lost")
        if lost:
            problems.append(f"acknowledged writes lost: {sorted(lost)[:10]}")
        if problems:
            for problem in problems:
                print("fault: FAILED: " + problem, file=sys.stderr)
            sys.exit(1)
        print("fault: passed — clean 503s during the outage, recovery without a restart, no acknowledged write lost")
    finally:
        if server and server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", pg_dir], capture_output=True)


if __name__ == "__main__":
    main()
