"""The rules the articles ask for, in a real browser (DOMAIN §5.3, §5.5, §6): an admin changes a regional seasonality
profile on the settings page, finds the year's lowered target from the overview's tile, and a channel manager sees
the suggested range beside the target while proposing a goal."""
from conftest import ACCOUNTS, click, screenshot, sign_in


def text(browser):
    return browser.find_element("tag name", "body").text.lower()


def test_an_admin_sets_a_regional_seasonality_profile(server, browser):
    login, password, _ = ACCOUNTS["program_admin"]
    sign_in(browser, server, login, password)
    browser.get(server + "/settings/seasonality")
    body = text(browser)
    assert "program default" in body and "region: apac" in body
    assert browser.find_elements("css selector", "svg.chart.bars rect.bar.seasonal"), "each profile is drawn month by month"
    screenshot(browser, "settings-seasonality")
    # A month left empty comes back beside the profile with the others as typed; then a full profile is saved.
    browser.find_element("id", "region-APAC-m11").clear()
    browser.find_element("id", "region-APAC-m11").send_keys("1.25")
    browser.find_element("id", "region-APAC-m12").clear()
    click(browser, ("xpath", "//input[@id='region-APAC-m12']/ancestor::form//button[@value='save']"))
    assert "dec has no weight: give all twelve months." in text(browser)
    assert browser.find_element("id", "region-APAC-m11").get_attribute("value") == "1.25"
    december = browser.find_element("id", "region-APAC-m12")
    december.send_keys("1.3")
    click(browser, ("xpath", "//input[@id='region-APAC-m12']/ancestor::form//button[@value='save']"))
    assert "saved." in text(browser)
    assert browser.find_element("id", "region-APAC-m12").get_attribute("value") == "1.3"


def test_the_overview_tile_opens_the_years_lowered_targets(server, browser):
    login, password, _ = ACCOUNTS["program_admin"]
    sign_in(browser, server, login, password)
    screenshot(browser, "overview-lowered-tile")
    click(browser, ("css selector", "a.card-link[href='/lowered-targets']"))
    body = text(browser)
    assert "targets lowered this year" in body and "budget frozen" in body and "program admin" in body
    screenshot(browser, "lowered-targets")


def test_a_channel_manager_sees_the_suggested_range_beside_the_target(server, browser):
    login, password, _ = ACCOUNTS["channel_manager"]
    sign_in(browser, server, login, password)
    click(browser, ("link text", "My portfolio"))
    partner = browser.find_element("css selector", "table a[href^='/partners/']").get_attribute("href")
    browser.get(partner + "/goals/new?metric=revenue")
    body = text(browser)
    assert "recent growth" in body and "headroom" in body and "suggested range" in body
    assert "not a limit" in body
    screenshot(browser, "propose-goal-sizing")
