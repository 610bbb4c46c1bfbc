import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from stories.models import Article, Revision, Story

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


def run_action(client, model: str, action: str, pks, **extra):
    url = reverse(f"admin:stories_{model}_changelist")
    data = {"action": action, "_selected_action": [str(pk) for pk in pks], **extra}
    return client.post(url, data, follow=True)


def test_merge_action_keeps_every_article_and_revision(
    editor_client, django_capture_on_commit_callbacks
):
    """Merging three stories leaves one, holding all articles and revisions."""
    stories = [factories.story() for _ in range(3)]
    for i, story in enumerate(stories):
        factories.article(story=story, revisions=i + 1)
    with django_capture_on_commit_callbacks() as callbacks:
        response = run_action(editor_client, "story", "merge_stories", [s.pk for s in stories])
    assert response.status_code == 200
    assert Story.objects.count() == 1
    survivor = Story.objects.get()
    assert survivor.pk == stories[0].pk
    assert survivor.articles.count() == 3
    assert Revision.objects.filter(article__story=survivor).count() == 6
    assert callbacks, "merging must queue a realignment"
    assert "every revision kept" in response.content.decode()


def test_merge_needs_two_stories(editor_client):
    story = factories.story()
    response = run_action(editor_client, "story", "merge_stories", [story.pk])
    assert "at least two" in response.content.decode()
    assert Story.objects.filter(pk=story.pk).exists()


def test_split_moves_selected_articles_into_a_new_story(editor_client):
    story = factories.story()
    keep = factories.article(story=story)
    leave = [factories.article(story=story, headline="Split me") for _ in range(2)]
    run_action(editor_client, "article", "split_into_new_story", [a.pk for a in leave])
    new = Story.objects.exclude(pk=story.pk).get()
    assert new.title == "Split me"
    assert set(new.articles.all()) == set(leave)
    assert list(story.articles.all()) == [keep]
    assert all(a.story_set_by_editor for a in new.articles.all())


def test_move_action_moves_articles_and_marks_them_sticky(editor_client):
    source, target = factories.story(), factories.story()
    arts = [factories.article(story=source) for _ in range(2)]
    run_action(editor_client, "article", "move_to_story", [a.pk for a in arts], story=target.pk)
    assert target.articles.count() == 2
    assert Article.objects.filter(story=target, story_set_by_editor=True).count() == 2


def test_move_without_a_story_changes_nothing(editor_client):
    source = factories.story()
    art = factories.article(story=source)
    response = run_action(editor_client, "article", "move_to_story", [art.pk])
    assert "Choose a story" in response.content.decode()
    art.refresh_from_db()
    assert art.story == source


def test_article_page_shows_revisions_with_word_diff(editor_client):
    art = factories.article(body="The river rose by two metres.")
    art.add_revision(
        body="The river rose by three metres.", source_kind="url", headline=art.headline
    )
    response = editor_client.get(reverse("admin:stories_article_change", args=[art.pk]))
    html = response.content.decode()
    assert '<del class="diff-del">two</del>' in html
    assert '<ins class="diff-ins">three</ins>' in html


def test_editor_cannot_change_users(editor_client):
    """Editors manage stories, not people."""
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    other = User.objects.create_user("someone")
    assert editor_client.get(reverse("admin:auth_user_change", args=[other.pk])).status_code == 403


def test_editor_reaches_the_editorial_pages(editor_client):
    for name in ["story", "article", "outlet", "feed", "groupingdecision"]:
        assert editor_client.get(reverse(f"admin:stories_{name}_changelist")).status_code == 200


def test_inbox_filter_lists_articles_without_a_story(editor_client):
    factories.article(headline="Filed away", story=factories.story())
    factories.article(headline="Waiting in the inbox")
    html = editor_client.get(
        reverse("admin:stories_article_changelist") + "?inbox=yes"
    ).content.decode()
    assert "Waiting in the inbox" in html
    assert "Filed away" not in html


def test_rerun_alignment_action_realigns_now_with_the_immediate_backend(
    editor_client, django_capture_on_commit_callbacks
):
    """The editors' "Rerun alignment" recomputes even when nothing changed."""
    from stories.aligning import realign_story
    from stories.models import StoryAlignment

    story = factories.story()
    factories.article(story=story, body="The river rose overnight. Bridges closed.")
    factories.article(story=story, body="The river rose overnight. Schools shut.")
    realign_story(story.pk)
    before = StoryAlignment.objects.get(story=story).pk
    with django_capture_on_commit_callbacks(execute=True):
        run_action(editor_client, "story", "realign_stories", [story.pk])
    assert StoryAlignment.objects.get(story=story).pk != before


def test_article_page_queries_do_not_grow_with_revisions(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for revisions in (2, 6):
        art = factories.article(revisions=1, body=f"Start {revisions}.")
        for i in range(revisions - 1):
            art.add_revision(body=f"Start {revisions}. Update {i}.", source_kind="url")
        url = reverse("admin:stories_article_change", args=[art.pk])
        editor_client.get(url)  # warm the content-type cache
        with CaptureQueriesContext(connection) as ctx:
            response = editor_client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_story_page_in_admin_loads_outlets_with_the_articles(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 5):
        story = factories.story()
        for _ in range(n):
            factories.article(story=story)
        url = reverse("admin:stories_story_change", args=[story.pk])
        editor_client.get(url)  # warm the content-type cache
        with CaptureQueriesContext(connection) as ctx:
            editor_client.get(url)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_merging_a_published_story_into_a_draft_keeps_it_published(editor_client):
    draft = factories.story(published=False)
    public = factories.story(published=True)
    factories.article(story=public)
    run_action(editor_client, "story", "merge_stories", [draft.pk, public.pk])
    draft.refresh_from_db()
    assert draft.published


def test_merge_needs_the_delete_permission():
    """Merging deletes the merged stories, so it needs that permission too."""
    from django.contrib.auth.models import Permission
    from django.test import Client

    user = User.objects.create_user("changer", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_story", "change_story"])
    )
    client = Client()
    client.force_login(user)
    stories = [factories.story(), factories.story()]
    response = run_action(client, "story", "merge_stories", [s.pk for s in stories])
    assert Story.objects.filter(pk__in=[s.pk for s in stories]).count() == 2
    assert response.status_code == 200


def test_bulk_delete_sends_articles_back_to_the_inbox(editor_client):
    story = factories.story()
    art = factories.article(story=story, story_set_by_editor=True)
    run_action(editor_client, "story", "delete_selected", [story.pk], post="yes")
    art.refresh_from_db()
    assert art.story is None and not art.story_set_by_editor


def test_changing_the_reference_realigns(editor_client, django_capture_on_commit_callbacks):
    story = factories.story(title="Ref", slug="ref")
    first = factories.article(story=story)
    second = factories.article(story=story)
    stranger = factories.article(story=factories.story())
    url = reverse("admin:stories_story_change", args=[story.pk])
    form = editor_client.get(url).content.decode()
    assert f'value="{stranger.pk}"' not in form  # only the story's own versions are offered
    data = {
        "title": "Ref",
        "slug": "ref",
        "summary": "",
        "published": "on",
        "reference_article": second.pk,
        "articles-TOTAL_FORMS": "2",
        "articles-INITIAL_FORMS": "2",
        "articles-MIN_NUM_FORMS": "0",
        "articles-MAX_NUM_FORMS": "1000",
        "articles-0-id": first.pk,
        "articles-0-story": story.pk,
        "articles-1-id": second.pk,
        "articles-1-story": story.pk,
    }
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    story.refresh_from_db()
    assert story.reference_article == second
    assert callbacks, "a new reference must queue realignment"


def test_article_page_lists_removed_furniture_and_annotations(editor_client):
    art = factories.article()
    revision = art.revisions.get()
    Revision.objects.filter(pk=revision.pk).update(
        stripped=[{"line": "Comments are closed.", "reason": "comments prompt"}],
        annotations=[{"type": "omission_marker", "text": "<...>", "position": 10}],
    )
    html = editor_client.get(
        reverse("admin:stories_article_change", args=[art.pk])
    ).content.decode()
    assert "Comments are closed. <small>(comments prompt)</small>" in html
    assert "&lt;...&gt; <small>(omission_marker)</small>" in html


def test_an_editor_moving_an_article_to_the_inbox_keeps_it_there(editor_client):
    """The inbox is an editor's choice too: grouping must not file it back."""
    story = factories.story()
    art = factories.article(story=story)
    run_action(editor_client, "article", "move_to_inbox", [art.pk])
    art.refresh_from_db()
    assert art.story is None and art.story_set_by_editor
    from stories.grouping import group_article

    assert group_article(art.pk).outcome == "skipped"
    art.refresh_from_db()
    assert art.story is None


def test_merging_and_deleting_stories_keep_grouping_suggestions_consistent():
    from stories.models import GroupingDecision

    target, other, doomed = factories.story(), factories.story(), factories.story()
    art = factories.article()
    suggestion = GroupingDecision.objects.create(
        article=art, story=other, action="suggested", status="pending"
    )
    stale = GroupingDecision.objects.create(
        article=art, story=doomed, action="suggested", status="pending"
    )
    target.merge_from([other])
    suggestion.refresh_from_db()
    assert suggestion.story == target and suggestion.status == "pending"
    doomed.delete()
    stale.refresh_from_db()
    assert stale.status == "rejected"


def test_the_editors_group_has_exactly_the_editorial_permissions():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert codenames == {
        "add_outlet",
        "change_outlet",
        "view_outlet",
        "add_story",
        "change_story",
        "delete_story",
        "view_story",
        "add_article",
        "change_article",
        "view_article",
        "view_revision",
        "add_feed",
        "change_feed",
        "delete_feed",
        "view_feed",
        "change_groupingdecision",
        "view_groupingdecision",
    }
    assert not any(c.endswith(("_user", "_group", "_permission")) for c in codenames)


def test_an_editors_merge_carries_grouping_links_like_grouping_does():
    """A related link between the two merged stories is settled, not left pointing at itself."""
    from stories.models import GroupingDecision

    target, other = factories.story(), factories.story()
    art = factories.article(story=target)
    target.related.add(other)
    link = GroupingDecision.objects.create(
        article=art,
        story=other,
        action="related",
        status="applied",
        evidence={"from_story": target.pk},
    )
    target.merge_from([other])
    link.refresh_from_db()
    assert link.status == "superseded"
    assert link.story == target


def test_the_decisions_list_opens_on_pending_and_all_is_one_click_away(editor_client):
    from stories.models import GroupingDecision

    art = factories.article()
    story = factories.story(title="Where it went")
    GroupingDecision.objects.create(article=art, story=story, action="suggested", status="pending")
    for status in ("superseded", "applied", "rejected"):
        GroupingDecision.objects.create(article=art, story=story, action="assigned", status=status)
    url = reverse("admin:stories_groupingdecision_changelist")
    html = editor_client.get(url).content.decode()
    assert "1 grouping decision" in html
    assert "?status__exact=all" in html
    html = editor_client.get(url + "?status__exact=all").content.decode()
    assert "4 grouping decisions" in html


def test_evidence_reads_as_sentences_and_undated_articles_have_no_days_apart(editor_client):
    from stories.admin import evidence_sentences
    from stories.models import GroupingDecision

    other = factories.article(headline="Dam gives way")
    art = factories.article()
    evidence = {
        "compared_with_article": other.pk,
        "reuse": 0.41,
        "theme": 0.606,
        "containment": 0.1922,
        "shared_shingles": 14.2,
        "spread": 3,
        "shared_sentences": [{"article": "a", "member": "b", "cosine": 0.8}],
        "leads_agree": True,
        "days_apart": 0.0,
    }
    decision = GroupingDecision.objects.create(
        article=art,
        story=factories.story(),
        action="suggested",
        status="pending",
        evidence=evidence,
    )
    lines = evidence_sentences(decision)
    assert lines[0].startswith(
        f"Shares 14 five-word runs of wording with {other.outlet}'s “Dam gives way”"
    )
    assert "spread over 3 sentences" in lines[0]
    assert "no publication date" in " ".join(lines)
    assert not any("0.0" in line or "0.606" in line for line in lines)
    page = editor_client.get(reverse("admin:stories_groupingdecision_change", args=[decision.pk]))
    assert "Shares 14 five-word runs" in page.content.decode()

    from datetime import UTC, datetime

    Article.objects.filter(pk=other.pk).update(published_at=datetime(2024, 12, 2, tzinfo=UTC))
    Article.objects.filter(pk=art.pk).update(published_at=datetime(2024, 12, 4, tzinfo=UTC))
    decision.evidence = {**evidence, "days_apart": 2.01}
    decision.refresh_from_db(fields=["article"])
    assert "Published 2 days apart." in evidence_sentences(decision)


def test_the_import_result_names_each_article_s_story_or_its_suggestion(editor_client):
    from stories.admin_import import where_filed
    from stories.ingest.api import ImportResult, Outcome
    from stories.models import GroupingDecision

    story = factories.story(title="Budget talks", published=False)
    filed = factories.article(story=story)
    inbox = factories.article()
    suggested = factories.story(title="Harbour strike")
    GroupingDecision.objects.create(
        article=inbox, story=suggested, action="suggested", status="pending"
    )
    results = [
        ImportResult(Outcome.CREATED, "a.txt", article=filed),
        ImportResult(Outcome.CREATED, "b.txt", article=inbox),
        ImportResult(Outcome.REFUSED, "c.txt", "The file is empty."),
    ]
    where = where_filed(results)
    assert [w.story for w in where] == [story, None, None]
    assert where[1].suggestion.story == suggested
    html = render_import_results(editor_client, where)
    assert reverse("admin:stories_story_change", args=[story.pk]) in html
    assert "a draft until you publish it" in html
    assert "grouping suggests" in html and "Harbour strike" in html


def render_import_results(client, filed) -> str:
    from django.template.loader import render_to_string

    from stories.models import Article as ArticleModel

    return render_to_string(
        "admin/stories/import.html",
        {"results": filed, "counts": {}, "opts": ArticleModel._meta, "form": []},
    )


def test_the_article_list_keeps_room_for_headlines(editor_client):
    factories.article(headline="A long headline that editors need to read in full at 1366 px")
    html = editor_client.get(reverse("admin:stories_article_changelist")).content.decode()
    assert "newsdesk/admin.css" in html
