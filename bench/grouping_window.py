"""Grouping through Django, one task per new article: what each costs as the
window and the archive grow (the core alone is bench/grouping.py).

Loads generated articles (bench/corpus.py) into a throwaway test database as
an archive already grouped (each imported when it was published), with the
grouping fingerprints ingest keeps for every revision (built here with
``store_fingerprints``, as ingest does one by one; that time is shown too),
then groups 20 new articles as production does: one `group_article` task
each, enqueued on django-tasks' database backend and run by its database
worker (in this process, so its CPU time can be read). Timed: the new
worker's first task, which reads its window from the stored fingerprints
(its wall time as the task result records it, and its CPU time, which on
SQLite is the whole task, for a busy machine), and the tasks after it, per
article, from the worker's claim to the result stored. Before the timed
tasks, one more new worker's first decision runs under tracemalloc, for the
memory it takes: Python's allocations at their peak, and how much the
process's resident memory grew (RSS after the call less RSS before).

    .venv/bin/python -m bench.grouping_window [--sizes 1000:0 10000:0 1000:6000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python -m bench.grouping_window

Each size is WINDOW:OLDER — articles inside the 14-day window, and articles
months older that must cost nothing. Targets: the per-article cost stays flat
(at 10,000 at most 1.5 times that at 1,000), and a new worker decides within
2 s with 10,000 articles in its window.
"""

import argparse
import gc
import logging
import os
import time
import tracemalloc
from datetime import UTC, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
# Tasks go through the database, as in production. Only grouping is timed:
# the realignments it queues wait in their own queue, which no worker runs.
os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks import TaskResultStatus  # noqa: E402
from django_tasks_db import DatabaseBackend  # noqa: E402
from django_tasks_db.management.commands.db_worker import Worker  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from bench.corpus import generate  # noqa: E402
from bench.render import QueryCounter  # noqa: E402
from bench.throwaway_db import throwaway_database  # noqa: E402
from stories import tasks  # noqa: E402
from stories.grouping import forget_window, group_article, store_fingerprints  # noqa: E402
from stories.models import Article, Outlet, Revision, Story  # noqa: E402

NEW = 20
QUEUE = "grouping"


def load(articles, *, tag: str, shift=timedelta(0), grouped=True):
    """Store generated articles (and their stories when ``grouped``) in bulk."""
    outlets = {}
    for a in articles:
        if a.outlet not in outlets:
            outlets[a.outlet], _ = Outlet.objects.get_or_create(name=a.outlet)
    stories = {}
    if grouped:
        labels = sorted({a.label for a in articles})
        rows = Story.objects.bulk_create(
            Story(title=f"{tag} {label}", slug=f"{tag}-{label}".lower()) for label in labels
        )
        stories = dict(zip(labels, rows, strict=True))
    rows = Article.objects.bulk_create(
        Article(
            outlet=outlets[a.outlet],
            headline=a.headline[:500],
            published_at=a.published.replace(tzinfo=UTC) + shift,
            story=stories.get(a.label),
        )
        for a in articles
    )
    Revision.objects.bulk_create(
        Revision(
            article=row,
            headline=row.headline,
            body=a.body,
            source_kind="api",
            content_hash=Revision.hash_content(headline=row.headline, standfirst="", body=a.body),
        )
        for row, a in zip(rows, articles, strict=True)
    )
    # An archive was loaded earlier, not in the last seconds, each article
    # imported when it was published.
    for row in rows:
        row.created_at = row.published_at
    Article.objects.bulk_update(rows, ["created_at"], batch_size=500)
    Article.objects.filter(pk__in=[r.pk for r in rows]).update(
        updated_at=timezone.now() - timedelta(days=1)
    )
    return rows


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(window: int, older: int, seed: int) -> dict:
    DBTaskResult.objects.all().delete()
    Article.objects.update(story=None)
    Story.objects.all().delete()
    Revision.objects.all().delete()
    Article.objects.all().delete()
    corpus = generate(stories=round(window / 3) + 10, seed=seed, span_days=10.0)
    inside, new = corpus[:window], corpus[window : window + NEW + 1]
    if older:
        archive = generate(stories=round(older / 3) + 10, seed=seed + 100, span_days=10.0)
        load(archive[:older], tag=f"old{seed}", shift=timedelta(days=-200))
    load(inside, tag=f"win{seed}")
    fresh = load(new, tag=f"new{seed}", grouped=False)
    # New articles were imported just now.
    Article.objects.filter(pk__in=[r.pk for r in fresh]).update(created_at=timezone.now())
    start = time.perf_counter()
    store_fingerprints(Article.objects.all())
    fingerprints = time.perf_counter() - start
    # The new worker's memory: its first call once more (on an article of
    # its own), traced, with no other window alive.
    forget_window()
    gc.collect()
    before = rss_mb()
    tracemalloc.start()
    group_article(fresh[-1].pk)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    grown = rss_mb() - before
    forget_window()
    gc.collect()
    first, first_cpu, per, queries = through_worker(fresh[:NEW])
    return {
        "fingerprints": fingerprints,
        "worker": first,
        "worker_cpu": first_cpu,
        "per": per * 1000,
        "queries": queries,
        "traced": traced,
        "grown": grown,
    }


def through_worker(articles) -> tuple[float, float, float, float]:
    """Enqueue a grouping task for each of ``articles`` and run them with a
    new database worker. Returns the first task's wall and CPU time, the
    others' time per article from claim to stored result, and their queries
    per article (the worker's own included)."""
    queued = [tasks.group_article.using(queue_name=QUEUE).enqueue(a.pk) for a in articles]
    worker = Worker(
        queue_names=[QUEUE],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="bench-worker",
        excluded_queue_names=[],
    )
    cpu = time.process_time()
    worker.run()
    first_cpu = time.process_time() - cpu
    worker.max_tasks = None
    counted = QueryCounter()
    with connection.execute_wrapper(counted):
        worker.run()
    results = {str(r.pk): r for r in DBTaskResult.objects.filter(pk__in=[q.id for q in queued])}
    done = [results[q.id] for q in queued]
    failed = [r for r in done if r.status != TaskResultStatus.SUCCESSFUL]
    if failed:
        raise SystemExit(f"{len(failed)} grouping tasks did not succeed: {failed[0].traceback}")
    first = (done[0].finished_at - done[0].started_at).total_seconds()
    rest = sorted(done[1:], key=lambda r: r.started_at)
    per = (rest[-1].finished_at - rest[0].started_at).total_seconds() / len(rest)
    return first, first_cpu, per, len(counted) / len(rest)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1000:0", "10000:0", "1000:6000"])
    args = parser.parse_args()
    for name in ("django_tasks", "django_tasks_db"):  # one line per task otherwise
        logging.getLogger(name).setLevel(logging.WARNING)
    throwaway_database()
    # Through override_settings, which tells django-tasks to drop the backend
    # the test settings made (assigning settings.TASKS would not).
    override_settings(
        TASKS={"default": {"BACKEND": os.environ["TASKS_BACKEND"], "QUEUES": ["default", QUEUE]}}
    ).enable()
    assert isinstance(tasks.group_article.get_backend(), DatabaseBackend)
    print(f"database: {connection.vendor}")
    print(
        f"{'window':>7} {'older':>6} {'fingerprints s':>14} {'new worker s':>12}"
        f" {'its CPU s':>9} {'ms/article':>10} {'queries':>8} {'traced MB':>9} {'RSS +MB':>8}"
    )
    for seed, size in enumerate(args.sizes):
        window, older = (int(x) for x in size.split(":"))
        r = measure(window, older, seed)
        print(
            f"{window:>7} {older:>6} {r['fingerprints']:>14.1f} {r['worker']:>12.2f}"
            f" {r['worker_cpu']:>9.2f} {r['per']:>10.1f} {r['queries']:>8.1f}"
            f" {r['traced']:>9.0f} {r['grown']:>8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
