"""What the field app's script needs from the page: its words, and the pages to keep for
offline use. Its words live here, not in the script, so that they are translated like the
rest of the portal."""

import json

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from deployments.enums import CheckInStatus

register = template.Library()


@register.simple_tag
def field_app_api_urls() -> dict:
    """Where the outbox sends each kind of record (the API's field writes)."""
    return {"activity-log": "/api/v1/activity-logs/", "check-in": "/api/v1/check-ins/"}


@register.simple_tag
def field_app_strings() -> dict:
    return {
        "activity_log": _("Activity log of {date}, {hours} h"),
        "photos": _("photos: {count}"),
        "check_in": _("Check-in: {status}"),
        "check_in_statuses": dict(CheckInStatus.choices),
        "waiting": _("Waiting to send"),
        "signed_out": _("Waiting to send: sign in again so that it can be sent"),
        "refused": _("Not accepted. Write it again with these corrections, then discard this one:"),
        "discard": _("Discard"),
        "discard_confirm": _("Discard this record? It has not been sent."),
        "saved": _("Saved on this phone. It will be sent when you are online."),
        "sent": _("Everything written offline has been sent."),
    }


@register.simple_tag
def field_app_pages(placements) -> str:
    """The dashboard, and each placement's page and activity-log form, as a JSON list;
    `placements` is one placement or several."""
    urls = [reverse("dashboard")]
    for placement in [placements] if hasattr(placements, "pk") else placements:
        urls += [
            reverse("deployments:placement-detail", args=[placement.pk]),
            reverse("deployments:activity-log-create", args=[placement.pk]),
        ]
    return json.dumps(urls)
