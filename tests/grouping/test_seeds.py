"""The five captured seeds, imported for real and grouped: four versions of one
Bloomberg report become one story; RT's rewrite of a different report (004)
stays out, offered as related or as a suggestion. Nothing of the seeds is
copied here: the files are read at run time."""

import pytest
from django.core.management import call_command

from stories.grouping import group_article, group_backlog
from stories.models import Article, GroupingDecision, Story

pytestmark = [pytest.mark.django_db, pytest.mark.seeds]

SAME_REPORT = ("000", "001", "002", "003")


def import_seeds(seeds_dir, order):
    """Import the seeds one file at a time in ``order``; returns {prefix: article}."""
    for prefix in order:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        call_command("import_articles", str(path), "--manifest", str(seeds_dir / "manifest.json"))
    articles = {a.source_key[:3]: a for a in Article.objects.all()}
    assert set(articles) == set(order)
    return articles


def stories_of(articles):
    return {prefix: Article.objects.get(pk=a.pk).story_id for prefix, a in articles.items()}


def assert_grouped(articles):
    story = stories_of(articles)
    assert len({story[p] for p in SAME_REPORT}) == 1, story
    assert story["004"] not in {story[p] for p in SAME_REPORT}
    assert Story.objects.count() == 2
    # 004 is linked to the story, not merged into it.
    main = Story.objects.get(pk=story["000"])
    offered = GroupingDecision.objects.filter(
        article=articles["004"], story=main, action__in=["suggested", "related"]
    )
    assert offered.exists() or main.related.filter(pk=story["004"]).exists()


def test_backlog_in_file_order(seeds_dir):
    """The RT rewrite (000) comes first and shares little with the next ones;
    the syndicated original (003) later shows they are one report."""
    articles = import_seeds(seeds_dir, ["000", "001", "002", "003", "004"])
    group_backlog()
    assert_grouped(articles)


@pytest.mark.parametrize(
    "order",
    [["003", "001", "002", "000", "004"], ["004", "002", "000", "003", "001"]],
    ids=["manifest-order", "scrambled"],
)
def test_one_article_at_a_time(seeds_dir, order):
    articles = import_seeds(seeds_dir, order)
    for prefix in order:
        group_article(articles[prefix].pk)
    assert_grouped(articles)


def test_every_decision_is_logged_with_evidence(seeds_dir):
    articles = import_seeds(seeds_dir, ["003", "001", "002", "000", "004"])
    group_backlog()
    assigned = GroupingDecision.objects.filter(action="assigned", status="applied")
    assert {d.article_id for d in assigned} >= {articles[p].pk for p in ("001", "002", "000")}
    for decision in assigned:
        assert decision.score >= 0.7
        assert decision.evidence["shared_shingles"] > 0
        assert decision.evidence["shared_sentences"] or decision.evidence["copied_passages"]
    started = GroupingDecision.objects.get(article=articles["003"], action="new_story")
    assert started.story.title == articles["003"].headline
    assert not started.story.published
