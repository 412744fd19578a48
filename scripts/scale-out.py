#!/usr/bin/env python3
"""Two `accord serve` instances behind nginx on one PostgreSQL: Accord scaled out on the engine users already run.

Starts a throw-away PostgreSQL (scripts/test-postgres.sh), loads the demo into it, serves it from two instances on
loopback ports and puts nginx (Debian package; installed when missing) in front, round robin. Then checks:

1. sessions: signed in through instance A, the same cookie reads pages on instance B and through nginx (40 pages,
   both instances answering); signing out on B ends the session on A.
2. period close: `accord close-period` started on both instances' machines at once, on a day after the demo's
   quarter ended — each goal is closed once (one run closes, the other waits on the database lock and finds
   nothing), and no goal is carried forward twice.
3. imports: the same 20,000-line file imported twice at once — the totals count every line once.
4. the maintained goal progress equals a recomputation (`accord check-scorecard`) and the rollups equal the facts
   (`accord check-rollups`).

    python3 scripts/scale-out.py path/to/accord
Prints the figures docs/RELIABILITY.md records; exits non-zero when a check fails. Everything stops at the end.
"""
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_ready(base):
    for _ in range(240):
        try:
            if urllib.request.urlopen(base + "/readyz", timeout=2).status == 200:
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"{base} did not become ready")


class Session:
    """A cookie-keeping client that does not follow redirects."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, url):
        try:
            response = self.opener.open(url, timeout=60)
            return response.status, response.read().decode(errors="replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def post(self, url, fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            response = self.opener.open(urllib.request.Request(url, data=data), timeout=60)
            return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def cookie(self):
        return {c.name: c.value for c in self.jar}.get("accord_session")

    def use_cookie_on(self, other_host_url, value):
        """Sends the same session cookie to another origin (another instance on another port)."""
        host = urllib.parse.urlparse(other_host_url).hostname
        self.jar.set_cookie(http.cookiejar.Cookie(
            0, "accord_session", value, None, False, host, False, False, "/", True, False, None, False, None, None, {}))


def csrf(html):
    found = re.search(r'name="_csrf" value="([^"]*)"', html)
    return found.group(1) if found else ""


def check(condition, message, failures):
    print(("  ok   " if condition else "  FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    accord = os.path.abspath(sys.argv[1])
    if not shutil.which("nginx"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    work = tempfile.mkdtemp(prefix="accord-scale-")
    started = subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], capture_output=True, text=True,
                             check=True).stdout
    pg = dict(re.findall(r"export (\w+)=(\S+)", started))
    servers, nginx_conf, failures = [], None, []
    try:
        env = dict(os.environ, DATABASE_URL=pg["TEST_DATABASE_URL"], LOG_LEVEL="warning")
        subprocess.run([accord, "migrate", "--yes"], env=env, cwd=work, check=True, capture_output=True)
        subprocess.run([accord, "demo"], env=env, cwd=work, check=True, capture_output=True)
        ports = [free_port(), free_port()]
        for index, port in enumerate(ports):
            log = open(os.path.join(work, f"serve-{index}.log"), "w")
            servers.append(subprocess.Popen([accord, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                                            cwd=work, stdout=log, stderr=subprocess.STDOUT))
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base in bases:
            wait_ready(base)
        proxy_port = free_port()
        nginx_conf = os.path.join(work, "nginx.conf")
        with open(nginx_conf, "w") as f:
            f.write(f"""
daemon off; pid {work}/nginx.pid; error_log {work}/nginx-error.log; worker_processes 1;
events {{ worker_connections 256; }}
http {{
  access_log off; client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  upstream accord {{ server 127.0.0.1:{ports[0]}; server 127.0.0.1:{ports[1]}; }}
  server {{
    listen 127.0.0.1:{proxy_port};
    client_max_body_size 0; proxy_request_buffering off;
    location / {{ proxy_pass http://accord; proxy_set_header Host $host; proxy_set_header X-Request-Id $request_id; }}
  }}
}}
""")
        servers.append(subprocess.Popen(["nginx", "-c", nginx_conf], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
        proxy = f"http://127.0.0.1:{proxy_port}"
        wait_ready(proxy)

        print("1. sessions across instances", flush=True)
        a = Session()
        _, page, _ = a.get(bases[0] + "/login")
        status, _ = a.post(bases[0] + "/login", {"login": "admin", "password": "accord-demo-admin", "_csrf": csrf(page)})
        check(status == 303, f"signed in on instance A ({status})", failures)
        cookie = a.cookie()
        b = Session()
        b.use_cookie_on(bases[1], cookie)
        status, html, _ = b.get(bases[1] + "/")
        check(status == 200 and "Program overview" in html, f"the session reads the overview on instance B ({status})", failures)
        via = Session()
        via.use_cookie_on(proxy, cookie)
        answers = [via.get(proxy + path)[0] for path in ["/", "/partners", "/portfolio", "/segments"] * 10]
        check(all(s == 200 for s in answers), f"40 pages through nginx, round robin: {sorted(set(answers))}", failures)
        status, html, _ = b.get(bases[1] + "/partners")
        status, _ = b.post(bases[1] + "/logout", {"_csrf": csrf(html)})
        status_after, _, _ = a.get(bases[0] + "/")
        check(status_after == 303, f"signed out on B, the session is over on A too ({status_after})", failures)

        print("2. period close started twice at once", flush=True)
        later = dict(env, ACCORD_TODAY="2027-02-10")
        runs = [subprocess.Popen([accord, "close-period"], env=later, cwd=work, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=600)[0] for run in runs]
        codes = [run.returncode for run in runs]
        closed = [sum(int(n) for n in re.findall(r"(\d+) (?:achieved|missed)", out)) for out in outputs]
        carried = [int((re.search(r"(\d+) carried forward", out) or [0, 0])[1]) for out in outputs]
        check(codes == [0, 0], f"both runs finished: exit {codes}", failures)
        check(min(closed) == 0 and max(closed) > 0, f"one run closed {max(closed)} goals, the other {min(closed)}", failures)
        psql = subprocess.run(["bash", "-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"], capture_output=True,
                              text=True).stdout.strip() + "/psql"
        doubles = subprocess.run([psql, pg["TEST_DATABASE_URL"].split("?")[0], "-Atc",
                                  "SELECT COUNT(*) FROM (SELECT carried_from FROM goals WHERE carried_from IS NOT NULL "
                                  "GROUP BY carried_from HAVING COUNT(*) > 1) d"], capture_output=True, text=True).stdout.strip()
        check(doubles == "0", f"no goal carried forward twice ({sum(carried)} carried forward in all)", failures)

        print("3. one file imported twice at once", flush=True)
        keys = subprocess.run([psql, pg["TEST_DATABASE_URL"].split("?")[0], "-Atc", "SELECT external_key FROM partners"],
                              capture_output=True, text=True).stdout.split()
        csv = os.path.join(work, "sales.csv")
        with open(csv, "w") as f:
            f.write("transaction_id,partner_key,date,amount,currency,customer,solution,region\n")
            for i in range(20_000):
                f.write(f"SCALE-{i},{keys[i % len(keys)]},2026-11-{1 + i % 28:02d},{100 + i % 900}.00,USD,C{i % 97},Firewall,EMEA\n")
        imports = [subprocess.Popen([accord, "import", "sales", csv, "--quiet"], env=env, cwd=work, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=600)[0] for run in imports]
        count = subprocess.run([psql, pg["TEST_DATABASE_URL"].split("?")[0], "-Atc",
                                "SELECT COUNT(*), SUM(amount) FROM sales_lines WHERE fact_id LIKE 'SCALE-%'"],
                               capture_output=True, text=True).stdout.strip()
        expected_total = sum((100 + i % 900) * 100 for i in range(20_000))
        check(count == f"20000|{expected_total}", f"20,000 lines counted once, amounts exact ({count}); exits "
              f"{[run.returncode for run in imports]}", failures)

        print("4. maintained data agrees with a recomputation", flush=True)
        for command in (["check-scorecard"], ["check-rollups"]):
            result = subprocess.run([accord, *command], env=env, cwd=work, capture_output=True, text=True)
            check(result.returncode == 0, f"accord {command[0]}: {result.stdout.strip().splitlines()[-1:]}", failures)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", pg["ACCORD_PG_DIR"]], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print("all checks passed")


if __name__ == "__main__":
    main()
