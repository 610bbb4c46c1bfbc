"""Thresholds checked on text that is not the seeds: generated near-copies
(with known truth) and a wire story as two sites print it."""

import pytest

from stories.alignment import VersionInput, align
from stories.alignment.synthetic import make_story


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_near_copies_link_right(seed):
    story = make_story(20, seed=seed)
    quality = story.quality(align(story.versions, reference="v000"))
    assert quality.precision >= 0.95
    assert quality.recall >= 0.9
    assert quality.absorbed <= 0.1


def test_heavier_editing_keeps_precision():
    story = make_story(20, seed=4, intensity=2.0)
    quality = story.quality(align(story.versions, reference="v000"))
    assert quality.precision >= 0.95
    assert quality.recall >= 0.85


def test_unedited_versions_are_common_throughout():
    story = make_story(6, seed=5, intensity=0.0)
    result = align(story.versions)
    assert {p.kind for p in result.passages} == {"common"}
    assert not result.divergences


def test_the_synthetic_truth_matches_the_segmentation():
    story = make_story(30, seed=6, intensity=2.0)
    result = align(story.versions)
    for version in story.versions:
        assert len(result.sentences[version.id]) == len(story.origins[version.id])


SITE_A = """\
The central bank raised interest rates by a quarter point on Thursday, its third increase this year.

Governor Ellen Marsh said inflation was still too high and further rises could not be ruled out.

Mortgage lenders are expected to pass the increase on to borrowers within weeks."""

SITE_B = """\
LONDON (Reuters) - The central bank raised interest rates by a quarter point on Thursday, its \
third increase this year.

Governor Ellen Marsh speaks at a news conference in London, Britain. REUTERS/Staff

Governor Ellen Marsh said inflation was still too high and further rises could not be ruled out.

Mortgage lenders are expected to pass the increase on to borrowers within weeks."""


def test_a_caption_sharing_a_name_does_not_join_the_quote():
    result = align([VersionInput("a", SITE_A), VersionInput("b", SITE_B)], reference="a")
    caption = next(i for i, s in enumerate(result.sentences["b"]) if "speaks at" in s.text)
    (holder,) = [p for p in result.passages if p.member("b") and caption in p.member("b").sentences]
    assert holder.kind == "unique"
    paired = [p for p in result.passages if p.kind == "common"]
    assert [p.member("a").sentences for p in paired] == [(0,), (1,), (2,)]
    assert all(len(p.member("b").sentences) == 1 for p in paired)
