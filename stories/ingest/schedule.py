"""When to look at an article's page again: often while a story is young and
still being edited, rarely once it has settled. Django-free."""

from datetime import datetime, timedelta

# (age below which, wait before the next fetch)
SCHEDULE: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=6), timedelta(minutes=30)),
    (timedelta(days=1), timedelta(hours=2)),
    (timedelta(days=3), timedelta(hours=8)),
    (timedelta(days=7), timedelta(days=1)),
    (timedelta(days=30), timedelta(days=7)),
)


def next_fetch_time(*, first_seen: datetime, now: datetime) -> datetime | None:
    """The next time to fetch an article first seen (or published) at
    ``first_seen``; None once it is past the last step (a month): it is then
    left alone."""
    age = max(now - first_seen, timedelta(0))
    for limit, wait in SCHEDULE:
        if age < limit:
            return now + wait
    return None
