"""The editors' import page in the admin: paste text, upload files or list
URLs. Wired by ``ArticleAdmin.get_urls`` (see ``import_view``)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from stories.models import Article, GroupingDecision, Outlet, SourceKind, Story

from .ingest import api


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.all(),
        required=False,
        help_text="Who published it. Leave empty for URLs (found by their domain) "
        "and JSON Lines that name their outlet.",
    )
    new_outlet = forms.CharField(
        max_length=200, required=False, label="…or a new outlet", help_text="Created if unknown."
    )
    story = forms.ModelChoiceField(
        queryset=Story.objects.all(),
        required=False,
        help_text="File the imported articles under this story. Empty: grouping decides.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        required=False,
        label="Paste text",
        help_text="One article, as copied from the page; site furniture is removed and listed.",
    )
    published = forms.DateField(
        required=False,
        label="Published on",
        help_text="The pasted article's date (YYYY-MM-DD), if the page shows it. Grouping "
        "compares it with the news of its own days; without it, with what was imported "
        "around the same time.",
    )
    files = MultipleFileField(
        required=False,
        allow_empty_file=True,  # refused by the import, with its reason, like other bad files
        help_text="Text, HTML or JSON Lines files (.txt, .html, .jsonl).",
    )
    urls = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 100}),
        required=False,
        label="URLs",
        help_text="One per line; each page is fetched and imported.",
    )
    format = forms.ChoiceField(
        choices=[(f, f) for f in api.FORMATS],
        initial="auto",
        help_text="How to read pasted text and files; auto decides from the name and content.",
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if admin_site is not None:
            # The admin's own search-as-you-type pickers (Outlet and Story
            # admins have search_fields).
            for name in ("outlet", "story"):
                field = self.fields[name]
                field.widget = AutocompleteSelect(Article._meta.get_field(name), admin_site)
                field.widget.choices = field.choices

    def clean_urls(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for url in urls:
            try:
                validate(url)
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"Not an http(s) URL: {url}") from exc
        return urls

    def clean(self):
        data = super().clean()
        if not (data.get("text", "").strip() or data.get("files") or data.get("urls")):
            raise forms.ValidationError("Paste text, choose files or give URLs to import.")
        if data.get("outlet") and data.get("new_outlet"):
            self.add_error("new_outlet", "Choose an outlet or name a new one, not both.")
        return data

    def import_all(self) -> list[api.ImportResult]:
        """Run the imports the valid form asks for."""
        data = self.cleaned_data
        common = {"outlet": data["outlet"] or data["new_outlet"] or None, "story": data["story"]}
        fmt = data["format"]
        results: list[api.ImportResult] = []
        text = data["text"]
        if text.strip():
            results += api.ingest_document(
                data=text.encode("utf-8"),
                name="pasted text",
                fmt="text" if fmt == "auto" else fmt,
                source_key="",
                source_kind=SourceKind.PASTE,
                known=api.KnownMetadata(published_at=data.get("published")),
                **common,
            )
        limit = settings.NEWSDESK_IMPORT_MAX_BYTES
        for upload in data["files"]:
            if upload.size > limit:
                results.append(
                    api.ImportResult(
                        api.Outcome.REFUSED,
                        upload.name,
                        f"The file is {upload.size / 1048576:.1f} MB, over the "
                        f"{limit / 1048576:.0f} MB import limit.",
                    )
                )
                continue
            results += api.ingest_document(data=upload.read(), name=upload.name, fmt=fmt, **common)
        for url in data["urls"]:
            results.append(api.ingest_url(url=url, **common))
        return results


@dataclass
class Filed:
    """Where one import's article ended up once grouping had its say."""

    result: api.ImportResult
    story: Story | None = None  # the story it is in now
    suggestion: GroupingDecision | None = None  # a suggestion waiting for an editor


def where_filed(results: list[api.ImportResult]) -> list[Filed]:
    """Each result with its article's story (read again: grouping may have run
    since the import) or its pending suggestion, in two queries."""
    ids = [r.article.pk for r in results if r.article is not None]
    stories = dict(Article.objects.filter(pk__in=ids).values_list("pk", "story"))
    found = Story.objects.in_bulk([pk for pk in stories.values() if pk])
    pending = {}
    for decision in (
        GroupingDecision.objects.pending().filter(article__in=ids).select_related("story")
    ):
        pending.setdefault(decision.article_id, decision)
    filed = []
    for r in results:
        if r.article is None:
            filed.append(Filed(r))
            continue
        story = found.get(stories.get(r.article.pk))
        filed.append(Filed(r, story=story, suggestion=pending.get(r.article.pk)))
    return filed


@require_http_methods(["GET", "POST"])
def import_view(request, admin_site):
    """Import articles (``stories.add_article`` required).

    Renders ``admin/stories/import.html`` with the admin's context plus
    ``form``, ``results`` (``Filed`` list, after a POST: each result and where
    grouping filed its article) and
    ``counts`` (outcome → number). Results are shown on the same page rather
    than after a redirect: they are what the editor came for."""
    if not request.user.has_perm("stories.add_article"):
        raise PermissionDenied
    results: list[api.ImportResult] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, admin_site=admin_site)
        if form.is_valid():
            results = form.import_all()
            if not any(r.refused for r in results):
                form = ImportForm(admin_site=admin_site)
    else:
        form = ImportForm(admin_site=admin_site)
    context = {
        **admin_site.each_context(request),
        "title": "Import articles",
        "opts": Article._meta,
        "form": form,
        "media": form.media,
        "results": where_filed(results),
        "counts": api.summarize(results) if results else {},
    }
    return TemplateResponse(request, "admin/stories/import.html", context)
