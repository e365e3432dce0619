"""Services for needs assessments, indicators, projects and opportunities."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deployments import services
from deployments.enums import PartnerRole, Priority, ProjectStatus
from deployments.models import (
    Indicator,
    NeedsAssessment,
    NeedsAssessmentEvent,
    Opportunity,
    Project,
    ProjectStatusChange,
)
from tests.factories import (
    IndicatorFactory,
    NeedsAssessmentFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    SignedOffNeedsAssessmentFactory,
    SkillFactory,
)
from volunteers.models import Skill

pytestmark = pytest.mark.django_db


def assessment_fields(project, **overrides):
    return {
        "requested_by": project.host_partner,
        "community_consulted": "Ward committee and head teachers",
        "needs_found": "Teachers of English",
        "priority": Priority.HIGH,
        "expected_beneficiaries": 120,
        "assessed_by": "Programme officer",
        "assessed_on": timezone.localdate(),
        **overrides,
    }


def test_first_assessment_moves_a_proposed_project_on(proposed_project, coordinator):
    services.needs_assessment_save(
        project=proposed_project, by=coordinator, **assessment_fields(proposed_project)
    )

    proposed_project.refresh_from_db()
    assert proposed_project.status == ProjectStatus.NEEDS_ASSESSMENT
    change = ProjectStatusChange.objects.get(project=proposed_project)
    assert (change.from_status, change.to_status) == (
        ProjectStatus.PROPOSED,
        ProjectStatus.NEEDS_ASSESSMENT,
    )
    assert list(NeedsAssessmentEvent.objects.values_list("kind", flat=True)) == ["created"]


def test_assessment_requested_by_another_organisation_is_refused(proposed_project, coordinator):
    with pytest.raises(ValidationError) as refusal:
        services.needs_assessment_save(
            project=proposed_project,
            by=coordinator,
            **assessment_fields(proposed_project, requested_by=OrganisationFactory()),
        )

    assert "requested_by" in refusal.value.message_dict
    assert not NeedsAssessment.objects.exists()


def test_editing_a_signed_off_assessment_clears_the_sign_off(coordinator):
    assessment = SignedOffNeedsAssessmentFactory()
    project = assessment.project

    services.needs_assessment_save(
        project=project, by=coordinator, **assessment_fields(project, needs_found="More")
    )

    assessment.refresh_from_db()
    assert (assessment.needs_found, assessment.signed_off_by, assessment.signed_off_at) == (
        "More",
        None,
        None,
    )
    assert list(NeedsAssessmentEvent.objects.values_list("kind", flat=True)) == [
        "edited",
        "sign_off_cleared",
    ]


@pytest.mark.parametrize(
    "status", [ProjectStatus.APPROVED, ProjectStatus.RECRUITING, ProjectStatus.ACTIVE]
)
def test_editing_assessment_refused_once_approved(coordinator, status):
    assessment = SignedOffNeedsAssessmentFactory(project=ProjectFactory(status=status))

    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.needs_assessment_save(
            project=assessment.project,
            by=coordinator,
            **assessment_fields(assessment.project, needs_found="Changed"),
        )

    assessment.refresh_from_db()
    assert assessment.needs_found != "Changed"
    assert assessment.is_signed_off


def test_sign_off_records_who_and_when(partner_member, host_partner):
    assessment = NeedsAssessmentFactory(project__host_partner=host_partner)

    services.needs_assessment_sign_off(project=assessment.project, by=partner_member)

    assessment.refresh_from_db()
    assert assessment.signed_off_by == partner_member
    assert assessment.signed_off_at is not None
    assert NeedsAssessmentEvent.objects.get().kind == "signed_off"


def test_sign_off_refused_for_anyone_outside_the_host_organisation(coordinator, administrator):
    assessment = NeedsAssessmentFactory()

    for person in (coordinator, administrator):
        with pytest.raises(ValidationError, match="Only a member of the host organisation"):
            services.needs_assessment_sign_off(project=assessment.project, by=person)

    assessment.refresh_from_db()
    assert not assessment.is_signed_off


def test_sign_off_twice_changes_nothing(partner_member):
    assessment = SignedOffNeedsAssessmentFactory()
    first = assessment.signed_off_at

    services.needs_assessment_sign_off(project=assessment.project, by=partner_member)

    assessment.refresh_from_db()
    assert assessment.signed_off_at == first
    assert not NeedsAssessmentEvent.objects.exists()


def test_sign_off_without_assessment_is_refused(proposed_project, partner_member):
    with pytest.raises(ValidationError, match="no needs assessment to sign off"):
        services.needs_assessment_sign_off(project=proposed_project, by=partner_member)


def test_project_create_with_partners_and_sdgs(programme, host_partner, coordinator, sdg4):
    funder = OrganisationFactory(name="Funder")
    PartnershipFactory(programme=programme, organisation=host_partner)
    PartnershipFactory(programme=programme, organisation=funder)
    project = services.project_create(
        by=coordinator,
        programme=programme,
        sdgs=[sdg4],
        partnerships=[(funder, PartnerRole.FUNDING), (funder, PartnerRole.FUNDING)],
        title="Schools",
        host_country="NP",
        host_partner=host_partner,
        summary="Summary",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )

    assert project.status == ProjectStatus.PROPOSED
    assert project.created_by == coordinator
    assert list(project.sdgs.all()) == [sdg4]
    assert [(p.organisation, p.role) for p in project.partnerships.all()] == [
        (funder, PartnerRole.FUNDING)
    ]


def test_project_create_refuses_end_before_start(programme, host_partner, coordinator):
    with pytest.raises(ValidationError) as refusal:
        services.project_create(
            by=coordinator,
            programme=programme,
            title="Schools",
            host_country="NP",
            host_partner=host_partner,
            summary="Summary",
            starts_on=datetime.date(2027, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
        )

    assert "ends_on" in refusal.value.message_dict
    assert not Project.objects.exists()


def test_indicator_names_are_unique_per_project_whatever_the_case(coordinator):
    indicator = IndicatorFactory(name="Pupils taught")

    with pytest.raises(ValidationError) as refusal:
        services.indicator_create(
            project=indicator.project,
            by=coordinator,
            name="pupils TAUGHT",
            unit="pupils",
            baseline=0,
            target=10,
        )

    assert "name" in refusal.value.message_dict
    assert Indicator.objects.count() == 1


def test_indicator_refuses_negative_values(proposed_project, coordinator):
    with pytest.raises(ValidationError) as refusal:
        services.indicator_create(
            project=proposed_project,
            by=coordinator,
            name="Hours",
            unit="hours",
            baseline=Decimal("-1"),
            target=Decimal("-5"),
        )

    assert set(refusal.value.message_dict) == {"baseline", "target"}
    assert not Indicator.objects.exists()


def test_indicator_update_and_delete(coordinator):
    indicator = IndicatorFactory(name="Pupils")

    services.indicator_update(
        indicator=indicator, by=coordinator, name="Pupils", unit="pupils", baseline=5, target=50
    )
    indicator.refresh_from_db()
    assert (indicator.baseline, indicator.target) == (5, 50)

    services.indicator_delete(indicator=indicator, by=coordinator)
    assert not Indicator.objects.exists()


def test_opportunity_new_skills_are_matched_case_insensitively(recruiting_project, coordinator):
    teaching = SkillFactory(name="Teaching")

    opportunity = services.opportunity_create(
        project=recruiting_project,
        by=coordinator,
        skills=[teaching],
        new_skills="teaching, Nepali ,  nepali, Public  health",
        languages=[("en", "B2"), ("ne", "A2")],
        title="Teacher",
        description="Teach",
        seats=2,
        duration_months=6,
        starts_on=timezone.localdate() + datetime.timedelta(days=90),
        application_deadline=timezone.now() + datetime.timedelta(days=30),
        questions="",
    )

    assert sorted(opportunity.skills.values_list("name", flat=True)) == [
        "Nepali",
        "Public health",
        "Teaching",
    ]
    assert Skill.objects.count() == 3
    assert sorted(opportunity.languages.values_list("language", "minimum_level")) == [
        ("en", "B2"),
        ("ne", "A2"),
    ]


def test_opportunity_refused_on_a_cancelled_project(coordinator):
    project = ProjectFactory(status=ProjectStatus.CANCELLED)

    with pytest.raises(ValidationError, match="takes no new opportunities"):
        services.opportunity_create(
            project=project,
            by=coordinator,
            title="Teacher",
            description="Teach",
            seats=2,
            duration_months=6,
            starts_on=timezone.localdate() + datetime.timedelta(days=90),
            application_deadline=timezone.now() + datetime.timedelta(days=30),
            questions="",
        )

    assert not Opportunity.objects.exists()


def test_opportunity_deadline_must_be_before_start(recruiting_project, coordinator):
    with pytest.raises(ValidationError) as refusal:
        services.opportunity_create(
            project=recruiting_project,
            by=coordinator,
            title="Teacher",
            description="Teach",
            seats=2,
            duration_months=6,
            starts_on=timezone.localdate() + datetime.timedelta(days=10),
            application_deadline=timezone.now() + datetime.timedelta(days=30),
            questions="",
        )

    assert "application_deadline" in refusal.value.message_dict
    assert not Opportunity.objects.exists()


def test_programme_update(programme, coordinator):
    services.programme_update(
        programme=programme, by=coordinator, description="New", blind_review=True
    )

    programme.refresh_from_db()
    assert (programme.description, programme.blind_review) == ("New", True)
