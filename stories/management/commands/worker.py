"""Run background tasks in production: django-tasks' database worker, plus a
thread that beats, takes back the tasks of dead workers and enqueues the
periodic jobs (feed polls and re-fetches), so no cron is needed. Run one or
more beside the web process; see ``stories/worker.py`` for the rules."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from stories.worker import Keeper


class Command(DatabaseWorkerCommand):
    help = (
        "Run queued tasks, take back the tasks of workers that died, and enqueue "
        "feed polls on schedule."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The reloader would run the keeper in a parent process that runs no tasks.
        parser.set_defaults(reload=False)

    def handle(self, *args, worker_id, **options):
        keeper = Keeper(worker_id)
        keeper.tick()  # a restarted worker takes back what died with the last one, first
        keeper.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            keeper.stop()
