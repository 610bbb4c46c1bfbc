from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests judge behaviour, not speed: a busy CI machine must not fail
# them on Hypothesis's per-example deadline.
hypothesis_settings.register_profile("newsdesk", deadline=None)
hypothesis_settings.load_profile("newsdesk")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


DEMO_SLUG = "orrow-dam-spillway-failure"


@pytest.fixture
def demo_story():
    """The demo corpus loaded and its main story aligned, as after `make run`."""
    from stories.aligning import realign_story
    from stories.demo.loader import load_demo
    from stories.models import Story

    load_demo()
    story = Story.objects.get(slug=DEMO_SLUG)
    realign_story(story.pk)
    return story


@pytest.fixture
def seeds_dir() -> Path:
    """The real captured texts beside the repo; absent on a user's clone."""
    if not (SEEDS / "manifest.json").exists():
        pytest.skip("../shared/seeds is not present (only on the team's machines)")
    return SEEDS


@pytest.fixture(autouse=True)
def _database_marks(request):
    """``@pytest.mark.postgres`` tests run only on PostgreSQL, ``@pytest.mark.sqlite``
    ones only on SQLite (``python -m tests.postgres_runner`` runs the former)."""
    from django.db import connection

    for vendor, marker in (("postgresql", "postgres"), ("sqlite", "sqlite")):
        if request.node.get_closest_marker(marker) and connection.vendor != vendor:
            pytest.skip(f"needs {vendor}; this run is on {connection.vendor}")


@pytest.fixture(autouse=True)
def _fresh_grouping_window():
    """Grouping keeps a per-process window of recent articles: start every test without one."""
    from stories.grouping import forget_window

    forget_window()
    yield
    forget_window()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Readers' pages are cached: no test sees another's (database rows are rolled
    back between tests, and their ids come round again)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
