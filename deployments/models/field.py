"""Field work of a placement: pre-departure checklist, activity logs with photos, monthly
reports, check-ins, the host partner's appraisal and indicator measurements."""

import posixpath
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.models import Document, private_storage

from ..enums import (
    ActivityLogStatus,
    ActivityType,
    CheckInResponse,
    CheckInStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
)
from .choices import choice_label
from .coordinates import latitude_field, longitude_field
from .placements import Placement
from .projects import Indicator, SustainableDevelopmentGoal

MAX_HOURS_A_DAY = 24
RATING = [MinValueValidator(1), MaxValueValidator(5)]


class PreDepartureItem(models.Model):
    """One step before departure (visa, insurance …): pending, done or waived."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="pre_departure_items"
    )
    item = models.CharField(_("item"), max_length=30, choices=PreDepartureItemKind.choices)
    required = models.BooleanField(_("required"), default=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PreDepartureStatus.choices,
        default=PreDepartureStatus.PENDING,
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    get_item_display = choice_label(PreDepartureItemKind, "item")
    get_status_display = choice_label(PreDepartureStatus, "status")

    class Meta:
        verbose_name = _("pre-departure item")
        verbose_name_plural = _("pre-departure items")
        ordering = ["placement", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "item"], name="deployments_predeparture_unique_item"
            ),
            models.CheckConstraint(
                condition=Q(item__in=PreDepartureItemKind.values),
                name="deployments_predeparture_item_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PreDepartureStatus.values),
                name="deployments_predeparture_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_item_display()}: {self.get_status_display()}"

    @property
    def is_cleared(self) -> bool:
        return self.status in (PreDepartureStatus.DONE, PreDepartureStatus.WAIVED)


class ActivityLog(models.Model):
    """What a volunteer did on one day, reviewed by a coordinator and seen by the host."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="activity_logs")
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.1), MaxValueValidator(MAX_HOURS_A_DAY)],
    )
    activity_type = models.CharField(
        _("activity type"), max_length=30, choices=ActivityType.choices
    )
    description = models.TextField(_("what you did"))
    sdg = models.ForeignKey(
        SustainableDevelopmentGoal,
        verbose_name=_("SDG"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_logs",
    )
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    girls = models.PositiveIntegerField(_("girls"), default=0)
    boys = models.PositiveIntegerField(_("boys"), default=0)
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityLogStatus.choices,
        default=ActivityLogStatus.SUBMITTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("coordinator's comment"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    supervisor_comment = models.TextField(_("host supervisor's comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    get_activity_type_display = choice_label(ActivityType, "activity_type")
    get_status_display = choice_label(ActivityLogStatus, "status")

    class Meta:
        verbose_name = _("activity log")
        verbose_name_plural = _("activity logs")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["placement", "date"], name="activitylog_placement_day"),
            # The board counts, and the review queue lists, only the few logs waiting for
            # review among hundreds of thousands.
            models.Index(
                fields=["placement"],
                condition=Q(status=ActivityLogStatus.SUBMITTED),
                name="activitylog_submitted",
            ),
            models.Index(
                fields=["date", "id"],
                condition=Q(status=ActivityLogStatus.SUBMITTED),
                name="activitylog_submitted_by_day",
            ),
            # A host supervisor's dashboard lists the oldest logs nobody has verified yet,
            # about half of all logs: walked in date order, the first few of their
            # placements come within a few dozen entries instead of sorting tens of thousands.
            models.Index(
                fields=["date", "id"],
                condition=Q(verified_at=None) & ~Q(status=ActivityLogStatus.RETURNED),
                name="activitylog_unverified_by_day",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=MAX_HOURS_A_DAY),
                name="deployments_activitylog_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActivityLogStatus.values),
                name="deployments_activitylog_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(activity_type__in=ActivityType.values),
                name="deployments_activitylog_type_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=ActivityLogStatus.RETURNED) | ~Q(review_comment=""),
                name="deployments_activitylog_returned_has_comment",
            ),
            models.CheckConstraint(
                condition=Q(status=ActivityLogStatus.SUBMITTED) | Q(reviewed_at__isnull=False),
                name="deployments_activitylog_reviewed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="deployments_activitylog_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="deployments_activitylog_longitude_range",
            ),
        ]

    def __str__(self):
        return f"{self.date} · {self.get_activity_type_display()} · {self.hours} h"

    @property
    def beneficiaries(self) -> int:
        return self.women + self.men + self.girls + self.boys


def photo_path(photo, filename) -> str:
    """A random path; nothing of the person's own file name reaches the storage."""
    extension = posixpath.splitext(filename)[1].lower()[:5]
    return f"activity-photos/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


def thumbnail_path(photo, filename) -> str:
    return f"activity-photos/thumbnails/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"


class ActivityPhoto(models.Model):
    """Evidence for a log: the private original and a small JPEG made on the server."""

    log = models.ForeignKey(ActivityLog, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), storage=private_storage, upload_to=photo_path, max_length=200
    )
    thumbnail = models.ImageField(
        _("thumbnail"), storage=private_storage, upload_to=thumbnail_path, max_length=200
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.log_id}: {self.image.name}"


class MonthlyReport(models.Model):
    """The volunteer's report on one month; one per placement and month."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="monthly_reports"
    )
    month = models.DateField(_("month"), help_text=_("Always the first day of the month."))
    achievements = models.TextField(_("achievements"))
    challenges = models.TextField(_("challenges"), blank=True)
    support_needed = models.TextField(_("support needed"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "month"], name="deployments_monthlyreport_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="deployments_monthlyreport_first_of_month"
            ),
        ]

    def __str__(self):
        return f"{self.placement_id}: {self.month:%Y-%m}"


class CheckIn(models.Model):
    """A one-tap sign of life from the field."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="check_ins")
    status = models.CharField(_("status"), max_length=20, choices=CheckInStatus.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    response = models.CharField(
        _("response"), max_length=20, choices=CheckInResponse.choices, blank=True
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CheckInStatus.values),
                name="deployments_checkin_status_valid",
            ),
            # Only emergencies are answered, and every emergency is.
            models.CheckConstraint(
                condition=(
                    Q(status=CheckInStatus.EMERGENCY, response__in=CheckInResponse.values)
                    | (~Q(status=CheckInStatus.EMERGENCY) & Q(response=""))
                ),
                name="deployments_checkin_response_for_emergencies",
            ),
            models.CheckConstraint(
                condition=Q(response__in=(CheckInResponse.OPEN, ""), acknowledged_at__isnull=True)
                | Q(
                    response__in=(CheckInResponse.ACKNOWLEDGED, CheckInResponse.RESOLVED),
                    acknowledged_at__isnull=False,
                ),
                name="deployments_checkin_acknowledged_when_answered",
            ),
            models.CheckConstraint(
                condition=Q(response=CheckInResponse.RESOLVED, resolved_at__isnull=False)
                | (~Q(response=CheckInResponse.RESOLVED) & Q(resolved_at__isnull=True)),
                name="deployments_checkin_resolved_at_when_resolved",
            ),
        ]
        indexes = [
            # The latest check-in of each placement (sweeps, digests) is read from this index.
            models.Index(fields=["placement", "created_at"], name="checkin_placement_time"),
            models.Index(
                fields=["response"],
                condition=Q(response__in=(CheckInResponse.OPEN, CheckInResponse.ACKNOWLEDGED)),
                name="deployments_checkin_unresolved",
            ),
        ]

    def __str__(self):
        return f"{self.placement_id}: {self.get_status_display()} @ {self.created_at:%Y-%m-%d}"


class Appraisal(models.Model):
    """The host partner's assessment at the end of a placement."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="appraisal")
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appraised by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    performance = models.PositiveSmallIntegerField(_("performance"), validators=RATING)
    collaboration = models.PositiveSmallIntegerField(_("collaboration"), validators=RATING)
    cultural_adaptation = models.PositiveSmallIntegerField(
        _("cultural adaptation"), validators=RATING
    )
    impact = models.PositiveSmallIntegerField(_("impact"), validators=RATING)
    strengths = models.TextField(_("strengths"))
    areas_to_improve = models.TextField(_("areas to improve"), blank=True)
    recommend_again = models.BooleanField(_("would host this volunteer again"), default=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    RATING_FIELDS = ("performance", "collaboration", "cultural_adaptation", "impact")

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    performance__gte=1,
                    performance__lte=5,
                    collaboration__gte=1,
                    collaboration__lte=5,
                    cultural_adaptation__gte=1,
                    cultural_adaptation__lte=5,
                    impact__gte=1,
                    impact__lte=5,
                ),
                name="deployments_appraisal_ratings_range",
            ),
        ]

    def __str__(self):
        return str(_("Appraisal of %(placement)s") % {"placement": self.placement})


class IndicatorMeasurement(models.Model):
    """A value of an indicator measured on a date (for indicators kept by hand)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator measurement")
        verbose_name_plural = _("indicator measurements")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="deployments_indicatormeasurement_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date})"
