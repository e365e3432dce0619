from django.contrib import admin

from .models import Notification, NotificationPreference, ReminderRecord


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "read_at", "emailed_at"]
    search_fields = ["subject", "recipient__email", "recipient__name"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel", "email_frequency"]
    list_filter = ["kind", "channel", "email_frequency"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]


@admin.register(ReminderRecord)
class ReminderRecordAdmin(admin.ModelAdmin):
    """The log of reminders sent; deleting a row lets that reminder go out again."""

    list_display = ["kind", "subject_key", "recipient", "period_key", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["subject_key", "recipient__email", "period_key"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
