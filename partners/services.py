"""Every change to organisations, memberships, invitations and agreements happens here.

Each use-case is keyword-only and atomic; a refused action raises ValidationError with a
message for the person, which views show as a form error or a message.
"""

import datetime
import logging

import rules
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import email_subject

from .enums import AgreementStatus, MemberRole
from .models import Agreement, AgreementConfirmation, Invitation, Membership, Organisation
from .validators import normalise_name

logger = logging.getLogger(__name__)

INVITATION_VALID_FOR = datetime.timedelta(days=14)
MIN_AGREEMENT_PARTIES = 2

ORGANISATION_FIELDS = (
    "name",
    "acronym",
    "kind",
    "country",
    "city",
    "website",
    "contact_email",
    "contact_phone",
    "description",
    "iati_identifier",
)
AGREEMENT_FIELDS = ("title", "kind", "signed_on", "starts_on", "ends_on", "notes")

S = AgreementStatus
# The agreement state machine: every allowed (from, to) pair with the label of its action.
AGREEMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.ACTIVE): gettext_lazy("Activate"),
    (S.DRAFT, S.TERMINATED): gettext_lazy("Terminate"),
    (S.ACTIVE, S.TERMINATED): gettext_lazy("Terminate"),
    (S.ACTIVE, S.EXPIRED): gettext_lazy("Mark expired"),
}
# Transitions only the daily task makes (`agreement_expire_overdue`), never a person.
AUTOMATIC_AGREEMENT_TRANSITIONS = frozenset({(S.ACTIVE, S.EXPIRED)})


def agreement_manual_transitions(status: str) -> list[tuple[str, str]]:
    """The states a person may move an agreement to from `status`, with action labels."""
    return [
        (target, label)
        for (source, target), label in AGREEMENT_TRANSITIONS.items()
        if source == status and (source, target) not in AUTOMATIC_AGREEMENT_TRANSITIONS
    ]


# Organisations ---------------------------------------------------------------------------


def _check_name_free(organisation: Organisation) -> None:
    """Two organisations may not share a name in one country, compared as normalised."""
    taken = (
        Organisation.objects.filter(name__iexact=organisation.name, country=organisation.country)
        .exclude(pk=organisation.pk)
        .exists()
    )
    if taken:
        raise ValidationError(
            {"name": _("An organisation with this name is already registered in this country.")},
            code="duplicate_name",
        )


@transaction.atomic
def organisation_create(*, created_by, **fields) -> Organisation:
    organisation = Organisation(created_by=created_by)
    _assign(organisation, ORGANISATION_FIELDS, fields)
    organisation.name = normalise_name(organisation.name)
    _check_name_free(organisation)
    organisation.full_clean(exclude=["created_by"])
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    """Saves the profile; a verified organisation that changes its name or country is no
    longer verified, since verification vouched for that name in that country."""
    before = (
        Organisation.objects.select_for_update().values("name", "country").get(pk=organisation.pk)
    )
    _assign(organisation, ORGANISATION_FIELDS, fields)
    organisation.name = normalise_name(organisation.name)
    _check_name_free(organisation)
    organisation.full_clean(exclude=["created_by"])
    if organisation.is_verified and (
        organisation.name != before["name"] or str(organisation.country) != before["country"]
    ):
        organisation.is_verified = False
        organisation.verified_by = None
        organisation.verified_at = None
    organisation.save()
    return organisation


@transaction.atomic
def organisation_verify(*, organisation: Organisation, verified_by) -> bool:
    """Marks the organisation verified; returns False when it already was."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_verified:
        return False
    organisation.is_verified = True
    organisation.verified_by = verified_by
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["is_verified", "verified_by", "verified_at", "updated_at"])
    return True


# Members and invitations -----------------------------------------------------------------


def _role_flags(roles) -> dict[str, bool]:
    roles = set(roles)
    if not roles:
        raise ValidationError(_("Choose at least one role."), code="no_role")
    unknown = roles - set(MemberRole.values)
    if unknown:
        raise ValidationError(_("Unknown role."), code="unknown_role")
    return {
        "is_admin": MemberRole.ADMIN in roles,
        "is_reviewer": MemberRole.REVIEWER in roles,
        "is_supervisor": MemberRole.SUPERVISOR in roles,
    }


@transaction.atomic
def member_invite(*, organisation: Organisation, email: str, roles, invited_by):
    """Invites `email` to join with `roles` and emails a link, once the change commits.

    An earlier invitation to the same address that was never accepted is renewed: new
    roles, a new link, a new expiry.
    """
    flags = _role_flags(roles)
    email = email.strip()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, email__iexact=email, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email)
    else:
        invitation.token = Invitation._meta.get_field("token").get_default()
    for name, value in flags.items():
        setattr(invitation, name, value)
    invitation.invited_by = invited_by
    invitation.created_at = timezone.now()
    invitation.expires_at = invitation.created_at + INVITATION_VALID_FOR
    invitation.save()

    from .tasks import invitation_email  # the task module imports this one

    transaction.on_commit(lambda: invitation_email.delay(invitation_id=invitation.pk))
    return invitation


def invitation_email_send(*, invitation_id: int) -> bool:
    """Emails the invitation's link; False when it is gone or already accepted.

    The email speaks the invitee's language and zone when they already have an account,
    the inviter's otherwise.
    """
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        logger.info("Invitation %s is gone or accepted; no email sent", invitation_id)
        return False
    inviter = invitation.invited_by
    reader = get_user_model().objects.filter(email__iexact=invitation.email).first() or inviter
    language = getattr(reader, "preferred_language", settings.LANGUAGE_CODE)
    zone = getattr(reader, "time_zone", None) or datetime.UTC
    with translation.override(language), timezone.override(zone):
        accept_url = settings.PORTAL_BASE_URL + reverse(
            "partners:invitation-accept", kwargs={"token": invitation.token}
        )
        subject = _("Invitation to join %(organisation)s on the Volunteer Portal") % {
            "organisation": invitation.organisation.name
        }
        body = _(
            "%(inviter)s invites you to join %(organisation)s on the Volunteer Portal.\n\n"
            "Sign in (or sign up) with this email address, %(email)s, and open this link "
            "to accept:\n%(url)s\n\nThe invitation expires on %(expires)s (%(zone)s)."
        ) % {
            "inviter": (inviter.name or inviter.email) if inviter else _("An administrator"),
            "organisation": invitation.organisation.name,
            "email": invitation.email,
            "url": accept_url,
            "expires": formats.date_format(
                timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
            ),
            "zone": timezone.get_current_timezone_name(),
        }
    send_mail(email_subject(subject), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    return True


def invitation_refusal(*, invitation: Invitation, user) -> str | None:
    """Why `user` may not accept `invitation` now, or None when they may."""
    if invitation.accepted_at is not None:
        return _("This invitation has already been used.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the organisation to send a new one.")
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return _(
            "This invitation was sent to %(email)s. Sign in with an account whose verified "
            "email address is %(email)s to accept it."
        ) % {"email": invitation.email}
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Makes `user` a member with the invited roles (keeping roles they already hold)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation=invitation, user=user)
    if refusal:
        raise ValidationError(refusal, code="refused")
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user,
        organisation_id=invitation.organisation_id,
        defaults={
            "is_admin": invitation.is_admin,
            "is_reviewer": invitation.is_reviewer,
            "is_supervisor": invitation.is_supervisor,
        },
    )
    if not created:
        membership.is_admin = membership.is_admin or invitation.is_admin
        membership.is_reviewer = membership.is_reviewer or invitation.is_reviewer
        membership.is_supervisor = membership.is_supervisor or invitation.is_supervisor
        membership.save(update_fields=["is_admin", "is_reviewer", "is_supervisor"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    # Rules cache a person's memberships on the user object; let them be read again.
    user.__dict__.pop("_memberships_by_organisation", None)
    return membership


def _is_last_admin(membership: Membership) -> bool:
    return (
        membership.is_admin
        and not Membership.objects.filter(organisation_id=membership.organisation_id, is_admin=True)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def member_update_roles(*, membership: Membership, roles) -> Membership:
    flags = _role_flags(roles)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not flags["is_admin"] and _is_last_admin(membership):
        raise ValidationError(
            _(
                "%(person)s is the organisation's only administrator. Make another member "
                "an administrator first."
            )
            % {"person": membership.user},
            code="last_admin",
        )
    for name, value in flags.items():
        setattr(membership, name, value)
    membership.save(update_fields=list(flags))
    return membership


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    # Lock the organisation's admins so two removals cannot each leave the other last.
    list(
        Membership.objects.select_for_update().filter(
            organisation_id=membership.organisation_id, is_admin=True
        )
    )
    membership = Membership.objects.filter(pk=membership.pk).select_related("user").first()
    if membership is None:
        return
    if _is_last_admin(membership):
        raise ValidationError(
            _(
                "%(person)s is the organisation's only administrator and cannot be removed. "
                "Make another member an administrator first."
            )
            % {"person": membership.user},
            code="last_admin",
        )
    membership.delete()


# Agreements ------------------------------------------------------------------------------


MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def agreement_document_check(document) -> None:
    """Refuses anything but a PDF (judged by its first bytes) of at most 10 MB."""
    if document.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            {"document": _("The document is larger than 10 MB. Upload a smaller PDF.")},
            code="too_large",
        )
    document.seek(0)
    head = document.read(len(PDF_MAGIC))
    document.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            {
                "document": _(
                    "The document is not a PDF file. Upload the signed agreement as a PDF."
                )
            },
            code="not_pdf",
        )


def _check_dates(fields) -> None:
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            {"ends_on": _("The end date cannot be before the start date.")},
            code="ends_before_start",
        )


def _check_parties(organisations, *, by) -> list[Organisation]:
    parties = list(organisations)
    if len({org.pk for org in parties}) < MIN_AGREEMENT_PARTIES:
        raise ValidationError(
            {"organisations": _("An agreement needs at least two organisations.")},
            code="too_few_parties",
        )
    refused = [org for org in parties if not by.has_perm("partners.choose_agreement_party", org)]
    if refused:
        raise ValidationError(
            {
                "organisations": _(
                    "%(organisations)s has not accepted a partnership with your programme; "
                    "agreements are recorded only with partners."
                )
                % {"organisations": ", ".join(str(org) for org in refused)}
            },
            code="not_a_partner",
        )
    return parties


@transaction.atomic
def agreement_create(*, created_by, organisations, document=None, **fields) -> Agreement:
    """Records a new agreement, as a draft, between organisations the author works with."""
    parties = _check_parties(organisations, by=created_by)
    _check_dates(fields)
    if document:
        agreement_document_check(document)
    agreement = Agreement(created_by=created_by, status=AgreementStatus.DRAFT)
    _assign(agreement, AGREEMENT_FIELDS, fields)
    agreement.full_clean(exclude=["document", "created_by"])
    if document:
        agreement.document = document
    agreement.save()
    agreement.organisations.set(parties)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, by, organisations, document=None, **fields
) -> Agreement:
    """Changes the agreement's details; `document`, when given, replaces the file.

    Once a party has confirmed, the terms it confirmed are kept: changing the parties, dates,
    kind or document withdraws every confirmation, and an active agreement cannot change
    them at all.
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    parties = _check_parties(organisations, by=by)
    terms_before = _terms(agreement, agreement.organisations.all())
    _check_dates(fields)
    if document:
        agreement_document_check(document)
    _assign(agreement, AGREEMENT_FIELDS, fields)
    agreement.full_clean(exclude=["document", "created_by"])
    old_document = (
        Agreement.objects.filter(pk=agreement.pk).values_list("document", flat=True).get()
        if document
        else None
    )
    if document:
        agreement.document = document
    terms_changed = bool(document) or _terms(agreement, parties) != terms_before
    if terms_changed and agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(
            _(
                "Only a draft agreement's terms, parties and document can change. Record a new "
                "agreement instead."
            ),
            code="terms_locked",
        )
    agreement.save()
    agreement.organisations.set(parties)
    if terms_changed:
        agreement.confirmations.all().delete()
    if old_document:
        storage = agreement.document.storage
        transaction.on_commit(lambda: storage.delete(old_document))
    return agreement


def _terms(agreement: Agreement, parties) -> tuple:
    """What each party confirms: who, what kind, from when to when, with which document."""
    return (
        frozenset(org.pk for org in parties),
        agreement.kind,
        agreement.signed_on,
        agreement.starts_on,
        agreement.ends_on,
        agreement.document.name if agreement.document else "",
    )


def agreement_unconfirmed_parties(*, agreement: Agreement) -> list[Organisation]:
    confirmed = {confirmation.organisation_id for confirmation in agreement.confirmations.all()}
    return [org for org in agreement.organisations.all() if org.pk not in confirmed]


@transaction.atomic
def agreement_confirm(*, agreement: Agreement, organisation: Organisation, by) -> bool:
    """`by`, an admin of `organisation`, confirms that it signed the agreement.

    The last party's confirmation makes a draft agreement active. Returns False when that
    party had already confirmed.
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(_("This organisation is not a party to the agreement."))
    # The rule itself, not user.has_perm: a superuser holds every permission, but a platform
    # administrator does not sign for an organisation.
    if not rules.has_perm("partners.confirm_agreement_for", by, organisation):
        raise ValidationError(
            _("Only an administrator of %(organisation)s can confirm for it.")
            % {"organisation": organisation},
            code="not_party_admin",
        )
    if agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(_("Only a draft agreement awaits confirmation."), code="not_draft")
    _confirmation, created = AgreementConfirmation.objects.get_or_create(
        agreement=agreement, organisation=organisation, defaults={"confirmed_by": by}
    )
    everyone_confirmed = not agreement_unconfirmed_parties(agreement=agreement)
    if created and everyone_confirmed and agreement.ends_on >= timezone.localdate():
        agreement.status = AgreementStatus.ACTIVE
        agreement.save(update_fields=["status", "updated_at"])
    return created


@transaction.atomic
def agreement_transition(*, agreement: Agreement, to_status: str, today=None) -> bool:
    """Moves the agreement to `to_status`; returns False when it is already there."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == to_status:
        return False
    pair = (agreement.status, to_status)
    if pair not in AGREEMENT_TRANSITIONS:
        raise ValidationError(
            _("A %(source)s agreement cannot become %(target)s.")
            % {"source": _status_label(agreement.status), "target": _status_label(to_status)},
            code="illegal_transition",
        )
    if pair in AUTOMATIC_AGREEMENT_TRANSITIONS:
        raise ValidationError(
            _("Agreements expire by themselves the day after they end."), code="automatic"
        )
    today = today or timezone.localdate()
    if to_status == AgreementStatus.ACTIVE and agreement.ends_on < today:
        raise ValidationError(
            _("This agreement ended on %(date)s; it cannot become active.")
            % {"date": formats.date_format(agreement.ends_on, "DATE_FORMAT")},
            code="already_ended",
        )
    unconfirmed = agreement_unconfirmed_parties(agreement=agreement)
    if to_status == AgreementStatus.ACTIVE and unconfirmed:
        raise ValidationError(
            _(
                "The agreement becomes active once every party has confirmed it. Waiting for: "
                "%(parties)s."
            )
            % {"parties": ", ".join(str(org) for org in unconfirmed)},
            code="unconfirmed",
        )
    agreement.status = to_status
    agreement.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def agreement_expire_overdue(*, today: datetime.date | None = None) -> int:
    """Moves active agreements that ended before `today` to expired; returns how many."""
    today = today or timezone.localdate()
    count = Agreement.objects.filter(status=AgreementStatus.ACTIVE, ends_on__lt=today).update(
        status=AgreementStatus.EXPIRED, updated_at=timezone.now()
    )
    if count:
        logger.info("Expired %d agreement(s) that ended before %s.", count, today)
    return count


# Helpers ---------------------------------------------------------------------------------


def _assign(instance, allowed: tuple[str, ...], fields: dict) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


def _status_label(value: str) -> str:
    try:
        return str(AgreementStatus(value).label).lower()
    except ValueError:
        return str(value)
