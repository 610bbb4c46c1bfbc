"""RSS and Atom feeds: conditional polling, new entries as articles, and the
re-fetch schedule that catches later edits to a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import feedparser
from django.utils import timezone

from stories.models import Article, Feed, SourceKind

from .api import ImportResult, Outcome, ingest_feed_entry, ingest_url
from .fetch import FEED_TYPES, FetchError, fetch
from .schedule import next_fetch_time


@dataclass
class PollResult:
    feed: Feed
    results: list[ImportResult] = field(default_factory=list)
    not_modified: bool = False
    error: str = ""


def poll_feed(feed: Feed, *, now: datetime | None = None) -> PollResult:
    """Fetch ``feed`` (with its ETag and Last-Modified, so an unchanged feed
    costs one short answer) and import its entries. The outcome is recorded
    on the feed: ``last_polled_at``, and ``last_error`` (empty when fine)."""
    now = now or timezone.now()
    result = PollResult(feed)
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        page = fetch(feed.url, accept=FEED_TYPES, headers=headers)
        if page.not_modified:
            result.not_modified = True
        else:
            parsed = feedparser.parse(page.content, response_headers=page.headers)
            if parsed.bozo and not parsed.entries:
                raise FetchError(
                    f"{feed.url} is not a valid RSS or Atom feed ({parsed.get('bozo_exception')})."
                )
            feed.etag = (page.headers.get("etag") or "")[:300]
            feed.last_modified = (page.headers.get("last-modified") or "")[:100]
            result.results = [
                ingest_feed_entry(feed=feed, entry=entry, now=now) for entry in parsed.entries
            ]
    except FetchError as exc:
        result.error = str(exc)
    feed.last_polled_at = now
    feed.last_error = result.error
    feed.save(update_fields=["etag", "last_modified", "last_polled_at", "last_error"])
    return result


def refetch_due(*, now: datetime | None = None, limit: int = 200) -> list[ImportResult]:
    """Fetch again the pages whose ``next_fetch_at`` has come; changed text
    becomes a new revision (marked minor when only whitespace, punctuation or
    a dateline changed). Each article is rescheduled, also when the fetch
    fails, so a dead page is not hammered."""
    now = now or timezone.now()
    due = (
        Article.objects.filter(next_fetch_at__lte=now)
        .exclude(url="")
        .select_related("outlet")
        .order_by("next_fetch_at")[:limit]
    )
    results = []
    for article in due:
        result = ingest_url(url=article.url, outlet=article.outlet, source_kind=SourceKind.URL)
        if result.outcome in (Outcome.REFUSED, Outcome.UNCHANGED):
            # A new revision reschedules itself; nothing else does.
            Article.objects.filter(pk=article.pk).update(
                next_fetch_at=next_fetch_time(
                    first_seen=article.published_at or article.created_at, now=now
                )
            )
        results.append(result)
    return results


def poll_all(*, now: datetime | None = None) -> tuple[list[PollResult], list[ImportResult]]:
    """Poll every active feed, then re-fetch the articles that are due."""
    polls = [poll_feed(feed, now=now) for feed in Feed.objects.active().select_related("outlet")]
    return polls, refetch_due(now=now)
