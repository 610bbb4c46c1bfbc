"""match: features, story-fitted TF-IDF and the linking rule."""

import math

import pytest

from stories.alignment.match import (
    MIN_SCORE,
    STRONG,
    Vectorizer,
    analyse,
    cosine,
    features,
    link_lists,
    select_links,
)
from stories.text.normalize import VariantTable

TABLE = VariantTable.with_extra()


def vectors(story: dict[str, list[str]]) -> dict[str, list[dict[str, float]]]:
    counts = {v: [features(s, TABLE) for s in sents] for v, sents in story.items()}
    fitted = Vectorizer(counts)
    return {v: [fitted.vector(c) for c in cs] for v, cs in counts.items()}


def test_features_are_stems_and_neighbouring_pairs_of_content_words():
    counts = features("The negotiators negotiated a cease-fire in Kyiv.", TABLE)
    assert set(counts) == {
        "negoti",
        "ceasef",
        "kiev",
        "negoti negoti",
        "negoti ceasef",
        "ceasef kiev",
    }


def test_variants_and_hyphenated_words_match_their_other_spellings():
    assert features("Kiev ceasefire", TABLE) == features("Kyiv cease-fire", TABLE)
    assert "occupi" in features("Russian-occupied land", TABLE)


def test_a_sentence_of_stopwords_or_symbols_still_has_features():
    assert features("It is what it is.", TABLE)
    assert features("—", TABLE) == features("–", TABLE) == {"=-": 1}


def test_vectors_are_unit_length():
    story = vectors({"a": ["Rain flooded the harbour road.", "The mayor spoke."], "b": ["Rain."]})
    for sentence_vectors in story.values():
        for vector in sentence_vectors:
            assert math.isclose(math.sqrt(sum(w * w for w in vector.values())), 1.0)


def test_an_unrelated_version_does_not_change_other_vectors():
    story = {"a": ["Rain flooded the harbour road.", "The mayor spoke."], "b": ["Harbour rain."]}
    before = vectors(story)
    after = vectors({**story, "c": ["Zebras graze quietly near orbiting violins."]})
    assert before["a"] == after["a"]
    assert before["b"] == after["b"]


def test_cosine_of_copies_and_strangers():
    a, b, c = vectors(
        {
            "x": ["The port strike halted ships."],
            "y": ["The port strike halted ships."],
            "z": ["Zebras."],
        }
    ).values()
    assert math.isclose(cosine(a[0], b[0]), 1.0)
    assert cosine(a[0], c[0]) == 0.0


def test_mutual_best_links_even_when_weak():
    weak = (MIN_SCORE + STRONG) / 2
    assert select_links({0: {0: weak}, 1: {1: weak}}) == {(0, 0), (1, 1)}


def test_weak_one_sided_best_does_not_link():
    weak = (MIN_SCORE + STRONG) / 2
    # row 1's best is column 0, but column 0 prefers row 0
    assert select_links({0: {0: weak + 0.05}, 1: {0: weak}}) == {(0, 0)}


def test_strong_best_of_either_side_links_splits_and_merges():
    strong = STRONG + 0.1
    assert select_links({0: {0: strong + 0.1}, 1: {0: strong}}) == {(0, 0), (1, 0)}
    assert select_links({0: {0: strong + 0.1, 1: strong}}) == {(0, 0), (0, 1)}


def test_scores_below_the_minimum_never_link():
    assert select_links({0: {0: MIN_SCORE - 0.01}}) == set()


def test_ties_go_to_the_preferred_pair():
    scores = {0: {0: 0.5, 1: 0.5}, 1: {0: 0.5, 1: 0.5}}
    crossed = select_links(scores, prefer=lambda row, col: float(row == col), strong=1.0)
    assert crossed == {(0, 1), (1, 0)}
    assert select_links(scores, strong=1.0) == {(0, 0)}


@pytest.mark.parametrize("reverse", [False, True])
def test_link_lists_pairs_near_copies_whatever_their_order(reverse):
    left = [
        "The council approved the harbour budget on Monday.",
        "Fishermen protested outside the town hall.",
        "The mayor promised a new pier by spring.",
    ]
    right = [
        "Fishermen staged a protest outside the town hall.",
        "The mayor promised that a new pier would open by spring.",
        "On Monday the council approved the budget for the harbour.",
    ]
    if reverse:
        right = right[::-1]
    story = vectors({"l": left, "r": right})
    links = link_lists(story["l"], story["r"])
    expected = {(0, 2), (1, 0), (2, 1)}
    if reverse:
        expected = {(i, 2 - j) for i, j in expected}
    assert links == expected


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("crashed", "crash"),
        ("stopped", "stop"),
        ("planned", "plan"),
        ("closed", "close"),
        ("killed", "kill"),
    ],
)
def test_ed_forms_share_the_stem_of_their_base(inflected, base):
    """ "stopped" is "stop", "planned" "plan" (a doubled consonant undone),
    "closed" "close" (the silent e given back)."""
    assert features(inflected, TABLE) == features(base, TABLE)


def test_a_doubled_consonant_of_the_base_itself_stays():
    from stories.text.normalize import inflection_base

    assert [inflection_base(w) for w in ("killed", "added", "passed", "speed", "building")] == [
        "kill",
        "add",
        "pass",
        "speed",
        "building",
    ]


def test_a_contraction_matches_its_words_spelled_out():
    assert features("I’m here.", TABLE) == features("I am here.", TABLE)
    assert features("We won't give up.", TABLE) == features("We will not give up.", TABLE)


def story_vectors(story: dict[str, list[str]]) -> dict[str, list[dict[str, float]]]:
    """Vectors as the pipeline fits them: on ``analyse``, whose "-ed" and
    "-ing" stems the story's Vectorizer settles."""
    counts = {v: [analyse(s, TABLE)[0] for s in sents] for v, sents in story.items()}
    fitted = Vectorizer(counts)
    return {v: [fitted.vector(c) for c in cs] for v, cs in counts.items()}


def test_an_ing_form_reads_as_its_verb_where_the_story_has_the_ed_form():
    """ "killing the passengers" matches "were killed": the story uses "kill" as
    a verb, so its "-ing" form is that verb's."""
    fitted = story_vectors(
        {"a": ["All of the passengers were killed."], "b": ["Killing passengers."]}
    )
    assert "kill" in fitted["b"][0]
    assert cosine(fitted["a"][0], fitted["b"][0]) > 0.5


def test_an_ing_word_stays_its_own_without_the_verbs_ed_form():
    """A bare base is no sign of a verb ("put down arms", "a new build"), so
    "putting" and "building" keep their own stems beside it."""
    fitted = story_vectors(
        {"a": ["The army will put down arms.", "A new build."], "b": ["Putting arms.", "Building."]}
    )
    assert "put" not in fitted["b"][0] and "puttin" in fitted["b"][0]
    assert "build" not in fitted["b"][1]


def test_ing_base_undoes_the_spelling_of_the_ending():
    from stories.text.normalize import ing_base

    assert [ing_base(w) for w in ("putting", "making", "killing", "seeing", "causing")] == [
        "put",
        "make",
        "kill",
        "see",
        "cause",
    ]
    assert [ing_base(w) for w in ("being", "bring", "thing")] == [None, None, None]


def phrase_vectors(story: dict[str, list[str]]) -> dict[str, list[dict[str, float]]]:
    """Vectors as the pipeline fits them, quoted phrases included."""
    from stories.alignment.match import quoted_phrases

    analysed = {s: analyse(s, TABLE) for sents in story.values() for s in sents}
    quoted_phrases(analysed, TABLE)
    fitted = Vectorizer({v: [analysed[s][0] for s in sents] for v, sents in story.items()})
    return {v: [fitted.vector(analysed[s][0]) for s in sents] for v, sents in story.items()}


def test_words_a_quotation_shares_with_another_sentence_are_one_more_feature():
    """A partial quote ("until the spring floods recede") printed plain in another
    outlet's sentence: the run of words is a feature both carry, so the two
    rewrites score higher than on their scattered words alone."""
    story = {
        "a": ["The minister said the crews would stay until the spring floods recede."],
        "b": ['She expects the teams to remain "until the spring floods recede," an aide said.'],
    }
    with_phrases, without = phrase_vectors(story), story_vectors(story)
    run = [t for t in with_phrases["a"][0] if t.startswith("«")]
    assert run and set(run) <= set(with_phrases["b"][0])
    assert cosine(with_phrases["a"][0], with_phrases["b"][0]) > cosine(
        without["a"][0], without["b"][0]
    )


def test_a_run_needs_two_content_words_and_a_second_sentence():
    """ "one of the" says nothing, and a quotation printed nowhere else adds
    no feature."""
    story = {
        "a": ['He called it "one of the worst floods in memory".'],
        "b": ["It was one of the wettest springs."],
    }
    fitted = phrase_vectors(story)
    assert not [t for v in fitted.values() for s in v for t in s if t.startswith("«")]


def test_plural_base_undoes_the_plural_of_short_words():
    from stories.text.normalize import plural_base

    words = ("girls", "cities", "churches", "boxes", "kills", "press", "status", "crisis", "gas")
    assert [plural_base(w) for w in words] == [
        "girl",
        "city",
        "church",
        "box",
        "kill",
        "press",
        "status",
        "crisis",
        "gas",
    ]


def test_a_plural_matches_its_singular():
    """Six-letter stems cut no "-s" from a short word: "two girls" and "a
    girl" share the word only once the plural comes off."""
    fitted = story_vectors(
        {"a": ["Rescuers pulled a girl from the rubble."], "b": ["Rescuers pulled two girls out."]}
    )
    assert "girl" in fitted["b"][0] and "girls" not in fitted["b"][0]
