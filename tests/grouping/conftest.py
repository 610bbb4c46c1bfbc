import pytest

from bench.corpus import family


@pytest.fixture
def report():
    """An original, a reprint and a rewrite of one report, and another event
    with the same place and people two days later."""
    return family(seed=21, kinds=("original", "reprint", "rewrite"))
