"""The audit log in the Django admin: to read, never to add, change or delete, even for
superusers. auditlog's own admin allows deleting; ours replaces it (see apps.py)."""

from auditlog.admin import LogEntryAdmin as BaseLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin


class ReadOnlyLogEntryAdmin(BaseLogEntryAdmin):
    # Our User has one `name`, no first and last name.
    search_fields = ["object_repr", "changes", "actor__name", "actor__email", "actor_email", "cid"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
