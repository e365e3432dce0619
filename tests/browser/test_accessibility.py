"""Every main page, for every role, has no serious or critical axe-core violation."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from deployments.models import Application, Opportunity, Project
from partners.models import Organisation

from .accessibility import serious_violations
from .helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_PASSWORD = "demo-pass-2026"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo")
    settings.DEBUG = False


def pages_for(role: str) -> list[str]:
    project = Project.objects.order_by("pk").first()
    opportunity = Opportunity.objects.order_by("pk").first()
    organisation = Organisation.objects.get(name="Kathmandu Community Learning Centre")
    application = Application.objects.get(volunteer__email="volunteer@demo.example")
    placement = application.placement
    public = [
        "/",
        "/opportunities/",
        f"/opportunities/{opportunity.pk}/",
        "/projects/",
        f"/projects/{project.pk}/",
        "/partners/",
        f"/partners/{organisation.pk}/",
    ]
    signed_in = ["/dashboard/", "/applications/", "/notifications/", "/me/preferences/"]
    return {
        "anonymous": [*public, "/accounts/login/", "/accounts/signup/"],
        "volunteer@demo.example": [
            *signed_in,
            "/volunteer/profile/",
            "/volunteer/documents/",
            "/volunteer/documents/upload/",
            f"/applications/{application.pk}/",
            "/opportunities/?sort=fit",
            reverse("deployments:placement-detail", args=[placement.pk]),
            reverse("deployments:activity-log-create", args=[placement.pk]),
        ],
        "partner@demo.example": [
            *signed_in,
            "/partners/agreements/",
            "/partnerships/",
            f"/partners/{organisation.pk}/members/",
            f"/projects/{project.pk}/needs-assessment/",
        ],
        "coordinator@demo.example": [
            *signed_in,
            "/programmes/",
            f"/projects/{project.pk}/",
            f"/projects/{project.pk}/edit/",
            "/projects/new/",
            f"/opportunities/{opportunity.pk}/applications/",
            f"/opportunities/{opportunity.pk}/edit/",
            f"/applications/{application.pk}/",
            f"/programmes/{project.programme_id}/organisations/new/",
            f"/programmes/{project.programme_id}/partnerships/new/",
            "/partnerships/",
            "/partners/agreements/",
            "/partners/agreements/new/",
        ],
    }[role]


@pytest.mark.parametrize(
    "role",
    ["anonymous", "volunteer@demo.example", "partner@demo.example", "coordinator@demo.example"],
)
def test_main_pages_have_no_serious_accessibility_violation(new_page, live_server, demo, role):
    page = new_page()
    if role != "anonymous":
        sign_in(page, live_server.url, role, DEMO_PASSWORD)
    found = {}
    for path in pages_for(role):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = serious_violations(page)
        if violations:
            found[path] = violations

    assert found == {}
