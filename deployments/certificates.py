"""The certificate of service, as a one-page PDF in English and the volunteer's language.

WeasyPrint is imported only when a PDF is made, so this module (and the views that use it)
import even where Pango is missing; the PDF alone needs it. Names in Chinese, Devanagari or
Burmese script print with the Noto fonts vendored in `static/vendor/fonts/`
(`deployments.pdf`), so no system font is needed.
"""

from dataclasses import dataclass

from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop

from .enums import ActivityLogStatus
from .models import Placement
from .pdf import FONT_FAMILY, pdf_document

# Languages a certificate may carry beside English, when a translation catalogue exists.
SECOND_LANGUAGES = ("zh-hans", "ne", "my")

TITLE = gettext_noop("Certificate of service")
CERTIFIES = gettext_noop("This certifies that")
SERVED = gettext_noop(
    "served as %(role)s with %(host)s in %(country)s, in the project “%(project)s” of the "
    "%(programme)s, from %(start)s to %(end)s."
)
HOURS = gettext_noop("Approved hours of activity: %(hours)s")
ISSUED = gettext_noop("Issued on %(date)s")


@dataclass(frozen=True)
class Line:
    english: str
    translated: str = ""


MESSAGES = {
    "title": TITLE,
    "certifies": CERTIFIES,
    "served": SERVED,
    "hours": HOURS,
    "issued": ISSUED,
}


def _lines(language: str | None, params: dict) -> dict[str, Line]:
    """Each line in English, and in the second language where its catalogue translates it."""
    with translation.override("en"):
        english = {key: gettext(message) % params for key, message in MESSAGES.items()}
    translated = {}
    if language in SECOND_LANGUAGES:
        with translation.override(language):
            translated = {key: gettext(message) % params for key, message in MESSAGES.items()}
    return {
        key: Line(text, translated[key] if translated.get(key, text) != text else "")
        for key, text in english.items()
    }


def certificate_context(*, placement: Placement) -> dict:
    volunteer = placement.volunteer
    profile = getattr(volunteer, "volunteer_profile", None)
    native = getattr(profile, "name_native_script", "") or ""
    hours = placement.activity_logs.filter(status=ActivityLogStatus.APPROVED).aggregate(
        total=Sum("hours")
    )["total"]
    start = placement.actual_start or placement.planned_start
    end = placement.actual_end or placement.planned_end
    issued = timezone.localdate()
    params = {
        "role": placement.opportunity.title,
        "host": placement.project.host_partner.name,
        # Named and dated when each half is written, so each in its own language.
        "country": lazy(lambda: placement.project.host_country.name, str)(),
        "project": placement.project.title,
        "programme": placement.project.programme.name,
        "start": lazy(lambda: date_format(start, "DATE_FORMAT"), str)(),
        "end": lazy(lambda: date_format(end, "DATE_FORMAT"), str)(),
        "hours": hours or 0,
        "date": lazy(lambda: date_format(issued, "DATE_FORMAT"), str)(),
    }
    return {
        "placement": placement,
        "name": volunteer.name,
        "native_name": native if native and native not in volunteer.name else "",
        "lines": _lines(volunteer.preferred_language, params),
        "font_family": FONT_FAMILY,
        "sending_organisation": placement.project.programme.sending_organisation.name,
    }


def certificate_document(*, placement: Placement):
    """The certificate laid out by WeasyPrint (a `Document`, one page)."""
    html = render_to_string(
        "deployments/placement_certificate.html", certificate_context(placement=placement)
    )
    return pdf_document(html=html)


def certificate_pdf(*, placement: Placement) -> bytes:
    """The certificate as PDF bytes; raises OSError/ImportError where Pango is unavailable."""
    return certificate_document(placement=placement).write_pdf()
