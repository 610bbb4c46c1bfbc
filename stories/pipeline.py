"""What happens after an article or story changes: the hooks ingest, grouping
and the admin call, so each of them stays unaware of the others."""

from django.db import transaction


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
            tasks.realign_story.enqueue(article.story_id)
        if getattr(settings, "NEWSDESK_SENTENCE_ENCODER", None):
            tasks.embed_article.enqueue(article.pk)

    transaction.on_commit(enqueue)


def story_changed(story, *, force: bool = False) -> None:
    """Call after a story's membership or reference changed: realign it.

    ``force`` recomputes even when the inputs look unchanged (an editor's
    explicit "rerun alignment", say after an engine upgrade)."""
    from . import tasks

    transaction.on_commit(lambda: tasks.realign_story.enqueue(story.pk, force=force))
