"""The fictional demo corpus: what it loads, that it loads only once, and that its
texts really carry each divergence the demo claims to show (see
stories/demo/README.md). Alignment output is tested with the aligner."""

import re
from collections import Counter
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from stories import pipeline
from stories.demo.loader import STORY_OF_SET, load_demo, read_manifest
from stories.models import Article, Outlet, Revision, SourceKind, Story

pytestmark = pytest.mark.django_db

STORY_A = "orrow-dam-spillway-failure"
STORY_B = "wend-river-floods-mossbridge"
WIRE = "Meridian Wire"
COURIER = "Tamsel Valley Courier"
LEDGER = "Northern Ledger"
CLARION = "The Daily Clarion"
VOICE = "Riverside Voice"
NORTHGATE = "Northgate Press Agency"
LANTERN = "Lantern News Service"
FROM_WIRE = [WIRE, COURIER, LEDGER, CLARION, VOICE]

WIRE_QUOTE = (
    '"The dam itself is sound, but we cannot take any chances with the spillway '
    'while the reservoir is this high,"'
)
CLARION_QUOTE = (
    '"The dam is sound, but we will not take chances with the spillway '
    'while the water is this high,"'
)
STATEMENT = '"The dam wall is intact and there is no immediate risk of a breach'


@pytest.fixture
def demo():
    return load_demo()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Story, Outlet, Article, Revision)}


def article(outlet: str, story: str = STORY_A) -> Article:
    return Article.objects.get(outlet__name=outlet, story__slug=story)


def revisions(outlet: str, story: str = STORY_A) -> list[Revision]:
    return list(article(outlet, story).revisions.order_by("captured_at"))


def plain(text: str) -> str:
    """Typographic quotes as straight ones: the Ledger's only house-style change."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "’": "'"}))


def paragraphs(outlet: str, story: str = STORY_A) -> list[str]:
    """The current version's paragraphs, without a leading agency dateline."""
    paras = plain(revisions(outlet, story)[-1].body).split("\n\n")
    paras[0] = re.sub(r"^[A-Z]+[^—]*\(Meridian Wire\) — ", "", paras[0])
    return paras


def not_in_wire(outlet: str, *, undo: tuple[str, str] | None = None) -> list[str]:
    """The outlet's paragraphs that the wire does not carry word for word, after
    undoing one consistent term swap."""
    wire = set(paragraphs(WIRE))
    paras = paragraphs(outlet)
    if undo:
        paras = [p.replace(*undo) for p in paras]
    return [p for p in paras if p not in wire]


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def containment(text: str, source: str) -> float:
    mine = shingles(text)
    return len(mine & shingles(source)) / len(mine)


def test_loads_the_whole_corpus(demo):
    """Two stories, seven outlets, nine articles, eleven revisions, all new."""
    assert row_counts() == {"Story": 2, "Outlet": 7, "Article": 9, "Revision": 11}
    assert (demo.outlets, demo.articles, demo.revisions) == (7, 9, 11)
    assert dict(demo.created) == {"outlets": 7, "stories": 2, "articles": 9, "revisions": 11}
    assert set(Revision.objects.values_list("source_kind", flat=True)) == {SourceKind.DEMO}
    assert demo.summary() == (
        "Loaded the fictional demo corpus: 2 stories, 7 outlets, 9 articles, 11 revisions (29 new)"
    )


def test_second_load_creates_nothing(demo):
    """Loading again finds every row and stores no new one."""
    before = row_counts()
    again = load_demo()
    assert again.new_rows == 0
    assert row_counts() == before
    assert {s.pk for s in again.stories} == {s.pk for s in demo.stories}


def test_reload_refiles_articles_of_a_deleted_story(demo):
    """Deleting a demo story sends its articles to the inbox; loading again restores it."""
    Story.objects.get(slug=STORY_A).delete()
    assert Article.objects.inbox().count() == 7
    result = load_demo()
    assert result.created == Counter(stories=1)
    assert Article.objects.inbox().count() == 0
    assert Story.objects.get(slug=STORY_A).articles.count() == 7


def test_stories_are_published_with_the_wire_as_reference(demo):
    """Both stories are visible to readers and compare against the agency original."""
    for slug in (STORY_A, STORY_B):
        story = Story.objects.published().get(slug=slug)
        assert story.reference_article == article(WIRE, slug)
    Story.objects.filter(slug=STORY_B).update(published=False)
    load_demo()
    assert Story.objects.published().count() == 2


def test_each_set_joins_its_story(demo):
    """Independent reports (set C) join story A: same event, different reports."""
    assert STORY_OF_SET == {"A": "A", "B": "B", "C": "A"}
    story_a = Story.objects.get(slug=STORY_A)
    assert set(story_a.articles.values_list("outlet__name", flat=True)) == {
        *FROM_WIRE,
        NORTHGATE,
        LANTERN,
    }
    assert set(Story.objects.get(slug=STORY_B).articles.values_list("outlet__name", flat=True)) == {
        WIRE,
        LEDGER,
    }


def test_requests_realignment_of_each_story(monkeypatch):
    """Every demo story is handed to the pipeline, on each load."""
    changed = []
    monkeypatch.setattr(pipeline, "story_changed", changed.append)
    result = load_demo()
    load_demo()
    assert sorted(s.pk for s in changed) == sorted(s.pk for s in result.stories * 2)


def test_everything_is_marked_fictional(demo):
    """The manifest, every story summary and every outlet say they are invented."""
    assert read_manifest()["fictional"].startswith("FICTIONAL.")
    for story in Story.objects.all():
        assert "FICTIONAL" in story.summary
    for outlet in Outlet.objects.all():
        assert outlet.description.startswith("Fictional outlet for the Newsdesk demo.")
        assert all(domain.endswith(".example") for domain in outlet.domain_list)
    for art in Article.objects.all():
        assert urlsplit(art.url).hostname.endswith(".example")
        assert art.language == "en"
        assert art.headline and art.byline and art.derived_from


def test_every_article_has_revisions_in_capture_order(demo):
    """Each article has a revision, captured no earlier than it was published."""
    for art in Article.objects.all():
        captured = list(art.revisions.order_by("captured_at").values_list("captured_at", flat=True))
        assert captured
        if art.published_at:
            assert captured[0] >= art.published_at


def test_publication_times_show_who_was_first(demo):
    """The wire is first among the versions of its report; one version is undated."""
    dated = Article.objects.filter(story__slug=STORY_A, published_at__isnull=False)
    times = list(dated.values_list("published_at", flat=True))
    assert len(set(times)) == len(times) == 6
    wire_first = dated.filter(outlet__name__in=FROM_WIRE).order_by("published_at").first()
    assert wire_first.outlet.name == WIRE
    assert article(VOICE).published_at is None
    assert {a.derived_from_article for a in map(article, FROM_WIRE[1:])} == {article(WIRE)}


def test_courier_update_adds_a_paragraph_and_changes_the_toll(demo):
    """The Courier's update, an hour and more later: 1,200 becomes 1,400, one paragraph more."""
    first, update = revisions(COURIER)
    assert update.captured_at - first.captured_at >= timedelta(hours=1)
    assert not update.minor
    old, new = first.body.split("\n\n"), update.body.split("\n\n")
    assert len(new) == len(old) + 1
    assert "about 1,200 residents" in old[0]
    assert "about 1,400 residents" in new[0]
    assert new[0].replace("1,400", "1,200") == old[0]
    assert new[2:] == old[1:]
    assert "Osk Mill" in new[1]
    assert update.annotations and "updated" in update.annotations[0]["text"]
    assert article(COURIER).headline == update.headline != first.headline


def test_wire_fix_is_a_minor_revision(demo):
    """The wire's second capture only fixes a comma and lengthens the dateline."""
    first, fix = revisions(WIRE)
    assert fix.minor
    assert first.body != fix.body
    assert "LINDQVAR (Meridian Wire) —" in first.body
    assert "LINDQVAR, Tamsel Valley (Meridian Wire) —" in fix.body


def test_common_and_shared_passages(demo):
    """The authority's statement is quoted in six versions and paraphrased in the
    seventh; four wire paragraphs are word for word in all five versions of the
    wire report; the road closure is in four."""
    for outlet in [*FROM_WIRE, LANTERN]:
        assert STATEMENT in plain(revisions(outlet)[-1].body)
    northgate = revisions(NORTHGATE)[-1].body
    assert STATEMENT not in northgate
    assert "the wall of the dam was intact and it saw no immediate risk" in northgate
    outlets_per_paragraph = {
        para: [o for o in FROM_WIRE if para in paragraphs(o)] for para in paragraphs(WIRE)
    }
    common = [p[:20] for p, carriers in outlets_per_paragraph.items() if len(carriers) == 5]
    assert common == [
        "Engineers found that",
        '"The dam wall is int',
        "Engineers began rele",
        "No injuries were rep",
    ]
    road = next(p for p in outlets_per_paragraph if p.startswith("Police closed the valley road"))
    assert outlets_per_paragraph[road] == [WIRE, COURIER, LEDGER, VOICE]


def test_omissions(demo):
    """The Ledger and the Clarion drop the dam's history and its inspection."""
    for marker in ("completed in 1968", "last inspected in September"):
        carriers = {o for o in FROM_WIRE if any(marker in p for p in paragraphs(o))}
        assert carriers == {WIRE, VOICE, COURIER}


def test_additions_belong_to_one_outlet(demo):
    """The Courier's local angle and the Voice's editorial aside appear nowhere else."""
    bodies = {o: revisions(o)[-1].body for o in [*FROM_WIRE, NORTHGATE, LANTERN]}
    for marker, owner in [("rowing club", COURIER), ("maintenance backlog", VOICE)]:
        assert [o for o, body in bodies.items() if marker in body] == [owner]


def test_place_name_spelling_swap(demo):
    """The Courier spells the town Lindkvar throughout; everyone else, Lindqvar."""
    courier = revisions(COURIER)[-1].body
    assert courier.count("Lindkvar") >= 4 and "Lindqvar" not in courier
    for outlet in [WIRE, LEDGER, CLARION, VOICE, LANTERN]:
        body = revisions(outlet)[-1].body
        assert "Lindqvar" in body and "Lindkvar" not in body
    # Undo the spelling, and the Courier's first capture is the wire plus its local angle.
    first = plain(revisions(COURIER)[0].body).replace("Lindkvar", "Lindqvar").split("\n\n")
    assert [p for p in first if p not in paragraphs(WIRE)] == [
        p for p in first if "rowing club" in p
    ]


def test_framing_term_swap(demo):
    """The Voice says "forced relocation" wherever the wire says "evacuation"."""
    wire, voice = revisions(WIRE)[-1].body, revisions(VOICE)[-1].body
    assert wire.count("evacuation") == voice.count("forced relocation") == 3
    assert "forced relocation" not in wire and "evacuation" not in voice
    extra = not_in_wire(VOICE, undo=("forced relocation", "evacuation"))
    assert len(extra) == 2 and "maintenance backlog" in extra[0]


def test_altered_quote(demo):
    """Same speaker, same place in the story, different words inside the quotes."""
    wire_para = next(p for p in paragraphs(WIRE) if "Nadia Kerrigan" in p)
    clarion_para = next(p for p in paragraphs(CLARION) if "Nadia Kerrigan" in p)
    assert wire_para.startswith(WIRE_QUOTE)
    assert clarion_para.startswith(CLARION_QUOTE)
    assert clarion_para.replace(CLARION_QUOTE, WIRE_QUOTE) == wire_para
    for outlet in [COURIER, LEDGER, VOICE]:
        assert wire_para in paragraphs(outlet)


def test_changed_and_dropped_figures(demo):
    """The Clarion's toll is 2,000, not 1,200, and it drops the reservoir's volume."""
    extra = not_in_wire(CLARION)
    assert len(extra) == 3
    lead, quote, reservoir = extra
    assert lead.replace("about 2,000", "about 1,200") == paragraphs(WIRE)[0]
    assert "1,200" not in revisions(CLARION)[-1].body
    assert CLARION_QUOTE in quote
    wire_reservoir = next(p for p in paragraphs(WIRE) if p.startswith("The reservoir"))
    assert "48 million" in wire_reservoir and "51 million" in wire_reservoir
    assert "million" not in reservoir and "30 years" in reservoir
    assert "about 1,200" in paragraphs(LEDGER)[0] and "about 1,200" in paragraphs(VOICE)[0]


def test_ledger_moves_a_paragraph_up(demo):
    """ "No injuries" is second in the Ledger and fifteenth on the wire."""
    wire, ledger = paragraphs(WIRE), paragraphs(LEDGER)
    assert not not_in_wire(LEDGER)
    injuries = next(p for p in wire if p.startswith("No injuries"))
    assert wire.index(injuries) == 14 and ledger.index(injuries) == 1
    rest = [p for p in ledger if p != injuries]
    assert rest == sorted(rest, key=wire.index)


def test_independent_reports_share_little_text(demo):
    """Other agencies' reports give other tolls and reuse nothing of the wire but,
    in Lantern's case, the authority's quoted statement."""
    wire = revisions(WIRE)[-1].body
    assert containment(revisions(COURIER)[-1].body, wire) > 0.7
    assert containment(revisions(NORTHGATE)[-1].body, wire) < 0.02
    lantern = revisions(LANTERN)[-1].body
    assert 0 < containment(lantern, wire) < 0.1
    statement = next(p for p in lantern.split("\n\n") if STATEMENT in p)
    assert shingles(lantern) & shingles(wire) <= shingles(statement)
    assert "About 900 people" in revisions(NORTHGATE)[-1].body
    assert "More than 1,500 people" in revisions(LANTERN)[-1].body
    assert "Emeric Sollas" in revisions(NORTHGATE)[-1].body


def test_story_b_is_another_event_on_the_same_theme(demo):
    """The Mossbridge flood recalls the Orrow Dam but is not a version of it."""
    b_texts = [revisions(o, STORY_B)[-1].body for o in (WIRE, LEDGER)]
    a_texts = [r.body for r in Revision.objects.filter(article__story__slug=STORY_A)]
    assert all("Mossbridge" in t and "Orrow Dam" in t for t in b_texts)
    assert not any("Mossbridge" in t for t in a_texts)
    assert containment(b_texts[0], revisions(WIRE)[-1].body) < 0.1
    assert containment(b_texts[1], b_texts[0]) > 0.8


def test_demo_command_prints_a_summary():
    """`manage.py demo` loads once, then reports nothing new."""
    first, second = StringIO(), StringIO()
    call_command("demo", stdout=first)
    call_command("demo", stdout=second)
    assert first.getvalue().strip() == (
        "Loaded the fictional demo corpus: 2 stories, 7 outlets, 9 articles, 11 revisions (29 new)"
    )
    assert second.getvalue().strip().endswith("11 revisions (0 new)")
    assert Article.objects.count() == 9
