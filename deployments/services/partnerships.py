"""Partnerships between programmes and organisations: proposed by a coordinator, accepted by
the organisation, ended by either side. The only place their state changes.

A programme gains nothing over an organisation by proposing: until an admin of the
organisation (or a platform administrator) accepts, the organisation cannot be named in the
programme's projects or agreements, and its coordinators see nothing of it that a visitor
would not.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.enums import NotificationKind
from notifications.services import notification_send
from partners.models import Organisation
from partners.services import organisation_create

from ..enums import PartnershipStatus
from ..models import Partnership, Programme
from ..transitions import PARTNERSHIP_TRANSITIONS

__all__ = [
    "partnership_accept",
    "partnership_end",
    "partnership_propose",
    "programme_organisation_register",
]


def _organisation_admins(organisation: Organisation):
    return get_user_model().objects.filter(
        memberships__organisation=organisation, memberships__is_admin=True, is_active=True
    )


def _forget_partners(person) -> None:
    """Rules keep a coordinator's partners on the user object; let them be read again."""
    if person is not None:
        person.__dict__.pop("_partner_organisation_ids", None)


def _link() -> str:
    return reverse("deployments:partnership-list")


def _locked(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update(of=("self",))
        .select_related("programme", "organisation")
        .get(pk=partnership.pk)
    )


def _refuse_transition(partnership: Partnership, to_status: str) -> None:
    if (partnership.status, to_status) not in PARTNERSHIP_TRANSITIONS:
        raise ValidationError(
            _("A partnership that is %(source)s cannot become %(target)s.")
            % {
                "source": partnership.get_status_display().lower(),
                "target": PartnershipStatus(to_status).label.lower(),
            },
            code="illegal_transition",
        )


@transaction.atomic
def partnership_propose(
    *, programme: Programme, organisation: Organisation, by, message: str = ""
) -> Partnership:
    """Proposes that the organisation work with the programme; its admins are told.

    Only verified organisations can be proposed to (a coordinator cannot vouch for a name
    they typed); an organisation a coordinator registers is made a partner by
    `programme_organisation_register` instead.
    """
    if organisation.pk == programme.sending_organisation_id:
        raise ValidationError(
            _("%(organisation)s sends this programme; it needs no partnership.")
            % {"organisation": organisation},
            code="sending_organisation",
        )
    if not organisation.is_verified:
        raise ValidationError(
            _(
                "%(organisation)s is not verified yet. Partnerships are proposed to verified "
                "organisations only; ask a platform administrator to verify it."
            )
            % {"organisation": organisation},
            code="unverified",
        )
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                programme=programme,
                organisation=organisation,
                message=message.strip(),
                proposed_by=by,
                proposed_at=timezone.now(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(organisation)s already has a proposed or active partnership with %(programme)s.")
            % {"organisation": organisation, "programme": programme},
            code="already_open",
        ) from error
    notification_send(
        recipients=_organisation_admins(organisation),
        kind=NotificationKind.PARTNERSHIP,
        subject=gettext_lazy("%(programme)s proposes a partnership with %(organisation)s"),
        message=gettext_lazy(
            "Accept it to work with the programme on its projects, or decline it. Until you "
            "accept, the programme cannot name %(organisation)s in its projects or agreements."
        ),
        link=_link(),
        params={"programme": programme.name, "organisation": organisation.name},
    )
    return partnership


@transaction.atomic
def partnership_accept(*, partnership: Partnership, by) -> bool:
    """The organisation accepts; False when the partnership was already active."""
    partnership = _locked(partnership)
    if partnership.status == PartnershipStatus.ACTIVE:
        return False
    _refuse_transition(partnership, PartnershipStatus.ACTIVE)
    partnership.status = PartnershipStatus.ACTIVE
    partnership.accepted_by = by
    partnership.accepted_at = timezone.now()
    partnership.save(update_fields=["status", "accepted_by", "accepted_at"])
    _forget_partners(by)
    notification_send(
        recipients=partnership.programme.coordinators.filter(is_active=True),
        kind=NotificationKind.PARTNERSHIP,
        subject=gettext_lazy("%(organisation)s accepted the partnership with %(programme)s"),
        link=_link(),
        params={
            "programme": partnership.programme.name,
            "organisation": partnership.organisation.name,
        },
    )
    return True


@transaction.atomic
def partnership_end(*, partnership: Partnership, by, reason: str = "") -> bool:
    """Either side withdraws, declines or ends; the other side is told. From this moment the
    programme's coordinators lose what the partnership gave them. False when already ended.

    Projects keep the host partner they named: the record of who hosted what stays true,
    but no new project or agreement can name the organisation.
    """
    partnership = _locked(partnership)
    if partnership.status == PartnershipStatus.ENDED:
        return False
    _refuse_transition(partnership, PartnershipStatus.ENDED)
    partnership.status = PartnershipStatus.ENDED
    partnership.ended_by = by
    partnership.ended_at = timezone.now()
    partnership.end_reason = reason.strip()
    partnership.save(update_fields=["status", "ended_by", "ended_at", "end_reason"])
    _forget_partners(by)
    other_side = [
        *partnership.programme.coordinators.filter(is_active=True),
        *_organisation_admins(partnership.organisation),
    ]
    notification_send(
        recipients=[person for person in other_side if person.pk != getattr(by, "pk", None)],
        kind=NotificationKind.PARTNERSHIP,
        subject=gettext_lazy("The partnership of %(programme)s with %(organisation)s has ended"),
        message=gettext_lazy("Reason given: %(reason)s") if partnership.end_reason else "",
        link=_link(),
        params={
            "programme": partnership.programme.name,
            "organisation": partnership.organisation.name,
            "reason": partnership.end_reason,
        },
    )
    return True


@transaction.atomic
def programme_organisation_register(*, programme: Programme, by, **fields) -> Organisation:
    """A coordinator registers an organisation new to the portal for their programme.

    Nobody else has a say over an organisation that did not exist, so it counts as
    consenting: the partnership starts active. The coordinator may then invite its first
    admin, who from then on owns its profile and members.
    """
    organisation = organisation_create(created_by=by, **fields)
    now = timezone.now()
    Partnership.objects.create(
        programme=programme,
        organisation=organisation,
        status=PartnershipStatus.ACTIVE,
        proposed_by=by,
        proposed_at=now,
        accepted_by=by,
        accepted_at=now,
    )
    _forget_partners(by)
    return organisation
