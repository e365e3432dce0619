from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.auditlog_list, name="auditlog-list"),
    path("export.csv", views.auditlog_csv, name="auditlog-csv"),
]
