"""Helpers for the volunteers tests: uploads built in memory, the private storage folder."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories.volunteers import MINIMAL_JPEG, MINIMAL_PDF, MINIMAL_PNG

__all__ = ["MINIMAL_JPEG", "MINIMAL_PDF", "MINIMAL_PNG", "stored_files", "upload", "years_ago"]

TEN_MB = 10 * 1024 * 1024


def stored_files() -> set[Path]:
    """Every file in the private storage folder (the test settings' temporary one)."""
    root = Path(settings.PRIVATE_STORAGE_ROOT)
    assert "volunteer-portal-test-media-" in str(root)  # never the checkout
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def years_ago(years: int, *, days: int = 0) -> datetime.date:
    """The date `years` years before today (28 February for a 29 February), less `days`."""
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)
