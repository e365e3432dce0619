"""Read queries for partners; each returns what its page needs in a fixed number of queries.

Who sees what follows the permissions in `partners.rules` (as widened by apps above this
one): a list returns exactly the rows `viewer.has_perm("partners.view_…", row)` allows.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from users.rules import is_administrator

from .enums import AgreementStatus
from .models import Agreement, AgreementConfirmation, Invitation, Membership, Organisation
from .rules import memberships_by_organisation

# Apps above partners (deployments: programme coordinators) let people work with
# organisations in ways this app cannot know. They register here, at start-up, functions
# `viewer -> Q | None`: one naming the organisations the viewer works with (a filter on
# Organisation), one the agreements they may see (a filter on Agreement), so that lists are
# scoped in SQL. partners never imports them.
Scope = Callable[[object], Q | None]
_organisation_scopes: list[Scope] = []
_agreement_scopes: list[Scope] = []


def register_organisation_scope(scope: Scope) -> Scope:
    """Registers a scope (usable as a decorator); registering twice is harmless."""
    if scope not in _organisation_scopes:
        _organisation_scopes.append(scope)
    return scope


def unregister_organisation_scope(scope: Scope) -> None:
    if scope in _organisation_scopes:
        _organisation_scopes.remove(scope)


def register_agreement_scope(scope: Scope) -> Scope:
    if scope not in _agreement_scopes:
        _agreement_scopes.append(scope)
    return scope


def unregister_agreement_scope(scope: Scope) -> None:
    if scope in _agreement_scopes:
        _agreement_scopes.remove(scope)


def _combined(scopes: list[Scope], viewer) -> Q | None:
    """The registered scopes that apply to the viewer, or'ed; None when none does."""
    combined = None
    for scope in scopes:
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

    Administrators see all; others the verified ones, their own and those the registered
    scopes name (a coordinator's partners).
    """
    filters = filters or OrganisationFilters()
    organisations = Organisation.objects.all()
    if not is_administrator(viewer):
        organisations = organisations.filter(_seen_by(viewer))
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


def _seen_by(viewer) -> Q:
    visible = Q(is_verified=True) | Q(pk__in=list(memberships_by_organisation(viewer)))
    worked_with = _combined(_organisation_scopes, viewer)
    return visible | worked_with if worked_with is not None else visible


def agreement_party_choices(*, viewer) -> QuerySet[Organisation]:
    """The organisations the viewer may name as parties to an agreement."""
    if is_administrator(viewer):
        return Organisation.objects.order_by("name")
    worked_with = _combined(_organisation_scopes, viewer)
    if worked_with is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(worked_with).order_by("name")


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


def agreement_get(*, pk) -> Agreement | None:
    """One agreement with its parties and which of them confirmed it."""
    return (
        _agreement_rows()
        .prefetch_related(
            Prefetch("confirmations", queryset=AgreementConfirmation.objects.order_by("pk"))
        )
        .filter(pk=pk)
        .first()
    )


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
    scoped = _combined(_agreement_scopes, viewer)
    if scoped is not None:
        visible |= scoped
    return agreements.filter(pk__in=Agreement.objects.filter(visible).values("pk"))
