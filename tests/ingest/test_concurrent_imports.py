"""Concurrent imports on PostgreSQL that create the same new outlets, stories
and articles: each row is made once and no line is refused."""

import json
import random
import threading

import pytest
from django.db import connection

from stories.ingest import api
from stories.models import Article, Outlet, Revision, Story

from .generated import article

IMPORTERS = 4


def lines(count: int) -> list[str]:
    """Lines of one batch: 12 new stories and 3 new outlets shared among them."""
    out = []
    for n in range(count):
        parts = article(500 + n)
        out.append(
            json.dumps(
                {
                    "outlet": f"Race Outlet {n % 3}",
                    "story": f"race-story-{n % 12}",
                    "url": f"https://race.example/{n}",
                    "headline": parts["headline"],
                    "text": "\n\n".join(parts["paragraphs"]),
                }
            )
        )
    return out


def import_concurrently(batches: list[list[str]]) -> list[list[api.ImportResult]]:
    start = threading.Barrier(len(batches))
    results: list[list[api.ImportResult]] = [[] for _ in batches]
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = api.ingest_jsonl(lines=batches[index], source=f"importer-{index}")
        except BaseException as exc:  # reported by the test, not lost in a thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(batches))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_importers_creating_the_same_new_stories_lose_nothing(settings):
    # Alignment is not under test: keep its tasks out of the race.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    batch = lines(48)
    batches = [random.Random(i).sample(batch, len(batch)) for i in range(IMPORTERS)]
    results = import_concurrently(batches)
    everything = [r for per_importer in results for r in per_importer]
    assert [str(r) for r in everything if r.refused] == []
    assert len(everything) == IMPORTERS * len(batch)
    created = [r for r in everything if r.outcome is api.Outcome.CREATED]
    assert len(created) == len(batch)  # each line's article made once, by one importer
    assert Article.objects.count() == Revision.objects.count() == len(batch)
    assert Story.objects.filter(slug__startswith="race-story-").count() == 12
    assert Outlet.objects.filter(name__startswith="Race Outlet").count() == 3
    for n in range(len(batch)):
        saved = Article.objects.select_related("story", "outlet").get(
            url=f"https://race.example/{n}"
        )
        assert (saved.story.slug, saved.outlet.name) == (
            f"race-story-{n % 12}",
            f"Race Outlet {n % 3}",
        )
