"""Local development: DEBUG on, a generated secret key kept in the data directory."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)


def _dev_secret_key() -> str:
    path = DATA_DIR / "dev-secret-key"
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _dev_secret_key()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# `make run` is one process: tasks (alignment, grouping) run at once, inside the
# request. Set TASKS_BACKEND=django_tasks_db.DatabaseBackend and run
# `manage.py worker` to try the production arrangement.
if not os.environ.get("TASKS_BACKEND"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
