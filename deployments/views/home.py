"""The landing page and each person's dashboard."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries

from partners.selectors import agreement_list
from volunteers.selectors import profile_completeness

from .. import selectors
from ..enums import CheckInStatus, PlacementStatus
from ..forms import DashboardFilterForm
from ..models import SustainableDevelopmentGoal
from ..models.coordinates import format_coordinates
from ..roles import Role, roles_of
from ..sdgs import sdg_label
from ..services import (
    ACTIVITY_LOG_VOLUNTEER_AFTER_DAYS,
    AGREEMENT_EXPIRY_DAYS,
    CHECK_IN_VOLUNTEER_AFTER_DAYS,
    programme_attention_summary,
)
from ..two_factor import should_be_offered_two_factor

# The panel lists this many of each kind of item, then says how many more there are.
ACTION_ITEMS_SHOWN = 5
# The dashboard summarises; the project list pages through them all.
PROJECTS_SHOWN = 10


def home(request):
    return render(
        request,
        "deployments/home.html",
        {
            "programmes": selectors.programme_public_list(),
            "opportunities": selectors.opportunity_featured_list(limit=6),
        },
    )


def _first(rows, shown: int = ACTION_ITEMS_SHOWN) -> dict:
    """The first rows of a list and how many were left out."""
    rows = list(rows)
    return {"rows": rows[:shown], "more": max(len(rows) - shown, 0), "count": len(rows)}


def _action_panel(user, programme_ids, today) -> dict:
    """What needs the coordinator now, oldest emergency first. Never cached."""
    digest = programme_attention_summary(programme_ids=programme_ids, today=today)
    return {
        "emergencies": list(selectors.check_in_open_emergency_list(viewer=user)),
        "logs_to_review": selectors.activity_log_review_queue(viewer=user).count(),
        "overdue_reports": _first(digest["overdue_reports"]),
        "missed_check_ins": _first(digest["missed_check_ins"]),
        "pending_reviews": _first(digest["pending_reviews"]),
        "expiring_documents": _first(
            selectors.document_expiring_before_placement_end_list(programme_ids=programme_ids)[
                : ACTION_ITEMS_SHOWN + 1
            ]
        ),
        "expiring_agreements": _first(
            agreement_list(
                viewer=user, expiring_within_days=AGREEMENT_EXPIRY_DAYS, today=today
            ).order_by("ends_on", "pk")[: ACTION_ITEMS_SHOWN + 1]
        ),
        "agreement_days": AGREEMENT_EXPIRY_DAYS,
    }


def _chart_data(figures: dict, scope) -> dict:
    """The figures with their labels in the active language and the list behind each, as
    the charts (json_script) and their tables read them."""
    # The lists behind the figures, with as much of the filter as each list takes.
    placements = reverse("deployments:placement-list")
    in_country = urlencode({"status": PlacementStatus.IN_COUNTRY, "country": scope.country})
    project_filter = {"country": scope.country}
    if len(scope.programme_ids) == 1:
        project_filter["programme"] = scope.programme_ids[0]
    by_country = [
        {
            "label": countries.name(code) or code,
            "value": count,
            "link": f"{placements}?status={PlacementStatus.IN_COUNTRY}&country={code}",
        }
        for code, count in figures["volunteers_in_country"]
    ]
    over_time = [
        {"label": month, "value": count} for month, count in figures["placements_over_time"]
    ]
    # An unsaved goal is named from sdgs.py without reading the table.
    hours = [
        {"label": sdg_label(SustainableDevelopmentGoal(number=number)), "value": total}
        for number, total in figures["hours_by_sdg"]
    ]
    reached = figures["people_reached"]
    people = [
        {"label": str(label), "value": reached[group]}
        for group, label in (
            ("women", _("Women")),
            ("men", _("Men")),
            ("girls", _("Girls")),
            ("boys", _("Boys")),
        )
    ]
    indicators, indicator_count = figures["indicator_progress"]
    for indicator in indicators:
        indicator["link"] = reverse(
            "deployments:project-indicators", args=[indicator["project_id"]]
        )
        indicator["label"] = f"{indicator['project']}: {indicator['name']}"
    return {
        "volunteers_in_country": by_country,
        "placements_over_time": over_time,
        "hours_by_sdg": hours,
        "people_reached": people,
        "indicator_progress": indicators,
        "indicator_count": indicator_count,
        "placements_link": f"{placements}?{urlencode({'country': scope.country})}",
        "projects_link": reverse("deployments:project-list") + "?" + urlencode(project_filter),
        "logs_link": f"{placements}?{in_country}",
    }


def _map_data(scope) -> dict:
    points = selectors.map_point_list(scope=scope)
    for project in points["projects"]:
        project["position"] = format_coordinates(project["latitude"], project["longitude"])
        project["link"] = reverse("deployments:project-detail", args=[project["id"]])
    for volunteer in points["volunteers"]:
        volunteer["position"] = format_coordinates(volunteer["latitude"], volunteer["longitude"])
        volunteer["link"] = reverse(
            "deployments:placement-detail", args=[volunteer["placement_id"]]
        )
        status = volunteer["check_in_status"]
        volunteer["check_in_label"] = str(CheckInStatus(status).label) if status else ""
    return points


def _volunteer_next_steps(user) -> list[dict]:
    """What the volunteer in country should do now: a log, a check-in or last month's
    report, by the same measures as the reminders they would otherwise receive."""
    today = selectors.today_for(user)
    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    steps = []
    for placement in selectors.placement_field_status_list(volunteer=user, month=last_month):
        started = placement.actual_start or placement.planned_start
        project = placement.project.title
        if (today - (placement.last_log or started)).days >= ACTIVITY_LOG_VOLUNTEER_AFTER_DAYS:
            steps.append(
                {
                    "text": _("Log your recent activity in %(project)s") % {"project": project},
                    "link": reverse("deployments:activity-log-create", args=[placement.pk]),
                }
            )
        last_check_in = (
            timezone.localtime(placement.last_check_in, user.time_zone).date()
            if placement.last_check_in
            else started
        )
        if (today - last_check_in).days >= CHECK_IN_VOLUNTEER_AFTER_DAYS:
            steps.append(
                {
                    "text": _("Check in: tell us how you are"),
                    "link": reverse("deployments:placement-detail", args=[placement.pk]),
                }
            )
        if started < this_month and not placement.reported:
            steps.append(
                {
                    "text": _("Write your report on %(month)s")
                    % {"month": date_format(last_month, "YEAR_MONTH_FORMAT")},
                    "link": reverse("deployments:monthly-report-create", args=[placement.pk]),
                }
            )
    return steps


def _coordinator_context(request, user) -> dict:
    today = selectors.today_for(user)
    # The period's default is a value in the data, so that the menu shows the one used.
    data = request.GET.copy()
    data.setdefault("period", str(DashboardFilterForm.DEFAULT_PERIOD_MONTHS))
    filter_form = DashboardFilterForm(data, viewer=user)
    programmes = list(selectors.programme_list(viewer=user))
    context = {
        "coordinated_programmes": programmes,
        "filter_form": filter_form,
        "actions": _action_panel(user, [p.pk for p in programmes], today),
        "coordinator_projects": selectors.project_dashboard_list(viewer=user)[:PROJECTS_SHOWN],
        "project_total": sum(programme.project_count for programme in programmes),
        "placement_counts": [
            (status, PlacementStatus(status).label, count)
            for status, count in selectors.placement_status_counts(viewer=user).items()
            if count
        ],
    }
    filter_form.is_valid()
    scope = filter_form.scope(today=today)
    context["charts"] = _chart_data(selectors.dashboard_figures(scope=scope), scope)
    context["map_points"] = _map_data(scope)
    context["map_legend"] = [
        ("map-project", _("Project")),
        ("map-volunteer", _("Volunteer, last check-in all well")),
        ("map-volunteer map-volunteer-needs_support", _("Volunteer who asked for support")),
        (
            "map-volunteer map-volunteer-emergency",
            _("Volunteer whose last check-in is an emergency"),
        ),
    ]
    return context


@login_required
def dashboard(request):
    user = request.user
    roles = roles_of(user)
    context = {"roles": roles, "offer_two_factor": should_be_offered_two_factor(user)}
    if Role.COORDINATOR in roles:
        context.update(_coordinator_context(request, user))
    if Role.PARTNER_MEMBER in roles:
        context["memberships"] = selectors.membership_list_for(user=user)
        context["partnership_proposals"] = selectors.partnership_proposal_count(viewer=user)
        context["supervised_placements"] = selectors.placement_list(
            viewer=user, status=PlacementStatus.IN_COUNTRY
        ).exclude(volunteer=user)[:10]
        context["partner_reviews"] = _first(
            selectors.review_queue(reviewer=user).filter(reviewed=False)[: ACTION_ITEMS_SHOWN + 1]
        )
        context["logs_to_verify"] = _first(
            selectors.activity_log_verify_queue(supervisor=user)[: ACTION_ITEMS_SHOWN + 1]
        )
    if Role.VOLUNTEER in roles:
        context["opportunities"] = selectors.opportunity_featured_list(limit=5)
        context["completeness"] = profile_completeness(user=user)
        context["my_applications"] = selectors.application_list_for_volunteer(volunteer=user)
        context["my_placements"] = selectors.placement_list_for_volunteer(volunteer=user)
        context["next_steps"] = _volunteer_next_steps(user)
    return render(request, "deployments/dashboard.html", context)
