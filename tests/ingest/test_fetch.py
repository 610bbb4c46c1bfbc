"""Safe fetching: private addresses refused (also after a redirect), time,
size and type capped, encodings read; and URL imports on top of it."""

import socket

import pytest

from stories.ingest import api, fetch
from stories.ingest.fetch import FetchError, is_public_address

from .conftest import article_page, row_counts
from .generated import article

REAL_GETADDRINFO = socket.getaddrinfo


@pytest.fixture
def fake_dns(monkeypatch):
    """Resolve made-up host names to chosen addresses; others as usual."""
    names: dict[str, str] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], port))]
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", getaddrinfo)
    return names


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "192.168.1.5",
        "172.16.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "240.0.0.1",
    ],
)
def test_non_public_addresses(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses(address):
    assert is_public_address(address)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch.fetch(url)


@pytest.mark.parametrize(
    ("host", "address"), [("intranet.example", "10.0.0.1"), ("sneaky.example", "127.0.0.1")]
)
def test_hosts_resolving_to_private_addresses_are_refused(settings, fake_dns, host, address):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    fake_dns[host] = address
    with pytest.raises(FetchError, match=f"Refused: {host} resolves to .*{address}"):
        fetch.fetch(f"http://{host}/")


@pytest.mark.django_db
def test_url_import_of_loopback_is_refused_and_writes_nothing(settings, local_server):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    local_server.add("/a", article_page(title="T", paragraphs=article(1)["paragraphs"]))
    result = api.ingest_url(url=local_server.url("/a"), outlet="Example")
    assert result.refused and "private or local address" in result.message
    assert local_server.requests == []
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.django_db
def test_redirect_to_a_private_address_is_refused(settings, local_server, fake_dns, monkeypatch):
    """The first hop is allowed (the test server stands in for a public site);
    the redirect to an intranet address is checked again and refused."""
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    fake_dns["news.example"] = "127.0.0.1"
    fake_dns["intranet.example"] = "10.0.0.1"
    monkeypatch.setattr(fetch, "is_public_address", lambda a: a == "127.0.0.1")
    local_server.add("/go", b"", status=302, headers={"Location": "http://intranet.example/admin"})
    result = api.ingest_url(url=f"http://news.example:{local_server.port}/go", outlet="Example")
    assert result.refused
    assert "Refused: intranet.example resolves to a private or local address" in result.message
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_connection_goes_to_the_checked_address_with_the_host_name(
    allow_private, local_server, fake_dns
):
    """DNS is asked once per hop and the socket opened to that answer; the
    Host header still names the site."""
    fake_dns["news.example"] = "127.0.0.1"
    local_server.add("/a", "<p>hello</p>")
    page = fetch.fetch(f"http://news.example:{local_server.port}/a")
    assert page.content == b"<p>hello</p>"
    assert local_server.requests[0][1]["Host"] == f"news.example:{local_server.port}"


def test_redirects_are_followed_to_a_limit(allow_private, local_server):
    local_server.add("/1", b"", status=301, headers={"Location": "/2"})
    local_server.add("/2", b"", status=302, headers={"Location": "/3"})
    local_server.add("/3", "<p>arrived</p>")
    assert fetch.fetch(local_server.url("/1")).url == local_server.url("/3")
    allow_private.NEWSDESK_FETCH_MAX_REDIRECTS = 1
    with pytest.raises(FetchError, match="redirected more than 1 times"):
        fetch.fetch(local_server.url("/1"))


def test_timeout(allow_private, local_server):
    allow_private.NEWSDESK_FETCH_TIMEOUT = 0.3
    local_server.add("/slow", "<p>late</p>", delay=1.5)
    with pytest.raises(FetchError, match="timed out"):
        fetch.fetch(local_server.url("/slow"))


@pytest.mark.django_db
def test_url_that_times_out_writes_nothing(allow_private, local_server):
    allow_private.NEWSDESK_FETCH_TIMEOUT = 0.3
    local_server.add("/slow", "<p>late</p>", delay=1.5)
    result = api.ingest_url(url=local_server.url("/slow"), outlet="Example")
    assert result.refused and "timed out" in result.message
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_size_cap(allow_private, local_server):
    allow_private.NEWSDESK_FETCH_MAX_BYTES = 1000
    local_server.add("/big", b"x" * 5000)
    with pytest.raises(FetchError, match="larger than"):
        fetch.fetch(local_server.url("/big"))


def test_content_type_is_checked(allow_private, local_server):
    local_server.add("/img", b"\x89PNG", content_type="image/png")
    with pytest.raises(FetchError, match="image/png, not a page"):
        fetch.fetch(local_server.url("/img"))


def test_http_errors_are_reported(allow_private, local_server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch.fetch(local_server.url("/missing"))


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html; charset=windows-1251", ""),
        ("text/html", '<meta charset="windows-1251">'),
        ("text/html", ""),
    ],
)
def test_windows_1251_pages_are_decoded(allow_private, local_server, content_type, meta):
    text = "Министр заявил во вторник, что переговоры возобновятся после долгой паузы."
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    local_server.add("/ru", page.encode("cp1251"), content_type=content_type)
    assert text in fetch.fetch(local_server.url("/ru")).text()


def test_latin_1_page_is_decoded(allow_private, local_server):
    text = "Le ministre a déclaré mercredi que les négociations reprendraient à Genève."
    local_server.add("/fr", f"<p>{text}</p>".encode("latin-1"), content_type="text/html")
    assert text in fetch.fetch(local_server.url("/fr")).text()


@pytest.mark.django_db
def test_url_import_and_reimport(allow_private, local_server):
    parts = article(11)
    local_server.add(
        "/story",
        article_page(
            title=parts["headline"],
            paragraphs=parts["paragraphs"],
            extra_head='<meta name="author" content="Anna Lund">'
            '<meta property="og:site_name" content="Example News">',
        ),
    )
    url = local_server.url("/story")
    first = api.ingest_url(url=url)
    assert first.outcome is api.Outcome.CREATED, first.message
    saved = first.article
    assert (saved.url, saved.headline, saved.byline) == (url, parts["headline"], "Anna Lund")
    assert saved.outlet.name == "Example News"
    assert first.revision.body == "\n\n".join(parts["paragraphs"])
    assert "Comments are closed" not in first.revision.body
    assert saved.next_fetch_at is not None
    assert api.ingest_url(url=url).outcome is api.Outcome.UNCHANGED
