"""Coordinators see an applicant's profile and identity documents while the application is
open or the person is placed, and for APPLICANT_DATA_ACCESS_DAYS after it closed; then no more.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deployments.enums import ApplicationStatus
from deployments.rules import coordinated_programme_ids, is_coordinator_of_applicant
from tests.factories import (
    ApplicationFactory,
    DocumentFactory,
    OpportunityFactory,
    PlacementFactory,
    ProjectFactory,
    UserFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
AS = ApplicationStatus


@pytest.fixture(autouse=True)
def _ninety_days(settings):
    settings.APPLICANT_DATA_ACCESS_DAYS = 90


@pytest.fixture
def opportunity(programme):
    return OpportunityFactory(project=ProjectFactory(programme=programme))


@pytest.fixture
def applicant(db):
    person = UserFactory(name="Pema Lama")
    VolunteerProfileFactory(user=person)
    return person


def _closed(application, *, days_ago):
    type(application).objects.filter(pk=application.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def _sees(coordinator, applicant, document) -> tuple[bool, bool]:
    fresh = type(coordinator).objects.get(pk=coordinator.pk)  # no cached rule answers
    return (
        fresh.has_perm("volunteers.view_profile", applicant.volunteer_profile),
        fresh.has_perm("volunteers.view_document", document),
    )


def test_coordinators_see_the_applicant_while_the_application_is_open(
    coordinator, opportunity, applicant
):
    application = ApplicationFactory(volunteer=applicant, opportunity=opportunity)
    _closed(application, days_ago=400)  # open applications never expire, however old

    assert _sees(coordinator, applicant, DocumentFactory(owner=applicant)) == (True, True)


@pytest.mark.parametrize("status", [AS.REJECTED, AS.WITHDRAWN, AS.DECLINED])
def test_coordinators_see_the_applicant_within_the_period_after_it_closed(
    coordinator, opportunity, applicant, status
):
    application = ApplicationFactory(volunteer=applicant, opportunity=opportunity, status=status)
    _closed(application, days_ago=89)

    assert _sees(coordinator, applicant, DocumentFactory(owner=applicant)) == (True, True)


@pytest.mark.parametrize("status", [AS.REJECTED, AS.WITHDRAWN, AS.DECLINED])
def test_coordinators_lose_sight_of_the_applicant_after_the_period(
    client, coordinator, opportunity, applicant, status
):
    application = ApplicationFactory(volunteer=applicant, opportunity=opportunity, status=status)
    _closed(application, days_ago=91)
    document = DocumentFactory(owner=applicant)

    assert _sees(coordinator, applicant, document) == (False, False)
    client.force_login(coordinator)
    response = client.get(reverse("volunteers:document-download", args=[document.pk]))
    assert response.status_code == 404


def test_the_period_is_a_setting(settings, coordinator, opportunity, applicant):
    application = ApplicationFactory(
        volunteer=applicant, opportunity=opportunity, status=AS.REJECTED
    )
    _closed(application, days_ago=20)
    settings.APPLICANT_DATA_ACCESS_DAYS = 14

    assert _sees(coordinator, applicant, DocumentFactory(owner=applicant)) == (False, False)


def test_another_open_application_keeps_the_applicant_visible(
    coordinator, programme, opportunity, applicant
):
    old = ApplicationFactory(volunteer=applicant, opportunity=opportunity, status=AS.REJECTED)
    _closed(old, days_ago=300)
    ApplicationFactory(
        volunteer=applicant,
        opportunity=OpportunityFactory(project=ProjectFactory(programme=programme)),
    )

    assert _sees(coordinator, applicant, DocumentFactory(owner=applicant)) == (True, True)


def test_a_placed_volunteer_stays_visible(coordinator, opportunity, applicant):
    placement = PlacementFactory(
        application__volunteer=applicant, application__opportunity=opportunity
    )
    _closed(placement.application, days_ago=400)

    assert _sees(coordinator, applicant, DocumentFactory(owner=applicant)) == (True, True)


def test_coordinators_of_other_programmes_never_see_the_applicant(opportunity, applicant):
    ApplicationFactory(volunteer=applicant, opportunity=opportunity)
    outsider = UserFactory()
    OpportunityFactory().project.programme.coordinators.add(outsider)

    assert _sees(outsider, applicant, DocumentFactory(owner=applicant)) == (False, False)


@pytest.mark.parametrize("applications", [1, 3])
def test_the_decision_takes_one_query_after_the_programmes(
    coordinator, programme, applicant, applications
):
    for _ in range(applications):
        opportunity = OpportunityFactory(project=ProjectFactory(programme=programme))
        _closed(
            ApplicationFactory(volunteer=applicant, opportunity=opportunity, status=AS.REJECTED),
            days_ago=200,
        )
    document = DocumentFactory(owner=applicant)
    fresh = type(coordinator).objects.get(pk=coordinator.pk)
    coordinated_programme_ids(fresh)  # read once per person, not part of the decision

    with CaptureQueriesContext(connection) as queries:
        assert is_coordinator_of_applicant(fresh, document) is False

    assert len(queries) == 1, "\n".join(query["sql"] for query in queries)
