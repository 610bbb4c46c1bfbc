"""Full-text search: the same behaviour on SQLite (FTS5) and PostgreSQL (a GIN
index); each run of the suite tests the engine of its own database."""

import random
import re
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection

from stories.ingest import api
from stories.ingest.batch import ingest_paths, load_manifest
from stories.models import Article, Outlet, Revision, Story
from stories.search import search, terms

from .ingest.generated import paragraph

pytestmark = pytest.mark.django_db


def add(outlet: str, story: Story, body: str, *, headline: str = "", url: str = "", **known):
    result = api.ingest_text(
        text=body,
        outlet=outlet,
        story=story,
        url=url,
        known=api.KnownMetadata(headline=headline, **known),
    )
    assert not result.refused, result.message
    return result.article


def filler(seed: int) -> str:
    return paragraph(random.Random(seed), 3)


@pytest.fixture
def newsroom():
    """Two published stories and a draft, from two outlets."""
    talks = Story.objects.create(title="Harbour talks", published=True)
    floods = Story.objects.create(title="River floods", published=True)
    draft = Story.objects.create(title="Embargoed report", published=False)
    a = add(
        "Wire",
        talks,
        f"The ferry union and the port agreed a truce on Monday. {filler(1)}",
        headline="Ferry truce agreed",
        url="https://wire.example/truce",
        published_at="2024-12-02T09:00:00Z",
    )
    b = add(
        "Courier",
        talks,
        f"{filler(2)} Talks about the ferry went on late. {filler(3)}",
        headline="Port talks run late",
        url="https://courier.example/talks",
        published_at="2024-12-05T09:00:00Z",
    )
    c = add(
        "Courier",
        floods,
        f"Water rose over the quay wall near the ferry landing. {filler(4)}",
        headline="Quay flooded",
        url="https://courier.example/quay",
        published_at="2024-12-09T09:00:00Z",
    )
    d = add(
        "Wire",
        draft,
        f"The secret ferry contract runs to 2030, papers show. {filler(5)}",
        headline="Contract papers",
        url="https://wire.example/secret",
    )
    return {"talks": talks, "floods": floods, "draft": draft, "articles": (a, b, c, d)}


def urls(hits) -> list[str]:
    return [hit.article.url for hit in hits]


def test_finds_body_words_ranked_with_a_highlighted_snippet(newsroom):
    hits = search("truce")
    assert urls(hits) == ["https://wire.example/truce"]
    assert "<mark>truce</mark>" in hits[0].snippet


def test_headline_matches_rank_above_body_matches(newsroom):
    add(
        "Wire",
        newsroom["talks"],
        f"{filler(6)} A late ferry ran. {filler(7)}",
        headline="Ferry ferry ferry timetable",
        url="https://wire.example/timetable",
    )
    hits = search("ferry")
    assert hits[0].article.url == "https://wire.example/timetable"
    assert set(urls(hits)) == {
        "https://wire.example/timetable",
        "https://wire.example/truce",
        "https://courier.example/talks",
        "https://courier.example/quay",
    }  # the draft's article is not among them
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)


def test_every_word_is_required_and_quotes_make_a_phrase(newsroom):
    assert urls(search("ferry quay")) == ["https://courier.example/quay"]
    assert urls(search('"quay wall"')) == ["https://courier.example/quay"]
    assert search('"wall quay"') == []


def test_story_titles_are_searched(newsroom):
    assert set(urls(search("floods"))) == {"https://courier.example/quay"}
    newsroom["floods"].title = "Storm surge"
    newsroom["floods"].save()
    assert search("floods") == []
    assert urls(search("surge")) == ["https://courier.example/quay"]


def test_drafts_never_leak_to_readers_but_editors_find_them(newsroom):
    assert search("contract") == []
    assert search("embargoed") == []
    editor = User.objects.create_user("ed", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_story"))
    editor = User.objects.get(pk=editor.pk)
    found = search("contract", stories=Story.objects.visible_to(editor))
    assert urls(found) == ["https://wire.example/secret"]


def test_outlet_and_date_filters(newsroom):
    courier = Outlet.objects.get(name="Courier")
    assert set(urls(search("ferry", outlet=courier))) == {
        "https://courier.example/talks",
        "https://courier.example/quay",
    }
    assert urls(search("ferry", outlet="wire")) == ["https://wire.example/truce"]
    assert set(urls(search("ferry", since=date(2024, 12, 3), until=date(2024, 12, 5)))) == {
        "https://courier.example/talks"
    }
    assert urls(search("ferry", since=datetime(2024, 12, 6, tzinfo=UTC))) == [
        "https://courier.example/quay"
    ]


def test_only_the_current_revision_is_searched(newsroom):
    talks = newsroom["talks"]
    add(
        "Wire",
        talks,
        f"The ferry union and the port signed an accord on Monday. {filler(1)}",
        headline="Ferry accord signed",
        url="https://wire.example/truce",
    )
    assert Article.objects.get(url="https://wire.example/truce").revisions.count() == 2
    assert search("truce") == []
    assert urls(search("accord")) == ["https://wire.example/truce"]


def test_moving_an_article_to_a_draft_hides_it(newsroom):
    quay = Article.objects.get(url="https://courier.example/quay")
    Article.objects.filter(pk=quay.pk).update(story=newsroom["draft"])  # a bulk move
    assert search("quay") == []


def test_snippets_escape_the_stored_text(newsroom):
    add(
        "Wire",
        newsroom["talks"],
        f"Protesters wrote <script>alert(1)</script> on the gangway sign. {filler(8)}",
        url="https://wire.example/sign",
    )
    [hit] = search("gangway")
    # SQLite shows the tag escaped, PostgreSQL's ts_headline drops it: either
    # way the only markup in a snippet is the highlight.
    assert set(re.findall(r"<[^>]*>", hit.snippet)) == {"<mark>", "</mark>"}
    assert "<mark>gangway</mark>" in hit.snippet


def test_query_syntax_is_never_syntax():
    assert terms('ferry AND "quay  wall" OR -x* NEAR(') == [
        ["quay", "wall"],
        ["ferry"],
        ["AND"],
        ["OR"],
        ["x"],
        ["NEAR"],
    ]
    assert terms('"" * ^ : ( )') == []


BAD_QUERIES = [
    '"',
    '""',
    '"unterminated phrase',
    "AND OR NOT",
    "NEAR(ferry quay, 2)",
    "title:ferry",
    "body : ferry",
    "*",
    "ferry*",
    "^ferry",
    "-ferry",
    "'; DROP TABLE stories_article; --",
    "a\x00b",
    "\\",
    "%_%",
    "ferry " * 5000,
    "x" * 100_000,
    "😀 ферри",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_fail(newsroom, client, query):
    search(query)  # no exception from either engine
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_search_page_shows_hits_with_links_and_refuses_bad_filters(newsroom, client):
    response = client.get("/search/", {"q": "truce"})
    page = response.content.decode()
    assert "<mark>truce</mark>" in page
    assert newsroom["talks"].get_absolute_url() in page
    assert "/articles/" in page and "1 article matching" in page
    response = client.get("/search/", {"q": "ferry", "outlet": "nobody", "since": "yesterday"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page and "Enter a valid date" in page
    draft_page = client.get("/search/", {"q": "contract"}).content.decode()
    assert "No article matches" in draft_page
    assert "Contract papers" not in draft_page and "Embargoed report" not in draft_page


def test_story_list_search_links_to_the_text_search(newsroom, client):
    page = client.get("/", {"q": "ferry"}).content.decode()
    assert 'href="/search/?q=ferry"' in page


@pytest.mark.seeds
def test_finds_the_seeds_story_by_place_and_phrase(seeds_dir):
    manifest = load_manifest(seeds_dir / "manifest.json")
    results = ingest_paths(
        paths=sorted(seeds_dir.glob("*.txt")), manifest=manifest, story="seeds-story"
    )
    assert not [r for r in results if r.refused]
    story = Story.objects.get(slug="seeds-story")
    assert search("Pokrovsk") == []  # a draft until an editor publishes it
    story.published = True
    story.save()
    for query in ("Pokrovsk", '"demilitarized zone"', "demilitarized zone"):
        hits = search(query)
        assert hits, query
        assert {hit.story for hit in hits} == {story}
        assert all("<mark>" in hit.snippet for hit in hits)
    assert len(search("Pokrovsk")) == 2
    assert len(search('"demilitarized zone"')) == 4


@pytest.mark.sqlite
def test_sqlite_keeps_the_fts5_table_in_step_with_every_write(newsroom):
    def indexed() -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM stories_search")
            return {row[0] for row in cursor.fetchall()}

    assert indexed() == set(Article.objects.values_list("pk", flat=True))
    newsroom["floods"].delete()  # its article goes back to the inbox
    quay = Article.objects.get(url="https://courier.example/quay")
    assert quay.story_id is None and quay.pk in indexed()
    assert search("quay") == []  # inbox articles belong to no visible story


@pytest.mark.postgres
def test_postgresql_answers_from_the_gin_index(newsroom):
    from stories.search import REVISION_VECTOR, postgres_query

    query = postgres_query(terms("ferry"))
    matching = Revision.objects.annotate(vector=REVISION_VECTOR).filter(vector=query)
    # A GIN index answers only through bitmap scans: with sequential and plain
    # index scans off, and fresh statistics, the planner's choice no longer
    # depends on what earlier tests left in the table.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stories_revision")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        plan = matching.explain()
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "revision_search" in plan
