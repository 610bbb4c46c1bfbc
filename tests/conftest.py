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
