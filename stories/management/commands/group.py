"""Group the articles waiting in the editors' inbox into stories.

Thin on purpose: it parses the date, calls ``stories.grouping.group_backlog``
(what the tasks use one article at a time) and prints the tally."""

from argparse import ArgumentTypeError
from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from stories.grouping import group_backlog


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

    def handle(self, *args, since, **options):
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
