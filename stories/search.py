"""Full-text search over the current text of every article (headline and
body) and the titles of their stories, ranked, with a highlighted snippet.

One function, two engines: PostgreSQL's full-text search (a GIN index on the
revisions' weighted vector, made by migration 0009) and SQLite's FTS5 (the
``stories_search`` table, one row per article holding its current revision
and its story's title, kept in sync by triggers from the same migration).
Both use no stemming ("simple" configuration, FTS5's unicode61 tokenizer), so
a search means the same in every language and on both databases.

What a reader may see is decided by the ``stories`` queryset the caller
passes (``Story.objects.visible_to(user)``): drafts never leak."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article, Outlet, Revision, Story

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
LIMIT = 50
# Highlight markers (private-use characters, which news text does not carry),
# swapped for <mark> once the snippet is escaped.
_START, _STOP = "\ue000", "\ue001"
_TERM = re.compile(r"\w+")
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass
class Hit:
    article: Article
    story: Story
    rank: float
    snippet: SafeString  # escaped text with <mark> around the matched words


def terms(query: str) -> list[list[str]]:
    """The query as phrases (words inside double quotes) and single words,
    each a list of words; operators and punctuation are not syntax here."""
    query = query.replace("\x00", " ")[:MAX_QUERY_CHARS]
    found: list[list[str]] = []
    for phrase in _PHRASE.findall(query):
        words = _TERM.findall(phrase)
        if words:
            found.append(words)
    found.extend([word] for word in _TERM.findall(_PHRASE.sub(" ", query)))
    return found[:MAX_TERMS]


def search(
    query: str,
    *,
    stories=None,
    outlet: Outlet | str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = LIMIT,
) -> list[Hit]:
    """Articles whose current text or story title matches every word and
    phrase of ``query``, best first. ``stories`` limits the search to the
    stories a reader may see (default: the published ones); ``outlet`` (an
    outlet or its slug) and ``since``/``until`` (publication dates, inclusive)
    narrow it further."""
    wanted = terms(query)
    if not wanted:
        return []
    articles = Article.objects.filter(
        story__in=Story.objects.published() if stories is None else stories
    )
    if isinstance(outlet, Outlet):
        articles = articles.filter(outlet=outlet)
    elif outlet:
        articles = articles.filter(outlet__slug=outlet)
    if since is not None:
        articles = articles.filter(published_at__gte=_moment(since))
    if until is not None:
        articles = articles.filter(published_at__lte=_moment(until, end=True))
    if connection.vendor == "postgresql":
        ranked = _postgres(wanted, articles, limit)
    elif connection.vendor == "sqlite":
        ranked = _sqlite(wanted, articles, limit)
    else:  # pragma: no cover - the project runs on these two
        raise NotImplementedError(f"No full-text search on {connection.vendor}")
    found = articles.select_related("story", "outlet").in_bulk([pk for pk, _, _ in ranked])
    return [
        Hit(article=found[pk], story=found[pk].story, rank=rank, snippet=_highlight(snippet))
        for pk, rank, snippet in ranked
        if pk in found
    ]


def _moment(value: date | datetime, *, end: bool = False) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.max if end else time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _highlight(snippet: str) -> SafeString:
    text = escape(" ".join(snippet.split()))
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


# --- SQLite: FTS5 ---------------------------------------------------------------------


def fts5_query(wanted: list[list[str]]) -> str:
    """Each word or phrase as an FTS5 string (so nothing in it is syntax),
    all of them required."""
    return " ".join('"' + " ".join(words).replace('"', '""') + '"' for words in wanted)


def _sqlite(wanted, articles, limit) -> list[tuple[int, float, str]]:
    allowed, params = articles.values("pk").query.sql_with_params()
    # Columns: title, headline, body, weighted 4:3:1; the snippet comes from
    # whichever column matches best (-1).
    sql = (
        "SELECT rowid, bm25(stories_search, 4.0, 3.0, 1.0) AS score, "
        "snippet(stories_search, -1, %s, %s, '…', 24) "
        "FROM stories_search WHERE stories_search MATCH %s "
        f"AND rowid IN ({allowed}) ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_START, _STOP, fts5_query(wanted), *params, limit])
        # bm25 is lower for better matches: negate it into a rank.
        return [(pk, -score, snippet) for pk, score, snippet in cursor.fetchall()]


# --- PostgreSQL ------------------------------------------------------------------------

# The same expression as the GIN index of migration 0009, so the index serves it.
REVISION_VECTOR = SearchVector("headline", weight="A", config="simple") + SearchVector(
    "body", weight="C", config="simple"
)


def postgres_query(wanted: list[list[str]]) -> SearchQuery:
    """Every word and phrase required, as to_tsquery would parse none of it."""
    query = None
    for words in wanted:
        part = SearchQuery(" ".join(words), config="simple", search_type="phrase")
        query = part if query is None else query & part
    return query


def _postgres(wanted, articles, limit) -> list[tuple[int, float, str]]:
    query = postgres_query(wanted)
    current = Revision.objects.filter(article=OuterRef("article")).order_by("-captured_at", "-pk")
    text_hits = (
        Revision.objects.annotate(vector=REVISION_VECTOR)
        .filter(vector=query, article__in=articles, pk=Subquery(current.values("pk")[:1]))
        .annotate(rank=SearchRank(REVISION_VECTOR, query), snippet=_headline("body", query))
        .order_by("-rank", "-pk")
        .values_list("article_id", "rank", "snippet")[:limit]
    )
    ranked = {pk: (rank, snippet) for pk, rank, snippet in text_hits}
    # Story titles: a small table, searched without an index; a title match
    # adds to its articles' rank and brings in those the text did not match.
    titles = (
        Story.objects.filter(pk__in=articles.values("story"))
        .annotate(vector=SearchVector("title", config="simple"))
        .filter(vector=query)
        .annotate(rank=SearchRank(SearchVector("title", weight="A", config="simple"), query))
        .values_list("pk", "rank")
    )
    for story_id, rank in titles:
        for article_id, headline in articles.filter(story_id=story_id).values_list(
            "pk", "headline"
        )[:limit]:
            text_rank, snippet = ranked.get(article_id, (0.0, headline))
            ranked[article_id] = (text_rank + rank, snippet)
    best = sorted(ranked.items(), key=lambda item: (-item[1][0], -item[0]))[:limit]
    return [(pk, rank, snippet) for pk, (rank, snippet) in best]


def _headline(field: str, query: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        field,
        query,
        config="simple",
        start_sel=_START,
        stop_sel=_STOP,
        max_words=40,
        min_words=20,
        max_fragments=1,
    )
