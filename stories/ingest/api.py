"""Importing articles: the functions the import command, the admin's import
page and the tasks call. No view or command code here.

Every function takes keyword arguments and returns ``ImportResult`` (or a
list of them): what was created, or why nothing was. An import is all or
nothing: a refused one writes no rows. Importing the same thing twice is a
no-op; new text for a known article (same URL, or same outlet and
``source_key``) becomes a new revision of it.
"""

from __future__ import annotations

import calendar
import enum
import functools
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import DataError, IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from stories import pipeline
from stories.models import Article, Feed, Outlet, Revision, SourceKind, Story

from .encoding import BinaryContent, decode
from .fetch import FetchedPage, FetchError, fetch
from .html import ExtractionError, extract_html, html_paragraphs
from .language import detect_language
from .sanitize import sanitize_html
from .schedule import next_fetch_time
from .text import ParsedText, clean_paragraphs, parse_text

logger = logging.getLogger(__name__)

MIN_WORDS = 5
# Tries at writing one import when concurrent imports of the same article win
# the race to insert it: the second try finds their row.
WRITE_ATTEMPTS = 3
FORMATS = ("auto", "text", "html", "jsonl")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class Outcome(enum.StrEnum):
    CREATED = "created"
    NEW_REVISION = "new revision"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportResult:
    """What one import did. ``message`` is for people: why it was refused, or
    a short note on what happened."""

    outcome: Outcome
    source: str
    message: str = ""
    article: Article | None = None
    revision: Revision | None = None

    @property
    def refused(self) -> bool:
        return self.outcome is Outcome.REFUSED

    def __str__(self) -> str:
        detail = self.message or (str(self.article) if self.article else "")
        return f"{self.source}: {self.outcome}" + (f" — {detail}" if detail else "")


class ImportRefused(Exception):
    """Raised inside an import to refuse it; becomes a REFUSED result."""


def describe_error(exc: BaseException) -> str:
    """An exception as a short phrase for people: its type, and its message when it has one."""
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def refused_after_crash(source: str, exc: Exception) -> ImportResult:
    """The refusal for one item of a batch (a JSON line, a file, a feed entry)
    whose import raised what no parser check foresaw. Call it inside the
    ``except`` block: the traceback goes to the log, the batch goes on, and
    nothing of the item was written (each import is one transaction)."""
    logger.exception("Import of %s failed unexpectedly", source)
    return ImportResult(
        Outcome.REFUSED,
        source,
        f"This could not be imported ({describe_error(exc)}); nothing of it was stored.",
    )


@dataclass(frozen=True)
class KnownMetadata:
    """What the caller knows better than the parser (a manifest, a feed entry,
    a form). Non-empty values win over what is read from the text."""

    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    language: str = ""
    published_at: datetime | str | None = None
    derived_from: str = ""

    @classmethod
    def from_mapping(cls, data: dict) -> KnownMetadata:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names and v not in (None, "")})


def summarize(results: Iterable[ImportResult]) -> dict[Outcome, int]:
    """How many results of each outcome, every outcome present."""
    counts = dict.fromkeys(Outcome, 0)
    for result in results:
        counts[result.outcome] += 1
    return counts


# --- Single articles ----------------------------------------------------------


def ingest_text(
    *,
    text: str,
    outlet: Outlet | str | None = None,
    story: Story | str | None = None,
    url: str = "",
    source_key: str = "",
    source: str = "",
    source_kind: str = SourceKind.PASTE,
    known: KnownMetadata | None = None,
    site_lines: Iterable[str] = (),
) -> ImportResult:
    """Import a plain-text capture (furniture is stripped, see ``text.py``)."""
    source = source or url or source_key or "pasted text"
    text = text.replace("\x00", "")  # no database stores NUL in text
    try:
        _check_size(len(text.encode("utf-8")), source)
        parsed = parse_text(text, site_lines=set(site_lines))
    except ImportRefused as exc:
        return ImportResult(Outcome.REFUSED, source, str(exc))
    return _store(
        parsed=parsed,
        raw=text,
        html="",
        outlet=outlet,
        story=story,
        url=url,
        source_key=source_key,
        source=source,
        source_kind=source_kind,
        known=known or KnownMetadata(),
    )


def ingest_html(
    *,
    html: str,
    outlet: Outlet | str | None = None,
    story: Story | str | None = None,
    url: str = "",
    source_key: str = "",
    source: str = "",
    source_kind: str = SourceKind.FILE,
    known: KnownMetadata | None = None,
    fetched: bool = False,
) -> ImportResult:
    """Import an HTML page: trafilatura finds the article and its metadata
    (title, author, date, site name, canonical URL); its HTML is sanitized."""
    source = source or url or source_key or "HTML"
    try:
        _check_size(len(html.encode("utf-8")), source)
        page = extract_html(html, url=url)
    except (ImportRefused, ExtractionError) as exc:
        return ImportResult(Outcome.REFUSED, source, str(exc))
    page_known = KnownMetadata(
        headline=page.title, byline=page.author, published_at=page.date or None
    )
    return _store(
        parsed=page.text,
        raw=html,
        html=page.html,
        outlet=outlet or page.sitename or None,
        story=story,
        url=_canonical(url, page.url),
        lookup_urls=(url,),
        source_key=source_key,
        source=source,
        source_kind=source_kind,
        known=_merge(known, page_known),
        fetched=fetched,
    )


def ingest_url(
    *,
    url: str,
    outlet: Outlet | str | None = None,
    story: Story | str | None = None,
    known: KnownMetadata | None = None,
    source_kind: str = SourceKind.URL,
) -> ImportResult:
    """Fetch ``url`` safely (see ``fetch.py``) and import the page."""
    try:
        page = fetch(url)
    except FetchError as exc:
        return ImportResult(Outcome.REFUSED, url, str(exc))
    return _ingest_fetched(
        page, requested=url, outlet=outlet, story=story, known=known, source_kind=source_kind
    )


def ingest_feed_entry(
    *, feed: Feed, entry: dict, now: datetime | None = None, fetch_page: bool = True
) -> ImportResult:
    """Import one feedparser entry of ``feed``: the linked page when it can be
    fetched, else the entry's own content or summary.

    An entry already imported is left alone (UNCHANGED) until it is due for a
    re-fetch (``Article.next_fetch_at``) or the feed says it was updated."""
    now = now or timezone.now()
    url = (entry.get("link") or "").strip()
    if url and not _is_web_url(url):
        url = ""  # feedparser passes any scheme through, javascript: included
    key = "" if url else (entry.get("id") or "").strip()[:300]
    source = url or key or feed.url
    known = KnownMetadata(
        headline=(entry.get("title") or "").strip(),
        byline=(entry.get("author") or "").strip(),
        published_at=_struct_time(entry.get("published_parsed") or entry.get("updated_parsed")),
    )
    existing = _find_article(outlet=feed.outlet, urls=[url], source_key=key)
    if existing is not None and not _entry_needs_fetch(existing, entry, now=now):
        return ImportResult(Outcome.UNCHANGED, source, "already imported", article=existing)
    if url and fetch_page:
        try:
            page = fetch(url)
        except FetchError:
            pass  # fall back to the entry's own text below
        else:
            result = _ingest_fetched(
                page,
                requested=url,
                outlet=feed.outlet,
                known=known,
                source_kind=SourceKind.FEED,
            )
            if not result.refused:
                return result
    content = _entry_html(entry)
    if not content:
        return ImportResult(Outcome.REFUSED, source, "The feed entry has no text and no page.")
    clean = sanitize_html(content)
    return _store(
        parsed=clean_paragraphs(html_paragraphs(clean)),
        raw=content,
        html=clean,
        outlet=feed.outlet,
        story=None,
        url=url,
        source_key=key,
        source=source,
        source_kind=SourceKind.FEED,
        known=known,
        fetched=bool(url),
    )


# --- Files, uploads, JSON Lines -------------------------------------------------


def ingest_document(
    *,
    data: bytes,
    name: str,
    fmt: str = "auto",
    outlet: Outlet | str | None = None,
    story: Story | str | None = None,
    source_key: str | None = None,
    url: str = "",
    source_kind: str = SourceKind.FILE,
    known: KnownMetadata | None = None,
    site_lines: Iterable[str] = (),
) -> list[ImportResult]:
    """Import the bytes of a file or an upload named ``name`` as text, HTML or
    JSON Lines (``fmt="auto"`` decides from the name, then the content). The
    file name is the article's ``source_key`` unless one is given (``""``
    for none: pasted text is then recognised again by its content only)."""
    try:
        if not data.strip():
            raise ImportRefused("The file is empty.")
        _check_size(len(data), name)
        try:
            text, _encoding = decode(data)
        except BinaryContent as exc:
            raise ImportRefused(str(exc)) from exc
    except ImportRefused as exc:
        return [ImportResult(Outcome.REFUSED, name, str(exc))]
    fmt = detect_format(name, text) if fmt == "auto" else fmt
    if fmt == "jsonl":
        return ingest_jsonl(lines=text.splitlines(), source=name, outlet=outlet, story=story)
    common = {
        "outlet": outlet,
        "story": story,
        "url": url,
        "source_key": Path(name).name if source_key is None else source_key,
        "source": name,
        "source_kind": source_kind,
        "known": known,
    }
    if fmt == "html":
        return [ingest_html(html=text, **common)]
    return [ingest_text(text=text, site_lines=site_lines, **common)]


def ingest_file(*, path: Path, **options) -> list[ImportResult]:
    """``ingest_document`` for a file on disk, refusing oversized files before
    reading them."""
    path = Path(path)
    try:
        _check_size(path.stat().st_size, str(path))
        data = path.read_bytes()
    except ImportRefused as exc:
        return [ImportResult(Outcome.REFUSED, str(path), str(exc))]
    except OSError as exc:
        return [ImportResult(Outcome.REFUSED, str(path), f"Cannot read the file ({exc}).")]
    return ingest_document(data=data, name=str(path), **options)


JSONL_FIELDS = {
    "outlet",
    "url",
    "source_key",
    "headline",
    "standfirst",
    "byline",
    "published_at",
    "language",
    "derived_from",
    "story",
    "text",
    "html",
}


def ingest_jsonl(
    *,
    lines: Iterable[str],
    source: str = "JSON Lines",
    outlet: Outlet | str | None = None,
    story: Story | str | None = None,
) -> list[ImportResult]:
    """Import one article per line of JSON Lines; each line is its own
    all-or-nothing import, so one bad line does not block the others.

    Each line is a JSON object with these keys (only ``text`` or ``html``, and
    ``outlet`` unless a default outlet is given, are required)::

        outlet        name of the outlet (found, or created)
        url           canonical URL; identifies the article across imports
        source_key    identifies the article within its outlet when there is no URL
        headline      headline (otherwise read from the text)
        standfirst    standfirst / dek
        byline        byline
        published_at  ISO 8601 date or date-time, e.g. "2024-12-04T10:30:00Z"
        language      language code, e.g. "en"
        derived_from  where the text comes from, e.g. "Bloomberg"
        story         slug of the story to file it under (created when missing)
        text          the article as plain text (site furniture is stripped)
        html          the article as an HTML page or fragment (sanitized)

    Exactly one of ``text`` and ``html``. Unknown keys are refused, so a typo
    does not pass silently. A line without ``url`` and ``source_key`` is
    recognised again by its content only."""
    results = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = _jsonl_record(line)
        except ImportRefused as exc:
            results.append(ImportResult(Outcome.REFUSED, where, str(exc)))
            continue
        common = {
            "outlet": record.get("outlet") or outlet,
            "story": record.get("story") or story,
            "url": record.get("url", ""),
            "source_key": record.get("source_key", ""),
            "source": where,
            "source_kind": SourceKind.API,
            "known": KnownMetadata.from_mapping(record),
        }
        try:
            if "html" in record:
                results.append(ingest_html(html=record["html"], **common))
            else:
                results.append(ingest_text(text=record["text"], **common))
        except Exception as exc:  # one line's failure never stops the batch
            results.append(refused_after_crash(where, exc))
    return results


def _jsonl_record(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"Not valid JSON ({exc.msg} at column {exc.colno}).") from exc
    if not isinstance(record, dict):
        raise ImportRefused("Each line must be a JSON object.")
    unknown = sorted(set(record) - JSONL_FIELDS)
    if unknown:
        raise ImportRefused(f"Unknown keys: {', '.join(unknown)}.")
    if ("text" in record) == ("html" in record):
        raise ImportRefused('Give exactly one of "text" and "html".')
    for key, value in record.items():
        if value is not None and not isinstance(value, str):
            raise ImportRefused(f'"{key}" must be a string.')
    return {k: v for k, v in record.items() if v is not None}


def detect_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


# --- Storing ----------------------------------------------------------------------


def _retried_after_races(store):
    """Run ``store`` again when it lost a race to a concurrent import of the
    same article (IntegrityError): nothing of it was written, and the next
    try finds the other import's row, so it adds a revision or does nothing."""

    @functools.wraps(store)
    def retrying(**kwargs) -> ImportResult:
        for _attempt in range(WRITE_ATTEMPTS):
            try:
                return store(**kwargs)
            except IntegrityError:
                continue
        return ImportResult(
            Outcome.REFUSED,
            kwargs["source"],
            "Another import of the same article ran at the same time; try again.",
        )

    return retrying


@_retried_after_races
def _store(
    *,
    parsed: ParsedText,
    raw: str,
    html: str,
    outlet: Outlet | str | None,
    story: Story | str | None,
    url: str,
    source_key: str,
    source: str,
    source_kind: str,
    known: KnownMetadata,
    lookup_urls: Iterable[str] = (),
    fetched: bool = False,
) -> ImportResult:
    """Write the article and its revision, or nothing. Raises IntegrityError
    when a concurrent import inserted the same article first."""
    if url and not _is_web_url(url):
        return ImportResult(Outcome.REFUSED, source, f"Not a usable http(s) URL: {url[:200]!r}.")
    raw = raw.replace("\x00", "")
    words = len(parsed.body.split())
    if words < MIN_WORDS:
        found = f"only {words} word{'s' if words != 1 else ''}" if words else "no text"
        return ImportResult(
            Outcome.REFUSED,
            source,
            f"Too little article text to import ({found} left once site furniture was removed).",
        )
    try:
        with transaction.atomic():
            article = _find_article(outlet=None, urls=[url, *lookup_urls], source_key="")
            if article is not None:
                outlet_obj = article.outlet  # a known URL keeps its outlet
            else:
                outlet_obj = _resolve_outlet(outlet, url=url)
                article = _find_article(outlet=outlet_obj, urls=(), source_key=source_key)
            story_obj = _resolve_story(story)
            created = article is None
            if created and not url and not source_key:
                same = Revision.objects.filter(
                    article__outlet=outlet_obj,
                    content_hash=Revision.hash_content(
                        headline=known.headline or parsed.headline,
                        standfirst=known.standfirst or parsed.standfirst,
                        body=parsed.body,
                    ),
                ).first()
                if same is not None:
                    return ImportResult(
                        Outcome.UNCHANGED, source, "already imported", same.article, same
                    )
            fields_now = {
                "headline": (known.headline or parsed.headline)[:500],
                "standfirst": known.standfirst or parsed.standfirst,
                "byline": (known.byline or parsed.byline)[:300],
            }
            # What the text is written in, whatever the import or the outlet declares.
            detected = detect_language(
                "\n".join((fields_now["headline"], fields_now["standfirst"], parsed.body))
            )
            if created:
                article = Article.objects.create(
                    outlet=outlet_obj,
                    story=story_obj,
                    story_set_by_editor=story_obj is not None,
                    url=url,
                    source_key=source_key[:300],
                    language=known.language or detected or outlet_obj.language,
                    published_at=_aware(known.published_at),
                    derived_from=known.derived_from[:200],
                    **fields_now,
                )
            revision, new = article.add_revision(
                body=parsed.body,
                source_kind=source_kind,
                html=html,
                source=source[:2000],
                raw=raw,
                annotations=parsed.annotations,
                stripped=parsed.stripped,
                language=detected,
                **fields_now,
            )
            if not new:
                return ImportResult(
                    Outcome.UNCHANGED, source, "already imported", article, revision
                )
            if not article.language and detected:
                article.language = detected
            _update_article(article, fields_now, story=story_obj, fetched=fetched)
            pipeline.article_changed(article)
    except ImportRefused as exc:
        return ImportResult(Outcome.REFUSED, source, str(exc))
    except DataError as exc:  # a value the database cannot hold; nothing was written
        return ImportResult(Outcome.REFUSED, source, f"The database refused this article: {exc}")
    if created:
        return ImportResult(Outcome.CREATED, source, "", article, revision)
    note = "minor change" if revision.minor else ""
    return ImportResult(Outcome.NEW_REVISION, source, note, article, revision)


def _update_article(article: Article, current: dict, *, story, fetched: bool) -> None:
    """Keep the article's headline, standfirst and byline those of its latest
    revision, and schedule the next fetch of pages that change."""
    for name, value in current.items():
        if value:
            setattr(article, name, value)
    if story is not None and article.story_id is None:
        article.story, article.story_set_by_editor = story, True
    if fetched:
        now = timezone.now()
        article.next_fetch_at = next_fetch_time(
            first_seen=article.published_at or article.created_at or now, now=now
        )
    article.save()


def _find_article(*, outlet: Outlet | None, urls: Iterable[str], source_key: str) -> Article | None:
    urls = [u for u in urls if u]
    if urls:
        found = Article.objects.filter(url__in=urls).first()
        if found is not None:
            return found
    if source_key and outlet is not None and outlet.pk:
        return Article.objects.filter(outlet=outlet, source_key=source_key[:300]).first()
    return None


def _resolve_outlet(outlet: Outlet | str | None, *, url: str) -> Outlet:
    """The outlet by instance, by name (case-insensitive) or by the URL's
    domain; created from the name or the domain when unknown."""
    if isinstance(outlet, Outlet):
        return outlet
    name = (outlet or "").strip()
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    if host:
        by_domain = _outlet_for_host(host)
        if by_domain is not None and (not name or by_domain.name.casefold() == name.casefold()):
            return by_domain
    if name:
        name = name[:200]
        return _get_or_create(Outlet, {"name__iexact": name}, name=name, domains=host)
    if host:
        return _get_or_create(
            Outlet, {"name__iexact": host}, name=host, domains=host, homepage=f"https://{host}/"
        )
    raise ImportRefused("Say which outlet published this (no outlet given and no URL to go by).")


def _outlet_for_host(host: str) -> Outlet | None:
    labels = host.split(".")
    for i in range(len(labels) - 1):
        domain = ".".join(labels[i:])
        for candidate in Outlet.objects.filter(domains__icontains=domain):
            if domain in candidate.domain_list or f"www.{domain}" in candidate.domain_list:
                return candidate
    return None


def _resolve_story(story: Story | str | None) -> Story | None:
    """A story by instance or slug; a slug that does not exist yet creates a
    draft story with that slug."""
    if story is None or isinstance(story, Story):
        return story
    slug = story.strip()
    if not slug:
        return None
    try:
        validate_slug(slug)
    except ValidationError:
        raise ImportRefused(
            f"{slug[:100]!r} is not a story slug (letters, digits, hyphens and underscores)."
        ) from None
    slug = slug[:80]
    return _get_or_create(
        Story, {"slug": slug}, slug=slug, title=slug.replace("-", " ").capitalize()
    )


def _get_or_create(model, lookup: dict, **values):
    """The row ``lookup`` finds, else a new one made of ``values``, safe when
    concurrent imports create the same row: the insert runs in a savepoint,
    and the import that loses the race reads the winner's row (committed by
    the time the database reports the clash) instead of failing."""
    found = model.objects.filter(**lookup).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return model.objects.create(**values)
    except IntegrityError:
        found = model.objects.filter(**lookup).first()
        if found is None:  # a clash on another column: not the same row
            raise
        return found


# --- Helpers ------------------------------------------------------------------------

_web_url = URLValidator(schemes=["http", "https"])


def _is_web_url(url: str) -> bool:
    """An http(s) URL that fits the database column: nothing else is stored or linked."""
    if len(url) > 2000:
        return False
    try:
        _web_url(url)
    except ValidationError:
        return False
    return True


def _ingest_fetched(
    page: FetchedPage,
    *,
    requested: str,
    outlet=None,
    story=None,
    known: KnownMetadata | None,
    source_kind: str,
) -> ImportResult:
    try:
        text = page.text()
    except FetchError as exc:
        return ImportResult(Outcome.REFUSED, requested, str(exc))
    common = {"outlet": outlet, "story": story, "source": requested, "source_kind": source_kind}
    if page.content_type == "text/plain":
        result = ingest_text(text=text, url=page.url, known=known, **common)
    else:
        result = ingest_html(html=text, url=page.url, known=known, fetched=True, **common)
    return result


def _canonical(requested: str, declared: str) -> str:
    """The page's canonical URL when it is on the same site as the one we
    fetched (a canonical link pointing elsewhere is not trusted)."""
    if not declared or not requested:
        return requested or ""
    same_site = (urlsplit(declared).hostname or "").removeprefix("www.") == (
        urlsplit(requested).hostname or ""
    ).removeprefix("www.")
    return declared if same_site and urlsplit(declared).scheme in ("http", "https") else requested


def _merge(first: KnownMetadata | None, fallback: KnownMetadata) -> KnownMetadata:
    if first is None:
        return fallback
    given = {f.name: getattr(first, f.name) for f in fields(first) if getattr(first, f.name)}
    return replace(fallback, **given)


def _aware(value: datetime | date | str | None) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value.strip())
            if parsed is None:
                day = parse_date(value.strip()[:10])
                parsed = datetime(day.year, day.month, day.day) if day else None
        except ValueError:  # well-formed but impossible, such as 2024-02-30
            parsed = None
        if parsed is None:
            raise ImportRefused(
                f"Cannot read the date {value!r} (use ISO 8601, e.g. 2024-12-04T10:30Z)."
            )
        value = parsed
    elif not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def _struct_time(value) -> datetime | None:
    """feedparser's parsed dates are UTC ``struct_time``s."""
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC) if value else None


def _entry_html(entry: dict) -> str:
    for item in entry.get("content") or []:
        if item.get("value"):
            return item["value"]
    return entry.get("summary") or entry.get("description") or ""


def _entry_needs_fetch(article: Article, entry: dict, *, now: datetime) -> bool:
    if article.next_fetch_at is not None and article.next_fetch_at <= now:
        return True
    updated = _struct_time(entry.get("updated_parsed"))
    latest = article.revisions.aggregate(latest=Max("captured_at"))["latest"]
    return bool(updated and latest and updated > latest)


def _check_size(size: int, source: str) -> None:
    limit = settings.NEWSDESK_IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRefused(
            f"{source} is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB import limit."
        )
