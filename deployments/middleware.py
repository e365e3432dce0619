from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import STAFF_ROLES, roles_of

# Where a person without two-factor authentication may still go: to set it up or leave.
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/me/language/")


class RequireTwoFactorForStaffMiddleware:
    """Coordinators and administrators must turn on two-factor authentication first.

    Applies while settings.REQUIRE_MFA_FOR_STAFF is on (by default whenever DEBUG is off);
    demo accounts, made only on development instances, are exempt.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_set_up_two_factor(request):
            messages.warning(
                request,
                _("Coordinators and administrators must turn on two-factor authentication."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def must_set_up_two_factor(request) -> bool:
        user = request.user
        return (
            settings.REQUIRE_MFA_FOR_STAFF
            and user.is_authenticated
            and not user.is_demo
            and not request.path.startswith(OPEN_PREFIXES)
            and bool(roles_of(user) & STAFF_ROLES)
            and not is_mfa_enabled(user)
        )
