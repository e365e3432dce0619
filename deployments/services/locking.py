"""Locking a row for the rest of the transaction, politely.

Lock late and once per transaction; on PostgreSQL a wait longer than LOCK_TIMEOUT becomes a
"try again" message for the person rather than a hung request or an error page.
"""

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

LOCK_TIMEOUT = "5s"

__all__: list[str] = []  # internal to the services; nothing to re-export


def lock_row(rows: QuerySet, *, pk: int):
    """The row `pk` of `rows`, locked until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    try:
        return rows.select_for_update(of=("self",)).get(pk=pk)
    except OperationalError as error:
        raise ValidationError(
            _("Someone else is changing this right now. Please try again in a moment."),
            code="busy",
        ) from error
