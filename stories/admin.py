"""The editors' workplace. Declarative where Django allows; actions call model
methods and the pipeline hooks."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import ngettext

from . import pipeline
from .admin_import import import_view
from .models import Article, Feed, GroupingDecision, Outlet, Revision, Story


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "language", "owner", "article_count"]
    list_filter = ["country", "language"]
    search_fields = ["name", "domains", "owner"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "homepage", "domains"]}),
        ("About", {"fields": ["country", "language", "owner", "description"]}),
        ("Editors only", {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description="articles", ordering="_article_count")
    def article_count(self, obj):
        return obj._article_count


class StoryArticleInline(admin.TabularInline):
    model = Article
    fields = ["outlet", "headline", "published_at", "url", "story_set_by_editor"]
    readonly_fields = ["outlet", "headline", "published_at", "url", "story_set_by_editor"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "versions (move articles from the article list)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "published", "locked", "article_count", "updated_at"]
    list_filter = ["published", "locked"]
    list_editable = ["published", "locked"]
    search_fields = ["title", "summary", "articles__headline"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [StoryArticleInline]
    actions = ["merge_stories", "realign_stories", "publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        ("Status", {"fields": ["published", "locked", "created_at", "updated_at"]}),
        ("Comparison", {"fields": ["reference_article", "related"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description="versions", ordering="_article_count")
    def article_count(self, obj):
        return obj._article_count

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The reference must be one of this story's own versions.
        if db_field.name == "reference_article":
            story_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Article.objects.filter(story_id=story_id).select_related("outlet")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "reference_article" in form.changed_data:
            pipeline.story_changed(obj)

    def delete_queryset(self, request, queryset):
        # Story.delete sends articles back to the inbox and clears the editors' mark.
        for story in queryset:
            story.delete()

    def has_merge_permission(self, request):
        # Merging deletes the merged stories: it takes both rights (the admin's
        # permissions=[...] list would accept either one).
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected stories into the oldest one", permissions=["merge"])
    def merge_stories(self, request, queryset):
        stories = list(queryset.order_by("created_at", "pk"))
        if len(stories) < 2:
            self.message_user(request, "Select at least two stories to merge.", messages.WARNING)
            return
        target, others = stories[0], stories[1:]
        moved = target.merge_from(others)
        pipeline.story_changed(target)
        self.message_user(
            request,
            f"Merged {len(others)} stories into “{target}”: {moved} articles moved, "
            "every revision kept.",
            messages.SUCCESS,
        )

    @admin.action(description="Rerun alignment", permissions=["change"])
    def realign_stories(self, request, queryset):
        for story in queryset:
            pipeline.story_changed(story, force=True)
        self.message_user(request, f"Alignment queued for {queryset.count()} stories.")

    @admin.action(description="Publish selected stories", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(published=True, updated_at=timezone.now())
        self.message_user(
            request, ngettext("%d story published.", "%d stories published.", count) % count
        )

    @admin.action(description="Unpublish selected stories", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(published=False, updated_at=timezone.now())
        self.message_user(
            request, ngettext("%d story unpublished.", "%d stories unpublished.", count) % count
        )


class RevisionInline(admin.StackedInline):
    """Revisions are immutable: shown read-only, each with its changes from the one before."""

    model = Revision
    fields = [
        "captured_at",
        "source_kind",
        "source",
        "minor",
        "headline",
        "dateline",
        "changes",
        "removed_lines",
        "notes_and_cuts",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["captured_at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__outlet")

    @admin.display(description="changes from the previous revision")
    def changes(self, revision):
        # Inline instances live for one request: build the article's history once, not per row.
        if getattr(self, "_history_of", None) != revision.article_id:
            self._history_of = revision.article_id
            self._history = {h.revision.pk: h for h in revision.article.revision_history()}
        step = self._history[revision.pk]
        if step.number == 1:
            return format_html('<div class="revision-text">{}</div>', revision.body)
        return render_to_string("stories/_revision_change.html", {"step": step, "open": True})

    @admin.display(description="removed as site furniture")
    def removed_lines(self, revision):
        return _small_print_list(
            (item.get("line", ""), item.get("reason", "")) for item in revision.stripped
        )

    @admin.display(description="editorial notes and cuts")
    def notes_and_cuts(self, revision):
        return _small_print_list(
            (item.get("text", ""), item.get("type", "")) for item in revision.annotations
        )


def _small_print_list(pairs) -> str:
    """(text, note) pairs as an HTML list, escaped; a dash when there are none."""
    items = list(pairs)
    if not items:
        return "—"
    return format_html(
        "<ul>{}</ul>", format_html_join("", "<li>{} <small>({})</small></li>", items)
    )


class InboxFilter(admin.SimpleListFilter):
    title = "story"
    parameter_name = "inbox"

    def lookups(self, request, model_admin):
        return [("yes", "Inbox (no story)"), ("no", "In a story")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.inbox()
        if self.value() == "no":
            return queryset.filter(story__isnull=False)
        return queryset


class ArticleActionForm(ActionForm):
    # Search-as-you-type: grouping makes a draft story per unmatched article, so a
    # plain <select> would list thousands of stories on every page load.
    story = forms.ModelChoiceField(
        queryset=Story.objects.all(),
        required=False,
        label="Story (for “move”)",
        widget=AutocompleteSelect(Article._meta.get_field("story"), admin.site),
    )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline_display",
        "outlet",
        "story_display",
        "published_at",
        "revision_count",
        "pending_suggestions",
        "story_set_by_editor",
    ]
    list_filter = [InboxFilter, "outlet", "language", "story_set_by_editor"]
    list_select_related = ["outlet", "story"]
    search_fields = ["headline", "url", "byline", "outlet__name", "story__title"]
    autocomplete_fields = ["story", "outlet", "derived_from_article"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [RevisionInline]
    action_form = ArticleActionForm
    actions = ["move_to_story", "split_into_new_story", "move_to_inbox"]

    class Media:
        css = {"all": ["newsdesk/admin.css"]}

    fieldsets = [
        (None, {"fields": ["story", "outlet", "headline", "standfirst", "byline"]}),
        ("Source", {"fields": ["url", "source_key", "language", "published_at"]}),
        ("Derivation", {"fields": ["derived_from", "derived_from_article"]}),
        ("Grouping", {"fields": ["story_set_by_editor", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _revision_count=Count("revisions", distinct=True),
                _pending=Count(
                    "grouping_decisions",
                    filter=Q(grouping_decisions__status=GroupingDecision.Status.PENDING),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="suggestions", ordering="_pending")
    def pending_suggestions(self, obj):
        if not obj._pending:
            return "—"
        url = reverse("admin:stories_groupingdecision_changelist")
        return format_html(
            '<a href="{}?article__id__exact={}&amp;status__exact=pending">{} to review</a>',
            url,
            obj.pk,
            obj._pending,
        )

    def get_urls(self):
        importer = partial(import_view, admin_site=self.admin_site)
        return [
            path("import/", self.admin_site.admin_view(importer), name="stories_article_import"),
            *super().get_urls(),
        ]

    @admin.display(description="revisions", ordering="_revision_count")
    def revision_count(self, obj):
        return obj._revision_count

    @admin.display(description="headline", ordering="headline")
    def headline_display(self, obj):
        return Truncator(obj.headline or "(no headline)").chars(90)

    @admin.display(description="story", ordering="story__title")
    def story_display(self, obj):
        return Truncator(obj.story.title).chars(40) if obj.story else "— inbox —"

    def save_model(self, request, obj, form, change):
        if "story" in form.changed_data:
            obj.story_set_by_editor = True  # the inbox too: grouping leaves it there
            previous = form.initial.get("story")
            super().save_model(request, obj, form, change)
            for story in Story.objects.filter(pk__in=[previous, obj.story_id]):
                pipeline.story_changed(story)
        else:
            super().save_model(request, obj, form, change)

    @admin.action(
        description="Move selected articles to the story chosen beside", permissions=["change"]
    )
    def move_to_story(self, request, queryset):
        story = Story.objects.filter(pk=request.POST.get("story") or None).first()
        if story is None:
            self.message_user(request, "Choose a story to move the articles to.", messages.ERROR)
            return
        self._move(request, queryset, story)

    @admin.action(description="Split selected articles into a new story", permissions=["change"])
    def split_into_new_story(self, request, queryset):
        first = queryset.order_by("published_at", "created_at").first()
        with transaction.atomic():
            story = Story.objects.create(title=first.headline or f"Story from {first.outlet}")
            self._move(request, queryset, story)

    @admin.action(description="Move selected articles to the inbox", permissions=["change"])
    def move_to_inbox(self, request, queryset):
        self._move(request, queryset, None)

    def _move(self, request, queryset, story):
        affected = set(queryset.exclude(story=None).values_list("story", flat=True))
        with transaction.atomic():
            # An editor's placement sticks, the inbox included: grouping never moves it again.
            count = queryset.update(
                story=story, story_set_by_editor=True, updated_at=timezone.now()
            )
        if story is not None:
            affected.add(story.pk)
        for changed in Story.objects.filter(pk__in=affected):
            pipeline.story_changed(changed)
        where = f"“{story}”" if story else "the inbox"
        self.message_user(
            request,
            ngettext("%d article moved to ", "%d articles moved to ", count) % count + where,
        )


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "active", "last_polled_at", "last_error"]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "outlet__name"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]


def evidence_sentences(decision) -> list[str]:
    """What grouping saw, as sentences an editor reads at once ("shares 14
    five-word runs with …", "published 2 days apart"), not raw scores."""
    e = decision.evidence or {}
    if e.get("note"):
        return [e["note"]]
    other = (
        Article.objects.select_related("outlet").filter(pk=e.get("compared_with_article")).first()
    )
    whom = f"{other.outlet}'s “{other.headline or 'untitled article'}”" if other else "the story"
    runs = round(e.get("shared_shingles") or 0)
    lines = []
    if runs:
        share = round(100 * (e.get("containment") or 0))
        spread = e.get("spread") or 0
        lines.append(
            f"Shares {runs} five-word run{'s' if runs != 1 else ''} of wording with {whom}"
            + (f" ({share}% of the shorter text)" if share else "")
            + (f", spread over {spread} sentence{'s' if spread != 1 else ''}." if spread else ".")
        )
    else:
        lines.append(f"Shares no five-word run of wording with {whom}.")
    aligned = len(e.get("shared_sentences") or [])
    if aligned:
        lines.append(
            f"{aligned} of its sentence{'s say' if aligned != 1 else ' says'} what a sentence "
            "of that article says."
        )
    theme = e.get("theme")
    if theme is not None:
        how = "closely" if theme >= 0.5 else "in part" if theme >= 0.3 else "hardly"
        lines.append(f"Its subject matches {how} (topic similarity {round(100 * theme)}%).")
    dated = decision.article.published_at is not None and other and other.published_at is not None
    days = e.get("days_apart")
    if not dated or days is None:
        lines.append("One of the two carries no publication date: how far apart is unknown.")
    elif days < 1:
        lines.append("Published the same day.")
    else:
        n = round(days)
        lines.append(f"Published {n} day{'s' if n != 1 else ''} apart.")
    if e.get("leads_agree") is False:
        lines.append("Their opening sentences disagree (other figures or facts).")
    for key, what in (("shared_figures", "figures"), ("shared_names", "names")):
        if e.get(key):
            lines.append(f"Both give the {what} {', '.join(map(str, e[key]))}.")
    return lines


class DecisionStatusFilter(admin.SimpleListFilter):
    """Status, pending by default: what is left to review is what editors come for."""

    title = "status"
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [("all", "All"), *GroupingDecision.Status.choices]

    def choices(self, changelist):
        current = self.value() or GroupingDecision.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value is None and request.method == "POST":
            # An action acts on the decisions it names: the default narrows
            # what is listed, not what may be acted on.
            return queryset
        value = value or GroupingDecision.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(GroupingDecision)
class GroupingDecisionAdmin(admin.ModelAdmin):
    """The editors' review of automatic grouping: suggestions to accept or
    reject, and every applied decision with its evidence, to undo."""

    list_display = ["article_short", "action", "status", "story_short", "score_short", "review"]
    list_filter = [DecisionStatusFilter, "action"]
    list_select_related = ["article__outlet", "story"]
    search_fields = ["article__headline", "story__title"]
    fields = [
        "article",
        "action",
        "status",
        "story",
        "score",
        "review",
        "evidence_summary",
        "created_at",
    ]
    readonly_fields = fields
    actions = ["accept_suggestions", "reject_suggestions", "undo_decisions"]

    class Media:
        css = {"all": ["newsdesk/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the log is the audit trail

    REVIEW_VERBS = {"accept": "accepted", "reject": "rejected", "undo": "undone"}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing here is edited by hand: the review buttons are the way to act.
        extra_context = {**(extra_context or {}), "show_save": False}
        extra_context["show_save_and_continue"] = False
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="score", ordering="score")
    def score_short(self, decision):
        return f"{decision.score:.2f}"

    @admin.display(description="article", ordering="article__headline")
    def article_short(self, decision):
        article = decision.article
        return f"{article.outlet}: {Truncator(article.headline or '(no headline)').chars(48)}"

    @admin.display(description="story", ordering="story__title")
    def story_short(self, decision):
        return Truncator(decision.story.title).chars(40) if decision.story else "—"

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:pk>/review/<str:verb>/", review, name="stories_groupingdecision_review"),
            *super().get_urls(),
        ]

    @admin.display(description="review")
    def review(self, decision):
        """One-click buttons. They sit inside the changelist's form, so they post
        its CSRF token to their own URL (formaction) without a nested form."""
        if decision.status == GroupingDecision.Status.PENDING:
            verbs = [("accept", "Accept"), ("reject", "Reject")]
        elif decision.status in (GroupingDecision.Status.APPLIED, GroupingDecision.Status.ACCEPTED):
            verbs = [("undo", "Undo")]
        else:
            return "—"
        return format_html_join(
            " ",
            '<button type="submit" class="button" formmethod="post" formaction="{}">{}</button>',
            (
                (reverse("admin:stories_groupingdecision_review", args=[decision.pk, verb]), label)
                for verb, label in verbs
            ),
        )

    def review_view(self, request, pk, verb):
        if request.method != "POST" or verb not in self.REVIEW_VERBS:
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        queryset = GroupingDecision.objects.filter(pk=pk)
        self._apply(request, queryset, verb, self.REVIEW_VERBS[verb])
        return redirect("admin:stories_groupingdecision_changelist")

    @admin.display(description="evidence")
    def evidence_summary(self, decision):
        context = {"e": decision.evidence, "sentences": evidence_sentences(decision)}
        return render_to_string("admin/stories/grouping_evidence.html", context)

    def _apply(self, request, queryset, method: str, done: str):
        ok, refused = 0, []
        for decision in queryset.select_related("article", "story"):
            try:
                with transaction.atomic():
                    getattr(decision, method)()
            except ValueError as exc:
                refused.append(f"{decision.article}: {exc}")
            else:
                ok += 1
        if ok:
            self.message_user(request, f"{ok} decision{'s' if ok != 1 else ''} {done}.")
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    @admin.action(description="Accept selected suggestions", permissions=["change"])
    def accept_suggestions(self, request, queryset):
        self._apply(request, queryset, "accept", "accepted")

    @admin.action(description="Reject selected suggestions", permissions=["change"])
    def reject_suggestions(self, request, queryset):
        self._apply(request, queryset, "reject", "rejected")

    @admin.action(description="Undo selected decisions", permissions=["change"])
    def undo_decisions(self, request, queryset):
        self._apply(request, queryset, "undo", "undone")


admin.site.site_header = "Newsdesk editors"
admin.site.enable_nav_sidebar = False  # the wide lists of articles and decisions need the room
admin.site.site_title = "Newsdesk"
admin.site.index_title = "Stories, articles and outlets"
