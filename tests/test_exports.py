"""The page, the JSON document and the CSV read the stored alignment through
one loader, so they name the same versions and count the same passages."""

import csv
import io
from collections import defaultdict

import pytest
from django.urls import reverse

from stories.alignment.types import DIVERGENCES
from stories.models import Article, Divergence, Story
from stories.reading import FILTERS, StoryReading

pytestmark = pytest.mark.django_db


def documents(client, story):
    data = client.get(reverse("stories:story_json", args=[story.slug])).json()
    body = client.get(reverse("stories:story_divergences_csv", args=[story.slug])).content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    return data, rows


def ids_named(data) -> set[int]:
    named = set()
    for p in data["passages"]:
        named |= {m["version"] for m in p["members"]} | set(p["absent"])
        named |= {d["version"] for d in p["divergences"]}
    for q in data["quotes"]:
        named |= {r["version"] for r in q["renderings"]}
    named |= {a["version"] for a in data["annotations"]}
    for t in data["terms"]:
        named |= set(t["versions"])
    return named


def csv_counts(rows) -> dict[str, int]:
    """Passages per divergence type, from the CSV's rows."""
    passages = defaultdict(set)
    for row in rows:
        passages[row["type"]].add(row["passage"])
    return {t: len(ps) for t, ps in passages.items()}


def test_a_version_moved_out_disappears_from_quotes_annotations_and_passages(client, demo_story):
    """Before the realignment the move queues has run, nothing names the moved version."""
    alignment = demo_story.alignment
    noted = {a["version"] for a in alignment.annotations}
    quoted = {r["version"] for q in alignment.quotes for r in q["renderings"]}
    moved = next(iter(noted & quoted))  # a version that quotes and was annotated
    data, _ = documents(client, demo_story)
    assert moved in ids_named(data)

    elsewhere = Story.objects.create(title="Elsewhere", published=True)
    Article.objects.filter(revisions__pk=moved).update(story=elsewhere)  # no realign yet
    data, rows = documents(client, demo_story)
    versions = {v["id"] for v in data["versions"]}
    assert moved not in versions and len(versions) == 6
    assert ids_named(data) <= versions
    assert {int(r["version"]) for r in rows} <= versions
    assert data["annotations"] == [a for a in data["annotations"] if a["version"] != moved]


def test_page_json_and_csv_count_the_same_passages(client, demo_story):
    """Every filter's count on the page is the JSON's, and the CSV's rows agree."""
    data, rows = documents(client, demo_story)
    html = client.get(demo_story.get_absolute_url()).content.decode()
    counts = data["counts"]["passages"]
    for name, label in FILTERS.items():
        assert f'id="filter-{name}"' in html
        link = html.split(f'id="filter-{name}"')[1].split("</a>")[0]
        assert f'{label} <span class="count">({counts[name]})</span>' in link
    by_type = csv_counts(rows)
    for kind in DIVERGENCES:
        if kind.filter:
            assert counts[kind.filter] == by_type.get(kind.value, 0), kind.value
    assert counts["omitted"] == by_type.get("omission", 0)
    assert counts["all"] == len(data["passages"])
    assert counts["diverge"] == sum(p["diverges"] for p in data["passages"])
    # The summary line under the title says the same numbers.
    assert f"{counts['all']} passages · {counts['diverge']} where coverage diverges" in html
    assert f"{counts['quotes']} with an altered quote" in html


def test_the_csv_takes_each_divergence_s_own_data(client):
    """Two divergences with the same detail text keep their own two sides."""
    from . import factories

    story = factories.aligned_story(versions=3, passages=3)
    passage = story.alignment.passages.order_by("position").first()
    revision = story.alignment.revisions.order_by("pk").last()
    for old, new in (("3", "4"), ("5", "6")):
        Divergence.objects.create(
            alignment=story.alignment,
            passage=passage,
            revision=revision,
            type="number_change",
            detail="changes a figure",
            data={"reference": old, "text": new},
        )
    _, rows = documents(client, story)
    sides = {(r["reference"], r["text"]) for r in rows if r["type"] == "number_change"}
    assert sides == {("3", "4"), ("5", "6")}


def test_the_diverges_filter_keeps_fewer_than_half_the_seed_passages(seeds_dir):
    """On the real seeds, "where coverage diverges" is a short list, not every passage."""
    from django.core.management import call_command

    from stories.aligning import realign_story

    texts = sorted(str(p) for p in seeds_dir.glob("00[0-3]_*.txt"))
    call_command("import_articles", *texts, "--manifest", str(seeds_dir / "manifest.json"),
                 "--story", "seeds")  # fmt: skip
    story = Story.objects.get(slug="seeds")
    realign_story(story.pk)
    reading = StoryReading.load(story)
    kept = reading.filtered("diverge")
    assert 0 < len(kept) < len(reading.passages) / 2
    assert all(p.kind == "unique" or p.findings for p in kept)
