from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..enums import PlacementStatus
from .applications import Application
from .projects import Opportunity, Project


class Placement(models.Model):
    """An accepted application: a volunteer serving in a project for a planned period."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="placement"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="placements"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    host_supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_placements",
    )
    duty_station = models.CharField(_("duty station"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.PRE_DEPARTURE,
    )
    lessons_learned = models.TextField(
        _("lessons learned"),
        blank=True,
        help_text=_("What the volunteer would tell the next volunteer and the programme."),
    )
    lessons_submitted_at = models.DateTimeField(_("lessons submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-planned_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")),
                name="deployments_placement_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=False, actual_end__gte=F("actual_start")),
                name="deployments_placement_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PlacementStatus.values),
                name="deployments_placement_status_valid",
            ),
            # Only a placement that went to the field has an actual start.
            models.CheckConstraint(
                condition=Q(status__in=[PlacementStatus.PRE_DEPARTURE, PlacementStatus.CANCELLED])
                | Q(actual_start__isnull=False),
                name="deployments_placement_in_field_has_start",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY])
                | Q(actual_end__isnull=False),
                name="deployments_placement_ended_has_end",
            ),
        ]

    def __str__(self):
        return _("%(volunteer)s in %(project)s") % {
            "volunteer": self.volunteer,
            "project": self.project,
        }


class PlacementEvent(models.Model):
    """One step of a placement's life: who moved it, when, on which day and why."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=PlacementStatus.choices)
    to_status = models.CharField(max_length=20, choices=PlacementStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("placement event")
        verbose_name_plural = _("placement events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.placement_id}: {self.from_status} → {self.to_status}"
