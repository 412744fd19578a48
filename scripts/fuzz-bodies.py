#!/usr/bin/env python3
"""Sends malformed bodies, content types, query values and out-of-range figures to every operation of the API
contract (openapi/openapi.yaml) on a live `accord serve --demo`, as a program admin and as a partner admin.

Bodies (every POST): empty and truncated multipart, broken and plain form data, text/plain, no Content-Type, broken
or odd JSON (empty, `{`, `[1,2`, null, a string, a number, [], {}, 10,000-deep nesting, a 3 MB string, 5 MB over the
4 MB limit), and a valid-looking body built from the request schema with each field in turn set to an out-of-range
number, a NUL, 100,000 characters, an impossible date or period, plus one unknown field. CSV imports also get an
empty file, a header only, a 70 KiB field, a NUL, 1e20, 9999-12-31 and 6 MB whose first data line is bad. Every
operation gets unparsable values for each declared query parameter and one undeclared parameter. Path parameters
are real ids of the demo (partner NW-1004 and its goals, plan, objective and reviews; the program; an open level
recommendation; read again before each operation) and random UUIDs.

Fails (exit 1) on any 5xx, any request without an answer within --timeout seconds, any dropped connection, a
server log with "Fatal error" or "Internal Server Error", or a server that died. A value the contract types (uuid,
enum, integer, boolean, period) or an undeclared parameter answered outside 4xx is listed; --strict fails on it.

Usage: python3 scripts/fuzz-bodies.py path/to/accord [--port P] [--timeout 30] [--strict] [--keep]
Needs PyYAML, which .ci/run already has (a dependency of openapi-spec-validator and schemathesis).
"""
import argparse, collections, copy, http.client, itertools, json, os, shutil, signal, socket, subprocess, sys
import tempfile, time, urllib.parse, uuid

import yaml

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "openapi", "openapi.yaml")
NUMBERS = [-1, 0, 1e308, 9223372036854775808, "999999999999999999999.99"]
STRINGS = ["\u0000", "x" * 100_000]
DATES = ["0000-01-01", "9999-12-31", "+999-01-01", "2026-02-30"]
PERIODS = ["FY9999 Q4", "FY1999", "FY2027 Q9"]
MUTATIONS = {"number": NUMBERS, "string": STRINGS, "date": DATES + STRINGS, "period": PERIODS + STRINGS}
BAD_QUERY = ["not-a-uuid", "FY20X", "-1", "perhaps", "", "\u0000", "x" * 2000]
DATE_NAMES = ("_on", "as_of", "due", "date")
AMOUNTS = {"company_revenue": "2000000.00", "vendor_revenue_ttm": "100000.00", "amount": "10.00", "base_margin": "10",
           "mdf_share": "2", "minimum_trailing_revenue": "1000000"}  # plausible figures (some typed as strings)
CSV = {  # per import route: the header and one plausible row ({n} makes ids unique)
    "/imports/sales": ("transaction_id,partner_key,date,amount,currency,customer,solution,region",
                       "fz-{n},NW-1004,2026-11-02,100.00,USD,Fuzz Corp,,"),
    "/imports/activities": ("activity_id,partner_key,date,metric,value,subject",
                            "fz-{n},NW-1004,2026-11-02,deal_registrations,1,fuzz"),
    "/imports/partners": ("partner_key,name,business_model,region,channel_manager,fiscal_start_month,"
                          "company_revenue,vendor_revenue_ttm,engineers,certified_engineers",
                          "FZ-{n},Fuzz {n},reseller,LATAM,Dev Patel,1,1000000,1000,3,1"),
}
counter = itertools.count(1)
with open(SPEC) as spec_file:
    DOC = yaml.safe_load(spec_file)


def deref(node):
    while isinstance(node, dict) and "$ref" in node:
        target = DOC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations():
    for path, item in DOC["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                op = item[method]
                params = [deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]
                content = deref(op.get("requestBody", {})).get("content", {})
                yield dict(method=method.upper(), path=path, id=op["operationId"], params=params, content=content)


def kind(name, schema):
    """What a scalar field is, for choosing its mutations: date, period, number, string or other."""
    s = deref(schema)
    if str(schema.get("$ref")).endswith("/Day") or s.get("format") == "date" or name == "on" or name.endswith(DATE_NAMES):
        return "date"
    if name == "period":
        return "period"
    if "anyOf" in s or s.get("type") in ("integer", "number") or name in AMOUNTS:
        return "number"
    return "string" if s.get("type") == "string" else "other"


def sample(schema, name, ctx):
    """A plausible value for a schema: every property filled, figures within their bounds, one array item (one per
    side when the items have a side: both sides must take part)."""
    s = deref(schema)
    t = s.get("type", "object" if "properties" in s else None)
    if name in ctx:
        return ctx[name]
    if "enum" in s:
        return s["enum"][0]
    if "anyOf" in s:
        return "1000.00"
    if t == "object" and "properties" in s:
        return {k: sample(v, k, ctx) for k, v in s["properties"].items()}
    if t == "object":
        extra = s.get("additionalProperties")
        return {"fuzz": sample(extra, "fuzz", ctx)} if isinstance(extra, dict) else {}
    if t == "array":
        item = deref(s.get("items", {}))
        sides = deref(item.get("properties", {}).get("side", {})).get("enum", [None])
        return [dict(sample(item, name, ctx), side=side) if side else sample(item, name, ctx) for side in sides]
    if t in ("integer", "number"):
        low, high = s.get("minimum", 1), s.get("maximum")
        value = (low + high) / 2 if high is not None and t == "number" else max(low, 1)
        return min(value, high) if high is not None else value
    if t == "boolean":
        return True
    if kind(name, schema) == "date":
        return "2026-02-01"
    if s.get("format") == "uuid":
        return str(uuid.uuid4())
    return "fz_%d" % next(counter) if name in ("key", "external_key", "transaction_id", "activity_id") else "fuzz"


def leaves(value, schema, path=()):
    """(path, kind) of every scalar field of a sample body."""
    s = deref(schema)
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, s.get("properties", {}).get(k) or s.get("additionalProperties") or {}, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, s.get("items", {}), path + (i,))
    elif path:
        yield path, kind(next((p for p in reversed(path) if isinstance(p, str)), ""), schema)


def replaced(body, path, value):
    body = copy.deepcopy(body)
    target = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return body


def generic_bodies(full):
    """(content type, body) variants every POST gets; `full` adds the big and deep ones."""
    part = b'--x\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: application/json\r\n\r\n{"a": "hal'
    out = [("multipart/form-data; boundary=x", b"--x--"), ("multipart/form-data; boundary=x", part),
           ("application/x-www-form-urlencoded", b"a=%%%"), ("application/x-www-form-urlencoded", b"a=1&b=2"),
           ("text/plain", b"hello"), (None, b"{}")]
    out += [("application/json", b) for b in (b"", b"{", b"[1,2", b"null", b'"a string"', b"12", b"[]", b"{}")]
    if full:
        big = json.dumps({"unexpected_field": "y" * (5 * 1024 * 1024)}).encode()
        out += [("application/json", b) for b in (b"[" * 10_000, b"[" * 10_000 + b"]" * 10_000,
                                                  b'{"a":' * 10_000 + b"1" + b"}" * 10_000, big)]
    return out


def json_bodies(schema, ctx, full):
    """The valid-looking body from the schema, with one unknown field, and (full) a 3 MB string and each field
    mutated in turn."""
    valid = sample(schema, "", ctx)
    out = [valid] + ([dict(valid, unexpected_field=1)] if isinstance(valid, dict) else [])
    if full:
        fields = list(leaves(valid, schema))
        texts = [path for path, k in fields if k in ("string", "date", "period")]
        out.append(replaced(valid, texts[0], "s" * 3 * 1024 * 1024) if texts else {"value": "s" * 3 * 1024 * 1024})
        out += [replaced(valid, path, v) for path, k in fields for v in MUTATIONS.get(k, [])]
    return [("application/json", json.dumps(b).encode()) for b in out]


def csv_bodies(route, full):
    header, row = CSV[route]
    cols = header.split(",")

    def line(**changes):
        fields = row.format(n=next(counter)).split(",")
        for name, value in changes.items():
            fields[cols.index(name)] = value
        return ",".join(fields)

    def file(*lines):
        return "\n".join((header,) + lines) + "\n"

    text = next(c for c in ("customer", "subject", "name") if c in cols)
    figure = next(c for c in ("amount", "value", "company_revenue") if c in cols)
    files = [file(line()), "", header + "\n"]
    if full:
        files += [file(line(**{text: "x" * 70 * 1024})), file(line(**{text: "a\u0000b"})), file(line(**{figure: "1e20"}))]
        files += [file(line(date="9999-12-31"))] if "date" in cols else []
        many = (line() for _ in range(6 * 1024 * 1024 // len(row)))  # over 6 MB: the lines are longer than `row`
        files.append(file(line(**{figure: "not a figure"}), *many))
    return [(ct, f.encode()) for f in files for ct in ("text/csv", "text/plain")]


class Fuzzer:
    def __init__(self, port, timeout, work, server):
        self.port, self.timeout, self.server = port, timeout, server
        self.record = open(os.path.join(work, "requests.jsonl"), "w")  # one line per request, kept with --keep
        self.statuses = collections.Counter()
        self.failures, self.not_refused, self.covered, self.slowest = [], [], set(), (0.0, "")

    def send(self, method, url, token, ctype, body):
        """One request on a fresh connection: its status and answer, or 'timeout' / 'dropped (...)'."""
        rid = "fuzz-%d" % next(counter)
        headers = {"Authorization": "Bearer " + token, "X-Request-Id": rid}
        headers.update({"Content-Type": ctype} if ctype is not None else {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        started, answer = time.monotonic(), b""
        try:
            try:
                conn.request(method, url, body=body, headers=headers)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer before it has read everything: its answer is what counts
            response = conn.getresponse()
            answer, outcome = response.read(), response.status
        except TimeoutError:
            outcome = "timeout"
        except (http.client.HTTPException, OSError) as error:
            outcome = "dropped (%s)" % type(error).__name__
        finally:
            conn.close()
        took = time.monotonic() - started
        return ("timeout" if took > self.timeout else outcome), rid, answer, took

    def run(self, op, url, who, token, ctype=None, body=None, expect_4xx=False):
        outcome, rid, answer, took = self.send(op["method"], url, token, ctype, body)
        self.slowest = max(self.slowest, (took, "%s %s (%s, %d bytes)" % (op["method"], url[:80], ctype, len(body or b""))))
        self.statuses[outcome] += 1
        self.covered.add(op["id"])
        self.record.write(json.dumps(dict(op=op["id"], who=who, url=url[:300], ctype=ctype, status=outcome, s=round(took, 3),
                                          rid=rid, body=(body or b"")[:200].decode("utf-8", "replace"),
                                          answer=answer[:200].decode("utf-8", "replace"))) + "\n")
        if not isinstance(outcome, int) or outcome >= 500:
            self.failures.append((who, op["method"], url, ctype, body, outcome, rid))
        elif expect_4xx and not 400 <= outcome < 500:
            self.not_refused.append((who, op["method"], url, outcome))

    def alive(self):
        return self.server.poll() is None


def get_json(port, token, path):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/api/v1" + path, headers={"Authorization": "Bearer " + token})
        response = conn.getresponse()
        return json.loads(response.read()) if response.status == 200 else {}
    except (OSError, http.client.HTTPException, ValueError):
        return {}


def demo_ids(port, token):
    """Real ids of the demo for each path parameter (the main one first), and plausible values by field name."""
    ids = collections.defaultdict(list)
    programs = get_json(port, token, "/programs").get("items", [])
    ids["programID"] = [p["id"] for p in programs[:1]]
    partners = get_json(port, token, "/partners").get("items", [])
    partner = next((p for p in partners if p["external_key"] == "NW-1004"), None)
    if not partner:
        return ids, {}
    pid = partner["id"]
    ids["partnerID"] = [pid]
    goals = get_json(port, token, "/goals?partner_id=" + pid).get("items", [])
    for status in ("proposed", "active", "agreed", "draft"):
        ids["goalID"] += [g["id"] for g in goals if g["status"] == status][:1]
    plans = get_json(port, token, "/partners/%s/plans" % pid).get("items", [])[:1]
    ids["planID"] = [p["id"] for p in plans]
    ids["objectiveID"] = [o["id"] for p in plans for o in p["content"].get("objectives", []) if "id" in o][:1]
    reviews = get_json(port, token, "/partners/%s/reviews" % pid).get("items", [])
    reviews.sort(key=lambda r: ("held_on" in r, r["due"]))  # the earliest one not held, then a held one
    ids["reviewID"] = [r["id"] for r in reviews[:1]] + [r["id"] for r in reviews if "held_on" in r][:1]
    recommendations = get_json(port, token, "/tiers").get("recommendations", [])
    ids["recommendationID"] = [r["id"] for r in recommendations if r["status"] == "open"][:1]
    ctx = {"program_id": ids["programID"][0] if programs else str(uuid.uuid4()), "partner_id": pid,
           "period": partner["current_period"], "partner_key": "NW-1004", "currency": "USD",
           "metric": "deal_registrations", "metric_key": "deal_registrations", "first_fiscal_year": 2027,
           "fiscal_year_start_month": 1, **AMOUNTS}
    return ids, ctx


def path_variants(op, ids):
    """(path, main): every enum value of a path parameter times the main real id, other real ids, a random UUID."""
    names, choices = [], []
    for p in (p for p in op["params"] if p["in"] == "path"):
        enum = deref(p.get("schema", {})).get("enum")
        values = enum or ids.get(p["name"], []) + [str(uuid.uuid4())]
        names.append(p["name"])
        choices.append([(v, bool(enum) or i == 0) for i, v in enumerate(values)])
    for combo in itertools.product(*choices):
        path = op["path"]
        for name, (value, _) in zip(names, combo):
            path = path.replace("{%s}" % name, urllib.parse.quote(value))
        yield path, all(main for _, main in combo)


def typed(param):
    s = deref(param.get("schema", {}))
    return param["name"] == "period" or "format" in s or "enum" in s or s.get("type") in ("integer", "number", "boolean")


def fuzz_operation(f, op, tokens, ids, ctx):
    query = [p for p in op["params"] if p["in"] == "query"]
    good = {"program_id": ctx.get("program_id"), "metric": "revenue", "objective": (ids["objectiveID"] or [None])[0]}
    base = {p["name"]: good[p["name"]] for p in query if good.get(p["name"]) and (p.get("required") or p["name"] == "program_id")}
    schema = op["content"].get("application/json", {}).get("schema")
    for (who, token), (path, main) in itertools.product(tokens, list(path_variants(op, ids))):
        url = "/api/v1" + path
        if op["method"] == "GET":
            bodies = [(None, None)]
        elif op["path"] in CSV:
            bodies = csv_bodies(op["path"], main) + generic_bodies(main)
        else:
            bodies = (json_bodies(schema, ctx, main) if schema else [(None, None)]) + generic_bodies(main)
        for ctype, body in bodies:
            f.run(op, url + ("?" + urllib.parse.urlencode(base) if base else ""), who, token, ctype, body)
            if not f.alive():
                return
        if main:  # bad query values go with the operation's plausible body
            for name, bad, expect in [(p["name"], v, typed(p) and v != "") for p in query for v in BAD_QUERY] + [
                    ("colour", "blue", True)]:
                q = urllib.parse.urlencode(dict(base, **{name: bad}))
                f.run(op, url + "?" + q, who, token, *bodies[0], expect_4xx=expect)


def start_server(accord, work, port):
    log = open(os.path.join(work, "serve.log"), "wb")
    server = subprocess.Popen([accord, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
                              cwd=work, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # the demo loads on first start: up to a minute with a debug build
    while time.monotonic() < deadline and server.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit("fuzz-bodies: the demo server did not start; see %s/serve.log" % work)


def token(accord, work, *args):
    out = subprocess.run([accord, "token", "create", *args], cwd=work, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def report(f, work, started, total_ops, strict, died):
    with open(os.path.join(work, "serve.log"), errors="replace") as log:
        lines = log.read().splitlines()
    bad_log = [l for l in lines if "Fatal error" in l or "Internal Server Error" in l]
    print("\nfuzz-bodies: %d of %d operations covered, %d requests in %.0f s"
          % (len(f.covered), total_ops, sum(f.statuses.values()), time.monotonic() - started))
    for status, count in sorted(f.statuses.items(), key=lambda kv: str(kv[0])):
        print("  %-30s %6d" % (status, count))
    print("  slowest answer: %.1f s, %s" % f.slowest)
    for who, method, url, ctype, body, outcome, rid in f.failures[:50]:
        print("FAIL %s as %s: %s %s\n  Content-Type: %s\n  body (%d bytes): %r"
              % (outcome, who, method, url[:300], ctype, len(body or b""), (body or b"")[:200]))
        for l in (l for l in lines if rid + "," in l or rid + "]" in l):
            print("  log: " + l[:600])
    for who, method, url, outcome in f.not_refused[:50]:
        print("NOT REFUSED (%s, a 4xx expected) as %s: %s %s" % (outcome, who, method, url[:200]))
    for l in bad_log[:20]:
        print("SERVER LOG: " + l[:600])
    if died:
        print("SERVER DIED (exit %s); the end of its log:\n  " % f.server.returncode + "\n  ".join(lines[-30:]))
    failed = bool(f.failures or bad_log or died or (strict and f.not_refused))
    print("fuzz-bodies: " + ("FAILED; the server log and requests.jsonl are in " + work if failed else
                             "no 5xx, no hang, no dropped connection, a clean server log"))
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("accord", help="the accord binary")
    parser.add_argument("--port", type=int, default=0, help="loopback port (default: a free one)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds a request may take")
    parser.add_argument("--strict", action="store_true", help="also fail when a bad query value is not refused")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (serve.log, requests.jsonl)")
    args = parser.parse_args()
    accord, port = os.path.realpath(args.accord), args.port
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    work, started, failed = tempfile.mkdtemp(prefix="accord-fuzz-"), time.monotonic(), True
    server = start_server(accord, work, port)
    try:
        print("fuzz-bodies: demo ready on port %d after %.0f s" % (port, time.monotonic() - started))
        # Both tokens while the server is idle: the CLI writes to the same database.
        tokens = [("program admin", token(accord, work, "fuzz-bodies-admin", "--role", "program_admin")),
                  ("partner admin", token(accord, work, "fuzz-bodies-partner", "--role", "partner_admin",
                                          "--partner", "NW-1004"))]
        print("fuzz-bodies: demo ids for " + ", ".join(k for k, v in sorted(demo_ids(port, tokens[0][1])[0].items()) if v))
        # Reads first, then changes; a second program last, since with one program program_id may be left out.
        ops = sorted(operations(), key=lambda o: (o["method"] != "GET", o["id"] == "createProgram"))
        f = Fuzzer(port, args.timeout, work, server)
        for op in ops:
            ids, ctx = demo_ids(port, tokens[0][1])  # again: the changes so far move goals on and replace objectives
            before = sum(f.statuses.values())
            fuzz_operation(f, op, tokens, ids, ctx)
            print("  %-5s %-52s %5d requests" % (op["method"], op["path"], sum(f.statuses.values()) - before), flush=True)
            if not f.alive():
                break
        died = not f.alive()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        failed = report(f, work, started, len(ops), args.strict, died)
    finally:
        if server.poll() is None:
            server.kill()
        server.wait()
        if args.keep:
            print("fuzz-bodies: kept " + work)
        elif not failed:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
