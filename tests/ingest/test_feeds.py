"""Feed polling against a local server: new entries, conditional requests,
re-fetches that add revisions (minor or not), and broken feeds."""

from datetime import timedelta
from email.utils import format_datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from stories.ingest import api, tasks
from stories.ingest.feeds import poll_feed, refetch_due
from stories.models import Article, Feed, Outlet

from .conftest import article_page, row_counts
from .generated import article

pytestmark = pytest.mark.django_db


PUBLISHED = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)


def rss(items: list[dict]) -> str:
    entries = "".join(
        f"<item><title>{i['title']}</title><link>{i['link']}</link><guid>{i['link']}</guid>"
        f"<pubDate>{format_datetime(PUBLISHED, usegmt=True)}</pubDate>"
        f"<description>{i.get('summary', '')}</description></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Example feed</title><link>http://example.test/</link>{entries}</channel></rss>"
    )


@pytest.fixture
def newsroom(allow_private, local_server):
    """A site with one article and a feed pointing at it."""
    parts = article(21)
    local_server.add(
        "/story-1", article_page(title=parts["headline"], paragraphs=parts["paragraphs"])
    )
    local_server.add(
        "/feed.xml",
        rss([{"title": parts["headline"], "link": local_server.url("/story-1")}]),
        content_type="application/rss+xml",
        etag='"v1"',
    )
    outlet = Outlet.objects.create(name="Example News")
    feed = Feed.objects.create(url=local_server.url("/feed.xml"), outlet=outlet)
    return local_server, feed, parts


def test_new_entry_becomes_an_article_from_its_page(newsroom):
    server, feed, parts = newsroom
    poll = poll_feed(feed)
    assert poll.error == "" and [r.outcome for r in poll.results] == [api.Outcome.CREATED]
    saved = Article.objects.get()
    assert (saved.url, saved.outlet, saved.headline) == (
        server.url("/story-1"),
        feed.outlet,
        parts["headline"],
    )
    assert saved.published_at == PUBLISHED
    revision = saved.revisions.get()
    assert revision.source_kind == "feed"
    assert revision.body == "\n\n".join(parts["paragraphs"])
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_polled_at is not None and feed.last_error == ""


def test_unchanged_feed_answers_304_and_imports_nothing(newsroom):
    server, feed, _ = newsroom
    poll_feed(feed)
    before = row_counts()
    second = poll_feed(feed)
    assert second.not_modified and second.results == []
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    assert row_counts() == before


def test_known_entry_is_not_refetched_before_its_time(newsroom):
    server, feed, _ = newsroom
    poll_feed(feed)
    server.routes["/feed.xml"].etag = '"v2"'  # the feed changed, the entry did not
    fetched = len(server.requests)
    poll = poll_feed(feed)
    assert [r.outcome for r in poll.results] == [api.Outcome.UNCHANGED]
    assert [path for path, _ in server.requests[fetched:]] == ["/feed.xml"]


def test_changed_page_gives_a_second_revision_and_a_punctuation_edit_a_minor_one(newsroom):
    server, feed, parts = newsroom
    poll_feed(feed)
    saved = Article.objects.get()
    due = saved.next_fetch_at
    assert timedelta(0) < due - timezone.now() <= timedelta(days=7)

    changed = [*parts["paragraphs"], "Late on Tuesday the talks were suspended again."]
    server.add("/story-1", article_page(title=parts["headline"], paragraphs=changed))
    assert refetch_due(now=due - timedelta(seconds=1)) == []  # not yet
    [second] = refetch_due(now=due + timedelta(seconds=1))
    assert second.outcome is api.Outcome.NEW_REVISION and not second.revision.minor

    retouched = [p.replace(", ", " ").replace(" that ", " that  ") for p in changed]
    retouched[-1] = retouched[-1].rstrip(".") + "!"
    server.add("/story-1", article_page(title=parts["headline"], paragraphs=retouched))
    saved.refresh_from_db()
    [third] = refetch_due(now=saved.next_fetch_at + timedelta(seconds=1))
    assert third.outcome is api.Outcome.NEW_REVISION and third.revision.minor
    assert saved.revisions.count() == 3
    assert list(
        saved.revisions.major().order_by("captured_at").values_list("minor", flat=True)
    ) == [
        False,
        False,
    ]


def test_refetch_of_an_unchanged_page_reschedules_it(newsroom):
    _, feed, _ = newsroom
    poll_feed(feed)
    saved = Article.objects.get()
    later = saved.next_fetch_at + timedelta(seconds=1)
    [result] = refetch_due(now=later)
    assert result.outcome is api.Outcome.UNCHANGED
    saved.refresh_from_db()
    assert saved.next_fetch_at > later


def test_entry_whose_page_cannot_be_fetched_falls_back_to_its_summary(allow_private, local_server):
    summary = " ".join(article(22)["paragraphs"][:2])
    local_server.add(
        "/feed.xml",
        rss([{"title": "Fallback", "link": local_server.url("/gone"), "summary": summary}]),
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(
        url=local_server.url("/feed.xml"), outlet=Outlet.objects.create(name="X")
    )
    [result] = poll_feed(feed).results
    assert result.outcome is api.Outcome.CREATED
    assert result.revision.body == summary and result.article.headline == "Fallback"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("this is not a feed at all { ] <", "application/rss+xml", "not a valid RSS or Atom feed"),
        ("\x89PNG binary", "image/png", "image/png, not a page"),
    ],
)
def test_invalid_feed_is_recorded_and_writes_no_articles(
    allow_private, local_server, body, content_type, message
):
    local_server.add("/bad.xml", body, content_type=content_type)
    feed = Feed.objects.create(
        url=local_server.url("/bad.xml"), outlet=Outlet.objects.create(name="X")
    )
    poll = poll_feed(feed)
    assert message in poll.error
    feed.refresh_from_db()
    assert message in feed.last_error and feed.last_polled_at is not None
    assert Article.objects.count() == 0


def test_feed_on_a_private_address_is_refused_by_default(settings, local_server):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    feed = Feed.objects.create(
        url=local_server.url("/feed.xml"), outlet=Outlet.objects.create(name="X")
    )
    assert "private or local address" in poll_feed(feed).error
    assert local_server.requests == []


def test_command_and_task_poll_active_feeds(newsroom):
    _, feed, _ = newsroom
    Feed.objects.create(url="http://127.0.0.1:9/inactive.xml", outlet=feed.outlet, active=False)
    result = tasks.poll_feeds.enqueue()
    assert result.return_value["feeds"] == 1 and result.return_value["created"] == 1
    out = StringIO()
    call_command("poll_feeds", stdout=out)
    assert "1 feeds" in out.getvalue()
    feed.url = feed.url.replace("feed.xml", "missing.xml")
    feed.etag = ""
    feed.save()
    with pytest.raises(CommandError):
        call_command("poll_feeds", stdout=StringIO())
