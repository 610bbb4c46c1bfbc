"""Small builders for test data. Each takes keyword overrides."""

import itertools

from django.contrib.auth.models import Group, User

from stories.models import Article, Outlet, SourceKind, Story

_seq = itertools.count(1)


def outlet(**fields) -> Outlet:
    n = next(_seq)
    fields.setdefault("name", f"Outlet {n}")
    return Outlet.objects.create(**fields)


def story(**fields) -> Story:
    n = next(_seq)
    fields.setdefault("title", f"Story {n}")
    fields.setdefault("published", True)
    return Story.objects.create(**fields)


def article(*, body: str | None = None, revisions: int = 1, **fields) -> Article:
    n = next(_seq)
    fields.setdefault("outlet", outlet() if "outlet" not in fields else fields["outlet"])
    fields.setdefault("headline", f"Headline {n}")
    fields.setdefault("url", f"https://news{n}.example/article-{n}")
    art = Article.objects.create(**fields)
    text = body or f"Body text of article {n}. It says something about the event."
    for i in range(revisions):
        art.add_revision(
            body=text if i == 0 else f"{text}\n\nUpdate {i}: more was learned.",
            source_kind=SourceKind.PASTE,
            headline=art.headline,
        )
    return art


def editor(username: str = "editor") -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user
