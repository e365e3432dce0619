"""Who may do what with organisations and agreements, as far as membership decides.

`deployments.rules` widens some of these permissions for programme coordinators, since
coordination is a deployments concept this app does not know: never the power to change an
organisation, manage its members or verify it, which stays with its admins and platform
administrators.
"""

import rules

from audit.rules import may_change
from users.rules import is_administrator


def memberships_by_organisation(user) -> dict:
    """The user's memberships keyed by organisation id, read once per user object."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_memberships_by_organisation", None)
    if cached is None:
        cached = {m.organisation_id: m for m in user.memberships.all()}
        user._memberships_by_organisation = cached
    return cached


def administered_organisation_ids(user) -> list[int]:
    """The organisations in which the user is an admin."""
    return [
        organisation_id
        for organisation_id, membership in memberships_by_organisation(user).items()
        if membership.is_admin
    ]


@rules.predicate
def is_partner_member(user) -> bool:
    return bool(memberships_by_organisation(user))


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return organisation is not None and organisation.pk in memberships_by_organisation(user)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    membership = memberships_by_organisation(user).get(getattr(organisation, "pk", None))
    return membership is not None and membership.is_admin


@rules.predicate
def is_verified_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.is_verified


@rules.predicate
def is_agreement_party_member(user, agreement) -> bool:
    members_of = memberships_by_organisation(user)
    return any(org.pk in members_of for org in agreement.organisations.all())


@rules.predicate
def is_agreement_party_admin(user, agreement) -> bool:
    members_of = memberships_by_organisation(user)
    return any(
        getattr(members_of.get(org.pk), "is_admin", False) for org in agreement.organisations.all()
    )


can_view_organisation = is_verified_organisation | is_organisation_member | is_administrator
can_change_organisation = is_organisation_admin | is_administrator
can_manage_members = is_organisation_admin | is_administrator
can_view_agreement = is_agreement_party_member | is_administrator
can_choose_agreement_party = is_administrator

rules.add_perm("partners.view_organisation", can_view_organisation)
rules.add_perm("partners.add_organisation", is_administrator)
rules.add_perm("partners.change_organisation", can_change_organisation)
rules.add_perm("partners.verify_organisation", is_administrator)
rules.add_perm("partners.manage_members", can_manage_members)
rules.add_perm("partners.view_agreement", can_view_agreement)
rules.add_perm("partners.add_agreement", is_administrator)
rules.add_perm("partners.change_agreement", is_administrator)
rules.add_perm("partners.choose_agreement_party", can_choose_agreement_party)
# Each party's admin confirms for their organisation; nobody confirms for another, not even a
# platform administrator. The first asks about the agreement, the second about one party.
rules.add_perm("partners.confirm_agreement", is_agreement_party_admin)
rules.add_perm("partners.confirm_agreement_for", is_organisation_admin)


# Audit history -----------------------------------------------------------------------------


# An object's History is for whoever may change it.
rules.add_perm("partners.view_organisation_history", may_change("partners.change_organisation"))
rules.add_perm("partners.view_agreement_history", may_change("partners.change_agreement"))
