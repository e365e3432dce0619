"""Who must use two-factor authentication, and who is only encouraged to — decided only here.

Must (while settings.REQUIRE_MFA_FOR_STAFF is on): coordinators, administrators and every
account that can reach the Django admin. Encouraged: partner members, whose every membership
carries an admin, reviewer or supervisor role and so sees candidates or volunteers.
"""

import rules
from django.conf import settings

from partners.rules import is_partner_member
from users.rules import has_two_factor, is_staff_account

from .roles import STAFF_ROLES, roles_of


@rules.predicate
def holds_a_staff_role(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


@rules.predicate
def is_required_to_use_two_factor(user) -> bool:
    return bool(
        settings.REQUIRE_MFA_FOR_STAFF
        and user.is_authenticated
        and not user.is_demo
        and (is_staff_account(user) or holds_a_staff_role(user))
    )


must_set_up_two_factor = is_required_to_use_two_factor & ~has_two_factor
should_be_offered_two_factor = is_partner_member & ~is_required_to_use_two_factor & ~has_two_factor
