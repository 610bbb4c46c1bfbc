"""Bad input ends in a clear message and writes no rows."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stories.ingest import api
from stories.ingest.api import ingest_feed_entry, ingest_jsonl
from stories.models import Article, Feed, Outlet, Revision, Story

from .conftest import article_page, row_counts
from .generated import article

TWENTY_WORDS = (
    "Officials in the river town said the bridge would stay closed until engineers had "
    "inspected every pier, and that ferries would run."
)

pytestmark = pytest.mark.django_db


def import_file(path, *args) -> tuple[str, int]:
    """Run the command; return its output and exit status."""
    out = StringIO()
    try:
        call_command("import_articles", str(path), "--outlet", "Example", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


def text_of(seed: int) -> str:
    parts = article(seed)
    return "\n\n".join([parts["headline"], parts["byline"], *parts["paragraphs"]])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "The file is empty"),
        ("blank.txt", b"  \n\n  ", "The file is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("broken.html", b"<html><body><p>unclosed <div><<< </b", "Too little article text"),
        ("menu.html", b"<html><body><nav>Home | World</nav></body></html>", "Too little"),
        ("nothing.html", b"<html><body><script>x()</script></body></html>", "No article text"),
        ("tiny.txt", b"Hello there.", "Too little article text"),
    ],
)
def test_refused_files_write_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = row_counts()
    output, status = import_file(path)
    assert status == 1
    assert message in output
    assert "1 refused" in output
    assert row_counts() == before


def test_a_20_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    output, status = import_file(path)
    assert status == 1
    assert "over the 10 MB import limit" in output
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_missing_path_is_reported(tmp_path):
    output, status = import_file(tmp_path / "nope-*.txt")
    assert status == 1 and "No such file" in output


def test_windows_1251_file_is_imported_correctly(tmp_path):
    body = (
        "Министр заявил во вторник, что переговоры возобновятся после долгой паузы.\n\n"
        "По его словам, бюджет проекта удвоился с весны, а мост останется закрытым."
    )
    path = tmp_path / "ru.txt"
    path.write_bytes(f"Переговоры возобновятся\n\n{body}".encode("cp1251"))
    output, status = import_file(path)
    assert status == 0, output
    revision = Revision.objects.get()
    assert revision.headline == "Переговоры возобновятся"
    assert revision.body == body


def test_duplicate_import_adds_no_rows(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(text_of(1))
    assert import_file(path)[1] == 0
    before = row_counts()
    output, status = import_file(path)
    assert status == 0 and "1 unchanged" in output
    assert row_counts() == before


def test_new_text_for_a_known_file_is_a_new_revision(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(text_of(1))
    import_file(path)
    path.write_text(text_of(1) + "\n\nThe mayor added that a decision would come next week.")
    output, _ = import_file(path)
    assert "1 new revision" in output
    assert Article.objects.get().revisions.count() == 2


def test_script_and_event_handlers_are_gone_from_what_is_stored(tmp_path):
    parts = article(2)
    page = article_page(title=parts["headline"], paragraphs=parts["paragraphs"])
    page = page.replace(
        "<p>",
        '<p onclick="steal()" style="x:expression(1)"><a href="javascript:alert(1)">x</a>'
        '<img src=x onerror="alert(2)"><script>alert(3)</script>',
        1,
    )
    path = tmp_path / "page.html"
    path.write_text(page)
    assert import_file(path)[1] == 0
    revision = Revision.objects.get()
    for bad in ("<script", "onclick", "onerror", "javascript:", "style=", "alert(3)", "<img"):
        assert bad not in revision.html
        assert bad not in revision.body
    assert revision.raw == page  # the capture itself is kept for audit, never shown
    assert revision.headline == parts["headline"]


def test_api_refuses_text_without_outlet():
    before = row_counts()
    result = api.ingest_text(text=text_of(3))
    assert result.refused and "which outlet" in result.message
    assert row_counts() == before


def test_refused_import_rolls_back_a_new_outlet_and_story():
    before = row_counts()
    result = api.ingest_text(
        text=text_of(3),
        outlet="Brand New Outlet",
        story="brand-new-story",
        known=api.KnownMetadata(published_at="not a date"),
    )
    assert result.refused and "Cannot read the date" in result.message
    assert row_counts() == before


def test_jsonl_lines_are_imported_or_refused_one_by_one():
    lines = [
        json.dumps({"outlet": "Wire", "url": "https://wire.example/a", "text": text_of(4)}),
        "{not json",
        '{"outlet": "Wire", "text": "x", "html": "<p>y</p>"}',
        '{"outlet": "Wire", "headlien": "typo", "text": "Some text here."}',
        '{"outlet": "Wire", "published_at": 5, "text": "Some text."}',
        "",
    ]
    results = api.ingest_jsonl(lines=lines, source="feed.jsonl")
    assert [r.outcome for r in results] == [api.Outcome.CREATED] + [api.Outcome.REFUSED] * 4
    messages = [r.message for r in results[1:]]
    assert "Not valid JSON" in messages[0]
    assert "exactly one" in messages[1]
    assert "Unknown keys: headlien" in messages[2]
    assert "must be a string" in messages[3]
    assert results[2].source == "feed.jsonl:3"
    assert Article.objects.get().url == "https://wire.example/a"


def test_jsonl_file_with_story_and_metadata(tmp_path):
    record = {
        "outlet": "Wire",
        "source_key": "wire-1",
        "headline": "Given headline",
        "byline": "By Given Author",
        "published_at": "2024-12-04T10:30:00Z",
        "language": "en",
        "story": "budget-talks",
        "html": article_page(title="Page title", paragraphs=article(5)["paragraphs"]),
    }
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(record) + "\n")
    output, status = import_file(path)
    assert status == 0, output
    saved = Article.objects.select_related("story").get()
    assert (saved.headline, saved.byline, saved.source_key) == (
        "Given headline",
        "By Given Author",
        "wire-1",
    )
    assert saved.published_at.isoformat() == "2024-12-04T10:30:00+00:00"
    assert saved.story.slug == "budget-talks" and saved.story_set_by_editor


def test_outlet_found_by_url_domain():
    from stories.models import Outlet

    outlet = Outlet.objects.create(name="Example Times", domains="example-times.com\nextimes.co")
    result = api.ingest_text(text=text_of(6), url="https://www.news.extimes.co/a/1")
    assert result.outcome is api.Outcome.CREATED
    assert result.article.outlet == outlet


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.domain)//", "data:text/html,hi", "https://x.example/" + "a" * 2100],
)
def test_urls_that_are_not_web_addresses_are_refused(url):
    """Only http(s) URLs are stored, so an article's "original" link cannot run script."""
    result = ingest_jsonl(
        lines=[json.dumps({"outlet": "Evil Wire", "url": url, "text": TWENTY_WORDS})]
    )[0]
    assert result.refused
    assert "http(s) URL" in result.message
    assert not Article.objects.exists()


def test_a_feed_link_with_another_scheme_is_not_stored():
    feed = Feed.objects.create(
        url="https://feeds.example/rss", outlet=Outlet.objects.create(name="F")
    )
    entry = {"link": "javascript:alert(1)", "id": "entry-1", "title": "T", "summary": TWENTY_WORDS}
    result = ingest_feed_entry(feed=feed, entry=entry, fetch_page=False)
    assert not result.refused, result.message
    assert result.article.url == ""
    assert result.article.source_key == "entry-1"


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13-45T10:00:00"])
def test_an_impossible_date_is_refused_with_a_message(date):
    result = ingest_jsonl(
        lines=[json.dumps({"outlet": "W", "published_at": date, "text": TWENTY_WORDS})]
    )[0]
    assert result.refused
    assert "Cannot read the date" in result.message
    assert not Article.objects.exists()


def test_a_story_that_is_not_a_slug_is_refused():
    result = ingest_jsonl(
        lines=[json.dumps({"outlet": "W", "story": "Not a slug!! ü", "text": TWENTY_WORDS})]
    )[0]
    assert result.refused
    assert "not a story slug" in result.message
    assert not Story.objects.exists()


def test_nul_characters_are_dropped_at_the_door():
    result = ingest_jsonl(
        lines=[json.dumps({"outlet": "W", "text": TWENTY_WORDS.replace(" ", " \u0000", 1)})]
    )[0]
    assert not result.refused, result.message
    assert "\x00" not in result.revision.body and "\x00" not in result.revision.raw
