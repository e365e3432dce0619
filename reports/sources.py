"""What each report contains: rows aggregated by the database, read in chunks.

A source turns a request's filters into one `values()` query (grouped and summed by the
database where the report is a summary) and describes its columns: a header, an HXL hashtag
and how to print a value. Nothing here holds more than one chunk of rows in memory, and no
column carries personal data of volunteers: no names, contacts, birth dates or nationalities.
"""

import dataclasses
import datetime
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.dateparse import parse_date
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from deployments.enums import (
    ActivityLogStatus,
    ActivityType,
    ApplicationStatus,
    PlacementStatus,
    ProjectStatus,
)
from deployments.models import (
    ActivityLog,
    Application,
    Placement,
    Programme,
    Project,
    ProjectPartner,
    SustainableDevelopmentGoal,
)
from deployments.sdgs import sdg_name
from partners.models import Organisation

from .enums import ReportKind

CHUNK_SIZE = 2000
CHART_BARS = 12


@dataclasses.dataclass(frozen=True)
class ReportFilters:
    """A request's filters, and the scope its requester may see (None: everything)."""

    programme: int | None = None
    country: str = ""
    project: int | None = None
    organisation: int | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    scope: dict | None = None
    year: int | None = None  # the annual report's, whose period is then that year

    @classmethod
    def from_json(cls, data: dict) -> "ReportFilters":
        return cls(
            programme=data.get("programme"),
            country=data.get("country") or "",
            project=data.get("project"),
            organisation=data.get("organisation"),
            period_from=parse_date(data["period_from"]) if data.get("period_from") else None,
            period_to=parse_date(data["period_to"]) if data.get("period_to") else None,
            scope=data.get("scope"),
            year=data.get("year"),
        )

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        for key in ("period_from", "period_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def projects_in_scope(scope: dict | None) -> QuerySet[Project]:
    """The projects a scope covers: its programmes' and its organisations' (hosted or joined)."""
    if scope is None:
        return Project.objects.all()
    organisations = scope.get("organisations") or []
    return Project.objects.filter(
        Q(programme__in=scope.get("programmes") or [])
        | Q(host_partner__in=organisations)
        | Q(pk__in=ProjectPartner.objects.filter(organisation__in=organisations).values("project"))
    )


def project_condition(filters: ReportFilters, prefix: str = "") -> Q:
    """The filters on projects, for a query reaching Project through `prefix` ("" for Project)."""
    condition = Q()
    if filters.scope is not None:
        condition &= Q(**{f"{prefix}pk__in": projects_in_scope(filters.scope).values("pk")})
    if filters.programme:
        condition &= Q(**{f"{prefix}programme_id": filters.programme})
    if filters.project:
        condition &= Q(**{f"{prefix}pk": filters.project})
    if filters.country:
        condition &= Q(**{f"{prefix}host_country": filters.country})
    if filters.organisation:
        condition &= Q(**{f"{prefix}host_partner_id": filters.organisation}) | Q(
            **{
                f"{prefix}pk__in": ProjectPartner.objects.filter(
                    organisation=filters.organisation
                ).values("project")
            }
        )
    return condition


def overlaps_period(filters: ReportFilters, start: str, end: str) -> Q:
    """Something running from `start` to `end` overlaps the period chosen."""
    condition = Q()
    if filters.period_to:
        condition &= Q(**{f"{start}__lte": filters.period_to})
    if filters.period_from:
        condition &= Q(**{f"{end}__gte": filters.period_from})
    return condition


def within_period(filters: ReportFilters, field: str) -> Q:
    """A date (or the date of a time) lies inside the period chosen."""
    condition = Q()
    if filters.period_from:
        condition &= Q(**{f"{field}__gte": filters.period_from})
    if filters.period_to:
        condition &= Q(**{f"{field}__lte": filters.period_to})
    return condition


# Column kinds: how a value is printed and whether the PDF adds it up.
TEXT, NUMBER, DATE, MONTH, COUNTRY = "text", "number", "date", "month", "country"


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    hxl: str
    kind: str = TEXT
    choices: dict | None = None

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    def value(self, row: dict):
        """The cell's typed value: a number, a date, or a string (translated labels)."""
        value = row.get(self.key)
        if value is None:
            return 0 if self.is_number else ""
        if self.choices is not None:
            return str(self.choices.get(value, value))
        if self.kind == COUNTRY:
            return str(value)
        if self.kind == MONTH and isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    def text(self, row: dict) -> str:
        """The cell for data files: ISO 8601 dates, plain numbers."""
        value = self.value(row)
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m") if self.kind == MONTH else value.isoformat()
        return str(value)

    def shown(self, row: dict) -> str:
        """The cell for people (a PDF): dates and numbers as the language writes them."""
        value = self.value(row)
        if isinstance(value, datetime.date):
            return date_format(value, "YEAR_MONTH_FORMAT" if self.kind == MONTH else "DATE_FORMAT")
        if self.is_number:
            return number_format(value, force_grouping=True)
        return str(value)


def _labels(choices) -> dict:
    return dict(choices.choices)


PROJECT_COLUMNS = (
    Column("project_id", _("Project code"), "#activity+code"),
    Column("project_title", _("Project"), "#activity+name"),
    Column("host_partner_name", _("Host partner"), "#org+impl+name"),
    Column("country", _("Country"), "#country+code+v_iso2", COUNTRY),
)
REACHED_COLUMNS = (
    Column("women", _("Women reached"), "#reached+f+adults", NUMBER),
    Column("men", _("Men reached"), "#reached+m+adults", NUMBER),
    Column("girls", _("Girls reached"), "#reached+f+children", NUMBER),
    Column("boys", _("Boys reached"), "#reached+m+children", NUMBER),
    Column("reached", _("People reached"), "#reached", NUMBER),
)


def _reached_total(row: dict) -> dict:
    row["reached"] = sum(row.get(key) or 0 for key in ("women", "men", "girls", "boys"))
    return row


class Source:
    """One kind of report. Subclasses give the query, the columns and a chart."""

    kind: ReportKind
    title = ""
    note = ""
    columns: tuple[Column, ...] = ()
    chart_title = ""

    def queryset(self, filters: ReportFilters) -> QuerySet:
        raise NotImplementedError

    def complete(self, rows: list[dict]) -> None:
        """Adds what the query could not compute to one chunk of rows, in place."""
        for row in rows:
            if "women" in row:
                _reached_total(row)

    def chart(self, filters: ReportFilters) -> list[tuple[str, int]]:
        """A few (label, value) bars, aggregated by the database."""
        return []

    def rows(self, filters: ReportFilters, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
        """Every row, read from the database chunk by chunk, completed per chunk."""
        chunk = []
        for row in self.queryset(filters).iterator(chunk_size=chunk_size):
            chunk.append(row)
            if len(chunk) >= chunk_size:
                self.complete(chunk)
                yield from chunk
                chunk = []
        if chunk:
            self.complete(chunk)
            yield from chunk


HOURS = DecimalField(max_digits=12, decimal_places=1)


def _activity_sum(field: str, filters: ReportFilters, **link) -> Coalesce:
    """The sum of an approved-activity field for the row's project or placement, in period."""
    logs = (
        ActivityLog.objects.filter(
            within_period(filters, "date"), status=ActivityLogStatus.APPROVED, **link
        )
        .order_by()
        .values(*link.keys())
        .annotate(total=Sum(field))
        .values("total")
    )
    output = HOURS if field == "hours" else IntegerField()
    return Coalesce(Subquery(logs), Value(0), output_field=output)


def _count(queryset: QuerySet, group: str, counted: str = "pk", distinct: bool = False):
    counted_rows = (
        queryset.order_by().values(group).annotate(n=Count(counted, distinct=distinct)).values("n")
    )
    return Coalesce(Subquery(counted_rows), Value(0), output_field=IntegerField())


class ProgrammeSummarySource(Source):
    kind = ReportKind.PROGRAMME_SUMMARY
    title = _("Programme summary")
    note = _(
        "One row per project. Volunteers and placements overlap the period; people reached "
        "and hours come from approved activity logs in the period."
    )
    chart_title = _("Volunteers per project")
    columns = (
        *PROJECT_COLUMNS[:2],
        Column("programme_name", _("Programme"), "#x_programme+name"),
        Column("sending_organisation", _("Sending organisation"), "#org+prog+name"),
        *PROJECT_COLUMNS[2:],
        Column("region", _("Region"), "#adm1+name"),
        Column("status", _("Status"), "#status", choices=_labels(ProjectStatus)),
        Column("starts_on", _("Start"), "#date+start", DATE),
        Column("ends_on", _("End"), "#date+end", DATE),
        Column("sdgs", _("SDGs"), "#x_sdg"),
        Column("applications", _("Applications"), "#x_applications", NUMBER),
        Column("volunteers", _("Volunteers"), "#x_volunteers", NUMBER),
        Column("in_country", _("Volunteers in country"), "#x_volunteers+active", NUMBER),
        Column("hours", _("Hours"), "#x_hours", NUMBER),
        *REACHED_COLUMNS,
    )

    def _placements(self, filters: ReportFilters) -> QuerySet[Placement]:
        return Placement.objects.filter(
            overlaps_period(filters, "planned_start", "planned_end"), project=OuterRef("pk")
        ).exclude(status=PlacementStatus.CANCELLED)

    def _volunteers(self, filters: ReportFilters):
        return _count(self._placements(filters), "project", "volunteer", distinct=True)

    def queryset(self, filters):
        placements = self._placements(filters)
        applications = Application.objects.filter(
            within_period(filters, "submitted_at__date"),
            opportunity__project=OuterRef("pk"),
            submitted_at__isnull=False,
        )
        in_period = {"placement__project": OuterRef("pk")}
        return (
            Project.objects.filter(
                project_condition(filters), overlaps_period(filters, "starts_on", "ends_on")
            )
            .annotate(
                applications=_count(applications, "opportunity__project"),
                volunteers=self._volunteers(filters),
                in_country=_count(
                    placements.filter(status=PlacementStatus.IN_COUNTRY),
                    "project",
                    "volunteer",
                    distinct=True,
                ),
                hours=_activity_sum("hours", filters, **in_period),
                women=_activity_sum("women", filters, **in_period),
                men=_activity_sum("men", filters, **in_period),
                girls=_activity_sum("girls", filters, **in_period),
                boys=_activity_sum("boys", filters, **in_period),
            )
            .order_by("programme__name", "title", "pk")
            .values(
                "applications",
                "volunteers",
                "in_country",
                "hours",
                "women",
                "men",
                "girls",
                "boys",
                "region",
                "status",
                "starts_on",
                "ends_on",
                project_id=F("pk"),
                project_title=F("title"),
                programme_name=F("programme__name"),
                sending_organisation=F("programme__sending_organisation__name"),
                host_partner_name=F("host_partner__name"),
                country=F("host_country"),
            )
        )

    def complete(self, rows):
        super().complete(rows)
        through = Project.sdgs.through
        numbers: dict[int, list[int]] = {}
        links = (
            through.objects.filter(project_id__in=[row["project_id"] for row in rows])
            .order_by("sustainabledevelopmentgoal_id")
            .values_list("project_id", "sustainabledevelopmentgoal_id")
        )
        for project_id, number in links:
            numbers.setdefault(project_id, []).append(number)
        for row in rows:
            row["sdgs"] = " ".join(str(number) for number in numbers.get(row["project_id"], []))

    def chart(self, filters):
        projects = (
            Project.objects.filter(
                project_condition(filters), overlaps_period(filters, "starts_on", "ends_on")
            )
            .annotate(volunteers=self._volunteers(filters))
            .filter(volunteers__gt=0)
            .order_by("-volunteers", "title")
            .values_list("title", "volunteers")[:CHART_BARS]
        )
        return list(projects)


class PlacementsSource(Source):
    kind = ReportKind.PLACEMENTS
    title = _("Placements")
    note = _(
        "One row per placement overlapping the period, without the volunteer's name or contact; "
        "hours and people reached come from approved activity logs in the period."
    )
    chart_title = _("Placements by status")
    columns = (
        *PROJECT_COLUMNS,
        Column("role", _("Role"), "#x_role+name"),
        Column("duty_station", _("Duty station"), "#loc+name"),
        Column("status", _("Status"), "#status", choices=_labels(PlacementStatus)),
        Column("planned_start", _("Planned start"), "#date+start+planned", DATE),
        Column("planned_end", _("Planned end"), "#date+end+planned", DATE),
        Column("actual_start", _("Actual start"), "#date+start+actual", DATE),
        Column("actual_end", _("Actual end"), "#date+end+actual", DATE),
        Column("logs", _("Approved logs"), "#x_logs", NUMBER),
        Column("hours", _("Hours"), "#x_hours", NUMBER),
        *REACHED_COLUMNS,
    )

    def _placements(self, filters):
        return Placement.objects.filter(
            project_condition(filters, "project__"),
            overlaps_period(filters, "planned_start", "planned_end"),
        )

    def queryset(self, filters):
        logs = Q(activity_logs__status=ActivityLogStatus.APPROVED) & within_period(
            filters, "activity_logs__date"
        )
        return (
            self._placements(filters)
            .order_by("project__title", "project_id", "planned_start", "pk")
            .values(
                "pk",
                "project_id",
                "duty_station",
                "status",
                "planned_start",
                "planned_end",
                "actual_start",
                "actual_end",
                project_title=F("project__title"),
                host_partner_name=F("project__host_partner__name"),
                country=F("project__host_country"),
                role=F("opportunity__title"),
            )
            .annotate(
                logs=Count("activity_logs", filter=logs),
                hours=Coalesce(
                    Sum("activity_logs__hours", filter=logs), Value(0), output_field=HOURS
                ),
                women=Coalesce(Sum("activity_logs__women", filter=logs), Value(0)),
                men=Coalesce(Sum("activity_logs__men", filter=logs), Value(0)),
                girls=Coalesce(Sum("activity_logs__girls", filter=logs), Value(0)),
                boys=Coalesce(Sum("activity_logs__boys", filter=logs), Value(0)),
            )
        )

    def chart(self, filters):
        labels = _labels(PlacementStatus)
        counts = (
            self._placements(filters)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .order_by("-n", "status")
        )
        return [(str(labels.get(row["status"], row["status"])), row["n"]) for row in counts]


class ActivitySource(Source):
    kind = ReportKind.ACTIVITY
    title = _("Activity")
    note = _(
        "Approved activity logs, added up per project, month, activity type and SDG; "
        "volunteers counts the different volunteers who logged."
    )
    chart_title = _("People reached per month")
    columns = (
        *PROJECT_COLUMNS,
        Column("month", _("Month"), "#date+month", MONTH),
        Column(
            "activity_type", _("Activity type"), "#activity+type", choices=_labels(ActivityType)
        ),
        Column("sdg_number", _("SDG"), "#x_sdg"),
        Column("sdg_title", _("SDG title"), "#sector+name"),
        Column("logs", _("Logs"), "#x_logs", NUMBER),
        Column("volunteers", _("Volunteers"), "#x_volunteers", NUMBER),
        Column("hours", _("Hours"), "#x_hours", NUMBER),
        *REACHED_COLUMNS,
    )

    def _logs(self, filters):
        return ActivityLog.objects.filter(
            project_condition(filters, "placement__project__"),
            within_period(filters, "date"),
            status=ActivityLogStatus.APPROVED,
        )

    def queryset(self, filters):
        return (
            self._logs(filters)
            .order_by()
            .values(
                "activity_type",
                project_id=F("placement__project_id"),
                project_title=F("placement__project__title"),
                host_partner_name=F("placement__project__host_partner__name"),
                country=F("placement__project__host_country"),
                month=TruncMonth("date"),
                sdg_number=F("sdg_id"),
            )
            .annotate(
                logs=Count("pk"),
                volunteers=Count("placement__volunteer", distinct=True),
                hours=Sum("hours"),
                women=Sum("women"),
                men=Sum("men"),
                girls=Sum("girls"),
                boys=Sum("boys"),
            )
            .order_by("project_title", "project_id", "month", "activity_type", "sdg_number")
        )

    def complete(self, rows):
        super().complete(rows)
        titles = {goal.number: sdg_name(goal) for goal in SustainableDevelopmentGoal.objects.all()}
        for row in rows:
            row["sdg_title"] = titles.get(row["sdg_number"], "")

    def chart(self, filters):
        months = (
            self._logs(filters)
            .order_by()
            .annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(
                reached=Coalesce(Sum("women"), 0)
                + Coalesce(Sum("men"), 0)
                + Coalesce(Sum("girls"), 0)
                + Coalesce(Sum("boys"), 0)
            )
            .order_by("-month")[: CHART_BARS * 2]
        )
        return [
            (date_format(row["month"], "YEAR_MONTH_FORMAT"), row["reached"])
            for row in reversed(list(months))
        ]


class ApplicationsSource(Source):
    kind = ReportKind.APPLICATIONS
    title = _("Applications")
    note = _(
        "Submitted applications counted per project, role and status, by the day they were "
        "submitted; no applicant is named."
    )
    chart_title = _("Applications by status")
    columns = (
        *PROJECT_COLUMNS,
        Column("role", _("Role"), "#x_role+name"),
        Column("status", _("Status"), "#status", choices=_labels(ApplicationStatus)),
        Column("applications", _("Applications"), "#x_applications", NUMBER),
    )

    def _applications(self, filters):
        return Application.objects.filter(
            project_condition(filters, "opportunity__project__"),
            within_period(filters, "submitted_at__date"),
            submitted_at__isnull=False,
        )

    def queryset(self, filters):
        return (
            self._applications(filters)
            .order_by()
            .values(
                "status",
                "opportunity_id",
                project_id=F("opportunity__project_id"),
                project_title=F("opportunity__project__title"),
                host_partner_name=F("opportunity__project__host_partner__name"),
                country=F("opportunity__project__host_country"),
                role=F("opportunity__title"),
            )
            .annotate(applications=Count("pk"))
            .order_by("project_title", "project_id", "role", "opportunity_id", "status")
        )

    def chart(self, filters):
        labels = _labels(ApplicationStatus)
        counts = (
            self._applications(filters)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .order_by("-n", "status")
        )
        return [(str(labels.get(row["status"], row["status"])), row["n"]) for row in counts]


SOURCES: dict[str, Source] = {
    source.kind: source
    for source in (
        ProgrammeSummarySource(),
        PlacementsSource(),
        ActivitySource(),
        ApplicationsSource(),
    )
}


def source_for(kind: str) -> Source:
    return SOURCES[kind]


def filters_described(filters: ReportFilters) -> list[tuple[str, str]]:
    """The filters in words, for the head of a PDF or a workbook's second sheet."""
    described = []
    if filters.programme:
        name = Programme.objects.filter(pk=filters.programme).values_list("name", flat=True)
        described.append((str(_("Programme")), name.first() or "—"))
    if filters.project:
        title = Project.objects.filter(pk=filters.project).values_list("title", flat=True)
        described.append((str(_("Project")), title.first() or "—"))
    if filters.organisation:
        name = Organisation.objects.filter(pk=filters.organisation).values_list("name", flat=True)
        described.append((str(_("Partner organisation")), name.first() or "—"))
    if filters.country:
        described.append(
            (str(_("Country")), f"{countries.name(filters.country)} ({filters.country})")
        )
    if filters.period_from or filters.period_to:
        period = "{} – {}".format(
            date_format(filters.period_from, "DATE_FORMAT") if filters.period_from else "…",
            date_format(filters.period_to, "DATE_FORMAT") if filters.period_to else "…",
        )
        described.append((str(_("Period")), period))
    return described


PROGRAMME_NAMES_SHOWN = 3


def programme_names(filters: ReportFilters) -> str:
    """The programmes a report covers, named in its page margins: those of the projects the
    filters select, the first few by name and how many more."""
    names = list(
        Programme.objects.filter(
            pk__in=Project.objects.filter(project_condition(filters)).values("programme")
        )
        .order_by("name")
        .values_list("name", flat=True)[: PROGRAMME_NAMES_SHOWN + 1]
    )
    if len(names) <= PROGRAMME_NAMES_SHOWN:
        return ", ".join(names)
    return _("%(names)s and more") % {"names": ", ".join(names[:PROGRAMME_NAMES_SHOWN])}
