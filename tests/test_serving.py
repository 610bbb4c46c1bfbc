"""Serving readers fast and safely: cached pages validated by what they show,
304s, no cookies on anonymous pages, compression, the security policy, the
health check and spreadsheet-safe CSV."""

import csv
import gzip
import io
import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stories.aligning import realign_story
from stories.exports import spreadsheet_cell
from stories.models import Divergence, Outlet, Passage, Story

from . import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def passage_ids(html: str) -> set[str]:
    return set(re.findall(r'id="passage-(\d+)"', html))


# --- validators and 304s -----------------------------------------------------
def test_a_repeated_get_with_the_etag_is_answered_304_without_a_body(client):
    story = factories.aligned_story()
    first = client.get(story.get_absolute_url())
    assert first.status_code == 200 and first["ETag"].startswith('W/"')
    assert "Last-Modified" in first
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_304_needs_no_rendering_and_a_cached_page_little_work(client):
    story = factories.aligned_story(versions=6, passages=12)
    url = story.get_absolute_url()
    with CaptureQueriesContext(connection) as miss:
        etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as hit:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as revalidated:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # The page's state is one query; rendering the page needs several more.
    assert len(hit.captured_queries) == len(revalidated.captured_queries) == 1
    assert len(miss.captured_queries) > len(hit.captured_queries)


def test_other_reader_pages_get_validators_too(client):
    story = factories.aligned_story()
    url = reverse("stories:story_timeline", args=[story.slug])
    first = client.get(url)
    assert first.status_code == 200 and first.has_header("ETag")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


# --- anonymous pages share, editors never get them ------------------------------
@pytest.mark.parametrize("name", ["story_detail", "story_list"])
def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_it(client, name):
    story = factories.aligned_story()
    url = story.get_absolute_url() if name == "story_detail" else reverse("stories:story_list")
    for _ in range(2):  # rendered, then from the cache
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies and not response.has_header("Set-Cookie")
        assert "cookie" not in vary(response)
        assert "csrf" not in response.content.decode().lower()
        assert "public" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_editors_are_never_served_the_readers_cache(client):
    story = factories.aligned_story()
    anonymous = client.get(story.get_absolute_url())
    assert "Editors</a>" not in anonymous.content.decode()
    client.force_login(factories.editor())
    response = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=anonymous["ETag"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Editors</a>" in html and "X-CSRFToken" in html
    assert "private" in response["Cache-Control"]
    assert response.get("ETag") != anonymous["ETag"]


def test_a_draft_is_never_cached_for_readers(client):
    draft = factories.aligned_story(published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(factories.editor())
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


# --- invalidation: exactly what changed --------------------------------------------
def test_a_realignment_changes_the_etag_and_the_page(client, demo_story):
    url = demo_story.get_absolute_url()
    before = client.get(url)
    realign_story(demo_story.pk, force=True)
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    now = {
        str(p)
        for p in Passage.objects.filter(alignment__story=demo_story).values_list("pk", flat=True)
    }
    assert passage_ids(after.content.decode()) == now
    assert not passage_ids(before.content.decode()) & now


def test_an_edit_changes_the_page_and_leaves_other_stories_alone(client):
    story, other = factories.aligned_story(), factories.aligned_story()
    page, other_page = client.get(story.get_absolute_url()), client.get(other.get_absolute_url())
    story.title = "A corrected headline for the story"
    story.save()
    edited = client.get(story.get_absolute_url())
    assert edited["ETag"] != page["ETag"]
    assert "A corrected headline for the story" in edited.content.decode()
    untouched = client.get(other.get_absolute_url(), HTTP_IF_NONE_MATCH=other_page["ETag"])
    assert untouched.status_code == 304


def test_renaming_an_outlet_or_editing_an_article_changes_the_page(client):
    story = factories.aligned_story()
    first = client.get(story.get_absolute_url())
    outlet = Outlet.objects.filter(articles__story=story).first()
    outlet.name = "Renamed Gazette"
    outlet.save()
    renamed = client.get(story.get_absolute_url())
    assert renamed["ETag"] != first["ETag"] and "Renamed Gazette" in renamed.content.decode()
    article = story.articles.order_by("pk").last()
    article.published_at = datetime(2024, 3, 9, 14, 30, tzinfo=UTC)
    article.save()
    fixed = client.get(story.get_absolute_url())
    assert fixed["ETag"] != renamed["ETag"]
    assert "9 Mar 2024, 14:30" in fixed.content.decode()


def test_unpublishing_hides_a_cached_page_at_once_and_publishing_shows_it(client):
    story = factories.aligned_story()
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200
    listed = client.get(reverse("stories:story_list"))
    assert story.title in listed.content.decode()
    Story.objects.filter(pk=story.pk).update(published=False)
    assert client.get(url).status_code == 404
    unlisted = client.get(reverse("stories:story_list"))
    assert unlisted["ETag"] != listed["ETag"] and story.title not in unlisted.content.decode()
    Story.objects.filter(pk=story.pk).update(published=True)
    assert client.get(url).status_code == 200


def test_the_admin_publish_action_invalidates_the_list(client):
    story = factories.aligned_story(published=False, title="Fresh from the desk")
    listed = client.get(reverse("stories:story_list"))
    assert "Fresh from the desk" not in listed.content.decode()
    editor = client
    editor.force_login(factories.editor())
    response = editor.post(
        reverse("admin:stories_story_changelist"),
        {"action": "publish", "_selected_action": [story.pk]},
    )
    assert response.status_code == 302
    editor.logout()
    relisted = client.get(reverse("stories:story_list"), HTTP_IF_NONE_MATCH=listed["ETag"])
    assert relisted.status_code == 200 and "Fresh from the desk" in relisted.content.decode()


def test_search_is_cached_until_an_article_or_outlet_changes(client):
    story = factories.story()
    article = factories.article(story=story, body="The river rose overnight in the valley.")
    url = reverse("stories:search") + "?q=gravel"
    first = client.get(url)
    assert first.status_code == 200
    assert article.get_absolute_url() not in first.content.decode()
    with CaptureQueriesContext(connection) as hit:
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert len(hit.captured_queries) == 1
    article.add_revision(body="Gravel blocked the river overnight.", source_kind="paste")
    found = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert found.status_code == 200 and article.get_absolute_url() in found.content.decode()
    factories.outlet(name="A new outlet to filter by")
    assert client.get(url, HTTP_IF_NONE_MATCH=found["ETag"]).status_code == 200


def test_fragments_are_cached_per_state_and_vary_on_htmx(client):
    story = factories.aligned_story(versions=3, passages=4)
    passage = Passage.objects.filter(alignment__story=story).order_by("position").first()
    member = passage.members.exclude(is_reference=True).first()
    url = reverse("stories:passage_version", args=[story.slug, passage.pk, member.revision_id])
    swap = client.get(url, **HTMX)
    assert swap.status_code == 200 and "hx-request" in vary(swap)
    assert client.get(url, HTTP_IF_NONE_MATCH=swap["ETag"], **HTMX).status_code == 304
    # The same URL without htmx redirects to the page: never the cached fragment.
    plain = client.get(url, HTTP_IF_NONE_MATCH=swap["ETag"])
    assert plain.status_code == 302
    other = factories.aligned_story()
    other.title = "Another story, edited"
    other.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=swap["ETag"], **HTMX).status_code == 304
    story.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=swap["ETag"], **HTMX).status_code == 200


def test_cached_pages_are_gzipped_for_browsers_that_accept_it(client):
    story = factories.aligned_story(versions=5, passages=20)
    plain = client.get(story.get_absolute_url())
    packed = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip" and "accept-encoding" in vary(packed)
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert packed["ETag"] == plain["ETag"]


def test_pages_with_a_csrf_token_are_not_compressed(client):
    """BREACH: a secret in a compressed page leaks through its length."""
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
    assert not response.has_header("Content-Encoding")


# --- Content-Security-Policy ---------------------------------------------------------
INLINE = re.compile(r"<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=|javascript:", re.I)


def test_reader_pages_carry_a_strict_policy_and_no_inline_code(client):
    story = factories.aligned_story()
    passage = Passage.objects.filter(alignment__story=story).order_by("position").first()
    urls = [
        story.get_absolute_url(),
        reverse("stories:story_list"),
        reverse("stories:story_timeline", args=[story.slug]),
        reverse("stories:story_compare", args=[story.slug]),
        reverse("stories:article_detail", args=[story.articles.first().pk]),
        reverse("stories:passage_list", args=[story.slug]) + "?filter=diverge",
        "/no-such-page/",
    ]
    for url in urls:
        response = client.get(url, **(HTMX if "passages" in url else {}))
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy
        assert not INLINE.search(response.content.decode()), url
    assert passage.pk


def test_the_server_error_page_has_no_inline_style():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong" in html and not INLINE.search(html)


# --- health ---------------------------------------------------------------------------
def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"] and not response.has_header("ETag")


def test_healthz_is_503_with_a_reason_when_the_database_fails(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode() == "database unavailable (OperationalError)\n"
    assert "no-store" in response["Cache-Control"]


# --- CSV ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x.example")', '\'=HYPERLINK("http://x.example")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-3", "-3"),
        ("+2.5%", "+2.5%"),
        ("1,500", "1,500"),
        ("Kyiv", "Kyiv"),
        (12, 12),
    ],
)
def test_spreadsheet_cells_that_would_run_are_neutralised(cell, written):
    assert spreadsheet_cell(cell) == written


def test_the_divergences_csv_neutralises_formula_cells(client):
    story = factories.aligned_story(versions=2, passages=3)
    outlet = Outlet.objects.filter(articles__story=story).order_by("pk").last()
    outlet.name = "=cmd|'/C calc'!A0"
    outlet.save()
    d = Divergence.objects.filter(alignment__story=story).first()
    d.detail = "@SUM(1+1)*cmd|' /C calc'!A0"
    d.data = {"reference": "+river", "variant": "-stream+1"}
    d.save()
    response = client.get(reverse("stories:story_divergences_csv", args=[story.slug]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(r for r in rows if r["detail"].endswith("A0"))
    assert row["outlet"] == "'=cmd|'/C calc'!A0"
    assert row["detail"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["reference"] == "'+river" and row["text"] == "'-stream+1"
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_a_deploy_with_other_templates_or_code_starts_new_keys(tmp_path, settings):
    """The release digest reads file contents: same files, same keys on every host."""
    from stories import pagecache

    (tmp_path / "templates").mkdir()
    (tmp_path / "stories").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ story.title }}</p>")
    (tmp_path / "stories" / "reading.py").write_text("LABEL = 'a'\n")
    settings.BASE_DIR = tmp_path
    try:
        pagecache.release.cache_clear()
        first = pagecache.release()
        pagecache.release.cache_clear()
        assert pagecache.release() == first
        page.write_text("<p>{{ story.title|upper }}</p>")
        pagecache.release.cache_clear()
        assert pagecache.release() != first
    finally:
        pagecache.release.cache_clear()
