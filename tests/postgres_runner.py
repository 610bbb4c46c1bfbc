"""Run the suite again on PostgreSQL, the scale-out database.

Where no server answers, this says why and exits 0 on a laptop; under CI
(CI=true) an unreachable server is a failure, so the PostgreSQL run never
silently disappears."""

import os
import subprocess
import sys

# One database name per run, so two runs on one server never drop each other's
# test database (pytest-django creates and removes "test_<name>").
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/newsdesk_{os.getpid()}"


def reachable(url: str) -> str | None:
    """None when a connection works, else the reason it does not."""
    try:
        import dj_database_url
        import psycopg
    except ImportError as exc:  # the postgres extra is not installed
        return f"psycopg is not installed ({exc})"
    cfg = dj_database_url.parse(url)
    try:
        psycopg.connect(
            host=cfg["HOST"] or None,
            port=cfg["PORT"] or None,
            user=cfg["USER"] or None,
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        return f"no PostgreSQL server at {cfg['HOST']}:{cfg['PORT']} ({exc})"
    return None


def main() -> int:
    url = os.environ.get("DATABASE_URL_POSTGRES", DEFAULT_URL)
    problem = reachable(url)
    if problem:
        if os.environ.get("CI"):
            print(f"PostgreSQL run required in CI, but {problem}", file=sys.stderr)
            return 1
        print(f"Skipping the PostgreSQL run: {problem}. Set DATABASE_URL_POSTGRES to enable it.")
        return 0
    print(f"Running the suite on PostgreSQL ({url.rsplit('@', 1)[-1]})", flush=True)
    env = {**os.environ, "DATABASE_URL": url}
    # Browser tests exercise templates and JavaScript, not the database: once is enough.
    return subprocess.call(
        [sys.executable, "-m", "pytest", "-m", "not browser", *sys.argv[1:]], env=env
    )


if __name__ == "__main__":
    sys.exit(main())
