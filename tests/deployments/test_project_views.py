"""Project pages per role, making and editing projects, and their state machine."""

import pytest
from django.urls import reverse

from deployments.enums import PartnerRole, ProjectStatus
from deployments.models import Project, ProjectPartner, ProjectStatusChange
from tests.factories import (
    IndicatorFactory,
    NeedsAssessmentFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectPartnerFactory,
    SignedOffNeedsAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def project_data(programme, organisation, **overrides):
    data = {
        "programme": programme.pk,
        "title": "Teaching in Lalitpur",
        "host_country": "NP",
        "region": "Bagmati",
        "city": "Lalitpur",
        "latitude": "",
        "longitude": "",
        "host_partner": organisation.pk,
        "summary": "English and mathematics with the community school.",
        "starts_on": "2027-03-01",
        "ends_on": "2028-02-28",
        "sdgs": ["4"],
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-organisation": "",
        "partners-0-role": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 404),
        ("volunteer", 404),
        ("host_member", 200),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_unpublished_project_detail_per_role(client_as, proposed_project, role, expected):
    response = client_as(role).get(
        reverse("deployments:project-detail", args=[proposed_project.pk])
    )

    assert response.status_code == expected


@pytest.mark.parametrize(
    "role",
    ["anonymous", "volunteer", "host_member", "other_member", "coordinator", "other_coordinator"],
)
def test_public_project_detail_for_everyone(client_as, recruiting_project, role):
    response = client_as(role).get(
        reverse("deployments:project-detail", args=[recruiting_project.pk])
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="sdg-badge sdg-4"' in body
    assert recruiting_project.host_partner.name in body


def test_project_detail_shows_partners_indicators_and_actions(
    client, coordinator, proposed_project
):
    ProjectPartnerFactory(
        project=proposed_project,
        organisation=OrganisationFactory(name="China Foundation"),
        role=PartnerRole.FUNDING,
    )
    IndicatorFactory(project=proposed_project, name="Pupils taught")
    client.force_login(coordinator)

    body = client.get(reverse("deployments:project-detail", args=[proposed_project.pk])).content
    body = body.decode()

    assert "China Foundation" in body
    assert "Funding (1)" in body
    assert "Pupils taught" in body
    assert 'name="to" value="needs_assessment"' in body
    assert "Status history" in body


def test_project_detail_hides_actions_from_visitors(client, recruiting_project):
    body = client.get(reverse("deployments:project-detail", args=[recruiting_project.pk]))

    assert 'name="to"' not in body.content.decode()
    assert "Status history" not in body.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 403),
        ("host_member", 403),
        ("other_member", 403),
        ("coordinator", 200),
        ("other_coordinator", 200),
        ("administrator", 200),
    ],
)
def test_project_create_page_per_role(client_as, programme, role, expected):
    response = client_as(role).get(
        reverse("deployments:project-create") + f"?programme={programme.pk}"
    )

    assert response.status_code == expected


def test_project_create_offers_only_coordinated_programmes(client, other_coordinator, programme):
    client.force_login(other_coordinator)

    response = client.get(reverse("deployments:project-create") + f"?programme={programme.pk}")

    choices = [str(p) for p in response.context["form"].fields["programme"].queryset]
    assert choices == ["Another Programme"]


def test_coordinator_creates_a_project(client, coordinator, programme, host_partner):
    funder = OrganisationFactory(name="Funder")
    PartnershipFactory(programme=programme, organisation=host_partner)
    PartnershipFactory(programme=programme, organisation=funder)
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-create"),
        project_data(
            programme,
            host_partner,
            **{"partners-0-organisation": funder.pk, "partners-0-role": PartnerRole.FUNDING},
        ),
    )

    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:project-detail", args=[project.pk])
    assert (project.programme, project.host_partner, project.status) == (
        programme,
        host_partner,
        ProjectStatus.PROPOSED,
    )
    assert list(project.sdgs.values_list("number", flat=True)) == [4]
    assert list(project.partnerships.values_list("organisation__name", "role")) == [
        ("Funder", PartnerRole.FUNDING)
    ]


def test_coordinator_of_another_programme_cannot_create_in_it(
    client, other_coordinator, programme, host_partner
):
    client.force_login(other_coordinator)

    response = client.post(
        reverse("deployments:project-create"), project_data(programme, host_partner)
    )

    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": "2027-01-01"}, "ends_on"),
        ({"host_country": "XX"}, "host_country"),
        ({"host_partner": ""}, "host_partner"),
        ({"latitude": "91"}, "latitude"),
        ({"sdgs": ["18"]}, "sdgs"),
    ],
)
def test_project_create_bad_input_writes_nothing(
    client, coordinator, programme, host_partner, overrides, field
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-create"), project_data(programme, host_partner, **overrides)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Project.objects.exists()
    assert not ProjectPartner.objects.exists()


def test_project_create_partner_without_role_is_a_form_error(
    client, coordinator, programme, host_partner
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-create"),
        project_data(programme, host_partner, **{"partners-0-organisation": host_partner.pk}),
    )

    assert response.status_code == 200
    assert "role" in response.context["formset"].forms[0].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("host_member", 403),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_project_update_page_per_role(client_as, proposed_project, role, expected):
    response = client_as(role).get(
        reverse("deployments:project-update", args=[proposed_project.pk])
    )

    assert response.status_code == expected


def test_coordinator_updates_a_project_and_its_partners(
    client, coordinator, programme, proposed_project, host_partner
):
    old = ProjectPartnerFactory(project=proposed_project, role=PartnerRole.FUNDING)
    new = OrganisationFactory(name="Implementer")
    PartnershipFactory(programme=programme, organisation=new)
    client.force_login(coordinator)
    data = project_data(
        programme,
        host_partner,
        title="Renamed",
        **{
            "partners-TOTAL_FORMS": "2",
            "partners-INITIAL_FORMS": "1",
            "partners-0-id": old.pk,
            "partners-0-organisation": old.organisation_id,
            "partners-0-role": PartnerRole.FUNDING,
            "partners-0-DELETE": "on",
            "partners-1-organisation": new.pk,
            "partners-1-role": PartnerRole.IMPLEMENTING,
        },
    )

    response = client.post(reverse("deployments:project-update", args=[proposed_project.pk]), data)

    assert response.status_code == 302
    proposed_project.refresh_from_db()
    assert proposed_project.title == "Renamed"
    assert list(proposed_project.partnerships.values_list("organisation__name", "role")) == [
        ("Implementer", PartnerRole.IMPLEMENTING)
    ]


def test_project_update_end_before_start_writes_nothing(
    client, coordinator, programme, proposed_project, host_partner
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-update", args=[proposed_project.pk]),
        project_data(programme, host_partner, title="Renamed", ends_on="2020-01-01"),
    )

    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    proposed_project.refresh_from_db()
    assert proposed_project.title == "Community school support"


@pytest.mark.parametrize(
    ("role", "expected", "moved"),
    [
        ("anonymous", 302, False),
        ("volunteer", 404, False),
        ("host_member", 403, False),
        ("other_member", 404, False),
        ("coordinator", 302, True),
        ("other_coordinator", 404, False),
        ("administrator", 302, True),
    ],
)
def test_project_transition_per_role(client_as, proposed_project, role, expected, moved):
    response = client_as(role).post(
        reverse("deployments:project-transition", args=[proposed_project.pk]),
        {"to": ProjectStatus.NEEDS_ASSESSMENT, "note": "Assessment under way"},
    )

    assert response.status_code == expected
    proposed_project.refresh_from_db()
    assert (proposed_project.status == ProjectStatus.NEEDS_ASSESSMENT) is moved
    assert ProjectStatusChange.objects.exists() is moved


def test_project_transition_refuses_get(client, coordinator, proposed_project):
    client.force_login(coordinator)

    response = client.get(reverse("deployments:project-transition", args=[proposed_project.pk]))

    assert response.status_code == 405


def test_approval_without_sign_off_is_a_message_not_an_error(client, coordinator, programme):
    project = NeedsAssessmentFactory(project__programme=programme).project
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-transition", args=[project.pk]),
        {"to": ProjectStatus.APPROVED},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "The project cannot be approved: the host partner has not signed off "
        "the needs assessment yet."
    ]
    project.refresh_from_db()
    assert project.status == ProjectStatus.NEEDS_ASSESSMENT


def test_approval_after_sign_off(client, coordinator, programme):
    project = SignedOffNeedsAssessmentFactory(project__programme=programme).project
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-transition", args=[project.pk]),
        {"to": ProjectStatus.APPROVED, "note": "Agreed with the host partner"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["The project is now approved."]
    change = ProjectStatusChange.objects.get(project=project)
    assert (change.to_status, change.changed_by, change.note) == (
        ProjectStatus.APPROVED,
        coordinator,
        "Agreed with the host partner",
    )


def test_illegal_transition_is_a_message(client, coordinator, proposed_project):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-transition", args=[proposed_project.pk]),
        {"to": ProjectStatus.COMPLETED},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "A project cannot go from “Proposed” to “Completed”."
    ]


def test_unknown_target_is_a_message(client, coordinator, proposed_project):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:project-transition", args=[proposed_project.pk]),
        {"to": "launched"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["Choose one of the offered actions."]


def test_repeated_transition_is_polite(client, coordinator, proposed_project):
    client.force_login(coordinator)
    url = reverse("deployments:project-transition", args=[proposed_project.pk])
    client.post(url, {"to": ProjectStatus.CANCELLED}, follow=True)

    response = client.post(url, {"to": ProjectStatus.CANCELLED}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["The project was already cancelled."]
    assert ProjectStatusChange.objects.count() == 1


@pytest.mark.parametrize("wanted", ["²", "9" * 30, "\x00", "-1"])
def test_project_create_ignores_an_odd_programme_in_the_address(client, coordinator, wanted):
    client.force_login(coordinator)

    response = client.get(reverse("deployments:project-create"), {"programme": wanted})

    assert response.status_code == 200
