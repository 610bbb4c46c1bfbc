"""Background work's own bookkeeping: realignments asked for and not yet
started, the workers that are alive, and when each scheduled job runs next."""

from django.db import models
from django.utils import timezone


class AlignmentRequest(models.Model):
    """A realignment of ``story`` that is queued and has not started: at most
    one per story, so a batch of 259 articles for one story queues one task.
    The task deletes the row when it starts; a change after that asks again."""

    story = models.OneToOneField(
        "Story", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    force = models.BooleanField(default=False)
    requested_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"realign story {self.story_id}"


class WorkerHeartbeat(models.Model):
    """A worker process (``manage.py worker``) says it is alive every few
    seconds; one silent for longer than the lease is taken for dead."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.IntegerField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"worker {self.worker_id} on {self.host} (pid {self.pid})"


class ScheduledJob(models.Model):
    """When a periodic job is due; workers claim a run by moving ``next_run_at``
    forward in one conditional update, so only one of them enqueues it."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name
