"""Grouping through Django, one task per new article: what each costs as the
window and the archive grow (the core alone is bench/grouping.py).

Loads generated articles (bench/corpus.py) into a throwaway test database as
an archive already grouped (each imported when it was published), with the
grouping fingerprints ingest keeps for every revision (built here with
``store_fingerprints``, as ingest does one by one; that time is shown too),
then times `stories.grouping.group_article` for 20 new articles: the first
call of a new worker, which reads its window from the stored fingerprints,
and the calls after it (wall time; the new worker's own CPU time beside it,
which on SQLite is the whole call, for a busy machine). Before the timed
calls, one more new worker's first call runs under tracemalloc, for the
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
import os
import time
import tracemalloc
from datetime import UTC, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
# Only grouping is timed: the realignments it queues are stored, not run.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.corpus import generate  # noqa: E402
from bench.render import QueryCounter  # noqa: E402
from stories.grouping import forget_window, group_article, store_fingerprints  # noqa: E402
from stories.models import Article, Outlet, Revision, Story  # noqa: E402

NEW = 20


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
    start, cpu = time.perf_counter(), time.process_time()
    group_article(fresh[0].pk)
    worker, worker_cpu = time.perf_counter() - start, time.process_time() - cpu
    queries = QueryCounter()
    start = time.perf_counter()
    with connection.execute_wrapper(queries):
        for article in fresh[1:NEW]:
            group_article(article.pk)
    calls = NEW - 1
    per = (time.perf_counter() - start) / calls
    return {
        "fingerprints": fingerprints,
        "worker": worker,
        "worker_cpu": worker_cpu,
        "per": per * 1000,
        "queries": len(queries) / calls,
        "traced": traced,
        "grown": grown,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1000:0", "10000:0", "1000:6000"])
    args = parser.parse_args()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    settings.TASKS = {"default": {"BACKEND": os.environ["TASKS_BACKEND"]}}
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
