#!/usr/bin/env python3
"""Concurrent requests against a live Accord, on SQLite and on PostgreSQL: races, throttle and lost writes.

For each database a fresh `accord serve --demo` in a temporary working directory (PostgreSQL: a throw-away server
from scripts/test-postgres.sh, stopped at the end whatever happens). Every case releases all its requests at once
(connections opened first, then a threading.Barrier) and counts the answers per status:

1. sign-in: 41 clients, each with its own session cookie and CSRF token from GET /login, POST a wrong password for
   one account (sam.ortiz) at once. Passes when at most 5 passwords were checked (401; a 429 is the throttle
   refusing before checking) and nothing answered 5xx.
2. goals: 50 answers from the partner admin (accept, decline, counter, withdraw) to one goal the channel manager
   proposed, then 10 rounds of 2 conflicting answers (accept|counter, accept|decline, counter|counter) on fresh
   goals. Passes when exactly one answer lands per goal (a partner may withdraw its own counter after it landed),
   every other is 409 (write race lost) or 422 (a rule refused it), no 5xx, and the stored goal (status, revisions,
   partner acceptances) matches the answers that landed: otherwise a write was lost.
3. mixed: 100 reads (partners, goals, scorecard through the API; the partner page with dana.reyes's session) and
   100 writes (80 activity records with unique ids, 10 goal proposals, 10 accepts). Passes when nothing answered
   5xx or not at all and every acknowledged write is stored; prints the slowest and median read.

The run fails too if the server exited or its log shows "Fatal error" or "Internal Server Error".

    python3 scripts/concurrency.py path/to/accord [--database sqlite|postgres|both]
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"
TIMEOUT = 180
WRONG_LOGIN, ACCOUNT_LIMIT = "sam.ortiz", 5
PARTNER_KEY = "NW-1004"

def free_port():
    """A free loopback port."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def call(port, method, path, body=None, token=None, headers=None, conn=None):
    """One request; returns (status, headers, body bytes, ms). Status 0 means no answer at all."""
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if isinstance(body, (dict, list)):
        body, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    started = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheaders(), data, (time.monotonic() - started) * 1000
    except (OSError, http.client.HTTPException) as error:
        return 0, [], repr(error).encode(), (time.monotonic() - started) * 1000
    finally:
        conn.close()


def api(port, method, path, body=None, token=None, expect=(200, 201)):
    status, _, data, _ = call(port, method, path, body, token)
    if status not in expect:
        raise RuntimeError(f"{method} {path} answered {status}: {data[:300]!r}")
    return json.loads(data) if data else None


def burst(port, calls):
    """calls: (kind, method, path, body, token, headers). All connect, wait at one barrier, then send at once."""
    barrier = threading.Barrier(len(calls))

    def one(c):
        kind, method, path, body, token, headers = c
        conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        try:
            conn.connect()
        except OSError:
            pass  # the request below reconnects or reports no answer
        barrier.wait()
        status, _, data, ms = call(port, method, path, body, token, headers, conn)
        return {"kind": kind, "status": status, "body": data, "ms": ms}

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


def statuses(results):
    return " ".join(f"{s}x{n}" for s, n in sorted(Counter(r["status"] for r in results).items()))


def bad(results):
    """Answers that are 5xx or no answer at all."""
    return [r for r in results if r["status"] >= 500 or r["status"] == 0]


class Accord:
    """One `accord serve --demo` in a fresh working directory."""

    def __init__(self, binary, work, port, env):
        self.binary, self.work, self.port, self.env = binary, work, port, env
        self.log_path = os.path.join(work, "serve.log")
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen([binary, "serve", "--demo", "--hostname", HOST, "--port", str(port)],
                                            cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"accord serve exited with {self.process.returncode}:\n{self.log_tail()}")
            if call(port, "GET", "/readyz")[0] == 200:
                return
            time.sleep(0.5)
        raise RuntimeError(f"accord serve was not ready after 300 s:\n{self.log_tail()}")

    def token(self, name, role, partner=None):
        command = [self.binary, "token", "create", name, "--role", role] + (["--partner", partner] if partner else [])
        out = subprocess.run(command, cwd=self.work, env=self.env, capture_output=True, text=True, check=True)
        return out.stdout.strip().splitlines()[-1]

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def log_tail(self, n=20):
        return "\n".join(self.log().splitlines()[-n:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def login_form(port):
    """GET /login: this client's own session cookie and the form's CSRF token."""
    status, headers, data, _ = call(port, "GET", "/login")
    cookie = next((v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("accord_session=")), None)
    csrf = re.search(rb'name="_csrf" value="([^"]*)"', data)
    if status != 200 or not cookie or not csrf:
        raise RuntimeError(f"GET /login answered {status} without a session cookie or CSRF token")
    return cookie, csrf.group(1).decode()


def login_post(cookie, csrf, login, password):
    body = urllib.parse.urlencode({"login": login, "password": password, "_csrf": csrf}).encode()
    return body, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}


def sign_in(port, login, password):
    cookie, csrf = login_form(port)
    body, headers = login_post(cookie, csrf, login, password)
    status, answer_headers, data, _ = call(port, "POST", "/login", body, headers=headers)
    if status not in (302, 303):
        raise RuntimeError(f"signing in {login} answered {status}: {data[:200]!r}")
    fresh = [v.split(";")[0] for k, v in answer_headers if k.lower() == "set-cookie" and v.startswith("accord_session=")]
    return fresh[-1] if fresh else cookie


def next_quarter(label):
    year, quarter = map(int, re.fullmatch(r"FY(\d+) Q([1-4])", label).groups())
    return f"FY{year + quarter // 4} Q{quarter % 4 + 1}"


class Setup:
    """Tokens, the partner and a way to propose goals to it."""

    def __init__(self, server):
        self.port = server.port
        self.admin = server.token("concurrency-admin", "program_admin")
        self.partner_token = server.token("concurrency-partner", "partner_admin", PARTNER_KEY)
        found = api(self.port, "GET", f"/api/v1/partners?search={PARTNER_KEY}", token=self.admin)["items"]
        self.partner = next(p for p in found if p["external_key"] == PARTNER_KEY)
        self.cam = server.token(self.partner["channel_manager"], "channel_manager")
        self.period = next_quarter(self.partner["current_period"])
        self.metrics = ["marketing_campaigns", "deal_registrations", "certifications_earned", "enablement_sessions"]
        self.targets = ["500", "5000", "50000"]

    def goal_body(self, metric, target):
        return {"partner_id": self.partner["id"], "period": self.period, "metric": metric, "target": target,
                "behaviour": "Concurrency check: joint campaigns every week"}

    def propose(self):
        """Proposes a goal as the channel manager (the program admin if refused), adjusting after a 422."""
        reasons = []
        for token in (self.cam, self.admin):
            for metric, target in [(m, t) for m in list(self.metrics) for t in self.targets]:
                status, _, data, _ = call(self.port, "POST", "/api/v1/goals", self.goal_body(metric, target), token)
                if status == 201:
                    if reasons:
                        print("  proposal adjusted after: " + "; ".join(reasons))
                    self.metrics.remove(metric)
                    self.metrics.insert(0, metric)  # what worked is tried first next time
                    return json.loads(data)["id"]
                reasons.append(f"{metric} {target}: {status} {data[:160]!r}")
                if status == 403:
                    break
        raise RuntimeError("no goal could be proposed:\n  " + "\n  ".join(reasons))


def answer_call(setup, kind, goal_id):
    body = {"decline": {"reason": "x"}, "counter": {"target": "600"}}.get(kind)
    return (kind, "POST", f"/api/v1/goals/{goal_id}/{kind}", body, setup.partner_token, None)


def check_goal(setup, goal_id, results):
    """Problems with one raced goal: how many answers landed, and whether the stored goal matches them."""
    landed = Counter(r["kind"] for r in results if 200 <= r["status"] < 300)
    answers = landed["accept"] + landed["decline"] + landed["counter"]
    problems = []
    if answers != 1 or (landed["withdraw"] and not landed["counter"]):
        problems.append(f"goal {goal_id}: {dict(landed)} landed, expected exactly one answer")
    goal = api(setup.port, "GET", f"/api/v1/goals/{goal_id}", token=setup.admin)
    expected_status = ("declined" if landed["decline"] else "withdrawn" if landed["withdraw"]
                       else "agreed/active" if landed["accept"] else "proposed")
    partner_acceptances = sum(1 for a in goal["acceptances"] if a["side"] == "partner")
    lost = (goal["status"] not in expected_status.split("/")
            or len(goal["revisions"]) != 1 + landed["counter"]
            or partner_acceptances != landed["accept"] + landed["counter"]
            or (landed["decline"] and goal.get("decline_reason") != "x"))
    if lost:
        problems.append(f"goal {goal_id}: stored status {goal['status']}, {len(goal['revisions'])} revisions, "
                        f"{partner_acceptances} partner acceptances; the answers that landed were {dict(landed)} "
                        f"(expected {expected_status})")
    return problems, int(bool(lost))


def row(case, results, checked="-", lost=0, reads=None):
    slow = f"{max(reads):.0f} ms (median {statistics.median(reads):.0f})" if reads else "-"
    return {"case": case, "requests": len(results), "statuses": statuses(results), "checked": checked,
            "409": sum(r["status"] == 409 for r in results), "422": sum(r["status"] == 422 for r in results),
            "5xx": len(bad(results)), "lost": lost, "slowest read": slow}


def case_sign_in(server, problems):
    forms = [login_form(server.port) for _ in range(41)]
    calls = []
    for i, (cookie, csrf) in enumerate(forms):
        body, headers = login_post(cookie, csrf, WRONG_LOGIN, f"not-the-password-{i}")
        calls.append(("sign-in", "POST", "/login", body, None, headers))
    results = burst(server.port, calls)
    checked = sum(r["status"] == 401 for r in results)
    other = [r["status"] for r in results if r["status"] not in (401, 429)]
    if checked > ACCOUNT_LIMIT:
        problems.append(f"sign-in: {checked} wrong passwords checked for one account, the limit is {ACCOUNT_LIMIT}")
    if other:
        problems.append(f"sign-in: answers other than 401/429: {sorted(other)}")
    return row("1 sign-in x41", results, checked=f"{checked}/{ACCOUNT_LIMIT}")


def case_goals(server, setup, problems):
    kinds = ["accept", "decline", "counter", "withdraw"]
    goal_id = setup.propose()
    results = burst(server.port, [answer_call(setup, kinds[i % 4], goal_id) for i in range(50)])
    rows_problems, lost_one = check_goal(setup, goal_id, results)
    lost_rounds = 0
    rounds = [("accept", "counter"), ("accept", "decline"), ("counter", "counter")]
    round_results = []
    for n in range(10):
        goal_id = setup.propose()
        pair = burst(server.port, [answer_call(setup, kind, goal_id) for kind in rounds[n % 3]])
        found, lost_here = check_goal(setup, goal_id, pair)
        rows_problems += found
        lost_rounds += lost_here
        round_results += pair
    for name, rs in (("goals", results), ("goal rounds", round_results)):
        landed = sum(200 <= r["status"] < 300 for r in rs)
        losers = [r for r in rs if not 200 <= r["status"] < 300]
        problems += [f"{name}: a losing {r['kind']} answered {r['status']} (expected 409 or 422): {r['body'][:200]!r}"
                     for r in losers if r["status"] not in (409, 422)]
        kinds = dict(Counter(r["kind"] for r in rs if 200 <= r["status"] < 300))
        print(f"  {name}: {landed} landed {kinds}, losers {sum(r['status'] == 409 for r in losers)} x 409 (race lost), "
              f"{sum(r['status'] == 422 for r in losers)} x 422 (rule refused)")
    problems += rows_problems
    return [row("2 answers x50, one goal", results, lost=lost_one),
            row("2 rounds 10 x 2 answers", round_results, lost=lost_rounds)]


def case_mixed(server, setup, problems):
    port, pid = server.port, setup.partner["id"]
    cookie = sign_in(port, "dana.reyes", "accord-demo-partner")
    if call(port, "GET", f"/partners/{pid}", headers={"Cookie": cookie})[0] != 200:
        raise RuntimeError("dana.reyes's session does not open the partner page")
    today = api(port, "GET", f"/api/v1/partners/{pid}/scorecard", token=setup.partner_token)["as_of"]
    to_accept = [setup.propose() for _ in range(10)]
    run = uuid.uuid4().hex[:8]
    records = [{"activity_id": f"CONC-{run}-{i}", "partner_key": PARTNER_KEY, "date": today,
                "metric": "marketing_campaigns", "value": "1"} for i in range(80)]
    reads = [("read", "GET", "/api/v1/partners", None, setup.admin, None),
             ("read", "GET", f"/api/v1/goals?partner_id={pid}", None, setup.partner_token, None),
             ("read", "GET", f"/api/v1/partners/{pid}/scorecard", None, setup.partner_token, None),
             ("read", "GET", f"/partners/{pid}", None, None, {"Cookie": cookie})] * 25
    writes = [("activity", "POST", "/api/v1/facts/activities", {"records": [r]}, setup.partner_token, None) for r in records]
    writes += [("propose", "POST", "/api/v1/goals", setup.goal_body(setup.metrics[0], "500"), setup.cam, None)] * 10
    writes += [answer_call(setup, "accept", g) for g in to_accept]
    calls = [c for pair in zip(reads, writes) for c in pair]  # interleaved
    results = burst(port, calls)
    refused = [r for r in results if not 200 <= r["status"] < 300]  # nothing here conflicts: all should land
    problems += [f"mixed: {r['kind']} answered {r['status']}: {r['body'][:200]!r}" for r in refused[:10]]
    # Every acknowledged write must be stored.
    lost = 0
    stored = [rec for rec, r in zip(records, [r for r in results if r["kind"] == "activity"]) if 200 <= r["status"] < 300]
    if stored:
        again = api(port, "POST", "/api/v1/facts/activities", {"records": stored}, setup.partner_token)
        lost += len(stored) - again["already_present"]
    proposed = [json.loads(r["body"])["id"] for r in results if r["kind"] == "propose" and 200 <= r["status"] < 300]
    lost += sum(call(port, "GET", f"/api/v1/goals/{goal_id}", token=setup.admin)[0] != 200 for goal_id in proposed)
    accepts = [r for r in results if r["kind"] == "accept"]
    for goal_id, r in zip(to_accept, accepts):
        if 200 <= r["status"] < 300:
            lost += api(port, "GET", f"/api/v1/goals/{goal_id}", token=setup.admin)["status"] not in ("agreed", "active")
    if lost:
        problems.append(f"mixed: {lost} acknowledged writes are not stored")
    return row("3 mixed 100 reads + 100 writes", results, lost=lost, reads=[r["ms"] for r in results if r["kind"] == "read"])


def run_database(name, binary, pg_env):
    """Runs the three cases on one database; returns (rows, problems)."""
    work = tempfile.mkdtemp(prefix=f"accord-concurrency-{name}-")
    env = dict(os.environ, LOG_LEVEL="info", **pg_env)
    server, problems, rows = None, [], []
    started = time.monotonic()
    try:
        server = Accord(binary, work, free_port(), env)
        print(f"[{name}] accord ready on port {server.port} after {time.monotonic() - started:.0f} s (work dir {work})")
        setup = Setup(server)
        print(f"[{name}] partner {setup.partner['name']} ({PARTNER_KEY}), channel manager '{setup.partner['channel_manager']}', "
              f"goals for {setup.period}")
        rows.append(case_sign_in(server, problems))
        rows += case_goals(server, setup, problems)
        rows.append(case_mixed(server, setup, problems))
    except Exception as error:  # a broken case is a failure, reported with the server's log
        problems.append(f"{type(error).__name__}: {error}")
    finally:
        if server:
            if server.process.poll() is not None:
                problems.append(f"the server exited with {server.process.returncode}")
            for pattern in ("Fatal error", "Internal Server Error", r"status: 5\d\d"):  # the last: a 5xx in the request log
                lines = [line for line in server.log().splitlines() if re.search(pattern, line)]
                if lines:
                    problems.append(f"the server log shows '{pattern}':\n    " + "\n    ".join(lines[:10]))
            if problems:
                print(f"[{name}] last server log lines:\n{server.log_tail()}")
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"[{name}] done in {time.monotonic() - started:.0f} s")
    return rows, problems


def start_postgres():
    out = subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], check=True,
                         capture_output=True, text=True).stdout
    found = dict(re.findall(r"export (\w+)=(\S+)", out))
    return found["TEST_DATABASE_URL"], found["ACCORD_PG_DIR"]


def print_table(name, rows):
    columns = ["case", "requests", "statuses", "checked", "409", "422", "5xx", "lost", "slowest read"]
    titles = {"checked": "checked/limit", "lost": "lost writes"}
    widths = {c: max(len(titles.get(c, c)), *(len(str(r[c])) for r in rows)) for c in columns}
    print(f"\n{name}")
    print("  " + "  ".join(titles.get(c, c).ljust(widths[c]) for c in columns))
    for r in rows:
        print("  " + "  ".join(str(r[c]).ljust(widths[c]) for c in columns))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("accord", help="path to the accord binary")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    binary = os.path.realpath(args.accord)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the finally blocks stop the servers
    started, tables, failures = time.monotonic(), [], []
    for name in (["sqlite", "postgres"] if args.database == "both" else [args.database]):
        pg_dir = None
        try:
            pg_env = {}
            if name == "postgres":
                url, pg_dir = start_postgres()
                pg_env = {"DATABASE_URL": url}
                print(f"[postgres] {re.sub(r':[^:@/]+@', ':***@', url)}")
            rows, problems = run_database(name, binary, pg_env)
        except subprocess.CalledProcessError as error:
            rows, problems = [], [f"{error.cmd} failed: {error.stderr}"]
        finally:
            if pg_dir:
                subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", pg_dir], capture_output=True)
        tables.append((name, rows))
        failures += [f"{name}: {p}" for p in problems]
    for name, rows in tables:
        if rows:
            print_table(name, rows)
    print(f"\nrun time {time.monotonic() - started:.0f} s")
    if failures:
        print("\nconcurrency: FAILED", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        sys.exit(1)
    print("concurrency: passed")


if __name__ == "__main__":
    main()
