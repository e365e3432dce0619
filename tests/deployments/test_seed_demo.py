import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from deployments.enums import (
    ActivityLogStatus,
    ApplicationStatus,
    CheckInStatus,
    IndicatorSource,
    PlacementStatus,
)
from deployments.models import (
    ActivityLog,
    ActivityPhoto,
    Application,
    Appraisal,
    CheckIn,
    MonthlyReport,
    NeedsAssessment,
    Opportunity,
    Placement,
    PreDepartureItem,
    Programme,
    Project,
    Review,
)
from deployments.selectors import indicator_progress_list
from knowledge.enums import ResourceKind, ResourceStatus
from knowledge.models import Resource
from notifications.selectors import notification_unread_count
from partners.models import Agreement, Membership, Organisation
from users.models import User
from volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = [
    "coordinator@demo.example",
    "partner@demo.example",
    "volunteer@demo.example",
    "applicant@demo.example",
]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Organisation,
            Membership,
            Agreement,
            Programme,
            Project,
            NeedsAssessment,
            Opportunity,
            Application,
            Review,
            Placement,
            PreDepartureItem,
            ActivityLog,
            ActivityPhoto,
            MonthlyReport,
            CheckIn,
            Appraisal,
            Resource,
        )
    }


def test_seed_demo_is_safe_to_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()

    call_command("seed_demo")

    assert counts() == first
    assert first["Project"] == 4
    assert Programme.objects.get().name == "Chinese Foreign Aid Volunteer Programme"


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")

    assert not User.objects.exists()


def test_seed_demo_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False

    call_command("seed_demo", "--force")

    assert User.objects.filter(email__in=DEMO_ACCOUNTS).count() == len(DEMO_ACCOUNTS)


@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_demo_accounts_sign_in_with_the_demo_password(client, settings, email):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-pass-2026"
    call_command("seed_demo")

    response = client.post(reverse("account_login"), {"login": email, "password": "demo-pass-2026"})

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert EmailAddress.objects.get(email=email).verified


def test_demo_partner_reviews_and_supervises_at_a_host_partner_in_nepal(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    membership = Membership.objects.get(user__email="partner@demo.example")

    assert membership.organisation.country == "NP"
    assert membership.is_reviewer and membership.is_supervisor


def test_seed_demo_has_applications_in_every_state_with_reviews_and_a_placement(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    assert set(Application.objects.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert Review.objects.filter(reviewer__email="partner@demo.example").exists()
    assert Placement.objects.count() == len(PlacementStatus.values)
    volunteer = User.objects.get(email="volunteer@demo.example")
    assert Application.objects.get(volunteer=volunteer).status == ApplicationStatus.ACCEPTED


def test_seed_demo_has_placements_in_every_state_with_field_work(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    assert sorted(Placement.objects.values_list("status", flat=True)) == sorted(
        PlacementStatus.values
    )
    assert set(ActivityLog.objects.values_list("status", flat=True)) == set(
        ActivityLogStatus.values
    )
    assert ActivityPhoto.objects.exists()
    assert MonthlyReport.objects.exists()
    assert CheckIn.objects.filter(status=CheckInStatus.NEEDS_SUPPORT).count() == 1
    appraisal = Appraisal.objects.get()
    assert appraisal.placement.status == PlacementStatus.COMPLETED
    lesson = Resource.objects.get(kind=ResourceKind.LESSON_LEARNED)
    assert (lesson.status, lesson.placement) == (ResourceStatus.DRAFT, appraisal.placement)
    in_country = Placement.objects.get(status=PlacementStatus.IN_COUNTRY)
    assert in_country.host_supervisor.email == "partner@demo.example"
    assert in_country.volunteer.email == "volunteer@demo.example"
    pupils = indicator_progress_list(projects=in_country.project).get(
        source=IndicatorSource.BENEFICIARIES
    )
    assert pupils.actual > 0


def test_demo_volunteer_is_in_country_and_can_log_today(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    volunteer = User.objects.get(email="volunteer@demo.example")
    placement = Placement.objects.get(volunteer=volunteer)
    client.force_login(volunteer)

    with translation.override("en"):  # the volunteer's Chinese does not outlive the test
        response = client.get(reverse("deployments:activity-log-create", args=[placement.pk]))

    assert response.status_code == 200
    assert placement.status == PlacementStatus.IN_COUNTRY
    logs = placement.activity_logs.all()
    assert logs.filter(status=ActivityLogStatus.APPROVED).count() >= 2
    returned = logs.get(status=ActivityLogStatus.RETURNED)
    assert returned.review_comment
    assert volunteer.notifications.filter(read_at=None, link__contains=f"/{returned.pk}/").exists()
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    assert placement.actual_start < last_month
    assert not placement.monthly_reports.filter(month=last_month).exists()
    assert placement.monthly_reports.exists()
    assert volunteer.notifications.filter(read_at=None, subject__contains="月度报告").exists()
    assert placement.check_ins.filter(status=CheckInStatus.NEEDS_SUPPORT).exists()


def test_demo_applicant_has_an_application_in_partner_review(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    applicant = User.objects.get(email="applicant@demo.example")

    assert VolunteerProfile.objects.filter(user=applicant).exists()
    application = Application.objects.get(volunteer=applicant)
    assert application.status == ApplicationStatus.PARTNER_REVIEW
    assert not application.reviews.exists()
    assert not Placement.objects.filter(volunteer=applicant).exists()


def test_demo_coordinator_starts_with_a_handful_of_unread_notifications(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    coordinator = User.objects.get(email="coordinator@demo.example")
    first = notification_unread_count(user=coordinator)

    call_command("seed_demo")

    assert 1 <= first <= 8
    assert notification_unread_count(user=coordinator) == first
    assert coordinator.notifications.count() > first


@pytest.mark.parametrize(
    "country, fitting, foreign",
    [("MM", "health", ("lesson", "pupil", "English")), ("NP", "English", ("health", "mother"))],
)
def test_demo_logs_and_reports_fit_their_placement(settings, country, fitting, foreign):
    settings.DEBUG = True
    call_command("seed_demo")

    logs = ActivityLog.objects.filter(placement__project__host_country=country)
    reports = MonthlyReport.objects.filter(placement__project__host_country=country)

    texts = [log.description for log in logs] + [report.achievements for report in reports]
    assert logs and reports
    assert any(fitting.lower() in text.lower() for text in texts)
    assert not [text for text in texts if any(word.lower() in text.lower() for word in foreign)]
