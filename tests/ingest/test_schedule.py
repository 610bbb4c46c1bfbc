"""The re-fetch schedule thins out as an article ages, then stops."""

from datetime import UTC, datetime, timedelta

import pytest

from stories.ingest.schedule import next_fetch_time

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "wait"),
    [
        (timedelta(minutes=10), timedelta(minutes=30)),
        (timedelta(hours=5), timedelta(minutes=30)),
        (timedelta(hours=12), timedelta(hours=2)),
        (timedelta(days=2), timedelta(hours=8)),
        (timedelta(days=5), timedelta(days=1)),
        (timedelta(days=20), timedelta(weeks=1)),
    ],
)
def test_waits_grow_with_age(age, wait):
    assert next_fetch_time(first_seen=NOW - age, now=NOW) == NOW + wait


def test_an_article_over_a_month_old_is_left_alone():
    assert next_fetch_time(first_seen=NOW - timedelta(days=40), now=NOW) is None


def test_waits_never_shrink_as_the_article_ages():
    waits = [
        next_fetch_time(first_seen=NOW - timedelta(hours=h), now=NOW) - NOW
        for h in range(0, 24 * 30, 3)
    ]
    assert waits == sorted(waits)
