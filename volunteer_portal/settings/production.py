"""Production: every unsafe development default is removed; passes `check --deploy`."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters in production, "
        'e.g. python -c "import secrets; print(secrets.token_urlsafe(64))".'
    )
REQUIRE_MFA_FOR_STAFF = True

# Links in emails and PDFs must reach the portal from the recipient's machine.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="").rstrip("/")
_base = urlsplit(PORTAL_BASE_URL)
if (
    _base.scheme not in {"http", "https"}
    or not _base.hostname
    or _base.hostname in {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104
    or _base.hostname.endswith(".localhost")
):
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must be set in production to the address people reach the portal "
        "at, e.g. https://portal.example.org: links in emails and PDFs start with it "
        f"(now {PORTAL_BASE_URL or 'unset'!r})."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
WHITENOISE_MAX_AGE = 31536000
