"""Poll the active feeds and re-fetch articles whose time has come.

The worker (``manage.py worker``) runs the same poll on a schedule; this
command is for a poll by hand."""

from django.core.management.base import BaseCommand, CommandError

from stories.ingest.api import summarize
from stories.ingest.feeds import poll_all


class Command(BaseCommand):
    help = "Poll active feeds for new articles and re-fetch pages that are due."

    def handle(self, *args, verbosity, **options):
        polls, refetched = poll_all()
        for poll in polls:
            if poll.error:
                self.stdout.write(self.style.ERROR(f"{poll.feed}: {poll.error}"))
            elif verbosity >= 2:
                state = "not modified" if poll.not_modified else f"{len(poll.results)} entries"
                self.stdout.write(f"{poll.feed}: {state}")
            for reason in poll.skipped:
                self.stdout.write(self.style.WARNING(f"{poll.feed}: {reason}"))
        for result in refetched:
            if result.refused:
                self.stdout.write(self.style.WARNING(f"re-fetch {result}"))
        counts = summarize([r for poll in polls for r in poll.results] + refetched)
        self.stdout.write(f"{len(polls)} feeds; " + ", ".join(f"{counts[o]} {o}" for o in counts))
        if any(poll.error for poll in polls):
            raise CommandError("Some feeds could not be read (see above).", returncode=1)
