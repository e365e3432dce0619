"""The programme annual report: what a programme's volunteers did in one calendar year, per
country and per project, for donors and the host governments.

Figures for the year chosen: volunteers sent (placements whose volunteer arrived in the
year), months served in the field within the year, hours and people reached from approved
activity logs dated in the year, hours per SDG, each indicator's result against its target
(as measured to date), and the stories of published lessons learned the programme made
public in the year. A fixed number of queries whatever the programme's size; placements
and projects are few enough per programme and year to be added up here.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from deployments.enums import FIELD_PLACEMENT_STATUSES, ActivityLogStatus
from deployments.models import ActivityLog, Placement, Project, SustainableDevelopmentGoal
from deployments.sdgs import sdg_name
from deployments.selectors.placements import indicator_progress_list
from knowledge.enums import ResourceKind, ResourceStatus, Visibility
from knowledge.models import Resource

from .sources import COUNTRY, DATE, NUMBER, Column, ReportFilters, project_condition

DAYS_PER_MONTH = Decimal("30.4375")  # 365.25 / 12
REACHED_KEYS = ("women", "men", "girls", "boys")

FIGURE_COLUMNS = (
    Column("volunteers_sent", _("Volunteers sent"), "#x_volunteers+sent", NUMBER),
    Column("months_served", _("Months served"), "#x_months", NUMBER),
    Column("hours", _("Hours"), "#x_hours", NUMBER),
    Column("women", _("Women reached"), "#reached+f+adults", NUMBER),
    Column("men", _("Men reached"), "#reached+m+adults", NUMBER),
    Column("girls", _("Girls reached"), "#reached+f+children", NUMBER),
    Column("boys", _("Boys reached"), "#reached+m+children", NUMBER),
    Column("reached", _("People reached"), "#reached", NUMBER),
)


@dataclasses.dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: list[dict]


def year_filters(filters: ReportFilters, year: int) -> ReportFilters:
    """The filters with the period set to the calendar year."""
    return dataclasses.replace(
        filters,
        period_from=datetime.date(year, 1, 1),
        period_to=datetime.date(year, 12, 31),
    )


def _months_within(start: datetime.date, end: datetime.date, year_start, year_end) -> Decimal:
    first, last = max(start, year_start), min(end, year_end)
    if last < first:
        return Decimal(0)
    return Decimal((last - first).days + 1) / DAYS_PER_MONTH


def _empty_figures() -> dict:
    figures = {"volunteers": set(), "months_served": Decimal(0), "hours": Decimal(0)}
    return figures | dict.fromkeys(REACHED_KEYS, 0)


def _finished(figures: dict) -> dict:
    """The figures as printed: volunteers counted, months to one decimal, people added up."""
    figures = dict(figures)
    figures["volunteers_sent"] = len(figures.pop("volunteers"))
    figures["months_served"] = figures["months_served"].quantize(Decimal("0.1"))
    figures["reached"] = sum(figures[key] for key in REACHED_KEYS)
    return figures


def annual_sections(filters: ReportFilters, *, today: datetime.date | None = None) -> list[Section]:
    """The report's tables, for filters whose period is one calendar year (year_filters)."""
    year_start, year_end = filters.period_from, filters.period_to
    today = today or timezone.localdate()
    projects = list(
        Project.objects.filter(project_condition(filters))
        .order_by("host_country", "title", "pk")
        .values("pk", "title", "host_country")
    )
    project_ids = [project["pk"] for project in projects]
    by_project = {project["pk"]: _empty_figures() for project in projects}
    placements = Placement.objects.filter(
        project__in=project_ids,
        status__in=FIELD_PLACEMENT_STATUSES,
        actual_start__isnull=False,
        actual_start__lte=year_end,
    ).values("project_id", "volunteer_id", "actual_start", "actual_end")
    for placement in placements:
        figures = by_project[placement["project_id"]]
        start = placement["actual_start"]
        if start >= year_start:
            figures["volunteers"].add(placement["volunteer_id"])
        end = placement["actual_end"] or min(today, year_end)
        figures["months_served"] += _months_within(start, end, year_start, year_end)
    logs = ActivityLog.objects.filter(
        placement__project__in=project_ids,
        status=ActivityLogStatus.APPROVED,
        date__range=(year_start, year_end),
    ).order_by()
    totals = logs.values("placement__project_id").annotate(
        hours_total=Sum("hours"), **{f"{key}_total": Sum(key) for key in REACHED_KEYS}
    )
    for total in totals:
        figures = by_project[total["placement__project_id"]]
        figures["hours"] = total["hours_total"] or Decimal(0)
        for key in REACHED_KEYS:
            figures[key] = total[f"{key}_total"] or 0

    country_figures: dict[str, dict] = {}
    overall = _empty_figures()
    project_rows = []
    for project in projects:
        figures = by_project[project["pk"]]
        country = country_figures.setdefault(project["host_country"], _empty_figures())
        for summed in (country, overall):
            summed["volunteers"] |= figures["volunteers"]
            for key in ("months_served", "hours", *REACHED_KEYS):
                summed[key] += figures[key]
        project_rows.append(
            {
                "project_id": project["pk"],
                "project_title": project["title"],
                "country_name": countries.name(project["host_country"]),
                **_finished(figures),
            }
        )
    country_rows = [
        {"country": country, "country_name": countries.name(country), **_finished(figures)}
        for country, figures in country_figures.items()
    ]
    country_columns = (
        Column("country_name", _("Country"), "#country+name"),
        Column("country", _("Country code"), "#country+code+v_iso2", COUNTRY),
    )
    project_columns = (
        Column("project_id", _("Project code"), "#activity+code"),
        Column("project_title", _("Project"), "#activity+name"),
        country_columns[0],
    )
    return [
        Section(str(_("The year in figures")), FIGURE_COLUMNS, [_finished(overall)]),
        Section(str(_("Per country")), (*country_columns, *FIGURE_COLUMNS), country_rows),
        Section(str(_("Per project")), (*project_columns, *FIGURE_COLUMNS), project_rows),
        Section(
            str(_("Hours by SDG")),
            (
                Column("sdg_number", _("SDG"), "#x_sdg"),
                Column("sdg_title", _("SDG title"), "#sector+name"),
                Column("logs", _("Logs"), "#x_logs", NUMBER),
                Column("hours", _("Hours"), "#x_hours", NUMBER),
            ),
            _hours_by_sdg(logs),
        ),
        Section(
            str(_("Indicators against targets")),
            (
                *project_columns[1:],
                Column("indicator", _("Indicator"), "#indicator+name"),
                Column("unit", _("Unit"), "#indicator+unit"),
                Column("baseline", _("Baseline"), "#indicator+baseline", NUMBER),
                Column("target", _("Target"), "#indicator+target", NUMBER),
                Column("actual", _("Result to date"), "#indicator+value", NUMBER),
                # xgettext:no-python-format
                Column("achieved", _("% of target"), "#indicator+pct", NUMBER),
            ),
            _indicator_rows(project_ids),
        ),
        Section(
            str(_("Stories from the field")),
            (
                Column("title", _("Lesson learned"), "#x_story+name"),
                Column("project_title", _("Project"), "#activity+name"),
                Column("published_on", _("Published"), "#date+published", DATE),
                Column("body", _("Story"), "#x_story+text"),
            ),
            _stories(filters, project_ids),
        ),
    ]


def _hours_by_sdg(logs) -> list[dict]:
    rows = (
        logs.filter(sdg__isnull=False)
        .values("sdg_id")
        .annotate(logs=Count("pk"), hours=Sum("hours"))
        .order_by("sdg_id")
    )
    goals = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
    return [
        {
            "sdg_number": row["sdg_id"],
            "sdg_title": sdg_name(goals[row["sdg_id"]]) if row["sdg_id"] in goals else "",
            "logs": row["logs"],
            "hours": row["hours"],
        }
        for row in rows
    ]


def _indicator_rows(project_ids: list[int]) -> list[dict]:
    rows = []
    for indicator in indicator_progress_list(projects=project_ids):
        gained = indicator.actual - indicator.baseline
        wanted = indicator.target - indicator.baseline
        rows.append(
            {
                "project_title": indicator.project.title,
                "country_name": indicator.project.host_country.name,
                "indicator": indicator.name,
                "unit": indicator.unit,
                "baseline": indicator.baseline,
                "target": indicator.target,
                "actual": indicator.actual,
                "achieved": round(100 * gained / wanted) if wanted > 0 else 0,
            }
        )
    return rows


def _stories(filters: ReportFilters, project_ids: list[int]) -> list[dict]:
    """Lessons learned published for everyone in the year: only what the programme made
    public goes into a report meant for donors."""
    lessons = (
        Resource.objects.filter(
            Q(project__in=project_ids) | Q(placement__project__in=project_ids),
            kind=ResourceKind.LESSON_LEARNED,
            status=ResourceStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
            published_at__date__range=(filters.period_from, filters.period_to),
        )
        .annotate(project_title=Coalesce(F("project__title"), F("placement__project__title")))
        .order_by("published_at", "pk")
        .values("title", "project_title", "published_at", "body")
    )
    return [
        {
            "title": lesson["title"],
            "project_title": lesson["project_title"],
            "published_on": timezone.localdate(lesson["published_at"]),
            "body": lesson["body"],
        }
        for lesson in lessons
    ]
