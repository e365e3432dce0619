"""A programme can hold the members of its partner organisations to the staff's two-factor
requirement (Programme.partners_require_mfa)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from deployments.enums import PartnershipStatus
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _require_two_factor(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True


@pytest.fixture
def hosting(programme, host_partner):
    """`host_partner` (of `partner_member`) accepted a partnership with `programme` and hosts
    one of its projects."""
    PartnershipFactory(programme=programme, organisation=host_partner)
    return ProjectFactory(programme=programme, host_partner=host_partner)


def _require_of_partners(programme, on=True):
    programme.partners_require_mfa = on
    programme.save()


def test_members_of_a_host_partner_must_set_it_up_when_the_programme_asks(
    client, programme, hosting, partner_member
):
    _require_of_partners(programme)
    client.force_login(partner_member)

    response = client.get(reverse("dashboard"))

    assert (response.status_code, response.url) == (302, TOTP_SETUP)


def test_members_of_a_partner_must_set_it_up_too(client, programme):
    partner = OrganisationFactory()
    PartnershipFactory(programme=programme, organisation=partner)
    member = UserFactory()
    MembershipFactory(user=member, organisation=partner, is_reviewer=True)
    _require_of_partners(programme)
    client.force_login(member)

    assert client.get(reverse("dashboard")).url == TOTP_SETUP


def test_members_are_only_offered_it_while_the_programme_does_not_ask(
    client, programme, hosting, partner_member
):
    _require_of_partners(programme, on=False)
    client.force_login(partner_member)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert "Turn on two-factor authentication" in response.content.decode()


def test_members_of_organisations_outside_the_programme_are_not_held(client, programme, hosting):
    _require_of_partners(programme)
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=OrganisationFactory())
    client.force_login(outsider)

    assert client.get(reverse("dashboard")).status_code == 200


def test_members_of_an_organisation_only_proposed_to_are_not_held(client, programme):
    """Proposing a partnership gives the programme no say over the organisation's people."""
    proposed = OrganisationFactory()
    PartnershipFactory(
        programme=programme, organisation=proposed, status=PartnershipStatus.PROPOSED
    )
    member = UserFactory()
    MembershipFactory(user=member, organisation=proposed, is_reviewer=True)
    _require_of_partners(programme)
    client.force_login(member)

    assert client.get(reverse("dashboard")).status_code == 200


def test_members_with_two_factor_go_where_they_asked(client, programme, hosting, partner_member):
    _require_of_partners(programme)
    Authenticator.objects.create(user=partner_member, type=Authenticator.Type.TOTP, data={})
    client.force_login(partner_member)

    assert client.get(reverse("dashboard")).status_code == 200


def test_the_coordinator_switches_it_on_in_the_programme_form(client, programme, coordinator):
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={})
    client.force_login(coordinator)

    form_page = client.get(reverse("deployments:programme-update", args=[programme.pk]))
    response = client.post(
        reverse("deployments:programme-update", args=[programme.pk]),
        {"description": "", "partners_require_mfa": "on"},
    )

    assert "Partner members must use two-factor authentication" in form_page.content.decode()
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.partners_require_mfa is True
