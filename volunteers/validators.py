"""Checks on what volunteers give: documents (type by content, never by name; size), age."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import DocumentType

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024  # 10 MB

# The first bytes of each accepted type; the file's name and the browser's word count for nothing.
MAGIC_NUMBERS: tuple[tuple[bytes, DocumentType], ...] = (
    (b"%PDF-", DocumentType.PDF),
    (b"\xff\xd8\xff", DocumentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", DocumentType.PNG),
)
_HEAD_LENGTH = max(len(magic) for magic, _type in MAGIC_NUMBERS)


def sniff_document_type(file) -> str:
    """The MIME type of a PDF, JPEG or PNG file judged by its first bytes.

    Raises ValidationError for anything else. The file's position is left where it was.
    """
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(_HEAD_LENGTH)
    file.seek(position)
    for magic, document_type in MAGIC_NUMBERS:
        if head.startswith(magic):
            return document_type.value
    raise ValidationError(
        _("This file is not a PDF, JPEG or PNG. Upload a PDF, or a photo or scan as JPEG or PNG."),
        code="unsupported_type",
    )


def validate_document_size(file) -> None:
    if file.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _(
                "This file is larger than %(limit)d MB. Upload a smaller file, for example a "
                "scan at a lower resolution."
            )
            % {"limit": MAX_DOCUMENT_SIZE // (1024 * 1024)},
            code="too_large",
        )
    if file.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")


MIN_VOLUNTEER_AGE = 18


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Full years between the two dates (someone born on 29 February ages on 1 March)."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def validate_date_of_birth(value: datetime.date) -> None:
    """A date in the past of someone at least 18 years old today (in the active time zone)."""
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("The date of birth cannot be in the future."), code="date_of_birth_future"
        )
    if age_on(value, today) < MIN_VOLUNTEER_AGE:
        raise ValidationError(
            _("Volunteers must be at least %(age)d years old.") % {"age": MIN_VOLUNTEER_AGE},
            code="too_young",
        )
