"""What the navigation offers each role; pages still check permission themselves.

Links are grouped into a few menus so that each role's navigation fits one row from 1280 px
up: a menu holding a single link for a role is shown as that link.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role] | None = None  # None: everyone, signed in or not
    menu: str = ""  # a key of MENUS, ACCOUNT, or "" for a link of its own


@dataclass(frozen=True)
class NavMenu:
    """A drop-down menu of links, or a single link when it holds only one."""

    label: str
    items: tuple[NavItem, ...]

    @property
    def single(self) -> NavItem | None:
        return self.items[0] if len(self.items) == 1 else None


EVERYONE = None
C, P, V, A = Role.COORDINATOR, Role.PARTNER_MEMBER, Role.VOLUNTEER, Role.ADMINISTRATOR
STAFF_AND_PARTNERS = frozenset({C, P, A})

MENUS = {
    "partners": _("Partners"),
    "field": _("Field"),
    "programme": _("Programme"),
}
# Links about the person themselves, in the menu under their name.
ACCOUNT = "account"

NAVIGATION = (
    NavItem(_("Opportunities"), "deployments:opportunity-list", EVERYONE),
    NavItem(_("Projects"), "deployments:project-list", EVERYONE),
    NavItem(_("Partners"), "partners:organisation-list", EVERYONE, "partners"),
    NavItem(_("Agreements"), "partners:agreement-list", STAFF_AND_PARTNERS, "partners"),
    NavItem(_("Partnerships"), "deployments:partnership-list", STAFF_AND_PARTNERS, "partners"),
    NavItem(_("Applications"), "deployments:application-list", STAFF_AND_PARTNERS, "field"),
    NavItem(_("Placements"), "deployments:placement-list", STAFF_AND_PARTNERS, "field"),
    NavItem(_("Applications"), "deployments:application-list", frozenset({V})),
    NavItem(_("My placement"), "deployments:placement-list", frozenset({V})),
    NavItem(_("My profile"), "volunteers:profile", frozenset({V}), ACCOUNT),
    NavItem(_("Documents"), "volunteers:document-list", frozenset({V}), ACCOUNT),
    NavItem(_("Programmes"), "deployments:programme-list", frozenset({C, A}), "programme"),
    NavItem(_("Reports"), "reports:report-list", STAFF_AND_PARTNERS, "programme"),
    # Public guides are readable without an account, the rest once signed in.
    NavItem(_("Knowledge base"), "knowledge:resource-list", EVERYONE),
)


def navigation_for(roles: frozenset[Role]) -> list[NavItem]:
    return [item for item in NAVIGATION if item.roles is None or item.roles & roles]


def menus_for(roles: frozenset[Role]) -> list[NavMenu]:
    """The role's links in order, those of one menu gathered where its first one stands."""
    entries: list[tuple[str, list[NavItem]]] = []
    menus: dict[str, list[NavItem]] = {}
    for item in navigation_for(roles):
        if item.menu == ACCOUNT:
            continue
        if item.menu and item.menu in menus:
            menus[item.menu].append(item)
            continue
        group = [item]
        entries.append((item.menu, group))
        if item.menu:
            menus[item.menu] = group
    return [
        NavMenu(MENUS[key] if len(items) > 1 else items[0].label, tuple(items))
        for key, items in entries
    ]


def account_links_for(roles: frozenset[Role]) -> list[NavItem]:
    """The role's links in the menu under the person's name."""
    return [item for item in navigation_for(roles) if item.menu == ACCOUNT]
