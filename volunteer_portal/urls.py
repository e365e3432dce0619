from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from deployments.views import home as home_views

from .health import healthz

# The admin signs in through allauth, so rate limits and two-factor apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", home_views.home, name="home"),
    path("dashboard/", home_views.dashboard, name="dashboard"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("", include("privacy.urls")),
    path("me/", include("users.urls")),
    path("audit/", include("audit.urls")),
    path("partners/", include("partners.urls")),
    path("volunteer/", include("volunteers.urls")),
    path("notifications/", include("notifications.urls")),
    path("knowledge/", include("knowledge.urls")),
    path("reports/", include("reports.urls")),
    path("", include("deployments.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]
