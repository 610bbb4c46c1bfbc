"""Grouping's log stays an honest audit trail: folds respect editors' answers and
carry every decision along, answers lock their row, undo is exact."""

import pytest

from stories import grouping
from stories.grouping import group_article
from stories.models import GroupingDecision, Story
from tests import factories

from .helpers import make, story_of

pytestmark = pytest.mark.django_db


def lock(story, locked=True):
    Story.objects.filter(pk=story.pk).update(locked=locked)


def two_stories_of_one_report(versions):
    """The original's story, and the reprint's own (the original's was locked
    when the reprint came): the rewrite is a version of both."""
    original = make(versions[0])
    group_article(original.pk)
    first = story_of(original)
    lock(first)
    reprint = make(versions[1])
    group_article(reprint.pk)
    lock(first, False)
    return original, reprint, first, story_of(reprint)


def test_a_fold_never_overrides_a_rejected_suggestion(report):
    """Stories an editor kept apart for an article stay apart."""
    versions, _ = report
    original, reprint, _, _ = two_stories_of_one_report(versions)
    GroupingDecision.objects.get(article=reprint, action="suggested").reject()
    group_article(make(versions[2]).pk)
    assert story_of(reprint) != story_of(original)


def test_a_fold_carries_the_log_and_deletes_none_of_it(report):
    """Every decision survives; suggestions the merge settled are superseded."""
    versions, _ = report
    original, reprint, first, second = two_stories_of_one_report(versions)
    logged = GroupingDecision.objects.count()
    rewrite = make(versions[2])
    assert group_article(rewrite.pk).folded
    survivor = story_of(rewrite)
    assert story_of(original) == story_of(reprint) == survivor
    assert GroupingDecision.objects.count() > logged
    assert not GroupingDecision.objects.filter(story__isnull=True).exists()
    suggestion = GroupingDecision.objects.get(article=reprint, action="suggested")
    assert (suggestion.status, suggestion.story) == ("superseded", survivor)
    folded = ({first.pk, second.pk} - {survivor.pk}).pop()
    moved = GroupingDecision.objects.get(action="assigned", evidence__merged_from__story=folded)
    assert moved.evidence["previous_story"] == folded


def test_related_links_survive_a_fold_as_one_undoable_decision(report):
    """After a fold each link has one decision; undoing them leaves no link behind."""
    versions, (sibling,) = report
    group_article(make(sibling).pk)
    two_stories_of_one_report(versions)
    rewrite = make(versions[2])
    group_article(rewrite.pk)
    survivor = story_of(rewrite)
    applied = GroupingDecision.objects.filter(action="related", status="applied")
    assert applied.exists()
    for decision in applied:
        assert decision.story_id != decision.evidence["from_story"]
        decision.undo()
    assert not survivor.related.exists()


def test_undoing_a_link_that_is_gone_is_refused(report, settings):
    """Nothing to remove is an error, not a silent "undone"."""
    versions, (sibling,) = report
    settings.NEWSDESK_GROUPING_THRESHOLDS = {"suggest_reuse": 1.01, "event_lead_cos": 1.01}
    make(versions[0])
    later = make(sibling)
    grouping.group_backlog()
    related = GroupingDecision.objects.get(article=later, action="related")
    story_of(later).related.clear()
    with pytest.raises(ValueError):
        related.undo()
    assert GroupingDecision.objects.get(pk=related.pk).status == "applied"


def test_answers_recheck_the_row_not_the_copy_in_hand(report):
    """Two editors answering one suggestion: the second answer is refused."""
    versions, _ = report
    _, reprint, first, _ = two_stories_of_one_report(versions)
    mine = GroupingDecision.objects.get(article=reprint, action="suggested")
    theirs = GroupingDecision.objects.get(pk=mine.pk)
    theirs.reject()
    with pytest.raises(ValueError):
        mine.accept()
    assert story_of(reprint) != first


def test_accepting_supersedes_the_articles_other_suggestions(report):
    """One accepted home closes the article's other pending offers."""
    versions, _ = report
    _, reprint, first, _ = two_stories_of_one_report(versions)
    other = factories.story(title="Another candidate")
    extra = GroupingDecision.objects.create(
        article=reprint, story=other, action="suggested", status="pending"
    )
    GroupingDecision.objects.get(article=reprint, story=first).accept()
    extra.refresh_from_db()
    assert extra.status == "superseded"
    assert other.pk not in GroupingDecision.objects.declined_for(reprint).values_list(
        "story", flat=True
    )


@pytest.mark.parametrize(
    "touch", [{"summary": "An editor's summary"}, {"title": "Retitled by an editor"}]
)
def test_undo_keeps_a_draft_an_editor_has_touched(report, touch):
    """Only a draft exactly as grouping started it is deleted."""
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    started = story_of(original)
    Story.objects.filter(pk=started.pk).update(**touch)
    GroupingDecision.objects.get(article=original, action="new_story").undo()
    assert story_of(original) is None
    assert Story.objects.filter(pk=started.pk).exists()


def test_a_locked_story_gets_no_automatic_related_links(report):
    """Links to a locked story are the editors' to make."""
    versions, (sibling,) = report
    original = make(versions[0])
    group_article(original.pk)
    lock(story_of(original))
    later = make(sibling)
    group_article(later.pk)
    assert not story_of(later).related.exists()
    assert not GroupingDecision.objects.filter(action="related", status="applied").exists()


def test_a_story_locked_while_deciding_gets_a_suggestion(report, monkeypatch):
    """The chosen story is re-read under a row lock before the article joins it."""
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    target = story_of(original)
    lock(target)
    # The flags were read before the editor locked the story.
    monkeypatch.setattr(grouping, "_story_flags", lambda ids: (set(), set()))
    reprint = make(versions[1])
    assert group_article(reprint.pk).outcome == "new story"
    suggestion = GroupingDecision.objects.get(article=reprint, action="suggested")
    assert (suggestion.story, suggestion.status) == (target, "pending")
