"""Fetching pages and feeds without becoming a proxy into our own network.

Every hop (the first request and each redirect) is checked: http or https
only, and every address the host resolves to must be public, unless
``NEWSDESK_FETCH_ALLOW_PRIVATE`` says otherwise. The connection then goes to
the address that was checked, not to a second DNS answer (DNS rebinding).
Sizes, time and content types are capped. Standard library only.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from .encoding import BinaryContent, decode

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/html",  # many servers label feeds wrongly; feedparser decides
        "text/plain",
    }
)
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """The URL was refused or could not be fetched; the message says why in
    words an editor can act on."""


@dataclass
class FetchedPage:
    url: str  # after redirects
    status: int
    content_type: str
    headers: dict[str, str]
    content: bytes

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded: the declared charset, then the document's own
        declaration, then detection."""
        try:
            return decode(self.content, declared=self.headers.get("charset"))[0]
        except BinaryContent as exc:
            raise FetchError(f"{self.url} returned binary content, not text.") from exc


def fetch(
    url: str,
    *,
    accept: Collection[str] = HTML_TYPES,
    headers: dict[str, str] | None = None,
    allow_private: bool | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
) -> FetchedPage:
    """GET ``url`` and return its body. Keyword arguments default to the
    ``NEWSDESK_FETCH_*`` settings. Raises ``FetchError``.

    A 304 answer (to ``If-None-Match``/``If-Modified-Since`` in ``headers``)
    is returned with an empty body rather than raised."""
    allow_private = (
        settings.NEWSDESK_FETCH_ALLOW_PRIVATE if allow_private is None else allow_private
    )
    timeout = settings.NEWSDESK_FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = settings.NEWSDESK_FETCH_MAX_BYTES if max_bytes is None else max_bytes
    max_redirects = (
        settings.NEWSDESK_FETCH_MAX_REDIRECTS if max_redirects is None else max_redirects
    )
    deadline = time.monotonic() + timeout
    request_headers = {
        "User-Agent": settings.NEWSDESK_FETCH_USER_AGENT,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        "Accept-Encoding": "identity",
        **(headers or {}),
    }
    current = url
    for _hop in range(max_redirects + 1):
        parts = _check_url(current)
        address = _public_address(parts.hostname, parts.port, allow_private=allow_private)
        status, response_headers, body = _get(
            parts, address, request_headers, deadline=deadline, max_bytes=max_bytes
        )
        if status in _REDIRECTS and response_headers.get("location"):
            current = urljoin(current, response_headers["location"])
            continue
        if status == 304:
            return FetchedPage(current, status, "", response_headers, b"")
        if status >= 400:
            raise FetchError(f"{current} answered HTTP {status}.")
        content_type, charset = _content_type(response_headers.get("content-type", ""))
        if content_type and content_type not in accept:
            raise FetchError(
                f"{current} is {content_type}, not a page we can import "
                f"(expected {', '.join(sorted(accept))})."
            )
        if charset:
            response_headers["charset"] = charset
        return FetchedPage(current, status, content_type, response_headers, body)
    raise FetchError(f"{url} redirected more than {max_redirects} times.")


def _check_url(url: str):
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"Only http and https URLs can be fetched, not {url!r}.")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name.")
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are not fetched.")
    try:
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError as exc:
        raise FetchError(f"{url!r} has an invalid port.") from exc
    return parts


def is_public_address(address: str) -> bool:
    """True for an address on the public internet; False for loopback,
    private, link-local, reserved, multicast, unspecified and shared ranges,
    including IPv4 addresses wrapped in IPv6."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            return is_public_address(str(mapped))
    return ip.is_global and not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def _public_address(host: str, port: int | None, *, allow_private: bool) -> str:
    """Resolve ``host`` and return one address to connect to, after checking
    every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"The host {host} could not be resolved.") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"The host {host} could not be resolved.")
    if not allow_private:
        refused = [a for a in addresses if not is_public_address(a)]
        if refused:
            raise FetchError(
                f"Refused: {host} resolves to a private or local address ({refused[0]}); "
                "fetching it could reach internal services."
            )
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand; the Host header keeps the name."""

    def __init__(self, host: str, port: int | None, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int | None, *, address: str, timeout: float):
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # Certificate and SNI are checked against the name, not the address.
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def _get(parts, address: str, headers: dict[str, str], *, deadline: float, max_bytes: int):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"{parts.geturl()} timed out.")
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, parts.port, address=address, timeout=remaining)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response_headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status in _REDIRECTS or response.status == 304 or response.status >= 400:
            return response.status, response_headers, b""
        declared = response_headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{parts.geturl()} is larger than the {_mb(max_bytes)} limit.")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{parts.geturl()} is larger than the {_mb(max_bytes)} limit.")
            # Each read waits at most the socket timeout; a server that drips
            # bytes is stopped here, at the overall deadline.
            if time.monotonic() > deadline:
                raise FetchError(f"{parts.geturl()} timed out.")
            chunks.append(chunk)
        return response.status, response_headers, b"".join(chunks)
    except TimeoutError as exc:
        raise FetchError(f"{parts.geturl()} timed out.") from exc
    except ssl.SSLError as exc:
        raise FetchError(f"{parts.geturl()}: secure connection failed ({exc.reason}).") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"{parts.geturl()} could not be fetched ({exc}).") from exc
    finally:
        connection.close()


def _content_type(header: str) -> tuple[str, str]:
    media, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"
