"""What the API shows and accepts. Writes are validated by the pages' own forms (see
views.py); the request serializers here describe those forms' fields in the schema."""

from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from deployments.enums import CheckInStatus
from deployments.models import ActivityLog, ActivityPhoto, CheckIn, MonthlyReport, Placement
from deployments.models.field import MAX_HOURS_A_DAY
from deployments.services.placements import ACTIVITY_LOG_FIELDS

from .models import ApiToken


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
        return self.context["request"].user.has_perm(perm, placement)

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
