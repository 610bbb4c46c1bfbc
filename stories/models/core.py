"""Outlets, stories, articles and their immutable revisions."""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

log = logging.getLogger(__name__)


def unique_slug(model, text: str, *, max_length: int = 80) -> str:
    """A slug for ``text`` that no row of ``model`` uses yet (one query)."""
    base = slugify(text)[: max_length - 6].strip("-") or "item"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    homepage = models.URLField(blank=True)
    domains = models.TextField(
        blank=True, help_text="Web domains the outlet publishes on, one per line."
    )
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 code, e.g. GB.")
    language = models.CharField(max_length=16, blank=True, help_text="Main language, e.g. en.")
    owner = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    notes = models.TextField(blank=True, help_text="Editors' notes; never shown to readers.")
    # Readers' pages show outlet names: their cached copies are keyed by this.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Outlet, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:outlet_detail", args=[self.slug])

    @property
    def domain_list(self) -> list[str]:
        return [d.strip().lower() for d in self.domains.splitlines() if d.strip()]

    @property
    def initial(self) -> str:
        return (self.name[:1] or "?").upper()


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Readers see published stories; editors see drafts too."""
        if user.is_authenticated and user.has_perm("stories.view_story"):
            return self
        return self.published()

    def with_stats(self):
        return self.annotate(
            article_count=Count("articles", distinct=True),
            outlet_count=Count("articles__outlet", distinct=True),
            last_activity=Max("articles__revisions__captured_at"),
        )


class Story(models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    summary = models.TextField(blank=True, help_text="Editors' summary shown under the title.")
    published = models.BooleanField(default=False, help_text="Visible to readers.")
    locked = models.BooleanField(
        default=False, help_text="No automatic changes: grouping adds no articles to it."
    )
    reference_article = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version others are compared against. Empty: the original, or else "
        "the most central version in the story's main language.",
    )
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "stories"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Story, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:story_detail", args=[self.slug])

    def versions(self):
        """The story's articles with their current revision, oldest first."""
        return (
            self.articles.with_current_revision()
            .select_related("outlet")
            .order_by("published_at", "created_at", "pk")
        )

    @transaction.atomic
    def merge_from(self, others) -> int:
        """Move every article of ``others`` into this story and delete them.

        Articles and their revisions are all kept; returns how many moved."""
        from .grouping import GroupingDecision

        moved = 0
        for other in others:
            if other.pk == self.pk:
                continue
            moved += other.articles.update(story=self, updated_at=timezone.now())
            self.related.add(*other.related.exclude(pk=self.pk))
            # Grouping's log follows the articles: suggestions, rejections and
            # related links about the merged story now concern this one.
            GroupingDecision.objects.carry_to(
                into=self, other=other, settled=list(self.articles.all())
            )
            # A published story's readers keep a page to read: the merge stays published.
            self.published = self.published or other.published
            other.delete()
        self.save(update_fields=["updated_at", "published"])
        return moved

    def delete(self, *args, **kwargs):
        # Articles go back to the editors' inbox; on_delete=SET_NULL does the
        # same, but doing it here also resets the editors' "moved by hand" mark.
        with transaction.atomic():
            self.articles.update(story=None, story_set_by_editor=False, updated_at=timezone.now())
            # Suggestions of a story that no longer exists can't be accepted: close them.
            self.grouping_decisions.filter(status="pending").update(
                status="rejected", decided_at=timezone.now()
            )
            return super().delete(*args, **kwargs)


class ArticleQuerySet(models.QuerySet):
    def inbox(self):
        return self.filter(story__isnull=True)

    def with_current_revision(self):
        """Prefetch each article's revisions newest first, so ``current_revision``
        costs no query."""
        return self.prefetch_related(
            Prefetch("revisions", queryset=Revision.objects.order_by("-captured_at", "-pk"))
        )


class Article(models.Model):
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    url = models.URLField("canonical URL", max_length=2000, blank=True)
    source_key = models.CharField(
        max_length=300,
        blank=True,
        help_text="How an import without a URL recognises this article again "
        "(for example a manifest's file name).",
    )
    headline = models.CharField(max_length=500, blank=True)
    standfirst = models.TextField(blank=True)
    byline = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=16, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    derived_from = models.CharField(
        max_length=200, blank=True, help_text='Where the text comes from, e.g. "Bloomberg".'
    )
    derived_from_article = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="derivatives"
    )
    story_set_by_editor = models.BooleanField(
        default=False, help_text="An editor chose this story: grouping never moves it."
    )
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Grouping's clock, kept by stories.grouping: published, else first captured,
    # else first seen. Stored so the active window is an index range, not a scan.
    moment = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: grouping re-reads only the articles changed since it last looked.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_unique_url"
            ),
            models.UniqueConstraint(
                fields=["outlet", "source_key"],
                condition=~Q(source_key=""),
                name="article_unique_source_key",
            ),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.headline or '(no headline)'}"

    def get_absolute_url(self):
        return reverse("stories:article_detail", args=[self.pk])

    @property
    def via(self) -> str:
        """Where the text came from, when that is another outlet ("" for its own reporting)."""
        source = (
            self.derived_from_article.outlet.name
            if self.derived_from_article_id and self.derived_from_article
            else self.derived_from
        )
        return "" if source.casefold() == self.outlet.name.casefold() else source

    @property
    def current_revision(self):
        """The latest revision (uses the prefetch of ``with_current_revision``)."""
        revisions = list(self.revisions.all())
        if not revisions:
            return None
        return max(revisions, key=lambda r: (r.captured_at, r.pk))

    @transaction.atomic
    def add_revision(self, *, body: str, source_kind: str, **fields) -> tuple[Revision, bool]:
        """Store a new snapshot unless it is the article's current text already.

        Capturing the current text again is a no-op, and so is replaying a
        capture with the same content and ``captured_at`` (re-running an import
        of dated revisions). A return to an earlier wording is a real change
        and is stored. The language is detected from the text unless given.
        Returns ``(revision, created)``."""
        # Serialise captures of one article, so two imports cannot both add it.
        Article.objects.select_for_update().filter(pk=self.pk).first()
        digest = Revision.hash_content(
            headline=fields.get("headline", ""), standfirst=fields.get("standfirst", ""), body=body
        )
        latest = self.revisions.order_by("-captured_at", "-pk").first()
        if latest is not None and latest.content_hash == digest:
            return latest, False
        captured_at = fields.get("captured_at")
        if captured_at is not None:
            replay = self.revisions.filter(content_hash=digest, captured_at=captured_at).first()
            if replay is not None:
                return replay, False
        if "language" not in fields:
            from stories.ingest.language import detect_language

            fields["language"] = detect_language(
                "\n".join((fields.get("headline", ""), fields.get("standfirst", ""), body))
            )
        revision = Revision(
            article=self, body=body, source_kind=source_kind, content_hash=digest, **fields
        )
        if latest is not None:
            revision.minor = Revision.is_minor_change(latest, revision)
        revision.save()
        Article.objects.filter(pk=self.pk).update(updated_at=timezone.now())
        self._store_grouping_fingerprint()
        return revision, True

    def _store_grouping_fingerprint(self) -> None:
        """Keep what grouping reads of the current text in the database now, so
        no grouping worker reads the text again. A failure here loses nothing:
        the revision is kept, and grouping builds the fingerprint when it
        first reads the article (and reports the error there, if it recurs)."""
        from stories.grouping import store_fingerprints

        try:
            with transaction.atomic():
                store_fingerprints(Article.objects.filter(pk=self.pk))
        except Exception:
            log.exception("grouping fingerprint of article %s not stored", self.pk)

    def revision_history(self) -> list[RevisionChange]:
        """Every revision, oldest first, each with what changed from the one before.

        Uses prefetched revisions when the caller loaded them (no query per article)."""
        from stories.textdiff import diff

        history: list[RevisionChange] = []
        previous = None
        revisions = sorted(self.revisions.all(), key=lambda r: (r.captured_at, r.pk))
        for number, revision in enumerate(revisions, 1):
            entry = RevisionChange(revision=revision, number=number)
            if previous is not None:
                entry.changes, entry.summary = diff(previous.body, revision.body)
                if previous.headline != revision.headline:
                    entry.headline_before = previous.headline
            history.append(entry)
            previous = revision
        return history

    def move_to(self, story, *, by_editor: bool = True):
        self.story = story
        self.story_set_by_editor = by_editor
        self.save(update_fields=["story", "story_set_by_editor", "updated_at"])


@dataclass
class RevisionChange:
    """One step of an article's history: a revision and its changes from the one before."""

    revision: Revision
    number: int
    changes: list = field(default_factory=list)
    summary: str = ""
    headline_before: str | None = None  # set when the headline changed


class SourceKind(models.TextChoices):
    FILE = "file", "File"
    PASTE = "paste", "Pasted text"
    URL = "url", "URL"
    FEED = "feed", "Feed"
    API = "api", "API / JSON Lines"
    DEMO = "demo", "Demo corpus"


class RevisionQuerySet(models.QuerySet):
    def major(self):
        return self.filter(minor=False)


class ImmutableRevisionError(Exception):
    pass


class Revision(models.Model):
    """A snapshot of an article's text. Never edited once stored."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    headline = models.CharField(max_length=500, blank=True)
    standfirst = models.TextField(blank=True)
    byline = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="The article's text, paragraphs separated by blank lines.")
    html = models.TextField(blank=True, help_text="Sanitized HTML, where the source had HTML.")
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    captured_at = models.DateTimeField(default=timezone.now, db_index=True)
    source_kind = models.CharField(max_length=10, choices=SourceKind.choices)
    source = models.CharField(
        max_length=2000, blank=True, help_text="File name or URL this was read from."
    )
    raw = models.TextField(blank=True, help_text="The capture as received, kept for audit.")
    annotations = models.JSONField(
        default=list, blank=True, help_text="Editorial notes and cut markers found in the text."
    )
    stripped = models.JSONField(
        default=list, blank=True, help_text="Lines removed as site furniture, with the reason."
    )
    minor = models.BooleanField(
        default=False, help_text="Only whitespace, punctuation or a dateline changed."
    )
    language = models.CharField(
        max_length=16,
        blank=True,
        help_text="Detected from the text at ingest (ISO 639-1); empty when unsure.",
    )
    # The dateline ("STOCKHOLM (Reuters) –", "PARIS, 17 oct (AFP) -"), read
    # from the text when the revision is stored: metadata, not a passage.
    dateline_place = models.CharField(
        max_length=200, blank=True, help_text="Where the dateline says the report was filed."
    )
    dateline_agency = models.CharField(
        max_length=100, blank=True, help_text="The agency the dateline credits."
    )
    dateline_date = models.CharField(
        max_length=40, blank=True, help_text="The dateline's date as printed."
    )
    dateline_day = models.DateField(
        null=True,
        blank=True,
        help_text="That date as a day, its year taken from the article's publication date.",
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-captured_at", "-pk"]
        get_latest_by = "captured_at"
        indexes = [models.Index(fields=["article", "captured_at"], name="revision_article_time")]

    def __str__(self):
        return f"{self.article} @ {self.captured_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRevisionError("Revisions are immutable; store a new one instead.")
        if not self.content_hash:
            self.content_hash = self.hash_content(
                headline=self.headline, standfirst=self.standfirst, body=self.body
            )
        if not (self.dateline_place or self.dateline_agency):
            self.read_dateline()
        super().save(*args, **kwargs)

    def read_dateline(self) -> None:
        """Fill the dateline fields from the text (left blank when it has none)."""
        from stories.ingest.text import read_dateline

        found = read_dateline(self.body, self.stripped or ())
        if found is None:
            return
        self.dateline_place = found.place[:200]
        self.dateline_agency = found.agency[:100]
        self.dateline_date = found.date_text[:40]
        # The year comes from the article's own date; a capture of an undated
        # page may be years late, so it gives none.
        published = self.article.published_at
        self.dateline_day = found.day(published.date() if published else None)

    @property
    def dateline(self) -> str:
        """The dateline as a reader sees it: "PARIS, 17 oct (AFP)"; empty when none."""
        place = ", ".join(p for p in (self.dateline_place, self.dateline_date) if p)
        if self.dateline_agency:
            return f"{place} ({self.dateline_agency})" if place else self.dateline_agency
        return place

    @property
    def version_language(self) -> str:
        """The language this text is in: as detected, else as the article declares."""
        return self.language or self.article.language

    @staticmethod
    def hash_content(*, headline: str, standfirst: str, body: str) -> str:
        text = "\x1e".join(
            unicodedata.normalize("NFC", part.strip()) for part in (headline, standfirst, body)
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @staticmethod
    def is_minor_change(old: Revision, new: Revision) -> bool:
        """True when only whitespace, punctuation or a leading dateline differ,
        in the body, the headline and the standfirst alike."""
        from stories.ingest.text import comparable_words

        return all(
            comparable_words(getattr(old, field)) == comparable_words(getattr(new, field))
            for field in ("headline", "standfirst", "body")
        )


class FeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Feed(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="feeds")
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["outlet__name", "url"]

    def __str__(self):
        return self.url
