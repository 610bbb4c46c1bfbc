from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The real captured texts beside the repo; absent on a user's clone."""
    if not (SEEDS / "manifest.json").exists():
        pytest.skip("../shared/seeds is not present (only on the team's machines)")
    return SEEDS


@pytest.fixture(autouse=True)
def _fresh_grouping_window():
    """Grouping keeps a per-process window of recent articles: start every test without one."""
    from stories.grouping import forget_window

    forget_window()
    yield
    forget_window()
