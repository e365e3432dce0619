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
        ]

    def __str__(self):
        return _("%(volunteer)s in %(project)s") % {
            "volunteer": self.volunteer,
            "project": self.project,
        }
