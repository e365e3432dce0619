"""A person's roles, derived in this one place from what they hold (DESIGN.md, People)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.rules import is_partner_member
from users.rules import is_administrator

from .rules import is_coordinator


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    PARTNER_MEMBER = "partner_member", _("Partner member")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})


def roles_of(user) -> frozenset[Role]:
    """Every registered person is a volunteer unless they hold another role."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    roles = set()
    if is_administrator(user):
        roles.add(Role.ADMINISTRATOR)
    if is_coordinator(user):
        roles.add(Role.COORDINATOR)
    if is_partner_member(user):
        roles.add(Role.PARTNER_MEMBER)
    if not roles:
        roles.add(Role.VOLUNTEER)
    user._portal_roles = frozenset(roles)
    return user._portal_roles
