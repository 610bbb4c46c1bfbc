"""Requests per second and latency of the production arrangement, on loopback.

Starts gunicorn (2 sync workers, production settings, a throwaway SQLite file
or a throwaway PostgreSQL database), loads the demo corpus and a generated
50-version story, then sends a bounded number of requests per URL from a few
client threads and prints one table. It stops by itself: every request has a
timeout, the whole run a deadline, and gunicorn and the temporary data are
removed at the end, also on failure.

    .venv/bin/python bench/load.py [--requests 400] [--threads 4]
        [--postgres postgresql://postgres@127.0.0.1:5432/postgres] [--redis redis://127.0.0.1:6379/14]

Rows marked "rendered" send a session cookie, so the page cache is bypassed
and the page is built per request (what every request cost before caching).
Target (issue 13): cached story pages >= 0.5x /healthz throughput, p99 < 100 ms.
"""

import argparse
import http.client
import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
ROUNDS = 4

# Run inside the prepared environment (production settings): the 50-version
# story from the synthetic generator, aligned, and the URLs the table measures.
SETUP = r"""
import json, django
django.setup()
from django.urls import reverse
from stories.aligning import realign_story
from stories.alignment.synthetic import make_story
from stories.models import Article, Outlet, Passage, SourceKind, Story

story = Story.objects.create(title="Synthetic story, 50 versions", published=True)
for version in make_story(50, seed=13).versions:
    outlet, _ = Outlet.objects.get_or_create(name=version.label)
    article = Article.objects.create(story=story, outlet=outlet, headline=version.label)
    article.add_revision(body=version.text, source_kind=SourceKind.API, headline=version.label)
realign_story(story.pk)
demo = Story.objects.get(slug="orrow-dam-spillway-failure")
Story.objects.filter(pk=demo.pk).update(published=True)
passage = (Passage.objects.filter(alignment__story=story, kind__in=["common", "shared"])
           .order_by("position").first())
member = passage.members.exclude(is_reference=True).first()
print(json.dumps({
    "demo": demo.get_absolute_url(),
    "big": story.get_absolute_url(),
    "swap": reverse("stories:passage_version", args=[story.slug, passage.pk, member.revision_id]),
    "filter": reverse("stories:passage_list", args=[story.slug]) + "?filter=diverge",
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise SystemExit(f"refusing {url}: the load run talks to loopback only")


def run(cmd, env, timeout=600) -> str:
    done = subprocess.run(
        cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Database:
    """A throwaway database: a SQLite file in the temp dir, or a PostgreSQL
    database created on the given server and dropped afterwards."""

    def __init__(self, tmp: Path, server_url: str | None):
        self.server_url, self.name = server_url, None
        if server_url is None:
            self.url = f"sqlite:///{tmp / 'load.sqlite3'}"
            return
        loopback_only(server_url)
        import psycopg

        self.name = f"newsdesk_load_{os.getpid()}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(server_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def drop(self):
        if self.name is None:
            return
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def fetch(port: int, path: str, headers: dict, timeout: float):
    """One request on a fresh connection (gunicorn's sync workers close each one)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Host": HOST, **headers})
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        return response.status, len(body), elapsed, response.getheader("ETag")
    finally:
        conn.close()


class Sample:
    """Latencies (ms), statuses and sizes of one URL, over all rounds."""

    def __init__(self):
        self.latencies, self.statuses, self.sizes, self.wall = [], {}, [], 0.0

    def add(self, status, size, elapsed):
        self.latencies.append(elapsed * 1000)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.sizes.append(size)

    def summary(self) -> dict:
        ordered = sorted(self.latencies)
        return {
            "rps": len(ordered) / self.wall,
            "p50": statistics.median(ordered),
            "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
            "statuses": self.statuses,
            "kb": statistics.mean(self.sizes) / 1024,
        }


def measure(port, path, headers, sample: Sample, *, requests, threads, timeout):
    """``requests`` GETs from ``threads`` clients at once, added to ``sample``."""
    lock = threading.Lock()
    counter = iter(range(requests))

    def client():
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            status, size, elapsed, _ = fetch(port, path, headers, timeout)
            with lock:
                sample.add(status, size, elapsed)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    sample.wall += time.perf_counter() - start


def wait_until_up(port: int, server: subprocess.Popen, deadline: float):
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            if fetch(port, "/healthz", {}, 2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per URL (at most 5000)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients (at most 16)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server on loopback")
    parser.add_argument("--redis", metavar="URL", help="a Redis cache on loopback")
    parser.add_argument("--deadline", type=float, default=900, help="seconds for the whole run")
    args = parser.parse_args()
    requests, threads = min(args.requests, 5000), max(1, min(args.threads, 16))
    deadline = time.monotonic() + args.deadline
    # Whatever happens, the run ends: SIGALRM at the deadline raises in the main thread.
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(SystemExit("deadline")))
    signal.alarm(int(args.deadline))

    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-load-"))
    database, server = None, None
    try:
        database = Database(tmp, args.postgres)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; a proxy terminates TLS
            "DATABASE_URL": database.url,
            "NEWSDESK_DATA_DIR": str(tmp),
            "STATIC_ROOT": str(tmp / "static"),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        if args.redis:
            loopback_only(args.redis)
            env["REDIS_URL"] = args.redis
            run(
                [
                    PYTHON,
                    "-c",
                    "import django;django.setup();"
                    "from django.core.cache import cache;cache.clear()",
                ],
                env,
            )
        manage = [PYTHON, "manage.py"]
        run([*manage, "migrate", "--noinput"], env)
        run([*manage, "collectstatic", "--noinput"], env)
        run([*manage, "demo"], env)
        run([*manage, "align", "--all"], env)
        urls = json.loads(run([PYTHON, "-c", SETUP], env).strip().splitlines()[-1])

        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "newsdesk.wsgi",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{port}",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
        wait_until_up(port, server, deadline)

        gzip = {"Accept-Encoding": "gzip"}
        htmx = {**gzip, "HX-Request": "true"}
        editor = {**gzip, "Cookie": "sessionid=not-signed-in"}  # bypasses the page cache
        etag = fetch(port, urls["big"], gzip, 10)[3]
        rows = [
            ("/healthz", "/healthz", {}),
            ("demo story page", urls["demo"], gzip),
            ("50-version story page", urls["big"], gzip),
            ("50-version page, If-None-Match (304)", urls["big"], {**gzip, "If-None-Match": etag}),
            ("swap fragment (50 versions)", urls["swap"], htmx),
            ("filter fragment (50 versions)", urls["filter"], htmx),
            ("story list search /?q=spillway", "/?q=spillway", gzip),
            ("full-text search /search/?q=spillway", "/search/?q=spillway", gzip),
            ("demo story page, rendered", urls["demo"], editor),
            ("50-version page, rendered", urls["big"], editor),
        ]
        database_name = "PostgreSQL" if args.postgres else "SQLite"
        cache_name = "Redis" if args.redis else "local memory"
        print(
            f"gunicorn 2 sync workers, production settings, {database_name}, "
            f"{cache_name} cache; {requests} requests per URL, {threads} client threads"
        )
        print("| URL | req/s | x /healthz | p50 ms | p99 ms | KB | statuses |")
        print("|---|---|---|---|---|---|---|")
        # Rounds interleave the URLs, so a machine that gets busier part-way
        # through weighs on every row alike. Rendered rows take a tenth of the requests.
        samples = [Sample() for _ in rows]
        for _, path, headers in rows:
            for _ in range(threads * 2):  # warm every worker's cache
                fetch(port, path, headers, 10)
        for _ in range(ROUNDS):
            for (label, path, headers), sample in zip(rows, samples, strict=True):
                share = requests // ROUNDS // (10 if "rendered" in label else 1)
                measure(
                    port,
                    path,
                    headers,
                    sample,
                    requests=max(share, threads),
                    threads=threads,
                    timeout=10,
                )
        base = samples[0].summary()["rps"]
        for (label, _, _), sample in zip(rows, samples, strict=True):
            result = sample.summary()
            statuses = " ".join(f"{k}x{v}" for k, v in sorted(result["statuses"].items()))
            print(
                f"| {label} | {result['rps']:.0f} | {result['rps'] / base:.2f} | "
                f"{result['p50']:.1f} | {result['p99']:.1f} | {result['kb']:.1f} | {statuses} |"
            )
    finally:
        signal.alarm(0)
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        if database is not None:
            database.drop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
