from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from users.rules import is_staff_account

from .two_factor import holds_a_staff_role, must_set_up_two_factor

# Where a person without two-factor authentication may still go: to set it up or leave.
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/me/language/")


class RequireTwoFactorForStaffMiddleware:
    """Coordinators, administrators and staff accounts must turn on two-factor authentication
    before anything else (who exactly is decided in `two_factor.py`).

    Applies while settings.REQUIRE_MFA_FOR_STAFF is on (by default whenever DEBUG is off);
    demo accounts, made only on development instances, are exempt.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_PREFIXES) and must_set_up_two_factor(request.user):
            messages.warning(
                request,
                _("Coordinators and administrators must turn on two-factor authentication.")
                if is_staff_account(request.user) or holds_a_staff_role(request.user)
                else _(
                    "A programme your organisation takes part in requires two-factor "
                    "authentication. Turn it on to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
