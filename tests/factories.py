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


def aligned_story(*, versions: int = 3, passages: int = 6, **fields):
    """A story with stored alignment rows built by hand (no engine), for page tests.

    Version 0 is the reference and carries every passage; version i skips
    passage i; the last passage is unique to version 0; other versions swap
    "river" for "stream"."""
    from stories.models import Divergence, Passage, PassageMember, StoryAlignment

    s = story(**fields)
    revisions = []
    for i in range(versions):
        art = article(story=s, headline=f"Version {i}", body=f"Body of version {i}.")
        revisions.append(art.revisions.get())
    alignment = StoryAlignment.objects.create(
        story=s,
        inputs_hash="test",
        reference_revision=revisions[0],
        terms=[
            {
                "reference": "river",
                "variant": "stream",
                "versions": [r.pk for r in revisions[1:]],
                "count": 2,
            }
        ],
        quotes=[],
        annotations=[],
        stats={"versions": versions, "passages": passages, "by_kind": {}, "by_type": {}},
    )
    alignment.revisions.set(revisions)
    for p in range(passages):
        ref_text = f"The river rose {p} metres overnight."
        carriers = [0] if p == passages - 1 else [i for i in range(versions) if i != p or i == 0]
        kind = (
            "unique"
            if len(carriers) == 1
            else ("common" if len(carriers) == versions else "shared")
        )
        row = Passage.objects.create(
            alignment=alignment,
            position=p,
            kind=kind,
            text=ref_text,
            reference_revision=revisions[0],
            flags=["term_swap"] if kind != "unique" else [],
        )
        for i in carriers:
            if i == 0:
                ops = [["equal", ref_text, ref_text]]
                text = ref_text
            else:
                text = ref_text.replace("river", "stream")
                ops = [
                    ["equal", "The ", "The "],
                    ["replace", "river", "stream"],
                    ["equal", ref_text[9:], text[10:]],
                ]
            PassageMember.objects.create(
                passage=row,
                revision=revisions[i],
                text=text,
                score=1.0 if i == 0 else 0.8,
                sentences=[p],
                diff=ops,
                is_reference=i == 0,
            )
            if i:
                Divergence.objects.create(
                    alignment=alignment,
                    passage=row,
                    revision=revisions[i],
                    type="term_swap",
                    detail=f"Version {i} writes stream for river",
                    data={"reference": "river", "variant": "stream"},
                )
        if kind != "unique":
            for i in range(versions):
                if i not in carriers:
                    Divergence.objects.create(
                        alignment=alignment,
                        passage=row,
                        revision=revisions[i],
                        type="omission",
                        detail=f"Version {i} leaves out this passage",
                        data={"carried_by": len(carriers)},
                    )
            row.flags = sorted({*row.flags, *row.divergences.values_list("type", flat=True)})
            row.save(update_fields=["flags"])
    return s
