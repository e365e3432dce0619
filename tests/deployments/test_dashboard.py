"""The dashboards: the coordinator's action panel, figures, their filter and the map."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from deployments import selectors, services
from deployments.enums import (
    ActivityLogStatus,
    ApplicationStatus,
    CheckInResponse,
    CheckInStatus,
    PlacementStatus,
)
from deployments.forms import DashboardFilterForm
from deployments.models.coordinates import format_coordinates
from deployments.selectors.dashboard import FIGURES
from tests.factories import (
    ActivityLogFactory,
    AgreementFactory,
    ApplicationFactory,
    CheckInFactory,
    DocumentFactory,
    IndicatorFactory,
    MembershipFactory,
    OpportunityFactory,
    PlacementFactory,
    ProjectFactory,
    ReviewAssignmentFactory,
    UserFactory,
)
from volunteers.enums import DocumentKind

pytestmark = pytest.mark.django_db


def _placement(project, status=PlacementStatus.IN_COUNTRY, **fields):
    return PlacementFactory(
        application__opportunity=OpportunityFactory(project=project), status=status, **fields
    )


@pytest.fixture
def project(programme, host_partner):
    return ProjectFactory(
        programme=programme,
        host_partner=host_partner,
        title="Kathmandu schools",
        latitude=Decimal("27.71720"),
        longitude=Decimal("85.32400"),
    )


def _scope(programme, country="", months=12):
    today = timezone.localdate()
    form = DashboardFilterForm(
        {"programme": programme.pk, "country": country, "period": months},
        programmes=selectors.programme_list(viewer=programme.coordinators.first()),
    )
    assert form.is_valid(), form.errors
    return form.scope(today=today)


# Figures -------------------------------------------------------------------------------------


def test_volunteers_in_country_counted_by_country(programme, coordinator, project):
    myanmar = ProjectFactory(programme=programme, host_country="MM")
    for _ in range(2):
        _placement(project)
    _placement(myanmar)
    _placement(project, status=PlacementStatus.PRE_DEPARTURE)
    _placement(ProjectFactory())  # another programme's

    figures = selectors.dashboard_figures(scope=_scope(programme))

    assert figures["volunteers_in_country"] == [("NP", 2), ("MM", 1)]


def test_hours_and_people_come_from_approved_logs_of_the_period(
    programme, coordinator, project, sdg4
):
    placement = _placement(project)
    ActivityLogFactory(
        placement=placement,
        sdg=sdg4,
        hours=Decimal("3.5"),
        women=2,
        men=1,
        girls=12,
        boys=14,
        status=ActivityLogStatus.APPROVED,
    )
    ActivityLogFactory(placement=placement, sdg=sdg4, hours=Decimal("5"))  # not approved yet
    ActivityLogFactory(
        placement=placement,
        sdg=sdg4,
        hours=Decimal("7"),
        status=ActivityLogStatus.APPROVED,
        date=timezone.localdate() - datetime.timedelta(days=200),  # before a 3-month period
    )

    recent = selectors.dashboard_figures(scope=_scope(programme, months=3))
    cache.clear()
    year = selectors.dashboard_figures(scope=_scope(programme, months=12))

    assert recent["hours_by_sdg"] == [(4, 3.5)]
    assert recent["people_reached"] == {"women": 2, "men": 1, "girls": 12, "boys": 14}
    assert year["hours_by_sdg"] == [(4, 10.5)]


def test_placements_over_time_has_every_month_of_the_period(programme, coordinator, project):
    _placement(project)  # started 30 days ago

    over_time = selectors.dashboard_figures(scope=_scope(programme, months=3))[
        "placements_over_time"
    ]

    started = (timezone.localdate() - datetime.timedelta(days=30)).strftime("%Y-%m")
    assert len(over_time) == 3
    assert dict(over_time)[started] == 1
    assert sum(count for _month, count in over_time) == 1


def test_country_filter_keeps_that_country_only(programme, coordinator, project):
    _placement(project)
    _placement(ProjectFactory(programme=programme, host_country="MM"))

    figures = selectors.dashboard_figures(scope=_scope(programme, country="mm"))

    assert figures["volunteers_in_country"] == [("MM", 1)]


def test_indicator_progress_shows_a_page_and_counts_all(programme, coordinator, project):
    for number in range(14):
        IndicatorFactory(project=project, name=f"Indicator {number:02}", target=50)

    rows, total = selectors.dashboard_figures(scope=_scope(programme))["indicator_progress"]

    assert total == 14
    assert [row["name"] for row in rows] == [f"Indicator {n:02}" for n in range(12)]


def test_figures_are_cached_for_the_scope(programme, coordinator, project):
    scope = _scope(programme)
    selectors.dashboard_figures(scope=scope)
    _placement(project)

    cached = selectors.dashboard_figures(scope=scope)
    cache.clear()
    fresh = selectors.dashboard_figures(scope=scope)

    assert (cached["volunteers_in_country"], fresh["volunteers_in_country"]) == ([], [("NP", 1)])


@pytest.mark.parametrize("figure", sorted(FIGURES))
@pytest.mark.parametrize("rows", [1, 3])
def test_each_figure_costs_one_query(
    programme, coordinator, project, sdg4, django_assert_num_queries, figure, rows
):
    for _ in range(rows):
        placement = _placement(project)
        ActivityLogFactory(placement=placement, sdg=sdg4, status=ActivityLogStatus.APPROVED)
        IndicatorFactory(project=project)
    scope = _scope(programme)

    with django_assert_num_queries(1):
        FIGURES[figure](scope)


# The filter ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period": "7"}, "period"),
        ({"country": "XX"}, "country"),
        ({"programme": "0"}, "programme"),
    ],
)
def test_bad_filter_shows_an_error(client, coordinator, programme, data, field):
    client.force_login(coordinator)

    response = client.get(reverse("dashboard"), data)

    assert response.status_code == 200
    assert field in response.context["filter_form"].errors
    assert "Some filters could not be used" in response.content.decode()


def test_another_programme_cannot_be_chosen(programme, coordinator, other_coordinator):
    theirs = other_coordinator.coordinated_programmes.get()

    form = DashboardFilterForm(
        {"programme": theirs.pk}, programmes=selectors.programme_list(viewer=coordinator)
    )

    assert not form.is_valid()
    assert "programme" in form.errors


# The action panel ----------------------------------------------------------------------------


def test_action_panel_lists_what_needs_the_coordinator(client, coordinator, programme, project):
    placement = _placement(project, planned_end=timezone.localdate() + datetime.timedelta(days=90))
    CheckInFactory(
        placement=placement,
        status=CheckInStatus.EMERGENCY,
        response=CheckInResponse.OPEN,
        note="Road blocked by a landslide",
    )
    DocumentFactory(
        owner=placement.volunteer,
        kind=DocumentKind.VISA,
        expires_on=timezone.localdate() + datetime.timedelta(days=40),
    )
    AgreementFactory(
        title="MoU with the learning centre",
        organisations=[programme.sending_organisation],
        ends_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    ActivityLogFactory(placement=placement)
    client.force_login(coordinator)

    response = client.get(reverse("dashboard"))

    body = response.content.decode()
    actions = response.context["actions"]
    assert "Road blocked by a landslide" in body
    assert reverse("deployments:check-in-acknowledge", args=[placement.check_ins.get().pk]) in body
    assert actions["logs_to_review"] == 1
    assert [d.owner for d in actions["expiring_documents"]["rows"]] == [placement.volunteer]
    assert [a.title for a in actions["expiring_agreements"]["rows"]] == [
        "MoU with the learning centre"
    ]


def test_resolved_emergencies_and_other_programmes_stay_off_the_panel(
    client, coordinator, programme, project
):
    mine = _placement(project)
    CheckInFactory(
        placement=mine,
        status=CheckInStatus.EMERGENCY,
        response=CheckInResponse.RESOLVED,
        acknowledged_at=timezone.now(),
        resolved_at=timezone.now(),
    )
    CheckInFactory(
        placement=_placement(ProjectFactory()),
        status=CheckInStatus.EMERGENCY,
        response=CheckInResponse.OPEN,
    )
    client.force_login(coordinator)

    assert client.get(reverse("dashboard")).context["actions"]["emergencies"] == []


def test_a_visa_valid_past_the_placement_end_is_not_listed(coordinator, programme, project):
    placement = _placement(project)
    DocumentFactory(
        owner=placement.volunteer,
        kind=DocumentKind.VISA,
        expires_on=placement.planned_end + datetime.timedelta(days=1),
    )

    assert not selectors.document_expiring_before_placement_end_list(programme_ids=[programme.pk])


def test_rendered_figures_and_map_are_cached_per_scope_and_language(
    client, coordinator, other_coordinator, project
):
    ProjectFactory(
        programme=other_coordinator.coordinated_programmes.get(),
        title="Mandalay clinics",
        latitude=Decimal("21.95880"),
        longitude=Decimal("96.08910"),
    )
    client.force_login(coordinator)
    ours = client.get(reverse("dashboard")).content.decode()
    client.force_login(other_coordinator)

    theirs = client.get(reverse("dashboard")).content.decode()
    in_myanmar = client.get(reverse("dashboard") + "?country=MM").content.decode()
    other_coordinator.preferred_language = "ne"
    other_coordinator.save()
    in_nepali = client.get(reverse("dashboard")).content.decode()

    assert "Kathmandu schools" in ours
    assert "Mandalay clinics" not in ours
    assert "Mandalay clinics" in theirs
    assert "Kathmandu schools" not in theirs
    # Its country is Nepal, the factory's: the map of Myanmar has no project.
    assert "No project has a position." not in theirs
    assert "No project has a position." in in_myanmar
    assert "Projects on the map" in theirs
    assert "Projects on the map" not in in_nepali


def test_emergency_appears_on_the_next_load_despite_the_cached_figures(
    client, coordinator, programme, project
):
    placement = _placement(project)
    client.force_login(coordinator)
    client.get(reverse("dashboard"))
    CheckInFactory(
        placement=placement, status=CheckInStatus.EMERGENCY, response=CheckInResponse.OPEN
    )

    assert len(client.get(reverse("dashboard")).context["actions"]["emergencies"]) == 1


def test_digest_lines_are_cached_briefly_but_emergencies_never(
    client, coordinator, programme, project
):
    placement = _placement(project)
    client.force_login(coordinator)
    first = client.get(reverse("dashboard")).context["actions"]
    _placement(project)
    _placement(project)
    CheckInFactory(
        placement=placement, status=CheckInStatus.EMERGENCY, response=CheckInResponse.OPEN
    )
    DocumentFactory(
        owner=placement.volunteer,
        kind=DocumentKind.VISA,
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )

    again = client.get(reverse("dashboard")).context["actions"]

    assert (first["missed_check_ins"]["count"], len(first["emergencies"])) == (1, 0)
    assert (again["missed_check_ins"], len(again["emergencies"])) == (first["missed_check_ins"], 1)
    assert again["expiring_documents"]["count"] == 0
    cache.clear()  # as FIGURES_CACHE_SECONDS later
    later = client.get(reverse("dashboard")).context["actions"]
    assert (later["missed_check_ins"]["count"], later["expiring_documents"]["count"]) == (2, 1)


@pytest.mark.parametrize("rows", [1, 3])
def test_coordinator_dashboard_costs_a_fixed_number_of_queries(
    client, coordinator, programme, sdg4, django_assert_max_num_queries, rows
):
    for number in range(rows):
        project = ProjectFactory(
            programme=programme, latitude=Decimal("27.7"), longitude=Decimal("85.3")
        )
        placement = _placement(project)
        ActivityLogFactory(placement=placement, sdg=sdg4, status=ActivityLogStatus.APPROVED)
        ActivityLogFactory(placement=placement)
        IndicatorFactory(project=project)
        CheckInFactory(
            placement=placement, status=CheckInStatus.EMERGENCY, response=CheckInResponse.OPEN
        )
        DocumentFactory(
            owner=placement.volunteer,
            kind=DocumentKind.VISA,
            expires_on=timezone.localdate() + datetime.timedelta(days=30 + number),
        )
    client.force_login(coordinator)

    # 23: session, user, roles (3); programmes (the filter's menu too), placement counts,
    # projects (3); the action panel (emergencies' placements, emergencies, logs, the
    # digest's 3, documents, agreements: 8); one per figure (5); the map (2); unread
    # notifications; two for the layout.
    with django_assert_max_num_queries(23):
        client.get(reverse("dashboard"))
    # The next loads read the logs to review, the digest and documents, the figures and the
    # map (12) from the cache.
    with django_assert_max_num_queries(11):
        client.get(reverse("dashboard"))


# The map and the charts' data ----------------------------------------------------------------


def test_map_data_has_projects_and_volunteers_with_formatted_coordinates(
    client, coordinator, programme, project
):
    placement = _placement(project)
    CheckInFactory(placement=placement, status=CheckInStatus.NEEDS_SUPPORT)
    client.force_login(coordinator)

    response = client.get(reverse("dashboard"))

    body = response.content.decode()
    points = json.loads(
        body.split('id="dashboard-map" type="application/json">')[1].split("</script>")[0]
    )
    # One marker per place; the volunteers are counted, not named (a large programme has
    # thousands in country: the placement board lists them).
    assert [p["label"] for p in points["projects"]] == [
        "Kathmandu schools — 27.71720° N, 85.32400° E"
    ]
    assert [(v["label"], v["check_in_status"]) for v in points["volunteers"]] == [
        ("Kathmandu: 1 volunteer in country", CheckInStatus.NEEDS_SUPPORT)
    ]
    assert placement.volunteer.name not in body.split('id="map-heading"')[1]
    assert "27.71720° N, 85.32400° E" in body
    assert "27.71720, 85.32400" not in body


@pytest.mark.parametrize(
    ("latitude", "longitude", "text"),
    [
        (Decimal("27.7172"), Decimal("85.324"), "27.71720° N, 85.32400° E"),
        (Decimal("-33.5"), Decimal("-70.25"), "33.50000° S, 70.25000° W"),
        (None, Decimal("1"), ""),
    ],
)
def test_coordinates_are_formatted(latitude, longitude, text):
    assert format_coordinates(latitude, longitude) == text


def test_charts_load_only_local_scripts(client, coordinator):
    client.force_login(coordinator)

    body = client.get(reverse("dashboard")).content.decode()

    assert "vendor/chartjs/chart.umd.min.js" in body
    assert "vendor/topojson-client/topojson-client.min.js" in body
    assert "https://" not in body.split("<body")[0]


NEPAL_PROVINCES = {"Koshi", "Madhesh", "Bagmati", "Gandaki", "Lumbini", "Karnali", "Sudurpashchim"}
MYANMAR_STATES_AND_REGIONS = {
    "Ayeyarwady", "Bago", "Chin", "Kachin", "Kayah", "Kayin", "Magway",
    "Mandalay", "Mon", "Rakhine", "Sagaing", "Shan", "Tanintharyi", "Yangon",
}  # fmt: skip


def test_map_links_the_host_countries_boundaries_kept_on_this_site(client, coordinator):
    client.force_login(coordinator)

    body = client.get(reverse("dashboard")).content.decode()

    assert 'data-admin1="/static/vendor/boundaries/admin1-npl-mmr.topo.json"' in body


def test_boundaries_file_has_nepals_provinces_and_myanmars_states_and_regions():
    # The 2015 provinces, not the 14 zones they replaced; Myanmar's file has no Naypyidaw of
    # its own (it lies inside Mandalay's outline), see .ci/build_boundaries.js.
    path = finders.find("vendor/boundaries/admin1-npl-mmr.topo.json")
    assert path
    topology = json.loads(Path(path).read_text())

    assert topology["type"] == "Topology"
    assert set(topology["objects"]) == {"npl", "mmr"}
    names = {
        key: [geometry["properties"]["name"] for geometry in value["geometries"]]
        for key, value in topology["objects"].items()
    }
    assert sorted(names["npl"]) == sorted(NEPAL_PROVINCES)
    assert sorted(names["mmr"]) == sorted(MYANMAR_STATES_AND_REGIONS)
    assert all(
        geometry["type"] in {"Polygon", "MultiPolygon"} and geometry["arcs"]
        for value in topology["objects"].values()
        for geometry in value["geometries"]
    )
    assert Path(path).stat().st_size < 150_000


# Other roles ---------------------------------------------------------------------------------


def test_volunteer_and_partner_do_not_get_the_coordinator_panel(client, volunteer, partner_member):
    for person in (volunteer, partner_member):
        client.force_login(person)
        response = client.get(reverse("dashboard"))
        assert "actions" not in response.context
        assert "dashboard-charts" not in response.content.decode()


def test_logs_to_review_count_is_cached_per_programme_and_follows_reviews(
    client, coordinator, programme, project, django_capture_on_commit_callbacks
):
    placement = _placement(project)
    first, second = ActivityLogFactory.create_batch(2, placement=placement)
    other_programme_log = ActivityLogFactory()
    other_coordinator = UserFactory()
    other_coordinator.coordinated_programmes.add(other_programme_log.placement.project.programme)
    assert selectors.activity_log_review_count(viewer=coordinator) == 2

    # A log saved without a service is not counted until the cached count expires...
    ActivityLogFactory(placement=placement)
    assert selectors.activity_log_review_count(viewer=coordinator) == 2
    # ... but one reviewed, or submitted, through the services is, once committed.
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_log_transition(
            log=first, to_status=ActivityLogStatus.APPROVED, by=coordinator
        )
    assert selectors.activity_log_review_count(viewer=coordinator) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_log_create(
            placement=placement,
            by=placement.volunteer,
            date=timezone.localdate() - datetime.timedelta(days=3),
            hours=Decimal("2"),
            activity_type="teaching",
            description="Grade 7 English",
        )
    client.force_login(coordinator)

    dashboard = client.get(reverse("dashboard"))
    queue = client.get(reverse("deployments:activity-log-queue"))

    assert dashboard.context["actions"]["logs_to_review"] == 3
    assert queue.context["page_obj"].paginator.count == 3
    assert second in queue.context["page_obj"]
    # Another programme's coordinator counts theirs only.
    assert selectors.activity_log_review_count(viewer=other_coordinator) == 1


def test_partner_dashboard_lists_each_organisations_hosted_projects_from_a_cache(
    client, partner_member, project
):
    other_member = UserFactory()
    other_project = ProjectFactory(title="Mandalay clinics")
    MembershipFactory(user=other_member, organisation=other_project.host_partner)
    client.force_login(partner_member)
    first = client.get(reverse("dashboard")).content.decode()
    ProjectFactory(host_partner=project.host_partner, title="Pokhara libraries")
    again = client.get(reverse("dashboard")).content.decode()
    client.force_login(other_member)

    theirs = client.get(reverse("dashboard")).content.decode()

    assert "Kathmandu schools" in first
    # A new project shows once the cached list expires, for every member alike.
    assert "Pokhara libraries" not in again
    cache.clear()
    client.force_login(partner_member)
    assert "Pokhara libraries" in client.get(reverse("dashboard")).content.decode()
    # Another organisation's members see theirs only.
    assert "Mandalay clinics" in theirs
    assert "Kathmandu schools" not in theirs


def test_partner_dashboard_names_the_first_volunteers_they_supervise(
    client, partner_member, project
):
    today = timezone.localdate()
    later = _placement(project, planned_start=today - datetime.timedelta(days=10))
    sooner = _placement(project, planned_start=today - datetime.timedelta(days=20))
    _placement(project, status=PlacementStatus.PRE_DEPARTURE)
    _placement(ProjectFactory())  # another host's
    client.force_login(partner_member)

    response = client.get(reverse("dashboard"))

    assert list(response.context["supervised_placements"]) == [sooner, later]


def test_partner_dashboard_lists_logs_to_verify(client, partner_member, project):
    placement = _placement(project)
    ActivityLogFactory(placement=placement, date=timezone.localdate() - datetime.timedelta(days=3))
    ActivityLogFactory(placement=placement, verified_at=timezone.now(), verified_by=partner_member)
    ActivityLogFactory(placement=_placement(ProjectFactory()))  # another host's
    client.force_login(partner_member)

    response = client.get(reverse("dashboard"))

    assert [log.placement for log in response.context["logs_to_verify"]["rows"]] == [placement]


def test_partner_dashboard_lists_candidates_to_review(client, partner_member, host_partner):
    application = ApplicationFactory(status=ApplicationStatus.PARTNER_REVIEW)
    ReviewAssignmentFactory(
        application=application, reviewer=partner_member, organisation=host_partner
    )
    client.force_login(partner_member)

    response = client.get(reverse("dashboard"))

    assert list(response.context["partner_reviews"]["rows"]) == [application]


def test_volunteer_in_country_is_told_what_is_due(client, volunteer, project):
    placement = _placement(
        project,
        volunteer=volunteer,
        application__volunteer=volunteer,
        planned_start=timezone.localdate() - datetime.timedelta(days=70),
    )
    client.force_login(volunteer)

    steps = client.get(reverse("dashboard")).context["next_steps"]

    assert [step["link"] for step in steps] == [
        reverse("deployments:activity-log-create", args=[placement.pk]),
        reverse("deployments:placement-detail", args=[placement.pk]),
        reverse("deployments:monthly-report-create", args=[placement.pk]),
    ]


def test_volunteer_up_to_date_has_no_next_step(client, volunteer, project):
    placement = _placement(
        project,
        volunteer=volunteer,
        application__volunteer=volunteer,
        planned_start=timezone.localdate(),  # no month of it has ended, no report is due
    )
    ActivityLogFactory(placement=placement, date=timezone.localdate())
    CheckInFactory(placement=placement)
    client.force_login(volunteer)

    assert client.get(reverse("dashboard")).context["next_steps"] == []


@pytest.mark.parametrize("rows", [1, 3])
def test_volunteer_dashboard_costs_a_fixed_number_of_queries(
    client, volunteer, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        placement = _placement(
            ProjectFactory(), volunteer=volunteer, application__volunteer=volunteer
        )
        ActivityLogFactory(placement=placement)
        CheckInFactory(placement=placement)
    client.force_login(volunteer)

    # 11 whatever the number of placements; one of them is the next steps' placements.
    with django_assert_max_num_queries(12):
        client.get(reverse("dashboard"))


def test_figure_links_carry_the_filter(client, coordinator, programme):
    client.force_login(coordinator)

    charts = client.get(reverse("dashboard"), {"country": "MM"}).context["charts"]

    assert charts["placements_link"] == reverse("deployments:placement-list") + "?country=MM"
    assert charts["projects_link"] == (
        reverse("deployments:project-list") + f"?country=MM&programme={programme.pk}"
    )
