"""Coordinators and administrators must use two-factor authentication on a live instance."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
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


def test_staff_accounts_without_another_role_are_sent_to_set_it_up(client):
    """Anyone who can reach the Django admin, not only coordinators and superusers."""
    client.force_login(UserFactory(name="Help Desk", is_staff=True))

    for url in (reverse("dashboard"), "/admin/"):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, TOTP_SETUP), url


def test_superusers_without_another_role_are_sent_to_set_it_up(client):
    client.force_login(UserFactory(name="Root", is_superuser=True, is_staff=False))

    assert client.get(reverse("dashboard")).url == TOTP_SETUP


# Partner members are encouraged, not forced --------------------------------------------------

NUDGE = "Turn on two-factor authentication"


def test_partner_members_without_two_factor_are_offered_it_on_the_dashboard(client, partner_member):
    client.force_login(partner_member)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    page = response.content.decode()
    assert NUDGE in page
    assert 'href="/accounts/2fa/"' in page


@pytest.mark.parametrize("role", ["admin", "reviewer", "supervisor"])
def test_every_partner_role_is_offered_two_factor(client, host_partner, role):
    member = UserFactory()
    MembershipFactory(
        user=member,
        organisation=host_partner,
        is_admin=role == "admin",
        is_reviewer=role == "reviewer",
        is_supervisor=role == "supervisor",
    )
    client.force_login(member)

    assert NUDGE in client.get(reverse("dashboard")).content.decode()


def test_partner_members_with_two_factor_are_not_nudged(client, partner_member):
    Authenticator.objects.create(user=partner_member, type=Authenticator.Type.TOTP, data={})
    client.force_login(partner_member)

    assert NUDGE not in client.get(reverse("dashboard")).content.decode()


def test_volunteers_are_not_nudged(client, volunteer):
    client.force_login(volunteer)

    assert NUDGE not in client.get(reverse("dashboard")).content.decode()
