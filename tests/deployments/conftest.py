"""Fixtures for the deployments tests: people in every role around one project."""

import pytest

from deployments.enums import OpportunityStatus, ProjectStatus
from deployments.models import SustainableDevelopmentGoal
from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)

ROLES = (
    "anonymous",
    "volunteer",
    "host_member",
    "other_member",
    "coordinator",
    "other_coordinator",
    "administrator",
)


@pytest.fixture
def other_coordinator(db):
    """Coordinates another programme, not `programme`."""
    user = UserFactory(name="Other Coordinator")
    ProgrammeFactory(name="Another Programme").coordinators.add(user)
    return user


@pytest.fixture
def other_member(db):
    """A member of an organisation that has nothing to do with the project."""
    user = UserFactory(name="Other Member")
    MembershipFactory(user=user, organisation=OrganisationFactory(country="MM"))
    return user


@pytest.fixture
def people(volunteer, partner_member, other_member, coordinator, other_coordinator, administrator):
    return {
        "anonymous": None,
        "volunteer": volunteer,
        "host_member": partner_member,
        "other_member": other_member,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "administrator": administrator,
    }


@pytest.fixture
def client_as(client, people):
    """A test client signed in as the named role (or not signed in: "anonymous")."""

    def sign_in(role):
        user = people[role]
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def sdg4(db):
    return SustainableDevelopmentGoal.objects.get(number=4)


@pytest.fixture
def proposed_project(programme, host_partner):
    return ProjectFactory(
        programme=programme,
        host_partner=host_partner,
        status=ProjectStatus.PROPOSED,
        title="Community school support",
    )


@pytest.fixture
def recruiting_project(programme, host_partner, sdg4):
    return ProjectFactory(
        programme=programme,
        host_partner=host_partner,
        status=ProjectStatus.RECRUITING,
        title="Teaching in Kathmandu",
        sdgs=[sdg4],
    )


@pytest.fixture
def draft_opportunity(recruiting_project):
    return OpportunityFactory(
        project=recruiting_project,
        title="Draft maths teacher",
        status=OpportunityStatus.DRAFT,
        published_at=None,
    )
