from django.contrib import admin

from .models import Resource, ResourceAttachment


class ResourceAttachmentInline(admin.TabularInline):
    model = ResourceAttachment
    extra = 0
    readonly_fields = ["file", "original_filename", "content_type", "size", "uploaded_at"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "programme", "visibility", "status", "published_at"]
    list_filter = ["kind", "visibility", "status", "programme"]
    search_fields = ["title", "body"]
    list_select_related = ["programme"]
    raw_id_fields = ["project", "placement", "author"]
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    filter_horizontal = ["sdgs"]
    inlines = [ResourceAttachmentInline]
