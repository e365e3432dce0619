"""Both state machines, pair by pair: the tables allow exactly what they list."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deployments import services
from deployments.enums import OpportunityStatus, ProjectStatus
from deployments.models import OpportunityStatusChange, ProjectStatusChange
from deployments.transitions import OPPORTUNITY_TRANSITIONS, PROJECT_TRANSITIONS
from tests.factories import (
    NeedsAssessmentFactory,
    OpportunityFactory,
    ProjectFactory,
    SignedOffNeedsAssessmentFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_PAIRS = [
    (source, target)
    for source, target in itertools.product(ProjectStatus.values, repeat=2)
    if source != target
]
OPPORTUNITY_PAIRS = [
    (source, target)
    for source, target in itertools.product(OpportunityStatus.values, repeat=2)
    if source != target
]


@pytest.mark.parametrize(("source", "target"), PROJECT_PAIRS)
def test_project_transition_follows_the_table(coordinator, source, target):
    project = ProjectFactory(status=source)
    SignedOffNeedsAssessmentFactory(project=project)  # so approval has what it needs

    if (source, target) in PROJECT_TRANSITIONS:
        services.project_transition(project=project, to_status=target, by=coordinator, note="ok")
        project.refresh_from_db()
        assert project.status == target
        change = ProjectStatusChange.objects.get(project=project)
        assert (change.from_status, change.to_status, change.changed_by, change.note) == (
            source,
            target,
            coordinator,
            "ok",
        )
    else:
        with pytest.raises(ValidationError, match="cannot go from"):
            services.project_transition(project=project, to_status=target, by=coordinator)
        project.refresh_from_db()
        assert project.status == source
        assert not ProjectStatusChange.objects.filter(project=project).exists()


@pytest.mark.parametrize("status", ProjectStatus.values)
def test_project_transition_to_the_same_state_changes_nothing(coordinator, status):
    project = ProjectFactory(status=status)

    services.project_transition(project=project, to_status=status, by=coordinator)

    assert project.status == status
    assert not ProjectStatusChange.objects.exists()


def test_project_transition_to_an_unknown_state_is_refused(coordinator):
    project = ProjectFactory(status=ProjectStatus.PROPOSED)

    with pytest.raises(ValidationError, match="not a project status"):
        services.project_transition(project=project, to_status="launched", by=coordinator)


def test_approval_refused_without_a_needs_assessment(coordinator):
    project = ProjectFactory(status=ProjectStatus.NEEDS_ASSESSMENT)

    with pytest.raises(ValidationError) as refusal:
        services.project_transition(
            project=project, to_status=ProjectStatus.APPROVED, by=coordinator
        )

    assert "no needs assessment" in refusal.value.messages[0]
    project.refresh_from_db()
    assert project.status == ProjectStatus.NEEDS_ASSESSMENT


def test_approval_refused_without_sign_off(coordinator):
    assessment = NeedsAssessmentFactory()
    project = assessment.project

    with pytest.raises(ValidationError) as refusal:
        services.project_transition(
            project=project, to_status=ProjectStatus.APPROVED, by=coordinator
        )

    assert refusal.value.messages == [
        "The project cannot be approved: the host partner has not signed off "
        "the needs assessment yet."
    ]
    project.refresh_from_db()
    assert project.status == ProjectStatus.NEEDS_ASSESSMENT
    assert not ProjectStatusChange.objects.exists()


def test_approval_succeeds_after_sign_off(coordinator):
    project = SignedOffNeedsAssessmentFactory().project

    services.project_transition(project=project, to_status=ProjectStatus.APPROVED, by=coordinator)

    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED


@pytest.mark.parametrize(("source", "target"), OPPORTUNITY_PAIRS)
def test_opportunity_transition_follows_the_table(coordinator, source, target):
    opportunity = OpportunityFactory(
        status=source,
        published_at=None if source == OpportunityStatus.DRAFT else timezone.now(),
        project=ProjectFactory(status=ProjectStatus.RECRUITING),
    )

    if (source, target) in OPPORTUNITY_TRANSITIONS:
        services.opportunity_transition(
            opportunity=opportunity, to_status=target, by=coordinator, note="why"
        )
        opportunity.refresh_from_db()
        assert opportunity.status == target
        change = OpportunityStatusChange.objects.get(opportunity=opportunity)
        assert (change.from_status, change.to_status, change.changed_by, change.note) == (
            source,
            target,
            coordinator,
            "why",
        )
    else:
        with pytest.raises(ValidationError, match="cannot go from"):
            services.opportunity_transition(
                opportunity=opportunity, to_status=target, by=coordinator
            )
        opportunity.refresh_from_db()
        assert opportunity.status == source
        assert not OpportunityStatusChange.objects.exists()


@pytest.mark.parametrize("status", OpportunityStatus.values)
def test_opportunity_transition_to_the_same_state_changes_nothing(coordinator, status):
    opportunity = OpportunityFactory(
        status=status,
        published_at=None if status == OpportunityStatus.DRAFT else timezone.now(),
    )

    services.opportunity_transition(opportunity=opportunity, to_status=status, by=coordinator)

    assert not OpportunityStatusChange.objects.exists()


def test_publishing_sets_published_at(coordinator):
    opportunity = OpportunityFactory(status=OpportunityStatus.DRAFT, published_at=None)

    services.opportunity_transition(
        opportunity=opportunity, to_status=OpportunityStatus.OPEN, by=coordinator
    )

    opportunity.refresh_from_db()
    assert opportunity.published_at is not None
    assert opportunity.published_at <= timezone.now()


@pytest.mark.parametrize(
    "project_status",
    [ProjectStatus.PROPOSED, ProjectStatus.NEEDS_ASSESSMENT, ProjectStatus.COMPLETED],
)
def test_publishing_refused_while_project_not_under_way(coordinator, project_status):
    opportunity = OpportunityFactory(
        status=OpportunityStatus.DRAFT,
        published_at=None,
        project=ProjectFactory(status=project_status),
    )

    with pytest.raises(ValidationError, match="cannot be published: the project is"):
        services.opportunity_transition(
            opportunity=opportunity, to_status=OpportunityStatus.OPEN, by=coordinator
        )

    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.published_at) == (OpportunityStatus.DRAFT, None)


def test_publishing_refused_when_deadline_passed(coordinator):
    opportunity = OpportunityFactory(
        status=OpportunityStatus.DRAFT,
        published_at=None,
        application_deadline=timezone.now() - datetime.timedelta(hours=1),
    )

    with pytest.raises(ValidationError, match="deadline has passed"):
        services.opportunity_transition(
            opportunity=opportunity, to_status=OpportunityStatus.OPEN, by=coordinator
        )


def test_publishing_on_an_approved_project_starts_recruiting(coordinator):
    project = ProjectFactory(status=ProjectStatus.APPROVED)
    opportunity = OpportunityFactory(
        project=project, status=OpportunityStatus.DRAFT, published_at=None
    )

    services.opportunity_transition(
        opportunity=opportunity, to_status=OpportunityStatus.OPEN, by=coordinator
    )

    project.refresh_from_db()
    assert project.status == ProjectStatus.RECRUITING
    change = ProjectStatusChange.objects.get(project=project)
    assert (change.from_status, change.to_status, change.changed_by) == (
        ProjectStatus.APPROVED,
        ProjectStatus.RECRUITING,
        coordinator,
    )
