"""The reader's view in Chromium: the overview's links, the diverges filter on
the real seeds, reading against another version (with and without JavaScript),
keyboard use, pushed URLs, the phone layout, and axe-core's checks."""

import pytest

from stories.models import Passage

pytestmark = pytest.mark.django_db(transaction=True)

SPILLWAY = "cannot take any chances with the spillway"


def open_page(page, url):
    page.goto(url)
    # A marker that a full page load would wipe out.
    page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def in_viewport(page, selector) -> bool:
    """The element's top is on screen (within a pixel of rounding)."""
    top, height = page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return [r.top, window.innerHeight]; }""",
        selector,
    )
    return -2 <= top < height - 40


def test_the_overview_links_land_on_their_passages(page, live_server, demo_story):
    open_page(page, f"{live_server.url}{demo_story.get_absolute_url()}")
    links = page.locator(".findings a")
    assert links.count() >= 3
    for n in range(links.count()):
        target = links.nth(n).get_attribute("href").split("#")[1]
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(n).click()
        page.wait_for_function(f"location.hash === '#{target}'")
        assert page.locator(f"article#{target}").count() == 1
        assert in_viewport(page, f"#{target}"), f"#{target} is not on screen"
    assert same_document(page)  # the links scroll; nothing reloads


def test_the_overview_links_list_every_passage_from_a_filtered_view(page, live_server, demo_story):
    """From a filtered list, a link to a passage the filter hides opens the full list there."""
    open_page(page, f"{live_server.url}{demo_story.get_absolute_url()}?filter=numbers")
    link = page.locator(".findings a").filter(has_text="alone printed").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    assert "filter=" not in page.url
    assert in_viewport(page, f"#{target}")


def test_the_diverges_filter_on_the_seeds_leaves_fewer_than_half(page, live_server, seeds_story):
    open_page(page, f"{live_server.url}{seeds_story.get_absolute_url()}")
    total = page.locator("article.passage").count()
    assert total > 30
    page.get_by_role("link", name="Where coverage diverges").click()
    page.wait_for_url("**?filter=diverge")
    page.wait_for_function(f"document.querySelectorAll('article.passage').length < {total}")
    kept = page.locator("article.passage").count()
    assert 0 < kept < total / 2, (kept, total)
    # The link said how many it would keep.
    assert f"({kept})" in page.locator("#filter-diverge").inner_text()
    assert same_document(page)


def reading_against(page) -> str:
    return page.locator("#passage-list [data-swap-status]").inner_text()


def other_version(story):
    """A version that is not the reference, and a passage it words differently."""
    passage = Passage.objects.get(alignment__story=story, text__contains=SPILLWAY)
    member = passage.members.exclude(is_reference=True).filter(text__contains="will not").first()
    return passage, member.revision


def test_reading_against_a_version_without_javascript(new_page, live_server, demo_story):
    page = new_page(js=False)
    passage, revision = other_version(demo_story)
    page.goto(f"{live_server.url}{demo_story.get_absolute_url()}")
    link = page.locator(f"#against-{revision.pk}")
    name = link.inner_text()
    link.click()
    page.wait_for_url(f"**?ref={revision.pk}")
    assert f"read against {name}" in reading_against(page)
    assert page.locator(f"#against-{revision.pk}").get_attribute("aria-current") == "true"
    # That version's own wording now leads its passage, unmarked.
    body = page.locator(f"#passage-{passage.pk}-body")
    assert "will not" in body.inner_text() and body.locator("ins, del").count() == 0
    # The reference's wording, chosen by its chip, is marked against it.
    chip = page.locator(f"#passage-{passage.pk} a.chip").first
    assert chip.get_attribute("aria-pressed") == "false"
    chip.click()
    page.wait_for_url(f"**ref={revision.pk}**")
    body = page.locator(f"#passage-{passage.pk}-body")
    assert "cannot" in " ".join(body.locator("ins").all_inner_texts())
    assert f"differences against {name}" in body.inner_text()


def test_reading_against_a_version_with_javascript(page, live_server, demo_story):
    passage, revision = other_version(demo_story)
    open_page(page, f"{live_server.url}{demo_story.get_absolute_url()}")
    assert "reference" in page.locator(".coverage tr.current").text_content()
    link = page.locator(f"#against-{revision.pk}")
    name = link.inner_text()
    link.click()
    page.wait_for_url(f"**?ref={revision.pk}")
    page.wait_for_function(
        f"document.querySelector('#against-{revision.pk}').getAttribute('aria-current') === 'true'"
    )
    assert same_document(page)  # swapped by htmx
    assert f"read against {name}" in reading_against(page)
    assert "will not" in page.locator(f"#passage-{passage.pk}-body").inner_text()
    current = page.locator(".coverage tr.current")
    assert current.count() == 1 and name in current.inner_text()
    # Reload: the URL alone gives the same view.
    page.reload()
    assert f"read against {name}" in reading_against(page)


def test_space_on_a_chip_swaps_the_wording_and_does_not_scroll(page, live_server, demo_story):
    passage, _ = other_version(demo_story)
    open_page(page, f"{live_server.url}{demo_story.get_absolute_url()}")
    chip = page.locator(f"#passage-{passage.pk}").get_by_role("button", name="TDC")
    chip.focus()
    before = page.evaluate("window.scrollY")
    page.keyboard.press(" ")
    page.locator(f"#passage-{passage.pk} ins.diff-ins").first.wait_for()
    assert chip.get_attribute("aria-pressed") == "true"
    assert page.evaluate("window.scrollY") == before  # Space pressed, not scrolled
    assert same_document(page)


def test_focus_stays_on_the_filter_after_its_swap(page, live_server, demo_story):
    open_page(page, f"{live_server.url}{demo_story.get_absolute_url()}")
    page.locator("#filter-quotes").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**?filter=quotes")
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'filter-quotes'"
    )
    assert page.locator("#filter-quotes").get_attribute("aria-current") == "true"
    # The new list's status is announced from a region the swap does not replace.
    page.wait_for_function(
        "document.getElementById('swap-status').textContent.includes('passages')"
    )
    assert same_document(page)
    assert page.locator("#swap-status").get_attribute("aria-live") == "polite"


def test_a_chip_swap_pushes_a_url_that_reloads_to_the_same_view(page, live_server, demo_story):
    passage, revision = other_version(demo_story)
    open_page(page, f"{live_server.url}{demo_story.get_absolute_url()}?filter=quotes")
    page.locator(f"#passage-{passage.pk}").get_by_role("button", name="TDC").click()
    page.wait_for_url(f"**p={passage.pk}&v={revision.pk}**")
    assert same_document(page)
    assert "filter=quotes" in page.url and "/passages/" not in page.url
    swapped = page.locator(f"#passage-{passage.pk}-body").inner_text()
    page.reload()
    assert page.locator(f"#passage-{passage.pk}-body").inner_text() == swapped
    pressed = page.locator(f'#passage-{passage.pk} a.chip[aria-pressed="true"]')
    assert pressed.inner_text() == "TDC"
    assert page.locator("#filter-quotes").get_attribute("aria-current") == "true"


def test_at_phone_width_the_overview_and_panels_come_before_the_passages(
    new_page, live_server, seeds_story, artifacts
):
    wide = new_page(width=1366)
    wide.goto(f"{live_server.url}{seeds_story.get_absolute_url()}")
    wide.screenshot(path=artifacts / "seeds-story-1366.png", full_page=True)
    wide.screenshot(path=artifacts / "seeds-story-1366-top.png")
    wide.evaluate("document.querySelector('.filters').scrollIntoView()")
    wide.screenshot(path=artifacts / "seeds-story-1366-passages.png")
    phone = new_page(width=390, height=844)
    phone.goto(f"{live_server.url}{seeds_story.get_absolute_url()}")
    phone.screenshot(path=artifacts / "seeds-story-390.png", full_page=True)
    phone.screenshot(path=artifacts / "seeds-story-390-top.png")
    phone.evaluate("document.querySelector('.filters').scrollIntoView()")
    phone.screenshot(path=artifacts / "seeds-story-390-passages.png")
    phone.evaluate("window.scrollTo(0, 0)")
    top = phone.evaluate(
        """() => Object.fromEntries(['.overview', '.story-side', 'article.passage'].map(
              (sel) => [sel, document.querySelector(sel).getBoundingClientRect().top + scrollY]))"""
    )
    assert top[".overview"] < top["article.passage"]
    assert top[".story-side"] < top["article.passage"]
    # Folded on a phone, so the passages are not pushed far down.
    assert phone.locator("details.panel[open]").count() == 0
    assert top["article.passage"] < 4 * 844
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the phone layout scrolls sideways ({width}px)"


def axe_violations(page, axe_script) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id} (${v.impact}): `
                          + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))"""
    )
    return found


def test_axe_finds_no_serious_violation_on_the_readers_pages(
    new_page, live_server, demo_story, axe_script
):
    from stories.models import Article

    article = Article.objects.filter(story=demo_story).exclude(revisions=None).first()
    passage, revision = other_version(demo_story)
    story = demo_story.get_absolute_url()
    urls = {
        "story list": "/",
        "story page": story,
        "story page, reading against": f"{story}?ref={revision.pk}&p={passage.pk}&v={revision.pk}",
        "timeline": f"/stories/{demo_story.slug}/timeline/",
        "compare": f"/stories/{demo_story.slug}/compare/",
        "article": article.get_absolute_url(),
        "outlet": article.outlet.get_absolute_url(),
    }
    # The checker is injected as a script of its own: let it past the page's policy.
    page = new_page(bypass_csp=True)
    failures = {}
    for name, url in urls.items():
        page.goto(f"{live_server.url}{url}")
        found = axe_violations(page, axe_script)
        if found:
            failures[name] = found
    assert failures == {}


def test_axe_finds_no_serious_violation_on_the_seeds_page_at_phone_width(
    new_page, live_server, seeds_story, axe_script
):
    page = new_page(width=390, height=844, bypass_csp=True)
    page.goto(f"{live_server.url}{seeds_story.get_absolute_url()}")
    assert axe_violations(page, axe_script) == []
