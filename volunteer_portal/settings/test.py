"""Tests: fast hashing, in-memory email, tasks eager unless a test starts a real worker."""

import tempfile
from pathlib import Path

from .local import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploaded files of a test run go to a temporary folder, never into the checkout.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="volunteer-portal-test-media-"))
PRIVATE_STORAGE_ROOT = MEDIA_ROOT / "private"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "volunteer_portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
# The cache is local memory even where REDIS_URL is set: tests clear it around each test, and
# must never clear (or read) anything of a developer's Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REQUIRE_MFA_FOR_STAFF = False
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
