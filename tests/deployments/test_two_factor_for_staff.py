"""Coordinators and administrators must use two-factor authentication on a live instance."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories.users import TEST_PASSWORD

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _require_two_factor(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_staff_without_two_factor_are_sent_to_set_it_up(client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url == TOTP_SETUP
    # allauth asks for the password again before showing the secret.
    confirm = client.get(TOTP_SETUP)
    assert confirm.url.startswith(reverse("account_reauthenticate"))
    client.post(confirm.url, {"password": TEST_PASSWORD})
    setup = client.get(TOTP_SETUP)
    assert setup.status_code == 200
    assert "Authenticator code" in setup.content.decode()


def test_staff_with_two_factor_go_where_they_asked(client, coordinator):
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={})
    client.force_login(coordinator)

    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("who", ["volunteer", "partner_member"])
def test_volunteers_and_partners_are_not_forced(client, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("dashboard")).status_code == 200


def test_demo_accounts_stay_one_password_away(client, coordinator):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)

    assert client.get(reverse("dashboard")).status_code == 200


def test_the_requirement_is_off_when_the_setting_is(client, coordinator, settings):
    settings.REQUIRE_MFA_FOR_STAFF = False
    client.force_login(coordinator)

    assert client.get(reverse("dashboard")).status_code == 200


def test_staff_can_still_sign_out(client, coordinator):
    client.force_login(coordinator)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session
