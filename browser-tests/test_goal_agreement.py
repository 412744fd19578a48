"""The main flow in a real browser: a channel manager finds a partner, proposes a goal (first one that does not
beat the baseline, which is refused with the reason beside the field), then a valid one; the partner's admin
answers it in the portal and both see it agreed. Every page visited is saved as a screenshot."""
import re
import tempfile

from conftest import ACCOUNTS, click, screenshot, sign_in, sign_out

CAM = ("dev.patel", "accord-demo-cam")  # Delta Managed Services is in Dev Patel's portfolio.


def text(browser):
    return browser.find_element("tag name", "body").text


def test_propose_refused_then_agreed_by_both_sides(server, browser):
    sign_in(browser, server, *CAM)
    assert browser.find_element("tag name", "h1").text == "Program overview"
    screenshot(browser, "overview")

    # Find the partner through the list's search.
    click(browser, ("link text", "Partners"))
    screenshot(browser, "partner-list")
    search = browser.find_element("name", "q")
    search.send_keys("Delta")
    click(browser, ("css selector", "form.filters button[type=submit]"))
    assert "1 partner match" in text(browser)
    click(browser, ("link text", "Delta Managed Services"))
    assert browser.find_element("tag name", "h1").text == "Delta Managed Services"
    screenshot(browser, "partner-page")

    # Choose next quarter's deal registrations and read the computed baseline.
    click(browser, ("link text", "Propose a goal"))
    period_select = browser.find_element("name", "period")
    options = [o.get_attribute("value") for o in period_select.find_elements("tag name", "option")]
    next_quarter = options[1]
    browser.find_element("css selector", f"select[name=period] option[value='{next_quarter}']").click()
    browser.find_element("css selector", "select[name=metric] option[value='deal_registrations']").click()
    click(browser, ("xpath", "//button[normalize-space()='Show the baseline']"))
    grounding = browser.find_element("css selector", ".grounding").text
    baseline = int(re.search(r"Baseline\n(\d+)", grounding).group(1))

    # A target that only equals the baseline is refused, with the baseline in the message, and the input kept.
    browser.find_element("name", "target").send_keys(str(baseline))
    browser.find_element("name", "behaviour").send_keys("Register every opportunity in the new healthcare segment")
    click(browser, ("xpath", "//button[starts-with(normalize-space(), 'Propose to the')]"))
    error = browser.find_element("css selector", "#target-error").text
    assert "does not beat the baseline" in error and str(baseline) in error
    assert browser.find_element("name", "target").get_attribute("value") == str(baseline)
    assert "healthcare segment" in browser.find_element("name", "behaviour").get_attribute("value")
    screenshot(browser, "propose-refused")

    # A target above the baseline is proposed; the partner's side is now asked.
    target = browser.find_element("name", "target")
    target.clear()
    target.send_keys(str(baseline + 3))
    click(browser, ("xpath", "//button[starts-with(normalize-space(), 'Propose to the')]"))
    assert "Awaiting the partner" in text(browser)
    goal_url = browser.current_url
    screenshot(browser, "goal-proposed")
    sign_out(browser)

    # The partner admin sees the proposal waiting in the portal and accepts it.
    login, password, _ = ACCOUNTS["partner_admin"]
    sign_in(browser, server, login, password)
    waiting = browser.find_element("css selector", ".pending").text
    assert "Deal registrations" in waiting and next_quarter in waiting
    screenshot(browser, "portal-pending")
    browser.get(goal_url)
    click(browser, ("xpath", "//button[starts-with(normalize-space(), 'Accept')]"))
    assert "Agreed" in text(browser)
    history = browser.find_element("xpath", "//h2[text()='Revisions and acceptances']/following-sibling::div[1]").text
    assert "Dev Patel (vendor)" in history and "Dana Reyes (partner)" in history
    screenshot(browser, "goal-agreed")
    sign_out(browser)

    # The channel manager sees it agreed too.
    sign_in(browser, server, *CAM)
    browser.get(goal_url)
    assert "Agreed" in text(browser)
    sign_out(browser)


def test_portfolio_import_and_password_pages(server, browser):
    sign_in(browser, server, *CAM)
    click(browser, ("link text", "My portfolio"))
    assert browser.find_element("tag name", "h1").text == "Portfolio of Dev Patel"
    screenshot(browser, "portfolio")

    click(browser, ("link text", "Import"))
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("transaction_id,partner_key,date,amount,currency,customer\n")
        f.write("WEB-1,NW-1004,2026-11-02,1500.00,USD,Browser Customer\n")
        f.write("WEB-2,NW-1004,2026-02-30,10.00,USD,Browser Customer\n")
        bad = f.name
    browser.find_element("css selector", "select[name=kind] option[value='sales']").click()
    browser.find_element("name", "file").send_keys(bad)
    click(browser, ("xpath", "//button[normalize-space()='Import']"))
    assert "Nothing was imported" in text(browser)
    assert "2026-02-30" in browser.find_element("css selector", "table").text
    screenshot(browser, "import-refused")

    browser.find_element("css selector", "select[name=kind] option[value='sales']").click()
    browser.find_element("name", "file").send_keys(bad)
    browser.find_element("name", "skip_invalid").click()
    click(browser, ("xpath", "//button[normalize-space()='Import']"))
    assert "Imported 1 new sales row" in text(browser)
    screenshot(browser, "import-done")

    click(browser, ("css selector", "a.user"))
    assert browser.find_element("tag name", "h1").text == "Change your password"
    screenshot(browser, "password")
    sign_out(browser)
    screenshot(browser, "sign-in")
