import rules
from allauth.mfa.utils import is_mfa_enabled


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_staff_account(user) -> bool:
    """May sign in to the Django admin: staff, or a superuser (who passes every check there)."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


@rules.predicate
def has_two_factor(user) -> bool:
    return bool(user.is_authenticated and is_mfa_enabled(user))
