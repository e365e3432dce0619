from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/status/", views.report_status, name="report-status"),
    path("<int:pk>/download/", views.report_download, name="report-download"),
]
