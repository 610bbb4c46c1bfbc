"""Readers' pages, cached and validated by what they show.

A reader without a session cookie is anonymous for certain: the page they get
depends only on the URL and on stored rows. So a page's *state* (the stored
alignment's inputs hash and row, the story's own row, its articles and their
outlets, its related stories) names the page exactly. The state is a few small
queries; it becomes the ETag (a repeated GET gets a 304 without rendering) and
the cache key (a changed story renders once, then serves from the cache).
A realignment, a publish or an edit changes the state of exactly the pages
that show it. Requests carrying a session cookie (editors) always render and
are marked private.

Bodies are cached gzip-compressed: a tenth of the memory, and a reader whose
browser accepts gzip (all of them) is served the stored bytes as they are."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.text import compress_string

from .models import Article, Outlet, Story, StoryAlignment

# Headers a cached page carries back out (the rest Django's middleware adds).
KEPT_HEADERS = ("Content-Type", "Vary", "HX-Push-Url", "Content-Language")


@dataclass(frozen=True)
class PageState:
    """What a page shows, reduced to comparable values."""

    parts: tuple
    last_modified: datetime | None


def is_anonymous_reader(request) -> bool:
    """No session cookie: nobody is signed in, whatever the rest of the request says."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


@lru_cache(maxsize=1)
def release() -> str:
    """A digest of the code and templates that render pages: a deploy starts new
    keys, while every worker running the same files (on any host) agrees on them."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    for folder, pattern in (("templates", "*"), ("static", "*"), ("stories", "*.py")):
        for path in sorted((root / folder).rglob(pattern)):
            if path.is_file() and "migrations" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _moment(value) -> datetime | None:
    """A timestamp as the database returned it from raw SQL (SQLite: naive, or
    text for an aggregate, in UTC)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def _latest(*moments) -> datetime | None:
    present = [m for m in map(_moment, moments) if m is not None]
    return max(present) if present else None


def _tables() -> dict[str, str]:
    related = Story.related.through._meta
    return {
        "story": Story._meta.db_table,
        "alignment": StoryAlignment._meta.db_table,
        "article": Article._meta.db_table,
        "outlet": Outlet._meta.db_table,
        "related": related.db_table,
        "related_from": related.get_field("from_story").column,
        "related_to": related.get_field("to_story").column,
    }


# One statement each, written out: the state is computed on every reader's
# request, and building these through the ORM cost more than running them.
# Every edit sets an updated_at to now, so the newest one moves whenever
# anything is edited; counts and id sums catch rows that leave or are deleted.
STORY_STATE_SQL = """
SELECT s.id, s.updated_at, al.id, al.inputs_hash, al.created_at,
  (SELECT COUNT(*) FROM {article} a WHERE a.story_id = s.id),
  (SELECT SUM(a.id) FROM {article} a WHERE a.story_id = s.id),
  (SELECT MAX(a.updated_at) FROM {article} a WHERE a.story_id = s.id),
  (SELECT MAX(o.updated_at) FROM {article} a JOIN {outlet} o ON o.id = a.outlet_id
     WHERE a.story_id = s.id),
  (SELECT MAX(o.updated_at) FROM {article} a JOIN {article} d ON d.id = a.derived_from_article_id
     JOIN {outlet} o ON o.id = d.outlet_id WHERE a.story_id = s.id),
  (SELECT COUNT(*) FROM {related} r JOIN {story} t ON t.id = r.{related_to}
     WHERE r.{related_from} = s.id AND t.published = %s),
  (SELECT SUM(t.id) FROM {related} r JOIN {story} t ON t.id = r.{related_to}
     WHERE r.{related_from} = s.id AND t.published = %s),
  (SELECT MAX(t.updated_at) FROM {related} r JOIN {story} t ON t.id = r.{related_to}
     WHERE r.{related_from} = s.id AND t.published = %s)
FROM {story} s LEFT JOIN {alignment} al ON al.story_id = s.id
WHERE s.slug = %s AND s.published = %s
"""

STORY_LIST_STATE_SQL = """
SELECT COUNT(*), SUM(s.id), MAX(s.updated_at), SUM(al.id), MAX(al.created_at),
  (SELECT COUNT(*) FROM {article} a JOIN {story} t ON t.id = a.story_id WHERE t.published = %s),
  (SELECT SUM(a.id) FROM {article} a JOIN {story} t ON t.id = a.story_id WHERE t.published = %s),
  (SELECT MAX(a.updated_at) FROM {article} a JOIN {story} t ON t.id = a.story_id
     WHERE t.published = %s),
  (SELECT MAX(o.updated_at) FROM {article} a JOIN {story} t ON t.id = a.story_id
     JOIN {outlet} o ON o.id = a.outlet_id WHERE t.published = %s),
  (SELECT COUNT(*) FROM {outlet} o), (SELECT SUM(o.id) FROM {outlet} o),
  (SELECT MAX(o.updated_at) FROM {outlet} o)
FROM {story} s LEFT JOIN {alignment} al ON al.story_id = s.id
WHERE s.published = %s
"""


def _row(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**_tables()), params)
        return cursor.fetchone()


def story_state(slug: str) -> PageState | None:
    """The state of a published story's page and fragments; None for a story a
    reader cannot see (the view answers that, uncached)."""
    row = _row(STORY_STATE_SQL, [True, True, True, slug, True])
    if row is None:
        return None
    # updated_at of the story, alignment, articles, outlets and related stories.
    moments = (row[1], row[4], row[7], row[8], row[9], row[12])
    return PageState(parts=tuple(row), last_modified=_latest(*moments))


def story_list_state() -> PageState:
    """The state of the story list and the search page: every published story,
    its alignment and its articles, and the outlets (the search filters by them)."""
    row = _row(STORY_LIST_STATE_SQL, [True] * 5)
    return PageState(
        parts=tuple(row), last_modified=_latest(row[2], row[4], row[7], row[8], row[11])
    )


def _etag(request, state: PageState) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for piece in (release(), request.get_full_path(), bool(request.htmx), repr(state.parts)):
        digest.update(repr(piece).encode())
        digest.update(b"\0")
    # Weak: the gzip and identity encodings of one page share it.
    return f'W/"{digest.hexdigest()}"'


def _accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _finish(response, etag: str, state: PageState):
    response["ETag"] = etag
    if state.last_modified is not None:
        response["Last-Modified"] = http_date(state.last_modified.timestamp())
    # Shared caches may keep the page but must ask again each time: a 304 is cheap,
    # and an unpublished story must disappear at once.
    patch_cache_control(response, public=True, no_cache=True)
    # The ETag covers the htmx flag (fragment views answer plain requests with a
    # redirect), and the body may be gzip-encoded.
    patch_vary_headers(response, ["HX-Request", "Accept-Encoding"])
    return response


def _from_entry(request, entry: dict):
    body = entry["body"]
    response = HttpResponse(status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    if _accepts_gzip(request):
        response["Content-Encoding"] = "gzip"
    else:
        body = gzip.decompress(body)
    response.content = body
    response["Content-Length"] = str(len(body))
    return response


def _to_entry(response) -> dict | None:
    if response.status_code != 200 or response.streaming or response.has_header("Set-Cookie"):
        return None
    if response.cookies or response.has_header("Content-Encoding"):
        return None
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"headers": headers, "body": compress_string(response.content)}


def cached_for_readers(state_of):
    """View decorator: serve anonymous readers from the page cache.

    ``state_of(*args, **kwargs)`` (the view's URL arguments) returns the
    page's PageState, or None when the view should answer uncached."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not is_anonymous_reader(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                return response
            state = state_of(*args, **kwargs)
            if state is None:
                return view(request, *args, **kwargs)
            etag = _etag(request, state)
            modified = int(state.last_modified.timestamp()) if state.last_modified else None
            validators = _finish(HttpResponse(), etag, state)
            answer = get_conditional_response(
                request, etag=etag, last_modified=modified, response=validators
            )
            if answer is not validators:
                return answer  # 304 Not Modified (or 412 for a failed If-Match)
            key = f"page:{etag}"
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                entry = _to_entry(response)
                if entry is None:
                    return response  # redirects, errors: never cached
                cache.set(key, entry, settings.NEWSDESK_PAGE_CACHE_SECONDS)
            return _finish(_from_entry(request, entry), etag, state)

        return wrapper

    return decorator
