"""The real captured seeds, imported and aligned, as a reader sees them."""

import pytest
from django.core.management import call_command

from stories.aligning import realign_story
from stories.models import Story

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_seeds_read_correctly_on_the_story_page(page, live_server, seeds_dir, artifacts):
    same_report = sorted(p for p in seeds_dir.glob("00[0-3]_*.txt"))
    call_command(
        "import_articles",
        *map(str, same_report),
        "--manifest",
        str(seeds_dir / "manifest.json"),
        "--story",
        "nato-seeds",
    )
    story = Story.objects.get(slug="nato-seeds")
    Story.objects.filter(pk=story.pk).update(published=True, title="NATO and cease-fire talks")
    realign_story(story.pk)
    page.goto(f"{live_server.url}/stories/nato-seeds/")
    page.screenshot(path=artifacts / "seeds-story.png", full_page=False)
    terms = page.locator("ul.terms").inner_text()
    assert "Kyiv" in terms and "Kiev" in terms
    assert "Zelenskyy" in terms and "Zelensky" in terms
    assert page.locator("article.passage").count() > 30
    assert page.locator("li.quote.altered").count() >= 1
    page.get_by_role("link", name="Changed figures").click()
    page.wait_for_url("**?filter=numbers")
    numbers = page.locator("#passage-list").inner_text()
    assert "1,500" in numbers
