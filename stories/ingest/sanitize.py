"""The one place HTML is cleaned before it is stored (and so before any
template marks it safe).

bleach is in security-only maintenance; everything that knows about it is in
this module, so swapping it (for nh3, say) means rewriting ``sanitize_html``
and nothing else. The policy is an allowlist: structural and inline text tags,
links to http(s) and mailto only, and no attribute that can run script or
load anything (no ``on*``, ``style``, ``src``; no iframe, object, form, svg).
"""

from __future__ import annotations

import re
from html import escape as html_escape

import bleach
from lxml import etree
from lxml import html as lxml_html

ALLOWED_TAGS = frozenset(
    str.split(
        """p br hr h1 h2 h3 h4 h5 h6 blockquote q cite pre code ul ol li dl dt dd
    a strong b em i u s sub sup small mark abbr time span
    table thead tbody tfoot tr th td caption figure figcaption"""
    )
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "time": ["datetime"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "blockquote": ["cite"],
    "q": ["cite"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
# Elements whose content is not text: dropped whole rather than unwrapped.
_DROP_WITH_CONTENT = ("script", "style", "template", "noscript", "iframe", "object", "svg", "math")


# C0 controls other than tab, newline and carriage return, and NUL: never
# meaningful in an article, and some parsers refuse them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitize_html(html: str) -> str:
    """``html`` reduced to the allowlist above; safe to store and mark safe."""
    return _cleaner.clean(_drop_elements(_CONTROLS.sub("", html))).strip()


def _drop_elements(html: str) -> str:
    """Remove elements whose inner text must not survive as text (a script's
    source would otherwise show up as words once bleach strips its tags).
    Only what a browser would show in the body is kept."""
    if not html.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        # lxml finds no document (only a comment, say); bleach alone still
        # removes every tag it does not allow.
        return html
    for element in list(root.iter(*_DROP_WITH_CONTENT)):
        element.drop_tree()
    body = root.find("body")
    if body is None:
        return ""
    return html_escape(body.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in body
    )
