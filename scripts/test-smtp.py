#!/usr/bin/env python3
"""A real SMTP relay for the tests (issue 19): aiosmtpd on 127.0.0.1, STARTTLS required, AUTH (PLAIN/LOGIN) required
after it, every delivered message kept in a spool directory as NNNN.eml plus NNNN.json (envelope sender, recipients).

    eval "$(python3 scripts/test-smtp.py start)"   # prints export lines: TEST_SMTP_URL, TEST_SMTP_CA_FILE, TEST_SMTP_SPOOL
    python3 scripts/test-smtp.py stop "$TEST_SMTP_DIR"

`serve DIR PORT` runs the relay in the foreground (start runs it in the background with that). A self-signed
certificate for `localhost` is made with openssl; the tests trust it through TEST_SMTP_CA_FILE.
"""
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(directory, port):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    with open(os.path.join(directory, "password")) as f:
        password = f.read().strip()
    spool = os.path.join(directory, "spool")

    class Spool:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Spool.count += 1
            name = os.path.join(spool, "%04d" % Spool.count)
            with open(name + ".json.tmp", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
            with open(name + ".eml", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.rename(name + ".json.tmp", name + ".json")  # the JSON last: a reader sees whole messages only
            return "250 Message accepted for delivery"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"accord" and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem"))
    controller = Controller(
        Spool(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True, auth_required=True,
        auth_require_tls=True, authenticator=authenticator, server_hostname="localhost")
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


def start():
    directory = tempfile.mkdtemp(prefix="accord-smtp.")
    os.makedirs(os.path.join(directory, "spool"))
    password = secrets.token_hex(12)
    with open(os.path.join(directory, "password"), "w") as f:
        f.write(password)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", os.path.join(directory, "key.pem"),
         "-out", os.path.join(directory, "cert.pem")],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    log = open(os.path.join(directory, "server.log"), "w")
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "serve", directory, str(port)], stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    with open(os.path.join(directory, "pid"), "w") as f:
        f.write(str(process.pid))
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(100).startswith(b"220"):
                    break
        except OSError:
            time.sleep(0.2)
    else:
        sys.exit("the test relay did not start: " + open(log.name).read())
    print(f"export TEST_SMTP_URL='smtp://accord:{password}@localhost:{port}'")
    print(f"export TEST_SMTP_CA_FILE='{directory}/cert.pem'")
    print(f"export TEST_SMTP_SPOOL='{directory}/spool'")
    print(f"export TEST_SMTP_DIR='{directory}'")


def stop(directory):
    try:
        with open(os.path.join(directory, "pid")) as f:
            os.kill(int(f.read()), signal.SIGTERM)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "start":
        start()
    elif command == "stop" and len(sys.argv) == 3:
        stop(sys.argv[2])
    elif command == "serve" and len(sys.argv) == 4:
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
