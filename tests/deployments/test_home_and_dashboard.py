import pytest
from django.urls import reverse

from deployments.enums import OpportunityStatus, ProjectStatus
from tests.factories import MembershipFactory, OpportunityFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_home_lists_open_opportunities_only(client):
    OpportunityFactory(title="English teacher")
    OpportunityFactory(title="Draft role", status=OpportunityStatus.DRAFT, published_at=None)
    OpportunityFactory(
        title="Unapproved project role",
        project=ProjectFactory(status=ProjectStatus.PROPOSED),
    )

    body = client.get(reverse("home")).content.decode()

    assert "English teacher" in body
    assert "Draft role" not in body
    assert "Unapproved project role" not in body


@pytest.mark.parametrize("rows", [1, 4])
def test_home_costs_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    for _ in range(rows):
        OpportunityFactory()

    with django_assert_num_queries(2):
        client.get(reverse("home"))


def test_dashboard_needs_sign_in(client):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_coordinator_dashboard_shows_the_programmes_projects(client, coordinator, programme):
    ProjectFactory(programme=programme, title="Kathmandu schools")
    ProjectFactory(title="Someone else's project")
    client.force_login(coordinator)

    body = client.get(reverse("dashboard")).content.decode()

    assert "Kathmandu schools" in body
    assert "Someone else&#x27;s project" not in body


def test_partner_dashboard_shows_the_organisations_projects(client, partner_member, host_partner):
    ProjectFactory(host_partner=host_partner, title="Hosted here")
    ProjectFactory(title="Hosted elsewhere")
    client.force_login(partner_member)

    body = client.get(reverse("dashboard")).content.decode()

    assert "Hosted here" in body
    assert "Hosted elsewhere" not in body


def test_volunteer_dashboard_suggests_open_opportunities(client, volunteer):
    OpportunityFactory(title="Health educator")
    client.force_login(volunteer)

    assert "Health educator" in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("rows", [1, 4])
def test_dashboard_costs_a_fixed_number_of_queries(
    client, coordinator, programme, host_partner, django_assert_max_num_queries, rows
):
    MembershipFactory(user=coordinator, organisation=host_partner)
    for _ in range(rows):
        ProjectFactory(programme=programme, host_partner=host_partner)
    client.force_login(coordinator)

    # 29: one of them asks whether this partner member already uses two-factor authentication;
    # 14 are the coordinator's action panel, figures and map (tests/deployments/test_dashboard.py),
    # 2 the partner's candidates to review and logs to verify.
    with django_assert_max_num_queries(29):
        client.get(reverse("dashboard"))
