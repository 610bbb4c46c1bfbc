"""The real seeds through the whole pipeline: import, align, export. What a
careful reader finds must be in the story document. Reads ../shared/seeds at run
time; skips cleanly without it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from stories.aligning import realign_story
from stories.models import Story

pytestmark = [pytest.mark.django_db, pytest.mark.seeds]


@pytest.fixture
def document(seeds_dir):
    files = sorted(str(p) for p in seeds_dir.glob("00[0-3]_*.txt"))
    call_command(
        "import_articles",
        *files,
        "--manifest",
        str(seeds_dir / "manifest.json"),
        "--story",
        "seeds",
        stdout=StringIO(),
    )
    realign_story(Story.objects.get(slug="seeds").pk)
    out = StringIO()
    call_command("export_story", "seeds", stdout=out)
    doc = json.loads(out.getvalue())
    outlet = {v["id"]: v["outlet"] for v in doc["versions"]}
    doc["by"] = lambda version: outlet[version]
    return doc


def divergences(doc, type_):
    return [
        (doc["by"](d["version"]), d)
        for p in doc["passages"]
        for d in p["divergences"]
        if d["type"] == type_
    ]


def test_the_inserted_editorial_note_and_the_cut(document):
    notes = [(document["by"](a["version"]), a) for a in document["annotations"]]
    assert any(
        o == "InoSMI" and a["type"] == "editorial_note" and "Approx. InoSMI" in a["text"]
        for o, a in notes
    )
    assert any(o == "InoSMI" and a["type"] == "omission_marker" for o, a in notes)


def test_the_casualty_figure_one_version_cut(document):
    """InoSMI cut "1,500 killed and wounded a day": whichever of the two is the
    reference, the figure surfaces as a number change between exactly them."""
    found = {
        (outlet, d["detail"])
        for outlet, d in divergences(document, "number_change")
        if "1,500" in d["detail"]
    }
    assert found in (
        {("InoSMI", "InoSMI drops the figure 1,500")},
        {
            (
                "The Spokesman-Review",
                "The Spokesman-Review prints 1,500, a figure the reference wording lacks",
            )
        },
    ), found


def test_term_swaps_across_the_story(document):
    pairs = {
        frozenset((t["reference"].casefold(), t["variant"].casefold())) for t in document["terms"]
    }
    assert frozenset(("kyiv", "kiev")) in pairs
    assert frozenset(("zelenskyy", "zelensky")) in pairs


def test_the_quote_whose_wording_changed(document):
    altered = [q for q in document["quotes"] if q["altered"]]
    assert any(any("liberate" in r["text"] for r in q["renderings"]) for q in altered), (
        "Lucian Kim's quote reads differently in translation"
    )


def test_material_only_rt_added_and_paragraphs_left_out(document):
    rt_only = [
        p
        for p in document["passages"]
        if p["kind"] == "unique" and document["by"](p["members"][0]["version"]) == "RT"
    ]
    assert len(rt_only) >= 2
    omitted_by = {o for o, _ in divergences(document, "omission")}
    assert {"RT", "Caliber.Az"} <= omitted_by
