"""Run the alignment core over a story's current versions and store the result.

The core (``stories.alignment``) knows nothing of the database; this module
loads its inputs, skips work whose inputs have not changed, and replaces the
stored rows in one transaction so readers never see half an alignment."""

import hashlib
import json

from django.conf import settings
from django.db import transaction

from .alignment import Annotation, VersionInput, align
from .embeddings import embedded_counts, sentence_encoder, stored_vectors, text_hash
from .models import Divergence, Passage, PassageMember, Story, StoryAlignment

# Bump when the engine's output changes for the same inputs, so stored
# alignments are recomputed after an upgrade.
ENGINE_VERSION = "17"


def current_versions(story):
    """Pairs of (article, current revision); articles without text are skipped."""
    pairs = []
    for article in story.versions():
        revision = article.current_revision
        if revision is not None:
            pairs.append((article, revision))
    return pairs


def reference_revision_id(story, pairs) -> int | None:
    """The editors' chosen reference if it is a version, else None (the
    engine's default: the original or the most central version)."""
    for article, revision in pairs:
        if article.pk == story.reference_article_id:
            return revision.pk
    return None


def inputs_hash(pairs, reference_id) -> str:
    payload = {
        "engine": ENGINE_VERSION,
        "loaded_terms": sorted(map(list, settings.NEWSDESK_LOADED_TERMS)),
        "reference": reference_id,
        "versions": sorted(
            (
                revision.pk,
                revision.content_hash,
                article.outlet.name,
                language(article, revision),
                article.derived_from_article_id or 0,
            )
            for article, revision in pairs
        ),
        # Vectors landing for a story in several languages change what can be
        # aligned: the embedding task's realignment must not find it "unchanged".
        "embedded": _embedded_state(pairs),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def language(article, revision) -> str:
    """A version's language: as detected in its text, else as declared."""
    return revision.language or article.language


def _mixed(pairs) -> bool:
    return len({language(a, r) for a, r in pairs} - {""}) > 1


def _embedded_state(pairs) -> list:
    encoder = sentence_encoder() if _mixed(pairs) else None
    if encoder is None:
        return []
    counts = embedded_counts([r.pk for _, r in pairs], encoder.name)
    return [encoder.name, sorted(counts.items())]


def embedding_lookup(pairs):
    """The core's ``embedding`` callable over the stored vectors, or None
    when the story is in one language or no encoder is configured."""
    encoder = sentence_encoder() if _mixed(pairs) else None
    if encoder is None:
        return None
    stored = stored_vectors([r.pk for _, r in pairs], encoder.name)

    def embedding(version_id: str, text: str):
        return stored.get(int(version_id), {}).get(text_hash(text))

    return embedding


def version_input(article, revision, *, sources=None) -> VersionInput:
    """The core's input for one version. ``sources`` maps article ids to the
    ids of their current revisions in this alignment, so a version derived
    from another one of the story names it."""
    annotations = tuple(
        Annotation(type=a.get("type", "note"), text=a.get("text", ""), position=a.get("position"))
        for a in revision.annotations or ()
    )
    source = (sources or {}).get(article.derived_from_article_id)
    return VersionInput(
        id=str(revision.pk),
        text=revision.body,
        label=article.outlet.name,
        annotations=annotations,
        language=language(article, revision),
        derived_from=str(source) if source else "",
    )


def realign_story(story_id: int, *, force: bool = False) -> str:
    """Align a story's current versions and store passages, members and divergences.

    Idempotent: returns "unchanged" without work when the stored alignment was
    made from the same inputs. Returns a one-line summary."""
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return f"story {story_id} no longer exists"
    pairs = current_versions(story)
    reference_id = reference_revision_id(story, pairs)
    digest = inputs_hash(pairs, reference_id)
    if not force and StoryAlignment.objects.filter(story=story, inputs_hash=digest).exists():
        return "unchanged"
    if not pairs:
        StoryAlignment.objects.filter(story=story).delete()
        return "no versions to align"

    sources = {article.pk: revision.pk for article, revision in pairs}
    result = align(
        [version_input(article, revision, sources=sources) for article, revision in pairs],
        reference=str(reference_id) if reference_id else None,
        loaded_terms=tuple(map(tuple, settings.NEWSDESK_LOADED_TERMS)),
        embedding=embedding_lookup(pairs),
    )
    with transaction.atomic():
        # Lock the story row so two workers realigning it cannot interleave.
        story = Story.objects.select_for_update().filter(pk=story.pk).first()
        if story is None:
            return f"story {story_id} was deleted while it was aligned"
        if not force and StoryAlignment.objects.filter(story=story, inputs_hash=digest).exists():
            return "unchanged"
        # The inputs (versions, or the reference an editor picks) changed while we
        # aligned: whatever changed them queued its own realignment, and this older
        # result must not overwrite a newer one.
        fresh = current_versions(story)
        if inputs_hash(fresh, reference_revision_id(story, fresh)) != digest:
            return "superseded by newer inputs"
        StoryAlignment.objects.filter(story=story).delete()
        stored = store(story, result, pairs=pairs, digest=digest)
    return (
        f"aligned {len(pairs)} versions into {stored.stats['passages']} passages "
        f"with {stored.stats['divergences']} divergences"
    )


def store(story, result, *, pairs, digest) -> StoryAlignment:
    """Write the engine's result as rows. Call inside a transaction."""
    revision_ids = {str(revision.pk): revision.pk for _, revision in pairs}
    rid = revision_ids.__getitem__
    alignment = StoryAlignment.objects.create(
        story=story,
        inputs_hash=digest,
        reference_revision_id=rid(result.reference),
        reference_reason=result.reference_reason[:300],
        terms=[
            {
                "reference": t.reference,
                "variant": t.variant,
                "versions": [rid(v) for v in t.versions],
                "count": t.count,
            }
            for t in result.terms
        ],
        quotes=[
            {
                "passage_index": q.passage,
                "altered": q.altered,
                "renderings": [{"version": rid(v), "text": text} for v, text in q.renderings],
            }
            for q in result.quotes
        ],
        annotations=[
            {"version": rid(v), "type": a.type, "text": a.text, "position": a.position}
            for v, a in result.annotations
        ],
        stats={},
    )
    alignment.revisions.set(revision_ids.values())

    passages = Passage.objects.bulk_create(
        Passage(
            alignment=alignment,
            position=p.position,
            kind=p.kind,
            text=next(m.text for m in p.members if m.version == p.reference_version),
            reference_revision_id=rid(p.reference_version),
            flags=sorted({d.type for d in p.divergences}),
        )
        for p in result.passages
    )
    by_core_id = {p.id: row for p, row in zip(result.passages, passages, strict=True)}
    PassageMember.objects.bulk_create(
        PassageMember(
            passage=row,
            revision_id=rid(m.version),
            text=m.text,
            score=round(m.score, 4),
            sentences=list(m.sentences),
            diff=[[op.op, op.ref, op.text] for op in m.ops],
            is_reference=m.is_reference,
        )
        for p, row in zip(result.passages, passages, strict=True)
        for m in p.members
    )
    divergences = Divergence.objects.bulk_create(
        Divergence(
            alignment=alignment,
            passage=by_core_id.get(d.passage) if d.passage is not None else None,
            revision_id=rid(d.version),
            type=d.type,
            detail=d.detail[:500],
            data=d.data,
        )
        for d in result.divergences
    )
    # Quotes point at passages by the engine's id; keep the stored passage's id too.
    for quote in alignment.quotes:
        row = by_core_id.get(quote["passage_index"])
        quote["passage"] = row.pk if row else None
    alignment.stats = {
        "versions": len(pairs),
        "passages": len(passages),
        "divergences": len(divergences),
        "by_kind": _count(p.kind for p in result.passages),
        "by_type": _count(d.type for d in result.divergences),
        "main_language": result.main_language,
        "languages": {str(r.pk): language(a, r) for a, r in pairs},
        "unaligned": [rid(v) for v in result.unaligned],
        # Why they are: no encoder installed, or their sentence vectors not stored yet.
        "unaligned_because": (
            ("vectors pending" if sentence_encoder() else "no encoder") if result.unaligned else ""
        ),
        # A version's member shown at its own place to keep its reading order,
        # still carrying the passage it came from (stored passage ids).
        "moved": [
            {
                "passage": by_core_id[p.id].pk,
                "from": by_core_id[p.moved_from].pk,
                "version": rid(p.members[0].version),
            }
            for p in result.passages
            if p.moved_from is not None
        ],
        # Passages with each type, as the reader's filters count them.
        "passages_by_type": _count(
            t for p in result.passages for t in {d.type for d in p.divergences}
        ),
    }
    alignment.save(update_fields=["quotes", "stats"])
    return alignment


def _count(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts
