import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partners import services
from partners.enums import AgreementKind, AgreementStatus, MemberRole, OrganisationKind
from partners.models import Agreement, Invitation, Membership, Organisation
from tests.factories import (
    AgreementFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name="signed.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def agreement_fields(**overrides):
    fields = {
        "title": "Teacher placement MoU",
        "kind": AgreementKind.MOU,
        "signed_on": TODAY,
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=365),
        "notes": "",
    }
    return {**fields, **overrides}


# Organisations ---------------------------------------------------------------------------


def test_organisation_create_sets_created_by(coordinator):
    organisation = services.organisation_create(
        created_by=coordinator,
        name="Kathmandu Youth Club",
        kind=OrganisationKind.COMMUNITY_BASED,
        country="NP",
        city="Kathmandu",
    )
    assert organisation.created_by == coordinator
    assert organisation.is_verified is False


def test_organisation_create_refuses_invalid_iati_identifier(coordinator):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            created_by=coordinator,
            name="Bad Id",
            kind=OrganisationKind.NATIONAL_NGO,
            country="NP",
            iati_identifier="not an id",
        )
    assert "iati_identifier" in error.value.message_dict
    assert Organisation.objects.filter(name="Bad Id").count() == 0


def test_organisation_update_changes_fields(host_partner):
    services.organisation_update(organisation=host_partner, city="Pokhara")
    host_partner.refresh_from_db()
    assert host_partner.city == "Pokhara"


def test_organisation_verify_sets_who_and_when(coordinator):
    organisation = OrganisationFactory(is_verified=False, verified_at=None)
    assert services.organisation_verify(organisation=organisation, verified_by=coordinator)
    organisation.refresh_from_db()
    assert organisation.is_verified is True
    assert organisation.verified_by == coordinator
    assert organisation.verified_at is not None


def test_organisation_verify_is_idempotent(coordinator, administrator):
    organisation = OrganisationFactory(is_verified=False, verified_at=None)
    services.organisation_verify(organisation=organisation, verified_by=coordinator)
    organisation.refresh_from_db()
    first_time = organisation.verified_at
    assert services.organisation_verify(organisation=organisation, verified_by=administrator) is (
        False
    )
    organisation.refresh_from_db()
    assert (organisation.verified_by, organisation.verified_at) == (coordinator, first_time)


# Members and invitations -----------------------------------------------------------------


def test_member_invite_creates_invitation_and_emails_after_commit(
    host_partner, org_admin, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = services.member_invite(
            organisation=host_partner,
            email="New.Person@Example.org",
            roles=[MemberRole.REVIEWER, MemberRole.SUPERVISOR],
            invited_by=org_admin,
        )
    assert len(callbacks) == 1
    assert (invitation.is_admin, invitation.is_reviewer, invitation.is_supervisor) == (
        False,
        True,
        True,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["New.Person@Example.org"]
    assert f"https://portal.example/partners/invitations/{invitation.token}/" in mail.outbox[0].body


def test_member_invite_sends_nothing_when_transaction_rolls_back(host_partner, org_admin):
    # Without capturing on-commit callbacks the test transaction never commits.
    services.member_invite(
        organisation=host_partner,
        email="someone@example.org",
        roles=[MemberRole.REVIEWER],
        invited_by=org_admin,
    )
    assert mail.outbox == []


def test_member_invite_again_renews_the_open_invitation(host_partner, org_admin):
    first = InvitationFactory(
        organisation=host_partner,
        email="again@example.org",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    renewed = services.member_invite(
        organisation=host_partner,
        email="AGAIN@example.org",
        roles=[MemberRole.ADMIN],
        invited_by=org_admin,
    )
    assert renewed.pk == first.pk
    assert renewed.token != first.token
    assert renewed.is_open
    assert renewed.is_admin is True
    assert Invitation.objects.filter(organisation=host_partner).count() == 1


def test_member_invite_refuses_no_role(host_partner, org_admin):
    with pytest.raises(ValidationError):
        services.member_invite(
            organisation=host_partner,
            email="x@example.org",
            roles=[],
            invited_by=org_admin,
        )
    assert Invitation.objects.count() == 0


def test_invitation_accept_creates_membership(host_partner):
    user = UserFactory(email="invitee@example.org")
    invitation = InvitationFactory(
        organisation=host_partner, email="Invitee@Example.org", is_admin=True, is_reviewer=False
    )
    membership = services.invitation_accept(invitation=invitation, user=user)
    assert (membership.is_admin, membership.is_reviewer, membership.is_supervisor) == (
        True,
        False,
        False,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None


def test_invitation_accept_adds_roles_to_existing_membership(host_partner, partner_member):
    invitation = InvitationFactory(
        organisation=host_partner, email=partner_member.email, is_admin=True, is_reviewer=False
    )
    services.invitation_accept(invitation=invitation, user=partner_member)
    membership = Membership.objects.get(user=partner_member, organisation=host_partner)
    assert membership.roles == [MemberRole.ADMIN, MemberRole.REVIEWER, MemberRole.SUPERVISOR]


def test_invitation_accept_refuses_other_email(host_partner, volunteer):
    invitation = InvitationFactory(organisation=host_partner, email="someone.else@example.org")
    with pytest.raises(ValidationError, match=r"someone\.else@example\.org"):
        services.invitation_accept(invitation=invitation, user=volunteer)
    assert not Membership.objects.filter(user=volunteer).exists()


def test_invitation_accept_refuses_unverified_email(host_partner):
    user = UserFactory(email="unverified@example.org", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    invitation = InvitationFactory(organisation=host_partner, email=user.email)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=user)
    assert not Membership.objects.filter(user=user).exists()


def test_invitation_accept_refuses_expired(host_partner):
    user = UserFactory()
    invitation = InvitationFactory(
        organisation=host_partner,
        email=user.email,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept(invitation=invitation, user=user)
    assert not Membership.objects.filter(user=user).exists()


def test_invitation_accept_refuses_used(host_partner):
    user = UserFactory()
    invitation = InvitationFactory(organisation=host_partner, email=user.email)
    services.invitation_accept(invitation=invitation, user=user)
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(invitation=invitation, user=user)


def test_member_update_roles(host_partner, org_admin, partner_member):
    membership = Membership.objects.get(user=partner_member)
    services.member_update_roles(membership=membership, roles=[MemberRole.SUPERVISOR])
    membership.refresh_from_db()
    assert membership.roles == [MemberRole.SUPERVISOR]


def test_member_update_roles_refuses_demoting_last_admin(org_admin):
    membership = Membership.objects.get(user=org_admin)
    with pytest.raises(ValidationError, match="only administrator"):
        services.member_update_roles(membership=membership, roles=[MemberRole.REVIEWER])
    membership.refresh_from_db()
    assert membership.is_admin is True


def test_member_update_roles_allows_demoting_when_another_admin_exists(host_partner, org_admin):
    MembershipFactory(organisation=host_partner, is_admin=True)
    membership = Membership.objects.get(user=org_admin)
    services.member_update_roles(membership=membership, roles=[MemberRole.REVIEWER])
    membership.refresh_from_db()
    assert membership.roles == [MemberRole.REVIEWER]


def test_member_remove(partner_member, org_admin):
    services.member_remove(membership=Membership.objects.get(user=partner_member))
    assert not Membership.objects.filter(user=partner_member).exists()


def test_member_remove_refuses_last_admin(org_admin, partner_member):
    with pytest.raises(ValidationError, match="only administrator"):
        services.member_remove(membership=Membership.objects.get(user=org_admin))
    assert Membership.objects.filter(user=org_admin).exists()


# Agreements ------------------------------------------------------------------------------


def test_agreement_create_as_draft_with_parties_and_document(administrator, host_partner):
    other = OrganisationFactory()
    agreement = services.agreement_create(
        created_by=administrator,
        organisations=[host_partner, other],
        document=pdf(),
        **agreement_fields(),
    )
    assert agreement.status == AgreementStatus.DRAFT
    assert set(agreement.organisations.all()) == {host_partner, other}
    assert agreement.document.name.endswith("-signed.pdf")
    with agreement.document.open("rb") as handle:
        assert handle.read() == PDF


def test_agreement_create_refuses_one_party(administrator, host_partner):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            created_by=administrator, organisations=[host_partner], **agreement_fields()
        )
    assert "organisations" in error.value.message_dict
    assert Agreement.objects.count() == 0


def test_agreement_create_refuses_end_before_start(administrator, host_partner):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            created_by=administrator,
            organisations=[host_partner, OrganisationFactory()],
            **agreement_fields(ends_on=TODAY - datetime.timedelta(days=1)),
        )
    assert "ends_on" in error.value.message_dict
    assert Agreement.objects.count() == 0


def test_agreement_create_refuses_non_pdf(administrator, host_partner, private_storage):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            created_by=administrator,
            organisations=[host_partner, OrganisationFactory()],
            document=pdf(content=b"MZ\x90\x00 not a pdf"),
            **agreement_fields(),
        )
    assert "document" in error.value.message_dict
    assert Agreement.objects.count() == 0


def test_agreement_update_replaces_document_and_deletes_old_after_commit(
    administrator, private_storage, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory(created_by=administrator, status=AgreementStatus.DRAFT)
    agreement.document = pdf("first.pdf")
    agreement.save()
    old_name = agreement.document.name
    parties = list(agreement.organisations.all())
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_update(
            by=administrator,
            agreement=agreement,
            organisations=parties,
            document=pdf("second.pdf"),
            title="Renamed",
        )
    agreement.refresh_from_db()
    assert agreement.title == "Renamed"
    assert agreement.document.name.endswith("-second.pdf")
    assert not private_storage.exists(old_name)


def test_agreement_expire_overdue_moves_only_active_ended_ones():
    ended = AgreementFactory(
        starts_on=TODAY - datetime.timedelta(days=400), ends_on=TODAY - datetime.timedelta(days=1)
    )
    ends_today = AgreementFactory(starts_on=TODAY - datetime.timedelta(days=30), ends_on=TODAY)
    draft_ended = AgreementFactory(
        status=AgreementStatus.DRAFT,
        starts_on=TODAY - datetime.timedelta(days=400),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    assert services.agreement_expire_overdue(today=TODAY) == 1
    assert services.agreement_expire_overdue(today=TODAY) == 0  # idempotent
    statuses = {a.pk: a.status for a in Agreement.objects.filter(pk__in=[ended.pk, ends_today.pk])}
    assert statuses == {ended.pk: AgreementStatus.EXPIRED, ends_today.pk: AgreementStatus.ACTIVE}
    draft_ended.refresh_from_db()
    assert draft_ended.status == AgreementStatus.DRAFT


def test_an_invitee_with_an_account_is_invited_in_their_language_and_zone(
    host_partner, org_admin, django_capture_on_commit_callbacks
):
    from django.utils import translation

    UserFactory(email="li@example.org", preferred_language="zh-hans", time_zone="Asia/Shanghai")

    with django_capture_on_commit_callbacks(execute=True):
        services.member_invite(
            organisation=host_partner,
            email="li@example.org",
            roles=[MemberRole.REVIEWER],
            invited_by=org_admin,
        )

    with translation.override("zh-hans"):
        subject = translation.gettext(
            "Invitation to join %(organisation)s on the Volunteer Portal"
        ) % {"organisation": host_partner.name}
    assert mail.outbox[0].subject == subject
    assert "Asia/Shanghai" in mail.outbox[0].body  # the expiry, in the invitee's zone
    assert "邀请" in mail.outbox[0].body


def test_the_invitation_email_task_skips_a_used_invitation(host_partner):
    invitation = InvitationFactory(organisation=host_partner, accepted_at=timezone.now())

    assert services.invitation_email_send(invitation_id=invitation.pk) is False
    assert mail.outbox == []


def test_an_invitation_from_an_organisation_with_a_line_break_in_its_name_is_emailed(
    org_admin, host_partner, django_capture_on_commit_callbacks
):
    host_partner.name = "Nepal Community\nLearning Centre"
    host_partner.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.member_invite(
            organisation=host_partner,
            email="new@example.org",
            roles=[MemberRole.REVIEWER],
            invited_by=org_admin,
        )

    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject
    assert "Nepal Community Learning Centre" in mail.outbox[0].subject
