import csv
import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from deployments.enums import (
    ActivityLogStatus,
    ActivityType,
    ApplicationStatus,
    OpportunityStatus,
    PlacementStatus,
)
from deployments.models import Application, Opportunity, Placement
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReportActivityLogFactory,
    ReportPlacementFactory,
    UserFactory,
)
from tests.optional import weasyprint_or_skip  # noqa: F401  (imported from here)
from users.models import User


@pytest.fixture(autouse=True)
def _no_report_files_from_earlier_tests():
    """Ids repeat from one test to the next, so a report's folder starts empty in each."""
    from reports.models import ReportRequest

    folder = Path(ReportRequest._meta.get_field("file").storage.location) / "reports"
    shutil.rmtree(folder, ignore_errors=True)
    yield
    shutil.rmtree(folder, ignore_errors=True)


def fresh(user):
    """A new instance: roles and memberships are cached on the user object."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def partner_admin(host_partner):
    user = UserFactory(name="Gita Thapa")
    MembershipFactory(user=user, organisation=host_partner, is_admin=True, is_reviewer=False)
    return user


@pytest.fixture
def project(programme, host_partner):
    return ProjectFactory(
        programme=programme,
        host_partner=host_partner,
        title="Community school teaching, Kathmandu",
        host_country="NP",
        region="Bagmati",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def other_project(db):
    """A project of another programme and host partner, in Myanmar."""
    return ProjectFactory(
        programme=ProgrammeFactory(name="Other programme"),
        host_partner=OrganisationFactory(name="Yangon Youth Network", country="MM"),
        title="Youth health outreach, Yangon",
        host_country="MM",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def field_data(project, other_project):
    """Approved activity in both projects, a log awaiting review, and named volunteers."""
    here = ReportPlacementFactory(
        application__opportunity__project=project,
        application__volunteer=UserFactory(name="Wang Fang", email="wang.fang@example.org"),
    )
    there = ReportPlacementFactory(
        application__opportunity__project=other_project,
        application__volunteer=UserFactory(name="Chen Jie", email="chen.jie@example.org"),
    )
    ReportActivityLogFactory(placement=here, date=datetime.date(2026, 3, 2), women=1, men=2)
    ReportActivityLogFactory(placement=here, date=datetime.date(2026, 3, 9), women=4, men=0)
    ReportActivityLogFactory(
        placement=here,
        date=datetime.date(2026, 4, 6),
        activity_type=ActivityType.TRAINING,
        women=5,
        men=5,
        girls=0,
        boys=0,
    )
    ReportActivityLogFactory(
        placement=here, date=datetime.date(2026, 4, 7), status=ActivityLogStatus.SUBMITTED
    )
    ReportActivityLogFactory(placement=there, date=datetime.date(2026, 3, 3))
    return {"here": here, "there": there}


def read_csv(report) -> list[list[str]]:
    with report.file.open("rb") as handle:
        return list(csv.reader(io.StringIO(handle.read().decode("utf-8"))))


def build(django_capture_on_commit_callbacks, **kwargs):
    """Requests a report through the service and lets the (eager) task build it."""
    from reports import services

    kwargs["requested_by"] = fresh(kwargs["requested_by"])
    kwargs.setdefault("filters", {})
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request_create(**kwargs)
    report.refresh_from_db()
    return report


def pdf_expanded(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for pages and fonts."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


PEOPLE = 100  # each person applies to every opportunity: placements = people × opportunities


def placements_add(project, opportunities: int, start: int) -> None:
    """Adds PEOPLE × `opportunities` placements with bulk inserts."""
    now = timezone.now()
    made = Opportunity.objects.bulk_create(
        Opportunity(
            project=project,
            title=f"Role {start + number}",
            description="Teaching",
            seats=100,
            duration_months=6,
            starts_on=datetime.date(2026, 1, 1),
            application_deadline=now,
            status=OpportunityStatus.FILLED,
            published_at=now,
        )
        for number in range(opportunities)
    )
    people = list(User.objects.filter(email__startswith="bulk").order_by("pk"))
    if not people:
        people = User.objects.bulk_create(
            User(email=f"bulk{number}@example.org", name=f"Bulk Volunteer {number}")
            for number in range(PEOPLE)
        )
    applications = Application.objects.bulk_create(
        Application(
            volunteer=person,
            opportunity=opportunity,
            status=ApplicationStatus.ACCEPTED,
            submitted_at=now,
        )
        for opportunity in made
        for person in people
    )
    Placement.objects.bulk_create(
        (
            Placement(
                application=application,
                volunteer_id=application.volunteer_id,
                project=project,
                opportunity_id=application.opportunity_id,
                planned_start=datetime.date(2026, 1, 1),
                planned_end=datetime.date(2026, 12, 31),
                status=PlacementStatus.PRE_DEPARTURE,
            )
            for application in applications
        ),
        batch_size=2000,
    )
