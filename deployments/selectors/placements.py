"""Reads for placements and their field work, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    Func,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import Exact
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from users.rules import is_administrator

from ..enums import (
    ActivityLogStatus,
    ApplicationStatus,
    CheckInResponse,
    CheckInStatus,
    IndicatorSource,
    PlacementStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
)
from ..models import (
    ActivityLog,
    ActivityPhoto,
    ApplicationEvent,
    Appraisal,
    CheckIn,
    Indicator,
    IndicatorMeasurement,
    MonthlyReport,
    Placement,
    PlacementEvent,
    PreDepartureItem,
    Project,
)
from ..rules import coordinated_programme_ids, supervised_organisation_ids
from .counting import count_per_row
from .lookups import AnyOf

HUNDREDTHS = Decimal("0.01")

__all__ = [
    "EmergencyContact",
    "TimelineEntry",
    "activity_log_get",
    "activity_log_list",
    "activity_log_review_queue",
    "activity_log_visible_list",
    "activity_photo_get",
    "check_in_get",
    "check_in_visible_list",
    "indicator_progress_list",
    "monthly_report_visible_list",
    "placement_checklist",
    "placement_emergency_contacts",
    "placement_get",
    "placement_list",
    "placement_list_for_volunteer",
    "placement_status_counts",
    "placement_timeline",
    "placement_visible_list",
    "project_indicator_progress",
    "today_for",
]


def placement_visible_list(*, viewer) -> QuerySet[Placement]:
    """The placements the viewer may see: their own, their programmes', their host partner's
    (as a supervisor), the ones they supervise by name; all of them for an administrator."""
    placements = Placement.objects.all()
    if not viewer.is_authenticated:
        return placements.none()
    if is_administrator(viewer):
        return placements
    visible = Q(volunteer=viewer) | Q(host_supervisor=viewer)
    programme_ids = coordinated_programme_ids(viewer)
    if programme_ids:
        visible |= Q(project__programme__in=programme_ids)
    organisation_ids = supervised_organisation_ids(viewer)
    if organisation_ids:
        visible |= Q(project__host_partner__in=organisation_ids)
    return placements.filter(visible)


def placement_list(*, viewer, status: str = "", country: str = "") -> QuerySet[Placement]:
    """The placement board: rows with volunteer, project, host partner and field counts."""
    placements = placement_visible_list(viewer=viewer)
    if status:
        placements = placements.filter(status=status)
    if country:
        placements = placements.filter(project__host_country=country)
    last_check_in = CheckIn.objects.filter(placement=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        # What the board, the dashboard and the API show of each row; the permission rules
        # read only the programme's and the supervisor's ids.
        placements.select_related("volunteer", "project__host_partner", "opportunity")
        .annotate(
            logs_to_review=count_per_row(
                ActivityLog.objects.filter(
                    placement=OuterRef("pk"), status=ActivityLogStatus.SUBMITTED
                )
            ),
            last_check_in_status=Subquery(last_check_in.values("status")[:1]),
            last_check_in_at=Subquery(last_check_in.values("created_at")[:1]),
        )
        .order_by("status", "project__host_country", "planned_start", "pk")
    )


def placement_status_counts(*, viewer) -> dict[str, int]:
    counts = dict(
        placement_visible_list(viewer=viewer)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    return {status: counts.get(status, 0) for status in PlacementStatus.values}


def placement_list_for_volunteer(*, volunteer) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(volunteer=volunteer)
        .select_related("project", "project__host_partner", "opportunity")
        .order_by("-planned_start", "pk")
    )


def placement_get(*, pk: int) -> Placement:
    """One placement with what its page and its permission checks read; 404 if none. (The
    certificate reads the volunteer's profile in a query of its own: a wide row, and only
    there.)"""
    return get_object_or_404(
        Placement.objects.select_related(
            "volunteer",
            "project",
            "project__programme",
            "project__host_partner",
            "opportunity",
            "host_supervisor",
        ),
        pk=pk,
    )


def check_in_get(*, pk: int) -> CheckIn:
    """One check-in with what its permission checks and page read; 404 if none."""
    return get_object_or_404(
        CheckIn.objects.select_related(
            "placement__volunteer",
            "placement__project__programme",
            "acknowledged_by",
            "resolved_by",
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class EmergencyContact:
    role: str
    name: str
    phone: str = ""
    email: str = ""


def placement_emergency_contacts(*, placement: Placement) -> list[EmergencyContact]:
    """Whom a volunteer calls or writes to when an emergency check-in cannot be sent: the
    programme's coordinators and sending organisation, then the host side. Two queries on a
    placement from `placement_get`."""
    programme = placement.project.programme
    contacts = [
        EmergencyContact(
            gettext("Coordinator"), coordinator.name or coordinator.email, "", coordinator.email
        )
        for coordinator in programme.coordinators.order_by("name", "email")
    ]
    for role, organisation in (
        (gettext("Sending organisation"), programme.sending_organisation),
        (gettext("Host partner"), placement.project.host_partner),
    ):
        if organisation.contact_phone or organisation.contact_email:
            contacts.append(
                EmergencyContact(
                    role, organisation.name, organisation.contact_phone, organisation.contact_email
                )
            )
    if placement.host_supervisor:
        supervisor = placement.host_supervisor
        contacts.append(
            EmergencyContact(
                gettext("Host supervisor"),
                supervisor.name or supervisor.email,
                "",
                supervisor.email,
            )
        )
    return contacts


def placement_checklist(*, placement: Placement) -> list[PreDepartureItem]:
    """Every checklist item in its usual order; items never touched are pending and required."""
    rows = {
        row.item: row
        for row in PreDepartureItem.objects.filter(placement=placement).select_related("document")
    }
    return [
        rows.get(kind.value)
        or PreDepartureItem(placement=placement, item=kind.value, status=PreDepartureStatus.PENDING)
        for kind in PreDepartureItemKind
    ]


def activity_log_list(*, placement: Placement) -> QuerySet[ActivityLog]:
    return (
        placement.activity_logs.select_related("sdg")
        .prefetch_related(Prefetch("photos", queryset=ActivityPhoto.objects.order_by("pk")))
        .order_by("-date", "-pk")
    )


def activity_log_get(*, pk: int) -> ActivityLog:
    return get_object_or_404(
        ActivityLog.objects.select_related(
            "placement",
            "placement__volunteer",
            "placement__project",
            "placement__project__programme",
            "sdg",
        ).prefetch_related("photos"),
        pk=pk,
    )


def activity_log_visible_list(*, viewer) -> QuerySet[ActivityLog]:
    """Logs of the placements the viewer may see, newest first, with what the log's
    permission checks and its page read."""
    return (
        ActivityLog.objects.filter(placement__in=placement_visible_list(viewer=viewer))
        .select_related(
            "placement",
            "placement__volunteer",
            "placement__project",
            "placement__project__programme",
            "sdg",
        )
        .prefetch_related(Prefetch("photos", queryset=ActivityPhoto.objects.order_by("pk")))
        .order_by("-date", "-pk")
    )


def check_in_visible_list(*, viewer) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(placement__in=placement_visible_list(viewer=viewer)).order_by(
        "-created_at", "-pk"
    )


def monthly_report_visible_list(*, viewer) -> QuerySet[MonthlyReport]:
    return MonthlyReport.objects.filter(
        placement__in=placement_visible_list(viewer=viewer)
    ).order_by("-month", "-pk")


def activity_log_review_queue(
    *, viewer, status: str = ActivityLogStatus.SUBMITTED
) -> QuerySet[ActivityLog]:
    """Logs of the coordinator's programmes waiting in `status`, oldest first.

    The programmes' placements are read first and named in the query: joined instead, the
    planner reads every waiting log of the programmes (thousands) before sorting them,
    where with the ids it walks the (date, id) index of waiting logs to the page's rows."""
    logs = ActivityLog.objects.all()
    if not is_administrator(viewer):
        placement_ids = (
            Placement.objects.filter(project__programme__in=coordinated_programme_ids(viewer))
            .order_by()
            .values_list("pk", flat=True)
        )
        logs = logs.filter(AnyOf(F("placement_id"), list(placement_ids)))
    if status:
        logs = logs.filter(status=status)
    return (
        logs.select_related(
            "placement", "placement__volunteer", "placement__project", "sdg", "verified_by"
        )
        .annotate(photo_count=count_per_row(ActivityPhoto.objects.filter(log=OuterRef("pk"))))
        .order_by("date", "pk")
    )


def activity_photo_get(*, pk: int) -> ActivityPhoto:
    return get_object_or_404(
        ActivityPhoto.objects.select_related(
            "log", "log__placement", "log__placement__project", "log__placement__volunteer"
        ),
        pk=pk,
    )


# What the timeline calls each kind of entry.
TIMELINE_KINDS = {
    "application": gettext_lazy("Application"),
    "placement": gettext_lazy("Placement"),
    "log": gettext_lazy("Activity log"),
    "report": gettext_lazy("Monthly report"),
    "check_in": gettext_lazy("Check-in"),
    "appraisal": gettext_lazy("Appraisal"),
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str  # application, placement, log (a month of them), report, check_in, appraisal
    title: str
    detail: str = ""
    status: str = ""

    # A weekly check-in makes a timeline of hundreds of entries: these are read once each,
    # cheaper than the template's `date` filters and a chain of {% if %} per entry.
    @property
    def kind_label(self) -> str:
        return TIMELINE_KINDS[self.kind]

    @property
    def local_iso(self) -> str:
        return timezone.localtime(self.at).isoformat()

    @property
    def local_short(self) -> str:
        return date_format(timezone.localtime(self.at), "SHORT_DATETIME_FORMAT")


def placement_timeline(*, placement: Placement) -> list[TimelineEntry]:
    """The placement's story, newest first: application steps, offer and acceptance,
    departure and return, activity logs by month, monthly reports, check-ins and the
    appraisal. Rows are read as tuples and labels from the enums: a long placement has
    hundreds of check-ins."""
    entries = [
        TimelineEntry(at, "application", str(ApplicationStatus(to_status).label), note)
        for at, to_status, note in ApplicationEvent.objects.filter(
            application=placement.application_id
        )
        .exclude(to_status=ApplicationStatus.DRAFT)
        .values_list("created_at", "to_status", "note")
    ]
    for at, to_status, effective_on, note in PlacementEvent.objects.filter(
        placement=placement
    ).values_list("created_at", "to_status", "effective_on", "note"):
        detail = note
        if effective_on:
            detail = f"{date_format(effective_on, 'DATE_FORMAT')} {detail}".strip()
        entries.append(
            TimelineEntry(at, "placement", str(PlacementStatus(to_status).label), detail)
        )
    # One entry per month of logs: the logs themselves are listed, page by page, above the
    # timeline, and a year of daily logs would otherwise fill it.
    for month in (
        placement.activity_logs.order_by()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("pk"), hours=Sum("hours"), last_at=Max("created_at"))
    ):
        entries.append(
            TimelineEntry(
                month["last_at"],
                "log",
                # Made of phrases the catalogues already translate.
                " · ".join(
                    (
                        date_format(month["month"], "YEAR_MONTH_FORMAT"),
                        f"{month['count']} {ActivityLog._meta.verbose_name_plural}",
                        gettext("%(hours)s h") % {"hours": month["hours"].quantize(HUNDREDTHS)},
                    )
                ),
            )
        )
    entries.extend(
        TimelineEntry(submitted_at, "report", f"{month:%Y-%m}", achievements)
        for submitted_at, month, achievements in MonthlyReport.objects.filter(placement=placement)
        .order_by()
        .values_list("submitted_at", "month", "achievements")
    )
    # Translated once each, not once per check-in.
    statuses = {value: str(label) for value, label in CheckInStatus.choices}
    responses = {value: str(label) for value, label in CheckInResponse.choices} | {"": ""}
    entries.extend(
        TimelineEntry(
            at,
            "check_in",
            statuses[status],
            note,
            responses[response],  # an emergency's: open, acknowledged, resolved
        )
        for at, status, note, response in CheckIn.objects.filter(placement=placement)
        .order_by()
        .values_list("created_at", "status", "note", "response")
    )
    entries.extend(
        TimelineEntry(submitted_at, "appraisal", "", strengths)
        for submitted_at, strengths in Appraisal.objects.filter(placement=placement).values_list(
            "submitted_at", "strengths"
        )
    )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


_DECIMAL = DecimalField(max_digits=14, decimal_places=2)

# What each source of an indicator adds up over approved logs.
_LOG_AMOUNTS = {
    IndicatorSource.BENEFICIARIES: F("women") + F("men") + F("girls") + F("boys"),
    IndicatorSource.WOMEN: F("women"),
    IndicatorSource.MEN: F("men"),
    IndicatorSource.GIRLS: F("girls"),
    IndicatorSource.BOYS: F("boys"),
    IndicatorSource.HOURS: F("hours"),
}


def _log_total() -> Subquery:
    """The sum, over the approved logs of the outer indicator's project, of what its source
    counts. One subquery that picks the column by the indicator's source, rather than one per
    source: building and compiling six of them cost ~8 ms of Python per query."""
    amount = Case(
        *(
            When(Exact(OuterRef("source"), source), then=expression)
            for source, expression in _LOG_AMOUNTS.items()
        ),
        output_field=_DECIMAL,
    )
    return Subquery(
        ActivityLog.objects.filter(
            placement__project=OuterRef("project"), status=ActivityLogStatus.APPROVED
        )
        .order_by()
        # A plain SUM over the filtered rows, as one value for the outer indicator.
        .values(total=Func(amount, function="SUM")),
        output_field=_DECIMAL,
    )


def indicator_progress_list(*, projects) -> QuerySet[Indicator]:
    """Indicators of the projects with `actual` computed in the database, in one query:
    sums over the approved activity logs of the project's placements, or, for indicators
    kept by hand, the latest recorded measurement."""
    latest = IndicatorMeasurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    if isinstance(projects, Project):
        projects = [projects]
    return (
        Indicator.objects.filter(project__in=projects)
        .annotate(
            actual=Coalesce(
                Case(
                    When(source__in=list(_LOG_AMOUNTS), then=_log_total()),
                    default=Subquery(latest.values("value")[:1], output_field=_DECIMAL),
                    output_field=_DECIMAL,
                ),
                Value(0, output_field=_DECIMAL),
            ),
            measured_on=Subquery(latest.values("date")[:1]),
        )
        .select_related("project")
        .order_by("project", "name")
    )


# As the dashboards' figures: the totals of a project's indicators sum every approved log of
# its placements (tens of thousands for a large project), the same for all who see it.
INDICATOR_PROGRESS_CACHE_SECONDS = 120


def project_indicator_progress(*, project: Project) -> list[Indicator]:
    """`indicator_progress_list` of one project, from the cache: at most
    INDICATOR_PROGRESS_CACHE_SECONDS old."""
    return cache.get_or_set(
        f"indicator-progress:{project.pk}",
        lambda: list(indicator_progress_list(projects=project)),
        INDICATOR_PROGRESS_CACHE_SECONDS,
    )


def today_for(user) -> datetime.date:
    zone = getattr(user, "time_zone", None) or timezone.get_current_timezone()
    return timezone.now().astimezone(zone).date()
