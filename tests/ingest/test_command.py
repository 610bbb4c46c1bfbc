"""``import_articles``: folders, globs, URLs, stories, progress and summary."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stories.models import Article, Story

from .conftest import article_page
from .generated import article

pytestmark = pytest.mark.django_db


def write_texts(folder, count: int) -> None:
    for n in range(count):
        parts = article(100 + n)
        (folder / f"{n:03d}.txt").write_text("\n\n".join([parts["headline"], *parts["paragraphs"]]))


def test_folder_with_progress_story_and_summary(tmp_path):
    write_texts(tmp_path, 25)
    out, err = StringIO(), StringIO()
    call_command(
        "import_articles",
        str(tmp_path),
        "--outlet",
        "Wire",
        "--story",
        "budget-talks",
        stdout=out,
        stderr=err,
    )
    assert "25/25 imported" in err.getvalue()
    assert out.getvalue().strip() == "25 created, 0 new revision, 0 unchanged, 0 refused"
    story = Story.objects.get(slug="budget-talks")
    assert story.articles.count() == 25 and not story.published


def test_glob_and_format_option(tmp_path):
    write_texts(tmp_path, 3)
    (tmp_path / "notes.md").write_text("not matched by the glob")
    out = StringIO()
    call_command(
        "import_articles",
        str(tmp_path / "0*.txt"),
        "--outlet",
        "Wire",
        "--format",
        "text",
        stdout=out,
    )
    assert "3 created" in out.getvalue()
    assert sorted(Article.objects.values_list("source_key", flat=True)) == [
        "000.txt",
        "001.txt",
        "002.txt",
    ]


def test_manifest_alone_imports_its_files(tmp_path):
    write_texts(tmp_path, 2)
    (tmp_path / "manifest.json").write_text(
        '{"articles": [{"file": "000.txt", "outlet": "One", "headline": "Given"},'
        ' {"file": "001.txt", "outlet": "Two", "published_at": "2024-12-04"}]}'
    )
    call_command(
        "import_articles", "--manifest", str(tmp_path / "manifest.json"), stdout=StringIO()
    )
    first, second = Article.objects.order_by("source_key")
    assert (first.outlet.name, first.headline) == ("One", "Given")
    assert (second.outlet.name, second.published_at.date().isoformat()) == ("Two", "2024-12-04")


def test_bad_manifest_is_a_command_error(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read the manifest"):
        call_command(
            "import_articles", str(tmp_path), "--manifest", str(tmp_path / "manifest.json")
        )


def test_url_targets(allow_private, local_server):
    parts = article(7)
    local_server.add("/a", article_page(title=parts["headline"], paragraphs=parts["paragraphs"]))
    out = StringIO()
    call_command("import_articles", local_server.url("/a"), "--outlet", "Wire", stdout=out)
    assert "1 created" in out.getvalue()
    assert Article.objects.get().url == local_server.url("/a")
