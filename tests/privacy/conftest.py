import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from deployments.enums import ActivityLogStatus, ApplicationStatus, PlacementStatus
from deployments.models import ActivityPhoto, ApplicationEvent
from notifications.models import Notification
from tests.factories import (
    ActivityLogFactory,
    AppraisalFactory,
    CheckInFactory,
    CompleteVolunteerProfileFactory,
    DocumentFactory,
    MonthlyReportFactory,
    OpportunityFactory,
    PlacementFactory,
    PreDepartureItemFactory,
    ProjectFactory,
    ReviewFactory,
    UserFactory,
)
from users.models import User
from volunteers import services as volunteer_services
from volunteers.enums import DocumentKind


def fresh(user):
    return User.objects.get(pk=user.pk)


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _clean_private_files():
    from django.core.files.storage import storages

    root = Path(storages["private"].location)
    shutil.rmtree(root, ignore_errors=True)
    yield
    shutil.rmtree(root, ignore_errors=True)


def private_files() -> set[str]:
    from django.core.files.storage import storages

    root = Path(storages["private"].location)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def project(programme, host_partner):
    return ProjectFactory(programme=programme, host_partner=host_partner, host_country="NP")


@pytest.fixture
def completed_volunteer(project, coordinator):
    """Li Wei, back from a completed year in Nepal, with something of every kind."""
    person = UserFactory(name="Li Wei", email="li.wei@example.org")
    CompleteVolunteerProfileFactory(user=person, consent_given_at=None)
    volunteer_services.consent_give(user=person)
    DocumentFactory(owner=person, kind=DocumentKind.PASSPORT, original_filename="passport.pdf")
    placement = PlacementFactory(
        application__volunteer=person,
        application__opportunity=OpportunityFactory(project=project),
        application__motivation="I taught in Hebei and want to teach in Nepal.",
        status=PlacementStatus.COMPLETED,
        lessons_learned="Learn Nepali before you go.",
    )
    ApplicationEvent.objects.create(
        application=placement.application,
        from_status=ApplicationStatus.OFFERED,
        to_status=ApplicationStatus.ACCEPTED,
        actor=coordinator,
        note="Coordinator's private note",
    )
    ReviewFactory(
        application=placement.application,
        comment="Reviewer's confidential remark",
        reviewer=UserFactory(name="Secret Reviewer"),
    )
    PreDepartureItemFactory(placement=placement, note="Visa in hand")
    log = ActivityLogFactory(
        placement=placement,
        status=ActivityLogStatus.APPROVED,
        hours=4,
        women=3,
        men=2,
        girls=10,
        boys=12,
        description="Taught grade 6 mathematics.",
        place="Shree Secondary School",
        date=placement.actual_start + datetime.timedelta(days=10),
    )
    ActivityPhoto.objects.create(
        log=log,
        image=ContentFile(jpeg_bytes(), name="photo.jpg"),
        thumbnail=ContentFile(jpeg_bytes(), name="thumb.jpg"),
    )
    CheckInFactory(placement=placement, note="All well in Kathmandu")
    MonthlyReportFactory(placement=placement, achievements="Started a reading club.")
    AppraisalFactory(placement=placement, strengths="Patient and well prepared.")
    Notification.objects.create(
        recipient=person, kind="placement", subject="Welcome back", read_at=timezone.now()
    )
    return person
