"""Soft checks on what coordinators and volunteers enter: each returns a warning to show where
the value is entered, or None. They never refuse a value — saving still works — because a
placement may have good reasons to be shorter or longer, or a visa to be renewed in country.
"""

import calendar
import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Placements usually last six to twelve months.
USUAL_MONTHS = (6, 12)


def add_months(day: datetime.date, months: int) -> datetime.date | None:
    """`day` moved by whole months (the 31st becomes the month's last day), or None past either
    end of the calendar."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _usually() -> str:
    shortest, longest = USUAL_MONTHS
    return _("Placements usually last %(shortest)s to %(longest)s months.") % {
        "shortest": shortest,
        "longest": longest,
    }


def duration_months_warning(months: int | None) -> str | None:
    """An opportunity's duration outside the usual months."""
    shortest, longest = USUAL_MONTHS
    if months is None or shortest <= months <= longest:
        return None
    lasts = ngettext(
        "This one lasts %(months)s month.", "This one lasts %(months)s months.", months
    ) % {"months": months}
    return f"{_usually()} {lasts}"


def placement_duration_warning(
    start: datetime.date | None, end: datetime.date | None
) -> str | None:
    """Planned dates of a placement shorter or longer than the usual months."""
    if start is None or end is None or end < start:
        return None
    shortest, longest = (add_months(start, months) for months in USUAL_MONTHS)
    # Past the calendar's end every date is sooner than the shortest, none later than the longest.
    if shortest is None or end < shortest:
        return "{} {}".format(
            _usually(),
            ngettext(
                "This one is planned for less than %(months)s month.",
                "This one is planned for less than %(months)s months.",
                USUAL_MONTHS[0],
            )
            % {"months": USUAL_MONTHS[0]},
        )
    if longest is not None and end > longest:
        return "{} {}".format(
            _usually(),
            ngettext(
                "This one is planned for more than %(months)s month.",
                "This one is planned for more than %(months)s months.",
                USUAL_MONTHS[1],
            )
            % {"months": USUAL_MONTHS[1]},
        )
    return None


def visa_expiry_warning(
    *, expires_on: datetime.date | None, planned_end: datetime.date | None
) -> str | None:
    """A visa that expires before the placement's planned end."""
    if expires_on is None or planned_end is None or expires_on >= planned_end:
        return None
    return _(
        "The visa expires on %(expires)s, before the placement's planned end on %(end)s: "
        "renew it or plan its extension in time."
    ) % {
        "expires": date_format(expires_on, "DATE_FORMAT"),
        "end": date_format(planned_end, "DATE_FORMAT"),
    }
