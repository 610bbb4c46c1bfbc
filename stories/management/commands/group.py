"""Group the articles waiting in the editors' inbox into stories.

Thin on purpose: it parses the date, calls ``stories.grouping.group_backlog``
(what the tasks use one article at a time) and prints the tally. With
``--fingerprints`` it builds the grouping fingerprints that are missing or of
an older format instead (``stories.grouping.store_fingerprints``): after an
upgrade that changed the format, or a bulk import, so no worker has to
re-read those texts when it starts."""

from argparse import ArgumentTypeError
from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from stories.grouping import group_backlog, store_fingerprints, store_moments
from stories.models import Article


class Command(BaseCommand):
    help = (
        "Group the articles in the inbox (no story, not placed by an editor) into stories, "
        "oldest first. Articles already in a story are never moved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            type=_moment,
            help="Only articles published (or first seen) on or after this date or date-time, "
            "e.g. 2024-12-01 or 2024-12-01T08:00.",
        )
        parser.add_argument(
            "--fingerprints",
            action="store_true",
            help="Instead of grouping, store the grouping fingerprint of every article "
            "(since --since) that has none for its current text or one of an older format.",
        )

    def handle(self, *args, since, fingerprints=False, **options):
        if fingerprints:
            articles = Article.objects.all()
            if since is not None:
                store_moments(Article.objects.filter(moment__isnull=True))
                articles = articles.filter(moment__gte=since)
            built = store_fingerprints(articles)
            self.stdout.write(f"{built} grouping fingerprint{'s' if built != 1 else ''} stored.")
            return
        outcomes = group_backlog(since=since)
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(summary or "Nothing to group.")


def _moment(value: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
        parsed = datetime.combine(day, time.min)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed
