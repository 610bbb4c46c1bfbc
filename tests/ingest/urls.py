"""The admin with the import page wired the way ``ArticleAdmin.get_urls``
should wire it (until it does, tests use this URLconf)."""

from functools import partial

from django.contrib import admin
from django.urls import include, path

from stories.ingest.admin_views import import_view

urlpatterns = [
    path(
        "admin/stories/article/import/",
        admin.site.admin_view(partial(import_view, admin_site=admin.site)),
        name="article_import",
    ),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]
