"""Property tests over every parser at ingest's door: whatever the bytes, each
one returns or refuses with its own error type, never anything else."""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stories.ingest import api
from stories.ingest.encoding import BinaryContent, decode
from stories.ingest.feeds import parse_feed
from stories.ingest.fetch import FetchError
from stories.ingest.html import ExtractionError, extract_html, html_paragraphs
from stories.ingest.sanitize import sanitize_html
from stories.ingest.text import parse_text

# Pieces that have broken parsers: character references outside Unicode, to
# surrogates or to NUL, odd charset labels, unclosed and misnested markup.
CHAR_REFS = ["&#x110000;", "&#xd800;", "&#0;", "&#xdfff;", "&#99999999999;", "&#x1F600;", "&amp;"]
CHARSETS = ["undefined", "utf-8", "utf-16", "rot13", "base64", "idna", "punycode", "x", "cp1251"]
TAGS = ["p", "div", "svg", "input autofocus", "math", "table", "tr", "li", "br", "script", "a"]
WORDS = ["Talks", "resumed", "in", "Kyiv", "on", "Monday", "said", "the", "minister", "3.2bn"]


def pieces(extra: list[str]) -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(
            st.sampled_from(WORDS + CHAR_REFS + extra),
            st.text(max_size=8),
        ),
        max_size=40,
    ).map(" ".join)


markup = pieces(
    [f"<{t}>" for t in TAGS]
    + [f"</{t.split()[0]}>" for t in TAGS]
    + [f"<meta charset={c}>" for c in CHARSETS]
    + ["<svg onload=alert(1)>", "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "</", '"', "'"]
)


@given(st.binary(max_size=600) | markup.map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(b"<meta charset=undefined><p>x</p>")
def test_decoding_returns_text_or_says_the_bytes_are_binary(data):
    try:
        text, encoding = decode(data)
    except BinaryContent:
        return
    assert isinstance(text, str) and encoding


@given(st.text(max_size=300) | markup)
@example("<svg onload=alert(1)><input autofocus onfocus=a()><input autofocus onfocus=b()>")
def test_html_extraction_returns_a_page_or_an_extraction_error(page):
    try:
        extracted = extract_html(page)
    except ExtractionError as exc:
        assert str(exc)
        return
    assert extracted.text.body


@given(st.text(max_size=300) | markup)
def test_paragraphs_of_any_sanitized_fragment_are_strings(fragment):
    """A feed entry's HTML takes this path: sanitized, then split into paragraphs."""
    assert all(isinstance(p, str) and p for p in html_paragraphs(sanitize_html(fragment)))


feed_text = pieces(["<b>", "</b>", "<![CDATA[", "]]>", "<", "&", "\x00", "\ud800"])


@st.composite
def feeds(draw):
    items = draw(
        st.lists(
            st.tuples(feed_text, feed_text).map(
                lambda p: (
                    f"<item><title>{p[0]}</title><link>http://a.test/</link>"
                    f"<description>{p[1]}</description></item>"
                )
            ),
            max_size=4,
        )
    )
    kind = draw(st.sampled_from(["rss", "atom", "junk"]))
    body = "".join(items)
    if kind == "rss":
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel>'
        doc += "</rss>"
    elif kind == "atom":
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom">{body.replace("item", "entry")}</feed>'
    else:
        doc = draw(feed_text) + body
    return doc.encode("utf-8", "surrogatepass")


@given(feeds() | st.binary(max_size=400))
@example(b"<rss><channel><item><title>&#x110000;</title></item><item>ok</item></channel></rss>")
def test_feed_parsing_returns_entries_or_a_fetch_error(content):
    try:
        parsed = parse_feed(content)
    except FetchError as exc:
        assert str(exc)
        return
    assert all(reason.startswith("Entry ") for reason in parsed.skipped)


@given(st.text(max_size=600) | pieces(["\n", "\n\n", "\u2003", "Est. 1821", "(Photo/AP/Reuters)"]))
def test_plain_text_parsing_never_raises(text):
    parsed = parse_text(text)
    assert isinstance(parsed.body, str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | markup,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
keys = st.sampled_from([*sorted(api.JSONL_FIELDS), "headlien", ""])
jsonl_line = (
    st.dictionaries(keys, json_values, max_size=5).map(json.dumps)
    | st.fixed_dictionaries(
        {"outlet": st.text(max_size=20), "html": markup, "url": st.text(max_size=20)}
    ).map(json.dumps)
    | st.text(max_size=60)
)


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(jsonl_line, max_size=4))
def test_every_jsonl_line_gets_a_result_and_none_raises(lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    results = api.ingest_jsonl(lines=lines, source="batch.jsonl")
    assert len(results) == sum(1 for line in lines if line.strip())
    assert all(r.message for r in results if r.refused)
