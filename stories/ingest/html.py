"""HTML pages: trafilatura finds the article and its metadata; the kept HTML
goes through the one sanitizer. Django-free."""

from __future__ import annotations

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
    title = (meta.title or "").strip() if meta else ""
    if paragraphs and title and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]
    text = clean_paragraphs(paragraphs)
    if not text.body:
        raise ExtractionError("No article text was found in this HTML.")
    return ExtractedPage(
        title=title,
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
