"""Production settings must refuse to start without their secrets."""

import os
import subprocess
import sys

from .conftest import REPO

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789-abcdefgh",
    "ALLOWED_HOSTS": "news.example.org",
}


def run_manage(*args, env):
    # The browser tests' async-safety switch must not leak into a production check.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_fails_loudly():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_fails_loudly():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_health_check_answers_plain_http_in_production(tmp_path):
    """Pages redirect to HTTPS; the load balancer's probe of /healthz is answered."""
    probe = (
        "from django.test import Client; c = Client(HTTP_HOST='news.example.org'); "
        "print(c.get('/healthz').status_code, c.get('/').status_code)"
    )
    result = run_manage(
        "shell", "-c", probe, env={**PRODUCTION_ENV, "NEWSDESK_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["200", "301"]


def test_default_database_is_sqlite_in_wal_mode_with_a_busy_timeout(tmp_path, monkeypatch):
    """Without DATABASE_URL: a SQLite file whose connections run in WAL mode."""
    import sqlite3

    from newsdesk.settings import base

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(base, "DATA_DIR", tmp_path)
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == tmp_path / "newsdesk.sqlite3"
    assert config["OPTIONS"]["timeout"] == 20
    connection = sqlite3.connect(config["NAME"])
    connection.executescript(config["OPTIONS"]["init_command"])
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_database_url_selects_postgresql(monkeypatch):
    from newsdesk.settings import base

    monkeypatch.setenv("DATABASE_URL", "postgres://news:pw@db.example:5432/newsdesk")
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"]) == ("db.example", "newsdesk")
