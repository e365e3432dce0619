"""Who must use two-factor authentication, and who is only encouraged to — decided only here.

Must (while settings.REQUIRE_MFA_FOR_STAFF is on): coordinators, administrators, every
account that can reach the Django admin, and the members of organisations taking part in a
programme that asks it of its partners (`Programme.partners_require_mfa`). Encouraged: other
partner members, whose every membership carries an admin, reviewer or supervisor role and so
sees candidates or volunteers.
"""

import rules
from django.conf import settings

from partners.models import Organisation
from partners.rules import is_partner_member, memberships_by_organisation
from users.rules import has_two_factor, is_staff_account

from .roles import STAFF_ROLES, roles_of
from .rules import partner_organisations_of_programmes


@rules.predicate
def holds_a_staff_role(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def organisations_held_to_programme_two_factor():
    """The organisations taking part in a programme that requires two-factor authentication
    of its partners' members, as a queryset of Organisation.

    Taking part means an accepted partnership (or sending the programme): an organisation
    only proposed to is not held to a programme it never agreed to work with.
    """
    from .models import Programme

    requiring = Programme.objects.filter(partners_require_mfa=True).values("pk")
    return Organisation.objects.filter(partner_organisations_of_programmes(requiring))


@rules.predicate
def is_member_held_by_a_programme(user) -> bool:
    organisation_ids = memberships_by_organisation(user).keys()
    return bool(organisation_ids) and (
        organisations_held_to_programme_two_factor().filter(pk__in=organisation_ids).exists()
    )


@rules.predicate
def is_required_to_use_two_factor(user) -> bool:
    return bool(
        settings.REQUIRE_MFA_FOR_STAFF
        and user.is_authenticated
        and not user.is_demo
        and (
            is_staff_account(user)
            or holds_a_staff_role(user)
            or is_member_held_by_a_programme(user)
        )
    )


must_set_up_two_factor = is_required_to_use_two_factor & ~has_two_factor
should_be_offered_two_factor = is_partner_member & ~is_required_to_use_two_factor & ~has_two_factor
