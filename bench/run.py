#!/usr/bin/env python3
"""Accord's benchmark: each Accord step side by side with a reference tool, in one session on one machine.

    swift build -c release --product accord
    python3 bench/run.py [--scale 1.0] [--runs 3] [--accord .build/release/accord] [--no-postgres] [--no-wrk]

Steps (docs/PERFORMANCE.md has the table this prints and how to read it):
  1. import of sales.csv into SQLite        vs  sqlite3 CLI .import into a bare table
  2. the same into PostgreSQL               vs  psql \\copy into a bare table
  3. program-wide scorecard for a quarter   vs  DuckDB over the raw CSV, and sqlite3 over raw facts
  4. every program-wide page and the partner page, one request at a time   vs  the 100 ms target
     /healthz with a session, the partner page, the overview and the partner list under wrk   vs  /healthz
  5. accord close-period for the whole program
Medians over --runs; peak RSS of every Accord run (from wait4). Needs sqlite3, wrk (Debian) and duckdb (PyPI);
PostgreSQL comes from scripts/test-postgres.sh.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAY = "2026-08-15"  # the scorecard's quarter holds this day, in each partner's own calendar
SALES_TABLE = ("CREATE TABLE sales(transaction_id TEXT, partner_key TEXT, date TEXT, amount NUMERIC, currency TEXT, "
               "customer TEXT, solution TEXT, region TEXT)")


def run(cmd, env=None, stdin=None, quiet=True):
    """Runs a command; returns (seconds, peak RSS in MiB)."""
    started = time.monotonic()
    process = subprocess.Popen(cmd, env=env, stdin=stdin, stdout=subprocess.DEVNULL if quiet else None,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    error = process.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{error[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def median_of(runs, body):
    results = [body() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


class Table:
    def __init__(self):
        self.rows = []

    def add(self, step, accord, reference, name, rss=None, unit="s"):
        ratio = accord / reference if reference else float("nan")
        self.rows.append((step, f"{accord:.2f} {unit}", f"{reference:.2f} {unit} ({name})", f"{ratio:.2f}",
                          f"{rss:.0f} MiB" if rss else ""))
        print(f"  {step}: Accord {accord:.2f} {unit}, {name} {reference:.2f} {unit}, ratio {ratio:.2f}", flush=True)

    def markdown(self):
        lines = ["| step | Accord (median) | reference (median) | ratio Accord ÷ reference | Accord peak RSS |",
                 "| --- | --- | --- | --- | --- |"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


def accord_env(work, database_url=None):
    env = dict(os.environ, ACCORD_SQLITE=os.path.join(work, "accord.sqlite"), LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def fresh_accord(accord, work, data, database_url=None, reset=None):
    """A migrated database with one program and the roster; returns its environment."""
    if reset:
        reset()
    path = os.path.join(work, "accord.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    env = accord_env(work, database_url)
    run([accord, "migrate", "-y"], env=env)
    run([accord, "program-create", "Bench", "--fiscal-start-month", "2"], env=env)
    run([accord, "import", "partners", os.path.join(data, "roster.csv"), "--quiet"], env=env)
    return env


def scorecard_sql(sales, roster, activities, dialect):
    """Per partner: revenue, deal registrations and mean satisfaction in its fiscal quarter holding DAY."""
    if dialect == "duckdb":
        start = ("date_trunc('month', DATE '{d}') - to_months((((month(DATE '{d}') - r.fiscal_start_month) % 3) + 3) % 3)"
                 .format(d=DAY))
        quarter = f"SELECT partner_key, CAST({start} AS DATE) AS qs, CAST({start} + INTERVAL 3 MONTH AS DATE) AS qe FROM {roster} r"
        date = "CAST(date AS DATE)"
    else:
        shift = f"((((CAST(strftime('%m', '{DAY}') AS INTEGER) - r.fiscal_start_month) % 3) + 3) % 3)"
        quarter = (f"SELECT partner_key, date('{DAY}', 'start of month', '-' || {shift} || ' months') AS qs, "
                   f"date('{DAY}', 'start of month', '-' || {shift} || ' months', '+3 months') AS qe FROM {roster} r")
        date = "date"
    return f"""
        WITH q AS ({quarter}),
        rev AS (SELECT s.partner_key, SUM(CAST(s.amount AS DOUBLE)) AS revenue FROM {sales} s JOIN q USING (partner_key)
                WHERE {date.replace('date', 's.date')} >= q.qs AND {date.replace('date', 's.date')} < q.qe GROUP BY s.partner_key),
        act AS (SELECT a.partner_key,
                    SUM(CASE WHEN a.metric = 'deal_registrations' THEN 1 ELSE 0 END) AS deals,
                    AVG(CASE WHEN a.metric = 'customer_satisfaction' THEN CAST(a.value AS DOUBLE) END) AS satisfaction
                FROM {activities} a JOIN q USING (partner_key)
                WHERE {date.replace('date', 'a.date')} >= q.qs AND {date.replace('date', 'a.date')} < q.qe GROUP BY a.partner_key)
        SELECT q.partner_key, rev.revenue, act.deals, act.satisfaction FROM q
        LEFT JOIN rev USING (partner_key) LEFT JOIN act USING (partner_key) ORDER BY q.partner_key"""


def wrk(url, cookie, seconds):
    cmd = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--timeout", "30s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = (int(errors.group(1)) if errors else 0) + (sum(int(n) for n in sockets.groups()) if sockets else 0)
    return rate, float(p99.group(1)) * scale, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--accord", default=os.path.join(ROOT, ".build/release/accord"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-wrk", action="store_true")
    parser.add_argument("--wrk-seconds", type=int, default=20)
    parser.add_argument("--work", help="where to put the data (default: a temporary directory, removed at the end)")
    args = parser.parse_args()
    accord = os.path.abspath(args.accord)
    work = args.work or tempfile.mkdtemp(prefix="accord-bench-")
    data = os.path.join(work, "data")
    table = Table()
    print(f"workload ×{args.scale} in {work}", flush=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/generate.py"), data, "--scale", str(args.scale)], check=True)
    sales_csv, roster_csv, activities_csv = (os.path.join(data, f) for f in ("sales.csv", "roster.csv", "activities.csv"))

    # 1. SQLite import
    bare = os.path.join(work, "bare.sqlite")

    def sqlite_cli():
        if os.path.exists(bare):
            os.remove(bare)
        script = f"{SALES_TABLE};\n.mode csv\n.import --skip 1 {sales_csv} sales\n"
        return run(["sqlite3", bare], stdin=subprocess.Popen(["printf", "%s", script], stdout=subprocess.PIPE).stdout)

    reference, _ = median_of(args.runs, sqlite_cli)

    def accord_sqlite():
        env = fresh_accord(accord, work, data)
        return run([accord, "import", "sales", sales_csv, "--quiet"], env=env)

    seconds, rss = median_of(args.runs, accord_sqlite)
    table.add("import sales.csv into SQLite", seconds, reference, "sqlite3 .import", rss)
    env = accord_env(work)
    run([accord, "import", "activities", activities_csv, "--quiet"], env=env)
    run([accord, "bench-goals", "--quarter-containing", DAY], env=env)
    # The maintained goal progress, filled from scratch once (afterwards imports and goal changes keep it current).
    seconds, rss = run([accord, "refresh"], env=env)
    table.add("accord refresh: goal progress filled from scratch", seconds, 10.0, "target 10 s", rss)

    # 3. the scorecard, on the SQLite database just loaded
    seconds, rss = median_of(args.runs, lambda: run(
        [accord, "scorecard", "--quarter-containing", DAY, "--output", os.path.join(work, "scorecard.csv")], env=env))
    duck = os.path.join(work, "scorecard.duckdb.sql")
    with open(duck, "w") as f:
        f.write(scorecard_sql(f"read_csv('{sales_csv}', all_varchar=true)", f"read_csv('{roster_csv}')",
                              f"read_csv('{activities_csv}', all_varchar=true)", "duckdb") + ";")
    duck_seconds, _ = median_of(args.runs, lambda: run(
        [sys.executable, "-c", f"import duckdb; duckdb.sql(open('{duck}').read()).fetchall()"]))
    table.add("program-wide scorecard, one quarter", seconds, duck_seconds, "DuckDB over raw CSV", rss)
    run(["sqlite3", bare], stdin=subprocess.Popen(["printf", "%s", (
        f"CREATE TABLE roster(partner_key TEXT, name TEXT, business_model TEXT, region TEXT, channel_manager TEXT, "
        f"fiscal_start_month INTEGER, stage TEXT, company_revenue INTEGER, vendor_revenue_ttm INTEGER, engineers INTEGER, "
        f"certified_engineers INTEGER);\nCREATE TABLE activities(activity_id TEXT, partner_key TEXT, date TEXT, metric TEXT, "
        f"value TEXT, subject TEXT);\n.mode csv\n.import --skip 1 {roster_csv} roster\n"
        f".import --skip 1 {activities_csv} activities\n")], stdout=subprocess.PIPE).stdout)
    lite_sql = scorecard_sql("sales", "roster", "activities", "sqlite") + ";\n"
    lite_seconds, _ = median_of(args.runs, lambda: run(
        ["sqlite3", bare], stdin=subprocess.Popen(["printf", "%s", lite_sql], stdout=subprocess.PIPE).stdout))
    table.add("program-wide scorecard, one quarter", seconds, lite_seconds, "sqlite3 over raw facts", rss)

    # 4. pages under wrk, release build, against /healthz of the same server
    if not args.no_wrk and shutil.which("wrk"):
        port = 18000 + os.getpid() % 1000
        server = subprocess.Popen([accord, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                if subprocess.run(["curl", "-fs", base + "/healthz"], capture_output=True).returncode == 0:
                    break
                time.sleep(0.2)
            subprocess.run([accord, "user", "create", "bench-admin", "--role", "program_admin", "--name", "Bench Admin",
                            "--password", "bench-password-long-enough"], env=env, capture_output=True)
            jar = os.path.join(work, "cookies")
            page = subprocess.run(["curl", "-fs", "-c", jar, "-b", jar, base + "/login"], capture_output=True, text=True).stdout
            csrf = re.search(r'name="_csrf" value="([^"]*)"', page).group(1)
            subprocess.run(["curl", "-fs", "-c", jar, "-b", jar, "-o", "/dev/null", "--data-urlencode", f"_csrf={csrf}",
                            "--data-urlencode", "login=bench-admin", "--data-urlencode",
                            "password=bench-password-long-enough", base + "/login"], check=True)
            fields = [line.rstrip("\n").split("\t") for line in open(jar) if not line.startswith("# ")]
            cookie = "; ".join(f"{f[5]}={f[6]}" for f in fields if len(f) == 7)
            partner = subprocess.run(["curl", "-fs", "-b", jar, base + "/partners"], capture_output=True, text=True).stdout
            partner_path = re.search(r'href="(/partners/[0-9A-Fa-f-]{36})"', partner).group(1)
            cam = re.search(r'<option value="([^"]+)"', subprocess.run(
                ["curl", "-fs", "-b", jar, base + "/portfolio"], capture_output=True, text=True).stdout)
            pages = (("partner page", partner_path), ("overview", "/"), ("partner list, first page", "/partners"),
                     ("partner list, filtered and sorted", "/partners?stage=established&sort=status&dir=desc&page=2"),
                     ("portfolio", "/portfolio" + (f"?cam={urllib.parse.quote(cam.group(1))}" if cam else "")),
                     ("segments", "/segments"), ("channel managers", "/channel-managers"), ("recognition", "/recognition"),
                     ("coverage", "/coverage"))
            for name, path in pages:
                times = []
                for _ in range(3):
                    out = subprocess.run(["curl", "-fs", "-b", jar, "-o", "/dev/null", "-w", "%{time_total}", base + path],
                                         capture_output=True, text=True, timeout=120)
                    if out.returncode != 0:
                        sys.exit(f"failed: GET {path} answered curl exit {out.returncode}")
                    times.append(float(out.stdout) * 1000)
                table.add(f"{name}, one request", statistics.median(times), 100.0, "target 100 ms", unit="ms")
            bare_rate, bare_p99, _ = wrk(base + "/healthz", None, args.wrk_seconds)
            rate, p99, errors = wrk(base + "/healthz", cookie, args.wrk_seconds)
            table.add(f"/healthz with a session under wrk -c64 (requests/s; p99 {p99:.1f} ms, {errors} errors)", rate,
                      bare_rate, f"/healthz without, p99 {bare_p99:.1f} ms", unit="req/s")
            # The partner page first: an overview slower than wrk's timeout would leave the server busy after wrk.
            for name, path in (("partner page", partner_path), ("overview page", "/"), ("partner list", "/partners")):
                rate, p99, errors = wrk(base + path, cookie, args.wrk_seconds)
                table.add(f"{name} under wrk -c64 (requests/s; p99 {p99:.1f} ms, {errors} errors)", rate, bare_rate,
                          f"/healthz, p99 {bare_p99:.1f} ms", unit="req/s")
        finally:
            # Graceful shutdown finishes in-flight requests; a backlog of slow pages is not worth waiting for.
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    # 5. period close over the whole program (goals of an ended quarter, in the same database); a copy of the
    # database as it was before the close stays in --work, so the close alone can be measured again
    if args.work:
        shutil.copyfile(os.path.join(work, "accord.sqlite"), os.path.join(work, "before-close.sqlite"))
    close_seconds, close_rss = run([accord, "close-period"], env=env)
    table.add("accord close-period, whole program", close_seconds, 10.0, "target 10 s", close_rss)
    run([accord, "check-rollups"], env=env)

    # 2. PostgreSQL import, when a throw-away server can be started
    if not args.no_postgres:
        # PostgreSQL's default 128 MB of shared buffers is far smaller than 10 M facts' indexes and rollups: at full size
        # the import was bound by the server evicting their pages (docs/PERFORMANCE.md); a real server has more.
        started = subprocess.run(["bash", os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], capture_output=True,
                                 text=True, env=dict(os.environ, ACCORD_PG_OPTIONS="-c shared_buffers=1GB"))
        if started.returncode == 0:
            exports = dict(re.findall(r"export (\w+)=\"?([^\"\n]*)\"?", started.stdout))
            url, pg_dir = exports["TEST_DATABASE_URL"], exports["ACCORD_PG_DIR"]
            try:
                def reset():
                    subprocess.run(["psql", url, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True,
                                   capture_output=True)

                def psql_copy():
                    reset()
                    subprocess.run(["psql", url, "-qc", SALES_TABLE], check=True, capture_output=True)
                    return run(["psql", url, "-qc", f"\\copy sales FROM '{sales_csv}' WITH (FORMAT csv, HEADER true)"])

                reference, _ = median_of(args.runs, psql_copy)

                def accord_postgres():
                    pg_env = fresh_accord(accord, work, data, database_url=url, reset=reset)
                    return run([accord, "import", "sales", sales_csv, "--quiet"], env=pg_env)

                seconds, rss = median_of(args.runs, accord_postgres)
                table.add("import sales.csv into PostgreSQL", seconds, reference, "psql \\copy", rss)
            finally:
                subprocess.run(["bash", os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", pg_dir], capture_output=True)

    print()
    print(table.markdown())
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
