"""Someone else's identity documents are downloaded only after confirming one's password."""

import time

import pytest
from django.urls import reverse

from deployments.enums import ApplicationStatus
from tests.factories import (
    ApplicationFactory,
    DocumentFactory,
    OpportunityFactory,
    ProjectFactory,
)
from tests.factories.users import TEST_PASSWORD
from volunteers.enums import DocumentKind

from .helpers import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport(volunteer, programme):
    opportunity = OpportunityFactory(project=ProjectFactory(programme=programme))
    ApplicationFactory(
        volunteer=volunteer, opportunity=opportunity, status=ApplicationStatus.SCREENING
    )
    return DocumentFactory(owner=volunteer, kind=DocumentKind.PASSPORT)


def _url(document) -> str:
    return reverse("volunteers:document-download", args=[document.pk])


def _confirm_password(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302


def test_a_coordinator_confirms_the_password_before_downloading(client, coordinator, passport):
    client.force_login(coordinator)

    response = client.get(_url(passport))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert f"next={_url(passport).replace('/', '%2F')}" in response.url


def test_after_confirming_the_coordinator_downloads(client, coordinator, passport):
    client.force_login(coordinator)
    _confirm_password(client)

    response = client.get(_url(passport))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_a_confirmation_older_than_the_timeout_is_asked_again(
    client, coordinator, passport, settings, monkeypatch
):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    client.force_login(coordinator)
    _confirm_password(client)
    confirmed_at = time.time()
    monkeypatch.setattr(time, "time", lambda: confirmed_at + 301)

    response = client.get(_url(passport))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_the_owner_is_not_asked(client, volunteer, passport):
    client.force_login(volunteer)

    assert client.get(_url(passport)).status_code == 200


def test_someone_who_may_not_see_it_gets_404_not_a_password_prompt(
    client, other_volunteer, passport
):
    client.force_login(other_volunteer)

    assert client.get(_url(passport)).status_code == 404
