"""Personal API tokens: kept as digests, shown once, revoked for good, last use recorded,
and each with its own request budget."""

import datetime
import hashlib

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import api_token_create, api_token_record_use, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLACEMENTS = "/api/v1/placements/"


def client_with(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_only_the_digest_of_the_key_is_stored(volunteer):
    token, key = api_token_create(user=volunteer, name="Phone")

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in ApiToken.objects.values().get().values()}
    assert stored.key_prefix == key[:8]


def test_a_token_opens_the_api_as_its_owner(volunteer):
    _token, key = api_token_create(user=volunteer, name="Phone")

    assert client_with(key).get(PLACEMENTS).status_code == 200


def test_a_wrong_key_answers_401():
    response = client_with("not-a-key").get(PLACEMENTS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_revoked_token_answers_401(volunteer):
    token, key = api_token_create(user=volunteer, name="Phone")
    api_token_revoke(token=token, by=volunteer)

    assert client_with(key).get(PLACEMENTS).status_code == 401


def test_a_token_of_a_deactivated_account_answers_401(volunteer):
    _token, key = api_token_create(user=volunteer, name="Phone")
    volunteer.is_active = False
    volunteer.save()

    assert client_with(key).get(PLACEMENTS).status_code == 401


def test_use_is_recorded(volunteer):
    token, key = api_token_create(user=volunteer, name="Phone")
    before = timezone.now()

    client_with(key).get(PLACEMENTS)

    token.refresh_from_db()
    assert token.last_used_at >= before


def test_use_within_a_minute_is_not_written_again(volunteer):
    token, _key = api_token_create(user=volunteer, name="Phone")
    earlier = timezone.now() - datetime.timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    token.refresh_from_db()

    api_token_record_use(token=token)

    token.refresh_from_db()
    assert token.last_used_at == earlier


def test_a_token_is_made_on_the_page_and_its_key_shown_once(client, volunteer):
    client.force_login(volunteer)
    url = reverse("api:token-list")

    made = client.post(url, {"name": "Field app"})
    again = client.get(url)

    token = ApiToken.objects.get(user=volunteer)
    key = made.context["new_key"]
    assert token.key_digest == hashlib.sha256(key.encode()).hexdigest()
    assert key in made.content.decode()
    assert key not in again.content.decode()
    assert "Field app" in again.content.decode()


def test_a_token_without_a_name_is_not_made(client, volunteer):
    client.force_login(volunteer)

    response = client.post(reverse("api:token-list"), {"name": "  "})

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_page_shows_the_last_use(client, volunteer):
    _token, key = api_token_create(user=volunteer, name="Phone")
    client_with(key).get(PLACEMENTS)
    client.force_login(volunteer)

    response = client.get(reverse("api:token-list"))

    assert response.context["tokens"][0].last_used_at is not None
    assert "never" not in response.content.decode()


def test_a_token_is_revoked_on_the_page(client, volunteer):
    token, key = api_token_create(user=volunteer, name="Phone")
    client.force_login(volunteer)

    response = client.post(reverse("api:token-revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client_with(key).get(PLACEMENTS).status_code == 401


def test_nobody_revokes_another_persons_token(client, volunteer):
    token, _key = api_token_create(user=volunteer, name="Phone")
    client.force_login(UserFactory())

    response = client.post(reverse("api:token-revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_pages_are_for_signed_in_people(client):
    response = client.get(reverse("api:token-list"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def rates(**rates):
    """The API settings with these request rates (read per request by ApiRateThrottle)."""
    default = {"token": "100/minute", "user": "100/minute", "anon": "100/minute"}
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": default | rates}
    )


@rates(token="2/minute")
def test_each_token_has_its_own_budget(volunteer):
    _first, first_key = api_token_create(user=volunteer, name="Phone")
    _second, second_key = api_token_create(user=volunteer, name="Tablet")
    phone, tablet = client_with(first_key), client_with(second_key)

    answers = [phone.get(PLACEMENTS).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert tablet.get(PLACEMENTS).status_code == 200


@rates(anon="2/minute")
def test_visitors_are_counted_by_address():
    visitor = APIClient()

    answers = [visitor.get("/api/v1/opportunities/").status_code for _ in range(3)]

    assert answers == [200, 200, 429]
