"""The field app (issue 15): its manifest and icons, the service worker served from the
site's root, the offline page, and what the volunteer's pages carry for offline use."""

import datetime
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import resolve, reverse
from django.utils import translation
from PIL import Image

from deployments import selectors
from deployments.enums import CheckInStatus, PlacementStatus
from deployments.templatetags.field_app import field_app_api_urls
from tests.factories import (
    ActivityLogFactory,
    CheckInFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(recruiting_project, volunteer):
    return PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=recruiting_project),
        status=PlacementStatus.IN_COUNTRY,
    )


def field_app_data(html: str) -> dict:
    """The attributes of the page's #field-app element, and its words."""
    element = re.search(r'<div id="field-app"([^>]*)>', html)
    assert element, "no #field-app on the page"
    attributes = dict(re.findall(r'data-([\w-]+)="([^"]*)"', element.group(1)))
    strings = re.search(
        r'<script id="field-app-strings" type="application/json">(.*?)</script>', html, re.S
    )
    return {**attributes, "strings": json.loads(strings.group(1))}


# The manifest --------------------------------------------------------------------------------


def test_the_manifest_describes_an_installable_app(client):
    response = client.get(reverse("deployments:field-app-manifest"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Volunteer Portal"
    assert manifest["start_url"] == reverse("dashboard")
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }


def test_the_manifest_icons_are_pngs_of_their_declared_size(client):
    manifest = client.get(reverse("deployments:field-app-manifest")).json()

    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert (image.format, "x".join(map(str, image.size))) == ("PNG", icon["sizes"])


def test_the_manifest_speaks_the_visitors_language(client):
    client.cookies["django_language"] = "zh-hans"
    manifest = client.get(reverse("deployments:field-app-manifest")).json()

    with translation.override("zh-hans"):
        assert manifest["name"] == translation.gettext("Volunteer Portal")
    assert manifest["name"] != "Volunteer Portal"
    assert manifest["lang"] == "zh-hans"


def test_every_page_links_the_manifest(client):
    html = client.get(reverse("home")).content.decode()

    assert f'<link rel="manifest" href="{reverse("deployments:field-app-manifest")}">' in html


# The service worker -------------------------------------------------------------------------


def test_the_service_worker_is_served_from_the_root_and_never_cached(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "worker-src 'self'" in response["Content-Security-Policy"]


def test_pages_let_the_worker_and_the_manifest_load(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]

    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


def test_everything_the_worker_loads_is_served_here(client):
    """Workbox, idb and the precached files come from our own static files, not a CDN."""
    script = client.get("/sw.js").content.decode()
    imported = re.search(r"importScripts\((.*?)\);", script).group(1)
    folder = json.loads(re.search(r"modulePathPrefix: (\"[^\"]+\")", script).group(1))
    precache = json.loads(re.search(r"precacheAndRoute\((\[.*?\])\);", script).group(1))
    urls = [
        *json.loads(f"[{imported}]"),
        *(f"{folder}/workbox-{name}.prod.js" for name in ("core", "precaching", "routing")),
        f"{folder}/workbox-strategies.prod.js",
        *(entry["url"] for entry in precache),
    ]

    assert "://" not in script
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
    assert reverse("deployments:field-app-offline") in [entry["url"] for entry in precache]


def test_the_worker_changes_with_the_language_so_the_offline_page_is_fetched_again(client):
    english = client.get("/sw.js").content
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get("/sw.js").content

    assert english != chinese


def test_the_outbox_sends_to_the_apis_field_writes():
    """The contract's paths (deployments cannot ask the api app, which sits above it)."""
    assert {kind: resolve(url).view_name for kind, url in field_app_api_urls().items()} == {
        "activity-log": "api:activity-log-list",
        "check-in": "api:check-in-list",
    }


# The offline page ---------------------------------------------------------------------------


def test_the_offline_page_holds_nothing_personal(client, volunteer):
    client.force_login(volunteer)
    response = client.get(reverse("deployments:field-app-offline"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>You are offline</h1>" in html
    assert volunteer.name not in html
    assert "csrfmiddlewaretoken" not in html


def test_the_offline_page_is_translated(client):
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("deployments:field-app-offline")).content.decode()

    assert '<html lang="zh-hans">' in html
    with translation.override("zh-hans"):
        assert translation.gettext("Volunteer Portal") in html


# The volunteer's pages ----------------------------------------------------------------------


def test_the_placement_page_carries_the_field_app_for_its_volunteer(client, placement, volunteer):
    client.force_login(volunteer)
    html = client.get(reverse("deployments:placement-detail", args=[placement.pk])).content.decode()
    data = field_app_data(html)

    assert data["user"] == str(volunteer.pk)
    assert data["service-worker"] == "/sw.js"
    assert json.loads(data["pages"].replace("&quot;", '"')) == [
        reverse("dashboard"),
        reverse("deployments:placement-detail", args=[placement.pk]),
        reverse("deployments:activity-log-create", args=[placement.pk]),
    ]
    assert f'data-field-record="check-in" data-placement="{placement.pk}"' in html
    assert data["strings"]["check_in_statuses"] == dict(CheckInStatus.choices)


def test_the_field_apps_words_are_translated(client, placement, volunteer):
    volunteer.preferred_language = "zh-hans"
    volunteer.save()
    client.force_login(volunteer)
    html = client.get(reverse("deployments:placement-detail", args=[placement.pk])).content.decode()

    with translation.override("zh-hans"):
        expected = {value: str(label) for value, label in CheckInStatus.choices}
    assert field_app_data(html)["strings"]["check_in_statuses"] == expected
    assert expected["ok"] != "All is well"


def test_others_on_the_placement_page_get_no_field_app(client, placement, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("deployments:placement-detail", args=[placement.pk])).content.decode()

    assert 'id="field-app"' not in html


def test_the_log_form_is_kept_offline_but_a_correction_is_not(client, placement, volunteer):
    client.force_login(volunteer)
    new = client.get(reverse("deployments:activity-log-create", args=[placement.pk]))
    log = ActivityLogFactory(placement=placement)
    correction = client.get(reverse("deployments:activity-log-update", args=[log.pk]))

    kept_offline = f'data-field-record="activity-log" data-placement="{placement.pk}"'
    assert kept_offline in new.content.decode()
    assert "data-field-record" not in correction.content.decode()


def test_the_placement_page_shows_whom_to_reach_in_an_emergency(
    client, placement, volunteer, coordinator
):
    placement.project.programme.sending_organisation.contact_phone = "+86 10 5555 0101"
    placement.project.programme.sending_organisation.save()
    client.force_login(volunteer)
    html = client.get(reverse("deployments:placement-detail", args=[placement.pk])).content.decode()
    emergency = re.search(r'<div id="field-emergency".*?</div>', html, re.S).group(0)

    assert f'<a href="mailto:{coordinator.email}">{coordinator.email}</a>' in emergency
    assert '<a href="tel:+86 10 5555 0101">+86 10 5555 0101</a>' in emergency


def test_the_dashboard_keeps_each_placement_of_the_volunteer(client, placement, volunteer):
    client.force_login(volunteer)
    html = client.get(reverse("dashboard")).content.decode()

    assert reverse("deployments:activity-log-create", args=[placement.pk]) in json.loads(
        field_app_data(html)["pages"].replace("&quot;", '"')
    )


@pytest.mark.parametrize("rows", [1, 4])
def test_the_volunteers_placement_page_query_budget(
    client, placement, volunteer, django_assert_max_num_queries, rows
):
    for number in range(rows):
        ActivityLogFactory(
            placement=placement, date=datetime.date.today() - datetime.timedelta(days=number)
        )
        CheckInFactory(placement=placement)
    client.force_login(volunteer)

    # The placement page's own 18 (with the logs' page count), and 2 for the emergency contacts.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("deployments:placement-detail", args=[placement.pk]))

    assert len(response.context["logs"]) == rows


# Whom to reach --------------------------------------------------------------------------------


def test_emergency_contacts_are_the_coordinators_then_organisations_then_the_supervisor(
    django_assert_num_queries,
):
    sending = OrganisationFactory(name="Sending", contact_phone="+86 1", contact_email="")
    host = OrganisationFactory(name="Host", contact_phone="", contact_email="")
    coordinators = [
        UserFactory(name="Zhao", email="zhao@example.org"),
        UserFactory(name="An", email="an@example.org"),
    ]
    supervisor = UserFactory(name="Sita", email="sita@example.org")
    programme = ProgrammeFactory(sending_organisation=sending, coordinators=coordinators)
    project = ProjectFactory(programme=programme, host_partner=host)
    created = PlacementFactory(
        application__opportunity=OpportunityFactory(project=project),
        host_supervisor=supervisor,
        status=PlacementStatus.IN_COUNTRY,
    )
    placement = selectors.placement_get(pk=created.pk)

    with django_assert_num_queries(2):
        contacts = selectors.placement_emergency_contacts(placement=placement)

    assert contacts == [
        selectors.EmergencyContact("Coordinator", "An", "", "an@example.org"),
        selectors.EmergencyContact("Coordinator", "Zhao", "", "zhao@example.org"),
        selectors.EmergencyContact("Sending organisation", "Sending", "+86 1", ""),
        selectors.EmergencyContact("Host supervisor", "Sita", "", "sita@example.org"),
    ]
