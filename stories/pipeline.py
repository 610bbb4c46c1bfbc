"""What happens after an article or story changes: the hooks ingest, grouping
and the admin call, so each of them stays unaware of the others."""

from django.db import IntegrityError, transaction


def article_changed(article) -> None:
    """Call after an article got a new revision or moved story (inside or outside
    a transaction): once the data is committed, the article is grouped when it
    has no story, and its story is realigned; with a sentence encoder set, its
    sentences are embedded (which realigns the story again when that matters)."""
    from django.conf import settings

    from . import tasks

    def enqueue():
        if article.story_id is None:
            tasks.group_article.enqueue(article.pk)
        else:
            request_realign(article.story_id)
        if getattr(settings, "NEWSDESK_SENTENCE_ENCODER", None):
            tasks.embed_article.enqueue(article.pk)

    transaction.on_commit(enqueue)


def story_changed(story, *, force: bool = False) -> None:
    """Call after a story's membership or reference changed: realign it.

    ``force`` recomputes even when the inputs look unchanged (an editor's
    explicit "rerun alignment", say after an engine upgrade)."""
    transaction.on_commit(lambda: request_realign(story.pk, force=force))


def request_realign(story_id: int, *, force: bool = False) -> bool:
    """Queue a realignment of the story unless one is queued and not started
    yet: the waiting task will read everything committed by the time it
    runs. Returns whether a task was queued. The request row and the task are
    written in one transaction, so neither exists without the other."""
    from . import tasks
    from .models import AlignmentRequest

    try:
        with transaction.atomic():
            request, created = AlignmentRequest.objects.get_or_create(
                story_id=story_id, defaults={"force": force}
            )
            if created:
                tasks.realign_story.enqueue(story_id)
            elif force and not request.force:
                AlignmentRequest.objects.filter(pk=request.pk).update(force=True)
    except IntegrityError:  # the story was deleted meanwhile: nothing to align
        return False
    return created


def realign_started(story_id: int) -> bool:
    """The queued realignment of the story starts: drop its request, so a
    change from now on queues another. Returns the request's ``force``."""
    from .models import AlignmentRequest

    with transaction.atomic():
        request = AlignmentRequest.objects.select_for_update().filter(story_id=story_id).first()
        if request is None:
            return False
        request.delete()
        return request.force
