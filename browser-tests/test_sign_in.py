"""Every role signs in through the real sign-in form and lands where it belongs."""
import pytest

from conftest import ACCOUNTS, screenshot, sign_in, sign_out


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_each_role_signs_in_and_out(server, browser, role):
    login, password, name = ACCOUNTS[role]
    sign_in(browser, server, login, password)
    body = browser.find_element("tag name", "body").text
    assert name in body, f"{role} sees their name in the header"
    if role in ("program_admin", "channel_manager"):
        assert browser.find_element("tag name", "h1").text == "Program overview"
        assert "Acme Integration" in body
    else:
        # Partner users land on their own partner and never see the program overview.
        assert browser.find_element("tag name", "h1").text == "Delta Managed Services"
        assert "Program overview" not in body
        browser.get(server + "/")
        assert browser.find_element("tag name", "h1").text == "Delta Managed Services"
    screenshot(browser, f"signed-in-{role}")
    sign_out(browser)
    assert browser.current_url.startswith(server + "/login")


def test_a_wrong_password_is_refused_with_a_message_and_keeps_the_name(server, browser):
    sign_in(browser, server, "admin", "not the password")
    assert "The sign-in name or password is not right." in browser.find_element("tag name", "body").text
    assert browser.find_element("name", "login").get_attribute("value") == "admin"
    screenshot(browser, "sign-in-refused")


def test_a_partner_user_cannot_open_another_partner(server, browser):
    login, password, _ = ACCOUNTS["partner_admin"]
    sign_in(browser, server, login, password)
    own = browser.current_url
    browser.get(server + "/api/v1/partners")
    assert "Delta Managed Services" in browser.page_source
    assert "Acme Integration" not in browser.page_source
    browser.get(own)
    sign_out(browser)
