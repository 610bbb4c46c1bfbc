from django.urls import path

from . import views

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="story_list"),
    path("stories/<slug:slug>/", views.story_detail, name="story_detail"),
    path("articles/<int:pk>/", views.story_detail, name="article_detail"),
    path("outlets/<slug:slug>/", views.story_detail, name="outlet_detail"),
]
