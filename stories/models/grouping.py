"""Every automatic grouping decision, with its evidence, so editors can review and undo."""

from django.db import models, transaction
from django.utils import timezone


class GroupingDecisionQuerySet(models.QuerySet):
    def pending(self):
        """Suggestions waiting for an editor."""
        return self.filter(status=GroupingDecision.Status.PENDING)

    def undoable(self):
        """Automatic changes and accepted suggestions that can still be reverted."""
        return self.filter(
            status__in=[GroupingDecision.Status.APPLIED, GroupingDecision.Status.ACCEPTED]
        )

    def declined_for(self, article):
        """Stories editors turned down for ``article``: rejected suggestions and
        undone assignments. Grouping never offers them again."""
        return self.filter(
            article=article,
            status__in=[GroupingDecision.Status.REJECTED, GroupingDecision.Status.UNDONE],
            story__isnull=False,
        ).exclude(action=GroupingDecision.Action.RELATED)


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

    objects = GroupingDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "action"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.article} → {self.story or '—'}"

    # --- editors' answers ------------------------------------------------------
    @transaction.atomic
    def accept(self) -> None:
        """Move the article into the suggested story, as an editor's choice (so
        grouping never moves it again). The draft story grouping had started
        for it goes if nothing else is in it."""
        if self.action != self.Action.SUGGESTED or self.status != self.Status.PENDING:
            raise ValueError("Only a pending suggestion can be accepted.")
        if self.story_id is None:
            raise ValueError("The suggested story no longer exists.")
        article = self._locked_article()
        previous = article.story
        article.move_to(self.story, by_editor=True)
        self._close(self.Status.ACCEPTED, previous_story=previous)
        self._story_changed(self.story)
        self._forget_started_story(previous, article)

    def reject(self) -> None:
        """Turn the suggestion down; it is not offered again."""
        if self.status != self.Status.PENDING:
            raise ValueError("Only a pending suggestion can be rejected.")
        self._close(self.Status.REJECTED)

    @transaction.atomic
    def undo(self) -> None:
        """Revert an automatic change (or an accepted suggestion).

        An assignment puts the article back where it was (its previous story,
        else the editors' inbox), marked as placed by an editor so grouping
        leaves it there; a started story goes back to the inbox too (the story
        is deleted if it is left empty and unpublished); a related link is
        removed."""
        if self.status not in (self.Status.APPLIED, self.Status.ACCEPTED):
            raise ValueError("Only an applied decision or an accepted suggestion can be undone.")
        if self.action == self.Action.RELATED:
            self._unrelate()
        else:
            self._move_back()
        self.status = self.Status.UNDONE
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_at"])

    # --- helpers -----------------------------------------------------------------
    def _locked_article(self):
        from .core import Article

        return (
            Article.objects.select_for_update(of=("self",))
            .select_related("story")
            .get(pk=self.article_id)
        )

    def _close(self, status: str, *, previous_story=None) -> None:
        self.status = status
        self.decided_at = timezone.now()
        fields = ["status", "decided_at"]
        if status == self.Status.ACCEPTED:
            self.evidence = {
                **self.evidence,
                "previous_story": previous_story.pk if previous_story else None,
            }
            fields.append("evidence")
        self.save(update_fields=fields)

    def _move_back(self) -> None:
        from .core import Story

        article = self._locked_article()
        if article.story_id != self.story_id:
            raise ValueError("The article has moved since; there is nothing to undo.")
        previous_id = self.evidence.get("previous_story")
        previous = Story.objects.filter(pk=previous_id).first() if previous_id else None
        left = article.story
        article.move_to(previous, by_editor=True)
        if previous is not None:
            self._story_changed(previous)
        if left is not None:
            if self.action == self.Action.NEW_STORY and self._disposable(left):
                left.delete()
            else:
                self._story_changed(left)

    def _unrelate(self) -> None:
        from .core import Story

        origin = Story.objects.filter(pk=self.evidence.get("from_story")).first()
        if origin is not None and self.story_id is not None:
            origin.related.remove(self.story_id)

    def _forget_started_story(self, story, article) -> None:
        """Delete ``story`` if grouping started it for ``article`` and it is now empty."""
        if story is None or not self._disposable(story):
            return
        started = GroupingDecision.objects.filter(
            article=article, story=story, action=self.Action.NEW_STORY
        ).exists()
        if started:
            story.delete()

    @staticmethod
    def _disposable(story) -> bool:
        return not story.published and not story.articles.exists()

    @staticmethod
    def _story_changed(story) -> None:
        from stories import pipeline

        pipeline.story_changed(story)
