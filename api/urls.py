from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import pages, views
from .docs import ApiDocsView

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("projects", views.ProjectViewSet, basename="project")
router.register("opportunities", views.OpportunityViewSet, basename="opportunity")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("me/placements", views.MyPlacementViewSet, basename="my-placement")
router.register("activity-logs", views.ActivityLogViewSet, basename="activity-log")
router.register("check-ins", views.CheckInViewSet, basename="check-in")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("me/applications", views.MyApplicationViewSet, basename="my-application")
router.register("review-queue", views.ReviewQueueViewSet, basename="review-queue")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("monthly-reports", views.MonthlyReportViewSet, basename="monthly-report")

urlpatterns = [
    path("api/v1/me/profile/", views.MyProfileView.as_view(), name="my-profile"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    path("me/api-tokens/", pages.token_list, name="token-list"),
    path("me/api-tokens/<int:pk>/revoke/", pages.token_revoke, name="token-revoke"),
]
