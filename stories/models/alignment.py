"""The stored result of aligning a story's versions. Written only by
``stories.aligning.realign_story``, replaced as a whole, read by the views."""

from django.db import models

from stories.alignment.types import DIVERGENCES


class StoryAlignment(models.Model):
    story = models.OneToOneField("Story", on_delete=models.CASCADE, related_name="alignment")
    inputs_hash = models.CharField(max_length=64)
    reference_revision = models.ForeignKey(
        "Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference_reason = models.CharField(
        max_length=300, blank=True, help_text="Why that version is the reference."
    )
    revisions = models.ManyToManyField("Revision", related_name="alignments")
    terms = models.JSONField(default=list)
    quotes = models.JSONField(default=list)
    annotations = models.JSONField(default=list)
    stats = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Alignment of {self.story}"


class PassageKind(models.TextChoices):
    COMMON = "common", "Carried by every version"
    SHARED = "shared", "Carried by several versions"
    UNIQUE = "unique", "Carried by one version"


class Passage(models.Model):
    alignment = models.ForeignKey(StoryAlignment, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=PassageKind.choices)
    text = models.TextField(help_text="The reference wording (or the only member's).")
    reference_revision = models.ForeignKey("Revision", on_delete=models.CASCADE, related_name="+")
    flags = models.JSONField(
        default=list, help_text="Divergence types present, for filtering without joins."
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["alignment", "position"], name="passage_position")
        ]

    def __str__(self):
        return f"#{self.position} {self.text[:60]}"


class PassageMember(models.Model):
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="members")
    revision = models.ForeignKey("Revision", on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    score = models.FloatField()
    sentences = models.JSONField(default=list, help_text="Sentence indexes in the version.")
    diff = models.JSONField(default=list, help_text="Word operations against the reference.")
    is_reference = models.BooleanField(default=False)

    class Meta:
        ordering = ["passage", "pk"]
        constraints = [models.UniqueConstraint(fields=["passage", "revision"], name="member_once")]

    def __str__(self):
        return f"revision {self.revision_id} in passage {self.passage_id}"


class Divergence(models.Model):
    # Choices from the alignment core's one list of divergence types.
    Type = models.TextChoices("Type", [(t.value.upper(), (t.value, t.label)) for t in DIVERGENCES])

    alignment = models.ForeignKey(
        StoryAlignment, on_delete=models.CASCADE, related_name="divergences"
    )
    passage = models.ForeignKey(
        Passage, null=True, on_delete=models.CASCADE, related_name="divergences"
    )
    revision = models.ForeignKey("Revision", on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=20, choices=Type.choices)
    detail = models.CharField(max_length=500)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["passage__position", "type", "pk"]

    def __str__(self):
        return self.detail
