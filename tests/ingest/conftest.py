"""A small local web server for fetch and feed tests, and counters that show
an import wrote nothing."""

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from stories.models import Article, Outlet, Revision, Story


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str = ""


class LocalServer:
    """Serves ``routes`` (path → Route) on 127.0.0.1; records request headers."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str, *, content_type="text/html; charset=utf-8", **kw):
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = {"Content-Type": content_type} if content_type else {}
        headers.update(kw.pop("headers", {}))
        self.routes[path] = Route(body=body, headers=headers, **kw)


@pytest.fixture
def local_server():
    server = LocalServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def allow_private(settings):
    """The local server is on 127.0.0.1, which the fetcher refuses by default."""
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = True
    return settings


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Article, Revision, Outlet, Story)}


def article_page(*, title: str, paragraphs: list[str], extra_head: str = "") -> str:
    """A news page with navigation and a footer around the article."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{extra_head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Comments are closed. © Example Media</footer></body></html>"
    )
