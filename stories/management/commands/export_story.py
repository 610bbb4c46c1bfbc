import json

from django.core.management.base import BaseCommand, CommandError

from stories.exports import story_document
from stories.models import Story


class Command(BaseCommand):
    help = "Print a story as JSON (schema newsdesk.story/1) on standard output, and nothing else."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, slug, **options):
        story = Story.objects.filter(slug=slug).first()
        if story is None:
            raise CommandError(f"No story with slug {slug!r}.")
        self.stdout.write(
            json.dumps(story_document(story), ensure_ascii=False, indent=options["indent"])
        )
