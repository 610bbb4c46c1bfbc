"""Reader-facing pages. Views only read stored rows: alignment happens in tasks."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Story


@require_safe
def story_list(request):
    """Published stories, newest activity first. Template: stories/story_list.html."""
    stories = Story.objects.visible_to(request.user).with_stats().order_by("-last_activity", "-pk")
    return render(request, "stories/story_list.html", {"stories": stories})


@require_safe
def story_detail(request, slug):
    """One story and its versions. Template: stories/story_detail.html."""
    story = get_object_or_404(Story.objects.visible_to(request.user), slug=slug)
    return render(
        request, "stories/story_detail.html", {"story": story, "versions": story.versions()}
    )
