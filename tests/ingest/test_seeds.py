"""The five captured seed texts imported with their manifest.

Expectations are read from the seed files at run time (by line position), so
no seed text is copied here."""

import json

import pytest
from django.core.management import call_command

from stories.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.seeds]


def lines_of(path) -> list[str]:
    return [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]


def nonblank(path) -> list[str]:
    return [line for line in lines_of(path) if line]


@pytest.fixture
def imported(seeds_dir):
    call_command("import_articles", str(seeds_dir), "--manifest", str(seeds_dir / "manifest.json"))
    manifest = json.loads((seeds_dir / "manifest.json").read_text())
    files = {entry["file"]: entry for entry in manifest["articles"]}
    articles = {a.source_key: a for a in Article.objects.with_current_revision()}
    return seeds_dir, files, articles


def assert_body_spans(revision, first_line: str, last_line: str):
    """The body starts at the first sentence of the article and ends with its last."""
    assert revision.body.startswith(first_line[:80])
    assert revision.body.endswith(last_line[-80:])


def test_five_articles_with_manifest_outlets(imported):
    _, files, articles = imported
    assert set(articles) == set(files)
    for name, article in articles.items():
        assert article.outlet.name == files[name]["outlet"]
        assert article.language == files[name]["language"]
        assert article.derived_from == files[name]["derived_from"]
        assert article.current_revision.raw  # the capture is kept for audit


def test_reprint_with_masthead_caption_and_byline(imported):
    seeds, _, articles = imported
    name = next(n for n in articles if n.startswith("003"))
    lines, revision = nonblank(seeds / name), articles[name].current_revision
    # 0-2 icon text, site name, masthead; 3 headline; 4 caption; 5 byline; 6.. body
    assert articles[name].headline == lines[3]
    assert articles[name].byline == lines[5]
    assert_body_spans(revision, lines[6], lines[-1])
    for furniture in (*lines[:3], lines[4]):
        assert furniture[:40] not in revision.body
        assert furniture in [item["line"] for item in revision.stripped]


def test_translation_with_note_cut_dek_and_contributors(imported):
    seeds, _, articles = imported
    name = next(n for n in articles if n.startswith("001"))
    lines, article = nonblank(seeds / name), articles[name]
    revision = article.current_revision
    # 0 headline; 1 dek; 2 byline (names only); 3.. body; last: contributors
    assert (article.headline, article.standfirst, article.byline) == tuple(lines[:3])
    assert_body_spans(revision, lines[3], lines[-2])
    assert lines[-1] not in revision.body
    assert {
        "line": lines[-1],
        "reason": "credit line (contributors or source)",
    } in revision.stripped
    kinds = [a["type"] for a in revision.annotations]
    assert kinds == ["editorial_note", "omission_marker"]
    note = revision.annotations[0]
    noted_line = next(line for line in lines if "Approx. InoSMI" in line)
    assert note["text"] in noted_line and "Approx. InoSMI" not in revision.body
    # The note sat right after the sentence it comments on.
    before = noted_line[: noted_line.index(note["text"])].rstrip(" (")
    assert revision.body[: note["position"]].endswith(before[-60:])
    assert "<...>" not in revision.body


def test_rewrite_with_byline_at_the_end(imported):
    seeds, _, articles = imported
    name = next(n for n in articles if n.startswith("002"))
    lines, article = nonblank(seeds / name), articles[name]
    assert article.headline == lines[0]
    assert article.byline == lines[-1]
    assert_body_spans(article.current_revision, lines[1], lines[-2])


def test_standfirst_without_headline(imported):
    seeds, _, articles = imported
    name = next(n for n in articles if n.startswith("000"))
    lines, article = nonblank(seeds / name), articles[name]
    assert article.headline == ""
    assert article.standfirst == lines[0]
    assert_body_spans(article.current_revision, lines[1], lines[-1])


def test_repost_with_credit_comments_and_cookie_banner(imported):
    seeds, _, articles = imported
    name = next(n for n in articles if n.startswith("004"))
    lines, article = nonblank(seeds / name), articles[name]
    revision = article.current_revision
    # 0 site name; 1 headline; 2 dek; 3..-4 body; then credit, comments, cookies
    assert (article.headline, article.standfirst) == (lines[1], lines[2])
    assert_body_spans(revision, lines[3], lines[-4])
    for line in (lines[0], *lines[-3:]):
        assert line[:30] not in revision.body
    assert "Comments are closed" not in revision.body
    assert "cookies" not in revision.body
    assert [item["line"] for item in revision.stripped] == [lines[0], *lines[-3:]]


def test_reimport_changes_nothing(imported):
    seeds, _, articles = imported
    call_command("import_articles", str(seeds), "--manifest", str(seeds / "manifest.json"))
    assert {a.source_key: a.revisions.count() for a in Article.objects.all()} == dict.fromkeys(
        articles, 1
    )
