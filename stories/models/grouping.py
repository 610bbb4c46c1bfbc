"""Every automatic grouping decision, with its evidence, so editors can review and undo."""

from django.db import models, transaction
from django.db.models import Q
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

    def carry_to(self, *, into, other, settled) -> None:
        """When ``other`` is merged into ``into`` (by an editor or by grouping):
        the log of ``other`` now concerns ``into``; nothing is deleted (the log
        is the audit trail). Suggestions the merge settled (their article, one of
        ``settled``, is in the story now) and links between the two stories are
        superseded."""
        now = timezone.now()
        self.filter(
            status=GroupingDecision.Status.PENDING, story__in=[into, other], article__in=settled
        ).update(status=GroupingDecision.Status.SUPERSEDED, decided_at=now)
        between = [
            d
            for d in self.filter(action=GroupingDecision.Action.RELATED, story__in=[into, other])
            if {d.story_id, d.evidence.get("from_story")} == {into.pk, other.pk}
        ]
        for decision in between:
            if decision.status in (
                GroupingDecision.Status.APPLIED,
                GroupingDecision.Status.ACCEPTED,
            ):
                decision.status, decision.decided_at = GroupingDecision.Status.SUPERSEDED, now
                decision.save(update_fields=["status", "decided_at"])
        for decision in self.filter(
            action=GroupingDecision.Action.RELATED, evidence__from_story=other.pk
        ):
            decision.evidence = {**decision.evidence, "from_story": into.pk}
            decision.save(update_fields=["evidence"])
        self.filter(story=other).update(story=into)
        # Two links of the merged stories to a third are one link now: one decision
        # stands for it, so undoing it removes the link and nothing is left over.
        standing = {}
        for decision in self.filter(
            Q(story=into) | Q(evidence__from_story=into.pk),
            action=GroupingDecision.Action.RELATED,
            status=GroupingDecision.Status.APPLIED,
        ).order_by("created_at", "pk"):
            pair = frozenset((decision.story_id, decision.evidence.get("from_story")))
            if pair in standing:
                decision.status, decision.decided_at = GroupingDecision.Status.SUPERSEDED, now
                decision.save(update_fields=["status", "decided_at"])
            else:
                standing[pair] = decision


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
        # Overtaken by another decision (the article was placed otherwise, or
        # the two stories were merged): not an editor's "no".
        SUPERSEDED = "superseded"

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="grouping_decisions"
    )
    story = models.ForeignKey(
        "Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="grouping_decisions"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    status = models.CharField(max_length=10, choices=Status.choices)

    class Coverage(models.TextChoices):
        # What an assignment says: a version of a report the story holds
        # (shared wording), or the outlet's own report of the same event.
        VERSION = "version", "Version of the same report"
        INDEPENDENT = "independent", "Independent report of the same event"

    coverage = models.CharField(max_length=12, choices=Coverage.choices, blank=True)
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
        grouping never moves it again). Its other pending suggestions are
        superseded; the draft story grouping had started for it goes if no
        editor has touched it and nothing else is in it."""
        self._lock(self.Status.PENDING, action=self.Action.SUGGESTED)
        if self.story_id is None:
            raise ValueError("The suggested story no longer exists.")
        article = self._locked_article()
        previous = article.story
        article.move_to(self.story, by_editor=True)
        self._close(self.Status.ACCEPTED, previous_story=previous)
        GroupingDecision.objects.pending().filter(article_id=self.article_id).exclude(
            pk=self.pk
        ).update(status=self.Status.SUPERSEDED, decided_at=self.decided_at)
        self._story_changed(self.story)
        self._forget_started_story(previous, article)

    @transaction.atomic
    def reject(self) -> None:
        """Turn the suggestion down; it is not offered again."""
        self._lock(self.Status.PENDING)
        self._close(self.Status.REJECTED)

    @transaction.atomic
    def undo(self) -> None:
        """Revert an automatic change (or an accepted suggestion).

        An assignment puts the article back where it was (its previous story,
        else the editors' inbox), marked as placed by an editor so grouping
        leaves it there; a started story goes back to the inbox too (the story
        is deleted if no editor has touched it and it is left empty); a
        related link is removed."""
        self._lock(self.Status.APPLIED, self.Status.ACCEPTED)
        if self.action == self.Action.RELATED:
            self._unrelate()
        else:
            self._move_back()
        self._close(self.Status.UNDONE)

    # --- helpers -----------------------------------------------------------------
    def _lock(self, *statuses: str, action: str | None = None) -> None:
        """Lock this row and check, on the row as it is now, that it is still in
        one of ``statuses``: two editors answering at once cannot both act."""
        current = GroupingDecision.objects.select_for_update().get(pk=self.pk)
        self.status, self.story_id, self.evidence = (
            current.status,
            current.story_id,
            current.evidence,
        )
        if current.status not in statuses or (action and self.action != action):
            wanted = " or ".join(statuses)
            raise ValueError(f"Only a decision that is {wanted} can be answered this way.")

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
            if self.action == self.Action.NEW_STORY and self._untouched_draft(left, self):
                left.delete()
            else:
                self._story_changed(left)

    def _unrelate(self) -> None:
        from .core import Story

        origin = Story.objects.filter(pk=self.evidence.get("from_story")).first()
        if origin is None or not origin.related.filter(pk=self.story_id).exists():
            raise ValueError("The two stories are not linked any more; there is nothing to undo.")
        origin.related.remove(self.story_id)

    def _forget_started_story(self, story, article) -> None:
        """Delete ``story`` if grouping started it for ``article``, it is empty
        now and no editor has touched it."""
        if story is None:
            return
        started = GroupingDecision.objects.filter(
            article=article, story=story, action=self.Action.NEW_STORY
        ).first()
        if started is not None and self._untouched_draft(story, started):
            story.delete()

    @staticmethod
    def _untouched_draft(story, started: "GroupingDecision") -> bool:
        """True for an empty draft exactly as grouping started it: unpublished,
        unlocked, no summary or reference, the automatic title, and no related
        link but those grouping logged."""
        if story.published or story.locked or story.summary.strip():
            return False
        if story.reference_article_id or story.articles.exists():
            return False
        if story.title != started.evidence.get("title", story.title):
            return False
        logged = set()
        for story_id, origin in GroupingDecision.objects.filter(
            Q(story=story) | Q(evidence__from_story=story.pk),
            action=GroupingDecision.Action.RELATED,
            status=GroupingDecision.Status.APPLIED,
        ).values_list("story_id", "evidence__from_story"):
            logged.add(origin if story_id == story.pk else story_id)
        return set(story.related.values_list("pk", flat=True)) <= logged

    @staticmethod
    def _story_changed(story) -> None:
        from stories import pipeline

        pipeline.story_changed(story)


class GroupingFingerprint(models.Model):
    """What grouping keeps of an article's current revision (the core's
    ``Document``, see ``stories.evidence.fingerprint``), stored at ingest with
    each new revision (``Article.add_revision``), so a worker that starts loads
    its window instead of re-reading every text. Grouping builds the ones that
    are missing (articles stored in bulk, an older format) when it first reads
    them; ``stories.grouping.store_fingerprints`` builds them ahead."""

    article = models.OneToOneField(
        "Article", on_delete=models.CASCADE, primary_key=True, related_name="grouping_fingerprint"
    )
    revision = models.ForeignKey("Revision", on_delete=models.CASCADE, related_name="+")
    format = models.PositiveSmallIntegerField()
    data = models.BinaryField()

    def __str__(self):
        return f"Grouping fingerprint of article {self.article_id} (revision {self.revision_id})"
