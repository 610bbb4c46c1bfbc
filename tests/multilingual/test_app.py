"""Languages at ingest, stored sentence vectors, and the story page across
languages: with the toy encoder, and with none (the light install)."""

import pytest
from django.test import override_settings

from stories.aligning import realign_story
from stories.embeddings import embed_article, embed_revision, sentence_encoder
from stories.ingest.api import KnownMetadata, ingest_text
from stories.ingest.language import detect_language
from stories.models import PassageMember, SentenceEmbedding, StoryAlignment
from tests import factories

from .fakes import GlossaryEncoder
from .texts import ENGLISH, ENGLISH_SHORT, SPANISH

pytestmark = pytest.mark.django_db
FAKE = "tests.multilingual.fakes.GlossaryEncoder"

SPANISH_REPORT = (
    "Los equipos de rescate trabajaron durante toda la noche entre los restos del edificio "
    "derrumbado, mientras los vecinos esperaban noticias en la calle.\n\n"
    "Según las autoridades locales, la mayoría de los heridos ya ha recibido el alta y "
    "solamente tres personas siguen ingresadas en el hospital de la ciudad."
)


def _story():
    story = factories.story(title="Girl pulled from rubble")
    wire = factories.article(story=story, body=ENGLISH, language="en", headline="Girl rescued")
    factories.article(story=story, body=ENGLISH_SHORT, language="en", headline="Rescued")
    diario = factories.article(story=story, body=SPANISH, headline="Rescatan a una niña")
    return story, wire, diario


def test_languages_are_detected_and_too_little_text_says_nothing():
    assert detect_language(SPANISH_REPORT) == "es"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Vella, 3 May") == ""


def test_ingest_stores_the_detected_language_on_the_revision():
    result = ingest_text(text=SPANISH_REPORT, outlet="Diario de Vella", source_key="a")
    assert result.revision.language == "es"
    assert result.article.language == "es"  # nothing was declared: the text decides


def test_the_text_decides_over_the_outlets_usual_language():
    outlet = factories.outlet(name="Vella Wire", language="en")
    result = ingest_text(text=SPANISH_REPORT, outlet=outlet, source_key="b")
    assert (result.article.language, result.revision.language) == ("es", "es")


def test_a_declared_language_stays_on_the_article_while_the_text_decides_the_version():
    result = ingest_text(
        text=SPANISH_REPORT, outlet="Vella Wire", source_key="c", known=KnownMetadata(language="en")
    )
    assert result.article.language == "en"
    assert result.revision.language == "es"
    assert result.revision.version_language == "es"


def test_light_install_leaves_other_language_versions_out_and_says_so(client):
    story, wire, diario = _story()
    assert sentence_encoder() is None
    realign_story(story.pk)
    alignment = StoryAlignment.objects.get(story=story)
    spanish = diario.revisions.get()
    assert alignment.stats["main_language"] == "en"
    assert alignment.stats["unaligned"] == [spanish.pk]
    assert alignment.reference_revision == wire.revisions.get()
    assert not PassageMember.objects.filter(revision=spanish).exists()
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'id="unaligned-notice"' in html
    assert "are not aligned:" in html and diario.outlet.name in html
    assert "which this installation does not have" in html
    assert "being encoded" not in html
    assert '<span class="lang" title="Written in en">en</span>' in html


def test_a_story_in_one_language_shows_no_notice(client):
    story = factories.story()
    factories.article(story=story, body=ENGLISH, language="en")
    factories.article(story=story, body=ENGLISH_SHORT, language="en")
    realign_story(story.pk)
    assert "unaligned-notice" not in client.get(story.get_absolute_url()).content.decode()


def test_a_missing_encoder_package_means_no_encoder():
    broken = "tests.multilingual.fakes.BrokenEncoder"
    with override_settings(NEWSDESK_SENTENCE_ENCODER=broken), pytest.raises(ImportError):
        sentence_encoder()
    with override_settings(NEWSDESK_SENTENCE_ENCODER="no.such.module.Encoder"):
        assert sentence_encoder() is None


@override_settings(NEWSDESK_SENTENCE_ENCODER=FAKE)
def test_vectors_are_stored_once_per_sentence():
    _, wire, _ = _story()
    revision = wire.revisions.get()
    assert embed_revision(revision.pk).startswith("embedded 5 sentences")
    rows = SentenceEmbedding.objects.filter(revision=revision)
    assert sorted(rows.values_list("index", flat=True)) == [0, 1, 2, 3, 4]
    assert {len(bytes(r.vector)) for r in rows} == {GlossaryEncoder.dim * 2}  # float16
    calls = GlossaryEncoder.calls
    assert embed_revision(revision.pk) == "unchanged"
    assert GlossaryEncoder.calls == calls


@override_settings(NEWSDESK_SENTENCE_ENCODER=FAKE)
def test_sentences_already_encoded_elsewhere_are_not_encoded_again():
    _, wire, _ = _story()
    embed_revision(wire.revisions.get().pk)
    copy = factories.article(body=ENGLISH, language="en")
    assert embed_revision(copy.revisions.get().pk) == "embedded 5 sentences (0 encoded)"


@override_settings(NEWSDESK_SENTENCE_ENCODER=FAKE)
def test_when_vectors_land_the_story_realigns_across_languages(
    client, django_capture_on_commit_callbacks
):
    story, _wire, diario = _story()
    spanish = diario.revisions.get()
    # Ingest realigned the story first, without vectors: the Spanish version waits.
    realign_story(story.pk)
    assert StoryAlignment.objects.get(story=story).stats["unaligned"] == [spanish.pk]
    waiting = client.get(story.get_absolute_url()).content.decode()
    assert "are not aligned yet:" in waiting and diario.outlet.name in waiting
    assert "being encoded" in waiting
    assert "does not have" not in waiting
    with django_capture_on_commit_callbacks(execute=True):
        for article in story.articles.all():
            embed_article(article.pk)  # queues the realignment (run at once in tests)
    alignment = StoryAlignment.objects.get(story=story)
    assert alignment.stats["unaligned"] == []
    member = PassageMember.objects.get(revision=spanish, sentences=[2])
    assert member.diff[0][0] == "translation"
    assert "104" in member.text
    assert realign_story(story.pk) == "unchanged"

    query = {"p": member.passage_id, "v": spanish.pk}
    page = client.get(story.get_absolute_url(), query).content.decode()
    assert "unaligned-notice" not in page
    assert "linked across languages" in page
    assert 'lang="es"' in page
    numbers = alignment.divergences.filter(revision=spanish, type="number_change")
    assert {(d.data["reference"], d.data["text"]) for d in numbers} == {("102", "104")}


def test_article_page_shows_the_language(client):
    _, _, diario = _story()
    html = client.get(diario.get_absolute_url()).content.decode()
    assert "written in es" in html
