from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Story


@require_safe
def story_list(request):
    stories = Story.objects.visible_to(request.user).with_stats()
    return render(request, "stories/story_list.html", {"stories": stories})


@require_safe
def story_detail(request, slug):
    story = get_object_or_404(Story.objects.visible_to(request.user), slug=slug)
    return render(request, "stories/story_detail.html", {"story": story})
