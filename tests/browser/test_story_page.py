"""The story page in a real browser: swaps, filters, history, keyboard, screenshots."""

import pytest

from stories.models import Passage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(demo_story):
    """The demo story as a reader finds it after `make run`."""
    return demo_story


def passage_count(story) -> int:
    return Passage.objects.filter(alignment__story=story).count()


def open_story(page, live_server, story, query=""):
    page.goto(f"{live_server.url}{story.get_absolute_url()}{query}")
    # A marker that a full page load would wipe out.
    page.evaluate("window.__sameDocument = true")


def still_same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def test_clicking_a_chip_swaps_the_wording_in_place(page, live_server, story):
    # The passage whose quote The Daily Clarion altered.
    passage = Passage.objects.get(
        alignment__story=story, text__contains="cannot take any chances with the spillway"
    )
    open_story(page, live_server, story)
    before = page.locator("article.passage").evaluate_all("els => els.map(e => e.id)")
    target = page.locator(f"#passage-{passage.pk}")
    assert target.locator("ins.diff-ins").count() == 0  # the reference wording, unmarked
    target.get_by_role("button", name="TDC").click()
    swapped = page.locator(f"#passage-{passage.pk}")
    swapped.locator("ins.diff-ins").first.wait_for()
    inserted = " ".join(swapped.locator("ins.diff-ins").all_inner_texts())
    deleted = " ".join(swapped.locator("del.diff-del").all_inner_texts())
    assert "will not" in inserted and "cannot" in deleted
    pressed = swapped.locator('a.chip[aria-pressed="true"]')
    assert pressed.count() == 1 and pressed.inner_text() == "TDC"
    assert still_same_document(page)
    # The other passages did not move.
    assert page.locator("article.passage").evaluate_all("els => els.map(e => e.id)") == before


def test_a_filter_narrows_the_list_and_back_restores_it(page, live_server, story):
    total = passage_count(story)
    altered = [
        p for p in Passage.objects.filter(alignment__story=story) if "quote_change" in p.flags
    ]
    open_story(page, live_server, story)
    assert page.locator("article.passage").count() == total
    page.get_by_role("link", name="Altered quotes").click()
    page.wait_for_url("**?filter=quotes")
    page.wait_for_function(
        f"document.querySelectorAll('article.passage').length === {len(altered)}"
    )
    assert 0 < len(altered) < total
    assert still_same_document(page)
    page.go_back()
    page.wait_for_function(f"document.querySelectorAll('article.passage').length === {total}")
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
    assert page.locator("table.compare tbody tr").count() >= 10
    assert page.locator("table.compare ins.diff-ins").count() > 0


def test_screenshots_at_desktop_and_phone_width(page, live_server, story, artifacts):
    open_story(page, live_server, story)
    page.screenshot(path=artifacts / "story-desktop.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path=artifacts / "story-phone.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the phone layout scrolls sideways ({width}px)"
    assert (artifacts / "story-desktop.png").stat().st_size > 10_000


def test_a_failed_swap_says_so_and_offers_the_full_page(page, live_server, story):
    """A server error leaves the passage as it was and tells the reader."""
    passage = Passage.objects.get(
        alignment__story=story, text__contains="cannot take any chances with the spillway"
    )
    page.route("**/passages/**", lambda route: route.fulfill(status=500, body="boom"))
    open_story(page, live_server, story)
    before = page.locator(f"#passage-{passage.pk}-body").inner_text()
    page.locator(f"#passage-{passage.pk}").get_by_role("button", name="TDC").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "could not be loaded" in alert.inner_text()
    assert "p=" in alert.get_by_role("link").get_attribute("href")
    assert page.locator(f"#passage-{passage.pk}-body").inner_text() == before
    assert "boom" not in page.content()
