"""Who may request, see and download reports — decided only here.

Coordinators report on their programmes, partner organisations' admins on their own
organisation's projects, administrators on everything; a report, once built, belongs to the
person who asked for it (and the administrators).
"""

import rules

from deployments.rules import coordinated_programme_ids, is_coordinator
from partners.rules import memberships_by_organisation
from users.rules import is_administrator


def administered_organisation_ids(user) -> frozenset[int]:
    """The organisations in which the user is an admin."""
    return frozenset(
        organisation_id
        for organisation_id, membership in memberships_by_organisation(user).items()
        if membership.is_admin
    )


def report_scope_of(user) -> dict | None:
    """What the user may report on: None for everything, else programme and organisation ids.

    Fixed into a request's filters when it is made, so a report shows what its requester could
    see when asking, whoever builds it and whenever.
    """
    if is_administrator(user):
        return None
    return {
        "programmes": sorted(coordinated_programme_ids(user)),
        "organisations": sorted(administered_organisation_ids(user)),
    }


@rules.predicate
def is_partner_admin(user) -> bool:
    return bool(administered_organisation_ids(user))


@rules.predicate
def is_requester(user, report) -> bool:
    return report is not None and user.is_authenticated and report.requested_by_id == user.pk


can_request_reports = is_coordinator | is_partner_admin | is_administrator
can_view_report = is_requester | is_administrator

rules.add_perm("reports.request_report", can_request_reports)
rules.add_perm("reports.view_reportrequest", can_view_report)
rules.add_perm("reports.download_reportrequest", can_view_report)
