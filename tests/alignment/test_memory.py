"""What a result and the matcher hold grows with the story, not with versions squared.

Structural checks, no timings: bench/align.py measures time and peak memory.
"""

from collections import defaultdict

from stories.alignment import align
from stories.alignment.pipeline import _lexical_vectors
from stories.alignment.segment import segment
from stories.alignment.synthetic import make_story
from stories.text.normalize import VariantTable


def test_passages_carried_by_the_same_versions_share_one_absent_tuple():
    """Every passage lists the versions without it: at 2,000 versions one tuple
    each would be most of the result, and most passages are one version's own."""
    result = align(make_story(30, seed=3).versions, reference="v000")
    by_carriers = defaultdict(list)
    for passage in result.passages:
        by_carriers[tuple(sorted(m.version for m in passage.members))].append(passage)
    shared = [g for g in by_carriers.values() if len(g) > 1 and g[0].absent]
    assert shared, "the story should hold passages that the same versions leave out"
    for group in shared:
        assert all(p.absent is group[0].absent for p in group[1:])


def test_a_sentence_printed_by_several_versions_is_analysed_once():
    """A reprinted sentence gets the vector of its first printing, not a copy."""
    text = "The dam burst at dawn, flooding 40 villages. Rescuers reached the area by noon."
    sentences = {vid: segment(vid, text) for vid in ("a", "b", "c")}
    vectors, names = _lexical_vectors(sentences, ["a", "b", "c"], VariantTable.with_extra(None))
    assert len(vectors["a"]) == 2 and vectors["a"][0] != vectors["a"][1]
    for vid in ("b", "c"):
        assert all(x is y for x, y in zip(vectors["a"], vectors[vid], strict=True))
        assert names[vid] == names["a"]
