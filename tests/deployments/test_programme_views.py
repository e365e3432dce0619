"""A programme's page and its settings, per role."""

import pytest
from django.urls import reverse

from deployments.models import Partnership
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("host_member", 404),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_programme_detail_per_role(client_as, programme, role, expected):
    response = client_as(role).get(reverse("deployments:programme-detail", args=[programme.pk]))

    assert response.status_code == expected


def test_programme_detail_lists_its_projects(client, coordinator, programme):
    ProjectFactory(programme=programme, title="Teaching in Kathmandu", sdgs=[4])
    client.force_login(coordinator)

    body = client.get(reverse("deployments:programme-detail", args=[programme.pk])).content
    body = body.decode()

    assert "Teaching in Kathmandu" in body
    assert 'class="sdg-badge sdg-4"' in body
    assert f"{reverse('deployments:project-create')}?programme={programme.pk}" in body


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("host_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_programme_update_page_per_role(client_as, programme, role, expected):
    response = client_as(role).get(reverse("deployments:programme-update", args=[programme.pk]))

    assert response.status_code == expected


def test_coordinator_updates_the_programme_but_cannot_add_partners_by_editing_it(
    client, coordinator, programme
):
    """Partners join by accepting a proposal (test_partnerships), never through this form."""
    partner = OrganisationFactory(name="United Nations Volunteers")
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:programme-update", args=[programme.pk]),
        {"description": "South-South volunteering", "partners": [partner.pk], "blind_review": "on"},
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.description, programme.blind_review) == ("South-South volunteering", True)
    assert not Partnership.objects.exists()
