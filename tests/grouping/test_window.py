"""Grouping's window kept in line with the database: cheap to read, incremental,
and never deciding on a stale view of other workers' and editors' changes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.corpus import family
from stories import grouping
from stories.evidence import CandidateIndex, Thresholds, fingerprint, make_document
from stories.grouping import Window, _group, forget_window, group_article, group_backlog
from stories.models import Article, GroupingFingerprint, Revision
from tests import factories

from .helpers import make, story_of

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)


def queries_to_read_window_of(undated: int) -> int:
    outlet = factories.outlet()
    for i in range(undated):
        factories.article(outlet=outlet, body=f"Council item {i} on budget line {i} was approved.")
    window = Window(days=14, thresholds=Thresholds())
    with CaptureQueriesContext(connection) as captured:
        window.sync(timezone.now())
    assert len(window.grouper.index.term_df) > 0  # the texts were read
    return len(captured)


def test_reading_the_window_costs_no_query_per_undated_article():
    """Undated articles take their moment from the row read, not a query each."""
    few = queries_to_read_window_of(3)
    assert queries_to_read_window_of(40) == few


def test_the_stored_moment_is_the_first_capture_of_an_undated_article():
    """The window's clock: published, else first captured, else first seen."""
    article = factories.article(published_at=None)
    first = article.revisions.get()
    Revision.objects.filter(pk=first.pk).update(captured_at=START)
    group_article(article.pk)
    assert Article.objects.get(pk=article.pk).moment == START


def test_a_backlog_run_sees_another_workers_decision(report):
    """A story another process started meanwhile is found, not duplicated."""
    versions, _ = report
    original, reprint = make(versions[0]), make(versions[1])
    backlog = Window(days=14, thresholds=Thresholds())
    backlog.sync(original.published_at)
    group_article(original.pk)  # another worker, its own window
    assert _group(reprint.pk, backlog).outcome == "assigned"
    assert story_of(reprint) == story_of(original)


def test_a_backlog_run_sees_an_editors_move(report):
    """An article moved into a locked story no longer draws versions to its old one."""
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    started = story_of(original)
    backlog = Window(days=14, thresholds=Thresholds())
    backlog.sync(original.published_at)
    locked = factories.story(title="Filed by an editor", locked=True)
    Article.objects.get(pk=original.pk).move_to(locked)
    reprint = make(versions[1])
    _group(reprint.pk, backlog)
    assert story_of(reprint) not in (started, locked)


def test_a_move_that_leaves_updated_at_alone_is_caught_before_deciding(report):
    """The members a decision rests on are re-read, whatever touched them."""
    versions, _ = report
    original = make(versions[0])
    group_article(original.pk)
    backlog = Window(days=14, thresholds=Thresholds())
    backlog.sync(original.published_at)
    locked = factories.story(title="Filed quietly", locked=True)
    Article.objects.filter(pk=original.pk).update(story=locked)  # updated_at untouched
    reprint = make(versions[1])
    _group(reprint.pk, backlog)
    assert story_of(reprint) != locked
    assert backlog.grouper.story_of[original.pk] == locked.pk


def test_a_sync_reads_only_what_changed(report):
    """A second sync with nothing new reads no article text."""
    versions, _ = report
    for version in versions:
        make(version)
    window = Window(days=14, thresholds=Thresholds())
    window.sync(START)
    Article.objects.update(updated_at=START)  # as an archive loaded long ago
    window.sync(START)
    with CaptureQueriesContext(connection) as captured:
        window.sync(START + timedelta(hours=1))
    assert not any('"body"' in query["sql"] for query in captured)


def test_a_window_moved_on_forgets_only_what_both_its_clocks_left():
    """Synced further on, the window drops the articles outside both ranges,
    keeps an old report imported recently, and reads the days it moved into."""
    outlet = factories.outlet()

    def dated(days: float, *, imported: float | None = None) -> Article:
        article = factories.article(outlet=outlet, published_at=START + timedelta(days=days))
        Article.objects.filter(pk=article.pk).update(
            created_at=START + timedelta(days=days if imported is None else imported),
            updated_at=START,  # untouched since: only the ranges bring it in or out
        )
        return article

    left, kept, recent = dated(0), dated(0, imported=21), dated(10)
    later = dated(30)
    window = Window(days=14, thresholds=Thresholds())
    window.sync(START + timedelta(days=5), arrived=START + timedelta(days=5))
    assert [window.counts(a.pk) for a in (left, kept, recent, later)] == [True, True, True, False]
    window.sync(START + timedelta(days=20), arrived=START + timedelta(days=20))
    assert [window.counts(a.pk) for a in (left, kept, recent, later)] == [False, True, True, True]
    window.sync(START + timedelta(days=40), arrived=START + timedelta(days=40))
    assert [window.counts(a.pk) for a in (left, kept, recent, later)] == [False, False, False, True]


def test_the_backlog_since_uses_the_windows_moment(report):
    """An undated import of old captures is as old as its first capture."""
    versions, _ = report
    old = make(versions[0], published_at=None)
    Revision.objects.filter(article=old).update(captured_at=START - timedelta(days=60))
    recent = make(versions[1])
    assert group_backlog(since=START - timedelta(days=30)) == {"new story": 1}
    assert story_of(old) is None and story_of(recent) is not None


def test_removing_a_document_prunes_its_postings():
    """A long-lived index does not keep keys of documents it forgot."""
    versions, _ = family(seed=5, kinds=("original", "reprint"))
    index = CandidateIndex()
    docs = [make_document(i, body=v.body, headline=v.headline) for i, v in enumerate(versions)]
    for each in docs:
        index.add(each)
    index.remove(0)
    postings = [*index._term_postings.values(), *index._shingle_postings.values()]
    assert all(0 not in keys for keys in postings)
    index.remove(1)
    assert not index._term_postings and not index._shingle_postings


def test_re_adding_a_document_does_not_count_it_twice():
    """A changed document indexed again is one candidate, scored once."""
    versions, _ = family(seed=5, kinds=("original", "reprint"))
    original = make_document("a", body=versions[0].body, headline=versions[0].headline)
    probe = make_document("b", body=versions[1].body, headline=versions[1].headline)
    index = CandidateIndex()
    index.add(original)
    index.add(original)
    postings = [*index._term_postings.values(), *index._shingle_postings.values()]
    assert all(keys.count("a") == 1 for keys in postings)
    assert index.candidates(probe) == ["a"]


def test_a_new_worker_loads_fingerprints_instead_of_reading_texts(report, monkeypatch):
    """Each article's grouping fingerprint is stored at ingest with its
    revision; a worker starting afresh loads those and reads no text at all."""
    versions, _ = report
    original = make(versions[0])
    stored = GroupingFingerprint.objects.get(article=original)
    assert stored.revision == original.revisions.get()
    group_article(original.pk)
    reprint = make(versions[1])
    forget_window()
    built = []
    real = grouping._document
    monkeypatch.setattr(grouping, "_document", lambda pk, **kw: built.append(pk) or real(pk, **kw))
    assert group_article(reprint.pk).outcome == "assigned"
    assert built == []
    assert story_of(reprint) == story_of(original)


def test_ingest_keeps_the_fingerprint_of_the_current_revision(report):
    """A new revision replaces the fingerprint; an older capture imported
    later leaves the current one in place; the stored fingerprint is the
    document grouping would build from the text."""
    versions, _ = report
    article = make(versions[0])
    first = article.revisions.get()
    later, _ = article.add_revision(
        body=versions[1].body,
        source_kind="paste",
        headline=versions[1].headline,
        captured_at=first.captured_at + timedelta(hours=1),
    )
    assert GroupingFingerprint.objects.get(article=article).revision == later
    article.add_revision(
        body=versions[2].body,
        source_kind="paste",
        headline=versions[2].headline,
        captured_at=first.captured_at - timedelta(hours=1),
    )
    stored = GroupingFingerprint.objects.get(article=article)
    assert stored.revision == later
    built = grouping.document_for(article, later, when=article.published_at)
    loaded = fingerprint.load(
        bytes(stored.data), key=article.pk, outlet=article.outlet_id, published=article.published_at
    )
    assert loaded.shingles == built.shingles and loaded.sentences == built.sentences
    assert grouping.store_fingerprints(Article.objects.filter(pk=article.pk)) == 0


def test_fingerprints_of_articles_stored_in_bulk_are_built_ahead(report):
    """Rows written without ``add_revision`` (a bulk import) get their
    fingerprints from ``store_fingerprints``, once."""
    versions, _ = report
    article = make(versions[0])
    GroupingFingerprint.objects.all().delete()
    assert grouping.store_fingerprints(Article.objects.all()) == 1
    assert GroupingFingerprint.objects.get(article=article).revision == article.revisions.get()
    assert grouping.store_fingerprints(Article.objects.all()) == 0


def test_the_group_command_stores_missing_fingerprints_ahead(report, capsys):
    """After an upgrade changed the format (or a bulk import), the command
    builds the fingerprints a worker would otherwise rebuild from the texts."""
    versions, _ = report
    old = make(versions[0], when=START - timedelta(days=60))
    recent = [make(v) for v in versions[1:]]
    GroupingFingerprint.objects.filter(article=recent[0]).update(format=fingerprint.FORMAT - 1)
    GroupingFingerprint.objects.filter(article__in=[old, recent[1]]).delete()
    call_command("group", "--fingerprints", "--since", "2025-02-01")
    assert "2 grouping fingerprints stored." in capsys.readouterr().out
    assert not GroupingFingerprint.objects.filter(article=old).exists()
    stored = GroupingFingerprint.objects.filter(article__in=recent, format=fingerprint.FORMAT)
    assert stored.count() == 2
    assert all(story_of(a) is None for a in [old, *recent])  # nothing was grouped
    call_command("group", "--fingerprints")
    assert "1 grouping fingerprint stored." in capsys.readouterr().out
