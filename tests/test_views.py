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
