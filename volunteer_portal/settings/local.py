"""Development: DEBUG on, a development-only secret key, emails to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
if not SECRET_KEY:  # noqa: F405
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
REQUIRE_MFA_FOR_STAFF = env.bool("REQUIRE_MFA_FOR_STAFF", default=not DEBUG)
WHITENOISE_MAX_AGE = 0 if DEBUG else WHITENOISE_MAX_AGE  # noqa: F405

# Tasks run in-process during development; their success lines would drown the log.
LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}  # noqa: F405
