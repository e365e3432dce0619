"""Who may see and change volunteer profiles and documents — decided only here.

For now a volunteer's records are theirs and the administrators' alone. This app knows
nothing of applications, so `deployments/rules.py` widens the view permissions for the
coordinators and partner reviewers of an application, once it exists, with e.g.::

    from volunteers import rules as volunteer_rules

    rules.set_perm(
        "volunteers.view_profile",
        volunteer_rules.can_view_profile | is_coordinator_of_applicant,
    )
    rules.set_perm(
        "volunteers.view_document",
        volunteer_rules.can_view_document | is_reviewer_of_document_owner,
    )

Permissions take the object itself: a `VolunteerProfile` for the profile permissions, a
`Document` for the document permissions. Change and delete stay with the owner and the
administrators.
"""

import rules

from users.rules import is_administrator


@rules.predicate
def is_profile_owner(user, profile) -> bool:
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


@rules.predicate
def is_document_owner(user, document) -> bool:
    return document is not None and user.is_authenticated and document.owner_id == user.pk


can_view_profile = is_profile_owner | is_administrator
can_change_profile = is_profile_owner | is_administrator
can_view_document = is_document_owner | is_administrator
can_delete_document = is_document_owner | is_administrator

rules.add_perm("volunteers.view_profile", can_view_profile)
rules.add_perm("volunteers.change_profile", can_change_profile)
rules.add_perm("volunteers.view_document", can_view_document)
rules.add_perm("volunteers.delete_document", can_delete_document)
