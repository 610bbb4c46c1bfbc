import pytest
from django.urls import reverse

from . import factories

pytestmark = pytest.mark.django_db


def test_story_list_shows_only_published_stories(client):
    factories.story(title="Published story")
    factories.story(title="Draft story", published=False)
    html = client.get(reverse("stories:story_list")).content.decode()
    assert "Published story" in html
    assert "Draft story" not in html


def test_draft_story_page_is_invisible_to_anonymous_readers(client):
    draft = factories.story(published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editors_can_preview_drafts(client):
    draft = factories.story(published=False, title="Work in progress")
    client.force_login(factories.editor())
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Work in progress" in response.content.decode()


def test_story_page_lists_its_versions(client):
    story = factories.story()
    factories.article(story=story, headline="First outlet's take")
    factories.article(story=story, headline="Second outlet's take")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "First outlet&#x27;s take" in html
    assert "Second outlet&#x27;s take" in html


def test_story_page_rejects_post(client):
    story = factories.story()
    assert client.post(story.get_absolute_url()).status_code == 405


def test_article_and_outlet_pages_do_not_leak_drafts(client):
    """Readers reach an article or outlet only through published coverage."""
    draft = factories.story(published=False)
    secret = factories.article(story=draft, headline="Not yet public")
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(secret.outlet.get_absolute_url()).status_code == 404
    inbox = factories.article(headline="In the inbox")
    assert client.get(inbox.get_absolute_url()).status_code == 404
    public = factories.story()
    factories.article(story=public, outlet=secret.outlet)
    html = client.get(secret.outlet.get_absolute_url()).content.decode()
    assert public.title in html and draft.title not in html


def test_related_stories_show_on_the_page_but_drafts_stay_hidden(client):
    story = factories.aligned_story(versions=2, passages=2, title="The dam")
    public = factories.story(title="Another flood")
    draft = factories.story(title="Unpublished flood", published=False)
    story.related.add(public, draft)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Related stories" in html and "Another flood" in html
    assert "Unpublished flood" not in html


def test_timeline_says_who_was_first_and_keeps_undated_apart(client):
    from datetime import UTC, datetime

    story = factories.story()
    wire = factories.outlet(name="Wire Service")
    factories.article(
        story=story,
        outlet=wire,
        headline="The original",
        published_at=datetime(2026, 3, 14, 5, 42, tzinfo=UTC),
    )
    factories.article(
        story=story,
        headline="A rewrite",
        derived_from="Wire Service",
        published_at=datetime(2026, 3, 14, 6, 50, tzinfo=UTC),
    )
    factories.article(story=story, headline="Undated copy")
    html = client.get(f"/stories/{story.slug}/timeline/").content.decode()
    assert "<strong>Wire Service</strong> published first" in html
    assert "via Wire Service" in html
    undated = html.split("<h3>Undated</h3>", 1)[1]
    assert "Undated copy" in undated and "A rewrite" not in undated


def test_outlet_page_counts_how_the_outlet_diverges(client):
    story = factories.aligned_story(versions=3, passages=4)
    reference = story.alignment.reference_revision
    outlet = reference.article.outlet
    html = client.get(outlet.get_absolute_url()).content.decode()
    # Version 0 (the reference) alone carries the last passage; versions 1 and 2
    # each swap a term in the two shared passages they carry; the reference has none.
    assert "<strong>1</strong> passage only this outlet printed" in html
    assert "<strong>0</strong> swapped terms" in html
    other = story.alignment.revisions.exclude(pk=reference.pk).first().article.outlet
    html = client.get(other.get_absolute_url()).content.decode()
    assert "<strong>0</strong> passages only this outlet printed" in html
    assert "<strong>2</strong> swapped terms" in html  # passages 0 and one of 1, 2


def test_the_page_url_is_always_the_whole_page_even_for_htmx(client):
    """History restores and boosted requests get the full page from the page URL."""
    story = factories.aligned_story(versions=2, passages=2)
    html = client.get(
        story.get_absolute_url(), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert html.lstrip().startswith("<!doctype html>")


def test_reading_pages_never_align(client, monkeypatch):
    """Views read stored rows only: the engine must not run on a page view."""
    story = factories.aligned_story(versions=3, passages=3)

    def forbidden(*args, **kwargs):
        raise AssertionError("a page view ran the alignment engine")

    monkeypatch.setattr("stories.aligning.align", forbidden)
    monkeypatch.setattr("stories.alignment.align", forbidden)
    revisions = list(story.alignment.revisions.order_by("pk"))
    for url in (
        "/",
        story.get_absolute_url(),
        f"/stories/{story.slug}/timeline/",
        f"/stories/{story.slug}/compare/?a={revisions[0].pk}&b={revisions[1].pk}",
        f"/api/stories/{story.slug}/",
        revisions[1].article.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url


def test_not_found_pages_use_the_site_layout(client):
    response = client.get("/stories/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no page at this address" in html and "Newsdesk" in html


def test_the_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    assert "Something went wrong" in render_to_string("500.html")
