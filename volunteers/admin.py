from django.contrib import admin

from . import services
from .models import Document, Skill, VolunteerLanguage, VolunteerProfile


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class VolunteerLanguageInline(admin.TabularInline):
    model = VolunteerLanguage
    extra = 0


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "name_native_script", "nationality", "city", "consent_given_at"]
    list_filter = ["nationality"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name", "name_native_script"]
    autocomplete_fields = ["user", "skills"]
    readonly_fields = ["consent_given_at", "created_at", "updated_at"]
    inlines = [VolunteerLanguageInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Documents are uploaded and opened only through the portal's checked pages."""

    list_display = ["original_filename", "owner", "kind", "expires_on", "uploaded_at"]
    list_filter = ["kind"]
    list_select_related = ["owner"]
    search_fields = ["owner__email", "owner__name", "original_filename"]
    date_hierarchy = "uploaded_at"
    fields = [
        "owner",
        "kind",
        "original_filename",
        "content_type",
        "size",
        "expires_on",
        "uploaded_at",
    ]
    readonly_fields = ["owner", "original_filename", "content_type", "size", "uploaded_at"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.document_delete(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            services.document_delete(document=document)
