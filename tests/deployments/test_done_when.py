"""Issue 3's "done when", in the browser's words: from a new host partner in Nepal to an
opportunity a visitor finds at /opportunities/?country=NP&sdg=4."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deployments.enums import OpportunityStatus, ProjectStatus
from deployments.models import Opportunity, Project, ProjectStatusChange
from partners.enums import OrganisationKind
from partners.models import Organisation
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def last_message(response) -> str:
    return [str(message) for message in response.context["messages"]][-1]


def test_from_host_partner_to_a_public_opportunity(coordinator, programme):
    today = timezone.localdate()
    as_coordinator = Client()
    as_coordinator.force_login(coordinator)

    # The coordinator registers the host partner in Nepal for the programme.
    response = as_coordinator.post(
        reverse("deployments:programme-organisation-register", args=[programme.pk]),
        {
            "name": "Lalitpur Community Learning Centre",
            "acronym": "LCLC",
            "kind": OrganisationKind.NATIONAL_NGO,
            "country": "NP",
            "city": "Lalitpur",
            "website": "",
            "contact_email": "",
            "contact_phone": "",
            "description": "Community learning centres in Lalitpur.",
            "iati_identifier": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    host = Organisation.objects.get(name="Lalitpur Community Learning Centre")
    member = UserFactory(name="Sita Sharma")
    MembershipFactory(user=member, organisation=host, is_reviewer=True, is_supervisor=True)

    # The coordinator creates the project, with SDG 4.
    response = as_coordinator.post(
        reverse("deployments:project-create"),
        {
            "programme": programme.pk,
            "title": "Quality education in Lalitpur",
            "host_country": "NP",
            "region": "Bagmati",
            "city": "Lalitpur",
            "latitude": "27.66644",
            "longitude": "85.32060",
            "host_partner": host.pk,
            "summary": "English and mathematics in community schools.",
            "starts_on": (today + datetime.timedelta(days=150)).isoformat(),
            "ends_on": (today + datetime.timedelta(days=515)).isoformat(),
            "sdgs": ["4"],
            "partners-TOTAL_FORMS": "0",
            "partners-INITIAL_FORMS": "0",
            "partners-MIN_NUM_FORMS": "0",
            "partners-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get(title="Quality education in Lalitpur")

    # The coordinator writes the needs assessment with the host partner…
    response = as_coordinator.post(
        reverse("deployments:needs-assessment-edit", args=[project.pk]),
        {
            "requested_by": host.pk,
            "community_consulted": "Head teachers, the ward committee and parents",
            "needs_found": "English and mathematics teachers for grades 6 to 8",
            "priority": "high",
            "expected_beneficiaries": "240",
            "assessed_by": "LCLC programme officer",
            "assessed_on": today.isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors

    # …approval is refused before the host partner signs off…
    response = as_coordinator.post(
        reverse("deployments:project-transition", args=[project.pk]),
        {"to": ProjectStatus.APPROVED},
        follow=True,
    )
    assert "has not signed off" in last_message(response)

    # …which the host partner's member does.
    as_member = Client()
    as_member.force_login(member)
    response = as_member.post(
        reverse("deployments:needs-assessment-sign-off", args=[project.pk]), follow=True
    )
    assert last_message(response) == (
        "You signed off the needs assessment on behalf of Lalitpur Community Learning Centre "
        "(LCLC)."
    )

    # The coordinator approves the project…
    response = as_coordinator.post(
        reverse("deployments:project-transition", args=[project.pk]),
        {"to": ProjectStatus.APPROVED, "note": "Needs assessment signed off"},
        follow=True,
    )
    assert last_message(response) == "The project is now approved."

    # …creates an opportunity and publishes it.
    response = as_coordinator.post(
        reverse("deployments:opportunity-create", args=[project.pk]),
        {
            "title": "English teacher, grades 6 to 8",
            "description": "Co-teach English and run a reading club.",
            "new_skills": "Teaching, English",
            "seats": "2",
            "duration_months": "12",
            "starts_on": (today + datetime.timedelta(days=160)).isoformat(),
            "application_deadline": (timezone.now() + datetime.timedelta(days=45)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "questions": "Describe a lesson you taught to a mixed-ability class.",
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-MIN_NUM_FORMS": "0",
            "languages-MAX_NUM_FORMS": "1000",
            "languages-0-language": "en",
            "languages-0-minimum_level": "C1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    opportunity = Opportunity.objects.get()
    response = as_coordinator.post(
        reverse("deployments:opportunity-transition", args=[opportunity.pk]),
        {"to": OpportunityStatus.OPEN},
        follow=True,
    )
    assert last_message(response) == "The opportunity is now open."

    project.refresh_from_db()
    assert project.status == ProjectStatus.RECRUITING
    assert list(
        ProjectStatusChange.objects.filter(project=project).values_list("to_status", flat=True)
    ) == [ProjectStatus.NEEDS_ASSESSMENT, ProjectStatus.APPROVED, ProjectStatus.RECRUITING]

    # An anonymous visitor finds it.
    response = Client().get("/opportunities/?country=NP&sdg=4")
    assert response.status_code == 200
    assert [row.title for row in response.context["page_obj"]] == ["English teacher, grades 6 to 8"]
    assert "English teacher, grades 6 to 8" in response.content.decode()
    detail = Client().get(reverse("deployments:opportunity-detail", args=[opportunity.pk]))
    assert detail.status_code == 200
