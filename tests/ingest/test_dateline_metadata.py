"""A dateline ("STOCKHOLM (Reuters) –") is stored as the revision's metadata
(place, agency, date) when the text is imported, shown on the article page and
in the story document, and never becomes a passage of its own."""

import json
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.urls import reverse

from stories.aligning import realign_story
from stories.ingest.api import KnownMetadata, Outcome, ingest_text
from stories.ingest.text import parse_text, read_dateline
from stories.models import PassageMember, Revision, Story
from stories.text.datelines import Dateline

pytestmark = pytest.mark.django_db

LEDE_REST = (
    "A ferry carrying 40 passengers ran aground near the harbour on Tuesday, "
    "the coast guard said.\n\nNobody was hurt, and the passengers were taken "
    "ashore by lifeboat within two hours of the alarm, officials said.\n\n"
    "The cause of the grounding was not yet known, the port authority said."
)


def imported(text: str, *, published: datetime | None = None, outlet: str = "Wire") -> Revision:
    result = ingest_text(
        text=text,
        outlet=outlet,
        story="ferry-runs-aground",
        known=KnownMetadata(headline="Ferry runs aground", published_at=published),
    )
    assert result.outcome is Outcome.CREATED, result.message
    Story.objects.filter(pk=result.article.story_id).update(published=True)
    return result.revision


@pytest.mark.parametrize(
    ("opening", "place", "agency", "printed"),
    [
        ("STOCKHOLM (Reuters) – ", "STOCKHOLM", "Reuters", ""),
        ("NICOSIA (Reuters) - ", "NICOSIA", "Reuters", ""),
        ("LONDON (AP) — ", "LONDON", "AP", ""),
        ("WASHINGTON, Oct. 17 (Xinhua) -- ", "WASHINGTON", "Xinhua", "Oct. 17"),
        ("PARIS, 17 oct (AFP) - ", "PARIS", "AFP", "17 oct"),
        ("MADRID, 3 nov (EFE).- ", "MADRID", "EFE", "3 nov"),
        ("BERLIN (dpa) - ", "BERLIN", "dpa", ""),
        ("KABUL, Afghanistan (AP) — ", "KABUL, Afghanistan", "AP", ""),
    ],
)
def test_the_dateline_is_stored_and_the_lede_keeps_its_first_word(opening, place, agency, printed):
    revision = imported(opening + LEDE_REST)
    revision.refresh_from_db()
    assert (revision.dateline_place, revision.dateline_agency) == (place, agency)
    assert revision.dateline_date == printed
    # The text is kept as printed; the sentences the alignment reads start at the lede.
    assert revision.body.startswith(opening.strip()[:4])
    realign_story(revision.article.story_id)
    first = (
        PassageMember.objects.filter(revision=revision)
        .order_by("passage__position")
        .values_list("text", flat=True)
        .first()
    )
    assert first.startswith("A ferry carrying 40 passengers")


def test_a_dateline_on_a_line_of_its_own_is_metadata_too():
    text = "Ferry runs aground\n\nMADRID, 24 Mar. (EFE) -\n\n" + LEDE_REST
    revision = imported(text, published=datetime(2015, 3, 24, 12, tzinfo=UTC))
    assert (revision.dateline_place, revision.dateline_agency) == ("MADRID", "EFE")
    assert revision.dateline_day == date(2015, 3, 24)
    assert not revision.body.startswith("MADRID")


def test_a_text_without_a_dateline_stores_none():
    revision = imported(LEDE_REST)
    assert (revision.dateline_place, revision.dateline_agency, revision.dateline_date) == (
        "",
        "",
        "",
    )
    assert revision.dateline_day is None
    assert revision.dateline == ""


def test_the_dateline_day_takes_the_year_nearest_the_articles_date():
    dateline = Dateline(place="WASHINGTON", agency="Xinhua", date_text="Dec. 31")
    assert dateline.day(date(2020, 1, 2)) == date(2019, 12, 31)
    assert dateline.day(date(2019, 12, 30)) == date(2019, 12, 31)
    assert Dateline(place="PARIS", date_text="17 oct").day(date(2019, 10, 18)) == date(2019, 10, 17)
    assert Dateline(place="X", date_text="Oct 17, 2012").day(date(2019, 1, 1)) == date(2012, 10, 17)
    assert Dateline(place="X", date_text="29 feb").day(date(2021, 3, 1)) == date(2020, 2, 29)
    assert Dateline(place="LONDON", agency="AP").day(date(2019, 1, 1)) is None
    # Undated articles: only a dateline that prints its year gives a day.
    assert Dateline(place="X", date_text="Oct 17, 2012").day(None) == date(2012, 10, 17)
    assert Dateline(place="PARIS", date_text="17 oct").day(None) is None


def test_the_dated_import_resolves_the_dateline_day():
    revision = imported(
        "PARIS, 17 oct (AFP) - " + LEDE_REST,
        published=datetime(2019, 10, 17, 9, tzinfo=UTC),
    )
    assert revision.dateline_day == date(2019, 10, 17)


def test_page_and_story_document_show_the_dateline(client):
    revision = imported("PARIS, 17 oct (AFP) - " + LEDE_REST)
    article = revision.article
    page = client.get(reverse("stories:article_detail", args=[article.pk])).content.decode()
    assert "filed PARIS, 17 oct (AFP)" in page
    realign_story(article.story_id)
    data = client.get(reverse("stories:story_json", args=[article.story.slug])).json()
    (entry,) = [v for v in data["versions"] if v["revision_id"] == revision.pk]
    assert entry["dateline"] == {"place": "PARIS", "agency": "AFP", "date": "17 oct", "day": None}


def test_versions_without_a_dateline_say_null(client):
    revision = imported(LEDE_REST)
    realign_story(revision.article.story_id)
    data = client.get(reverse("stories:story_json", args=[revision.article.story.slug])).json()
    assert [v["dateline"] for v in data["versions"]] == [None]


def test_the_migration_reads_datelines_of_revisions_stored_before_it():
    """Revisions stored before datelines were kept get theirs from their text."""
    revision = imported("NICOSIA (Reuters) - " + LEDE_REST)
    Revision.objects.filter(pk=revision.pk).update(dateline_place="", dateline_agency="")
    migration = __import__("stories.migrations.0012_revision_dateline", fromlist=["read_datelines"])
    migration.read_datelines(apps, None)
    revision.refresh_from_db()
    assert (revision.dateline_place, revision.dateline_agency) == ("NICOSIA", "Reuters")


def test_real_captures_whose_lede_opens_with_a_dateline_store_it(settings):
    """On ../shared/corpus: every article whose labelled first body sentence
    opens with a dateline gets that dateline's place as metadata."""
    from bench.extraction import CORPUS

    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip("../shared/corpus is not present (only on the team's machines)")
    from stories.ingest.encoding import decode
    from stories.text.datelines import match_dateline

    checked = 0
    for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        opened = match_dateline(row["body_first"])
        if opened is None:
            continue
        text, _ = decode((CORPUS / row["file"]).read_bytes())
        parsed = parse_text(text)
        found = read_dateline(parsed.body, parsed.stripped)
        assert found is not None, row["id"]
        # A capture may glue a kicker to the place ("BOLTBERLIN —" for "BERLIN —").
        assert found.place.endswith(opened[0].place), row["id"]
        assert found.agency == opened[0].agency, row["id"]
        checked += 1
    assert checked >= 10
