from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("me/data/", views.privacy_overview, name="overview"),
    path("me/data/exports/<int:pk>/", views.export_detail, name="export-detail"),
    path("me/data/exports/<int:pk>/status/", views.export_status, name="export-status"),
    path("me/data/exports/<int:pk>/download/", views.export_download, name="export-download"),
    path("me/data/erasure/", views.erasure_request_create, name="erasure-request"),
    path("privacy/erasure-requests/", views.erasure_request_list, name="erasure-list"),
    path(
        "privacy/erasure-requests/<int:pk>/",
        views.erasure_request_detail,
        name="erasure-detail",
    ),
]
