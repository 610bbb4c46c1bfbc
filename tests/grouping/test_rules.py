"""The Django side of grouping: decisions applied and logged, and editors in
control (sticky manual placement, locked stories, rejected suggestions, undo)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from stories.evidence import Thresholds, make_document
from stories.grouping import Window, _group, group_article, group_backlog
from stories.models import Article, GroupingDecision, Story
from tests import factories

from .helpers import make, story_of

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)


def decisions(article, **filters):
    return GroupingDecision.objects.filter(article=article, **filters)


# --- decisions -----------------------------------------------------------------


def test_first_version_starts_a_draft_story_titled_from_its_headline(report):
    versions, _ = report
    original = make(versions[0])
    outcome = group_article(original.pk)
    story = story_of(original)
    assert outcome.outcome == "new story"
    assert story.title == versions[0].headline and not story.published
    started = decisions(original).get()
    assert (started.action, started.status, started.story) == ("new_story", "applied", story)
    assert not Article.objects.get(pk=original.pk).story_set_by_editor


def test_versions_join_the_story_and_it_is_realigned(report, django_capture_on_commit_callbacks):
    versions, _ = report
    articles = [make(v) for v in versions]
    group_article(articles[0].pk)
    with django_capture_on_commit_callbacks() as callbacks:
        for article in articles[1:]:
            assert group_article(article.pk).outcome == "assigned"
    story = story_of(articles[0])
    assert {story_of(a) for a in articles} == {story}
    assert len(callbacks) == 2  # a realignment queued per assignment
    assigned = decisions(articles[1]).get(action="assigned")
    assert assigned.status == "applied" and assigned.score >= 0.7
    assert assigned.evidence["compared_with_article"] in {a.pk for a in articles}
    assert assigned.evidence["shared_shingles"] > 0


def test_another_event_is_linked_not_merged(report):
    versions, (sibling,) = report
    articles = [make(v) for v in versions]
    later = make(sibling)
    group_backlog()
    story = story_of(articles[0])
    assert story_of(later) != story
    offered = decisions(later, story=story, action__in=["suggested", "related"])
    assert offered.exists()
    if offered.filter(action="related").exists():
        assert story.related.filter(pk=story_of(later).pk).exists()


def test_grouping_is_idempotent(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    logged = GroupingDecision.objects.count()
    assert group_article(original.pk).outcome == "skipped"
    assert GroupingDecision.objects.count() == logged
    assert Story.objects.count() == 1


def test_articles_outside_the_active_window_are_not_candidates(report, settings):
    versions, _ = report
    original = make(versions[0], when=START)
    reprint = make(versions[1], when=START + timedelta(days=30))
    group_article(original.pk)
    assert group_article(reprint.pk).outcome == "new story"
    settings.NEWSDESK_GROUPING_WINDOW_DAYS = 45
    late = make(versions[2], when=START + timedelta(days=30))
    assert group_article(late.pk).outcome == "assigned"


def test_thresholds_come_from_settings(report, settings):
    versions, _ = report
    original, reprint = make(versions[0]), make(versions[1])
    # Unreachable: neither a version nor a report of the same event joins.
    settings.NEWSDESK_GROUPING_THRESHOLDS = {"assign": 1.01, "merge": 1.01, "event_lead_cos": 1.01}
    group_backlog()
    assert story_of(original) != story_of(reprint)
    suggestion = decisions(reprint, action="suggested").get()
    assert suggestion.story == story_of(original) and suggestion.status == "pending"
    settings.NEWSDESK_GROUPING_THRESHOLDS = {"no_such_threshold": 1}
    with pytest.raises(ImproperlyConfigured):
        group_article(reprint.pk)


# --- editors win ---------------------------------------------------------------------


def test_an_article_an_editor_placed_is_never_moved(report):
    versions, _ = report
    elsewhere = factories.story(title="Chosen by an editor")
    original = make(versions[0])
    reprint = make(versions[1], story=elsewhere, story_set_by_editor=True)
    group_backlog()
    assert group_article(reprint.pk).outcome == "skipped"
    assert story_of(reprint) == elsewhere
    assert not decisions(reprint).exists()
    # The original is a version of the article the editor placed: it follows.
    assert story_of(original) == elsewhere


def test_an_article_an_editor_put_back_in_the_inbox_stays_there(report):
    versions, _ = report
    reprint = make(versions[1], story_set_by_editor=True)
    make(versions[0])
    counts = group_backlog()
    assert counts == {"new story": 1}
    assert story_of(reprint) is None


def test_a_story_an_editor_arranged_is_never_folded_into_another(report):
    """The original is a version of two stories; the one holding an editor's
    placement keeps its articles, and the automatic one is folded into it."""
    versions, _ = report
    automatic = make(versions[2])
    group_article(automatic.pk)
    automatic_story = story_of(automatic)
    curated = factories.story(title="Curated", published=False)
    by_hand = make(versions[1], story=curated, story_set_by_editor=True)
    original = make(versions[0])
    outcome = group_article(original.pk)
    assert story_of(original) == curated
    assert story_of(by_hand) == curated
    assert outcome.folded == (automatic_story.pk,)
    assert story_of(automatic) == curated
    moved = decisions(automatic, action="assigned").get()
    assert moved.evidence["merged_from"]["story"] == automatic_story.pk
    assert not Story.objects.filter(pk=automatic_story.pk).exists()


def test_a_locked_story_takes_no_automatic_members(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    locked = story_of(original)
    locked.locked = True
    locked.save()
    reprint = make(versions[1])
    assert group_article(reprint.pk).outcome == "new story"
    assert story_of(reprint) != locked
    suggestion = decisions(reprint, action="suggested").get()
    assert (suggestion.story, suggestion.status) == (locked, "pending")
    assert suggestion.evidence["reuse"] >= 0.7


def test_a_rejected_suggestion_is_not_offered_again(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    locked = story_of(original)
    Story.objects.filter(pk=locked.pk).update(locked=True)
    reprint = make(versions[1])
    group_article(reprint.pk)
    decisions(reprint, action="suggested").get().reject()
    # The reprint's own story is deleted: back in the inbox, it is grouped again.
    story_of(reprint).delete()
    Story.objects.filter(pk=locked.pk).update(locked=False)
    assert group_article(reprint.pk).outcome == "new story"
    assert story_of(reprint) != locked
    assert not decisions(reprint, story=locked, status="pending").exists()


def test_accepting_a_suggestion_moves_the_article_for_good(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    target = story_of(original)
    Story.objects.filter(pk=target.pk).update(locked=True)
    reprint = make(versions[1])
    group_article(reprint.pk)
    started = story_of(reprint)
    suggestion = decisions(reprint, action="suggested").get()
    suggestion.accept()
    article = Article.objects.get(pk=reprint.pk)
    assert article.story == target and article.story_set_by_editor
    assert suggestion.status == "accepted" and suggestion.decided_at
    assert not Story.objects.filter(pk=started.pk).exists()  # the empty draft went
    with pytest.raises(ValueError):
        suggestion.accept()
    with pytest.raises(ValueError):
        suggestion.reject()


def test_undoing_an_assignment_returns_the_article_to_the_inbox_for_good(report):
    versions, _ = report
    original, reprint = make(versions[0]), make(versions[1])
    group_backlog()
    story = story_of(original)
    assigned = decisions(reprint, action="assigned").get()
    assigned.undo()
    article = Article.objects.get(pk=reprint.pk)
    assert article.story is None and article.story_set_by_editor
    assert GroupingDecision.objects.get(pk=assigned.pk).status == "undone"
    assert group_article(reprint.pk).outcome == "skipped"
    assert story_of(original) == story
    with pytest.raises(ValueError):
        assigned.undo()


def test_undoing_a_started_story_deletes_the_empty_draft(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    story = story_of(original)
    decisions(original, action="new_story").get().undo()
    assert story_of(original) is None
    assert not Story.objects.filter(pk=story.pk).exists()


def test_undoing_an_accepted_suggestion_moves_the_article_back(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    target = story_of(original)
    Story.objects.filter(pk=target.pk).update(locked=True)
    reprint = make(versions[1])
    group_article(reprint.pk)
    suggestion = decisions(reprint, action="suggested").get()
    suggestion.accept()
    suggestion.undo()
    # Its own draft was deleted on acceptance: back to the inbox.
    assert story_of(reprint) is None
    assert not GroupingDecision.objects.pending().filter(pk=suggestion.pk).exists()


def test_undoing_a_related_link_removes_it(report, settings):
    versions, (sibling,) = report
    # Nothing is close enough to suggest: the other event is only linked.
    settings.NEWSDESK_GROUPING_THRESHOLDS = {"suggest_reuse": 1.01, "event_lead_cos": 1.01}
    make(versions[0])
    later = make(sibling)
    group_backlog()
    related = decisions(later, action="related").get()
    own = story_of(later)
    assert own.related.filter(pk=related.story_id).exists()
    related.undo()
    assert not own.related.filter(pk=related.story_id).exists()


def test_undo_refuses_when_the_article_moved_since(report):
    versions, _ = report
    make(versions[0])
    reprint = make(versions[1])
    group_backlog()
    elsewhere = factories.story(title="Elsewhere")
    Article.objects.get(pk=reprint.pk).move_to(elsewhere)
    with pytest.raises(ValueError):
        decisions(reprint, action="assigned").get().undo()
    assert story_of(reprint) == elsewhere


def test_pending_and_declined_querysets(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    Story.objects.filter(pk=story_of(original).pk).update(locked=True)
    reprint = make(versions[1])
    group_article(reprint.pk)
    pending = GroupingDecision.objects.pending()
    assert list(pending.values_list("article", flat=True)) == [reprint.pk]
    pending.get().reject()
    assert not GroupingDecision.objects.pending().exists()
    assert list(GroupingDecision.objects.declined_for(reprint).values_list("story", flat=True)) == [
        story_of(original).pk
    ]


# --- the command ---------------------------------------------------------------------


def test_group_command_groups_the_backlog_since_a_date(report, capsys):
    versions, _ = report
    old = make(versions[0], when=START - timedelta(days=60))
    recent = [make(v) for v in versions]
    call_command("group", "--since", "2025-02-01")
    out = capsys.readouterr().out
    assert "1 new story" in out and "2 assigned" in out
    assert story_of(old) is None
    assert len({story_of(a) for a in recent}) == 1
    with pytest.raises(CommandError):
        call_command("group", "--since", "last tuesday")


# --- the window ------------------------------------------------------------------------


def test_the_window_follows_new_revisions_and_moves(report):
    versions, (sibling,) = report
    original = make(versions[0])
    group_article(original.pk)
    window = Window(days=14, thresholds=Thresholds())
    window.sync(START)
    assert window.grouper.story_of[original.pk] == story_of(original).pk
    original.add_revision(body=sibling.body, source_kind="paste", headline=sibling.headline)
    elsewhere = factories.story(title="Moved by hand")
    Article.objects.get(pk=original.pk).move_to(elsewhere)
    window.sync(START)
    assert (
        window.document(original.pk).sentences[1:] == make_document(0, body=sibling.body).sentences
    )
    assert window.grouper.story_of[original.pk] == elsewhere.pk


def test_a_backlog_run_rereads_the_window_when_a_story_is_gone(report):
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    window = Window(days=14, thresholds=Thresholds())
    window.sync(START)
    story_of(original).delete()  # the original is back in the inbox
    reprint = make(versions[1])
    outcome = _group(reprint.pk, window)
    assert outcome.outcome == "new story"
    assert window.grouper.story_of.get(original.pk) is None
