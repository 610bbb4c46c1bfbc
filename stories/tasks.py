"""Background tasks (django-tasks). Each is idempotent: running one twice does
no more than running it once, so a task taken back from a dead worker
(``stories/worker.py``) may simply run again."""

from django_tasks import task


@task()
def realign_story(story_id: int, force: bool = False) -> str:
    from .aligning import realign_story as realign
    from .pipeline import realign_started

    force = realign_started(story_id) or force
    return realign(story_id, force=force)


@task()
def group_article(article_id: int) -> str:
    from .grouping import group_article as group

    return str(group(article_id))


@task()
def embed_article(article_id: int) -> str:
    from .embeddings import embed_article as embed

    return embed(article_id)
