"""The story page in a real browser: swaps, filters, history, keyboard, screenshots."""

import pytest

from stories.models import Passage

from .. import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story():
    return factories.aligned_story(versions=3, passages=6, title="A river in flood")


def open_story(page, live_server, story, query=""):
    page.goto(f"{live_server.url}{story.get_absolute_url()}{query}")
    # A marker that a full page load would wipe out.
    page.evaluate("window.__sameDocument = true")


def still_same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def test_clicking_a_chip_swaps_the_wording_in_place(page, live_server, story):
    passage = Passage.objects.filter(alignment__story=story, kind="common").first()
    open_story(page, live_server, story)
    target = page.locator(f"#passage-{passage.pk}")
    other_chip = target.locator('a.chip[aria-pressed="false"]').first
    other_chip.click()
    swapped = page.locator(f"#passage-{passage.pk}")
    swapped.locator("ins.diff-ins").first.wait_for()
    assert swapped.locator("ins.diff-ins").first.inner_text() == "stream"
    assert swapped.locator('a.chip[aria-pressed="true"]').count() == 1
    assert swapped.locator('a.chip[aria-pressed="true"]').inner_text() != "OU"
    assert still_same_document(page)
    # The other passages did not move.
    assert page.locator("article.passage").count() == 6


def test_a_filter_narrows_the_list_and_back_restores_it(page, live_server, story):
    open_story(page, live_server, story)
    assert page.locator("article.passage").count() == 6
    page.get_by_role("link", name="Unique to an outlet").click()
    page.wait_for_url("**?filter=unique")
    page.wait_for_function("document.querySelectorAll('article.passage').length === 1")
    assert still_same_document(page)
    page.go_back()
    page.wait_for_function("document.querySelectorAll('article.passage').length === 6")
    assert "filter=" not in page.url


def test_keyboard_alone_reaches_and_toggles_a_chip(page, live_server, story):
    open_story(page, live_server, story)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.chip[aria-pressed=\"false\"]')"):
            break
    else:
        pytest.fail("no chip reachable with Tab")
    passage_id = page.evaluate("document.activeElement.closest('article.passage').id")
    page.keyboard.press("Enter")
    page.locator(f"#{passage_id} ins.diff-ins").first.wait_for()
    assert page.locator(f"#{passage_id} a.chip[aria-pressed='true']").count() == 1
    assert still_same_document(page)


def test_timeline_and_compare_pages_render(page, live_server, story):
    page.goto(f"{live_server.url}/stories/{story.slug}/timeline/")
    assert page.get_by_role("heading", name="Publication timeline").is_visible()
    page.goto(f"{live_server.url}/stories/{story.slug}/compare/")
    assert page.get_by_role("heading", name="Compare two versions").is_visible()
    assert page.locator("table.compare tbody tr").count() >= 5


def test_screenshots_at_desktop_and_phone_width(page, live_server, story, artifacts):
    open_story(page, live_server, story)
    page.screenshot(path=artifacts / "story-desktop.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path=artifacts / "story-phone.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the phone layout scrolls sideways ({width}px)"
    assert (artifacts / "story-desktop.png").stat().st_size > 10_000
