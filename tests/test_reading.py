"""The reader's story page, its fragments and their URLs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stories.models import Passage

from . import factories

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_story_page_shows_every_passage_with_chips_and_gaps(client):
    story = factories.aligned_story(versions=3, passages=5)
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.count('class="passage kind-') == 5
    assert 'aria-pressed="true"' in html
    assert "not in this version" in html  # a visible gap
    assert "Only Outlet" in html  # the unique passage says whose it is
    assert "<html" in html


def test_chip_link_works_without_javascript(client):
    """The chip's href loads the whole page with that outlet's wording in place."""
    story = factories.aligned_story(versions=2, passages=3)
    passage = Passage.objects.filter(alignment__story=story, kind="common").first()
    other = passage.members.get(is_reference=False)
    url = f"{story.get_absolute_url()}?p={passage.pk}&v={other.revision_id}"
    html = client.get(url).content.decode()
    assert "<html" in html
    assert '<ins class="diff-ins">stream</ins>' in html
    assert '<del class="diff-del">river</del>' in html


def test_passage_fragment_returns_only_that_passage_body(client):
    story = factories.aligned_story(versions=2, passages=3)
    passage = Passage.objects.filter(alignment__story=story, kind="common").first()
    other = passage.members.get(is_reference=False)
    url = reverse("stories:passage_version", args=[story.slug, passage.pk, other.revision_id])
    response = client.get(url, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<body" not in html and "<article" not in html
    assert html.strip().startswith(f'<div id="passage-{passage.pk}-body"')
    assert '<ins class="diff-ins">stream</ins>' in html
    assert '<del class="diff-del">river</del>' in html


def test_swap_response_stays_small_however_many_versions(client):
    """The swap carries one passage body, not the chips: its size does not grow with versions."""
    sizes = []
    for versions in (3, 40):
        story = factories.aligned_story(versions=versions, passages=3)
        passage = Passage.objects.filter(alignment__story=story).order_by("position").first()
        member = passage.members.exclude(is_reference=True).first()
        url = reverse("stories:passage_version", args=[story.slug, passage.pk, member.revision_id])
        sizes.append(len(client.get(url, **HTMX).content))
    assert max(sizes) < 4096
    assert abs(sizes[0] - sizes[1]) < 64, sizes


def test_the_page_targets_the_swapped_body(client):
    """Chips inherit their target from the chip group: the passage body's stable id."""
    story = factories.aligned_story(versions=2, passages=2)
    passage = Passage.objects.filter(alignment__story=story).order_by("position").first()
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'hx-target="#passage-{passage.pk}-body"' in html
    assert f'<div id="passage-{passage.pk}-body" class="passage-body">' in html


def test_fragment_url_without_htmx_redirects_to_the_page(client):
    story = factories.aligned_story(versions=2, passages=2)
    passage = Passage.objects.filter(alignment__story=story).first()
    member = passage.members.first()
    url = reverse("stories:passage_version", args=[story.slug, passage.pk, member.revision_id])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(story.get_absolute_url())
    assert "HX-Request" in response["Vary"]


def test_passage_list_fragment_filters_and_pushes_the_page_url(client):
    story = factories.aligned_story(versions=3, passages=5)
    url = reverse("stories:passage_list", args=[story.slug]) + "?filter=unique"
    response = client.get(url, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<section id="passage-list"')
    assert html.count('class="passage kind-') == 1
    assert response["HX-Push-Url"] == story.get_absolute_url() + "?filter=unique"


def test_page_url_with_filter_renders_the_same_filtered_list(client):
    story = factories.aligned_story(versions=3, passages=5)
    html = client.get(story.get_absolute_url() + "?filter=unique").content.decode()
    assert "<html" in html
    assert html.count('class="passage kind-') == 1
    html = client.get(story.get_absolute_url() + "?filter=omitted").content.decode()
    assert html.count('class="passage kind-') == 2  # version 1 and 2 each skip one


def test_fragments_of_drafts_are_not_served_to_readers(client):
    """Access rules live in the queryset, so a fragment cannot leak a draft."""
    story = factories.aligned_story(versions=2, passages=2, published=False)
    passage = Passage.objects.filter(alignment__story=story).first()
    member = passage.members.first()
    url = reverse("stories:passage_version", args=[story.slug, passage.pk, member.revision_id])
    assert client.get(url, **HTMX).status_code == 404
    assert client.get(reverse("stories:passage_list", args=[story.slug]), **HTMX).status_code == 404
    assert client.get(reverse("stories:story_json", args=[story.slug])).status_code == 404


def test_a_version_that_lacks_the_passage_is_404(client):
    story = factories.aligned_story(versions=3, passages=5)
    unique = Passage.objects.get(alignment__story=story, kind="unique")
    outsider = story.alignment.revisions.exclude(pk=unique.reference_revision_id).first()
    url = reverse("stories:passage_version", args=[story.slug, unique.pk, outsider.pk])
    assert client.get(url, **HTMX).status_code == 404


def test_story_page_runs_a_fixed_number_of_queries(client):
    """3 or 30 versions, 5 or 40 passages: the same number of SQL queries."""
    small = factories.aligned_story(versions=3, passages=5)
    big = factories.aligned_story(versions=30, passages=40)
    counts = []
    for story in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(story.get_absolute_url()).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert 0 < counts[0] == counts[1] <= 12, counts


def test_many_versions_collapse_into_more_chips(client):
    story = factories.aligned_story(versions=12, passages=3)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "+2 more" in html  # ten chips by default, the rest behind "+N more"
    assert 'class="outlet-picker"' not in html  # the picker appears past 12 versions
    big = factories.aligned_story(versions=14, passages=2)
    html = client.get(big.get_absolute_url()).content.decode()
    assert 'class="outlet-picker"' in html


def test_a_big_story_links_to_the_picker_instead_of_listing_every_chip(client):
    story = factories.aligned_story(versions=40, passages=3)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "+30 more · pick outlets" in html
    assert html.count('class="chip ') < 3 * 12
    html = client.get(story.get_absolute_url() + "?picker=open").content.decode()
    assert 'id="outlet-picker" open' in html


def test_picked_outlets_replace_the_default_chips(client):
    """?pick=CODE shows only that outlet's chip on every passage."""
    story = factories.aligned_story(versions=14, passages=2)
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.count('role="button"') > 2 * 5
    reference_code = html.split('class="code c0">')[1].split("<")[0]
    html = client.get(story.get_absolute_url() + f"?pick={reference_code}").content.decode()
    assert html.count('role="button"') == 2  # one chip on each of the two passages
    assert f"pick={reference_code}" in html  # links keep the reader's picks


def test_timeline_compare_article_outlet_pages_render(client):
    story = factories.aligned_story(versions=3, passages=4)
    revisions = list(story.alignment.revisions.order_by("pk"))
    assert client.get(reverse("stories:story_timeline", args=[story.slug])).status_code == 200
    response = client.get(
        reverse("stories:story_compare", args=[story.slug])
        + f"?a={revisions[0].pk}&b={revisions[1].pk}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<ins class="diff-ins">stream</ins>' in html
    assert "Not in" in html  # a gap row
    article = revisions[1].article
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Revision 1" in html
    assert client.get(article.outlet.get_absolute_url()).status_code == 200


def test_story_list_shows_divergence_summary_and_searches(client):
    factories.aligned_story(versions=3, passages=4, title="Flood in the valley")
    factories.story(title="Harbour strike")
    html = client.get(reverse("stories:story_list")).content.decode()
    assert "3 versions" in html
    assert "1 term swap" in html
    html = client.get(reverse("stories:story_list") + "?q=flood").content.decode()
    assert "Flood in the valley" in html
    assert "Harbour strike" not in html


def test_json_export_view(client):
    story = factories.aligned_story(versions=2, passages=3)
    data = client.get(reverse("stories:story_json", args=[story.slug])).json()
    assert data["schema"] == "newsdesk.story/1"
    assert len(data["versions"]) == 2
    assert {p["kind"] for p in data["passages"]} >= {"unique"}


def test_coverage_table_has_one_link_per_version_and_a_legend(client):
    """A row per version, one tab stop each (read against it), labels in full."""
    story = factories.aligned_story(versions=3, passages=4, title="Flood")
    html = client.get(story.get_absolute_url()).content.decode()
    table = html.split('<table class="coverage">')[1].split("</table>")[0]
    assert table.count("<tr") == 1 + 3  # the header row and one per version
    assert table.count("<a ") == 3
    assert "carried" in table and "not carried" in table  # the bar's legend
    revisions = list(story.alignment.revisions.order_by("pk"))
    assert f"?ref={revisions[1].pk}" in table
    assert revisions[2].article.outlet.name in table

    big = factories.aligned_story(versions=40, passages=4)
    html = client.get(big.get_absolute_url()).content.decode()
    table = html.split('<table class="coverage">')[1].split("</table>")[0]
    assert table.count("<a ") == 40


@pytest.mark.parametrize(
    "query",
    [
        "?v=99999999999999999999999",
        "?p=1&v=-4",
        "?filter=bogus",
        "?outlet=",
        "?outlet=ZZZ&filter=unique",
        "?pick=,,,",
        "?page=abc",
        "?picker=open&pick=%00",
        "?q=%00",
        "?q=a%00b&page=2",
    ],
)
def test_odd_query_strings_never_break_the_page(client, query):
    story = factories.aligned_story(versions=3, passages=3)
    assert client.get(story.get_absolute_url() + query).status_code == 200
    assert client.get(reverse("stories:story_list") + query).status_code == 200
    compare = reverse("stories:story_compare", args=[story.slug])
    assert client.get(compare + query.replace("v=", "a=")).status_code == 200


def test_huge_ids_in_paths_are_404_not_500(client):
    story = factories.aligned_story(versions=2, passages=2)
    huge = "9" * 20
    assert client.get(f"/stories/{story.slug}/passages/{huge}/1/", **HTMX).status_code == 404
    assert client.get(f"/articles/{huge}/").status_code == 404


def test_fragment_responses_vary_on_htmx(client):
    story = factories.aligned_story(versions=2, passages=2)
    passage = Passage.objects.filter(alignment__story=story).first()
    member = passage.members.first()
    urls = [
        reverse("stories:passage_version", args=[story.slug, passage.pk, member.revision_id]),
        reverse("stories:passage_list", args=[story.slug]),
    ]
    for url in urls:
        response = client.get(url, **HTMX)
        assert response.status_code == 200
        assert "HX-Request" in response["Vary"]


def test_outlet_codes_are_short_distinct_and_keep_numbers():
    from stories.reading import outlet_codes

    codes = outlet_codes(["RT", "Caliber.Az", "The Daily Clarion", "Channel 4", "Channel 5", "RT"])
    assert codes[:5] == ["RT", "CA", "TDC", "C4", "C5"]
    assert len(set(codes)) == len(codes)


def test_many_omissions_read_as_one_line(client):
    story = factories.aligned_story(versions=8, passages=3)
    passage = Passage.objects.filter(alignment__story=story).order_by("position").first()
    for revision in story.alignment.revisions.all()[:5]:
        passage.divergences.create(
            alignment=story.alignment,
            revision=revision,
            type="omission",
            detail=f"{revision.article.outlet} leaves out this passage",
        )
    html = client.get(story.get_absolute_url()).content.decode()
    line = html.split("Left out by 5 versions (")[1].split(")")[0]
    assert all(r.article.outlet.name in line for r in story.alignment.revisions.all()[:5])
    assert html.count("leaves out this passage") == 0
    assert "more</" not in html.split(line)[1].split("</article>")[0]  # nothing hidden


def test_the_same_swap_by_many_versions_reads_as_one_line(client):
    story = factories.aligned_story(versions=8, passages=2)
    passage = Passage.objects.filter(alignment__story=story).order_by("position").last()
    passage.divergences.all().delete()
    for revision in story.alignment.revisions.all()[1:6]:
        passage.divergences.create(
            alignment=story.alignment,
            revision=revision,
            type="term_swap",
            detail=f"{revision.article.outlet} writes Kiev for Kyiv",
            data={"reference": "Kyiv", "variant": "Kiev"},
        )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Kiev for Kyiv: 5 versions (" in html
    assert "writes Kiev for Kyiv" not in html
