"""Every automatic grouping decision, with its evidence, so editors can review and undo."""

from django.db import models


class GroupingDecision(models.Model):
    class Action(models.TextChoices):
        ASSIGNED = "assigned", "Assigned to story"
        SUGGESTED = "suggested", "Suggested to editors"
        NEW_STORY = "new_story", "Started a new story"
        RELATED = "related", "Marked related"

    class Status(models.TextChoices):
        APPLIED = "applied"
        PENDING = "pending"
        ACCEPTED = "accepted"
        REJECTED = "rejected"
        UNDONE = "undone"

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="grouping_decisions"
    )
    story = models.ForeignKey(
        "Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="grouping_decisions"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    score = models.FloatField(default=0)
    evidence = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "action"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.article} → {self.story or '—'}"
