"""The coordinators' weekly programme digest: Monday 07:00 in each coordinator's own zone,
one email and in-app notification per ISO week, only when something needs attention."""

import datetime

import pytest
from django.core import mail

from deployments.enums import ApplicationStatus
from deployments.models import CheckIn, MonthlyReport
from deployments.services import programme_digests_send
from deployments.tasks import programme_digests
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReviewAssignmentFactory,
    UserFactory,
)

from .test_reminders import at, local_midnight, log, make_placement

pytestmark = pytest.mark.django_db

MONDAY = "2026-03-09"
SEVEN_HOURS = datetime.timedelta(hours=7)


@pytest.fixture
def kathmandu_coordinator(programme):
    person = UserFactory(name="Zhang Min", time_zone="Asia/Kathmandu")
    programme.coordinators.add(person)
    return person


@pytest.fixture
def attention_needed(programme, host_partner):
    """In the programme on Monday 9 March: an inactive volunteer with an overdue report and
    a missed check-in, a diligent one, and an application awaiting a review."""
    quiet = make_placement(volunteer=UserFactory(name="Li Wei"), programme=programme)
    log(quiet, datetime.date(2026, 2, 20))
    busy = make_placement(volunteer=UserFactory(name="Wang Fang"), programme=programme)
    log(busy, datetime.date(2026, 3, 8))
    MonthlyReport.objects.create(
        placement=busy, month=datetime.date(2026, 2, 1), achievements="Classes"
    )
    CheckIn.objects.create(placement=busy, status="ok", created_at=at("2026-03-06 09:00"))
    reviewer = UserFactory()
    MembershipFactory(user=reviewer, organisation=host_partner, is_reviewer=True)
    opportunity = OpportunityFactory(
        project=ProjectFactory(programme=programme, host_partner=host_partner),
        title="English teacher",
    )
    assignment = ReviewAssignmentFactory(
        application__opportunity=opportunity,
        application__status=ApplicationStatus.PARTNER_REVIEW,
        reviewer=reviewer,
        organisation=host_partner,
    )
    return assignment.application


def test_the_digest_arrives_at_seven_on_monday_in_the_coordinators_zone(
    kathmandu_coordinator, attention_needed, django_capture_on_commit_callbacks
):
    seven = local_midnight(MONDAY, "Asia/Kathmandu") + SEVEN_HOURS

    assert programme_digests_send(now=seven - datetime.timedelta(minutes=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert programme_digests_send(now=seven) == 1

    notification = Notification.objects.get(recipient=kathmandu_coordinator)
    assert notification.kind == NotificationKind.DIGEST
    assert notification.subject == "Your programme this week: 4 items need attention"
    message = notification.message
    assert "Volunteers with no activity logged for 14 days or more (1):" in message
    assert "- Li Wei (" in message and "no activity logged since 20 Feb 2026" in message
    assert "Overdue monthly reports (1):" in message and "the report on February 2026" in message
    assert "Missed check-ins (1):" in message
    assert "Wang Fang" not in message
    assert "Applications awaiting partner reviews (1):" in message
    assert f"English teacher: application {attention_needed.pk} awaits 1 review" in message
    (email,) = mail.outbox
    assert email.subject == notification.subject
    assert "Li Wei" in email.body
    assert email.alternatives[0][1] == "text/html"


def test_the_digest_goes_once_per_iso_week(kathmandu_coordinator, attention_needed):
    seven = local_midnight(MONDAY, "Asia/Kathmandu") + SEVEN_HOURS

    sent = [
        programme_digests_send(now=seven + datetime.timedelta(hours=hours))
        for hours in (0, 1, 5, 24, 24 * 3)
    ]
    assert sent == [1, 0, 0, 0, 0]
    assert programme_digests_send(now=seven + datetime.timedelta(days=7)) == 1


def test_coordinators_in_different_zones_get_it_at_their_own_seven(
    kathmandu_coordinator, programme, attention_needed
):
    yangon_coordinator = UserFactory(time_zone="Asia/Yangon")
    programme.coordinators.add(yangon_coordinator)

    assert programme_digests_send(now=at("2026-03-09 00:30")) == 1  # 07:00 in Yangon
    assert Notification.objects.get().recipient == yangon_coordinator
    assert programme_digests_send(now=at("2026-03-09 01:15")) == 1  # 07:00 in Kathmandu


def test_nothing_to_report_sends_nothing(kathmandu_coordinator, other_coordinator):
    assert programme_digests_send(now=at("2026-03-09 06:00")) == 0
    assert not Notification.objects.exists()


def test_the_digest_covers_only_the_coordinators_programmes(attention_needed, other_coordinator):
    assert programme_digests_send(now=at("2026-03-09 06:00")) == 0


def test_the_task_runs_the_digests():
    assert programme_digests.apply().get() == 0


def programmes_needing_attention(count: int, *, coordinators: int) -> list:
    """`count` programmes, each with `coordinators` coordinators in Kathmandu and a volunteer
    silent since February (inactive, no report, no check-in)."""
    programmes = []
    for _ in range(count):
        programme = ProgrammeFactory()
        for _ in range(coordinators):
            programme.coordinators.add(UserFactory(time_zone="Asia/Kathmandu"))
        log(make_placement(programme=programme), datetime.date(2026, 2, 20))
        programmes.append(programme)
    return programmes


@pytest.mark.parametrize("programmes", [1, 3])
def test_the_digests_take_the_same_queries_however_many_programmes_and_coordinators(
    programmes, django_assert_num_queries
):
    programmes_needing_attention(programmes, coordinators=2)
    seven = local_midnight(MONDAY, "Asia/Kathmandu") + SEVEN_HOURS

    # Coordinators, digests already sent, placements, their recent reports, awaited reviews;
    # then the send: records already there, new ones written and read back, preferences,
    # notifications (in a savepoint).
    with django_assert_num_queries(12):
        assert programme_digests_send(now=seven) == 2 * programmes


def test_coordinators_of_one_programme_get_the_same_digest_each_in_their_language(programme):
    english, chinese = (
        UserFactory(time_zone="Asia/Kathmandu", preferred_language=language)
        for language in ("en", "zh-hans")
    )
    colleague = UserFactory(time_zone="Asia/Kathmandu")
    programme.coordinators.add(english, chinese, colleague)
    log(make_placement(programme=programme), datetime.date(2026, 2, 20))

    assert programme_digests_send(now=local_midnight(MONDAY, "Asia/Kathmandu") + SEVEN_HOURS) == 3

    messages = {n.recipient: n.message for n in Notification.objects.all()}
    assert messages[english] == messages[colleague]
    assert "Missed check-ins (1):" in messages[english]
    assert "未按时报平安" in messages[chinese]


def test_a_coordinator_of_two_programmes_gets_one_digest_of_both():
    first, second = programmes_needing_attention(2, coordinators=1)
    both = UserFactory(time_zone="Asia/Kathmandu")
    first.coordinators.add(both)
    second.coordinators.add(both)

    assert programme_digests_send(now=local_midnight(MONDAY, "Asia/Kathmandu") + SEVEN_HOURS) == 3

    digest = Notification.objects.get(recipient=both)
    assert digest.subject == "Your programme this week: 6 items need attention"
    assert digest.message.count("Missed check-ins (2):") == 1
