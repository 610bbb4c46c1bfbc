from django.core.management.base import BaseCommand, CommandError

from stories.aligning import realign_story
from stories.models import Story


class Command(BaseCommand):
    help = "Align stories now (in this process), without waiting for the task worker."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--all", action="store_true", help="Align every story.")
        parser.add_argument(
            "--force", action="store_true", help="Recompute even when the inputs have not changed."
        )

    def handle(self, *args, **options):
        slugs = options["slugs"]
        if not slugs and not options["all"]:
            raise CommandError("Name one or more story slugs, or pass --all.")
        stories = Story.objects.order_by("pk")
        if slugs:
            stories = stories.filter(slug__in=slugs)
            missing = set(slugs) - set(stories.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No story with slug: {', '.join(sorted(missing))}")
        for story in stories:
            summary = realign_story(story.pk, force=options["force"])
            self.stdout.write(f"{story.slug}: {summary}")
