"""HTML pages: trafilatura finds the article and its metadata; the kept HTML
goes through the one sanitizer. Django-free."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

from .sanitize import sanitize_html
from .text import ParsedText, clean_paragraphs

# trafilatura falls back to a cruder extractor below 250 characters, which
# runs paragraphs together; short pages (and our tests) deserve the real one.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "tr")


class ExtractionError(ValueError):
    """No article text could be found in the page."""


@dataclass
class ExtractedPage:
    title: str = ""
    author: str = ""
    date: str = ""
    sitename: str = ""
    url: str = ""
    description: str = ""
    html: str = ""
    text: ParsedText = field(default_factory=ParsedText)


def extract_html(page: str, *, url: str = "") -> ExtractedPage:
    """The article in ``page``: metadata, sanitized HTML and cleaned text."""
    if not page.strip():
        raise ExtractionError("The HTML is empty.")
    try:
        article_html = trafilatura.extract(
            page,
            url=url or None,
            output_format="html",
            include_links=True,
            include_formatting=True,
            include_tables=True,
            include_comments=False,
            config=_CONFIG,
        )
        meta = trafilatura.extract_metadata(page, default_url=url or None)
    except Exception as exc:
        # trafilatura and lxml raise whatever their internals hit on crafted
        # markup (an AssertionError inside lxml's tree building, for one):
        # every one of them means this page cannot be read.
        raise ExtractionError(f"The HTML could not be parsed ({_describe(exc)}).") from exc
    if not article_html:
        raise ExtractionError(
            "No article text was found in this HTML (it may be malformed, empty, "
            "or a page that is not an article)."
        )
    try:
        clean = sanitize_html(_inner_body(article_html))
        paragraphs = html_paragraphs(clean)
    except (etree.LxmlError, ValueError) as exc:
        raise ExtractionError(f"The HTML could not be parsed ({_describe(exc)}).") from exc
    titles = _title_evidence(page, meta)
    description = (meta.description or "") if meta else ""
    head = _read_head(paragraphs, titles=titles, description=description)
    text = clean_paragraphs(head.paragraphs)
    if not text.body:
        raise ExtractionError("No article text was found in this HTML.")
    text.headline, text.standfirst = head.headline, head.standfirst
    text.stripped = head.stripped + text.stripped
    return ExtractedPage(
        title=head.headline,
        author=(meta.author or "") if meta else "",
        date=(meta.date or "") if meta else "",
        sitename=(meta.sitename or "") if meta else "",
        url=(meta.url or "") if meta else "",
        description=(meta.description or "") if meta else "",
        html=clean,
        text=text,
    )


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _title_evidence(page: str, meta) -> list[str]:
    """What the page says its title is, best first: og:title and
    twitter:title, trafilatura's pick, the <title> element without the
    site's name, and the page's <h1>s."""
    found: list[str] = []
    try:
        root = lxml_html.fromstring(page)
    except Exception:  # markup trafilatura read but lxml will not: no evidence
        root = None
    if root is not None:
        for name in ("og:title", "twitter:title"):
            found += root.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    if meta and meta.title:
        found.append(meta.title)
    sitename = _normal(meta.sitename) if meta and meta.sitename else ""
    if root is not None:
        for element in root.xpath("//title")[:1]:
            title = " ".join(element.text_content().split())
            parts = _TITLE_SEPARATORS.split(title)
            kept = [p for p in parts if _normal(p) != sitename]
            # "Headline | Site": without the site's name, or its longest part.
            found += [title, " - ".join(kept or parts), max(parts, key=len)]
        found += [h.text_content() for h in root.xpath("//h1")[:3]]
    titles: list[str] = []
    for title in found:
        title = " ".join(str(title).split())
        if title and title not in titles:
            titles.append(title)
    return titles


@dataclass
class _Head:
    headline: str = ""
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)
    stripped: list[dict] = field(default_factory=list)


def _read_head(paragraphs: list[str], *, titles: list[str], description: str) -> _Head:
    """Headline and standfirst among the article's first paragraphs, by the
    page's own metadata: the paragraph that is one of its titles is the
    headline (what stands before it is a kicker or a section label), the
    paragraph after it that is the page's description the standfirst, and
    the headline printed again goes. Without a match the metadata's title
    is the headline."""
    head = _Head(paragraphs=list(paragraphs))
    wanted = {_normal(t) for t in titles}
    at = next((n for n, p in enumerate(paragraphs[:5]) if _normal(p) in wanted), None)
    if at is None:
        head.headline = titles[0] if titles else ""
    else:
        head.headline = " ".join(paragraphs[at].split())
        head.stripped = [
            {"line": " ".join(p.split()), "reason": "before the headline (kicker or section)"}
            for p in paragraphs[:at]
        ]
        head.paragraphs = paragraphs[at + 1 :]
    if head.headline:
        again = [p for p in head.paragraphs if _normal(p) == _normal(head.headline)]
        head.paragraphs = [p for p in head.paragraphs if p not in again]
    first = head.paragraphs[0] if head.paragraphs else ""
    if description and len(head.paragraphs) > 1 and _normal(first) == _normal(description):
        head.standfirst = " ".join(first.split())
        head.paragraphs = head.paragraphs[1:]
    return head


def _inner_body(document: str) -> str:
    """trafilatura wraps its output in <html><body>; keep what is inside."""
    root = lxml_html.fromstring(document)
    body = root.find("body") if root.tag == "html" else root
    body = root if body is None else body
    return (body.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in body
    )


def html_paragraphs(fragment: str) -> list[str]:
    """The text of each block element of an HTML fragment, in order; loose
    text outside blocks counts as a paragraph of its own."""
    if not fragment.strip():
        return []
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    paragraphs: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(loose).split())
        if text:
            paragraphs.append(text)
        loose.clear()

    def walk(element) -> None:
        if element.text:
            loose.append(element.text)
        for child in element:
            if child.tag in _BLOCKS:
                flush()
                if child.tag in ("li", "tr") or not child.xpath(".//p|.//li"):
                    text = " ".join(child.text_content().split())
                    if text:
                        paragraphs.append(text)
                else:
                    walk(child)
                    flush()
            elif child.tag == "br":
                flush()
            else:
                walk(child) if len(child) else loose.append(child.text_content())
            if child.tail:
                loose.append(child.tail)

    walk(root)
    flush()
    return paragraphs
