"""One diff engine and one partial for every page that marks words; one list of
divergence types behind the model, the filters and the badges."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from stories.alignment.compare import word_ops
from stories.alignment.types import DIVERGENCES
from stories.models import Divergence, Passage
from stories.reading import FILTERS
from stories.textdiff import diff, kept_share, segments, summarize

MARKS = re.compile(r"<(ins|del) class=\"diff-(?:ins|del)\">(.*?)</\1>", re.S)


def marks(html: str) -> list[tuple[str, str]]:
    return [(tag, " ".join(text.split())) for tag, text in MARKS.findall(html)]


def test_segments_rebuild_the_new_text_and_mark_the_old_words():
    old, new = "The river rose three metres.", "The stream rose 3 metres overnight."
    marked = segments(word_ops(old, new))
    assert "".join(s.text for s in marked if s.kind != "del").split() == new.split()
    assert [s.text for s in marked if s.kind == "del"] == ["river", "three"]
    assert [s.text for s in marked if s.kind == "ins"] == ["stream", "3", "overnight"]
    assert summarize(word_ops(old, new)) == "+3 / −2 words"
    assert diff(old, old)[1] == "no word changes"


def test_case_and_curly_quotes_are_no_change_on_any_page():
    """The core's rule, so revision history agrees with the story page."""
    assert not [
        s for s in diff("“Stay calm,” she said.", '"stay calm," she said.')[0] if s.kind != "same"
    ]


def test_kept_share_measures_what_the_new_wording_keeps():
    assert kept_share(word_ops("a b c d", "a b c d")) == 1.0
    assert kept_share(word_ops("a b c d", "a b x y")) == 0.5
    assert kept_share(word_ops("a b c d", "w x y z")) == 0.0


@pytest.mark.django_db
def test_story_page_and_compare_mark_the_same_words(client, demo_story):
    passage = Passage.objects.get(
        alignment__story=demo_story, text__contains="cannot take any chances with the spillway"
    )
    reference = passage.members.get(is_reference=True)
    other = passage.members.exclude(is_reference=True).filter(text__contains="will not").first()
    page = client.get(f"{demo_story.get_absolute_url()}?p={passage.pk}&v={other.revision_id}")
    body = page.content.decode().split(f'id="passage-{passage.pk}-body"')[1].split("</div>")[0]
    compare = reverse("stories:story_compare", args=[demo_story.slug])
    html = client.get(f"{compare}?a={reference.revision_id}&b={other.revision_id}").content.decode()
    row = html.split(f'id="cmp-{passage.pk}"')[1].split("</tr>")[0]
    assert marks(body) and marks(body) == marks(row)


def test_the_model_choices_filters_and_badges_come_from_the_core_list():
    assert Divergence.Type.choices == [(t.value, t.label) for t in DIVERGENCES]
    shown = [t for t in DIVERGENCES if t.filter]
    assert [FILTERS[t.filter] for t in shown] == [t.plural.capitalize() for t in shown]
    stylesheet = (settings.BASE_DIR / "static" / "newsdesk" / "newsdesk.css").read_text()
    for kind in shown:
        assert f".{kind.css} " in stylesheet, f"{kind.css} has no style"


@pytest.mark.django_db
def test_a_passage_wears_a_badge_per_filtered_type(client):
    from . import factories

    story = factories.aligned_story(versions=2, passages=2)
    passage = Passage.objects.filter(alignment__story=story, kind="common").first()
    revision = passage.members.get(is_reference=False).revision
    for kind in ("quote_change", "rewording"):
        passage.divergences.create(
            alignment=story.alignment, revision=revision, type=kind, detail=kind
        )
    html = client.get(story.get_absolute_url()).content.decode()
    head = html.split(f'id="passage-{passage.pk}-label"')[1].split('class="chips"')[0]
    assert '<span class="flag flag-term_swap">term swap</span>' in head
    assert '<span class="flag flag-quote_change">altered quote</span>' in head
    assert "reworded" not in head  # summarised in the notes, not a badge
