"""Reader-facing pages. Views only read stored rows: alignment happens in tasks.

Every page URL returns the whole page. Fragments that htmx swaps come from
their own URLs; asked for without htmx they redirect to the page in the same
state, so a bookmarked or reloaded fragment URL never shows a bare fragment."""

import logging

from django import forms
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from . import search
from .exports import story_document, write_divergences_csv
from .models import Article, Divergence, Outlet, Passage, Revision, Story
from .pagecache import cached_for_readers, story_list_state, story_state
from .reading import StoryReading, summary_line
from .readingstate import ReadingState, parse_id

STORIES_PER_PAGE = 20

logger = logging.getLogger(__name__)


def visible_story(request, slug) -> Story:
    return get_object_or_404(Story.objects.visible_to(request.user), slug=slug)


def page_redirect(url: str):
    """For a fragment URL opened without htmx: the full page in the same state."""
    return vary_on_htmx(redirect(url))


def vary_on_htmx(response):
    """Fragment views answer htmx and plain requests differently: tell caches."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def _story_page_state(slug, **_):
    return story_state(slug)


@require_safe
@cached_for_readers(story_list_state)
def story_list(request):
    """Stories, newest activity first, with a search box. Template: stories/story_list.html."""
    # NUL never matches text and PostgreSQL refuses it in a query: drop it.
    query = request.GET.get("q", "").replace("\x00", "").strip()
    stories = (
        Story.objects.visible_to(request.user)
        .with_stats()
        .select_related("alignment")
        .prefetch_related(
            Prefetch("articles", queryset=Article.objects.select_related("outlet").order_by("pk"))
        )
        .order_by(F("last_activity").desc(nulls_last=True), "-pk")
    )
    if query:
        stories = stories.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(articles__headline__icontains=query)
        ).distinct()
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    for story in page:
        alignment = getattr(story, "alignment", None)
        story.summary_line = summary_line(alignment) if alignment else ""
        story.outlet_names = sorted({a.outlet.name for a in story.articles.all()})
    return render(request, "stories/story_list.html", {"page": page, "query": query})


def _story_context(request, story):
    wanted = [parse_id(request.GET.get("v")), parse_id(request.GET.get("ref"))]
    reading = StoryReading.load(story, texts_for=[v for v in wanted if v])
    state = ReadingState.from_query(reading, request.GET)
    return {"story": story, "reading": reading, "state": state, "rows": state.rows()}


@require_safe
@cached_for_readers(_story_page_state)
def story_detail(request, slug):
    """The merged timeline. Template: stories/story_detail.html (whole page)."""
    story = visible_story(request, slug)
    context = _story_context(request, story)
    context["versions"] = story.versions()
    context["related"] = story.related.visible_to(request.user)
    context["picker_open"] = request.GET.get("picker") == "open"
    return render(request, "stories/story_detail.html", context)


@require_safe
@cached_for_readers(_story_page_state)
def passage_list(request, slug):
    """The filtered passage list alone. Partial: story_detail.html#passage-list."""
    story = visible_story(request, slug)
    page_url = reverse("stories:story_detail", args=[slug])
    context = _story_context(request, story)
    page_url += context["state"].query()
    if not request.htmx:
        return page_redirect(page_url)
    response = render(request, "stories/story_detail.html#passage-list", context)
    # The address bar shows the page URL, so back, reload and sharing restore this view.
    return vary_on_htmx(push_url(response, page_url))


@require_safe
@cached_for_readers(_story_page_state)
def passage_version(request, slug, passage_id, version_id):
    """One passage's body in one version's wording. Partial: story_detail.html#passage-body.

    The chips that asked for it stay in the page; newsdesk.js moves their
    pressed state, and without JavaScript the chip's href renders it server-side."""
    story = visible_story(request, slug)
    against = parse_id(request.GET.get("ref"))
    reading = StoryReading.load(
        story, passage_id=passage_id, texts_for=[version_id, against] if against else [version_id]
    )
    state = ReadingState.from_query(reading, request.GET)
    passage = reading.passage(passage_id)
    version = reading.version_map.get(version_id)
    if passage is None or version is None or version.id not in passage.members:
        raise Http404("That version does not carry this passage.")
    url = reverse("stories:story_detail", args=[slug])
    page_url = f"{url}{state.query(p=passage_id, v=version_id)}#passage-{passage_id}"
    if not request.htmx:
        return page_redirect(page_url)
    context = {"row": state.row(passage, version)}
    response = render(request, "stories/story_detail.html#passage-body", context)
    # The address bar shows this view's page URL: reload or share it and get the same view.
    return vary_on_htmx(push_url(response, page_url))


@require_safe
def story_timeline(request, slug):
    """Every version and revision on one time axis. Template: stories/story_timeline.html."""
    story = visible_story(request, slug)
    articles = list(
        story.articles.select_related("outlet", "derived_from_article__outlet").prefetch_related(
            Prefetch("revisions", queryset=Revision.objects.defer("raw", "html", "stripped"))
        )
    )
    events = [
        {"article": article, "step": step}
        for article in articles
        for step in article.revision_history()
    ]
    events.sort(key=lambda e: (e["step"].revision.captured_at, e["step"].revision.pk))
    dated = sorted((a for a in articles if a.published_at), key=lambda a: (a.published_at, a.pk))
    return render(
        request,
        "stories/story_timeline.html",
        {
            "story": story,
            "dated": dated,
            "first": dated[0] if dated else None,
            "undated": [a for a in articles if a.published_at is None],
            "events": events,
        },
    )


@require_safe
def story_compare(request, slug):
    """Two versions side by side, passage rows aligned. Template: stories/story_compare.html."""
    story = visible_story(request, slug)
    reading = StoryReading.load(story, all_texts=True)
    versions = reading.versions
    a = reading.version_map.get(parse_id(request.GET.get("a"))) or (
        versions[0] if versions else None
    )
    b = reading.version_map.get(parse_id(request.GET.get("b")))
    if b is None:
        b = next((v for v in versions if a is None or v.id != a.id), None)
    rows = reading.compare_rows(a, b) if a and b else []
    return render(
        request,
        "stories/story_compare.html",
        {"story": story, "reading": reading, "a": a, "b": b, "rows": rows},
    )


@require_safe
def article_detail(request, pk):
    """An article's current text, annotations and revision history.
    Template: stories/article_detail.html."""
    article = get_object_or_404(
        Article.objects.select_related("outlet", "story", "derived_from_article__outlet").filter(
            story__in=Story.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    history = article.revision_history()
    current = history[-1].revision if history else None
    return render(
        request,
        "stories/article_detail.html",
        {"article": article, "current": current, "history": history[::-1]},
    )


@require_safe
def outlet_detail(request, slug):
    """An outlet, its stories and how its coverage diverges.
    Template: stories/outlet_detail.html."""
    outlet = get_object_or_404(Outlet, slug=slug)
    stories = (
        Story.objects.visible_to(request.user)
        .filter(articles__outlet=outlet)
        .distinct()
        .order_by("-updated_at")
    )
    counts = dict(
        Divergence.objects.filter(revision__article__outlet=outlet, alignment__story__in=stories)
        .values_list("type")
        .annotate(n=Count("pk"))
        .values_list("type", "n")
    )
    unique_passages = Passage.objects.filter(
        kind="unique", members__revision__article__outlet=outlet, alignment__story__in=stories
    ).count()
    if not stories and not request.user.is_staff:
        raise Http404("No published coverage from this outlet.")
    return render(
        request,
        "stories/outlet_detail.html",
        {
            "outlet": outlet,
            "stories": stories,
            "counts": counts,
            "unique_passages": unique_passages,
        },
    )


@require_safe
def story_index_json(request):
    """Published stories, newest activity first, with links to their documents."""
    stories = (
        Story.objects.visible_to(request.user)
        .with_stats()
        .order_by(F("last_activity").desc(nulls_last=True), "-pk")
    )
    return JsonResponse(
        {
            "stories": [
                {
                    "slug": s.slug,
                    "title": s.title,
                    "versions": s.article_count,
                    "outlets": s.outlet_count,
                    "last_activity": s.last_activity.isoformat() if s.last_activity else None,
                    "document": request.build_absolute_uri(
                        reverse("stories:story_json", args=[s.slug])
                    ),
                    "divergences_csv": request.build_absolute_uri(
                        reverse("stories:story_divergences_csv", args=[s.slug])
                    ),
                }
                for s in stories
            ]
        }
    )


@require_safe
def story_divergences_csv(request, slug):
    """Every typed divergence of a story, one row each, for spreadsheets and scripts."""
    story = visible_story(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{story.slug}-divergences.csv"'
    write_divergences_csv(story, response)
    return response


@require_safe
def story_json(request, slug):
    """The story document (schema newsdesk.story/1) as JSON."""
    story = visible_story(request, slug)
    return JsonResponse(story_document(story), json_dumps_params={"ensure_ascii": False})


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors: 200 "ok" when the database answers a
    query, else 503 with the reason. Never cached, never touches the session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check: the database did not answer: %s", exc)
        return HttpResponse(
            f"database unavailable ({type(exc).__name__})\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


class SearchForm(forms.Form):
    """The search page's query string; anything a URL can carry is either
    valid or an error shown on the page (NUL, a bad date, an unknown outlet)."""

    q = forms.CharField(required=False, max_length=search.MAX_QUERY_CHARS)
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.all(), to_field_name="slug", required=False
    )
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)


@require_safe
@cached_for_readers(story_list_state)
def search_page(request):
    """Full-text search over the articles of visible stories, with outlet and
    date filters. Template: stories/search.html."""
    form = SearchForm(request.GET)
    hits = []
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        hits = search.search(
            data["q"],
            stories=Story.objects.visible_to(request.user),
            outlet=data["outlet"],
            since=data["since"],
            until=data["until"],
        )
    return render(
        request,
        "stories/search.html",
        {"form": form, "query": form.data.get("q", ""), "hits": hits},
    )
