"""What the navigation offers each role; pages still check permission themselves."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role] | None = None  # None: everyone, signed in or not


EVERYONE = None
C, P, V, A = Role.COORDINATOR, Role.PARTNER_MEMBER, Role.VOLUNTEER, Role.ADMINISTRATOR

NAVIGATION = (
    NavItem(_("Opportunities"), "deployments:opportunity-list", EVERYONE),
    NavItem(_("Projects"), "deployments:project-list", EVERYONE),
    NavItem(_("Partners"), "partners:organisation-list", EVERYONE),
    NavItem(_("Applications"), "deployments:application-list", frozenset({C, P, V, A})),
    NavItem(_("Placements"), "deployments:placement-list", frozenset({C, P, A})),
    NavItem(_("My placement"), "deployments:placement-list", frozenset({V})),
    NavItem(_("Agreements"), "partners:agreement-list", frozenset({C, P, A})),
    NavItem(_("Partnerships"), "deployments:partnership-list", frozenset({C, P, A})),
    NavItem(_("Programmes"), "deployments:programme-list", frozenset({C, A})),
    NavItem(_("Reports"), "reports:report-list", frozenset({C, P, A})),
    NavItem(_("My profile"), "volunteers:profile", frozenset({V})),
    NavItem(_("Documents"), "volunteers:document-list", frozenset({V})),
)


def navigation_for(roles: frozenset[Role]) -> list[NavItem]:
    return [item for item in NAVIGATION if item.roles is None or item.roles & roles]
