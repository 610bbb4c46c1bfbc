"""The story document (schema ``newsdesk.story/1``): what ``export_story`` prints
and the JSON API serves, and the CSV of its divergences.

Both are built from ``StoryReading.load``, the one loader of the stored
alignment that the story page reads too: a version that has left the story
appears nowhere, and the counts are the page's."""

import csv
import re

from .reading import StoryReading

SCHEMA = "newsdesk.story/1"


def _iso(value):
    return value.isoformat() if value else None


def version_entry(version, role: str) -> dict:
    revision, article = version.revision, version.article
    return {
        "id": revision.pk,
        "article_id": article.pk,
        "revision_id": revision.pk,
        "outlet": article.outlet.name,
        "headline": revision.headline or article.headline,
        "published_at": _iso(article.published_at),
        "url": article.url or None,
        "language": article.language or article.outlet.language or None,
        "dateline": _dateline(revision),
        "role": role,
    }


def _dateline(revision) -> dict | None:
    if not (revision.dateline_place or revision.dateline_agency):
        return None
    return {
        "place": revision.dateline_place or None,
        "agency": revision.dateline_agency or None,
        "date": revision.dateline_date or None,
        "day": _iso(revision.dateline_day),
    }


def story_document(story, reading: StoryReading | None = None) -> dict:
    reading = reading or StoryReading.load(story, all_texts=True)
    document = {
        "schema": SCHEMA,
        "story": {"slug": story.slug, "title": story.title},
        "versions": [],
        "passages": [],
        "terms": [],
        "quotes": [],
        "annotations": [],
    }
    if reading.alignment is None:
        return document
    document["reference"] = reading.reference.id if reading.reference else None
    document["versions"] = [version_entry(v, reading.role(v)) for v in reading.versions]
    document["counts"] = {"versions": len(reading.versions), "passages": reading.counts}
    for passage in reading.passages:
        document["passages"].append(
            {
                "id": passage.id,
                "position": passage.row.position,
                "kind": passage.kind,
                "diverges": passage.substantive,
                "members": [
                    {"version": m.version.id, "text": m.text, "score": m.score}
                    for m in passage.members.values()
                ],
                "absent": [v.id for v in passage.absent],
                "divergences": [
                    {"type": d.type, "version": d.revision_id, "detail": d.detail, **_data(d)}
                    for d in passage.divergences
                ],
            }
        )
    document["terms"] = [
        {k: t[k] for k in ("reference", "variant", "count", "versions")} for t in reading.terms()
    ]
    document["quotes"] = [
        {"passage": q["passage"], "altered": q["altered"], "renderings": q["renderings"]}
        for q in reading.quotes()
    ]
    document["annotations"] = [
        {"version": a["version"], "type": a["type"], "text": a["text"]}
        for a in reading.annotations()
    ]
    return document


def _data(d) -> dict:
    """The structured side of a divergence: what the reference printed and what
    this version printed instead, where the finding records them."""
    reference = d.data.get("reference")
    text = d.data.get("text") or d.data.get("variant")
    return {"reference": reference, "text": text}


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
    one per divergence, from the same loader as the page and the JSON. Text
    cells that a spreadsheet would run as formulas are neutralised
    (``spreadsheet_cell``)."""
    reading = StoryReading.load(story)
    writer = csv.writer(stream)
    writer.writerow(DIVERGENCE_COLUMNS)
    for passage in reading.passages:
        for d in passage.divergences:
            data = _data(d)
            row = [
                story.slug,
                passage.id,
                passage.row.position,
                passage.kind,
                d.type,
                d.revision_id,
                reading.version_map[d.revision_id].label,
                d.detail,
                data["reference"] or "",
                data["text"] or "",
            ]
            writer.writerow([spreadsheet_cell(cell) for cell in row])
