"""Read queries for partners; each returns what its page needs in a fixed number of queries.

Who sees what follows the permissions in `partners.rules` (as widened by apps above this
one): a list returns exactly the rows `viewer.has_perm("partners.view_…", row)` allows.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rules
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from users.rules import is_administrator

from .enums import AgreementStatus
from .models import Agreement, Invitation, Membership, Organisation
from .rules import memberships_by_organisation

# Apps above partners (deployments: programme coordinators) link people to organisations
# in ways this app cannot know. They register here, at start-up, a function
# `viewer -> Q over Organisation | None` naming the organisations the viewer coordinates,
# so that lists can be scoped in SQL. partners never imports them.
OrganisationScope = Callable[[object], Q | None]
_organisation_scopes: list[OrganisationScope] = []


def register_organisation_scope(scope: OrganisationScope) -> OrganisationScope:
    """Registers a scope (usable as a decorator); registering twice is harmless."""
    if scope not in _organisation_scopes:
        _organisation_scopes.append(scope)
    return scope


def unregister_organisation_scope(scope: OrganisationScope) -> None:
    if scope in _organisation_scopes:
        _organisation_scopes.remove(scope)


def _coordinated_organisations(viewer) -> Q | None:
    """The registered scopes combined, or None when none applies to the viewer."""
    combined = None
    for scope in _organisation_scopes:
        condition = scope(viewer)
        if condition is not None:
            combined = condition if combined is None else combined | condition
    return combined


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    kind: str = ""
    country: str = ""
    verified: bool | None = None


def organisation_list(*, viewer, filters: OrganisationFilters | None = None) -> QuerySet:
    """The organisations the viewer may see, filtered, by name.

    Those allowed `partners.view_organisation` without a particular organisation
    (coordinators, administrators) see all; others the verified ones and their own.
    """
    filters = filters or OrganisationFilters()
    organisations = Organisation.objects.all()
    if not rules.has_perm("partners.view_organisation", viewer):
        organisations = organisations.filter(
            Q(is_verified=True) | Q(pk__in=list(memberships_by_organisation(viewer)))
        )
    if filters.q:
        organisations = organisations.filter(
            Q(name__icontains=filters.q)
            | Q(acronym__icontains=filters.q)
            | Q(city__icontains=filters.q)
        )
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.verified is not None:
        organisations = organisations.filter(is_verified=filters.verified)
    return organisations.order_by("name", "pk")


def organisation_get(*, pk) -> Organisation | None:
    return Organisation.objects.select_related("verified_by", "created_by").filter(pk=pk).first()


def membership_list(*, organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def invitation_open_list(*, organisation) -> QuerySet[Invitation]:
    """Invitations not yet accepted (expired ones included, so they can be sent again)."""
    return (
        Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("email")
    )


def invitation_get(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def _agreement_rows() -> QuerySet[Agreement]:
    return Agreement.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    ).order_by("ends_on", "title", "pk")


def agreement_list(
    *,
    viewer,
    expiring_within_days: int | None = None,
    organisation: Organisation | None = None,
    today: datetime.date | None = None,
) -> Iterable[Agreement]:
    """The agreements the viewer may see (`partners.view_agreement`), soonest ending first.

    `expiring_within_days` keeps active agreements ending between today and that many days
    from now; `organisation` keeps those it is a party to.
    """
    agreements = _agreement_rows()
    if expiring_within_days is not None:
        today = today or timezone.localdate()
        agreements = agreements.filter(
            status=AgreementStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=expiring_within_days),
        )
    if organisation is not None:
        agreements = agreements.filter(organisations=organisation)
    if is_administrator(viewer):
        return agreements

    visible = Q(organisations__in=list(memberships_by_organisation(viewer)))
    coordinated = _coordinated_organisations(viewer)
    if coordinated is not None:
        visible |= Q(organisations__in=Organisation.objects.filter(coordinated).values("pk"))
        visible |= Q(created_by=viewer)
    elif not _organisation_scopes and rules.has_perm("partners.add_agreement", viewer):
        # No app has registered how people coordinate organisations: ask the rule for each
        # agreement. Correct, but one query per party for such viewers.
        return [
            agreement
            for agreement in agreements
            if viewer.has_perm("partners.view_agreement", agreement)
        ]
    return agreements.filter(pk__in=Agreement.objects.filter(visible).values("pk"))
