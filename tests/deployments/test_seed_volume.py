"""`seed_demo --size`: the measuring data set keeps every rule the services keep."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Max, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone

from deployments.enums import (
    SEAT_HOLDING_STATUSES,
    ActivityLogStatus,
    ApplicationStatus,
    CheckInStatus,
    OpportunityStatus,
    PartnershipStatus,
    PlacementStatus,
    ProjectStatus,
)
from deployments.management.commands._demo_volume import EMAIL_DOMAIN, SIZES
from deployments.models import (
    ActivityLog,
    Application,
    ApplicationEvent,
    CheckIn,
    MonthlyReport,
    Opportunity,
    Partnership,
    Placement,
    PlacementEvent,
    Project,
    Review,
)
from notifications.enums import EmailFrequency
from notifications.models import Notification
from partners.models import Membership, Organisation
from users.models import User

pytestmark = pytest.mark.django_db

TINY = SIZES["tiny"]


def seed_tiny(settings) -> str:
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", size="tiny", stdout=out)
    return out.getvalue()


def busiest_accounts(output: str) -> dict[str, str]:
    line = next(line for line in output.splitlines() if line.startswith("Busiest accounts"))
    return dict(re.findall(rf"(coordinator|partner|volunteer) (\S+@{EMAIL_DOMAIN})", line))


def volume(queryset):
    return queryset.filter(Q(volunteer__email__endswith=EMAIL_DOMAIN))


def test_seed_volume_makes_the_sizes_it_promises_once(settings):
    output = seed_tiny(settings)

    placements = volume(Placement.objects)
    assert volume(Application.objects).count() == TINY.applications
    assert placements.count() == TINY.placements
    assert Project.objects.filter(programme__name__startswith="Volume programme").count() == (
        TINY.projects
    )
    assert User.objects.filter(
        email__endswith=EMAIL_DOMAIN, volunteer_profile__isnull=False
    ).count() == (TINY.volunteers)
    logs = ActivityLog.objects.filter(placement__in=placements).count()
    # Logs are drawn day by day at the rate that gives the target: near it, not exactly.
    assert TINY.activity_logs * 0.8 <= logs <= TINY.activity_logs * 1.2
    assert "Made the tiny data set" in output
    # Digests have something to send: notifications wait for them, unread.
    assert Notification.objects.filter(
        recipient__email__endswith=EMAIL_DOMAIN,
        read_at=None,
        emailed_at=None,
        email_frequency__in=[EmailFrequency.DAILY, EmailFrequency.WEEKLY],
    ).exists()
    before = ActivityLog.objects.count(), User.objects.count()

    again = seed_tiny(settings)

    assert "already there; nothing added" in again
    assert (ActivityLog.objects.count(), User.objects.count()) == before
    # The demo accounts are still the demo's.
    assert User.objects.filter(email="coordinator@demo.example").exists()


def test_seed_volume_has_every_state_of_every_state_machine(settings):
    seed_tiny(settings)

    def states(model, field="status", **filters):
        return set(model.objects.filter(**filters).values_list(field, flat=True).distinct())

    volume_projects = {"programme__name__startswith": "Volume programme"}
    assert states(Project, **volume_projects) == set(ProjectStatus.values)
    assert states(Opportunity, project__programme__name__startswith="Volume programme") == set(
        OpportunityStatus.values
    )
    assert states(Partnership, programme__name__startswith="Volume programme") == set(
        PartnershipStatus.values
    )
    assert set(volume(Application.objects).values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert set(volume(Placement.objects).values_list("status", flat=True)) == set(
        PlacementStatus.values
    )
    field = {"placement__volunteer__email__endswith": EMAIL_DOMAIN}
    assert states(ActivityLog, **field) == set(ActivityLogStatus.values)
    assert states(CheckIn, **field) == set(CheckInStatus.values)


def test_seed_volume_rows_pass_full_clean(settings):
    seed_tiny(settings)

    people = f"@{EMAIL_DOMAIN}"
    for model, own in (
        (Organisation, Q(programme_partnerships__programme__name__startswith="Volume")),
        (Membership, Q(user__email__endswith=people)),
        (Project, Q(programme__name__startswith="Volume")),
        (Opportunity, Q(project__programme__name__startswith="Volume")),
        (Application, Q(volunteer__email__endswith=people)),
        (Review, Q(reviewer__email__endswith=people)),
        (Placement, Q(volunteer__email__endswith=people)),
        (ActivityLog, Q(placement__volunteer__email__endswith=people)),
        (CheckIn, Q(placement__volunteer__email__endswith=people)),
        (MonthlyReport, Q(placement__volunteer__email__endswith=people)),
    ):
        sample = list(model.objects.filter(own).distinct().order_by("?")[:40])
        assert sample, model
        for row in sample:
            row.full_clean()


def test_seed_volume_keeps_the_services_invariants(settings):
    seed_tiny(settings)
    today = timezone.localdate()

    # Seats: never more offered or accepted than seats; filled exactly when all are accepted.
    for opportunity in Opportunity.objects.annotate(
        holders=Count("applications", filter=Q(applications__status__in=SEAT_HOLDING_STATUSES)),
        accepted=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED)),
    ):
        assert opportunity.holders <= opportunity.seats
        filled = opportunity.status == OpportunityStatus.FILLED
        assert filled == (opportunity.accepted >= opportunity.seats), opportunity
    # A day holds at most 24 hours.
    busiest_day = ActivityLog.objects.values("placement", "date").annotate(total=Sum("hours"))
    assert max(day["total"] for day in busiest_day) <= Decimal(24)
    # Logs and check-ins lie inside the time in the field, never in the future.
    for placement in volume(Placement.objects).annotate(
        first_log=Min("activity_logs__date"),
        last_log=Max("activity_logs__date"),
        first_check_in=Min("check_ins__created_at"),
        last_check_in=Max("check_ins__created_at"),
    ):
        if placement.actual_start is None:
            assert placement.first_log is None and placement.first_check_in is None
            continue
        end = min(placement.actual_end or today, today)
        if placement.first_log:
            assert placement.actual_start <= placement.first_log <= placement.last_log <= end
        if placement.first_check_in:
            assert placement.status == PlacementStatus.IN_COUNTRY
            assert placement.actual_start <= placement.first_check_in.date()
            assert placement.last_check_in <= timezone.now()
    # Each placement comes from an accepted application of its own volunteer and opportunity.
    assert not volume(Placement.objects).exclude(
        application__status=ApplicationStatus.ACCEPTED,
        application__volunteer=F("volunteer"),
        application__opportunity=F("opportunity"),
    )
    # Every status was reached through its events, which end where the row is.
    for application in volume(Application.objects).exclude(status=ApplicationStatus.DRAFT):
        last = application.events.order_by("created_at", "pk").last()
        assert last.to_status == application.status
        assert application.events.first().from_status == ApplicationStatus.DRAFT
    for placement in volume(Placement.objects).exclude(status=PlacementStatus.PRE_DEPARTURE):
        assert placement.events.order_by("created_at", "pk").last().to_status == placement.status
    assert not PlacementEvent.objects.filter(placement__status=PlacementStatus.PRE_DEPARTURE)
    assert not ApplicationEvent.objects.filter(application__status=ApplicationStatus.DRAFT)
    # Placements in the field cleared every pre-departure item.
    assert not volume(Placement.objects).filter(
        actual_start__isnull=False, pre_departure_items__status="pending"
    )


@pytest.mark.parametrize("role", ["coordinator", "partner", "volunteer"])
def test_busiest_accounts_sign_in_and_open_their_main_pages(client, settings, role):
    email = busiest_accounts(seed_tiny(settings))[role]
    assert client.login(email=email, password=settings.DEMO_PASSWORD)
    pages = [
        reverse("dashboard"),
        reverse("deployments:application-list"),
        reverse("deployments:opportunity-list"),
        reverse("notifications:list"),
    ]
    if role in ("coordinator", "partner"):
        pages.append(reverse("deployments:placement-list"))
    if role == "coordinator":
        pages += [reverse("deployments:activity-log-queue"), reverse("reports:report-list")]
    if role == "volunteer":
        placement = Placement.objects.get(volunteer__email=email, status=PlacementStatus.IN_COUNTRY)
        pages += [
            reverse("deployments:opportunity-list") + "?sort=fit",
            reverse("deployments:placement-detail", args=[placement.pk]),
        ]

    for page in pages:
        assert client.get(page).status_code == 200, page
