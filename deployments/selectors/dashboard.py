"""Reads for the dashboards: what needs a coordinator's action now, and the programme's
figures, each computed by the database in one query.

The figures are cached for a short while per programme, country and period (a dashboard
opened by every coordinator of a large programme each morning need not sum every log each
time), and so are the action panel's digest lines (overdue reports, missed check-ins, reviews
awaited), which read every in-country placement. The number of logs to review is cached per
programme too, and forgotten whenever one of its logs is submitted or reviewed; emergencies
never are, so an emergency shows on the next page load.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, TruncMonth

from users.rules import is_administrator
from volunteers.enums import KINDS_WITH_EXPIRY
from volunteers.models import Document

from ..enums import ActivityLogStatus, CheckInResponse, CheckInStatus, PlacementStatus
from ..models import ActivityLog, CheckIn, MonthlyReport, Placement, Project
from ..rules import coordinated_programme_ids, supervised_organisation_ids
from .placements import activity_log_review_queue, indicator_progress_list, placement_visible_list

__all__ = [
    "FIGURES_CACHE_SECONDS",
    "DashboardScope",
    "activity_log_review_count",
    "activity_log_review_count_forget",
    "activity_log_verify_queue",
    "check_in_open_emergency_list",
    "dashboard_figures",
    "document_expiring_before_placement_end_list",
    "map_point_list",
    "placement_field_status_list",
]

FIGURES_CACHE_SECONDS = 120
INDICATORS_SHOWN = 12
MAP_POINTS_SHOWN = 500
CURRENT_PLACEMENT_STATUSES = (PlacementStatus.PRE_DEPARTURE, PlacementStatus.IN_COUNTRY)


@dataclass(frozen=True)
class DashboardScope:
    """What the figures cover: some programmes, maybe one host country, a period."""

    programme_ids: tuple[int, ...]
    country: str
    start: datetime.date
    end: datetime.date

    def cache_key(self, figure: str) -> str:
        programmes = ",".join(str(pk) for pk in self.programme_ids)
        return f"dashboard:{figure}:{programmes}:{self.country}:{self.start}:{self.end}"

    def projects(self) -> QuerySet[Project]:
        projects = Project.objects.filter(programme__in=self.programme_ids)
        if self.country:
            projects = projects.filter(host_country=self.country)
        return projects

    def placements(self) -> QuerySet[Placement]:
        return Placement.objects.filter(project__in=self.projects())

    def approved_logs(self) -> QuerySet[ActivityLog]:
        return ActivityLog.objects.filter(
            placement__in=self.placements(),
            status=ActivityLogStatus.APPROVED,
            date__gte=self.start,
            date__lte=self.end,
        )


# The action panel -----------------------------------------------------------------------------


def check_in_open_emergency_list(*, viewer) -> QuerySet[CheckIn]:
    """Emergencies of the placements the viewer sees that are not resolved yet, oldest
    first: the one waiting longest is the one to take.

    The unresolved ones are a few among all check-ins: their placements are read first
    (through the partial index), so that visibility is checked on those few placements,
    not on every placement of a large programme."""
    unresolved = CheckIn.objects.filter(
        response__in=(CheckInResponse.OPEN, CheckInResponse.ACKNOWLEDGED)
    )
    placement_ids = set(unresolved.values_list("placement", flat=True))
    return (
        unresolved.filter(
            placement__in=placement_visible_list(viewer=viewer).filter(pk__in=placement_ids)
        )
        .select_related("placement__volunteer", "placement__project__programme", "acknowledged_by")
        .order_by("created_at", "pk")
    )


def _review_count_key(programme_id: int) -> str:
    return f"dashboard:logs-to-review:{programme_id}"


def activity_log_review_count(*, viewer) -> int:
    """How many logs wait for the viewer's review (the length of `activity_log_review_queue`):
    the sum of their programmes' counts, each read from the cache, or all the missing ones in
    one query. Counting means reading every waiting log of a programme, thousands in a large
    one, on each dashboard and each page of the queue. An administrator's, over every
    programme, is counted each time."""
    if is_administrator(viewer):
        return activity_log_review_queue(viewer=viewer).count()
    keys = {pk: _review_count_key(pk) for pk in coordinated_programme_ids(viewer)}
    counts = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in counts]
    if missing:
        counted = dict(
            ActivityLog.objects.filter(
                status=ActivityLogStatus.SUBMITTED, placement__project__programme__in=missing
            )
            .order_by()
            .values_list("placement__project__programme")
            .annotate(count=Count("pk"))
        )
        fresh = {keys[pk]: counted.get(pk, 0) for pk in missing}
        cache.set_many(fresh, FIGURES_CACHE_SECONDS)
        counts.update(fresh)
    return sum(counts.values())


def activity_log_review_count_forget(*, programme_id: int) -> None:
    """The services that submit, resubmit or review a log of the programme call this, so the
    count changes on the next page load; once committed, or a page read in between would
    count the log as it was and keep that."""
    transaction.on_commit(lambda: cache.delete(_review_count_key(programme_id)))


def document_expiring_before_placement_end_list(*, programme_ids) -> QuerySet[Document]:
    """Passports, visas and insurance of volunteers in a current placement of the programmes
    that expire before the placement's planned end; each row carries that placement."""
    # One filter() call, so the expiry is compared with the same placement that is current.
    return (
        Document.objects.filter(
            kind__in=KINDS_WITH_EXPIRY,
            owner__placements__project__programme__in=programme_ids,
            owner__placements__status__in=CURRENT_PLACEMENT_STATUSES,
            expires_on__lt=F("owner__placements__planned_end"),
        )
        .annotate(
            placement_id=F("owner__placements__pk"),
            placement_end=F("owner__placements__planned_end"),
        )
        .select_related("owner")
        .order_by("expires_on", "pk")
    )


def activity_log_verify_queue(*, supervisor) -> QuerySet[ActivityLog]:
    """Logs of the placements the person supervises (by name, or as a supervisor of the host
    partner) that no supervisor has verified yet, oldest first; returned ones wait for the
    volunteer, not for them."""
    supervised = Q(placement__host_supervisor=supervisor) | Q(
        placement__project__host_partner__in=supervised_organisation_ids(supervisor)
    )
    return (
        ActivityLog.objects.filter(supervised, verified_at=None)
        .exclude(status=ActivityLogStatus.RETURNED)
        .exclude(placement__volunteer=supervisor)
        .select_related("placement__volunteer", "placement__project")
        .order_by("date", "pk")
    )


def placement_field_status_list(*, volunteer, month: datetime.date) -> QuerySet[Placement]:
    """The volunteer's placements in country with when they last logged and checked in,
    and whether the report on `month` (a first of the month) was sent."""
    # The latest of each through its (placement, date) index: a Max() over joins would
    # group every log and check-in of the placement, hundreds of each times one another.
    return (
        Placement.objects.filter(volunteer=volunteer, status=PlacementStatus.IN_COUNTRY)
        .select_related("project")
        .annotate(
            last_log=Subquery(
                ActivityLog.objects.filter(placement=OuterRef("pk"))
                .order_by("-date")
                .values("date")[:1]
            ),
            last_check_in=Subquery(
                CheckIn.objects.filter(placement=OuterRef("pk"))
                .order_by("-created_at")
                .values("created_at")[:1]
            ),
            reported=Exists(MonthlyReport.objects.filter(placement=OuterRef("pk"), month=month)),
        )
        .order_by("planned_start", "pk")
    )


# Figures ------------------------------------------------------------------------------------


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _volunteers_in_country(scope: DashboardScope) -> list[tuple[str, int]]:
    """Volunteers in country now, per host country (the period does not apply: it is now)."""
    return [
        (row["project__host_country"], row["count"])
        for row in scope.placements()
        .filter(status=PlacementStatus.IN_COUNTRY)
        .order_by()
        .values("project__host_country")
        .annotate(count=Count("volunteer", distinct=True))
        .order_by("-count", "project__host_country")
    ]


def _placements_over_time(scope: DashboardScope) -> list[tuple[str, int]]:
    """Placements starting each month of the period (actual start, else planned)."""
    counts = {
        row["month"]: row["count"]
        for row in scope.placements()
        .exclude(status=PlacementStatus.CANCELLED)
        .annotate(month=TruncMonth(Coalesce("actual_start", "planned_start")))
        .filter(month__gte=scope.start.replace(day=1), month__lte=scope.end)
        .order_by()
        .values("month")
        .annotate(count=Count("pk"))
    }
    normalised = {
        (month.date() if isinstance(month, datetime.datetime) else month): count
        for month, count in counts.items()
    }
    return [
        (month.strftime("%Y-%m"), normalised.get(month, 0))
        for month in _months(scope.start, scope.end)
    ]


def _hours_by_sdg(scope: DashboardScope) -> list[tuple[int, float]]:
    return [
        (row["sdg"], float(row["hours"]))
        for row in scope.approved_logs()
        .exclude(sdg=None)
        .order_by()
        .values("sdg")
        .annotate(hours=Sum("hours"))
        .order_by("sdg")
    ]


def _people_reached(scope: DashboardScope) -> dict[str, int]:
    totals = scope.approved_logs().aggregate(
        women=Sum("women"), men=Sum("men"), girls=Sum("girls"), boys=Sum("boys")
    )
    return {group: total or 0 for group, total in totals.items()}


def _indicator_progress(scope: DashboardScope) -> tuple[list[dict], int]:
    """The first indicators (by project) with actual against target, and how many there
    are in all: a programme with hundreds of projects shows a page, not all of them."""
    indicators = list(
        indicator_progress_list(projects=scope.projects())
        .annotate(indicator_count=Window(Count("pk")))
        .select_related("project")
        .order_by("project__title", "name", "pk")[:INDICATORS_SHOWN]
    )
    rows = [
        {
            "project_id": indicator.project_id,
            "project": indicator.project.title,
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": float(indicator.baseline),
            "target": float(indicator.target),
            "actual": float(indicator.actual),
        }
        for indicator in indicators
    ]
    return rows, (indicators[0].indicator_count if indicators else 0)


FIGURES = {
    "volunteers_in_country": _volunteers_in_country,
    "placements_over_time": _placements_over_time,
    "hours_by_sdg": _hours_by_sdg,
    "people_reached": _people_reached,
    "indicator_progress": _indicator_progress,
}


def dashboard_figures(*, scope: DashboardScope) -> dict:
    """Every figure of the scope: from the cache, or one query each. Values are plain
    data (codes and numbers); names are translated when shown."""
    return {
        name: cache.get_or_set(
            scope.cache_key(name), lambda fn=fn: fn(scope), FIGURES_CACHE_SECONDS
        )
        for name, fn in FIGURES.items()
    }


# The map ------------------------------------------------------------------------------------


def map_point_list(*, scope: DashboardScope) -> dict[str, list[dict]]:
    """What the map draws, from two queries: the projects with a position, and per project
    the volunteers in country at its position, counted by their latest check-in."""
    projects = [
        {
            "id": project["pk"],
            "title": project["title"],
            "country": project["host_country"],
            "place": project["city"] or project["region"],
            "latitude": float(project["latitude"]),
            "longitude": float(project["longitude"]),
        }
        for project in scope.projects()
        .exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("title", "pk")
        .values("pk", "title", "host_country", "city", "region", "latitude", "longitude")[
            :MAP_POINTS_SHOWN
        ]
    ]
    # The volunteers in country, summarised per project (they are drawn at its place): how
    # many, and how many by their last check-in, counted by the database. A large programme
    # has thousands in country; the placement board lists each of them.
    latest = CheckIn.objects.filter(placement=OuterRef("pk")).order_by("-created_at", "-pk")
    in_country = (
        scope.placements()
        .filter(status=PlacementStatus.IN_COUNTRY)
        .exclude(project__latitude=None)
        .exclude(project__longitude=None)
        .annotate(last_check_in_status=Subquery(latest.values("status")[:1]))
        .values(
            "project",
            "project__title",
            "project__city",
            "project__region",
            "project__latitude",
            "project__longitude",
        )
        .annotate(
            volunteers=Count("pk"),
            **{
                status.value: Count("pk", filter=Q(last_check_in_status=status.value))
                for status in CheckInStatus
            },
        )
        .order_by("project__title", "project")[:MAP_POINTS_SHOWN]
    )
    volunteers = [
        {
            "project_id": row["project"],
            "project": row["project__title"],
            "place": row["project__city"] or row["project__region"],
            "latitude": float(row["project__latitude"]),
            "longitude": float(row["project__longitude"]),
            "count": row["volunteers"],
            "by_check_in": {status.value: row[status.value] for status in CheckInStatus},
            "not_checked_in": row["volunteers"]
            - sum(row[status.value] for status in CheckInStatus),
            # The marker shows the most pressing last check-in among them.
            "check_in_status": next(
                (
                    status.value
                    for status in (CheckInStatus.EMERGENCY, CheckInStatus.NEEDS_SUPPORT)
                    if row[status.value]
                ),
                "",
            ),
        }
        for row in in_country
    ]
    return {"projects": projects, "volunteers": volunteers}
