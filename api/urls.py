from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views
from .docs import ApiDocsView

app_name = "api"

router = SimpleRouter()
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("me/placements", views.MyPlacementViewSet, basename="my-placement")
router.register("activity-logs", views.ActivityLogViewSet, basename="activity-log")
router.register("check-ins", views.CheckInViewSet, basename="check-in")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
]
