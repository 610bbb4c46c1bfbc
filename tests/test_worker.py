"""Background work that survives: one queued realignment per story, dead
workers' tasks taken back, the schedule run by the workers, and a real worker
killed with SIGKILL mid-task whose task the next worker finishes (on a
database of the suite's kind: a SQLite file, or a PostgreSQL database)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from stories import pipeline, worker
from stories.ingest import api
from stories.models import AlignmentRequest, ScheduledJob, Story, StoryAlignment, WorkerHeartbeat

from .conftest import REPO
from .ingest.generated import article
from .worker_tasks import record_starts

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    return settings


def jsonl(count: int, *, story: str, first: int = 0) -> list[str]:
    return [
        json.dumps(
            {
                "outlet": f"Outlet {n % 4}",
                "story": story,
                "url": f"https://collapse.example/{n}",
                "text": "\n\n".join(article(700 + n)["paragraphs"]),
            }
        )
        for n in range(first, first + count)
    ]


def run_queued(task: DBTaskResult) -> None:
    """Run one queued task as the database worker does, in this process."""
    runner = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    task.claim("test-worker")
    runner.run_task(task)


def realign_tasks():
    return DBTaskResult.objects.filter(task_path="stories.tasks.realign_story")


@pytest.mark.django_db
def test_one_import_of_many_articles_queues_one_realignment(
    database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        results = api.ingest_jsonl(lines=jsonl(30, story="one-story"))
    assert {r.outcome for r in results} == {api.Outcome.CREATED}
    story = Story.objects.get(slug="one-story")
    assert realign_tasks().count() == 1
    assert list(AlignmentRequest.objects.values_list("story_id", flat=True)) == [story.pk]

    run_queued(realign_tasks().get())
    [done] = realign_tasks()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert StoryAlignment.objects.get(story=story).passages.exists()
    assert not AlignmentRequest.objects.exists()

    # Once that task has started, a new change queues a new one.
    with django_capture_on_commit_callbacks(execute=True):
        api.ingest_jsonl(lines=jsonl(1, story="one-story", first=30))
    assert realign_tasks().filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db
def test_a_forced_request_joins_the_waiting_one(database_tasks):
    story = Story.objects.create(title="Forced")
    assert pipeline.request_realign(story.pk) is True
    assert pipeline.request_realign(story.pk, force=True) is False
    assert realign_tasks().count() == 1
    assert AlignmentRequest.objects.get(story=story).force is True
    assert pipeline.realign_started(story.pk) is True
    assert not AlignmentRequest.objects.exists()


def claimed_task(worker_id: str, *, claims: int = 1, started_ago: timedelta = timedelta(0)):
    result = record_starts.using(backend="default").enqueue("/nonexistent")
    task = DBTaskResult.objects.get(pk=result.id)
    for n in range(claims):
        task.claim(f"{worker_id}-{n}" if n < claims - 1 else worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - started_ago)
    return task


@pytest.mark.django_db
def test_the_reaper_takes_back_only_tasks_whose_worker_is_gone(database_tasks):
    lease = timedelta(seconds=database_tasks.NEWSDESK_WORKER_LEASE_SECONDS)
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=now)
    WorkerHeartbeat.objects.create(worker_id="silent", seen_at=now - lease * 2)
    WorkerHeartbeat.objects.create(worker_id="stopped", seen_at=now, stopped_at=now)
    alive = claimed_task("alive")
    silent = claimed_task("silent")
    stopped = claimed_task("stopped")
    plain_recent = claimed_task("plain-db-worker", started_ago=timedelta(minutes=5))
    plain_old = claimed_task("plain-db-worker-2", started_ago=timedelta(hours=2))

    reaped = worker.reap()

    assert sorted(reaped.requeued) == sorted(str(t.pk) for t in (silent, stopped, plain_old))
    statuses = {t.pk: DBTaskResult.objects.get(pk=t.pk).status for t in (alive, plain_recent)}
    assert set(statuses.values()) == {TaskResultStatus.RUNNING}
    requeued = DBTaskResult.objects.get(pk=silent.pk)
    assert (requeued.status, requeued.started_at) == (TaskResultStatus.READY, None)
    assert worker.reap().requeued == []  # nothing left to take back


@pytest.mark.django_db
def test_a_task_that_keeps_killing_its_worker_fails_with_a_reason(database_tasks):
    WorkerHeartbeat.objects.create(worker_id="gone", seen_at=timezone.now() - timedelta(hours=1))
    task = claimed_task("gone", claims=database_tasks.NEWSDESK_TASK_MAX_ATTEMPTS)
    assert worker.reap().failed == [str(task.pk)]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert "stopped 3 times before it finished" in task.traceback
    assert task.exception_class_path == "stories.worker.WorkerLost"


@pytest.mark.django_db
def test_the_schedule_enqueues_each_due_job_once_among_many_workers(database_tasks):
    now = timezone.now()
    assert worker.enqueue_due(now=now) == ["poll_feeds"]
    assert worker.enqueue_due(now=now) == []  # a second worker at the same moment
    polls = DBTaskResult.objects.filter(task_path="stories.ingest.tasks.poll_feeds")
    assert polls.count() == 1
    later = now + timedelta(seconds=database_tasks.NEWSDESK_FEED_POLL_SECONDS)
    assert worker.enqueue_due(now=later) == ["poll_feeds"]
    assert polls.count() == 2
    assert ScheduledJob.objects.get(name="poll_feeds").last_run_at == later


# --- A real worker, killed ------------------------------------------------------------

TASK_ROW = (
    "SELECT status, return_value, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = {}"
)


@pytest.fixture
def worker_database(tmp_path):
    """A database of the suite's kind for worker processes, outside the test
    database: its URL for their environment, and a reader of one task row."""
    if connection.vendor == "postgresql":
        import psycopg

        config = connection.settings_dict
        name = f"newsdesk_workers_{os.getpid()}"
        server = {
            "host": config["HOST"] or None,
            "port": config["PORT"] or None,
            "user": config["USER"] or None,
            "password": config["PASSWORD"] or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        auth = f"{server['user']}:{server['password'] or ''}@" if server["user"] else ""
        url = f"postgres://{auth}{server['host'] or 'localhost'}:{server['port'] or 5432}/{name}"

        def row(task_id: str):
            with psycopg.connect(dbname=name, **server) as db:
                return db.execute(TASK_ROW.format("%s"), (task_id,)).fetchone()

        yield url, row
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        database = tmp_path / "workers.sqlite3"

        def row(task_id: str):
            with sqlite3.connect(database) as db:
                found = db.execute(TASK_ROW.format("?"), (task_id.replace("-", ""),)).fetchone()
            status, value, worker_ids = found  # SQLite returns JSON columns as text
            return status, json.loads(value or "null"), json.loads(worker_ids)

        yield f"sqlite:///{database}", row


def worker_env(tmp_path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.dev",
        DATABASE_URL=database_url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        NEWSDESK_DATA_DIR=str(tmp_path),
        NEWSDESK_WORKER_HEARTBEAT_SECONDS="0.3",
        NEWSDESK_WORKER_LEASE_SECONDS="1.5",
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_task_has_its_task_finished_by_the_next(tmp_path, worker_database):
    database_url, task_row = worker_database
    env = worker_env(tmp_path, database_url)
    marker = tmp_path / "starts.txt"
    setup = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from tests.worker_tasks import record_starts\n"
        f"print(record_starts.enqueue({str(marker)!r}).id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", setup], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    task_id = done.stdout.split()[-1]
    command = [sys.executable, "manage.py", "worker", "--interval", "0.1", "--no-startup-delay"]
    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    second = None
    try:
        wait_for(marker.exists, timeout=30, what="the first worker to start the task")
        assert task_row(task_id)[0] == "RUNNING"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert task_row(task_id)[0] == "RUNNING"  # left behind by the dead worker

        second = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
        status, value, worker_ids = wait_for(
            lambda: (row := task_row(task_id))[0] in ("SUCCESSFUL", "FAILED") and row,
            timeout=30,
            what="the second worker to finish the task",
        )
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
    assert (status, value) == ("SUCCESSFUL", "finished at start 2")
    assert len(set(worker_ids)) == 2
    assert len(marker.read_text().split()) == 2
