"""``manage.py demo``: load the fictional demo corpus. Safe to run again."""

from django.core.management.base import BaseCommand

from stories.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the fictional demo corpus (invented outlets and events) and queue the "
        "stories' alignment. Running it again adds nothing new."
    )

    def handle(self, *args, **options):
        # One line per article only when asked: the default output stays a summary.
        result = load_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        self.stdout.write(self.style.SUCCESS(result.summary()))
