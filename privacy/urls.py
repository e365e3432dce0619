from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_overview, name="overview"),
    path("exports/<int:pk>/", views.export_detail, name="export-detail"),
    path("exports/<int:pk>/status/", views.export_status, name="export-status"),
    path("exports/<int:pk>/download/", views.export_download, name="export-download"),
]
