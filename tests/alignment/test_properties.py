"""Properties align() keeps whatever the text (hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stories.alignment import Alignment, VersionInput, align


# Two vocabularies with no word in common (the second has no stopwords
# either), so a version written from the second shares nothing with one
# written from the first.
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STORY_WORDS = _words(
    """the harbour strike council mayor river bridge vote budget police minister union port
    ships workers rain flood court judge ruling election school teachers price fuel farmers
    a of and in on said will not was has"""
)
OTHER_WORDS = _words(
    """zebra quartz violin orbit nebula falcon tundra glacier saffron lantern marble cobalt
    juniper walrus sonnet prism"""
)

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def sentences(words):
    return st.lists(st.sampled_from(words), min_size=1, max_size=9).map(
        lambda ws: " ".join(ws).capitalize() + "."
    )


@st.composite
def stories(draw, words=STORY_WORDS, min_versions=1, max_versions=4):
    """Versions made of a shared pool of sentences: each takes some of them
    (in order or not), sometimes with a word changed, in 1-3 paragraphs."""
    pool = draw(st.lists(sentences(words), min_size=1, max_size=8))
    count = draw(st.integers(min_versions, max_versions))
    versions = []
    for number in range(count):
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
        edited = [
            draw(st.sampled_from([s, s.replace(" ", f" {draw(st.sampled_from(words))} ", 1)]))
            for s in chosen
        ]
        cut = draw(st.integers(0, len(edited)))
        text = " ".join(edited[:cut]) + "\n\n" + " ".join(edited[cut:])
        versions.append(VersionInput(f"v{number}", text.strip()))
    return versions


def membership(result: Alignment) -> set[frozenset[tuple[str, int]]]:
    return {
        frozenset((m.version, i) for m in p.members for i in m.sentences) for p in result.passages
    }


@PROPERTY_SETTINGS
@given(stories(min_versions=2), st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_passages(versions, rng):
    shuffled = list(versions)
    rng.shuffle(shuffled)
    first, second = align(versions), align(shuffled)
    assert membership(first) == membership(second)
    assert first.to_dict() == second.to_dict()


@PROPERTY_SETTINGS
@given(stories(max_versions=1))
def test_an_exact_copy_gives_only_common_passages_and_no_divergences(versions):
    (original,) = versions
    copy = VersionInput("copy", original.text)
    result = align([original, copy])
    assert all(p.kind == "common" for p in result.passages)
    assert not result.divergences
    for passage in result.passages:
        assert passage.member("v0").sentences == passage.member("copy").sentences


@PROPERTY_SETTINGS
@given(stories(), stories(words=OTHER_WORDS, max_versions=1))
def test_a_version_sharing_nothing_adds_only_unique_passages(versions, foreign):
    stranger = VersionInput("stranger", foreign[0].text)
    before = membership(align(versions))
    after = align([*versions, stranger])
    added = membership(after) - before
    assert before <= membership(after)
    assert all({version for version, _ in passage} == {"stranger"} for passage in added)
    assert all(p.kind == "unique" for p in after.passages if p.member("stranger"))


@PROPERTY_SETTINGS
@given(stories())
def test_every_sentence_is_in_exactly_one_passage(versions):
    result = align(versions)
    seen = [(m.version, i) for p in result.passages for m in p.members for i in m.sentences]
    expected = [(v, s.index) for v, sents in result.sentences.items() for s in sents]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))


@PROPERTY_SETTINGS
@given(stories())
def test_aligning_twice_gives_the_same_result(versions):
    assert align(versions) == align(versions)


@PROPERTY_SETTINGS
@given(stories(max_versions=5))
def test_every_member_is_a_run_of_adjacent_sentences(versions):
    """A version's share of a passage never skips one of its own sentences."""
    result = align(versions)
    for passage in result.passages:
        for member in passage.members:
            first = member.sentences[0]
            assert member.sentences == tuple(range(first, first + len(member.sentences)))
