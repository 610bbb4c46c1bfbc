"""Sentence embeddings of revisions: computed once, stored, read by alignment.

The embedding task runs after ingest (``stories.pipeline.article_changed``):
it segments the revision's body as the alignment core does, encodes the
sentences no stored row has yet (a wire sentence reprinted by ten outlets is
encoded once) and stores a float16 vector per sentence. Alignment only reads
what is stored, so a request never waits on a model; when the vectors of a
story's version land, the story is realigned.

Which encoder: the setting ``NEWSDESK_SENTENCE_ENCODER`` (a dotted path, or
None). Without the optional extra installed there is none, and versions in a
language other than the story's are shown as not aligned.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count

from .alignment.segment import segment
from .encoders import EncoderUnavailable, SentenceEncoder, load_encoder
from .models import Revision, SentenceEmbedding

log = logging.getLogger(__name__)

STORED_DTYPE = np.float16


def sentence_encoder() -> SentenceEncoder | None:
    """The configured encoder, or None when none is set or it cannot load."""
    return _encoder(getattr(settings, "NEWSDESK_SENTENCE_ENCODER", None))


@lru_cache(maxsize=4)
def _encoder(path: str | None) -> SentenceEncoder | None:
    try:
        return load_encoder(path)
    except EncoderUnavailable as error:
        log.warning("No sentence encoder (%s): other-language versions stay unaligned", error)
        return None


def text_hash(text: str) -> str:
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=16).hexdigest()


def sentence_texts(body: str) -> list[str]:
    """The body's sentences as the alignment core segments it."""
    return [s.text for s in segment("", body)]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=STORED_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=STORED_DTYPE).astype(np.float32)


def embed_revision(revision_id: int, *, encoder: SentenceEncoder | None = None) -> str:
    """Store a vector for every sentence of the revision that lacks one.

    Idempotent: a second run finds every sentence stored and does nothing.
    Returns a one-line summary."""
    encoder = encoder or sentence_encoder()
    if encoder is None:
        return "no sentence encoder configured"
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return f"revision {revision_id} no longer exists"
    texts = sentence_texts(revision.body)
    hashes = [text_hash(t) for t in texts]
    have = set(
        SentenceEmbedding.objects.filter(revision=revision, encoder=encoder.name).values_list(
            "index", "text_hash"
        )
    )
    wanted = [i for i, h in enumerate(hashes) if (i, h) not in have]
    if not wanted:
        return "unchanged"
    # Vectors this encoder already made for the same sentence elsewhere.
    known: dict[str, bytes] = {}
    for digest, vector in SentenceEmbedding.objects.filter(
        encoder=encoder.name, text_hash__in={hashes[i] for i in wanted}
    ).values_list("text_hash", "vector"):
        known.setdefault(digest, bytes(vector))
    missing = sorted({hashes[i] for i in wanted if hashes[i] not in known})
    if missing:
        first_text = {h: t for t, h in zip(texts, hashes, strict=True)}
        vectors = encoder.encode([first_text[h] for h in missing], kind="passage")
        known.update((h, to_bytes(v)) for h, v in zip(missing, vectors, strict=True))
    try:
        with transaction.atomic():
            # Rows of an older segmentation are replaced, not kept beside the new ones.
            SentenceEmbedding.objects.filter(
                revision=revision, encoder=encoder.name, index__in=wanted
            ).delete()
            SentenceEmbedding.objects.bulk_create(
                SentenceEmbedding(
                    revision=revision,
                    encoder=encoder.name,
                    index=i,
                    text_hash=hashes[i],
                    vector=known[hashes[i]],
                )
                for i in wanted
            )
            SentenceEmbedding.objects.filter(
                revision=revision, encoder=encoder.name, index__gte=len(texts)
            ).delete()
    except IntegrityError:
        return "another worker embedded this revision at the same time"
    return f"embedded {len(wanted)} sentences ({len(missing)} encoded)"


def embed_article(article_id: int) -> str:
    """Embed the article's current revision, then realign its story if the
    new vectors change what alignment can do."""
    from . import pipeline
    from .models import Article

    if sentence_encoder() is None:
        return "no sentence encoder configured"
    article = Article.objects.with_current_revision().filter(pk=article_id).first()
    if article is None or article.current_revision is None:
        return f"article {article_id} has no text to embed"
    outcome = embed_revision(article.current_revision.pk)
    if outcome.startswith("embedded") and article.story_id is not None:
        pipeline.story_changed(article.story)
    return outcome


def stored_vectors(revision_ids, encoder_name: str) -> dict[int, dict[str, np.ndarray]]:
    """For each revision, its stored vectors by sentence text hash."""
    found: dict[int, dict[str, np.ndarray]] = {rid: {} for rid in revision_ids}
    rows = SentenceEmbedding.objects.filter(
        revision_id__in=list(found), encoder=encoder_name
    ).values_list("revision_id", "text_hash", "vector")
    for revision_id, digest, vector in rows:
        found[revision_id][digest] = from_bytes(vector)
    return found


def sentence_matrices(
    revision_ids, encoder_name: str, *, limit: int | None = None
) -> dict[int, np.ndarray]:
    """For each revision with stored vectors, its sentences' vectors in
    reading order, one row each (the first ``limit`` sentences)."""
    rows = SentenceEmbedding.objects.filter(
        revision_id__in=list(revision_ids), encoder=encoder_name
    )
    if limit is not None:
        rows = rows.filter(index__lt=limit)
    found: dict[int, list[np.ndarray]] = {}
    for revision_id, vector in rows.order_by("revision_id", "index").values_list(
        "revision_id", "vector"
    ):
        found.setdefault(revision_id, []).append(from_bytes(vector))
    return {revision_id: np.vstack(vectors) for revision_id, vectors in found.items()}


def embedded_counts(revision_ids, encoder_name: str) -> dict[int, int]:
    """How many sentence vectors each revision has stored (for inputs hashes)."""
    counts = dict.fromkeys(revision_ids, 0)
    rows = (
        SentenceEmbedding.objects.filter(revision_id__in=list(counts), encoder=encoder_name)
        .values("revision_id")
        .annotate(n=Count("pk"))
        .values_list("revision_id", "n")
    )
    counts.update(rows)
    return counts
