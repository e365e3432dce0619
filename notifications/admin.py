from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "read_at", "emailed_at"]
    search_fields = ["subject", "recipient__email", "recipient__name"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"
