"""Report requests, and the placements and activity logs that reports count.

The placement and activity log factories carry a `Report` prefix so that they never clash
with the deployments' own factories for the same models.
"""

import datetime

import factory
from django.utils import timezone

from deployments.enums import ActivityLogStatus, ActivityType, ApplicationStatus, PlacementStatus
from deployments.models import ActivityLog, Placement
from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.models import ReportRequest

from .applications import ApplicationFactory
from .users import UserFactory


class ReportPlacementFactory(factory.django.DjangoModelFactory):
    """A placement in country, made from an accepted application."""

    class Meta:
        model = Placement

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.ACCEPTED)
    volunteer = factory.SelfAttribute("application.volunteer")
    opportunity = factory.SelfAttribute("application.opportunity")
    project = factory.SelfAttribute("application.opportunity.project")
    planned_start = datetime.date(2026, 1, 1)
    planned_end = datetime.date(2026, 12, 31)
    actual_start = datetime.date(2026, 1, 5)
    status = PlacementStatus.IN_COUNTRY
    duty_station = "Ward 4 school"


class ReportActivityLogFactory(factory.django.DjangoModelFactory):
    """An approved activity log."""

    class Meta:
        model = ActivityLog

    placement = factory.SubFactory(ReportPlacementFactory)
    date = datetime.date(2026, 3, 10)
    hours = 4
    activity_type = ActivityType.TEACHING
    description = "Taught grade 6 mathematics with the class teacher."
    women = 3
    men = 2
    girls = 10
    boys = 12
    status = ActivityLogStatus.APPROVED
    reviewed_at = factory.LazyFunction(timezone.now)


class ReportRequestFactory(factory.django.DjangoModelFactory):
    """A queued request made directly (no task is enqueued); use the service to build one."""

    class Meta:
        model = ReportRequest

    requested_by = factory.SubFactory(UserFactory)
    kind = ReportKind.ACTIVITY
    format = ReportFormat.CSV
    filters = factory.LazyFunction(lambda: {"scope": None})
    status = ReportStatus.QUEUED
