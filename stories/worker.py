"""Keeping background work alive without cron: heartbeats, the reaper that
puts a dead worker's task back in the queue, and the periodic schedule.

``manage.py worker`` runs django-tasks' database worker with a ``Keeper``
thread beside it. The rule for a task left RUNNING:

- its last claimant is a worker that beats (``WorkerHeartbeat``): the task is
  taken back when that worker stopped, or has been silent for longer than
  ``NEWSDESK_WORKER_LEASE_SECONDS`` (six missed beats by default), since a
  live worker beats from its own thread even while a task runs;
- its claimant never beat (a plain ``db_worker``): only after
  ``NEWSDESK_ORPHAN_TASK_SECONDS``, since such a worker may still be busy.

Taken back means READY again, unless it was started
``NEWSDESK_TASK_MAX_ATTEMPTS`` times already: a task that kills its worker
every time (out of memory, say) then fails with a message instead of looping.
Every task here is idempotent, so running one again after a crash is safe."""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import ScheduledJob, WorkerHeartbeat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A task enqueued every ``every`` (claimed by one worker among many)."""

    name: str
    every: timedelta
    task_path: str

    def enqueue(self):
        from django.utils.module_loading import import_string

        return import_string(self.task_path).enqueue()


def schedule() -> list[Job]:
    """The periodic jobs: feed polls (which also re-fetch pages that are due)."""
    return [
        Job(
            "poll_feeds",
            timedelta(seconds=settings.NEWSDESK_FEED_POLL_SECONDS),
            "stories.ingest.tasks.poll_feeds",
        )
    ]


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
            "stopped_at": None,
        },
    )


def stopped(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=timezone.now())


@dataclass
class Reaped:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class WorkerLost(Exception):
    """The worker running a task died, as many times as a task may start."""


def reap(*, now: datetime | None = None) -> Reaped:
    """Take back the RUNNING tasks whose worker is gone (rule in the module
    docstring). Safe to run in several workers at once: each task is changed
    only if it is still in the state that was judged."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.NEWSDESK_WORKER_LEASE_SECONDS)
    orphan_after = timedelta(seconds=settings.NEWSDESK_ORPHAN_TASK_SECONDS)
    running = list(DBTaskResult.objects.running())
    claimants = {t.worker_ids[-1] for t in running if t.worker_ids}
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.filter(worker_id__in=claimants)}
    reaped = Reaped()
    for task in running:
        claimant = beats.get(task.worker_ids[-1]) if task.worker_ids else None
        if claimant is not None:
            gone = claimant.stopped_at is not None or claimant.seen_at < now - lease
        else:
            gone = task.started_at is None or task.started_at < now - orphan_after
        if not gone:
            continue
        same_claim = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) >= settings.NEWSDESK_TASK_MAX_ATTEMPTS:
            message = (
                f"The worker running this task stopped {len(task.worker_ids)} times "
                "before it finished; it is not started again."
            )
            if same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"{WorkerLost.__qualname__}: {message}\n",
            ):
                reaped.failed.append(str(task.pk))
        elif same_claim.update(status=TaskResultStatus.READY, started_at=None):
            reaped.requeued.append(str(task.pk))
    for task_id in reaped.requeued:
        logger.warning("Task %s lost its worker; queued again", task_id)
    for task_id in reaped.failed:
        logger.error("Task %s lost its worker too often; marked failed", task_id)
    return reaped


def enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue each scheduled job whose time has come; returns their names."""
    now = now or timezone.now()
    started = []
    for job in schedule():
        ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        claimed = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=now + job.every, last_run_at=now
        )
        if claimed:
            job.enqueue()
            started.append(job.name)
    return started


class Keeper(threading.Thread):
    """Beside a worker: beats, reaps and enqueues what the schedule says is due,
    once at start and then every heartbeat, until ``stop()``."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"keeper-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = settings.NEWSDESK_WORKER_HEARTBEAT_SECONDS
        self._stop_event = threading.Event()

    def tick(self) -> None:
        beat(self.worker_id)
        reap()
        enqueue_due()

    def run(self) -> None:
        try:
            while not self._stop_event.wait(self.interval):
                close_old_connections()
                try:
                    self.tick()
                except Exception:  # a database hiccup must not end the heartbeat
                    logger.exception("Worker keeper tick failed; trying again")
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=self.interval + 5)
        stopped(self.worker_id)
