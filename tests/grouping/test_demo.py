"""The fictional demo corpus, filed by grouping alone, lands as its writers meant."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from stories.demo.loader import load_demo
from stories.grouping import group_backlog
from stories.models import Article, GroupingDecision, Story

pytestmark = pytest.mark.django_db


def outlets(story) -> set[str]:
    return {a.outlet.name for a in story.articles.all()}


@pytest.fixture
def grouped_demo():
    """The demo corpus as if every article had arrived in the inbox and been grouped."""
    load_demo()
    Article.objects.update(story=None, story_set_by_editor=False)
    Story.objects.all().delete()
    group_backlog()


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_demo_corpus_groups_as_intended(grouped_demo):
    wire_story = Story.objects.filter(articles__outlet__name="Tamsel Valley Courier").get()
    # The wire report and every outlet's version of it: one story.
    assert {"Meridian Wire", "Tamsel Valley Courier", "The Daily Clarion"} <= outlets(wire_story)
    assert {"Northern Ledger", "Riverside Voice"} <= outlets(wire_story)
    versions = GroupingDecision.objects.filter(
        story=wire_story, action="assigned", coverage="version"
    )
    assert {d.article.outlet.name for d in versions} == {
        "Tamsel Valley Courier",
        "The Daily Clarion",
        "Northern Ledger",
        "Riverside Voice",
    }
    # The flood weeks later in another valley shares a theme, not the report.
    flood = Story.objects.filter(articles__headline__icontains="Mossbridge").distinct().get()
    assert flood != wire_story
    assert outlets(flood) == {"Meridian Wire", "Northern Ledger"}
    # Independent agencies' reports of the same event share little text. One
    # agrees with the wire on what, where and when (names, key figures, date)
    # and joins as independent coverage; the other, whose lead tells the night
    # in its own terms, is offered to editors as a suggestion, never merged.
    northgate = Article.objects.get(outlet__name="Northgate Press Agency")
    assert northgate.story == wire_story
    joined = GroupingDecision.objects.get(article=northgate, action="assigned")
    assert joined.coverage == "independent" and joined.evidence["same_event"]
    lantern = Article.objects.get(outlet__name="Lantern News Service")
    assert lantern.story != wire_story
    assert GroupingDecision.objects.filter(
        article=lantern, story=wire_story, action="suggested", status="pending"
    ).exists()
    assert wire_story.related.filter(pk=lantern.story_id).exists()


def test_editors_review_suggestions_in_the_admin(grouped_demo, editor_client):
    """A suggestion shows its evidence and is accepted in one action."""
    client = editor_client

    suggestion = GroupingDecision.objects.filter(action="suggested", status="pending").first()
    page = client.get(reverse("admin:stories_groupingdecision_change", args=[suggestion.pk]))
    assert "five-word run" in page.content.decode()  # evidence as sentences
    client.post(
        reverse("admin:stories_groupingdecision_changelist"),
        {"action": "accept_suggestions", "_selected_action": [suggestion.pk]},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    article = Article.objects.get(pk=suggestion.article_id)
    assert article.story_id == suggestion.story_id and article.story_set_by_editor

    assigned = GroupingDecision.objects.filter(action="assigned", status="applied").first()
    client.post(
        reverse("admin:stories_groupingdecision_changelist"),
        {"action": "undo_decisions", "_selected_action": [assigned.pk]},
    )
    assigned.refresh_from_db()
    assert assigned.status == "undone"
    assert Article.objects.get(pk=assigned.article_id).story_id != assigned.story_id


def test_the_article_list_links_to_pending_suggestions(grouped_demo, admin_client):
    html = admin_client.get(reverse("admin:stories_article_changelist")).content.decode()
    suggestion = GroupingDecision.objects.filter(status="pending").first()
    link = (
        f"{reverse('admin:stories_groupingdecision_changelist')}"
        f"?article__id__exact={suggestion.article_id}&amp;status__exact=pending"
    )
    assert link in html
    listing = admin_client.get(link.replace("&amp;", "&"))
    assert listing.status_code == 200
    assert "1 grouping decision" in listing.content.decode()


def test_one_click_review_buttons(grouped_demo, editor_client):
    """Each pending suggestion has Accept and Reject buttons that work in one click."""
    client = editor_client
    suggestion = GroupingDecision.objects.filter(action="suggested", status="pending").first()
    reject = reverse("admin:stories_groupingdecision_review", args=[suggestion.pk, "reject"])
    listing = client.get(reverse("admin:stories_groupingdecision_changelist")).content.decode()
    assert f'formaction="{reject}"' in listing
    assert client.get(reject).status_code == 405
    response = client.post(reject)
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"
