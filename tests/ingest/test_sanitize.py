"""The sanitizer never lets a script-capable construct through."""

import html
import re
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from stories.ingest.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

DANGEROUS_TAGS = """script style iframe object embed svg math img video form input button link
    meta base template noscript frame SCRIPT ScRiPt textarea xmp plaintext body html head title"""
TAGS = [*sorted(ALLOWED_TAGS), *DANGEROUS_TAGS.split()]
ATTRIBUTE_NAMES = """href src style onclick onerror ONLOAD onmouseover title srcdoc formaction
    xlink:href action background data class"""
ATTRIBUTES = ATTRIBUTE_NAMES.split()
URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://ok.example/",
    "mailto:a@b.example",
    "/relative",
    "//evil.example/x",
    "expression(alert(1))",
]
TRICKS = ["<", ">", "&", '"', "<!--", "-->", "<![CDATA[", "</", "<script", "<img src=x onerror=1>"]
DANGEROUS_OPENINGS = "<script <style <iframe <svg <object <embed <img <form <math <base <link <meta"
DANGEROUS = DANGEROUS_OPENINGS.split()


def attribute():
    return st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(URLS) | st.text(max_size=12))


@st.composite
def fragments(draw, depth=0):
    pieces = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3 if depth < 3 else 1))
        if kind == 0:
            pieces.append(draw(st.text(max_size=20)))
        elif kind == 1:
            pieces.append(draw(st.sampled_from(TRICKS)))
        else:
            tag = draw(st.sampled_from(TAGS))
            attrs = "".join(
                f' {name}="{html.escape(value, quote=True) if draw(st.booleans()) else value}"'
                for name, value in draw(st.lists(attribute(), max_size=3))
            )
            inner = draw(fragments(depth=depth + 1))
            closing = f"</{tag}>" if draw(st.booleans()) else ""
            pieces.append(f"<{tag}{attrs}>{inner}{closing}")
    return "".join(pieces)


def assert_safe(output: str) -> None:
    lowered = output.lower()
    for construct in DANGEROUS:
        assert construct not in lowered
    if not output.strip():
        return
    root = lxml_html.fragment_fromstring(output, create_parent="div")
    for element in root.iter():
        if element is root or not isinstance(element.tag, str):
            continue
        assert element.tag in ALLOWED_TAGS
        for name, value in element.attrib.items():
            assert name in ALLOWED_ATTRIBUTES.get(element.tag, [])
            assert not name.lower().startswith("on") and name != "style"
            if name in ("href", "cite"):
                scheme = urlsplit(re.sub(r"[\x00-\x20]", "", value)).scheme.lower()
                assert scheme in ("", "http", "https", "mailto")


@settings(max_examples=300, deadline=None)
@given(fragments())
def test_sanitized_html_has_nothing_that_runs(fragment):
    assert_safe(sanitize_html(fragment))


@given(st.text(max_size=200))
def test_plain_text_survives_escaped(text):
    output = sanitize_html(text)
    assert_safe(output)
    assert "<" not in output.replace("&lt;", "")


def test_structure_and_safe_links_are_kept():
    kept = sanitize_html(
        '<h2>Title</h2><p>A <a href="https://ok.example/a" onclick="x()">link</a> and '
        "<strong>bold</strong>.</p><ul><li>one</li></ul><blockquote>quote</blockquote>"
    )
    assert kept == (
        '<h2>Title</h2><p>A <a href="https://ok.example/a">link</a> and <strong>bold</strong>.'
        "</p><ul><li>one</li></ul><blockquote>quote</blockquote>"
    )


def test_script_content_does_not_survive_as_text():
    assert sanitize_html("<p>a</p><script>alert('x')</script><style>p{}</style>") == "<p>a</p>"
