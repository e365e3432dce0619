"""Sensitive account changes ask for the password again, however fresh the session."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.users import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    user = UserFactory(email="li@example.org")
    client.force_login(user)
    return user


def _asks_for_the_password(response) -> bool:
    return response.status_code == 302 and response.url.startswith(
        reverse("account_reauthenticate")
    )


def test_adding_an_email_address_needs_the_password_again(client, person):
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "li.wei@example.org"}
    )

    assert _asks_for_the_password(response)
    assert list(person.emailaddress_set.values_list("email", flat=True)) == ["li@example.org"]


def test_changing_the_password_needs_the_current_one(client, person):
    """allauth's change form asks for the current password itself; no second prompt."""
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "a-guess", "password1": "n3w-passphrase!", "password2": "n3w-passphrase!"},
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_turning_on_two_factor_needs_the_password_again(client, person):
    assert _asks_for_the_password(client.get(reverse("mfa_activate_totp")))


def test_after_confirming_the_password_the_change_goes_ahead(client, person):
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "li.wei@example.org"}
    )

    assert response.status_code == 302
    assert person.emailaddress_set.filter(email="li.wei@example.org").exists()
