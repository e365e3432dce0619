from .navigation import account_links_for, menus_for, navigation_for
from .roles import Role, roles_of


def navigation(request):
    roles = roles_of(request.user) if hasattr(request, "user") else frozenset()
    return {
        "portal_roles": roles,
        "portal_navigation": navigation_for(roles),
        "portal_menus": menus_for(roles),
        "portal_account_links": account_links_for(roles),
        "is_coordinator": Role.COORDINATOR in roles,
        "is_partner_member": Role.PARTNER_MEMBER in roles,
        "is_administrator": Role.ADMINISTRATOR in roles,
    }
