"""Negotiation that reaches people (issue 19), in a real browser with a real relay: the channel manager proposes a
goal; the partner admin's e-mail arrives and its link opens the goal; the partner counters with a comment; the
channel manager finds the counter in the inbox and accepts it; the partner's home shows it agreed with what it earns.
The e-mail's HTML part is shown in the browser too, and every page is saved as a screenshot."""
import re
import tempfile

from conftest import ACCOUNTS, click, screenshot, sign_in, sign_out

CAM = ("dev.patel", "accord-demo-cam")  # Delta Managed Services is in Dev Patel's portfolio.
DANA = "dana.reyes@demo.example"


def text(browser):
    return browser.find_element("tag name", "body").text


def test_a_proposal_reaches_the_partner_by_email_and_comes_back_through_the_inbox(server, browser, relay):
    # The channel manager proposes this quarter's certifications for Delta.
    sign_in(browser, server, *CAM)
    browser.get(server + "/partners?q=Delta")
    click(browser, ("link text", "Delta Managed Services"))
    click(browser, ("link text", "Propose a goal"))
    this_quarter = browser.find_elements("css selector", "select[name=period] option")[0].get_attribute("value")
    browser.find_element("css selector", f"select[name=period] option[value='{this_quarter}']").click()
    browser.find_element("css selector", "select[name=metric] option[value='certifications_earned']").click()
    click(browser, ("xpath", "//button[normalize-space()='Show the baseline']"))
    grounding = browser.find_element("css selector", ".grounding").text
    found = re.search(r"Baseline\n(\d+)", grounding)
    target = (int(found.group(1)) if found else 0) + 4
    browser.find_element("name", "target").send_keys(str(target))
    browser.find_element("name", "behaviour").send_keys("Certify the new security engineers before the healthcare launch")
    click(browser, ("xpath", "//button[starts-with(normalize-space(), 'Propose to the')]"))
    assert "Awaiting the partner" in text(browser)
    goal_path = re.search(r"/goals/[0-9a-f-]{36}", browser.current_url).group(0)
    sign_out(browser)

    # Dana's message arrives through the relay: about this goal, with an unsubscribe header and both parts.
    mail = relay.wait_for(lambda m: m["To"] == DANA and "Certifications earned" in str(m["Subject"]) and "proposes" in str(m["Subject"]))
    assert mail["List-Unsubscribe"].startswith("<" + server + "/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    link = re.search(re.escape(server) + r"/goals/[0-9a-f-]{36}", plain).group(0)
    assert link.endswith(goal_path) and link in html
    assert "Planning expectation" not in plain, "no internal planning figure reaches a partner"
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as page:
        page.write(html)
    browser.get("file://" + page.name)
    assert "Answer on Accord" in text(browser)
    screenshot(browser, "email-goal-proposed")

    # Its link opens the goal (after signing in); the partner counters with a comment.
    login, password, _ = ACCOUNTS["partner_admin"]
    sign_in(browser, server, login, password)
    browser.get(link)
    assert "Certifications earned" in text(browser)
    field = browser.find_element("css selector", "form[action$='/counter'] input[name=target]")
    field.clear()
    field.send_keys(str(target - 1))
    browser.find_element("name", "counter_comment").send_keys("Two of the engineers start in January; one less is realistic.")
    click(browser, ("xpath", "//button[normalize-space()='Send counter-proposal']"))
    conversation = browser.find_element("xpath", "//h2[text()='Conversation']/following-sibling::*[1]").text
    assert "one less is realistic" in conversation
    screenshot(browser, "goal-conversation")
    sign_out(browser)

    # The channel manager finds the counter in the inbox, opens it and accepts.
    sign_in(browser, server, *CAM)
    click(browser, ("css selector", "a[href='/inbox']"))
    answer = browser.find_element("css selector", f"a[href='{goal_path}']")
    screenshot(browser, "inbox-with-a-counter")
    click(browser, answer)
    assert "one less is realistic" in text(browser)
    click(browser, ("xpath", "//button[starts-with(normalize-space(), 'Accept')]"))
    assert "Agreed by both sides" in text(browser)
    sign_out(browser)

    # The partner's home shows it agreed, with what making it earns; the agreement reached Dana by e-mail too.
    sign_in(browser, server, login, password)
    home = browser.find_element("xpath", f"//a[@href='{goal_path}']/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' goal ')][1]").text
    assert "Agreed" in home or "Active" in home, home
    assert "Making it earns" in home
    screenshot(browser, "partner-home-agreed")
    relay.wait_for(lambda m: m["To"] == DANA and "is agreed" in str(m["Subject"]) and "Certifications earned" in str(m["Subject"]))
    browser.get(server + "/account/notifications")
    assert "In the weekly digest" in text(browser)
    screenshot(browser, "notification-settings")


def test_the_weekly_digest_reaches_the_partner_admin_with_where_it_stands(server, browser, relay):
    # `accord serve` writes the week's digests shortly after it starts (the demo's program is due every day of the
    # week from Monday on) and its outbox worker hands them to the relay.
    digest = relay.wait_for(lambda m: m["To"] == DANA and "where we stand" in str(m["Subject"]), timeout=90)
    plain = digest.get_body(preferencelist=("plain",)).get_content()
    assert "This period's goals" in plain and "Delta Managed Services" in plain
    assert "Making it earns" not in plain and "made: " in plain, "each goal says what making it earns"
    for other in ("Atlas Solution Group", "Cedar Systems", "Planning expectation"):
        assert other not in plain, "nothing of another partner and no internal planning figure"
    assert digest["List-Unsubscribe"].startswith("<" + server + "/unsubscribe/")
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as page:
        page.write(digest.get_body(preferencelist=("html",)).get_content())
    browser.get("file://" + page.name)
    assert "Waiting for you" in text(browser) or "This period's goals" in text(browser)
    screenshot(browser, "email-weekly-digest")


def test_both_sides_talk_on_the_joint_plan(server, browser):
    login, password, _ = ACCOUNTS["partner_admin"]
    sign_in(browser, server, login, password)
    click(browser, ("partial link text", "Joint business plan"))
    assert "Conversation" in text(browser)
    browser.find_element("css selector", "form[action$='/comment'] textarea[name=comment]").send_keys(
        "Can the second healthcare campaign move to Q3? Our marketing hire starts in June.")
    click(browser, ("xpath", "//form[contains(@action, '/comment')]//button[normalize-space()='Comment']"))
    turns = browser.find_element("css selector", ".conversation .turns").text
    assert "Dana Reyes (partner)" in turns and "marketing hire starts in June" in turns
    screenshot(browser, "plan-conversation")
    sign_out(browser)
    sign_in(browser, server, *CAM)
    browser.get(server + "/partners?q=Delta")
    click(browser, ("link text", "Delta Managed Services"))
    click(browser, ("partial link text", "Joint business plan"))
    assert "marketing hire starts in June" in text(browser), "the vendor reads what the partner said"
