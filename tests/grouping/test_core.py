"""The grouping core on generated text: what counts as shared reporting, what
does not, and how decisions follow. No database."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import family, generate
from stories.evidence import (
    ASSIGN,
    NEW_STORY,
    CandidateIndex,
    Grouper,
    Thresholds,
    fingerprint,
    make_document,
)
from stories.evidence.decision import reuse_score
from stories.evidence.index import CountSketch
from stories.evidence.scoring import BoilerplateRule, Comparer


def doc(article, **overrides):
    fields = {
        "headline": article.headline,
        "body": article.body,
        "outlet": article.outlet,
        "published": article.published,
    }
    return make_document(article.key, **{**fields, **overrides})


@pytest.fixture(scope="module")
def archive():
    """Documents standing for the rest of the news of those days: they only
    count in the frequencies, as a real window's thousands of articles do."""
    return [doc(a) for a in generate(stories=150, seed=99)]


def grouper_with(archive, **thresholds):
    grouper = Grouper(thresholds=Thresholds(**thresholds))
    for each in archive:
        grouper.index.count_frequencies(each)
    return grouper


def place(grouper, document, **kwargs):
    """Decide and index, as the task does; returns the decision and the story."""
    decision = grouper.decide(document, **kwargs)
    story = decision.story if decision.action == ASSIGN else f"story-{document.key}"
    for link in decision.merge:
        grouper.merge(story, link.story)
    grouper.add(document, story)
    return decision, story


def compare(grouper, new, member, *, story_size=1):
    comparer = Comparer(grouper.index, new, new_counted=False, boilerplate=BoilerplateRule())
    return comparer.compare(member, story_size=story_size)


# --- evidence --------------------------------------------------------------------


def test_versions_of_one_report_join_its_story(archive):
    versions, _ = family(seed=3, kinds=("original", "reprint", "rewrite", "paraphrase", "partial"))
    grouper = grouper_with(archive)
    _, story = place(grouper, doc(versions[0]))
    for version in versions[1:]:
        decision, placed = place(grouper, doc(version))
        assert decision.action == ASSIGN, version.kind
        assert placed == story
        assert decision.best.evidence.member in grouper.members[story]


def test_another_event_with_the_same_people_starts_its_own_story(archive):
    versions, (sibling,) = family(seed=4)
    grouper = grouper_with(archive)
    for version in versions:
        place(grouper, doc(version))
    decision, _ = place(grouper, doc(sibling))
    assert decision.action == NEW_STORY
    # Same place, same people, days apart: worth telling the editors.
    assert decision.related or decision.suggestions


def test_a_copy_is_evident_from_its_wording_alone(archive):
    versions, _ = family(seed=5, kinds=("original", "reprint"))
    grouper = grouper_with(archive)
    original = doc(versions[0])
    grouper.add(original, "s")
    evidence = compare(grouper, doc(versions[1]), original)
    assert evidence.containment > 0.5
    assert evidence.lead_support
    assert reuse_score(evidence, grouper.thresholds) == 1.0


def test_the_same_formula_with_other_figures_is_a_conflict():
    grouper = Grouper()
    old = make_document(
        "old",
        body="The laboratory found polio in 3 of 12 wastewater samples taken in Dorvik last week.",
    )
    new = make_document(
        "new",
        body="The laboratory found polio in 5 of 20 wastewater samples taken in Dorvik last week.",
    )
    grouper.add(old, "s")
    evidence = compare(grouper, new, old)
    assert evidence.conflicts and not evidence.aligned


def test_site_boilerplate_is_not_shared_reporting():
    """Two unrelated reports from one site share its standard paragraph; so do
    the site's other articles, which is how it is recognised: the paragraph
    adds nothing to the evidence."""
    stock = (
        "The Daily Lantern is an independent newsroom funded by its readers; support our "
        "journalism by becoming a member today and get the morning briefing in your inbox."
    )
    reports = generate(stories=6, seed=8, sibling_share=0.0, versions=(1, 1))

    def evidence(suffix):
        docs = [doc(a, body=f"{a.body}{suffix}", outlet="lantern") for a in reports]
        grouper = Grouper()
        for each in docs:
            grouper.index.count_frequencies(each)
        grouper.add(docs[0], "first", counted=True)
        comparer = Comparer(grouper.index, docs[1], new_counted=True, boilerplate=BoilerplateRule())
        return comparer.compare(docs[0]), grouper.thresholds

    plain, _ = evidence("")
    stamped, thresholds = evidence(f"\n\n{stock}")
    assert stamped.raw_shared >= plain.raw_shared + 15  # the paragraph is there...
    assert stamped.shared_shingles == pytest.approx(plain.shared_shingles)  # ...and ignored
    assert reuse_score(stamped, thresholds) < thresholds.assign


def test_a_phrase_everyone_uses_is_weighted_down():
    """Shared wording found in many articles beyond the candidate's story counts
    in proportion to how unexpected it is."""
    phrase = "officials said the situation remained calm but tense across the whole region"
    texts = [f"Story {n} opened with its own lines about topic {n}. {phrase}." for n in range(40)]
    docs = [make_document(n, body=text, outlet=f"site-{n}") for n, text in enumerate(texts)]
    grouper = Grouper()
    for each in docs:
        grouper.index.count_frequencies(each)
    grouper.add(docs[0], "s", counted=True)
    comparer = Comparer(grouper.index, docs[1], new_counted=True, boilerplate=BoilerplateRule())
    evidence = comparer.compare(docs[0], story_size=1)
    assert evidence.raw_shared >= 8
    assert evidence.shared_shingles < 0.2 * evidence.raw_shared


# --- decisions ---------------------------------------------------------------------


def test_weak_links_to_several_members_do_not_add_up(archive):
    """Each member of a story took one sentence of the new article: no single
    member is a strong link, so the article is not assigned, though together
    the members hold much of it."""
    versions, _ = family(seed=6, kinds=("original",))
    original = doc(versions[0])
    lines = [s for s in original.sentences[1:] if len(s.split()) >= 12][:5]
    members = generate(stories=5, seed=12, sibling_share=0.0, versions=(1, 1))
    grouper = grouper_with(archive)
    for member, line in zip(members, lines, strict=True):
        grouper.add(doc(member, body=f"{member.body}\n\n{line}"), "s")
    decision = grouper.decide(original)
    assert decision.action == NEW_STORY
    link = next(link for link in decision.suggestions + decision.related if link.story == "s")
    assert link.reuse < grouper.thresholds.assign


def test_an_article_bridging_two_stories_folds_them_into_one(archive):
    """Two rewrites that share little with each other started two stories; the
    original is a version of both."""
    versions, _ = family(seed=7, kinds=("original", "partial", "rewrite"))
    grouper = grouper_with(archive)
    grouper.add(doc(versions[1]), "first")
    grouper.add(doc(versions[2]), "second")
    decision = grouper.decide(doc(versions[0]))
    assert decision.action == ASSIGN
    assert {decision.story, *(link.story for link in decision.merge)} == {"first", "second"}


def test_an_article_bridging_two_sibling_events_does_not_fold_them(archive):
    """Same talks, same people, another round two days later: a version
    strongly linked to both stories (a partial whose lead and background are
    the formula the two share) assigns to one and never folds the other in,
    because the two stories' own articles disagree on their figures; nor is
    the other offered to editors, since it tells another occasion (two days
    apart): accepting it would merge two events."""
    versions, siblings = family(
        seed=11, theme="talks", kinds=("original",), sibling_kinds=("original", "partial")
    )
    grouper = grouper_with(archive)
    grouper.add(doc(versions[0]), "first")
    grouper.add(doc(siblings[0]), "second")
    assert grouper.contradict(versions[0].key, siblings[0].key)
    assert grouper.contradict(siblings[0].key, versions[0].key)
    links = grouper.links(doc(siblings[1]))
    assert {link.story for link in links} >= {"first", "second"}
    for link in links:
        link.reuse = 1.0  # as strong as the worst case: both leads are one formula
    decision = grouper.choose(links)
    assert decision.action == ASSIGN and not decision.merge
    other = ({"first", "second"} - {decision.story}).pop()
    assert other not in {link.story for link in decision.suggestions}
    assert next(link for link in links if link.story == other).conflict


def test_versions_of_one_report_do_not_contradict(archive):
    versions, _ = family(seed=7, kinds=("original", "partial", "rewrite", "paraphrase"))
    grouper = grouper_with(archive)
    for n, version in enumerate(versions):
        grouper.add(doc(version), f"story-{n}")
    for a, b in [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)]:
        assert not grouper.contradict(versions[a].key, versions[b].key)


def test_locked_and_frozen_stories(archive):
    versions, _ = family(seed=7, kinds=("original", "partial", "rewrite"))
    grouper = grouper_with(archive)
    grouper.add(doc(versions[1]), "first")
    grouper.add(doc(versions[2]), "second")
    original = doc(versions[0])
    # A locked story takes no members: strong evidence becomes a suggestion.
    decision = grouper.decide(original, locked={"first", "second"})
    assert decision.action == NEW_STORY
    assert {link.story for link in decision.suggestions} == {"first", "second"}
    # A frozen story takes members but is never folded away.
    decision = grouper.decide(original, frozen={"first", "second"})
    assert decision.action == ASSIGN and not decision.merge
    assert [link.story for link in decision.suggestions] == (
        ["second"] if decision.story == "first" else ["first"]
    )
    # Excluded stories are neither assigned nor suggested.
    decision = grouper.decide(original, excluded={"first", "second"})
    assert decision.action == NEW_STORY and not decision.suggestions


# --- the index -----------------------------------------------------------------------


def test_posting_lists_are_capped_and_removed_documents_forgotten():
    index = CandidateIndex(posting_cap=5, query_terms=10)
    articles = generate(stories=30, seed=9)
    for article in articles:
        index.add(doc(article))
    assert max(len(keys) for keys in index._term_postings.values()) <= 5
    assert max(len(keys) for keys in index._shingle_postings.values()) <= 5
    gone = articles[-1].key
    index.remove(gone)
    assert gone not in index.candidates(doc(articles[-1]), limit=50)
    assert index.counted == len(articles) - 1


def test_frequencies_can_be_primed_and_unprimed():
    index = CandidateIndex()
    docs = [doc(a) for a in generate(stories=5, seed=10)]
    for each in docs:
        index.count_frequencies(each)
    for each in docs:
        index.count_frequencies(each, -1)
    assert index.counted == 0 and not index.term_df


# --- properties ----------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_a_reprint_is_always_assigned_to_its_original(seed):
    versions, _ = family(seed=seed, kinds=("original", "reprint"))
    grouper = Grouper()
    grouper.add(doc(versions[0]), "s")
    decision = grouper.decide(doc(versions[1]))
    assert decision.action == ASSIGN and decision.story == "s"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_reordering_paragraphs_keeps_the_evidence(seed):
    """Versions move paragraphs around; shingles within sentences do not care."""
    versions, _ = family(seed=seed, kinds=("original",))
    paragraphs = versions[0].body.split("\n\n")
    random.Random(seed).shuffle(paragraphs)
    grouper = Grouper()
    original = doc(versions[0])
    grouper.add(original, "s")
    evidence = compare(grouper, doc(versions[0], body="\n\n".join(paragraphs)), original)
    assert evidence.containment == pytest.approx(1.0, abs=0.02)
    # The same sentences in another order are still plainly the same report.
    assert reuse_score(evidence, grouper.thresholds) >= grouper.thresholds.assign


def test_a_fingerprint_gives_back_the_document_it_was_made_from(report):
    versions, _ = report
    made = doc(versions[0])
    loaded = fingerprint.load(
        fingerprint.dump(made), key=made.key, outlet=made.outlet, published=made.published
    )
    for name in made.__dataclass_fields__:
        assert getattr(loaded, name) == getattr(made, name), name
    assert list(loaded.repeated) == list(made.repeated)  # sums over it add up alike


def test_a_loaded_fingerprint_decodes_its_text_only_when_compared(report):
    """The window indexes thousands of loaded documents and compares a few:
    what the index reads is there at once, the rest only on first use."""
    versions, _ = report
    made = doc(versions[0])
    loaded = fingerprint.load(fingerprint.dump(made), key="a", outlet=None, published=None)
    index = CandidateIndex()
    index.add(loaded)
    assert loaded._rest is not None  # indexing read the head alone
    assert loaded.sentences == made.sentences
    assert loaded._rest is None and loaded.names == made.names
    with pytest.raises(AttributeError):
        loaded.no_such_feature  # noqa: B018


@settings(max_examples=30, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.lists(st.integers(0, 2**64 - 1), max_size=40), st.sampled_from([1, 1, -1])),
        max_size=40,
    )
)
def test_a_sketch_counts_a_batch_as_one_key_at_a_time(steps):
    """Adding a document's keys in one step leaves every counter as adding
    them one by one would: collisions within the batch, removal below zero."""
    batched, single = CountSketch(bits=4), CountSketch(bits=4)
    for keys, delta in steps:
        batched.add(keys, delta)
        for key in keys:
            single.add([key], delta)
    assert batched.rows == single.rows
    for keys, _ in steps:
        for key in keys:
            assert batched.count(key) == single.count(key)


def test_a_saturated_sketch_counter_stays_saturated():
    sketch = CountSketch(bits=4)
    sketch.add([7] * 70_000)
    sketch.add([7], -1)
    assert sketch.count(7) == 0xFFFF
