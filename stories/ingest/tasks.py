"""Background ingestion (django-tasks). Enqueue ``poll_feeds`` from a
scheduler (cron, systemd timer) every few minutes; running it twice does no
more than running it once."""

from django_tasks import task


@task()
def poll_feeds() -> dict:
    """Poll active feeds and re-fetch due articles; returns counts (JSON)."""
    from .api import summarize
    from .feeds import poll_all

    polls, refetched = poll_all()
    results = [r for poll in polls for r in poll.results] + refetched
    return {
        "feeds": len(polls),
        "feed_errors": sum(1 for poll in polls if poll.error),
        **{str(outcome): n for outcome, n in summarize(results).items()},
    }
