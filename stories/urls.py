from django.urls import path, register_converter

from . import views


class IdConverter:
    """A primary key: at most 18 digits, so no URL can overflow a database integer."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="story_list"),
    path("search/", views.search_page, name="search"),
    path("stories/<slug:slug>/", views.story_detail, name="story_detail"),
    path("stories/<slug:slug>/passages/", views.passage_list, name="passage_list"),
    path(
        "stories/<slug:slug>/passages/<id:passage_id>/<id:version_id>/",
        views.passage_version,
        name="passage_version",
    ),
    path("stories/<slug:slug>/timeline/", views.story_timeline, name="story_timeline"),
    path("stories/<slug:slug>/compare/", views.story_compare, name="story_compare"),
    path("api/stories/", views.story_index_json, name="story_index_json"),
    path("api/stories/<slug:slug>/", views.story_json, name="story_json"),
    path(
        "api/stories/<slug:slug>/divergences.csv",
        views.story_divergences_csv,
        name="story_divergences_csv",
    ),
    path("articles/<id:pk>/", views.article_detail, name="article_detail"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet_detail"),
    path("healthz", views.healthz, name="healthz"),
]
