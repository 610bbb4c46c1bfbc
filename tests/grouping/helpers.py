"""Builders the grouping tests share."""

from datetime import UTC

from stories.models import Article, Outlet, Story
from tests import factories


def make(version, *, when=None, **fields) -> Article:
    """An inbox article with ``version``'s text (a bench.corpus Article)."""
    outlet, _ = Outlet.objects.get_or_create(name=version.outlet)
    fields.setdefault("published_at", when or version.published.replace(tzinfo=UTC))
    return factories.article(outlet=outlet, headline=version.headline, body=version.body, **fields)


def story_of(article) -> Story | None:
    """The article's story as stored now."""
    return Article.objects.get(pk=article.pk).story
