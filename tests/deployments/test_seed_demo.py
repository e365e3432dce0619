import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.urls import reverse

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
from partners.models import Agreement, Membership, Organisation
from users.models import User

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = ["coordinator@demo.example", "partner@demo.example", "volunteer@demo.example"]


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

    assert User.objects.filter(email__in=DEMO_ACCOUNTS).count() == 3


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
    assert Application.objects.get(volunteer=volunteer).status == ApplicationStatus.OFFERED


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
    pupils = indicator_progress_list(projects=in_country.project).get(
        source=IndicatorSource.BENEFICIARIES
    )
    assert pupils.actual > 0
