import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from deployments.enums import (
    ENDED_PLACEMENT_STATUSES,
    FIELD_PLACEMENT_STATUSES,
    ActivityLogStatus,
    ActivityType,
    ApplicationStatus,
    CheckInStatus,
    PlacementStatus,
    PreDepartureStatus,
)
from deployments.models import (
    ActivityLog,
    Appraisal,
    CheckIn,
    IndicatorMeasurement,
    MonthlyReport,
    Placement,
    PreDepartureItem,
)
from knowledge.enums import ResourceKind, ResourceStatus, Visibility
from knowledge.models import Resource

from .applications import ApplicationFactory
from .deployments import IndicatorFactory, ProgrammeFactory


def _today():
    return timezone.localdate()


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement from an accepted application, 30 days into its planned year.

    Pass `status` for another state: in the field it has an actual start (the planned one),
    ended ones an actual end (yesterday).
    """

    class Meta:
        model = Placement

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.ACCEPTED)
    volunteer = factory.SelfAttribute("application.volunteer")
    opportunity = factory.SelfAttribute("application.opportunity")
    project = factory.SelfAttribute("opportunity.project")
    planned_start = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=30))
    planned_end = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=335))
    status = PlacementStatus.PRE_DEPARTURE
    actual_start = factory.Maybe(
        factory.LazyAttribute(lambda placement: placement.status in FIELD_PLACEMENT_STATUSES),
        yes_declaration=factory.SelfAttribute("planned_start"),
        no_declaration=None,
    )
    actual_end = factory.Maybe(
        factory.LazyAttribute(lambda placement: placement.status in ENDED_PLACEMENT_STATUSES),
        yes_declaration=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=1)),
        no_declaration=None,
    )
    duty_station = "Kathmandu"


class PreDepartureItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreDepartureItem

    placement = factory.SubFactory(PlacementFactory)
    item = "visa"
    status = PreDepartureStatus.DONE


class ActivityLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityLog

    placement = factory.SubFactory(PlacementFactory, status=PlacementStatus.IN_COUNTRY)
    date = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=2))
    hours = Decimal("3.5")
    activity_type = ActivityType.TEACHING
    description = "Taught English to grade 7."
    women = 0
    men = 0
    girls = 12
    boys = 14
    place = "Shree Secondary School"
    status = ActivityLogStatus.SUBMITTED
    reviewed_at = factory.Maybe(
        factory.LazyAttribute(lambda log: log.status != ActivityLogStatus.SUBMITTED),
        yes_declaration=factory.LazyFunction(timezone.now),
        no_declaration=None,
    )
    review_comment = factory.Maybe(
        factory.LazyAttribute(lambda log: log.status == ActivityLogStatus.RETURNED),
        yes_declaration="Please add the number of pupils.",
        no_declaration="",
    )


class MonthlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyReport

    placement = factory.SubFactory(PlacementFactory, status=PlacementStatus.IN_COUNTRY)
    month = factory.LazyFunction(lambda: _today().replace(day=1))
    achievements = "Started a reading club."


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    placement = factory.SubFactory(PlacementFactory, status=PlacementStatus.IN_COUNTRY)
    status = CheckInStatus.OK


class AppraisalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appraisal

    placement = factory.SubFactory(PlacementFactory, status=PlacementStatus.COMPLETED)
    performance = 5
    collaboration = 4
    cultural_adaptation = 4
    impact = 5
    strengths = "Patient and well prepared."


class IndicatorMeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorMeasurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.LazyFunction(_today)
    value = Decimal("10")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    kind = ResourceKind.GOOD_PRACTICE
    body = "Start every class with a song."
    programme = factory.SubFactory(ProgrammeFactory)
    visibility = Visibility.PUBLIC
    status = ResourceStatus.PUBLISHED
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda resource: resource.status == ResourceStatus.PUBLISHED),
        yes_declaration=factory.LazyFunction(timezone.now),
        no_declaration=None,
    )
