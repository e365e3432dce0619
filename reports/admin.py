"""Administrators see every report request; the state is the workers' business, read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ReportRequest

SHOWN = [
    "requested_by",
    "kind",
    "format",
    "filters",
    "status",
    "progress",
    "download",
    "row_count",
    "error",
    "created_at",
    "started_at",
    "finished_at",
    "expires_at",
]


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "format", "requested_by", "status", "progress", "created_at"]
    list_filter = ["status", "kind", "format"]
    search_fields = ["requested_by__email", "requested_by__name"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"
    # Private files have no URL: the file is reached through the permission-checked view.
    fields = SHOWN
    readonly_fields = SHOWN

    @admin.display(description=_("file"))
    def download(self, report):
        if not report.is_ready:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("reports:report-download", args=[report.pk]),
            report.download_name,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
