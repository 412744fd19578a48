"""Motivation and insight in a real browser (DOMAIN §7, §8, §9, §12, §13): the vendor's segments, coverage, levels
and channel-manager pages, an admin applying a level recommendation, and a partner admin on the recognition wall
who cannot reach internal planning figures."""
from conftest import ACCOUNTS, click, screenshot, sign_in, sign_out


def text(browser):
    """The page's visible text, lower-cased: table headings are shown in capitals."""
    return browser.find_element("tag name", "body").text.lower()


def test_vendor_insight_pages(server, browser):
    login, password, _ = ACCOUNTS["program_admin"]
    sign_in(browser, server, login, password)
    click(browser, ("link text", "Insight"))
    body = text(browser)
    for segment in ("achiever", "believer", "deceiver", "exit candidate"):
        assert segment in body
    assert "believers and their missing ingredient" in body and "achiever" in body
    assert browser.find_elements("css selector", "svg.scatter circle.dot"), "the 2×2 chart plots the partners"
    screenshot(browser, "insight-segments")

    click(browser, ("link text", "Coverage (internal)"))
    body = text(browser)
    assert "planning expectation (internal)" in body and "conversation topics" in body
    assert "quota" not in body
    screenshot(browser, "insight-coverage")

    click(browser, ("link text", "Channel managers"))
    assert "bench strength" in text(browser)
    screenshot(browser, "insight-channel-managers")

    click(browser, ("link text", "Levels"))
    body = text(browser)
    assert "recommendations to decide" in body and "demote" in body
    screenshot(browser, "insight-levels")
    before = len(browser.find_elements("xpath", "//button[normalize-space()='Apply']"))
    click(browser, ("xpath", "//button[normalize-space()='Apply']"))
    assert len(browser.find_elements("xpath", "//button[normalize-space()='Apply']")) == before - 1
    assert "applied by" in text(browser)

    click(browser, ("link text", "Recognition"))
    body = text(browser)
    assert "improvement leaderboard" in body and "recent achievements" in body
    screenshot(browser, "recognition-vendor")
    sign_out(browser)


def test_partner_sees_recognition_and_benefits_but_no_planning_figures(server, browser):
    login, password, _ = ACCOUNTS["partner_admin"]
    sign_in(browser, server, login, password)
    body = text(browser)
    assert "benefits and recognition" in body and "planning expectation" not in body.lower()
    screenshot(browser, "portal-benefits")
    click(browser, ("link text", "Recognition"))
    body = text(browser)
    assert "improvement leaderboard" in body and "opt out" in body
    screenshot(browser, "recognition-partner")
    browser.get(server + "/coverage")
    assert "vendor's staff" in text(browser)
