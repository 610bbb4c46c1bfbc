from django.urls import path

from . import views

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="story_list"),
    path("stories/<slug:slug>/", views.story_detail, name="story_detail"),
    path("stories/<slug:slug>/passages/", views.passage_list, name="passage_list"),
    path(
        "stories/<slug:slug>/passages/<int:passage_id>/<int:version_id>/",
        views.passage_version,
        name="passage_version",
    ),
    path("stories/<slug:slug>/timeline/", views.story_timeline, name="story_timeline"),
    path("stories/<slug:slug>/compare/", views.story_compare, name="story_compare"),
    path("api/stories/<slug:slug>/", views.story_json, name="story_json"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet_detail"),
]
