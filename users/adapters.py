from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language


def portal_url(url: str) -> str:
    """`url` on PORTAL_BASE_URL: the address the portal is known by, never the Host header of
    whichever request happened to send the email."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return url
    query = f"?{parts.query}" if parts.query else ""
    return f"{settings.PORTAL_BASE_URL}{parts.path}{query}"


class AccountAdapter(DefaultAccountAdapter):
    """Stores the person's name, time zone and the language they signed up in; the links of
    its emails (verification, password reset, "no account") start with PORTAL_BASE_URL."""

    def send_mail(self, template_prefix, email, context):
        base = urlsplit(settings.PORTAL_BASE_URL).netloc
        context = {
            "current_site": SimpleNamespace(domain=base, name=base),
            **context,
        }
        context = {
            key: portal_url(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        return super().send_mail(template_prefix, email, context)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.name = form.cleaned_data["name"]
        user.time_zone = form.cleaned_data.get("time_zone") or "UTC"
        language = get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user
