import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from stories.models import Article, Revision, SourceKind, Story
from stories.models.core import ImmutableRevisionError

from . import factories

pytestmark = pytest.mark.django_db


def test_identical_content_never_makes_a_second_revision():
    """Adding the same text twice keeps one revision."""
    art = factories.article(body="One sentence here.")
    revision, created = art.add_revision(
        body="One sentence here.", source_kind=SourceKind.FILE, headline=art.headline
    )
    assert not created
    assert art.revisions.count() == 1
    assert revision == art.revisions.get()


def test_changed_content_makes_a_new_current_revision():
    """New text is a new revision and becomes the article's current one."""
    art = factories.article(body="First version of the text.")
    revision, created = art.add_revision(
        body="Second version of the text, longer.",
        source_kind=SourceKind.URL,
        headline=art.headline,
    )
    assert created
    fresh = Article.objects.with_current_revision().get(pk=art.pk)
    assert fresh.current_revision == revision
    assert fresh.revisions.count() == 2


def test_punctuation_only_change_is_minor():
    """A revision that changes only punctuation and spacing is marked minor."""
    art = factories.article(body="Officials said the bridge was closed")
    revision, _ = art.add_revision(
        body="Officials said  the bridge was closed.",
        source_kind=SourceKind.URL,
        headline=art.headline,
    )
    assert revision.minor
    other, _ = art.add_revision(
        body="Officials said the bridge was reopened.",
        source_kind=SourceKind.URL,
        headline=art.headline,
    )
    assert not other.minor


def test_revisions_are_immutable():
    """Saving a stored revision again is refused."""
    revision = factories.article().revisions.get()
    revision.body = "rewritten history"
    with pytest.raises(ImmutableRevisionError):
        revision.save()
    assert Revision.objects.get(pk=revision.pk).body != "rewritten history"


def test_returning_to_earlier_text_is_a_new_current_revision():
    """A → B → A: the article now reads A again, so A is its current revision."""
    art = factories.article(body="Wording A of the report.")
    art.add_revision(
        body="Wording B of the report.", source_kind=SourceKind.URL, headline=art.headline
    )
    back, created = art.add_revision(
        body="Wording A of the report.", source_kind=SourceKind.URL, headline=art.headline
    )
    assert created
    assert Article.objects.with_current_revision().get(pk=art.pk).current_revision == back
    assert art.revisions.count() == 3


def test_replaying_a_dated_capture_is_a_no_op():
    """Re-running an import of dated revisions adds nothing."""
    from datetime import UTC, datetime

    art = factories.article(body="First wording.")
    first = art.revisions.get()
    art.add_revision(
        body="Second wording.",
        source_kind=SourceKind.URL,
        headline=art.headline,
        captured_at=datetime(2030, 1, 1, tzinfo=UTC),
    )
    again, created = art.add_revision(
        body="First wording.",
        source_kind=SourceKind.PASTE,
        headline=art.headline,
        captured_at=first.captured_at,
    )
    assert not created and again == first
    assert art.revisions.count() == 2


def test_a_headline_change_is_not_minor():
    art = factories.article(body="The same body text.", headline="Old headline")
    revision, created = art.add_revision(
        body="The same body text.", source_kind=SourceKind.URL, headline="A new headline"
    )
    assert created and not revision.minor
    history = Article.objects.get(pk=art.pk).revision_history()
    assert history[-1].headline_before == "Old headline"


def test_deleting_an_outlet_with_articles_is_protected():
    art = factories.article()
    with pytest.raises(ProtectedError):
        art.outlet.delete()


def test_deleting_an_article_with_revisions_is_protected():
    art = factories.article()
    with pytest.raises(ProtectedError):
        art.delete()
    assert Revision.objects.filter(article=art).count() == 1


def test_deleting_a_story_moves_its_articles_to_the_inbox():
    story = factories.story()
    arts = [factories.article(story=story, story_set_by_editor=True) for _ in range(3)]
    story.delete()
    assert Article.objects.inbox().count() == 3
    assert Revision.objects.filter(article__in=arts).count() == 3
    assert not Article.objects.filter(story_set_by_editor=True).exists()


def test_merge_keeps_every_article_and_revision():
    target, other = factories.story(), factories.story()
    factories.article(story=target)
    factories.article(story=other, revisions=2)
    factories.article(story=other)
    moved = target.merge_from([other])
    assert moved == 2
    assert not Story.objects.filter(pk=other.pk).exists()
    assert target.articles.count() == 3
    assert Revision.objects.filter(article__story=target).count() == 4


def test_canonical_url_is_unique_when_present():
    o = factories.outlet()
    Article.objects.create(outlet=o, url="https://a.example/x")
    Article.objects.create(outlet=o, url="")
    Article.objects.create(outlet=o, url="")  # blank URLs do not collide
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(outlet=o, url="https://a.example/x")


def test_published_queryset_hides_drafts():
    factories.story(published=True, title="Out")
    factories.story(published=False, title="Draft")
    assert [s.title for s in Story.objects.published()] == ["Out"]


def test_slugs_are_unique():
    a = Story.objects.create(title="Same title")
    b = Story.objects.create(title="Same title")
    assert a.slug != b.slug


def test_via_names_another_outlet_only():
    wire = factories.outlet(name="Meridian Wire")
    own = factories.article(outlet=wire, derived_from="Meridian Wire")
    copy = factories.article(derived_from="meridian wire")
    linked = factories.article(derived_from_article=own)
    assert own.via == ""
    assert copy.via == "meridian wire"
    assert linked.via == "Meridian Wire"


def test_slugs_stay_short_and_unique_with_many_alike():
    titles = ["A very long title " * 10] * 12
    slugs = [Story.objects.create(title=t).slug for t in titles]
    assert len(set(slugs)) == 12
    assert all(len(slug) <= 80 for slug in slugs)
