"""Two coordinators offering the last seat at the same moment: only one offer goes out."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from deployments import services
from deployments.enums import ApplicationStatus
from tests import optional
from tests.factories import ApplicationFactory, OpportunityFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=optional.reason("postgresql", "row locks need PostgreSQL (CI runs it)"),
)
def test_two_coordinators_cannot_both_offer_the_last_seat(programme):
    first_coordinator, second_coordinator = UserFactory(), UserFactory()
    programme.coordinators.add(first_coordinator, second_coordinator)
    opportunity = OpportunityFactory(project=ProjectFactory(programme=programme), seats=1)
    candidates = [
        ApplicationFactory(opportunity=opportunity, status=ApplicationStatus.SHORTLISTED)
        for _ in range(2)
    ]
    start = threading.Barrier(2)
    outcomes = []

    def offer(application, coordinator):
        try:
            start.wait()
            services.application_transition(
                application=application, to_status=ApplicationStatus.OFFERED, by=coordinator
            )
            outcomes.append("offered")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=offer, args=(candidate, coordinator))
        for candidate, coordinator in zip(
            candidates, (first_coordinator, second_coordinator), strict=True
        )
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["no_seat", "offered"]
    assert opportunity.applications.filter(status=ApplicationStatus.OFFERED).count() == 1
