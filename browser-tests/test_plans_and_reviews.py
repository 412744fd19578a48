"""The joint business plan and its reviews in a real browser: the partner sees the agreed plan and a held
review in the portal; the channel manager records an open review through its form."""
from conftest import ACCOUNTS, click, screenshot, sign_in, sign_out


def text(browser):
    return browser.find_element("tag name", "body").text


def test_partner_reads_the_plan_and_a_held_review(server, browser):
    login, password, _ = ACCOUNTS["partner_admin"]
    sign_in(browser, server, login, password)
    click(browser, ("partial link text", "Joint business plan"))
    body = text(browser)
    assert "Agreed" in body and "Why we are in business together" in body
    assert "value to capture per year" in body and "Suggested interim targets" in body
    screenshot(browser, "portal-plan")
    browser.back()
    held = browser.find_elements("xpath", "//p[starts-with(normalize-space(), 'Held:')]/a")
    assert held, "the portal lists held reviews"
    click(browser, held[-1])
    body = text(browser)
    assert "Scorecard as it stood in the review" in body and "Action items" in body
    screenshot(browser, "review-held")
    sign_out(browser)


def test_channel_manager_records_an_open_review(server, browser):
    sign_in(browser, server, "dev.patel", "accord-demo-cam")
    browser.get(server + "/partners?q=Delta")
    click(browser, ("link text", "Delta Managed Services"))
    upcoming = browser.find_elements("xpath", "//p[starts-with(normalize-space(), 'Next reviews:')]/a")
    assert upcoming
    click(browser, upcoming[0])
    screenshot(browser, "review-open")
    browser.find_element("name", "vendor_attendees").send_keys("Dev Patel")
    browser.find_element("name", "actions").send_keys("partner; Dana Reyes; certify two engineers; not a date")
    click(browser, ("xpath", "//button[normalize-space()='Record the review']"))
    error = browser.find_element("css selector", "#actions-error").text
    assert "Line 1" in error
    assert browser.find_element("name", "vendor_attendees").get_attribute("value") == "Dev Patel"
    screenshot(browser, "review-refused")
    sign_out(browser)
