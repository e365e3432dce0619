"""The landing page and each person's dashboard."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Subquery
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries import countries

from partners.selectors import agreement_list
from users.public_pages import public_listing
from volunteers.selectors import profile_completeness

from .. import selectors
from ..enums import PlacementStatus
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
# The partner's dashboard names this many of the volunteers they supervise.
SUPERVISED_PLACEMENTS_SHOWN = 10
# The map's tables list this many projects each; the map itself marks every place.
MAP_TABLE_ROWS = 20


def home(request):
    return render(
        request,
        "deployments/home.html",
        {
            "listing": public_listing(
                request,
                "deployments/includes/home_listing.html",
                lambda: {
                    "programmes": selectors.programme_public_list(),
                    "opportunities": selectors.opportunity_featured_list(limit=6),
                },
            )
        },
    )


def _first(rows, shown: int = ACTION_ITEMS_SHOWN) -> dict:
    """The first rows of a list and how many were left out."""
    rows = list(rows)
    return {"rows": rows[:shown], "more": max(len(rows) - shown, 0), "count": len(rows)}


DIGEST_SECTIONS_SHOWN = ("overdue_reports", "missed_check_ins", "pending_reviews")


def _first_rows_by_key(queryset, count: int = ACTION_ITEMS_SHOWN + 1):
    """The first `count` rows of a long queue (by default one more than the panel shows, to
    tell whether there are more), in one query that orders and cuts the narrow keys before
    joining the wide rows: a host partner may have tens of thousands of logs to verify."""
    return queryset.filter(pk__in=Subquery(queryset.values("pk")[:count]))


def _digest_lines(programme_ids, today) -> dict:
    """The digest's sections on the panel, and the documents expiring before a placement
    ends: each one's first lines and how many there are. Reading them means every current
    placement of the programmes (thousands in a large one), so they are cached as briefly as
    the figures, per programme set, day, language and zone; a report, check-in or new
    document shows within FIGURES_CACHE_SECONDS."""
    key = "dashboard:digest:{}:{}:{}:{}".format(
        ",".join(str(pk) for pk in sorted(programme_ids)),
        today.isoformat(),
        get_language(),
        timezone.get_current_timezone_name(),
    )

    def lines():
        digest = programme_attention_summary(programme_ids=programme_ids, today=today)
        documents = selectors.document_expiring_before_placement_end_list(
            programme_ids=programme_ids
        )
        return {
            **{section: _first(digest[section]) for section in DIGEST_SECTIONS_SHOWN},
            "expiring_documents": _first(documents[: ACTION_ITEMS_SHOWN + 1]),
        }

    return cache.get_or_set(key, lines, selectors.FIGURES_CACHE_SECONDS)


def _action_panel(user, programme_ids, today) -> dict:
    """What needs the coordinator now, oldest emergency first. Emergencies are read on every
    load; the digest's lines and the expiring documents may be a little old."""
    return {
        "emergencies": list(selectors.check_in_open_emergency_list(viewer=user)),
        "logs_to_review": selectors.activity_log_review_count(viewer=user),
        **_digest_lines(programme_ids, today),
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


def _map_markers(points: dict) -> dict:
    """What the map script draws: one marker per place for its projects and one for their
    volunteers in country (the most pressing last check-in among them), each with the text
    of its tooltip, so that the page stays small however many projects share a town."""
    projects, volunteers = {}, {}
    for project in points["projects"]:
        place = projects.setdefault(
            (project["latitude"], project["longitude"]),
            {"latitude": project["latitude"], "longitude": project["longitude"], "titles": []},
        )
        place["titles"].append(project["title"])
    for group in points["volunteers"]:
        place = volunteers.setdefault(
            (group["latitude"], group["longitude"]),
            {
                "latitude": group["latitude"],
                "longitude": group["longitude"],
                "count": 0,
                "statuses": set(),
                "place": group["place"] or group["project"],
            },
        )
        place["count"] += group["count"]
        place["statuses"].add(group["check_in_status"])
    markers = {"projects": [], "volunteers": []}
    for place in projects.values():
        titles = place.pop("titles")
        position = format_coordinates(place["latitude"], place["longitude"])
        if len(titles) == 1:
            place["label"] = f"{titles[0]} — {position}"
        else:
            place["label"] = ngettext(
                "%(first)s and %(more)d other project — %(position)s",
                "%(first)s and %(more)d other projects — %(position)s",
                len(titles) - 1,
            ) % {"first": titles[0], "more": len(titles) - 1, "position": position}
        markers["projects"].append(place)
    for place in volunteers.values():
        statuses = place.pop("statuses")
        place["check_in_status"] = next(
            (status for status in ("emergency", "needs_support") if status in statuses), ""
        )
        place["label"] = ngettext(
            "%(place)s: %(count)d volunteer in country",
            "%(place)s: %(count)d volunteers in country",
            place["count"],
        ) % {"place": place.pop("place"), "count": place.pop("count")}
        markers["volunteers"].append(place)
    return markers


def _map_data(scope) -> tuple[dict, dict]:
    """The map's markers, and its tables (the first rows of each; the project list and the
    placement board give the rest). The same for every coordinator of the scope, so cached
    like the figures, per language (their labels are translated): a new emergency marks the
    map within FIGURES_CACHE_SECONDS, and the action panel at once."""
    return cache.get_or_set(
        f"{scope.cache_key('map')}:{get_language()}",
        lambda: _map_data_read(scope),
        selectors.FIGURES_CACHE_SECONDS,
    )


def _map_data_read(scope) -> tuple[dict, dict]:
    points = selectors.map_point_list(scope=scope)
    markers = _map_markers(points)
    tables = {
        "projects": points["projects"][:MAP_TABLE_ROWS],
        "project_more": max(len(points["projects"]) - MAP_TABLE_ROWS, 0),
        "volunteers": points["volunteers"][:MAP_TABLE_ROWS],
        "volunteer_more": max(len(points["volunteers"]) - MAP_TABLE_ROWS, 0),
        "projects_link": reverse("deployments:project-list"),
        "placements_link": reverse("deployments:placement-list")
        + "?"
        + urlencode({"status": PlacementStatus.IN_COUNTRY, "country": scope.country}),
    }
    for project in tables["projects"]:
        project["position"] = format_coordinates(project["latitude"], project["longitude"])
        project["link"] = reverse("deployments:project-detail", args=[project["id"]])
    for group in tables["volunteers"]:
        group["link"] = reverse("deployments:project-detail", args=[group["project_id"]])
    return markers, tables


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
    programmes = list(selectors.programme_list(viewer=user))
    filter_form = DashboardFilterForm(data, programmes=programmes)
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
    context["map_points"], context["map_tables"] = _map_data(scope)
    # The figures and the map as the template renders them (tens of KB), for every
    # coordinator of the scope; the data behind them is cached as long.
    context["figures_key"] = scope.cache_key("html")
    context["figures_cache_seconds"] = selectors.FIGURES_CACHE_SECONDS
    context["map_legend"] = [
        ("map-project", _("Project")),
        ("map-volunteer", _("A project's volunteers in country, none in need")),
        (
            "map-volunteer map-volunteer-needs_support",
            _("A project's volunteers, one or more of whom asked for support"),
        ),
        (
            "map-volunteer map-volunteer-emergency",
            _("A project's volunteers, one or more of whom sent an emergency last"),
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
        # The same for every member of the organisation; a new project shows within this.
        context["hosted_projects_cache_seconds"] = selectors.FIGURES_CACHE_SECONDS
        context["partnership_proposals"] = selectors.partnership_proposal_count(viewer=user)
        # A large host has hundreds in country.
        context["supervised_placements"] = _first_rows_by_key(
            selectors.placement_list(viewer=user, status=PlacementStatus.IN_COUNTRY).exclude(
                volunteer=user
            ),
            SUPERVISED_PLACEMENTS_SHOWN,
        )
        context["partner_reviews"] = _first(
            selectors.review_queue(reviewer=user).filter(reviewed=False)[: ACTION_ITEMS_SHOWN + 1]
        )
        context["logs_to_verify"] = _first(
            _first_rows_by_key(selectors.activity_log_verify_queue(supervisor=user))
        )
    if Role.VOLUNTEER in roles:
        context["opportunities"] = selectors.opportunity_featured_list(limit=5)
        context["completeness"] = profile_completeness(user=user)
        context["my_applications"] = selectors.application_list_for_volunteer(volunteer=user)
        context["my_placements"] = selectors.placement_list_for_volunteer(volunteer=user)
        context["next_steps"] = _volunteer_next_steps(user)
    return render(request, "deployments/dashboard.html", context)
