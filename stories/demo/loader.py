"""Load the fictional demo corpus, so a fresh install has stories worth reading.

The corpus lives in ``corpus/`` beside this module: ``manifest.json`` describes
the outlets, the stories and every article with its revisions' metadata, and one
plain-text file per revision holds the body (paragraphs separated by blank
lines). Everything in it is invented; README.md lists which version shows which
divergence."""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone

from stories import pipeline
from stories.models import Article, Outlet, SourceKind, Story

CORPUS = resources.files("stories.demo") / "corpus"

# Which story each set of articles in the manifest joins. Set C holds two other
# agencies' independent reports of the event in set A: they share almost no text
# with Meridian Wire's report (different tolls, different quotes), so reuse
# evidence alone would keep them apart, yet they report the same event, so they
# belong to story A. The manifest keeps them a set of their own so that grouping
# can be tested on exactly that case. Set B is a different event on the same
# theme and stays a story of its own.
STORY_OF_SET = {"A": "A", "B": "B", "C": "A"}


@dataclass
class DemoResult:
    """What ``load_demo`` loaded: the corpus's size and the rows it created."""

    stories: list[Story]
    outlets: int
    articles: int
    revisions: int
    created: Counter[str] = field(default_factory=Counter)

    @property
    def new_rows(self) -> int:
        return sum(self.created.values())

    def summary(self) -> str:
        return (
            f"Loaded the fictional demo corpus: {len(self.stories)} stories, "
            f"{self.outlets} outlets, {self.articles} articles, "
            f"{self.revisions} revisions ({self.new_rows} new)"
        )


def read_manifest() -> dict[str, Any]:
    return json.loads(CORPUS.joinpath("manifest.json").read_text(encoding="utf-8"))


def read_body(path: str) -> str:
    """A revision's text; line endings normalised so that a checkout with CRLF
    files hashes the same and adds no revisions."""
    text = CORPUS.joinpath(*path.split("/")).read_text(encoding="utf-8")
    return "\n".join(text.splitlines()).strip()


@transaction.atomic
def load_demo(*, stdout: TextIO | None = None) -> DemoResult:
    """Store the demo outlets, stories, articles and revisions; publish the stories.

    Idempotent: outlets are found by name, stories by slug, articles by URL, and
    ``Article.add_revision`` skips content it already holds, so a second run
    creates nothing. Realignment is requested for every demo story even then:
    the task is keyed by a hash of its inputs, so it costs nothing when the stored
    alignment is current, and it fills the alignment in when the demo was loaded
    before the aligner (or a change to it) existed."""
    manifest = read_manifest()
    created: Counter[str] = Counter()

    outlets: dict[str, Outlet] = {}
    for data in manifest["outlets"]:
        outlets[data["name"]], new = Outlet.objects.get_or_create(
            name=data["name"],
            defaults={
                "homepage": data["homepage"],
                "domains": "\n".join(data["domains"]),
                "language": data["language"],
                "owner": data["owner"],
                "description": data["description"],
            },
        )
        created["outlets"] += new

    stories: dict[str, Story] = {}
    new_stories: set[str] = set()
    for data in manifest["stories"]:
        story, new = Story.objects.get_or_create(
            slug=data["slug"],
            defaults={"title": data["title"], "summary": data["summary"], "published": True},
        )
        if new:
            new_stories.add(data["key"])
        elif not story.published:
            story.published = True
            story.save(update_fields=["published", "updated_at"])
        stories[data["key"]] = story
        created["stories"] += new

    articles: dict[str, Article] = {}
    for data in manifest["articles"]:
        article, new, added = _load_article(
            data,
            outlet=outlets[data["outlet"]],
            story=stories[STORY_OF_SET[data["set"]]],
            derived_from=articles.get(data.get("derived_from_article", "")),
        )
        articles[data["key"]] = article
        created["articles"] += new
        created["revisions"] += added
        if stdout is not None:
            stdout.write(f"{article.outlet}: {article.headline} (revisions added: {added})\n")

    # The original agency report is what the demo's divergences are described
    # against; without it the aligner would pick the fullest version (the
    # Courier's update). Set only on a new story, so an editor's choice stands.
    for data in manifest["stories"]:
        if data["key"] in new_stories:
            story = stories[data["key"]]
            story.reference_article = articles[data["reference"]]
            story.save(update_fields=["reference_article", "updated_at"])

    for story in stories.values():
        pipeline.story_changed(story)

    return DemoResult(
        stories=list(stories.values()),
        outlets=len(manifest["outlets"]),
        articles=len(manifest["articles"]),
        revisions=sum(len(a["revisions"]) for a in manifest["articles"]),
        created=created,
    )


def _load_article(
    data: dict[str, Any], *, outlet: Outlet, story: Story, derived_from: Article | None
) -> tuple[Article, bool, int]:
    """One article and its revisions, oldest first; returns ``(article, created,
    revisions added)``."""
    current = data["revisions"][-1]
    fields = {
        "headline": current["headline"],
        "standfirst": current.get("standfirst", ""),
        "byline": current.get("byline", ""),
    }
    article, new = Article.objects.get_or_create(
        url=data["url"],
        defaults={
            **fields,
            "outlet": outlet,
            "story": story,
            "language": data["language"],
            "published_at": _datetime(data["published_at"]),
            "derived_from": data["derived_from"],
            "derived_from_article": derived_from,
        },
    )
    if article.story_id is None:
        # The story was deleted, which sends its articles back to the inbox.
        article.move_to(story, by_editor=False)

    added = 0
    for revision in data["revisions"]:
        _, stored = article.add_revision(
            body=read_body(revision["file"]),
            source_kind=SourceKind.DEMO,
            source=f"demo:{revision['file']}",
            headline=revision["headline"],
            standfirst=revision.get("standfirst", ""),
            byline=revision.get("byline", ""),
            captured_at=_datetime(revision["captured_at"]),
            annotations=revision.get("annotations", []),
        )
        added += stored

    if added and not new:
        # The corpus was edited since the last load: the article shows its newest
        # revision's headline, as it would after any other update.
        Article.objects.filter(pk=article.pk).update(**fields, updated_at=timezone.now())
    return article, new, added


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
