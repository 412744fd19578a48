"""Real-browser tests: a real `accord serve --demo` on a free loopback port and headless Chromium.

ACCORD_BIN names the binary (default .build/debug/accord); screenshots go to ACCORD_SCREENSHOTS
(default ./screenshots), one per page and width, so a person can look at what the tests saw.
"""
import email
import email.policy
import os
import pathlib
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCREENSHOTS = pathlib.Path(os.environ.get("ACCORD_SCREENSHOTS", ROOT / "screenshots"))

# The demo's sign-ins, as `serve --demo` prints them.
ACCOUNTS = {
    "program_admin": ("admin", "accord-demo-admin", "Morgan Lee"),
    "channel_manager": ("ana.ruiz", "accord-demo-cam", "Ana Ruiz"),
    "partner_admin": ("dana.reyes", "accord-demo-partner", "Dana Reyes"),
    "partner_member": ("sam.ortiz", "accord-demo-member", "Sam Ortiz"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Relay:
    """A real SMTP relay (aiosmtpd) on a free loopback port: the server hands its messages to it, and the tests read
    them as delivered (`messages`, newest last)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.delivered = []
        relay = self

        class Keep:
            async def handle_DATA(self, server, session, envelope):
                relay.delivered.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                                policy=email.policy.default))
                return "250 Message accepted for delivery"

        self.port = free_port()
        self.controller = Controller(Keep(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def wait_for(self, match, timeout=60):
        """The first delivered message `match` accepts, waiting for the server's outbox worker to send it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for message in list(self.delivered):
                if match(message):
                    return message
            time.sleep(0.5)
        raise AssertionError("no such message arrived within %d s; delivered: %s"
                             % (timeout, [(m["To"], m["Subject"]) for m in self.delivered]))


@pytest.fixture(scope="session")
def relay():
    relay = Relay()
    yield relay
    relay.controller.stop()


@pytest.fixture(scope="session")
def server(relay):
    binary = pathlib.Path(os.environ.get("ACCORD_BIN", ROOT / ".build" / "debug" / "accord")).resolve()
    workdir = tempfile.mkdtemp(prefix="accord-browser-")
    port = free_port()
    log = open(os.path.join(workdir, "serve.log"), "w")
    base = f"http://127.0.0.1:{port}"
    environment = dict(os.environ, ACCORD_SMTP_URL=f"smtp://127.0.0.1:{relay.port}", ACCORD_PUBLIC_URL=base,
                       ACCORD_MAIL_FROM="accord@demo.example")
    process = subprocess.Popen(
        [str(binary), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=workdir, stdout=log, stderr=subprocess.STDOUT, env=environment)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("accord serve exited: " + open(log.name).read()[-2000:])
            time.sleep(0.5)
    else:
        process.kill()
        raise RuntimeError("accord serve did not start within 120 s")
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def signed_out(browser):
    """Every test starts without a session, whatever the one before it left behind."""
    browser.delete_all_cookies()
    yield


def screenshot(driver, name):
    """Full-page screenshots at desktop (1280 px) and phone (390 px) widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in (("desktop", 1280), ("phone", 390)):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(900, min(height, 8000)))
        path = SCREENSHOTS / f"{name}-{label}.png"
        driver.save_screenshot(str(path))
        assert path.exists() and path.stat().st_size > 0
    driver.set_window_size(1280, 900)
    # Let the page settle at its usual size before the test goes on finding and clicking elements.
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.2)


def click(driver, target):
    """Clicks something that loads a new page, and waits until the new page has replaced the old one.

    `target` is a locator such as ("link text", "Levels") or an element. Chromium's inspector now and then loses a
    node's id ("Node with given id does not belong to the document"); a locator is then found afresh and clicked again."""
    for attempt in range(3):
        try:
            old = driver.find_element("tag name", "html")
            element = driver.find_element(*target) if isinstance(target, tuple) else target
            element.click()
            break
        except WebDriverException as error:
            if "does not belong to the document" not in str(error) or attempt == 2:
                raise
            time.sleep(0.5)
    WebDriverWait(driver, 15).until(lambda _: replaced(old))


def replaced(old):
    """Whether the page an element belonged to has gone. Chromium reports a node of a replaced document either as
    stale or, now and then, as "Node with given id does not belong to the document": both mean the same."""
    try:
        old.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def sign_in(driver, base, login, password):
    driver.get(base + "/login")
    driver.find_element("name", "login").send_keys(login)
    driver.find_element("name", "password").send_keys(password)
    click(driver, ("css selector", "form button[type=submit]"))


def sign_out(driver):
    """Signs out. Chromium sometimes drops element ids right after a screenshot has resized the window
    ("Node with given id does not belong to the document"): the button is then found afresh and clicked again."""
    for attempt in range(3):
        try:
            click(driver, ("css selector", "form[action='/logout'] button"))
            return
        except WebDriverException:
            if "/login" in driver.current_url:
                return
            if attempt == 2:
                raise
            time.sleep(0.5)
