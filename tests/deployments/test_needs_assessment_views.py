"""Writing and signing off a project's needs assessment, and its indicators, per role."""

import pytest
from django.urls import reverse
from django.utils import timezone

from deployments.enums import Priority, ProjectStatus
from deployments.models import Indicator, NeedsAssessment, NeedsAssessmentEvent
from tests.factories import (
    IndicatorFactory,
    NeedsAssessmentFactory,
    OrganisationFactory,
    ProjectFactory,
    SignedOffNeedsAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def assessment_data(project, **overrides):
    return {
        "requested_by": project.host_partner_id,
        "community_consulted": "Ward committee, head teachers and parents",
        "needs_found": "English and mathematics teachers for grades 6 to 8",
        "priority": Priority.HIGH,
        "expected_beneficiaries": "240",
        "assessed_by": "Programme officer",
        "assessed_on": timezone.localdate().isoformat(),
        **overrides,
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("host_member", 200),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_needs_assessment_edit_page_per_role(client_as, proposed_project, role, expected):
    response = client_as(role).get(
        reverse("deployments:needs-assessment-edit", args=[proposed_project.pk])
    )

    assert response.status_code == expected


def test_requested_by_is_limited_to_the_host_partner_and_defaulted(
    client, coordinator, proposed_project
):
    client.force_login(coordinator)

    form = client.get(
        reverse("deployments:needs-assessment-edit", args=[proposed_project.pk])
    ).context["form"]

    assert list(form.fields["requested_by"].queryset) == [proposed_project.host_partner]
    assert form.initial["requested_by"] == proposed_project.host_partner_id


@pytest.mark.parametrize("role", ["host_member", "coordinator"])
def test_writing_the_assessment_moves_the_project_on(client_as, proposed_project, role):
    response = client_as(role).post(
        reverse("deployments:needs-assessment-edit", args=[proposed_project.pk]),
        assessment_data(proposed_project),
    )

    assert response.status_code == 302
    assessment = NeedsAssessment.objects.get(project=proposed_project)
    assert assessment.expected_beneficiaries == 240
    proposed_project.refresh_from_db()
    assert proposed_project.status == ProjectStatus.NEEDS_ASSESSMENT


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"expected_beneficiaries": "-3"}, "expected_beneficiaries"),
        ({"needs_found": ""}, "needs_found"),
        ({"priority": "urgent"}, "priority"),
    ],
)
def test_assessment_bad_input_writes_nothing(
    client, coordinator, proposed_project, overrides, field
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:needs-assessment-edit", args=[proposed_project.pk]),
        assessment_data(proposed_project, **overrides),
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not NeedsAssessment.objects.exists()
    proposed_project.refresh_from_db()
    assert proposed_project.status == ProjectStatus.PROPOSED


def test_assessment_requested_by_another_organisation_is_a_form_error(
    client, coordinator, proposed_project
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:needs-assessment-edit", args=[proposed_project.pk]),
        assessment_data(proposed_project, requested_by=OrganisationFactory().pk),
    )

    assert "requested_by" in response.context["form"].errors
    assert not NeedsAssessment.objects.exists()


def test_editing_signed_off_assessment_clears_sign_off_and_says_so(
    client, coordinator, programme, host_partner
):
    assessment = SignedOffNeedsAssessmentFactory(
        project=ProjectFactory(
            programme=programme, host_partner=host_partner, status=ProjectStatus.NEEDS_ASSESSMENT
        )
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:needs-assessment-edit", args=[assessment.project.pk]),
        assessment_data(assessment.project, needs_found="Also science"),
        follow=True,
    )

    assessment.refresh_from_db()
    assert not assessment.is_signed_off
    assert "sign-off was cleared" in str(next(iter(response.context["messages"])))
    assert NeedsAssessmentEvent.objects.filter(kind="sign_off_cleared").count() == 1


def test_editing_assessment_of_approved_project_is_refused(
    client, coordinator, programme, host_partner
):
    assessment = SignedOffNeedsAssessmentFactory(
        project=ProjectFactory(
            programme=programme, host_partner=host_partner, status=ProjectStatus.APPROVED
        )
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:needs-assessment-edit", args=[assessment.project.pk]),
        assessment_data(assessment.project, needs_found="Changed"),
    )

    assert response.status_code == 200
    assert "can no longer be changed" in str(response.context["form"].non_field_errors())
    assessment.refresh_from_db()
    assert assessment.needs_found != "Changed"
    assert assessment.is_signed_off


@pytest.mark.parametrize(
    ("role", "expected", "signed"),
    [
        ("anonymous", 302, False),
        ("volunteer", 404, False),
        ("host_member", 302, True),
        ("other_member", 404, False),
        ("coordinator", 403, False),
        ("other_coordinator", 404, False),
        ("administrator", 302, False),  # only the host organisation itself signs
    ],
)
def test_sign_off_per_role(client_as, people, programme, host_partner, role, expected, signed):
    assessment = NeedsAssessmentFactory(
        project=ProjectFactory(
            programme=programme, host_partner=host_partner, status=ProjectStatus.NEEDS_ASSESSMENT
        )
    )

    response = client_as(role).post(
        reverse("deployments:needs-assessment-sign-off", args=[assessment.project.pk])
    )

    assert response.status_code == expected
    assessment.refresh_from_db()
    assert assessment.is_signed_off is signed
    if signed:
        assert assessment.signed_off_by == people[role]


def test_sign_off_without_assessment_is_a_message(client, partner_member, proposed_project):
    client.force_login(partner_member)

    response = client.post(
        reverse("deployments:needs-assessment-sign-off", args=[proposed_project.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "There is no needs assessment to sign off yet."
    ]


def test_host_member_sees_sign_off_button(client, partner_member, programme, host_partner):
    assessment = NeedsAssessmentFactory(
        project=ProjectFactory(
            programme=programme, host_partner=host_partner, status=ProjectStatus.NEEDS_ASSESSMENT
        )
    )
    client.force_login(partner_member)

    body = client.get(reverse("deployments:project-detail", args=[assessment.project.pk]))

    assert (
        reverse("deployments:needs-assessment-sign-off", args=[assessment.project.pk])
        in body.content.decode()
    )


# Indicators


def indicator_data(**overrides):
    return {
        "name": "Pupils taught",
        "unit": "pupils",
        "baseline": "0",
        "target": "400",
        **overrides,
    }


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
def test_indicator_create_page_per_role(client_as, proposed_project, role, expected):
    response = client_as(role).get(
        reverse("deployments:indicator-create", args=[proposed_project.pk])
    )

    assert response.status_code == expected


def test_coordinator_adds_edits_and_deletes_an_indicator(client, coordinator, proposed_project):
    client.force_login(coordinator)

    client.post(
        reverse("deployments:indicator-create", args=[proposed_project.pk]), indicator_data()
    )
    indicator = Indicator.objects.get()
    client.post(
        reverse("deployments:indicator-update", args=[indicator.pk]),
        indicator_data(target="500"),
    )
    indicator.refresh_from_db()
    assert indicator.target == 500

    confirm = client.get(reverse("deployments:indicator-delete", args=[indicator.pk]))
    assert confirm.status_code == 200
    assert Indicator.objects.exists()

    client.post(reverse("deployments:indicator-delete", args=[indicator.pk]))
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"baseline": "-1"}, "baseline"),
        ({"target": "-10"}, "target"),
        ({"target": "many"}, "target"),
        ({"name": "pupils TAUGHT"}, "name"),
    ],
)
def test_indicator_bad_input_writes_nothing(
    client, coordinator, proposed_project, overrides, field
):
    IndicatorFactory(project=proposed_project, name="Pupils taught")
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:indicator-create", args=[proposed_project.pk]),
        indicator_data(**overrides),
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Indicator.objects.count() == 1


def test_indicator_delete_refused_to_host_member(client, partner_member, proposed_project):
    indicator = IndicatorFactory(project=proposed_project)
    client.force_login(partner_member)

    response = client.post(reverse("deployments:indicator-delete", args=[indicator.pk]))

    assert response.status_code == 403
    assert Indicator.objects.exists()
