"""Reads that matter leave an ACCESS entry: who, from where, in which request."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from deployments.enums import ApplicationStatus
from tests.factories import (
    ApplicationFactory,
    DocumentFactory,
    OpportunityFactory,
    UserFactory,
    VolunteerProfileFactory,
)
from tests.factories.users import TEST_PASSWORD
from volunteers.enums import DocumentKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport(volunteer, project):
    ApplicationFactory(
        volunteer=volunteer,
        opportunity=OpportunityFactory(project=project),
        status=ApplicationStatus.SCREENING,
    )
    return DocumentFactory(owner=volunteer, kind=DocumentKind.PASSPORT)


def test_downloading_a_passport_is_in_the_audit_log(client, coordinator, passport):
    client.force_login(coordinator)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    response = client.get(
        reverse("volunteers:document-download", args=[passport.pk]), REMOTE_ADDR="198.51.100.7"
    )

    assert response.status_code == 200
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert (
        entry.content_type.model,
        entry.object_id,
        entry.actor,
        entry.remote_addr,
        entry.cid,
        entry.additional_data,
    ) == (
        "document",
        passport.pk,
        coordinator,
        "198.51.100.7",
        response.headers["X-Request-ID"],
        {"access": "download"},
    )


def test_a_refused_download_leaves_no_access_entry(client, passport):
    client.force_login(UserFactory())

    response = client.get(reverse("volunteers:document-download", args=[passport.pk]))

    assert response.status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_the_address_behind_a_trusted_proxy_is_the_clients(client, settings, volunteer, passport):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.force_login(volunteer)

    client.get(
        reverse("volunteers:document-download", args=[passport.pk]),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5",
    )

    assert LogEntry.objects.get(action=LogEntry.Action.ACCESS).remote_addr == "203.0.113.5"


def test_a_coordinator_reading_an_applicants_profile_is_recorded(client, coordinator, volunteer):
    application = ApplicationFactory(volunteer=volunteer, status=ApplicationStatus.SCREENING)
    application.opportunity.project.programme.coordinators.add(coordinator)
    profile = VolunteerProfileFactory(user=volunteer)
    client.force_login(coordinator)

    client.get(reverse("deployments:application-detail", args=[application.pk]))
    client.force_login(volunteer)
    client.get(reverse("deployments:application-detail", args=[application.pk]))

    assert [
        (e.content_type.model, e.object_id, e.actor)
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    ] == [("volunteerprofile", profile.pk, coordinator)]
