"""RSS and Atom feeds: conditional polling, new entries as articles, and the
re-fetch schedule that catches later edits to a page."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import feedparser
from django.utils import timezone

from stories.models import Article, Feed, SourceKind

from .api import (
    ImportResult,
    Outcome,
    describe_error,
    ingest_feed_entry,
    ingest_url,
    refused_after_crash,
)
from .fetch import FEED_TYPES, FetchError, fetch
from .schedule import next_fetch_time

logger = logging.getLogger(__name__)

# One RSS item or Atom entry, as text (they never nest).
_ENTRY = re.compile(rb"<(item|entry)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTRY_LINK = re.compile(rb"<(?:link|guid|id)\b[^>]*>\s*([^<\s]{1,300})\s*<", re.IGNORECASE)
_ERROR_LIMIT = 2000  # characters of Feed.last_error


@dataclass
class ParsedFeed:
    """A feed's entries, and why each entry that could not be read was skipped."""

    entries: list = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    bozo_exception: str = ""


def parse_feed(content: bytes, *, headers: dict | None = None) -> ParsedFeed:
    """Parse RSS or Atom. feedparser raises on some entries (a character
    reference beyond Unicode or to a surrogate, such as ``&#x110000;``, stops
    the whole document); then each entry is parsed on its own, inside the
    feed's own header, and the unreadable ones are skipped with a reason."""
    headers = headers or {}
    try:
        parsed = feedparser.parse(content, response_headers=headers)
    except Exception as exc:
        return _parse_entry_by_entry(content, headers, exc)
    bozo = parsed.get("bozo_exception") if parsed.bozo else None
    return ParsedFeed(entries=list(parsed.entries), bozo_exception=str(bozo or ""))


def _parse_entry_by_entry(content: bytes, headers: dict, failure: Exception) -> ParsedFeed:
    found = list(_ENTRY.finditer(content))
    if not found:
        raise FetchError(f"The feed could not be parsed ({describe_error(failure)}).")
    head, tail = content[: found[0].start()], content[found[-1].end() :]
    result = ParsedFeed()
    for number, match in enumerate(found, start=1):
        try:
            alone = feedparser.parse(head + match.group(0) + tail, response_headers=headers)
            result.entries.extend(alone.entries)
        except Exception as exc:
            link = _ENTRY_LINK.search(match.group(0))
            where = f" ({link.group(1).decode('utf-8', 'replace')})" if link else ""
            result.skipped.append(
                f"Entry {number}{where} skipped: it could not be parsed ({describe_error(exc)})."
            )
    return result


@dataclass
class PollResult:
    feed: Feed
    results: list[ImportResult] = field(default_factory=list)
    not_modified: bool = False
    error: str = ""
    skipped: list[str] = field(default_factory=list)  # entries that could not be parsed


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
            parsed = parse_feed(page.content, headers=page.headers)
            if parsed.bozo_exception and not parsed.entries:
                raise FetchError(
                    f"{feed.url} is not a valid RSS or Atom feed ({parsed.bozo_exception})."
                )
            feed.etag = (page.headers.get("etag") or "")[:300]
            feed.last_modified = (page.headers.get("last-modified") or "")[:100]
            result.skipped = parsed.skipped
            result.results = [_import_entry(feed, entry, now=now) for entry in parsed.entries]
    except FetchError as exc:
        result.error = str(exc)
    feed.last_polled_at = now
    feed.last_error = " ".join([result.error, *result.skipped]).strip()[:_ERROR_LIMIT]
    feed.save(update_fields=["etag", "last_modified", "last_polled_at", "last_error"])
    return result


def _import_entry(feed: Feed, entry, *, now: datetime) -> ImportResult:
    """One entry's import; an unforeseen failure refuses that entry only."""
    try:
        return ingest_feed_entry(feed=feed, entry=entry, now=now)
    except Exception as exc:
        source = str(entry.get("link") or entry.get("id") or feed.url)[:300]
        return refused_after_crash(source, exc)


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
        try:
            result = ingest_url(url=article.url, outlet=article.outlet, source_kind=SourceKind.URL)
        except Exception as exc:  # one page's failure never stops the others
            result = refused_after_crash(article.url, exc)
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
    """Poll every active feed, then re-fetch the articles that are due. A feed
    whose poll fails in a way nobody foresaw is recorded as failed, and the
    next feed is polled all the same."""
    polls = []
    for feed in Feed.objects.active().select_related("outlet"):
        try:
            polls.append(poll_feed(feed, now=now))
        except Exception as exc:
            logger.exception("Polling %s failed unexpectedly", feed.url)
            error = f"Polling failed ({describe_error(exc)})."
            Feed.objects.filter(pk=feed.pk).update(
                last_polled_at=now or timezone.now(), last_error=error
            )
            polls.append(PollResult(feed, error=error))
    return polls, refetch_due(now=now)
