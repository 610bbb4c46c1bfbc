"""The editors' import page: paste, upload, URLs; results and refusals shown."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stories import grouping
from stories.models import Article, Outlet, Story

from .conftest import article_page, row_counts
from .generated import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "view_outlet", "view_story"])
    )
    client.force_login(user)
    return client


def text_of(seed: int) -> str:
    parts = article(seed)
    return "\n\n".join([parts["headline"], *parts["paragraphs"], "Comments are closed."])


def test_page_renders_with_the_admin_around_it(editor_client):
    response = editor_client.get(reverse("admin:stories_article_import"))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/stories/import.html"
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page and "Paste text" in page
    assert "admin/js/autocomplete.js" in page  # outlet and story pickers


def test_needs_the_add_article_permission(client):
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:stories_article_import")).status_code == 403


def test_pasted_text_is_imported_into_the_chosen_story(editor_client):
    outlet = Outlet.objects.create(name="Example News")
    story = Story.objects.create(title="Budget talks")
    response = editor_client.post(
        reverse("admin:stories_article_import"),
        {"outlet": outlet.pk, "story": story.pk, "text": text_of(1), "format": "auto"},
    )
    assert response.status_code == 200
    saved = Article.objects.get()
    assert (saved.outlet, saved.story, saved.headline) == (outlet, story, article(1)["headline"])
    page = response.content.decode()
    assert "1 created" in page and "comments prompt" in page
    assert saved.revisions.get().source_kind == "paste"


def test_pasted_text_keeps_the_date_given(editor_client):
    """Grouping reads the article's own date, not the day it was pasted."""
    outlet = Outlet.objects.create(name="Example News")
    editor_client.post(
        reverse("admin:stories_article_import"),
        {"outlet": outlet.pk, "text": text_of(4), "published": "2025-04-21", "format": "auto"},
    )
    saved = Article.objects.get()
    assert saved.published_at.date().isoformat() == "2025-04-21"
    assert grouping.moment(saved) == saved.published_at


def test_a_date_that_is_not_one_is_refused_with_a_reason(editor_client):
    outlet = Outlet.objects.create(name="Example News")
    response = editor_client.post(
        reverse("admin:stories_article_import"),
        {"outlet": outlet.pk, "text": text_of(4), "published": "21/04/2025x", "format": "auto"},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not Article.objects.exists()


def test_uploads_and_refusals_are_listed_with_reasons(editor_client):
    good = SimpleUploadedFile("a.txt", text_of(2).encode())
    page = SimpleUploadedFile(
        "b.html", article_page(title="Other", paragraphs=article(3)["paragraphs"]).encode()
    )
    empty = SimpleUploadedFile("empty.txt", b"")
    response = editor_client.post(
        reverse("admin:stories_article_import"),
        {"new_outlet": "Fresh Outlet", "files": [good, page, empty], "format": "auto"},
    )
    content = response.content.decode()
    assert "2 created" in content and "1 refused" in content
    assert "empty.txt" in content and "The file is empty." in content
    assert set(Article.objects.values_list("source_key", flat=True)) == {"a.txt", "b.html"}
    assert Outlet.objects.get().name == "Fresh Outlet"


def test_refused_url_writes_nothing_and_says_why(editor_client, settings):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    response = editor_client.post(
        reverse("admin:stories_article_import"),
        {"urls": "http://127.0.0.1:9/internal", "format": "auto"},
    )
    assert "private or local address" in response.content.decode()
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_empty_form_and_bad_urls_are_form_errors(editor_client):
    response = editor_client.post(reverse("admin:stories_article_import"), {"format": "auto"})
    assert "Paste text, choose files or give URLs" in response.content.decode()
    response = editor_client.post(
        reverse("admin:stories_article_import"), {"urls": "javascript:alert(1)", "format": "auto"}
    )
    assert "Not an http(s) URL" in response.content.decode()
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_stored_script_is_not_shown(editor_client):
    parts = article(4)
    html = article_page(title=parts["headline"], paragraphs=parts["paragraphs"]).replace(
        "<p>", '<p onmouseover="alert(1)"><script>alert(2)</script>', 1
    )
    response = editor_client.post(
        reverse("admin:stories_article_import"),
        {"new_outlet": "X", "text": html, "format": "html"},
    )
    content = response.content.decode()
    assert "1 created" in content
    assert "alert(" not in content


def test_pasting_the_same_text_twice_is_a_no_op_and_other_text_a_new_article(editor_client):
    outlet = Outlet.objects.create(name="Example News")
    for seed in (5, 5, 6):
        editor_client.post(
            reverse("admin:stories_article_import"),
            {"outlet": outlet.pk, "text": text_of(seed), "format": "auto"},
        )
    assert Article.objects.count() == 2
    assert all(a.revisions.count() == 1 for a in Article.objects.all())
