"""The alignment core across languages, with a toy encoder (no model needed)."""

import numpy as np

from stories.alignment import VersionInput, align
from stories.alignment.crosslang import attach, figure_changes, folds, link
from stories.alignment.group import Grouping
from stories.text.normalize import WORD

from .fakes import GlossaryEncoder
from .texts import ENGLISH, ENGLISH_SHORT, SPANISH


def _embedding(versions):
    encoder = GlossaryEncoder()
    cache = {}

    def embedding(_version, text):
        if text not in cache:
            cache[text] = encoder.encode([text])[0]
        return cache[text]

    return embedding


def _versions():
    return [
        VersionInput("en", ENGLISH, label="Wire", language="en"),
        VersionInput("en2", ENGLISH_SHORT, label="Paper", language="en"),
        VersionInput("es", SPANISH, label="Diario", language="es"),
    ]


def _passage_of(result, version, index):
    return next(
        p
        for p in result.passages
        for m in p.members
        if m.version == version and index in m.sentences
    )


def test_other_language_version_is_never_the_default_reference():
    versions = _versions()
    words = {v.id: len(WORD.findall(v.text)) for v in versions}
    assert words["es"] > words["en"]  # the fullest version is the Spanish one
    assert align(versions).reference == "en"
    assert align(versions, embedding=_embedding(versions)).reference == "en"


def test_without_vectors_other_language_versions_are_left_out_and_listed():
    result = align(_versions())
    assert result.main_language == "en"
    assert result.unaligned == ("es",)
    assert all(m.version != "es" for p in result.passages for m in p.members)
    assert all("es" not in p.absent for p in result.passages)
    assert all(d.version != "es" for d in result.divergences)


def test_translated_sentences_join_their_counterparts_passages():
    versions = _versions()
    result = align(versions, embedding=_embedding(versions))
    assert result.unaligned == ()
    # Spanish 0-2 are sentences 0, 1 and 3 of the English; Spanish 3 is its sentence 2.
    for es_index, en_index in ((0, 0), (1, 1), (2, 3), (3, 2)):
        passage = _passage_of(result, "es", es_index)
        assert passage.member("en") is not None
        assert en_index in passage.member("en").sentences


def test_a_member_in_another_language_is_shown_whole_not_diffed():
    versions = _versions()
    result = align(versions, embedding=_embedding(versions))
    passage = _passage_of(result, "es", 1)
    member = passage.member("es")
    assert [op.op for op in member.ops] == ["translation"]
    assert member.ops[0].ref == passage.member("en").text
    assert member.ops[0].text == member.text
    # No word-level findings across languages: no rewording, no term swaps.
    es_types = {d.type for d in result.divergences if d.version == "es"}
    assert "rewording" not in es_types and "term_swap" not in es_types


def test_figures_and_omissions_survive_translation():
    versions = _versions()
    result = align(versions, embedding=_embedding(versions))
    toll = _passage_of(result, "es", 2)
    changes = [d for d in toll.divergences if d.version == "es" and d.type == "number_change"]
    assert [(d.data["reference"], d.data["text"]) for d in changes] == [("102", "104")]
    mayor = _passage_of(result, "en", 4)
    assert mayor.member("es") is None
    # Only Wire carries it: one finding, Wire's addition, naming who leaves it out.
    assert any(
        d.type == "addition" and d.version == "en" and "es" in d.data["left_out_by"]
        for d in mayor.divergences
    )


def test_same_language_alignment_is_unchanged_by_an_embedding():
    versions = [v for v in _versions() if v.language == "en"]
    plain = align(versions)
    with_vectors = align(versions, embedding=_embedding(versions))
    assert [p.to_dict() for p in plain.passages] == [p.to_dict() for p in with_vectors.passages]


def test_a_version_missing_some_vectors_stays_unaligned():
    versions = _versions()
    full = _embedding(versions)

    def partial(version, text):
        return None if version == "es" and text.startswith("La niña") else full(version, text)

    assert align(versions, embedding=partial).unaligned == ("es",)


def _high_baseline(rows: np.ndarray, common: float = 1.7) -> np.ndarray:
    """Unit rows sharing a large common part, as multilingual encoders give."""
    rows = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    rows = np.hstack([np.full((len(rows), 1), common), rows])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_link_uses_mutual_best_and_margin_not_an_absolute_threshold():
    rng = np.random.default_rng(7)
    topics = rng.normal(size=(6, 32))
    passages = _high_baseline(topics[:5])
    # Sentences 0-3 translate passages 3, 0, 1, 2 (with noise); sentence 4 is
    # about something else (topic 5) yet still scores high against them all.
    noisy = np.vstack([topics[3], topics[0], topics[1], topics[2]])
    noisy = noisy + 0.3 * rng.normal(size=noisy.shape)
    sentences = _high_baseline(np.vstack([noisy, topics[5]]))
    cos = sentences @ passages.T
    assert cos[4].max() > 0.7  # high for everything: no threshold would separate it
    assert link(sentences, passages) == {0: 3, 1: 0, 2: 1, 3: 2}


def test_a_sentence_carrying_two_passages_folds_the_second():
    rng = np.random.default_rng(3)
    topics = rng.normal(size=(5, 32))
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    passages = _high_baseline(topics[:4])
    # Sentence 0 says what passages 0 and 1 say; sentence 1 is passage 3.
    sentences = _high_baseline(np.vstack([topics[0] + topics[1], topics[3]]))
    homes = link(sentences, passages)
    assert homes[1] == 3 and homes[0] in (0, 1)
    other = 1 - homes[0]
    assert folds(sentences, passages, homes) == {other: homes[0]}


def _topics(seed: int, count: int) -> np.ndarray:
    topics = np.random.default_rng(seed).normal(size=(count, 32))
    return topics / np.linalg.norm(topics, axis=1, keepdims=True)


def test_a_sentence_matching_two_passages_alike_links_only_where_context_or_a_fold_says():
    topics = _topics(5, 8)
    passages = _high_baseline(topics[:6])
    # Sentence 1 says what passages 1 and 5 say, alike: neither leads the other.
    sentences = _high_baseline(np.vstack([topics[0], topics[1] + topics[5], topics[2], topics[3]]))
    assert link(sentences, passages) == {0: 0, 2: 2, 3: 3}
    # Its neighbours went to passages 0 and 2 of the reference: it takes the one between.
    assert link(sentences, passages, places=np.arange(6, dtype=float))[1] == 1
    # Passages that neighbour each other in the main language: a fold, so it links.
    assert 1 in link(sentences, passages, near=lambda a, b: {a, b} == {1, 5})


def test_a_translation_folding_two_neighbouring_sentences_joins_their_passages():
    topics = _topics(5, 8)
    reference = _high_baseline(topics[:6])
    grouping = Grouping(passages=[(("en", i),) for i in range(6)], folded={})
    # The Spanish sentence 1 carries the English sentences 1 and 2.
    spanish = _high_baseline(np.vstack([topics[0], topics[1] + topics[2], topics[3], topics[4]]))
    placed = attach(
        grouping,
        vectors={"en": reference, "es": spanish},
        others=["es"],
        counts={"es": 4},
        reference="en",
    )
    assert (("en", 1), ("en", 2), ("es", 1)) in placed.grouping.passages
    assert (("en", 5),) in placed.grouping.passages  # nothing carries it: no fold, no link
    assert len(placed.grouping.passages) == 5


def test_passages_are_judged_by_their_main_language_wordings():
    topics = _topics(11, 4)
    reference = _high_baseline(topics[:3])
    grouping = Grouping(passages=[(("en", i),) for i in range(3)], folded={})
    # A first version links its sentence 0 to passage 0 although it drifts
    # towards topic 3; the second version's sentence about topic 3 alone must
    # not follow it there.
    drifting = _high_baseline(np.vstack([topics[0] + 0.6 * topics[3], topics[1], topics[2]]))
    other = _high_baseline(np.vstack([topics[3], topics[1], topics[2]]))
    placed = attach(
        grouping,
        vectors={"en": reference, "fr": drifting, "de": other},
        others=["fr", "de"],
        counts={"fr": 3, "de": 3},
        reference="en",
    )
    first = next(p for p in placed.grouping.passages if ("en", 0) in p)
    assert ("fr", 0) in first and ("de", 0) not in first


def test_link_of_nothing_is_empty():
    assert link(np.zeros((0, 4)), np.ones((2, 4))) == {}


def test_figure_changes_across_languages():
    assert figure_changes("The toll rose to 102.", "en", "La cifra subió a 104.", "es") == [
        ("102", "104")
    ]
    assert figure_changes("1,500 were evacuated.", "en", "1.500 evacuados.", "es") == []
    assert figure_changes("A 2.5 km queue.", "en", "Una fila de 2,5 km.", "es") == []
    assert figure_changes("On Thursday, 1 September.", "en", "Le jeudi 1er septembre.", "fr") == []
    # A spelled-out number matches its digits and is never reported as dropped.
    assert figure_changes("A 3-year-old girl.", "en", "Una niña de tres años.", "es") == []
    assert figure_changes("Four days after.", "en", "Días después.", "es") == []
    # One figure left over on each side is a change, spelled or not.
    assert figure_changes("Nine died in Ariha.", "en", "Onze morts à Ariha.", "fr") == [
        ("Nine", "Onze")
    ]
    # A lone 1 is too often an article or a pronoun in the other language.
    assert figure_changes("Target number one.", "en", "El objetivo número 1.", "es") == []


def test_a_changed_day_survives_translation():
    """ "el martes" is Tuesday: no change; "el miércoles" changes the day."""
    versions = _versions()
    result = align(versions, embedding=_embedding(versions))
    assert not [d for d in result.divergences if d.version == "es" and "Tuesday" in d.detail]
    versions[2] = VersionInput(
        "es", SPANISH.replace("el martes", "el miércoles"), label="Diario", language="es"
    )
    result = align(versions, embedding=_embedding(versions))
    rescue = _passage_of(result, "es", 0)
    changes = [d for d in rescue.divergences if d.version == "es" and d.type == "number_change"]
    assert [(d.data["reference"], d.data["text"]) for d in changes] == [("Tuesday", "miércoles")]
    assert not [d for d in rescue.divergences if d.version == "en2" and d.type == "number_change"]
