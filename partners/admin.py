from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Agreement, Invitation, Membership, Organisation
from .validators import normalise_name


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "is_admin", "is_reviewer", "is_supervisor", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "city", "is_verified"]
    list_filter = ["kind", "country", "is_verified"]
    search_fields = ["name", "acronym", "city", "iati_identifier"]
    # Verification and agreement states change only through the services, which record who
    # and when; the admin offers the verification as an action.
    readonly_fields = [
        "is_verified",
        "verified_by",
        "verified_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [MembershipInline]
    actions = ["verify"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        """Changes go through the service, so that a renamed or moved organisation loses its
        verification here too; names are normalised either way."""
        fields = {name: form.cleaned_data[name] for name in services.ORGANISATION_FIELDS}
        if change:
            services.organisation_update(organisation=obj, **fields)
        else:
            obj.name = normalise_name(obj.name)
            obj.created_by = request.user
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        verified = sum(
            services.organisation_verify(organisation=organisation, verified_by=request.user)
            for organisation in queryset
        )
        self.message_user(request, _("%(count)d organisations verified.") % {"count": verified})


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "is_admin", "is_reviewer", "is_supervisor"]
    list_filter = ["is_admin", "is_reviewer", "is_supervisor"]
    search_fields = ["user__name", "user__email", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "created_at", "expires_at", "accepted_at"]
    list_filter = ["is_admin", "is_reviewer", "is_supervisor"]
    search_fields = ["email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    readonly_fields = ["token", "invited_by", "accepted_at", "accepted_by"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organisations__name"]
    filter_horizontal = ["organisations"]
    date_hierarchy = "ends_on"
    readonly_fields = ["status", "document", "created_by", "created_at", "updated_at"]
