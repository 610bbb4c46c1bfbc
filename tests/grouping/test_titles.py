"""A draft story's title keeps the words as the article printed them."""

import pytest

from stories.grouping import group_article
from stories.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "headline", ["", "Notre-Dame: CDU-Chefin sees a 2-2 draw in the 2013-14 season"]
)
def test_titles_keep_inner_hyphens(headline):
    body = (
        "Notre-Dame: CDU-Chefin sees a 2-2 draw in the 2013-14 season.\n\n"
        "The cathedral reopened to visitors on a cold morning after years of restoration work."
    )
    article = factories.article(outlet=factories.outlet(), headline=headline, story=None, body=body)
    group_article(article.pk)
    title = Article.objects.get(pk=article.pk).story.title
    for word in ("Notre-Dame", "CDU-Chefin", "2-2", "2013-14"):
        assert word in title
