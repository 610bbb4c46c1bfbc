"""The story document (schema ``newsdesk.story/1``): what ``export_story`` prints
and the JSON API serves. Built from stored rows only."""

import csv
import re

from django.db.models import Prefetch

from .models import Divergence, Passage, PassageMember, Revision, StoryAlignment

SCHEMA = "newsdesk.story/1"


def _iso(value):
    return value.isoformat() if value else None


def version_entry(revision) -> dict:
    article = revision.article
    return {
        "id": revision.pk,
        "article_id": article.pk,
        "revision_id": revision.pk,
        "outlet": article.outlet.name,
        "headline": revision.headline or article.headline,
        "published_at": _iso(article.published_at),
        "url": article.url or None,
        "language": article.language or article.outlet.language or None,
    }


def stored_alignment(story):
    """The story's alignment with everything the document needs, in a fixed number of queries."""
    return (
        StoryAlignment.objects.filter(story=story)
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=Revision.objects.select_related("article__outlet")
                .defer("body", "raw", "html", "stripped")
                .order_by("article__published_at", "article__created_at", "pk"),
            ),
            Prefetch(
                "passages",
                queryset=Passage.objects.order_by("position").prefetch_related(
                    Prefetch("members", queryset=PassageMember.objects.order_by("pk")),
                    Prefetch("divergences", queryset=Divergence.objects.order_by("pk")),
                ),
            ),
        )
        .first()
    )


def story_document(story) -> dict:
    alignment = stored_alignment(story)
    document = {
        "schema": SCHEMA,
        "story": {"slug": story.slug, "title": story.title},
        "versions": [],
        "passages": [],
        "terms": [],
        "quotes": [],
        "annotations": [],
    }
    if alignment is None:
        return document
    # A version whose article left the story is dropped at once, before the
    # realignment the move queued has run.
    versions = [v for v in alignment.revisions.all() if v.article.story_id == story.pk]
    version_ids = [v.pk for v in versions]
    current = set(version_ids)
    document["reference"] = alignment.reference_revision_id
    document["versions"] = [version_entry(v) for v in versions]
    for passage in alignment.passages.all():
        members = [m for m in passage.members.all() if m.revision_id in current]
        if not members:
            continue
        present = {m.revision_id for m in members}
        document["passages"].append(
            {
                "id": passage.pk,
                "position": passage.position,
                "kind": passage.kind,
                "members": [
                    {"version": m.revision_id, "text": m.text, "score": m.score} for m in members
                ],
                "absent": [v for v in version_ids if v not in present],
                "divergences": [
                    {"type": d.type, "version": d.revision_id, "detail": d.detail}
                    for d in passage.divergences.all()
                    if d.revision_id in current
                ],
            }
        )
    document["terms"] = [
        {
            **{k: t[k] for k in ("reference", "variant", "count")},
            "versions": [v for v in t["versions"] if v in current],
        }
        for t in alignment.terms
        if any(v in current for v in t["versions"])
    ]
    document["quotes"] = [
        {"passage": q["passage"], "altered": q["altered"], "renderings": q["renderings"]}
        for q in alignment.quotes
    ]
    document["annotations"] = [
        {"version": a["version"], "type": a["type"], "text": a["text"]}
        for a in alignment.annotations
    ]
    return document


DIVERGENCE_COLUMNS = [
    "story",
    "passage",
    "position",
    "kind",
    "type",
    "version",
    "outlet",
    "detail",
    "reference",
    "text",
]


# A cell starting with one of these is read as a formula by spreadsheets
# (tab and carriage return too: some strip them and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def spreadsheet_cell(value):
    """``value`` as a spreadsheet shows it and never runs it: text that would
    start a formula gets a leading single quote (the spreadsheets' own
    "this is text" mark). A plain signed number ("-3", "+2.5%") is no formula
    and stays as it is."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def write_divergences_csv(story, stream) -> None:
    """The story's typed divergences as CSV rows (columns: DIVERGENCE_COLUMNS),
    built from the same document the JSON export serves. Text cells that a
    spreadsheet would run as formulas are neutralised (``spreadsheet_cell``)."""
    document = story_document(story)
    outlets = {v["id"]: v["outlet"] for v in document["versions"]}
    writer = csv.writer(stream)
    writer.writerow(DIVERGENCE_COLUMNS)
    data = _divergence_data(story)
    for passage in document["passages"]:
        for d in passage["divergences"]:
            extra = data.get((passage["id"], d["version"], d["type"], d["detail"]), {})
            row = [
                story.slug,
                passage["id"],
                passage["position"],
                passage["kind"],
                d["type"],
                d["version"],
                outlets.get(d["version"], ""),
                d["detail"],
                extra.get("reference") or "",
                extra.get("text") or extra.get("variant") or "",
            ]
            writer.writerow([spreadsheet_cell(cell) for cell in row])


def _divergence_data(story) -> dict:
    """(passage, version, type, detail) → the divergence's structured data."""
    return {
        (row.passage_id, row.revision_id, row.type, row.detail): row.data
        for row in Divergence.objects.filter(alignment__story=story).only(
            "passage_id", "revision_id", "type", "detail", "data"
        )
    }
