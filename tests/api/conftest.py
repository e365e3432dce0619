"""Fixtures for the API tests: a volunteer in the field with a personal token, and clients."""

import io

import pytest
from PIL import Image
from rest_framework.test import APIClient

from api.services import api_token_create
from deployments.enums import PlacementStatus
from tests.factories import PlacementFactory


@pytest.fixture
def placement(volunteer, coordinator, programme, partner_member, host_partner):
    """Volunteer Li Wei in country, in a project of `programme` hosted by `host_partner`."""
    return PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity__project__programme=programme,
        application__opportunity__project__host_partner=host_partner,
        status=PlacementStatus.IN_COUNTRY,
    )


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def token_client():
    """An API client that sends a personal token of the given user."""

    def for_user(user, name="Field app"):
        _token, key = api_token_create(user=user, name=name)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return for_user


@pytest.fixture
def volunteer_api(token_client, volunteer):
    return token_client(volunteer)


def jpeg_file(name="photo.jpg", colour="green"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = name
    return buffer
