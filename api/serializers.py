"""What the API shows and accepts. Writes are validated by the pages' own forms (see
views.py); the request serializers here describe those forms' fields in the schema."""

from decimal import Decimal

import rules
from django.urls import reverse
from rest_framework import serializers

from deployments.enums import ApplicationStatus, CheckInStatus, Recommendation
from deployments.forms import LOG_REVIEW_ACTIONS
from deployments.models import (
    ActivityLog,
    ActivityPhoto,
    Application,
    CheckIn,
    MonthlyReport,
    Opportunity,
    Placement,
    Project,
    Review,
)
from deployments.models.field import MAX_HOURS_A_DAY
from deployments.services.placements import ACTIVITY_LOG_FIELDS
from partners.models import Organisation
from volunteers.models import VolunteerProfile

from .models import ApiToken

# Public -------------------------------------------------------------------------------------


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "acronym",
            "kind",
            "country",
            "city",
            "website",
            "description",
            "is_verified",
        ]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    host_partner_name = serializers.CharField(source="host_partner.name", read_only=True)
    host_country = serializers.CharField(source="host_country.code", read_only=True)
    sdgs = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "programme",
            "programme_name",
            "host_partner",
            "host_partner_name",
            "host_country",
            "region",
            "city",
            "summary",
            "sdgs",
            "starts_on",
            "ends_on",
            "status",
        ]
        read_only_fields = fields

    def get_sdgs(self, project) -> list[int]:
        return sorted(goal.number for goal in project.sdgs.all())


class OpportunitySerializer(serializers.ModelSerializer):
    project_title = serializers.CharField(source="project.title", read_only=True)
    host_partner_name = serializers.CharField(source="project.host_partner.name", read_only=True)
    country = serializers.CharField(source="project.host_country.code", read_only=True)
    city = serializers.CharField(source="project.city", read_only=True)
    sdgs = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "title",
            "project",
            "project_title",
            "host_partner_name",
            "country",
            "city",
            "description",
            "seats",
            "duration_months",
            "starts_on",
            "application_deadline",
            "status",
            "sdgs",
            "skills",
            "languages",
        ]
        read_only_fields = fields

    def get_sdgs(self, opportunity) -> list[int]:
        return sorted(goal.number for goal in opportunity.project.sdgs.all())

    def get_skills(self, opportunity) -> list[str]:
        return sorted(skill.name for skill in opportunity.skills.all())

    def get_languages(self, opportunity) -> list[str]:
        return [language.language for language in opportunity.languages.all()]


class ActivityPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityPhoto
        fields = ["id", "url", "thumbnail_url", "uploaded_at"]

    def get_url(self, photo) -> str:
        return reverse("deployments:activity-photo", args=[photo.pk])

    def get_thumbnail_url(self, photo) -> str:
        return reverse("deployments:activity-photo-thumbnail", args=[photo.pk])


class ActivityLogSerializer(serializers.ModelSerializer):
    photos = ActivityPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = ActivityLog
        fields = [
            "id",
            "placement",
            *ACTIVITY_LOG_FIELDS,
            "status",
            "review_comment",
            "reviewed_at",
            "supervisor_comment",
            "verified_at",
            "created_at",
            "updated_at",
            "photos",
        ]
        read_only_fields = fields


class ActivityLogWriteSerializer(serializers.ModelSerializer):
    """The fields of the page's activity-log form, sent as multipart/form-data or JSON."""

    hours = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal("0.1"), max_value=MAX_HOURS_A_DAY
    )
    photos = serializers.ListField(
        child=serializers.ImageField(), required=False, help_text="JPEG or PNG, at most 6."
    )

    class Meta:
        model = ActivityLog
        fields = ["placement", *ACTIVITY_LOG_FIELDS, "photos"]


class ActivityLogUpdateSerializer(ActivityLogWriteSerializer):
    class Meta(ActivityLogWriteSerializer.Meta):
        fields = [*ACTIVITY_LOG_FIELDS, "photos"]


class CheckInSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "placement", "status", "note", "created_at"]
        read_only_fields = fields


class CheckInWriteSerializer(serializers.Serializer):
    placement = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CheckInStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class MonthlyReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "placement",
            "month",
            "achievements",
            "challenges",
            "support_needed",
            "submitted_at",
        ]
        read_only_fields = fields


class MonthlyReportWriteSerializer(serializers.ModelSerializer):
    month = serializers.RegexField(r"^\d{4}-\d{2}$", help_text="The month reported on: YYYY-MM.")

    class Meta:
        model = MonthlyReport
        fields = ["placement", "month", "achievements", "challenges", "support_needed"]


class PlacementSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="opportunity.title", read_only=True)
    project = serializers.IntegerField(source="project_id", read_only=True)
    project_title = serializers.CharField(source="project.title", read_only=True)
    country = serializers.CharField(source="project.host_country.code", read_only=True)
    country_name = serializers.CharField(source="project.host_country.name", read_only=True)
    can_log_activity = serializers.SerializerMethodField()
    can_submit_monthly_report = serializers.SerializerMethodField()
    can_check_in = serializers.SerializerMethodField()

    class Meta:
        model = Placement
        fields = [
            "id",
            "title",
            "opportunity",
            "project",
            "project_title",
            "country",
            "country_name",
            "duty_station",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "volunteer",
            "can_log_activity",
            "can_submit_monthly_report",
            "can_check_in",
        ]
        read_only_fields = fields

    def _may(self, perm: str, placement) -> bool:
        # The rule itself, not user.has_perm: a superuser holds every permission, yet only the
        # volunteer logs, reports and checks in.
        return rules.has_perm(perm, self.context["request"].user, placement)

    def get_can_log_activity(self, placement) -> bool:
        return self._may("deployments.log_activity", placement)

    def get_can_submit_monthly_report(self, placement) -> bool:
        return self._may("deployments.submit_monthly_report", placement)

    def get_can_check_in(self, placement) -> bool:
        return self._may("deployments.check_in", placement)


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "key_prefix", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


# Applications and reviews -------------------------------------------------------------------


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as its page shows it to the viewer: the candidate's name and
    motivation only to those who may see the candidate's identity (not in a blind review)."""

    opportunity_title = serializers.CharField(source="opportunity.title", read_only=True)
    volunteer = serializers.SerializerMethodField()
    volunteer_name = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "opportunity",
            "opportunity_title",
            "volunteer",
            "volunteer_name",
            "status",
            "submitted_at",
            "status_changed_at",
        ]
        read_only_fields = fields

    def _sees_identity(self, application) -> bool:
        return self.context["request"].user.has_perm(
            "deployments.see_candidate_identity", application
        )

    def get_volunteer(self, application) -> int | None:
        return application.volunteer_id if self._sees_identity(application) else None

    def get_volunteer_name(self, application) -> str | None:
        return application.volunteer.name if self._sees_identity(application) else None


class ApplicationTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ApplicationStatus.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Required to reject."
    )


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = [
            "id",
            "application",
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
        read_only_fields = fields


class ReviewWriteSerializer(serializers.Serializer):
    skills_fit = serializers.IntegerField(min_value=1, max_value=5)
    language = serializers.IntegerField(min_value=1, max_value=5)
    motivation = serializers.IntegerField(min_value=1, max_value=5)
    intercultural_readiness = serializers.IntegerField(min_value=1, max_value=5)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices)
    comment = serializers.CharField(required=False, allow_blank=True)


class ActivityLogReviewSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[value for value, _label in LOG_REVIEW_ACTIONS])
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Required to return."
    )


# The volunteer's own profile ----------------------------------------------------------------


class VolunteerProfileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    nationality = serializers.CharField(source="nationality.code", read_only=True)
    country_of_residence = serializers.CharField(source="country_of_residence.code", read_only=True)
    preferred_countries = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()

    class Meta:
        model = VolunteerProfile
        fields = [
            "name",
            "email",
            "name_native_script",
            "nationality",
            "city",
            "country_of_residence",
            "education_level",
            "field_of_study",
            "experience",
            "skills",
            "availability_from",
            "availability_months",
            "preferred_countries",
        ]
        read_only_fields = fields

    def get_preferred_countries(self, profile) -> list[str]:
        return [country.code for country in profile.preferred_countries]

    def get_skills(self, profile) -> list[str]:
        return sorted(skill.name for skill in profile.skills.all())
