"""The Content-Security-Policy in Chromium: htmx swaps still work under it, and
neither the reader's pages nor the editors' admin break a rule."""

import pytest
from django.contrib.auth.models import User

from stories.models import Article, Passage

pytestmark = pytest.mark.django_db(transaction=True)

# Registered before any page script runs: every violation the browser reports.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH)
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.csp_console = console
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations") + page.csp_console


def test_the_chip_swap_works_under_the_policy_without_a_violation(watched, live_server, demo_story):
    page = watched
    passage = Passage.objects.get(
        alignment__story=demo_story, text__contains="cannot take any chances with the spillway"
    )
    response = page.goto(f"{live_server.url}{demo_story.get_absolute_url()}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.evaluate("window.__sameDocument = true")
    target = page.locator(f"#passage-{passage.pk}")
    target.get_by_role("button", name="TDC").click()
    page.locator(f"#passage-{passage.pk} ins.diff-ins").first.wait_for()
    assert "will not" in " ".join(
        page.locator(f"#passage-{passage.pk} ins.diff-ins").all_inner_texts()
    )
    assert page.evaluate("window.__sameDocument === true")  # swapped, not reloaded
    # A filter swaps the passage list too.
    page.get_by_role("link", name="Altered quotes").click()
    page.wait_for_url("**?filter=quotes")
    assert page.evaluate("window.__sameDocument === true")
    # htmx added no <style> of its own (the policy would refuse it).
    assert page.locator("head style").count() == 0
    assert violations(page) == []


def test_reader_pages_and_the_error_page_break_no_rule(watched, live_server, demo_story):
    page = watched
    article = Article.objects.filter(story=demo_story).first()
    for path in [
        "/",
        "/?q=spillway",
        "/search/?q=spillway",
        f"{demo_story.get_absolute_url()}compare/",
        f"{demo_story.get_absolute_url()}timeline/",
        article.get_absolute_url(),
        "/no-such-page/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert violations(page) == [], path
    # The watch does see a breach: an inline style is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    page.wait_for_function("window.__violations.length > 0")
    assert any("style-src" in v for v in violations(page))


def test_the_admin_works_under_the_policy(watched, live_server, demo_story):
    page = watched
    User.objects.create_superuser("chief", password="pw-chief-123")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    article = Article.objects.filter(story=demo_story).first()
    for path in [
        "/admin/stories/story/",
        f"/admin/stories/story/{demo_story.pk}/change/",
        "/admin/stories/article/",
        f"/admin/stories/article/{article.pk}/change/",
        "/admin/stories/outlet/add/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert violations(page) == [], path
    # Admin scripts run under the policy: the actions bar counts a ticked row.
    page.goto(f"{live_server.url}/admin/stories/story/")
    page.locator("input.action-select").first.check()
    assert "1 of" in page.locator(".action-counter").inner_text()
    # The editors' reader pages carry the CSRF token for htmx and still swap.
    page.goto(f"{live_server.url}{demo_story.get_absolute_url()}")
    assert "X-CSRFToken" in page.locator("body").get_attribute("hx-headers")
    assert violations(page) == []
