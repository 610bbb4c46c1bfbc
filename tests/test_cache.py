"""The Redis cache, the scale-out path for caching. Needs a Redis server:
skipped with a reason on a laptop without one, required under CI."""

import os
import socket

import pytest
from django.core.cache.backends.redis import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> str | None:
    host, port = "127.0.0.1", 6379
    if "://" in REDIS_URL:
        netloc = REDIS_URL.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
        host, _, port_text = netloc.partition(":")
        port = int(port_text or 6379)
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError as exc:
        return f"no Redis server at {host}:{port} ({exc}); set REDIS_URL to run this"
    return None


@pytest.fixture
def redis_cache():
    problem = redis_reachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI: {problem}")
        pytest.skip(problem)
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsdesk-test"})
    yield cache
    cache.clear()


def test_redis_cache_round_trip(redis_cache):
    """Values survive the trip through Redis and expire on request."""
    redis_cache.set("story:1:summary", {"versions": 4}, timeout=30)
    assert redis_cache.get("story:1:summary") == {"versions": 4}
    redis_cache.delete("story:1:summary")
    assert redis_cache.get("story:1:summary") is None


def test_redis_cache_is_shared_between_clients(redis_cache):
    """Two processes' caches see each other's writes (unlike the local-memory cache)."""
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsdesk-test"})
    redis_cache.set("shared", "yes")
    assert other.get("shared") == "yes"


@pytest.mark.django_db
def test_readers_pages_are_shared_through_redis(redis_cache, client, settings):
    """With REDIS_URL set, a page one worker rendered is served to the next from Redis."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from . import factories

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsdesk-test",
        }
    }
    story = factories.aligned_story()
    first = client.get(story.get_absolute_url())
    assert any(key.startswith(b"newsdesk-test:1:page:") for key in redis_keys())
    with CaptureQueriesContext(connection) as served:
        again = client.get(story.get_absolute_url())
    assert again.content == first.content
    assert len(served.captured_queries) == 1  # the page's state; the body came from Redis


def redis_keys():
    import redis

    return redis.Redis.from_url(REDIS_URL).keys("newsdesk-test:*")
