"""Story grouping, the database side: which story a new article belongs to.

The decisions are made by the plain-Python core in ``stories.evidence``; this
module feeds it the articles around the new one (the active window), applies
what it decides, and logs every decision with its evidence so editors can
review and undo it (``GroupingDecision.accept/reject/undo``).

Editors win: an article an editor placed (``story_set_by_editor``, also set
when an editor undoes a decision) is never moved automatically; a locked story
takes no automatic members; a story an editor turned down for an article is
never offered to it again.

The window is held in memory per process and brought in line with the
database on every call (only changed articles are re-read), so any number of
worker processes can group side by side; the decision itself runs under a
lock (PostgreSQL advisory lock; SQLite's write lock) so two versions of one
report arriving together do not both start a story."""

import bisect
import dataclasses
import enum
import logging
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import embeddings, pipeline
from .evidence import (
    ASSIGN,
    INDEPENDENT,
    Decision,
    Document,
    Grouper,
    Link,
    Thresholds,
    fingerprint,
    make_document,
)
from .evidence.decision import TRANSLATION, suggestion_confidence
from .models import Article, GroupingDecision, GroupingFingerprint, Revision, Story

log = logging.getLogger(__name__)

Action, Status = GroupingDecision.Action, GroupingDecision.Status
# Decisions that place an article (as opposed to linking two stories).
_PLACEMENTS = [Action.ASSIGNED, Action.SUGGESTED, Action.NEW_STORY]

# Any 64-bit number, the same in every process: the advisory lock's name.
_PG_LOCK_KEY = 0x6E657773_67727570  # "newsgrup"
# A sync reads again the articles touched this long before the last one, so
# a writer whose transaction committed late is not missed.
_MARGIN = timedelta(seconds=5)
# And re-reads the whole window now and then, in case anything slipped by.
_FULL_RESYNC = timedelta(minutes=10)
_CHUNK = 500


def window_days() -> float:
    return float(getattr(settings, "NEWSDESK_GROUPING_WINDOW_DAYS", 14))


def thresholds() -> Thresholds:
    """The core's defaults, with ``NEWSDESK_GROUPING_THRESHOLDS`` over them."""
    overrides = getattr(settings, "NEWSDESK_GROUPING_THRESHOLDS", {})
    try:
        return dataclasses.replace(Thresholds(), **overrides)
    except TypeError as exc:
        raise ImproperlyConfigured(f"NEWSDESK_GROUPING_THRESHOLDS: {exc}") from exc


def moment(article) -> datetime:
    """When an article happened, for the window: published, else first captured
    (an import of old captures keeps their dates), else first seen. One query at
    most; the window reads the stored ``Article.moment`` instead."""
    if article.published_at:
        return article.published_at
    first = article.revisions.order_by("captured_at").values_list("captured_at", flat=True).first()
    return first or article.created_at


def _moment_expression() -> Coalesce:
    """``moment`` in SQL, to store it and to check the stored one."""
    first = Revision.objects.filter(article=OuterRef("pk")).order_by("captured_at")
    return Coalesce("published_at", Subquery(first.values("captured_at")[:1]), "created_at")


def store_moments(articles) -> None:
    """Bring the stored ``moment`` of ``articles`` (a queryset) up to date,
    writing only the rows whose moment changed."""
    rows = articles.annotate(computed=_moment_expression()).values_list("pk", "moment", "computed")
    _write_moments([pk for pk, stored, computed in rows if stored != computed])


def _write_moments(pks: list[int]) -> None:
    for i in range(0, len(pks), _CHUNK):
        Article.objects.filter(pk__in=pks[i : i + _CHUNK]).update(moment=_moment_expression())


def document_for(article, revision, *, when: datetime | None) -> Document:
    """The core's view of an article's current revision (``when``: its known
    date, None when only its capture time is known)."""
    return _document(
        article.pk,
        headline=revision.headline or article.headline,
        standfirst=revision.standfirst,
        body=revision.body,
        outlet=article.outlet_id,
        when=when,
    )


def _document(pk: int, *, headline: str, standfirst: str, body: str, outlet, when) -> Document:
    text = "\n".join(part for part in (standfirst, body) if part)
    return make_document(pk, headline=headline, body=text, outlet=outlet, published=when)


def store_fingerprints(articles) -> int:
    """Keep the grouping fingerprint of the current revision of each of
    ``articles`` (a queryset) in the database, building only the missing or
    outdated ones. Ingest calls it for every new revision, so no worker has to
    read the text again; an archive imported in bulk can be brought up to date
    with it. Returns how many were built."""
    built = 0
    pks = list(articles.values_list("pk", flat=True))
    for i in range(0, len(pks), _CHUNK):
        rows = _read_rows(Article.objects.filter(pk__in=pks[i : i + _CHUNK]))
        current = set(
            GroupingFingerprint.objects.filter(
                revision__in=[row.revision for row in rows], format=fingerprint.FORMAT
            ).values_list("revision", flat=True)
        )
        missing = [row for row in rows if row.revision is not None and row.revision not in current]
        _documents(missing)
        built += len(missing)
    return built


# --- the window -------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    article: int
    story: int | None
    revision: int | None  # None: no text yet
    content_hash: str | None
    outlet: int
    moment: datetime
    created: datetime
    published: datetime | None  # None: undated, only its capture time is known


def _read_rows(articles, *, check_moments: bool = False) -> list[_Row]:
    """The window's view of ``articles`` (a queryset): story, current revision,
    stored moment. ``check_moments``: recompute each moment too and store the
    ones that changed (for rows known to have changed, never for a range)."""
    current = Revision.objects.filter(article=OuterRef("pk")).order_by("-captured_at", "-pk")
    articles = articles.annotate(
        revision=Subquery(current.values("pk")[:1]),
        content_hash=Subquery(current.values("content_hash")[:1]),
    )
    fields = ["pk", "story_id", "revision", "content_hash", "outlet_id", "moment"]
    fields += ["created_at", "published_at"]
    if not check_moments:
        return [_Row(*row) for row in articles.values_list(*fields)]
    rows, stale = [], []
    for *row, computed in articles.annotate(computed=_moment_expression()).values_list(
        *fields, "computed"
    ):
        if row[5] != computed:
            stale.append(row[0])
            row[5] = computed
        rows.append(_Row(*row))
    _write_moments(stale)
    return rows


def _documents(rows: list[_Row]) -> list[Document]:
    """Documents for ``rows``: loaded from their stored fingerprints, and
    only where a row has none for its current revision (or one of an
    older format), built from the text, which is read in chunks, and
    stored for the next worker."""
    stored = {}
    for i in range(0, len(rows), _CHUNK):
        ids = [row.revision for row in rows[i : i + _CHUNK]]
        stored.update(
            (revision, bytes(data))
            for revision, data in GroupingFingerprint.objects.filter(
                revision__in=ids, format=fingerprint.FORMAT
            ).values_list("revision", "data")
        )
    texts = {}
    missing = [row.revision for row in rows if row.revision not in stored]
    for i in range(0, len(missing), _CHUNK):
        texts.update(
            (pk, rest)
            for pk, *rest in Revision.objects.filter(pk__in=missing[i : i + _CHUNK]).values_list(
                "pk", "headline", "standfirst", "body", "article__headline"
            )
        )
    docs, fresh = [], []
    for row in rows:
        blob = stored.get(row.revision)
        if blob is not None:
            docs.append(
                fingerprint.load(blob, key=row.article, outlet=row.outlet, published=row.published)
            )
            continue
        headline, standfirst, body, article_headline = texts[row.revision]
        doc = _document(
            row.article,
            headline=headline or article_headline,
            standfirst=standfirst,
            body=body,
            outlet=row.outlet,
            when=row.published,
        )
        docs.append(doc)
        fresh.append(
            GroupingFingerprint(
                article_id=row.article,
                revision_id=row.revision,
                format=fingerprint.FORMAT,
                data=fingerprint.dump(doc),
            )
        )
    GroupingFingerprint.objects.bulk_create(
        fresh,
        batch_size=_CHUNK,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["revision", "format", "data"],
    )
    return docs


class _Timeline:
    """The window's articles in the order of one of their times, so the rows a
    moved range left behind are found by bisection instead of a scan."""

    __slots__ = ("_entries",)

    def __init__(self):
        self._entries: list[tuple[datetime, int]] = []

    def add(self, when: datetime, pk: int) -> None:
        bisect.insort(self._entries, (when, pk))

    def remove(self, when: datetime, pk: int) -> None:
        i = bisect.bisect_left(self._entries, (when, pk))
        if i < len(self._entries) and self._entries[i] == (when, pk):
            del self._entries[i]

    def outside(self, start: datetime, end: datetime, old: tuple[datetime, datetime]) -> list[int]:
        """Articles whose time was inside ``old`` and is outside ``start``–``end``."""
        entries, (old_start, old_end) = self._entries, old
        lo = bisect.bisect_left(entries, (old_start,))
        below = bisect.bisect_left(entries, (start,))
        above = bisect.bisect_right(entries, (end, _LAST))
        hi = bisect.bisect_right(entries, (old_end, _LAST))
        return [pk for _, pk in entries[lo:below]] + [pk for _, pk in entries[max(above, lo) : hi]]


_LAST = float("inf")  # sorts after every primary key of the same time


class Window:
    """The articles around one moment as the core sees them: those in a story
    are candidates; those still in the inbox only count in the frequencies
    (they are part of the news of those days: a phrase every one of them
    repeats is boilerplate, whether grouped yet or not).

    Kept in line with the database incrementally, so a sync costs the same
    however large the archive and the window are: the first sync reads the
    range by the indexed ``Article.moment``; later ones read only the slices
    the range moved into, the articles changed since (``updated_at`` and new
    revisions, both indexed), and drop what left the range. Before a decision,
    ``verify`` re-reads the stories of the few members the decision rests on,
    which catches moves made without touching ``updated_at``.

    Two clocks: the articles whose moment is near the new one's, and the
    articles imported near the time it was (``created_at``). A capture without
    a date is only known to have been taken then; the articles that came in
    with it (a batch of old captures, a feed's morning) are its candidates,
    and the core keeps apart two that are both dated and far apart."""

    def __init__(self, *, days: float, thresholds: Thresholds):
        self.span = timedelta(days=days)
        self.settings = (days, thresholds)
        self.centre: datetime | None = None
        self.grouper = Grouper(thresholds=thresholds, span_days=days)
        # field -> (start, end): a row is in the window when either holds it.
        self._ranges: dict[str, tuple[datetime, datetime]] = {}
        self._seen: dict[int, _Row] = {}
        self._moments, self._arrivals = _Timeline(), _Timeline()
        self._inbox: dict[int, Document] = {}  # counted, not candidates
        self._changed_mark: datetime | None = None  # updated_at read up to
        self._revision_mark = 0  # revisions read up to (pk)
        self._stamps: dict[int, datetime] = {}  # updated_at of the rows read near the mark
        self._full_at: datetime | None = None

    def sync(self, around: datetime, *, arrived: datetime | None = None) -> None:
        """Bring the window in line with the database around ``around`` (the
        new article's moment) and ``arrived`` (when it was imported)."""
        now = timezone.now()
        arrived = arrived or now
        ranges = {
            "moment": (around - self.span, around + self.span),
            "created_at": (arrived - self.span, arrived + self.span),
        }
        if self._full_at is None or now - self._full_at > _FULL_RESYNC:
            self._read_all(ranges, now)
        else:
            changed = self._changed(now)
            self._range_moved(ranges)
            if changed:
                self._take(_read_rows(Article.objects.filter(pk__in=changed), check_moments=True))
        self.centre = around

    def verify(self, members) -> bool:
        """Re-read the story of ``members`` (a decision rests on them); True when
        any had moved or gone, so the caller decides again."""
        members = [pk for pk in members if pk in self._seen]
        current = dict(Article.objects.filter(pk__in=members).values_list("pk", "story_id"))
        moved = False
        for pk in members:
            if pk not in current:
                self._drop(pk)
            elif current[pk] != self._seen[pk].story:
                self._restory(pk, current[pk])
            else:
                continue
            moved = True
        return moved

    def document(self, pk: int) -> Document | None:
        return self._inbox.get(pk) or self.grouper.index.docs.get(pk)

    def counts(self, pk: int) -> bool:
        return pk in self._seen

    def revision_of(self, pk: int) -> int | None:
        """The current revision of an article in the window."""
        row = self._seen.get(pk)
        return row.revision if row else None

    def place(self, article, revision, doc: Document, story: int, *, when: datetime) -> None:
        """Record a decision just applied, so the next sync need not re-read it."""
        if article.pk in self._seen:
            self._restory(article.pk, story)
        else:
            row = _Row(
                article.pk,
                story,
                revision.pk,
                revision.content_hash,
                doc.outlet,
                when,
                article.created_at,
                article.published_at,
            )
            self._admit(row, doc)

    def fold(self, into: int, other: int) -> None:
        """Record that story ``other`` was merged into ``into``."""
        for pk in list(self.grouper.members.get(other, ())):
            self._restory(pk, into)

    # --- reading ------------------------------------------------------------
    def _read_all(self, ranges: dict, now: datetime) -> None:
        store_moments(Article.objects.filter(moment__isnull=True))
        self._revision_mark = Revision.objects.aggregate(top=Max("pk"))["top"] or 0
        self._changed_mark, self._stamps, self._full_at = now, {}, now
        inside = Q()
        for field, span in ranges.items():
            inside |= Q(**{f"{field}__range": span})
        rows = _read_rows(Article.objects.filter(inside))
        present = {row.article for row in rows}
        for pk in [pk for pk in self._seen if pk not in present]:
            self._drop(pk)
        self._ranges = ranges
        self._take(rows)

    def _inside(self, row: _Row) -> bool:
        start, end = self._ranges["moment"]
        if start <= row.moment <= end:
            return True
        start, end = self._ranges["created_at"]
        return start <= row.created <= end

    def _changed(self, now: datetime) -> set[int]:
        """Articles changed since the last sync: touched (``updated_at``, read
        again back to ``_MARGIN`` for writers that committed late), given a
        revision, or without a stored moment yet."""
        since = self._changed_mark - _MARGIN
        stamps = dict(Article.objects.filter(updated_at__gte=since).values_list("pk", "updated_at"))
        changed = {pk for pk, stamp in stamps.items() if self._stamps.get(pk) != stamp}
        revisions = list(
            Revision.objects.filter(pk__gt=self._revision_mark).values_list("pk", "article_id")
        )
        if revisions:
            self._revision_mark = max(pk for pk, _ in revisions)
            changed.update(article for _, article in revisions)
        changed.update(Article.objects.filter(moment__isnull=True).values_list("pk", flat=True))
        self._changed_mark, self._stamps = now, stamps
        return changed

    def _range_moved(self, ranges: dict) -> None:
        """Read the slices the ranges moved into; drop what they left."""
        slices = []
        for field, (start, end) in ranges.items():
            old_start, old_end = self._ranges[field]
            if start > old_end or end < old_start:
                slices.append((field, start, end))
            else:
                slices.extend(
                    (field, a, b) for a, b in ((start, old_start), (old_end, end)) if a < b
                )
        leaving = set()
        for field, timeline in (("moment", self._moments), ("created_at", self._arrivals)):
            leaving.update(timeline.outside(*ranges[field], self._ranges[field]))
        self._ranges = ranges
        for pk in leaving:
            if not self._inside(self._seen[pk]):
                self._drop(pk)
        for field, a, b in slices:
            self._take(_read_rows(Article.objects.filter(**{f"{field}__range": (a, b)})))

    def _take(self, rows: list[_Row]) -> None:
        """Admit, replace, move or drop each row as the database has it now."""
        missing = []
        for row in rows:
            seen = self._seen.get(row.article)
            if row.revision is None or not self._inside(row):
                if seen is not None:
                    self._drop(row.article)
                continue
            if seen is not None and (seen.revision, seen.content_hash) != (
                row.revision,
                row.content_hash,
            ):
                self._drop(row.article)
                seen = None
            if seen is None:
                missing.append(row)
                continue
            if seen.story != row.story:
                self._restory(row.article, row.story)
            self._forget(row.article)
            self._remember(row)
        for row, doc in zip(missing, _documents(missing), strict=True):
            self._admit(row, doc)

    # --- the core's side ------------------------------------------------------
    def _remember(self, row: _Row) -> None:
        self._seen[row.article] = row
        self._moments.add(row.moment, row.article)
        self._arrivals.add(row.created, row.article)

    def _forget(self, pk: int) -> _Row:
        row = self._seen.pop(pk)
        self._moments.remove(row.moment, pk)
        self._arrivals.remove(row.created, pk)
        return row

    def _admit(self, row: _Row, doc: Document) -> None:
        self._remember(row)
        if row.story is None:
            self.grouper.index.count_frequencies(doc)
            self._inbox[row.article] = doc
        else:
            self.grouper.add(doc, row.story)

    def _drop(self, pk: int) -> None:
        row = self._forget(pk)
        if row.story is None:
            self.grouper.index.count_frequencies(self._inbox.pop(pk), -1)
        else:
            self.grouper.remove(pk)

    def _restory(self, pk: int, story) -> None:
        row = self._seen[pk]
        if row.story is None:
            self.grouper.add(self._inbox.pop(pk), story, counted=True)
        elif story is None:
            doc = self.grouper.index.docs[pk]
            self.grouper.remove(pk)
            self.grouper.index.count_frequencies(doc)
            self._inbox[pk] = doc
        else:
            self.grouper.move(pk, story)
        self._seen[pk] = dataclasses.replace(row, story=story)


_shared: Window | None = None
_shared_lock = threading.Lock()


def _shared_window() -> Window:
    """This process's window, rebuilt when the settings changed."""
    global _shared
    wanted = (window_days(), thresholds())
    if _shared is None or _shared.settings != wanted:
        _shared = Window(days=wanted[0], thresholds=wanted[1])
    return _shared


def forget_window() -> None:
    """Drop this process's window; the next call rebuilds it from the database
    (tests use it so no test reads another's leftovers)."""
    global _shared
    _shared = None


# --- grouping ---------------------------------------------------------------


class Outcome(enum.StrEnum):
    ASSIGNED = "assigned"
    NEW_STORY = "new story"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class GroupingResult:
    """What grouping did with one article (as ingest's ``ImportResult`` says
    what an import did). ``coverage`` is ``version`` or ``independent`` for an
    assignment; ``message`` is for people."""

    outcome: Outcome
    article: int
    story: int | None = None
    coverage: str = ""
    score: float = 0.0
    folded: tuple[int, ...] = ()
    suggested: int = 0
    related: int = 0
    message: str = ""

    def __str__(self) -> str:
        if self.outcome is Outcome.SKIPPED:
            return f"skipped: {self.message}"
        if self.outcome is Outcome.ASSIGNED:
            folded = (
                f"; folded in stories {', '.join(map(str, self.folded))}" if self.folded else ""
            )
            what = "independent report, lead" if self.coverage == INDEPENDENT else "reuse"
            return (
                f"assigned: article {self.article} → story {self.story} "
                f"({what} {self.score:.2f}){folded}"
            )
        return (
            f"new story: article {self.article} → story {self.story} "
            f"({self.suggested} suggested, {self.related} related)"
        )


def group_article(article_id: int) -> GroupingResult:
    """Put an article without a story where it belongs; says what happened.

    Idempotent: an article that has a story (or that an editor put back in
    the inbox) is left alone."""
    global _shared
    with _shared_lock:
        try:
            return _group(article_id, _shared_window())
        except BaseException:
            _shared = None  # the database rolled back; the window may not have
            raise


def group_backlog(*, since: datetime | None = None) -> Counter[Outcome]:
    """Group every article in the inbox (whose moment, as the window reckons
    it, is ``since`` or later), oldest first. Returns how many were assigned,
    started a story, or were skipped."""
    waiting = Article.objects.inbox().filter(story_set_by_editor=False)
    store_moments(waiting)
    pending = waiting.filter(Exists(Revision.objects.filter(article=OuterRef("pk"))))
    if since is not None:
        pending = pending.filter(moment__gte=since)
    window = Window(days=window_days(), thresholds=thresholds())
    outcomes: Counter = Counter()
    for pk in pending.order_by("moment", "pk").values_list("pk", flat=True):
        outcomes[_group(pk, window).outcome] += 1
    return outcomes


def _group(article_id: int, window: Window) -> GroupingResult:
    with transaction.atomic():
        _serialize()
        article = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=article_id)
            .select_related("outlet")
            .first()
        )
        if article is None:
            return GroupingResult(
                Outcome.SKIPPED, article_id, message=f"article {article_id} does not exist"
            )
        if article.story_id is not None:
            return GroupingResult(
                Outcome.SKIPPED,
                article_id,
                message=f"article {article_id} is in story {article.story_id} already",
            )
        if article.story_set_by_editor:
            return GroupingResult(
                Outcome.SKIPPED,
                article_id,
                message=f"an editor put article {article_id} in the inbox",
            )
        revision = article.revisions.order_by("-captured_at", "-pk").first()
        if revision is None:
            return GroupingResult(
                Outcome.SKIPPED, article_id, message=f"article {article_id} has no text"
            )
        when = moment(article)
        window.sync(when, arrived=article.created_at)
        doc = window.document(article.pk) or document_for(
            article, revision, when=article.published_at
        )
        declined = set(
            GroupingDecision.objects.declined_for(article).values_list("story", flat=True)
        )
        grouper = window.grouper
        while True:
            links = grouper.links(doc, counted=window.counts(article.pk), excluded=declined)
            # Moves nobody told the window about (an update without updated_at,
            # a deleted story): the members these links rest on are checked.
            if not window.verify({link.evidence.member for link in links}):
                break
        locked, frozen = _story_flags({link.story for link in links})
        decision = grouper.choose(links, locked=locked, frozen=frozen)
        if decision.action != ASSIGN and _weigh_translations(window, doc, links, article, revision):
            decision = grouper.choose(links, locked=locked, frozen=frozen)
        elif decision.action == ASSIGN and decision.basis != TRANSLATION:
            decision = _bridge_languages(window, doc, links, decision, article, revision, frozen)
        while decision.action == ASSIGN and not _lock_story(decision.story):
            # Locked since the flags were read: strong evidence is a suggestion.
            locked.add(decision.story)
            decision = grouper.choose(links, locked=locked, frozen=frozen)
        return _apply(article, revision, doc, decision, window, when=when)


# Sentences of each article compared across languages: the lead and what
# follows it, where a translation and an independent report both state the
# event; further down they part ways.
_TRANSLATION_SENTENCES = 40


def _weigh_translations(window: Window, doc: Document, links, article, revision) -> bool:
    """Compare the article with the members in another language of the
    stories ``links`` found, through the sentence encoder
    (``Grouper.weigh_translations``). The article's own sentences are
    embedded now if the embedding task has not run yet; members whose
    vectors are not stored yet are left out. False when nothing could be
    compared (no encoder, no language, no member in another language)."""
    encoder = embeddings.sentence_encoder()
    language = revision.language or article.language
    if encoder is None or not language or not links:
        return False
    grouper = window.grouper
    members = {
        key: window.revision_of(key)
        for link in links
        for key in grouper.members.get(link.story, ())
        if window.revision_of(key) is not None
    }
    languages = {
        pk: own or declared
        for pk, own, declared in Revision.objects.filter(pk__in=set(members.values())).values_list(
            "pk", "language", "article__language"
        )
    }
    others = {
        key: rev for key, rev in members.items() if languages.get(rev) not in ("", None, language)
    }
    if not others:
        return False
    embeddings.embed_revision(revision.pk, encoder=encoder)
    vectors = embeddings.sentence_matrices(
        [revision.pk, *others.values()], encoder.name, limit=_TRANSLATION_SENTENCES
    )
    mine = vectors.get(revision.pk)
    theirs = {key: vectors[rev] for key, rev in others.items() if rev in vectors}
    if mine is None or not theirs:
        return False
    grouper.weigh_translations(doc, links, mine=mine, theirs=theirs)
    return True


def _bridge_languages(window, doc, links, decision, article, revision, frozen) -> Decision:
    """An article joining its own language's story may show that a story in
    another language reports the same event: that story is folded in too
    (``Grouper.one_event_across``), as a version of two stories folds them."""
    joined = {decision.story, *frozen, *(link.story for link in decision.merge)}
    others = [link for link in links if link.story not in joined]
    if not others or not _weigh_translations(window, doc, others, article, revision):
        return decision
    bridged = window.grouper.one_event_across(others, decision.story)
    if not bridged:
        return decision
    return dataclasses.replace(decision, merge=[*decision.merge, *bridged])


def _skipped(article_id: int, why: str) -> GroupingResult:
    return GroupingResult(Outcome.SKIPPED, article_id, message=why)


def _serialize() -> None:
    """One grouping decision at a time across processes. SQLite's write lock
    (transactions start IMMEDIATE) does this already; PostgreSQL needs asking."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _lock_story(pk: int) -> bool:
    """Lock the story an article is about to join; False if it is locked (or gone)."""
    return Story.objects.select_for_update().filter(pk=pk, locked=False).exists()


def _story_flags(story_ids: set[int]) -> tuple[set[int], set[int]]:
    """(locked, frozen) among ``story_ids``: frozen stories may take members
    but are never folded into another (published, locked, or arranged by an
    editor)."""
    if not story_ids:
        return set(), set()
    stories = list(Story.objects.filter(pk__in=story_ids).values_list("pk", "locked", "published"))
    locked = {pk for pk, is_locked, _ in stories if is_locked}
    frozen = {pk for pk, is_locked, published in stories if is_locked or published}
    frozen |= set(
        Article.objects.filter(story__in=story_ids, story_set_by_editor=True).values_list(
            "story", flat=True
        )
    )
    return locked, frozen


# --- applying a decision --------------------------------------------------------


def _apply(
    article, revision, doc: Document, decision: Decision, window: Window, *, when: datetime
) -> GroupingResult:
    if decision.action == ASSIGN:
        story = Story.objects.get(pk=decision.story)
        article.move_to(story, by_editor=False)
        _log(
            article,
            story,
            Action.ASSIGNED,
            Status.APPLIED,
            decision.best,
            doc,
            window,
            coverage=decision.coverage,
            score=decision.score,
        )
        folded = [_fold(story, link, article, doc, window) for link in decision.merge]
        folded = [pk for pk in folded if pk is not None]
        _suggest(article, decision.suggestions, doc, window)
        _relate(article, story, decision.related, doc, window)
        window.place(article, revision, doc, story.pk, when=when)
        pipeline.story_changed(story)
        return GroupingResult(
            Outcome.ASSIGNED,
            article.pk,
            story.pk,
            coverage=decision.coverage,
            score=decision.score,
            folded=tuple(folded),
            suggested=len(decision.suggestions),
        )

    story = Story.objects.create(title=_title(article, doc), published=False)
    article.move_to(story, by_editor=False)
    # The title is kept so undo can tell whether an editor has retitled the draft.
    _log(
        article,
        story,
        Action.NEW_STORY,
        Status.APPLIED,
        decision.best,
        doc,
        window,
        title=story.title,
    )
    _suggest(article, decision.suggestions, doc, window)
    related = _relate(article, story, decision.related + decision.suggestions, doc, window)
    window.place(article, revision, doc, story.pk, when=when)
    pipeline.story_changed(story)
    return GroupingResult(
        Outcome.NEW_STORY,
        article.pk,
        story.pk,
        suggested=len(decision.suggestions),
        related=len(related),
    )


def _relate(article, story: Story, links: list[Link], doc: Document, window: Window) -> dict:
    """Link ``story`` with the stories ``links`` point at (logged, so undoable).
    Locked stories are left as editors arranged them, on either side."""
    related = {link.story: link for link in links if link.story != story.pk}
    if story.locked:
        return {}
    for other in Story.objects.filter(pk__in=related, locked=False).exclude(related=story):
        story.related.add(other)
        _log(
            article,
            other,
            Action.RELATED,
            Status.APPLIED,
            related[other.pk],
            doc,
            window,
            from_story=story.pk,
        )
    return related


def _fold(story: Story, link: Link, article, doc: Document, window: Window) -> int | None:
    """Fold the story ``link`` points to into ``story``: the new article is a
    version of both. Only a draft nobody arranged by hand is folded, and never
    when an editor turned either story down for an article of the other; each
    article that moves gets its own decision, so each can be undone."""
    other = (
        Story.objects.select_for_update()
        .filter(pk=link.story, locked=False, published=False)
        .first()
    )
    if other is None or other.articles.filter(story_set_by_editor=True).exists():
        return None
    declined = GroupingDecision.objects.filter(
        status__in=[Status.REJECTED, Status.UNDONE], action__in=_PLACEMENTS
    )
    if declined.filter(
        Q(story=story, article__story=other) | Q(story=other, article__story=story)
    ).exists():
        return None
    merged_from = {"story": other.pk, "title": other.title, "via_article": article.pk}
    moved = list(other.articles.all())
    for each in moved:
        _log(
            each,
            story,
            Action.ASSIGNED,
            Status.APPLIED,
            link,
            doc,
            window,
            merged_from=merged_from,
            previous_story=other.pk,
        )
    folded = other.pk  # merge_from deletes it, which clears its pk
    story.merge_from([other])  # carries grouping's log over too
    window.fold(story.pk, folded)
    return folded


def _suggest(article, links: list[Link], doc: Document, window: Window) -> None:
    for link in links:
        story = Story.objects.filter(pk=link.story).first()
        if story is not None:
            _log(article, story, Action.SUGGESTED, Status.PENDING, link, doc, window)


def _log(
    article,
    story,
    action,
    status,
    link: Link | None,
    doc: Document,
    window: Window,
    *,
    coverage: str = "",
    score: float | None = None,
    **extra,
) -> GroupingDecision:
    """``score``: the decision's own (an assignment's); else the link's."""
    evidence = {"previous_story": None, **_evidence(link, doc, window), **extra}
    if score is None:
        score = link.reuse if action == Action.ASSIGNED else _score(link)
    return GroupingDecision.objects.create(
        article=article,
        story=story,
        action=action,
        status=status,
        coverage=coverage,
        score=round(score, 4),
        evidence=evidence,
        decided_at=timezone.now() if status == Status.APPLIED else None,
    )


def _score(link: Link | None) -> float:
    """A suggestion's confidence (what ranks it for editors), else the theme."""
    if link is None:
        return 0.0
    return suggestion_confidence(link) or link.theme


def _evidence(link: Link | None, doc: Document, window: Window) -> dict:
    """What an editor needs to judge the decision, as JSON."""
    if link is None:
        return {"note": "No article in the window shares reporting or a theme with this one."}
    e = link.evidence
    member = window.document(e.member)

    def theirs(j: int) -> str:
        return member.sentences[j] if member and j < len(member.sentences) else ""

    return {
        "compared_with_article": e.member,
        "reuse": round(link.reuse, 3),
        "theme": round(link.theme, 3),
        "containment": round(e.containment, 4),
        "shared_shingles": round(e.shared_shingles, 1),
        "spread": e.spread,
        "shared_sentences": [
            {"article": doc.sentences[i], "member": theirs(j), "cosine": cosine}
            for i, j, cosine in e.aligned[:5]
        ],
        "copied_passages": [doc.sentences[i] for i, _ in e.copied[:3] if i < len(doc.sentences)],
        "conflicting_sentences": [
            {"article": doc.sentences[i], "member": theirs(j)} for i, j, _ in e.conflicts[:3]
        ],
        "shared_quotes": [mine for mine, _ in e.quotes[:5]],
        "shared_figures": sorted(e.figures)[:10],
        "shared_sources": sorted(e.sources)[:10],
        "shared_names": sorted(e.names)[:15],
        "leads_agree": e.lead_support,
        "days_apart": round(e.days, 2) if e.days is not None else None,
        "same_event": link.same_event,
        "event": _event_evidence(link),
        "translation": _translation_evidence(link),
    }


def _translation_evidence(link: Link) -> dict | None:
    """The member in another language that renders the most of the
    article's sentences, and how many (counted: the vectors index body
    sentences as alignment splits them, not grouping's sentences)."""
    found = link.translation
    if found is None:
        return None
    return {
        "compared_with_article": found.member,
        "rendered_sentences": len(found.aligned),
        "share": round(found.share, 3),
        "cosine": round(found.cosine, 3),
    }


def _event_evidence(link: Link) -> dict | None:
    event = link.event
    if event is None:
        return None
    return {
        "compared_with_article": event.member,
        "lead_cosine": round(event.lead_cosine, 3),
        "names": sorted(event.names)[:15],
        "key_figures_agree": event.shared_figures,
        "conflict": link.conflict,
    }


def _title(article, doc: Document) -> str:
    """A draft story's title: the article's headline, else its first sentence."""
    title = article.headline or (doc.sentences[0] if doc.sentences else "")
    title = " ".join(title.split())
    if len(title) > 200:
        title = title[:197].rsplit(" ", 1)[0] + "…"
    return title or f"Untitled story from {article.outlet}"
