"""Input that makes a parser raise is a refusal with a reason, recorded where
people look, and the next entry, feed, file or line still goes in."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from stories.ingest import api
from stories.ingest.batch import ingest_paths
from stories.ingest.feeds import poll_all, poll_feed
from stories.models import Article, Feed, Outlet

from .conftest import article_page, row_counts
from .generated import article

pytestmark = pytest.mark.django_db

# lxml's tree builder fails an internal assertion on this markup (inside
# trafilatura's metadata extraction).
CRAFTED_SVG = (
    "<svg onload=alert(1)><input autofocus onfocus=alert(1)><input autofocus onfocus=alert(2)>"
)
# "undefined" is a real Python codec that refuses every byte.
CRAFTED_CHARSET = b"<meta charset=undefined><p>x</p>"

POISON_REFS = ["&#x110000;", "&#xd800;"]


def entry(title: str, link: str, summary: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{summary}</description></item>"
    )


def rss(*entries: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed</title><link>http://example.test/</link>{''.join(entries)}</channel></rss>"
    )


def serve_article(server, path: str, seed: int) -> dict:
    parts = article(seed)
    server.add(path, article_page(title=parts["headline"], paragraphs=parts["paragraphs"]))
    return parts


@pytest.mark.parametrize("poison", POISON_REFS)
def test_a_poison_entry_is_skipped_and_recorded_and_the_rest_of_the_feed_imports(
    allow_private, local_server, poison
):
    good = serve_article(local_server, "/good", 31)
    local_server.add(
        "/feed.xml",
        rss(
            entry(f"Bad {poison}", local_server.url("/bad"), f"Text {poison} here"),
            entry(good["headline"], local_server.url("/good"), "Summary"),
        ),
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(
        url=local_server.url("/feed.xml"), outlet=Outlet.objects.create(name="Wire")
    )
    poll = poll_feed(feed)
    assert poll.error == ""
    assert [r.outcome for r in poll.results] == [api.Outcome.CREATED]
    assert Article.objects.get().headline == good["headline"]
    feed.refresh_from_db()
    assert feed.last_error.startswith(f"Entry 1 ({local_server.url('/bad')}) skipped")
    assert "could not be parsed" in feed.last_error


def test_polling_goes_on_to_the_next_feed_after_a_poisoned_one(allow_private, local_server):
    outlet = Outlet.objects.create(name="Wire")
    local_server.add(
        "/poisoned.xml",
        rss(entry("Bad &#x110000;", "http://example.test/x", "&#xd800;")),
        content_type="application/rss+xml",
    )
    good = serve_article(local_server, "/story", 32)
    local_server.add(
        "/fine.xml",
        rss(entry(good["headline"], local_server.url("/story"), "Summary")),
        content_type="application/rss+xml",
    )
    Feed.objects.create(url=local_server.url("/poisoned.xml"), outlet=outlet)
    Feed.objects.create(url=local_server.url("/fine.xml"), outlet=outlet)
    polls, _ = poll_all()
    by_url = {poll.feed.url: poll for poll in polls}
    assert by_url[local_server.url("/poisoned.xml")].skipped
    assert [r.outcome for r in by_url[local_server.url("/fine.xml")].results] == [
        api.Outcome.CREATED
    ]
    out = StringIO()
    call_command("poll_feeds", stdout=out)  # every feed was read: no failure to report
    assert "Entry 1 (http://example.test/x) skipped" in out.getvalue()


def test_a_feed_whose_poll_crashes_is_recorded_and_the_next_is_polled(
    allow_private, local_server, monkeypatch
):
    from stories.ingest import feeds

    outlet = Outlet.objects.create(name="Wire")
    good = serve_article(local_server, "/story", 33)
    local_server.add(
        "/fine.xml",
        rss(entry(good["headline"], local_server.url("/story"), "Summary")),
        content_type="application/rss+xml",
    )
    broken = Feed.objects.create(url="http://127.0.0.1:9/a.xml", outlet=outlet)
    fine = Feed.objects.create(url=local_server.url("/fine.xml"), outlet=outlet)
    real = feeds.poll_feed

    def poll_or_crash(feed, **kw):
        if feed.pk == broken.pk:
            raise RuntimeError("disk on fire")
        return real(feed, **kw)

    monkeypatch.setattr(feeds, "poll_feed", poll_or_crash)
    polls, _ = feeds.poll_all()
    assert {p.feed.pk: bool(p.error) for p in polls} == {broken.pk: True, fine.pk: False}
    broken.refresh_from_db()
    assert broken.last_error == "Polling failed (RuntimeError: disk on fire)."
    assert Article.objects.count() == 1


def test_crafted_html_files_are_refused_with_a_reason_and_the_next_file_imports(tmp_path):
    (tmp_path / "a-svg.html").write_text(CRAFTED_SVG)
    (tmp_path / "b-charset.html").write_bytes(CRAFTED_CHARSET)
    parts = article(34)
    (tmp_path / "c-good.html").write_text(
        article_page(title=parts["headline"], paragraphs=parts["paragraphs"])
    )
    results = ingest_paths(paths=sorted(tmp_path.iterdir()), outlet="Wire")
    assert [r.outcome for r in results] == [
        api.Outcome.REFUSED,
        api.Outcome.REFUSED,
        api.Outcome.CREATED,
    ]
    assert results[0].message == "The HTML could not be parsed (AssertionError)."
    assert results[1].message == "No article text was found in this HTML."
    assert Article.objects.get().headline == parts["headline"]


def test_an_undefined_charset_is_ignored_and_the_page_reads_as_utf8():
    parts = article(35)
    page = article_page(
        title=parts["headline"],
        paragraphs=[*parts["paragraphs"], "Prices in Zürich rose."],
        extra_head="<meta charset=undefined>",
    )
    [result] = api.ingest_document(data=page.encode("utf-8"), name="page.html", outlet="Wire")
    assert result.outcome is api.Outcome.CREATED
    assert "Prices in Zürich rose." in result.revision.body


def test_crafted_html_lines_never_stop_a_jsonl_batch():
    parts = article(36)
    lines = [
        json.dumps({"outlet": "Wire", "html": CRAFTED_SVG}),
        json.dumps({"outlet": "Wire", "html": CRAFTED_CHARSET.decode()}),
        json.dumps({"outlet": "Wire", "text": "\n\n".join(parts["paragraphs"])}),
    ]
    results = api.ingest_jsonl(lines=lines, source="batch.jsonl")
    assert [r.outcome for r in results] == [api.Outcome.REFUSED] * 2 + [api.Outcome.CREATED]
    assert results[0].message == "The HTML could not be parsed (AssertionError)."


def test_a_line_whose_import_crashes_is_refused_and_the_batch_goes_on(monkeypatch):
    real = api.ingest_text

    def crash_on_boom(*, text, **kw):
        if "boom" in text:
            raise RuntimeError("unforeseen")
        return real(text=text, **kw)

    monkeypatch.setattr(api, "ingest_text", crash_on_boom)
    before = row_counts()
    lines = [
        json.dumps({"outlet": "Brand New", "story": "new-story", "text": "boom " * 30}),
        json.dumps({"outlet": "Wire", "text": "\n\n".join(article(37)["paragraphs"])}),
    ]
    results = api.ingest_jsonl(lines=lines, source="batch.jsonl")
    assert [r.outcome for r in results] == [api.Outcome.REFUSED, api.Outcome.CREATED]
    assert results[0].source == "batch.jsonl:1"
    assert results[0].message == (
        "This could not be imported (RuntimeError: unforeseen); nothing of it was stored."
    )
    assert row_counts()["Story"] == before["Story"]
