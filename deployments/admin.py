"""The Django admin for deployments: administrators create programmes, assign coordinators
and can correct any row. Statuses are read-only here: they change only through the
services (the portal's transition buttons), so every change is recorded."""

from django.contrib import admin

from .models import (
    ActivityLog,
    ActivityPhoto,
    Application,
    ApplicationEvent,
    ApplicationRelease,
    Appraisal,
    CheckIn,
    Indicator,
    IndicatorMeasurement,
    MonthlyReport,
    NeedsAssessment,
    NeedsAssessmentEvent,
    Opportunity,
    OpportunityLanguage,
    OpportunityStatusChange,
    Partnership,
    Placement,
    PlacementEvent,
    PreDepartureItem,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
    Review,
    ReviewAssignment,
    SustainableDevelopmentGoal,
)


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_title", "colour"]
    search_fields = ["short_title", "title"]
    readonly_fields = ["number", "short_title", "title", "colour"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PartnershipInline(admin.TabularInline):
    """Partnerships change only through the portal's services, where consent is checked."""

    model = Partnership
    extra = 0
    can_delete = False
    fields = ["organisation", "status", "proposed_by", "proposed_at", "accepted_by", "ended_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "sending_organisation", "blind_review", "created_at"]
    list_filter = ["blind_review", "sending_organisation__country"]
    search_fields = ["name", "description", "sending_organisation__name"]
    filter_horizontal = ["coordinators"]
    inlines = [PartnershipInline]
    list_select_related = ["sending_organisation"]


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class NeedsAssessmentInline(admin.StackedInline):
    model = NeedsAssessment
    extra = 0
    max_num = 1
    readonly_fields = ["signed_off_by", "signed_off_at"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "host_country", "host_partner", "status", "starts_on"]
    list_filter = ["status", "host_country", "programme", "sdgs"]
    search_fields = ["title", "summary", "city", "region", "host_partner__name"]
    list_select_related = ["programme", "host_partner"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    filter_horizontal = ["sdgs"]
    date_hierarchy = "starts_on"
    inlines = [ProjectPartnerInline, IndicatorInline, NeedsAssessmentInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(admin.ModelAdmin):
    list_display = ["project", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["project__title", "organisation__name"]
    list_select_related = ["project", "organisation"]


@admin.register(ProjectStatusChange)
class ProjectStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["project", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", "from_status"]
    search_fields = ["project__title", "note", "changed_by__email"]
    list_select_related = ["project", "changed_by"]

    def has_change_permission(self, request, obj=None):
        return False


class NeedsAssessmentEventInline(admin.TabularInline):
    model = NeedsAssessmentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "by", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(admin.ModelAdmin):
    list_display = ["project", "requested_by", "priority", "assessed_on", "signed_off_at"]
    list_filter = ["priority", "project__status", "project__host_country"]
    search_fields = ["project__title", "requested_by__name", "needs_found", "assessed_by"]
    list_select_related = ["project", "requested_by"]
    readonly_fields = ["signed_off_by", "signed_off_at", "updated_at"]
    inlines = [NeedsAssessmentEventInline]


@admin.register(NeedsAssessmentEvent)
class NeedsAssessmentEventAdmin(admin.ModelAdmin):
    list_display = ["assessment", "kind", "by", "at"]
    list_filter = ["kind"]
    search_fields = ["assessment__project__title", "by__email"]
    list_select_related = ["assessment__project", "by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "unit", "baseline", "target"]
    list_filter = ["unit", "project__programme"]
    search_fields = ["name", "project__title"]
    list_select_related = ["project"]


class OpportunityLanguageInline(admin.TabularInline):
    model = OpportunityLanguage
    extra = 0


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "project",
        "status",
        "seats",
        "duration_months",
        "starts_on",
        "application_deadline",
    ]
    list_filter = ["status", "project__host_country", "project__programme", "duration_months"]
    search_fields = ["title", "description", "project__title"]
    list_select_related = ["project"]
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    filter_horizontal = ["skills"]
    date_hierarchy = "application_deadline"
    inlines = [OpportunityLanguageInline]


@admin.register(OpportunityLanguage)
class OpportunityLanguageAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "language", "minimum_level"]
    list_filter = ["minimum_level", "language"]
    search_fields = ["opportunity__title", "language"]
    list_select_related = ["opportunity"]


@admin.register(OpportunityStatusChange)
class OpportunityStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", "from_status"]
    search_fields = ["opportunity__title", "note", "changed_by__email"]
    list_select_related = ["opportunity", "changed_by"]

    def has_change_permission(self, request, obj=None):
        return False


# Applications, reviews and placements: states change only through the services.


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


class ApplicationReleaseInline(admin.TabularInline):
    model = ApplicationRelease
    extra = 0
    raw_id_fields = ["released_by"]


class ReviewAssignmentInline(admin.TabularInline):
    model = ReviewAssignment
    extra = 0
    raw_id_fields = ["reviewer", "assigned_by"]


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    readonly_fields = [
        "reviewer",
        "organisation",
        "skills_fit",
        "language",
        "motivation",
        "intercultural_readiness",
        "recommendation",
        "comment",
        "conflict_of_interest",
        "submitted_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "opportunity", "status", "submitted_at", "status_changed_at"]
    list_filter = [
        "status",
        "opportunity__project__programme",
        "opportunity__project__host_country",
    ]
    search_fields = ["volunteer__name", "volunteer__email", "opportunity__title"]
    list_select_related = ["volunteer", "opportunity"]
    raw_id_fields = ["volunteer", "opportunity"]
    readonly_fields = [
        "status",
        "rejection_reason",
        "submitted_at",
        "status_changed_at",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "created_at"
    inlines = [
        ApplicationEventInline,
        ApplicationReleaseInline,
        ReviewAssignmentInline,
        ReviewInline,
    ]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "application",
        "reviewer",
        "organisation",
        "recommendation",
        "conflict_of_interest",
        "submitted_at",
    ]
    list_filter = ["recommendation", "conflict_of_interest", "organisation"]
    search_fields = ["reviewer__name", "reviewer__email", "application__volunteer__name"]
    list_select_related = ["application", "reviewer", "organisation"]
    raw_id_fields = ["application", "reviewer"]


class PreDepartureItemInline(admin.TabularInline):
    model = PreDepartureItem
    extra = 0
    raw_id_fields = ["document", "updated_by"]


class PlacementEventInline(admin.TabularInline):
    model = PlacementEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "effective_on", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "project", "status", "planned_start", "planned_end"]
    list_filter = ["status", "project__host_country", "project__programme"]
    search_fields = ["volunteer__name", "volunteer__email", "project__title", "duty_station"]
    list_select_related = ["volunteer", "project"]
    raw_id_fields = ["application", "volunteer", "opportunity", "host_supervisor"]
    readonly_fields = ["status", "created_at", "updated_at"]
    date_hierarchy = "planned_start"
    inlines = [PreDepartureItemInline, PlacementEventInline]


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 0
    readonly_fields = ["image", "thumbnail", "uploaded_at"]


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["date", "placement", "activity_type", "hours", "status"]
    list_filter = ["status", "activity_type", "placement__project__host_country"]
    search_fields = ["description", "place", "placement__volunteer__name"]
    list_select_related = ["placement", "placement__volunteer", "placement__project"]
    raw_id_fields = ["placement", "reviewed_by", "verified_by"]
    readonly_fields = ["status", "created_at", "updated_at"]
    date_hierarchy = "date"
    inlines = [ActivityPhotoInline]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ["month", "placement", "submitted_at"]
    search_fields = ["achievements", "placement__volunteer__name"]
    list_select_related = ["placement", "placement__volunteer", "placement__project"]
    raw_id_fields = ["placement"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["created_at", "placement", "status"]
    list_filter = ["status"]
    search_fields = ["note", "placement__volunteer__name"]
    list_select_related = ["placement", "placement__volunteer", "placement__project"]
    raw_id_fields = ["placement"]


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ["placement", "appraised_by", "performance", "submitted_at"]
    search_fields = ["strengths", "placement__volunteer__name"]
    list_select_related = [
        "placement",
        "placement__volunteer",
        "placement__project",
        "appraised_by",
    ]
    raw_id_fields = ["placement", "appraised_by"]


@admin.register(IndicatorMeasurement)
class IndicatorMeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "date", "value"]
    search_fields = ["indicator__name", "note"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator", "recorded_by"]
