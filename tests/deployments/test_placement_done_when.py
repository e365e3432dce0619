"""Issue 5's "done when", through the browser's eyes (Django's test client)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from deployments.enums import IndicatorSource, PlacementStatus
from knowledge.enums import ResourceKind, ResourceStatus
from knowledge.models import Resource
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests import optional
from tests.factories import (
    CompleteVolunteerProfileFactory,
    IndicatorFactory,
    OpportunityFactory,
    PlacementFactory,
)
from tests.optional import weasyprint_or_skip

pytestmark = pytest.mark.django_db


def phone_photo():
    buffer = io.BytesIO()
    Image.new("RGB", (3024, 4032), "teal").save(buffer, format="JPEG", quality=70)
    return SimpleUploadedFile("IMG_2041.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_from_a_morning_in_the_field_to_a_certificate(
    recruiting_project, volunteer, coordinator, partner_member, django_capture_on_commit_callbacks
):
    volunteer.time_zone = "Asia/Kathmandu"
    volunteer.preferred_language = "zh-hans"
    volunteer.save()
    CompleteVolunteerProfileFactory(user=volunteer, name_native_script="李伟")
    placement = PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=recruiting_project),
        status=PlacementStatus.IN_COUNTRY,
    )
    pupils = IndicatorFactory(
        project=recruiting_project,
        name="Pupils taught",
        baseline=0,
        target=400,
        source=IndicatorSource.BENEFICIARIES,
    )
    as_volunteer, as_coordinator, as_host = Client(), Client(), Client()
    as_volunteer.force_login(volunteer)
    as_coordinator.force_login(coordinator)
    as_host.force_login(partner_member)
    indicators_url = reverse("deployments:project-indicators", args=[recruiting_project.pk])

    def actual():
        page = as_coordinator.get(indicators_url)
        return {row.pk: row.actual for row in page.context["indicators"]}[pupils.pk]

    assert actual() == 0

    # The volunteer in Nepal logs a morning's teaching with a photo from the phone.
    form_url = reverse("deployments:activity-log-create", args=[placement.pk])
    assert as_volunteer.get(form_url).status_code == 200
    today_in_kathmandu = datetime.datetime.now(datetime.UTC).astimezone(volunteer.time_zone).date()
    response = as_volunteer.post(
        form_url,
        {
            "date": today_in_kathmandu.isoformat(),
            "hours": "3.5",
            "activity_type": "teaching",
            "description": "English, grade 7: reading aloud in pairs.",
            "girls": "21",
            "boys": "19",
            "place": "Shree Secondary School",
            "photos": [phone_photo()],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    log = placement.activity_logs.get()
    assert log.photos.count() == 1

    # The coordinator approves it, and the project's indicator moves.
    as_coordinator.post(
        reverse("deployments:activity-log-review", args=[log.pk]), {"action": "approved"}
    )
    assert actual() == 40

    # An emergency check-in reaches the coordinator at once: in the portal, then by email.
    with django_capture_on_commit_callbacks(execute=True):
        as_volunteer.post(
            reverse("deployments:check-in-create", args=[placement.pk]),
            {"status": "emergency", "note": "Landslide on the road; we are safe at the school."},
        )
    alert = Notification.objects.get(recipient=coordinator, kind=NotificationKind.EMERGENCY)
    assert alert.read_at is None
    assert "EMERGENCY" in alert.subject
    assert coordinator.email in [email.to[0] for email in mail.outbox]
    assert "EMERGENCY" in as_coordinator.get(reverse("notifications:list")).content.decode()

    # The placement completes: an appraisal, a lessons-learned draft and a certificate.
    as_coordinator.post(
        reverse("deployments:placement-transition", args=[placement.pk]),
        {"to": "completed", "on": today_in_kathmandu.isoformat()},
    )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.COMPLETED

    response = as_host.post(
        reverse("deployments:appraisal-edit", args=[placement.pk]),
        {
            "performance": "5",
            "collaboration": "4",
            "cultural_adaptation": "4",
            "impact": "5",
            "strengths": "Prepared and patient.",
            "areas_to_improve": "",
            "recommend_again": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert placement.appraisal.appraised_by == partner_member

    as_volunteer.post(
        reverse("deployments:lessons-edit", args=[placement.pk]),
        {"lessons": "Bring readers from home; co-teach before you teach alone."},
    )
    draft = Resource.objects.get(placement=placement)
    assert (draft.kind, draft.status) == (ResourceKind.LESSON_LEARNED, ResourceStatus.DRAFT)
    listed = as_coordinator.get(reverse("knowledge:resource-list")).context["page_obj"]
    assert draft in list(listed)

    weasyprint_or_skip()
    try:
        response = as_volunteer.get(
            reverse("deployments:placement-certificate", args=[placement.pk])
        )
    except OSError as error:  # pragma: no cover - a machine without Pango
        optional.skip("pdf", f"WeasyPrint cannot load Pango: {error}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
