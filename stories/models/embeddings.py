"""Sentence vectors of a revision, computed once by the embedding task and
read by alignment (``stories.embeddings``)."""

from django.db import models


class SentenceEmbedding(models.Model):
    """One sentence of a revision as a sentence encoder sees it.

    ``index`` is the sentence's place in the alignment core's segmentation
    of the revision's body and ``text_hash`` a digest of its text: when
    segmentation changes, stale rows no longer match and are recomputed.
    ``vector`` holds float16 values (half the bytes of float32; cosines
    move by less than 0.001)."""

    revision = models.ForeignKey(
        "Revision", on_delete=models.CASCADE, related_name="sentence_embeddings"
    )
    encoder = models.CharField(max_length=100, help_text="The model that made the vector.")
    index = models.PositiveIntegerField()
    text_hash = models.CharField(max_length=32)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "encoder", "index"], name="embedding_unique_sentence"
            )
        ]
        indexes = [models.Index(fields=["encoder", "text_hash"], name="embedding_text")]

    def __str__(self):
        return f"{self.revision_id}#{self.index} ({self.encoder})"
