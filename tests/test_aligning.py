"""Aligning stored stories: what the demo corpus must surface, idempotence,
atomic replacement and the export."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stories.aligning import realign_story
from stories.exports import SCHEMA, story_document
from stories.models import Article, Passage, PassageMember, SourceKind, Story, StoryAlignment

from .conftest import DEMO_SLUG as DEMO

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_story):
    return demo_story


@pytest.fixture
def doc(demo):
    document = story_document(demo)
    names = {v["id"]: v["outlet"] for v in document["versions"]}
    document["outlet_of"] = names.__getitem__
    return document


def passage_with(doc, words):
    matches = [p for p in doc["passages"] if any(words in m["text"] for m in p["members"])]
    assert matches, f"no passage carries {words!r}"
    return matches[0]


def divergences(doc, type_, outlet):
    return [
        d
        for p in doc["passages"]
        for d in p["divergences"]
        if d["type"] == type_ and doc["outlet_of"](d["version"]) == outlet
    ]


def test_export_has_the_documented_shape(doc):
    assert doc["schema"] == SCHEMA
    assert set(doc) >= {"story", "versions", "passages", "terms", "quotes", "annotations"}
    assert len(doc["versions"]) == 7
    version = doc["versions"][0]
    assert set(version) == {
        "id",
        "article_id",
        "revision_id",
        "outlet",
        "headline",
        "published_at",
        "url",
        "language",
        "dateline",
        "role",
    }
    for passage in doc["passages"]:
        assert passage["kind"] in {"common", "shared", "unique"}
        assert {"id", "position", "members", "absent", "divergences"} <= set(passage)
        carried = len(passage["members"])
        expected = "unique" if carried == 1 else "common" if carried == 7 else "shared"
        assert passage["kind"] == expected
        assert len(passage["members"]) + len(passage["absent"]) == 7
    positions = [p["position"] for p in doc["passages"]]
    assert positions == sorted(positions) == list(range(len(positions)))


def test_demo_term_swaps_are_aggregated(doc):
    swaps = {(t["reference"], t["variant"]): t for t in doc["terms"]}
    assert ("Lindqvar", "Lindkvar") in swaps
    assert ("evacuation", "forced relocation") in swaps
    lindkvar = swaps[("Lindqvar", "Lindkvar")]
    assert [doc["outlet_of"](v) for v in lindkvar["versions"]] == ["Tamsel Valley Courier"]
    assert lindkvar["count"] >= 3


def test_demo_altered_quote_is_found(doc):
    altered = [q for q in doc["quotes"] if q["altered"]]
    texts = {doc["outlet_of"](r["version"]): r["text"] for q in altered for r in q["renderings"]}
    assert "will not take chances" in texts["The Daily Clarion"]
    assert "cannot take any chances" in texts["Meridian Wire"]
    assert divergences(doc, "quote_change", "The Daily Clarion")
    # Curly quotes are house style, not an altered quote.
    assert not divergences(doc, "quote_change", "Northern Ledger")


def test_demo_changed_and_dropped_numbers(doc):
    details = [d["detail"] for d in divergences(doc, "number_change", "The Daily Clarion")]
    assert any("1,200" in d and "2,000" in d for d in details)
    assert any("48 million" in d for d in details)


def test_demo_omission_and_addition(doc):
    dam = passage_with(doc, "completed in 1968")
    absent = {doc["outlet_of"](v) for v in dam["absent"]}
    assert {"The Daily Clarion", "Northern Ledger"} <= absent
    assert divergences(doc, "omission", "The Daily Clarion")
    backlog = passage_with(doc, "maintenance backlog")
    assert backlog["kind"] == "unique"
    assert [doc["outlet_of"](m["version"]) for m in backlog["members"]] == ["Riverside Voice"]
    assert any(d["type"] == "addition" for d in backlog["divergences"])


def test_demo_reordered_paragraph_keeps_the_narrative_order(demo, doc):
    """The Ledger moves "No injuries" up; the merged order keeps the wire's
    order, and the Ledger's sentence is shown at its own place, stored as
    carrying the wire's passage."""
    carrying = [p for p in doc["passages"] if any("No injuries" in m["text"] for m in p["members"])]
    injuries = max(carrying, key=lambda p: len(p["members"]))
    dam = passage_with(doc, "completed in 1968")
    assert len(injuries["members"]) >= 4
    assert injuries["position"] > dam["position"]
    ledger = [p for p in carrying if p["id"] != injuries["id"]]
    assert [doc["outlet_of"](m["version"]) for p in ledger for m in p["members"]] == [
        "Northern Ledger"
    ]
    assert ledger[0]["position"] < dam["position"]
    moved = StoryAlignment.objects.get(story=demo).stats["moved"]
    assert {"passage": ledger[0]["id"], "from": injuries["id"]} in [
        {"passage": m["passage"], "from": m["from"]} for m in moved
    ]


def test_demo_annotation_is_exported(doc):
    notes = [(doc["outlet_of"](a["version"]), a["text"]) for a in doc["annotations"]]
    assert any(outlet == "Tamsel Valley Courier" and "updated" in text for outlet, text in notes)


def test_realigning_unchanged_inputs_does_nothing(demo):
    before = StoryAlignment.objects.get(story=demo)
    assert realign_story(demo.pk) == "unchanged"
    assert StoryAlignment.objects.get(story=demo).pk == before.pk
    assert realign_story(demo.pk, force=True).startswith("aligned 7 versions")
    assert StoryAlignment.objects.get(story=demo).pk != before.pk


def test_a_new_revision_replaces_the_alignment_whole(demo, django_capture_on_commit_callbacks):
    """New text triggers realignment, and no row of the old alignment survives."""
    old = StoryAlignment.objects.get(story=demo)
    old_passages = set(Passage.objects.filter(alignment=old).values_list("pk", flat=True))
    article = Article.objects.get(story=demo, outlet__name="Northern Ledger")
    body = (
        article.current_revision.body
        + "\n\nA late paragraph only the Ledger printed, about a ferry."
    )
    with django_capture_on_commit_callbacks(execute=True):
        from stories import pipeline

        article.add_revision(body=body, source_kind=SourceKind.URL, headline=article.headline)
        pipeline.article_changed(article)
    new = StoryAlignment.objects.get(story=demo)
    assert new.pk != old.pk
    assert not Passage.objects.filter(pk__in=old_passages).exists()
    assert PassageMember.objects.filter(passage__alignment=new, text__contains="ferry").exists()


def test_a_failed_alignment_keeps_the_previous_one(demo, monkeypatch):
    """Rows are replaced in one transaction: a crash mid-write leaves the old alignment."""
    old = StoryAlignment.objects.get(story=demo)
    count = Passage.objects.filter(alignment=old).count()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("stories.aligning.Divergence.objects.bulk_create", explode)
    with pytest.raises(RuntimeError):
        realign_story(demo.pk, force=True)
    assert StoryAlignment.objects.get(story=demo).pk == old.pk
    assert Passage.objects.filter(alignment=old).count() == count


def test_export_story_prints_only_json(demo):
    out = StringIO()
    call_command("export_story", DEMO, stdout=out)
    data = json.loads(out.getvalue())
    assert data["story"] == {"slug": DEMO, "title": demo.title}


def test_align_command_reports_each_story(demo):
    out = StringIO()
    call_command("align", "--all", stdout=out)
    assert f"{DEMO}: unchanged" in out.getvalue()


def test_align_command_takes_slugs_and_refuses_unknown_ones(demo):
    out = StringIO()
    call_command("align", DEMO, "--force", stdout=out)
    assert out.getvalue().startswith(f"{DEMO}: aligned 7 versions")
    with pytest.raises(CommandError, match="No story with slug: nope"):
        call_command("align", DEMO, "nope")
    with pytest.raises(CommandError, match="pass --all"):
        call_command("align")


def test_a_version_moved_out_disappears_before_realignment(demo, client):
    """Moving an article to a draft hides it from the published page and export at once."""
    from stories.models import Revision

    draft = Story.objects.create(title="Elsewhere", published=False)
    moved = Article.objects.get(story=demo, outlet__name="Riverside Voice")
    Article.objects.filter(pk=moved.pk).update(story=draft)  # realignment not run yet
    html = client.get(demo.get_absolute_url()).content.decode()
    assert "maintenance backlog" not in html
    assert "Riverside Voice" not in html
    assert "being updated" in html
    data = client.get(f"/api/stories/{DEMO}/").json()
    assert "Riverside Voice" not in {v["outlet"] for v in data["versions"]}
    gone = Revision.objects.filter(article=moved).values_list("pk", flat=True)
    assert not any(m["version"] in gone for p in data["passages"] for m in p["members"])
    assert not any(
        "maintenance backlog" in m["text"] for p in data["passages"] for m in p["members"]
    )


def realign_while(story, monkeypatch, change) -> str:
    """Realign ``story`` with ``change()`` run while the engine works, as another
    process would; returns what realign_story said."""
    import stories.aligning as aligning

    real_align = aligning.align

    def align_then_change(*args, **kwargs):
        result = real_align(*args, **kwargs)
        change()
        return result

    monkeypatch.setattr(aligning, "align", align_then_change)
    return realign_story(story.pk, force=True)


def test_an_alignment_of_outdated_inputs_is_not_stored(demo, monkeypatch):
    """A slow worker whose inputs changed under it must not overwrite newer rows."""
    before = StoryAlignment.objects.get(story=demo).pk

    def an_editor_edits():
        article = Article.objects.get(story=demo, outlet__name="Northern Ledger")
        article.add_revision(
            body="A fresh capture of the Ledger's text, entirely rewritten.",
            source_kind=SourceKind.URL,
        )

    assert realign_while(demo, monkeypatch, an_editor_edits) == "superseded by newer inputs"
    assert StoryAlignment.objects.get(story=demo).pk == before


def test_a_reference_changed_during_alignment_wins(demo, monkeypatch):
    """An editor picks a new reference while a worker aligns: the old result is dropped."""
    before = StoryAlignment.objects.get(story=demo).pk

    def the_editor_picks():
        ledger = Article.objects.get(story=demo, outlet__name="Northern Ledger")
        Story.objects.filter(pk=demo.pk).update(reference_article=ledger)

    assert realign_while(demo, monkeypatch, the_editor_picks) == "superseded by newer inputs"
    assert StoryAlignment.objects.get(story=demo).pk == before


def test_divergences_export_as_csv(demo, client):
    import csv
    import io

    response = client.get(f"/api/stories/{DEMO}/divergences.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    swaps = [r for r in rows if r["type"] == "term_swap" and r["outlet"] == "Riverside Voice"]
    assert swaps and swaps[0]["reference"] == "evacuation"
    assert swaps[0]["text"] == "forced relocation"
    numbers = [
        r for r in rows if r["type"] == "number_change" and r["outlet"] == "The Daily Clarion"
    ]
    assert any(r["reference"] == "1,200" and r["text"] == "2,000" for r in numbers)


def test_the_story_index_lists_published_stories_with_their_exports(demo, client):
    data = client.get("/api/stories/").json()
    entry = next(s for s in data["stories"] if s["slug"] == DEMO)
    assert entry["versions"] == 7
    assert entry["document"].endswith(f"/api/stories/{DEMO}/")
    Story.objects.filter(pk=demo.pk).update(published=False)
    assert DEMO not in {s["slug"] for s in client.get("/api/stories/").json()["stories"]}
    assert client.get(f"/api/stories/{DEMO}/divergences.csv").status_code == 404


def test_the_stored_alignment_says_which_reference_and_why(demo):
    """The demo's editors picked its reference; without it the engine chooses."""
    stored = StoryAlignment.objects.get(story=demo)
    assert stored.reference_revision.article == demo.reference_article
    assert stored.reference_reason == "chosen by an editor"
    Story.objects.filter(pk=demo.pk).update(reference_article=None)
    realign_story(demo.pk)
    stored = StoryAlignment.objects.get(story=demo)
    assert stored.reference_revision_id is not None
    assert stored.reference_reason.startswith(("the original", "the most central"))


def test_the_article_others_derive_from_is_the_default_reference():
    from . import factories

    story = factories.story()
    lines = [
        "Flood waters reached the old town on Sunday after three days of heavy rain.",
        "About 1,200 residents left their homes overnight, the emergency service said.",
        "Engineers closed the north bridge and opened a channel to relieve the dam.",
    ]
    original = factories.article(story=story, body="\n\n".join(lines[:2]), language="en")
    for n in range(2):
        factories.article(
            story=story,
            body="\n\n".join(lines) + f"\n\nOutlet {n} adds a closing line of its own here.",
            language="en",
            derived_from_article=original,
        )
    factories.article(story=story, body="\n\n".join(lines * 2))
    realign_story(story.pk)
    stored = StoryAlignment.objects.get(story=story)
    assert stored.reference_revision.article == original
    assert stored.reference_reason.startswith("the original: ")
