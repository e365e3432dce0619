"""Who may export, ask for and carry out erasure — decided only here.

A person's export is theirs alone (not even the administrators'). Erasure requests are seen
and carried out by the coordinators of a programme the person applied to, and by
administrators.
"""

import rules

from deployments.enums import ApplicationStatus
from deployments.rules import coordinated_programme_ids, is_coordinator
from users.rules import is_administrator


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def is_export_owner(user, export) -> bool:
    return export is not None and user.is_authenticated and export.user_id == user.pk


can_request_data_export = is_signed_in
can_view_data_export = is_export_owner

rules.add_perm("privacy.request_data_export", can_request_data_export)
rules.add_perm("privacy.view_dataexport", can_view_data_export)
rules.add_perm("privacy.download_dataexport", can_view_data_export)


def _applied_to_programme_of(user, subject_id) -> bool:
    """The subject applied (beyond a draft) to a programme the user coordinates."""
    from deployments.models import Application

    programme_ids = coordinated_programme_ids(user)
    if not programme_ids or subject_id is None:
        return False
    return (
        Application.objects.filter(
            volunteer_id=subject_id, opportunity__project__programme__in=programme_ids
        )
        .exclude(status=ApplicationStatus.DRAFT)
        .exists()
    )


@rules.predicate
def is_coordinator_of_erasure_subject(user, erasure_request) -> bool:
    return erasure_request is not None and _applied_to_programme_of(
        user, erasure_request.subject_id
    )


@rules.predicate
def is_erasure_subject(user, erasure_request) -> bool:
    return (
        erasure_request is not None
        and user.is_authenticated
        and erasure_request.subject_id == user.pk
    )


can_request_erasure = is_signed_in
can_list_erasure_requests = is_coordinator | is_administrator
can_view_erasure_request = is_coordinator_of_erasure_subject | is_administrator
# Nobody erases themselves: a coordinator's own request goes to another coordinator.
can_carry_out_erasure = (is_coordinator_of_erasure_subject | is_administrator) & ~is_erasure_subject

rules.add_perm("privacy.request_erasure", can_request_erasure)
rules.add_perm("privacy.list_erasurerequests", can_list_erasure_requests)
rules.add_perm("privacy.view_erasurerequest", can_view_erasure_request)
rules.add_perm("privacy.carry_out_erasure", can_carry_out_erasure)
