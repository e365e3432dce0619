import pytest

from tests.factories import (
    ApplicationFactory,
    OpportunityFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)


@pytest.fixture
def project(programme, host_partner):
    return ProjectFactory(programme=programme, host_partner=host_partner)


@pytest.fixture
def placement(project, volunteer):
    opportunity = OpportunityFactory(project=project)
    return PlacementFactory(
        application=ApplicationFactory(
            volunteer=volunteer, opportunity=opportunity, status="accepted"
        )
    )


@pytest.fixture
def other_coordinator(db):
    user = UserFactory(name="Other Coordinator")
    ProgrammeFactory(name="Another Programme").coordinators.add(user)
    return user
