"""The portal's URLs and, for the benchmark only, a bare view doing one query."""

from django.http import HttpResponse
from django.urls import include, path

from users.models import User


def bare(request):
    """The floor of a request through Django: the middleware, one query, no template."""
    return HttpResponse(f"{User.objects.filter(is_active=True).exists()}")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("volunteer_portal.urls")),
]
