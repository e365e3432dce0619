import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partners.enums import MemberRole
from partners.models import Invitation, Membership
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MANAGE_STATUS = [
    ("anonymous", 302),
    ("volunteer", 403),
    ("other_member", 403),
    ("partner_member", 403),
    ("org_admin", 200),
    ("linked_coordinator", 403),
    ("unlinked_coordinator", 403),
    ("administrator", 200),
]


@pytest.mark.parametrize(("role", "status"), MANAGE_STATUS)
def test_member_list_per_role(client, as_role, role, status, host_partner):
    as_role(role)
    response = client.get(reverse("partners:member-list", args=[host_partner.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), MANAGE_STATUS)
def test_member_remove_per_role(client, as_role, role, status, host_partner, partner_member):
    as_role(role)
    membership = Membership.objects.get(user=partner_member)
    response = client.post(reverse("partners:member-remove", args=[host_partner.pk, membership.pk]))
    removed = status == 200
    assert response.status_code == (302 if removed else status)
    assert Membership.objects.filter(pk=membership.pk).exists() is not removed


@pytest.mark.parametrize(("role", "status"), MANAGE_STATUS)
def test_member_update_per_role(client, as_role, role, status, host_partner, partner_member):
    as_role(role)
    membership = Membership.objects.get(user=partner_member)
    url = reverse("partners:member-update", args=[host_partner.pk, membership.pk])
    assert client.get(url).status_code == status


def test_member_update_changes_roles(client, org_admin, host_partner, partner_member):
    client.force_login(org_admin)
    membership = Membership.objects.get(user=partner_member)
    url = reverse("partners:member-update", args=[host_partner.pk, membership.pk])
    response = client.post(url, {"roles": [MemberRole.ADMIN, MemberRole.SUPERVISOR]})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.roles == [MemberRole.ADMIN, MemberRole.SUPERVISOR]


def test_member_update_without_role_is_a_form_error(
    client, org_admin, host_partner, partner_member
):
    client.force_login(org_admin)
    membership = Membership.objects.get(user=partner_member)
    url = reverse("partners:member-update", args=[host_partner.pk, membership.pk])
    response = client.post(url, {})
    assert response.context["form"].errors["roles"] == ["Choose at least one role."]
    membership.refresh_from_db()
    assert membership.roles == [MemberRole.REVIEWER, MemberRole.SUPERVISOR]


def test_demoting_last_admin_is_refused_with_a_message(client, org_admin, host_partner):
    client.force_login(org_admin)
    membership = Membership.objects.get(user=org_admin)
    url = reverse("partners:member-update", args=[host_partner.pk, membership.pk])
    response = client.post(url, {"roles": [MemberRole.REVIEWER]})
    assert response.status_code == 200
    assert "only administrator" in str(response.context["form"].non_field_errors())
    membership.refresh_from_db()
    assert membership.is_admin


def test_removing_last_admin_is_refused_with_a_message(
    client, administrator, host_partner, org_admin
):
    client.force_login(administrator)
    membership = Membership.objects.get(user=org_admin)
    url = reverse("partners:member-remove", args=[host_partner.pk, membership.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "only administrator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_member_of_another_organisation_cannot_be_changed_through_this_one(
    client, org_admin, host_partner, other_member
):
    client.force_login(org_admin)
    foreign = Membership.objects.get(user=other_member)
    response = client.post(reverse("partners:member-remove", args=[host_partner.pk, foreign.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_invite_form_errors_write_nothing(client, org_admin, host_partner, partner_member):
    client.force_login(org_admin)
    url = reverse("partners:member-list", args=[host_partner.pk])
    for data, field in [
        ({"email": "not-an-email", "roles": ["reviewer"]}, "email"),
        ({"email": "ok@example.org"}, "roles"),
        ({"email": "ok@example.org", "roles": ["owner"]}, "roles"),
        ({"email": partner_member.email.upper(), "roles": ["reviewer"]}, "email"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert field in response.context["form"].errors
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


# The invitation flow, end to end ---------------------------------------------------------


def invite(client, org_admin, organisation, email, roles, capture):
    client.force_login(org_admin)
    with capture(execute=True):
        response = client.post(
            reverse("partners:member-list", args=[organisation.pk]),
            {"email": email, "roles": roles},
        )
    assert response.status_code == 302
    client.logout()
    (link,) = re.findall(r"https?://\S+/partners/invitations/\S+/", mail.outbox[-1].body)
    return urlsplit(link).path


def test_invitation_flow_end_to_end(
    client, org_admin, host_partner, django_capture_on_commit_callbacks
):
    path = invite(
        client,
        org_admin,
        host_partner,
        "Newcomer@Example.org",
        ["reviewer", "supervisor"],
        django_capture_on_commit_callbacks,
    )
    assert mail.outbox[0].to == ["Newcomer@Example.org"]
    assert host_partner.name in mail.outbox[0].subject

    # No account yet: the page asks them to sign up with that address.
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["needs_account"] is True
    assert response.context["signup_url"].startswith(reverse("account_signup"))
    assert "newcomer@example.org" in response.content.decode().lower()

    # With an account but signed out: to the login page, and back.
    newcomer = UserFactory(email="newcomer@example.org")
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")

    # Signed in with another address: refused, nothing written.
    stranger = UserFactory(email="stranger@example.org")
    client.force_login(stranger)
    response = client.post(path)
    assert response.status_code == 200
    assert "Newcomer@Example.org" in response.context["refusal"]
    assert not Membership.objects.filter(user=stranger).exists()

    # Signed in with the invited (verified) address, in another case: accepted.
    client.force_login(newcomer)
    assert client.get(path).context["refusal"] is None
    response = client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("partners:organisation-detail", args=[host_partner.pk])
    membership = Membership.objects.get(user=newcomer, organisation=host_partner)
    assert membership.roles == [MemberRole.REVIEWER, MemberRole.SUPERVISOR]

    # The link works once.
    response = client.post(path)
    assert response.status_code == 200
    assert "already been used" in response.context["refusal"]


def test_expired_invitation_is_refused_clearly(client, host_partner):
    user = UserFactory()
    invitation = InvitationFactory(
        organisation=host_partner,
        email=user.email,
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    path = reverse("partners:invitation-accept", args=[invitation.token])
    assert "expired" in client.get(path).context["refusal"]
    client.force_login(user)
    response = client.post(path)
    assert response.status_code == 200
    assert "expired" in response.context["refusal"]
    assert not Membership.objects.filter(user=user).exists()


def test_unknown_invitation_token_is_404(client):
    response = client.get(reverse("partners:invitation-accept", args=["no-such-token"]))
    assert response.status_code == 404


def test_invited_admin_can_manage_members_after_accepting(client, host_partner):
    user = UserFactory()
    invitation = InvitationFactory(
        organisation=host_partner, email=user.email, is_admin=True, is_reviewer=False
    )
    client.force_login(user)
    members_url = reverse("partners:member-list", args=[host_partner.pk])
    assert client.get(members_url).status_code == 403
    client.post(reverse("partners:invitation-accept", args=[invitation.token]))
    assert client.get(members_url).status_code == 200


def test_second_admin_allows_removing_the_first(client, host_partner, org_admin):
    second = MembershipFactory(organisation=host_partner, is_admin=True)
    client.force_login(second.user)
    first = Membership.objects.get(user=org_admin)
    client.post(reverse("partners:member-remove", args=[host_partner.pk, first.pk]))
    assert not Membership.objects.filter(pk=first.pk).exists()
