"""Administrators see exports and erasure records; both change only through the services."""

from django.contrib import admin

from .models import DataExport, ErasureRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "user", "status", "progress", "created_at", "expires_at"]
    list_filter = ["status"]
    # The file itself is the person's alone: the admin shows that it exists, not a link.
    exclude = ["file"]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "subject", "status", "requested_at", "carried_out_at", "carried_out_by"]
    list_filter = ["status"]

    def has_delete_permission(self, request, obj=None):
        return False
