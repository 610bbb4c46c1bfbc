"""The one place HTML is cleaned before it is stored (and so before any
template marks it safe).

bleach is in security-only maintenance; everything that knows about it is in
this module, so swapping it (for nh3, say) means rewriting ``sanitize_html``
and nothing else. The policy is an allowlist: structural and inline text tags,
links to http(s) and mailto only, and no attribute that can run script or
load anything (no ``on*``, ``style``, ``src``; no iframe, object, form, svg).
"""

from __future__ import annotations

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


def sanitize_html(html: str) -> str:
    """``html`` reduced to the allowlist above; safe to store and mark safe."""
    return _cleaner.clean(_drop_elements(html))


def _drop_elements(html: str) -> str:
    """Remove elements whose inner text must not survive as text (a script's
    source would otherwise show up as words once its tags are stripped)."""
    if not html.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        # lxml refuses some inputs (control characters, nothing parseable);
        # bleach still cleans them on its own.
        return html
    for element in list(root.iter(*_DROP_WITH_CONTENT)):
        element.drop_tree()
    return lxml_html.tostring(root, encoding="unicode")
