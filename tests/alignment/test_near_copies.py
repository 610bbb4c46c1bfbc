"""Thresholds checked on text that is not the seeds: generated near-copies
(with known truth) and a wire story as two sites print it."""

import pytest

from stories.alignment import Alignment, VersionInput, align
from stories.alignment.synthetic import make_story


def pair_scores(result: Alignment, origins) -> tuple[float, float, float]:
    """Precision and recall of (base sentence, version sentence) links, and
    the share of inserted foreign sentences that landed in a base passage.

    As in the seeds gold, a link is right when the version sentence carries
    the base sentence, or carries one that some version folded together
    with it (one true passage).
    """
    passage_of = _true_passages(origins)
    right = predicted = 0
    found = set()
    absorbed = foreign = 0
    for passage in result.passages:
        base = passage.member("v000")
        for member in passage.members:
            if member.version == "v000":
                continue
            for j in member.sentences:
                carried = origins[member.version][j]
                foreign += not carried
                absorbed += base is not None and not carried
                for i in base.sentences if base else ():
                    predicted += 1
                    if i in carried:
                        found.add((member.version, i, j))
                    right += any(passage_of[i] == passage_of[k] for k in carried)
    truth = {(v, i, j) for v in origins if v != "v000" for j, o in enumerate(origins[v]) for i in o}
    return right / predicted, len(found) / len(truth), absorbed / max(foreign, 1)


def _true_passages(origins) -> dict[int, int]:
    """Base sentence → the smallest base sentence folded together with it."""
    group = {i: i for carried in origins.values() for o in carried for i in o}
    for o in {o for carried in origins.values() for o in carried if len(o) > 1}:
        merged = {group[k] for k in o}
        for i in group:
            if group[i] in merged:
                group[i] = min(merged)
    return group


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_near_copies_link_right(seed):
    story = make_story(20, seed=seed)
    result = align(story.versions, reference="v000")
    precision, recall, absorbed = pair_scores(result, story.origins)
    assert precision >= 0.95
    assert recall >= 0.9
    assert absorbed <= 0.1


def test_heavier_editing_keeps_precision():
    story = make_story(20, seed=4, intensity=2.0)
    precision, recall, _ = pair_scores(align(story.versions, reference="v000"), story.origins)
    assert precision >= 0.95
    assert recall >= 0.85


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
