"""The reminder sweeps: due, not yet due, across the Kathmandu (UTC+05:45) and Yangon
(UTC+06:30) day boundaries, and once per period however often they run."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from deployments.enums import ApplicationStatus, PlacementStatus, ProjectStatus
from deployments.models import (
    ActivityLog,
    ApplicationEvent,
    CheckIn,
    MonthlyReport,
    Placement,
)
from deployments.services import (
    activity_log_reminders_send,
    agreement_reminders_send,
    check_in_reminders_send,
    document_reminders_send,
    monthly_report_reminders_send,
    placement_ending_reminders_send,
    reminders_sweep,
    review_reminders_send,
)
from notifications.enums import Channel, EmailFrequency, NotificationKind
from notifications.models import Notification, NotificationPreference, ReminderRecord
from partners.enums import AgreementStatus
from tests.factories import (
    AgreementFactory,
    ApplicationFactory,
    DocumentFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReviewAssignmentFactory,
    ReviewFactory,
    UserFactory,
)
from volunteers.enums import DocumentKind

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
KATHMANDU = "Asia/Kathmandu"  # UTC+05:45
YANGON = "Asia/Yangon"  # UTC+06:30


def at(text: str) -> datetime.datetime:
    """An instant in UTC, e.g. at("2026-03-07 18:15")."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def local_midnight(day: str, zone: str) -> datetime.datetime:
    """The UTC instant at which `day` begins in `zone`."""
    from zoneinfo import ZoneInfo

    return datetime.datetime.fromisoformat(day).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


MINUTE = datetime.timedelta(minutes=1)


def make_placement(
    *,
    volunteer=None,
    programme=None,
    project=None,
    status=PlacementStatus.IN_COUNTRY,
    start=datetime.date(2026, 1, 10),
    end=datetime.date(2026, 12, 20),
    host_supervisor=None,
):
    """A placement born of an accepted application, in the country unless told otherwise."""
    project = project or ProjectFactory(
        programme=programme or ProgrammeFactory(), status=ProjectStatus.ACTIVE
    )
    opportunity = OpportunityFactory(project=project)
    application = ApplicationFactory(
        volunteer=volunteer or UserFactory(),
        opportunity=opportunity,
        status=ApplicationStatus.ACCEPTED,
    )
    in_field = status not in (PlacementStatus.PRE_DEPARTURE, PlacementStatus.CANCELLED)
    return Placement.objects.create(
        application=application,
        volunteer=application.volunteer,
        project=project,
        opportunity=opportunity,
        planned_start=start,
        planned_end=end,
        actual_start=start if in_field else None,
        host_supervisor=host_supervisor,
        status=status,
    )


def log(placement, day: datetime.date):
    return ActivityLog.objects.create(
        placement=placement,
        date=day,
        hours=Decimal("4"),
        activity_type="teaching",
        description="Grade 7 English",
    )


def subjects(person) -> list[str]:
    return list(
        Notification.objects.filter(recipient=person)
        .order_by("pk")
        .values_list("subject", flat=True)
    )


@pytest.fixture
def kathmandu_volunteer(db):
    return UserFactory(name="Li Wei", time_zone=KATHMANDU)


@pytest.fixture
def yangon_volunteer(db):
    return UserFactory(name="Wang Fang", time_zone=YANGON)


# Activity logs --------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", [KATHMANDU, YANGON])
def test_activity_log_overdue_from_the_volunteers_own_seventh_day(zone, programme):
    volunteer = UserFactory(time_zone=zone)
    placement = make_placement(volunteer=volunteer, programme=programme)
    log(placement, datetime.date(2026, 3, 1))
    seventh_day = local_midnight("2026-03-08", zone)  # 7 local days without a log

    assert activity_log_reminders_send(now=seventh_day - MINUTE) == 0
    assert activity_log_reminders_send(now=seventh_day) == 1
    assert subjects(volunteer) == [f"Please log your activities in {placement.project.title}"]


def test_kathmandu_and_yangon_cross_their_day_boundaries_at_different_utc_times(
    kathmandu_volunteer, yangon_volunteer, programme
):
    for volunteer in (kathmandu_volunteer, yangon_volunteer):
        log(make_placement(volunteer=volunteer, programme=programme), datetime.date(2026, 3, 1))

    # 18:00 UTC on 7 March is 23:45 in Kathmandu and 00:30 on 8 March in Yangon.
    assert activity_log_reminders_send(now=at("2026-03-07 18:00")) == 1
    assert Notification.objects.get().recipient == yangon_volunteer
    assert activity_log_reminders_send(now=at("2026-03-07 18:15")) == 1  # Kathmandu's midnight
    assert Notification.objects.filter(recipient=kathmandu_volunteer).count() == 1


def test_activity_log_reminder_is_sent_once_per_week_of_silence(kathmandu_volunteer, programme):
    placement = make_placement(volunteer=kathmandu_volunteer, programme=programme)
    log(placement, datetime.date(2026, 3, 1))

    sent = [
        activity_log_reminders_send(now=at(moment))
        for moment in ("2026-03-08 06:00", "2026-03-08 07:00", "2026-03-12 06:00")
    ]

    assert sent == [1, 0, 0]
    assert activity_log_reminders_send(now=at("2026-03-15 06:00")) == 1  # the second week


def test_a_recent_log_means_no_reminder(kathmandu_volunteer, programme):
    placement = make_placement(volunteer=kathmandu_volunteer, programme=programme)
    log(placement, datetime.date(2026, 3, 1))
    log(placement, datetime.date(2026, 3, 6))

    assert activity_log_reminders_send(now=at("2026-03-09 06:00")) == 0


def test_activity_logs_count_from_the_first_day_in_the_country(kathmandu_volunteer, programme):
    make_placement(
        volunteer=kathmandu_volunteer, programme=programme, start=datetime.date(2026, 3, 1)
    )

    assert activity_log_reminders_send(now=local_midnight("2026-03-08", KATHMANDU) - MINUTE) == 0
    assert activity_log_reminders_send(now=local_midnight("2026-03-08", KATHMANDU)) == 1


def test_only_placements_in_the_country_are_reminded_to_log(programme):
    for status in (PlacementStatus.PRE_DEPARTURE, PlacementStatus.CANCELLED):
        make_placement(programme=programme, status=status, start=datetime.date(2026, 1, 1))

    assert activity_log_reminders_send(now=at("2026-03-20 06:00")) == 0


def test_coordinators_hear_of_missing_logs_after_fourteen_of_their_own_days(
    kathmandu_volunteer, programme
):
    coordinator = UserFactory(time_zone=YANGON)
    programme.coordinators.add(coordinator)
    placement = make_placement(volunteer=kathmandu_volunteer, programme=programme)
    log(placement, datetime.date(2026, 3, 1))
    fourteenth_day = local_midnight("2026-03-15", YANGON)

    activity_log_reminders_send(now=fourteenth_day - MINUTE)
    assert subjects(coordinator) == []

    activity_log_reminders_send(now=fourteenth_day)
    assert subjects(coordinator) == [
        f"{kathmandu_volunteer.name} has not logged activity for two weeks"
    ]


# Monthly reports ------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", [KATHMANDU, YANGON])
def test_monthly_report_is_due_on_the_first_in_the_volunteers_zone(zone, programme):
    volunteer = UserFactory(time_zone=zone)
    placement = make_placement(volunteer=volunteer, programme=programme)
    MonthlyReport.objects.create(
        placement=placement, month=datetime.date(2026, 1, 1), achievements="Started classes"
    )
    first_of_march = local_midnight("2026-03-01", zone)

    assert monthly_report_reminders_send(now=first_of_march - MINUTE) == 0
    assert monthly_report_reminders_send(now=first_of_march) == 1
    assert monthly_report_reminders_send(now=first_of_march + datetime.timedelta(days=2)) == 0
    assert subjects(volunteer) == ["Your monthly report for February 2026 is due"]
    assert ReminderRecord.objects.get().period_key == "2026-02"


def test_a_submitted_report_needs_no_reminder(kathmandu_volunteer, programme):
    placement = make_placement(volunteer=kathmandu_volunteer, programme=programme)
    for month in (1, 2):
        MonthlyReport.objects.create(
            placement=placement, month=datetime.date(2026, month, 1), achievements="Classes"
        )

    assert monthly_report_reminders_send(now=at("2026-03-02 06:00")) == 0


def test_no_report_is_due_for_a_month_before_arriving(kathmandu_volunteer, programme):
    make_placement(
        volunteer=kathmandu_volunteer, programme=programme, start=datetime.date(2026, 3, 1)
    )

    assert monthly_report_reminders_send(now=at("2026-03-15 06:00")) == 0


def test_coordinators_hear_of_a_report_five_days_late_in_their_zone(kathmandu_volunteer, programme):
    coordinator = UserFactory(time_zone=YANGON)
    programme.coordinators.add(coordinator)
    placement = make_placement(volunteer=kathmandu_volunteer, programme=programme)
    MonthlyReport.objects.create(
        placement=placement, month=datetime.date(2026, 1, 1), achievements="Classes"
    )
    sixth_of_march = local_midnight("2026-03-06", YANGON)

    monthly_report_reminders_send(now=sixth_of_march - MINUTE)
    assert subjects(coordinator) == []

    monthly_report_reminders_send(now=sixth_of_march)
    monthly_report_reminders_send(now=sixth_of_march + datetime.timedelta(hours=5))
    assert subjects(coordinator) == [
        f"{kathmandu_volunteer.name}'s monthly report for February 2026 is late"
    ]


# Check-ins ------------------------------------------------------------------------------------


def test_a_missed_check_in_reminds_the_volunteer_then_the_supervisor_and_coordinators(
    kathmandu_volunteer, programme
):
    coordinator = UserFactory(time_zone=KATHMANDU)
    programme.coordinators.add(coordinator)
    supervisor = UserFactory(time_zone=YANGON)
    placement = make_placement(
        volunteer=kathmandu_volunteer, programme=programme, host_supervisor=supervisor
    )
    CheckIn.objects.create(placement=placement, status="ok", created_at=at("2026-03-01 10:00"))
    ninth_day = local_midnight("2026-03-10", KATHMANDU)

    assert check_in_reminders_send(now=ninth_day - MINUTE) == 0
    assert check_in_reminders_send(now=ninth_day) == 1
    assert subjects(kathmandu_volunteer) == ["Please check in: how are you?"]

    # Two more days: the supervisor (Yangon) and the coordinator (Kathmandu), each at their
    # own midnight.
    assert check_in_reminders_send(now=local_midnight("2026-03-12", YANGON)) == 1
    assert subjects(supervisor) == [
        f"{kathmandu_volunteer.name} has not checked in since 1 Mar 2026"
    ]
    assert check_in_reminders_send(now=local_midnight("2026-03-12", KATHMANDU)) == 1
    assert len(subjects(coordinator)) == 1
    assert check_in_reminders_send(now=local_midnight("2026-03-12", KATHMANDU) + MINUTE) == 0


def test_a_recent_check_in_means_no_reminder(kathmandu_volunteer, programme):
    placement = make_placement(volunteer=kathmandu_volunteer, programme=programme)
    CheckIn.objects.create(placement=placement, status="ok", created_at=at("2026-03-01 10:00"))
    CheckIn.objects.create(placement=placement, status="ok", created_at=at("2026-03-08 10:00"))

    assert check_in_reminders_send(now=at("2026-03-12 06:00")) == 0


def test_without_a_named_supervisor_the_host_partners_supervisors_are_told(
    kathmandu_volunteer, programme, partner_member, host_partner
):
    project = ProjectFactory(
        programme=programme, host_partner=host_partner, status=ProjectStatus.ACTIVE
    )
    make_placement(volunteer=kathmandu_volunteer, project=project, start=datetime.date(2026, 3, 1))

    check_in_reminders_send(now=at("2026-03-13 06:00"))

    assert len(subjects(partner_member)) == 1


# Reviews --------------------------------------------------------------------------------------


@pytest.fixture
def review_assignment(host_partner, programme):
    reviewer = UserFactory(time_zone=KATHMANDU)
    MembershipFactory(user=reviewer, organisation=host_partner, is_reviewer=True)
    opportunity = OpportunityFactory(
        project=ProjectFactory(programme=programme, host_partner=host_partner),
        application_deadline=at("2026-06-30 12:00"),
    )
    assignment = ReviewAssignmentFactory(
        application__opportunity=opportunity, reviewer=reviewer, organisation=host_partner
    )
    event = ApplicationEvent.objects.create(
        application=assignment.application,
        from_status=ApplicationStatus.SCREENING,
        to_status=ApplicationStatus.PARTNER_REVIEW,
    )
    ApplicationEvent.objects.filter(pk=event.pk).update(created_at=at("2026-03-01 10:00"))
    return assignment


def test_a_review_waiting_five_local_days_reminds_the_reviewer(review_assignment):
    reviewer = review_assignment.reviewer
    fifth_day = local_midnight("2026-03-06", KATHMANDU)

    assert review_reminders_send(now=fifth_day - MINUTE) == 0
    assert review_reminders_send(now=fifth_day) == 1
    assert review_reminders_send(now=fifth_day + datetime.timedelta(days=1)) == 0
    (notification,) = Notification.objects.filter(recipient=reviewer)
    assert notification.kind == NotificationKind.REMINDER
    assert notification.subject == (
        f"A candidate for {review_assignment.application.opportunity.title} awaits your review"
    )
    assert notification.link == f"/applications/{review_assignment.application.pk}/review/"


def test_the_wait_counts_from_the_last_return_to_partner_review(review_assignment):
    later = ApplicationEvent.objects.create(
        application=review_assignment.application,
        from_status=ApplicationStatus.SCREENING,
        to_status=ApplicationStatus.PARTNER_REVIEW,
    )
    ApplicationEvent.objects.filter(pk=later.pk).update(created_at=at("2026-03-04 10:00"))

    assert review_reminders_send(now=at("2026-03-07 06:00")) == 0
    assert review_reminders_send(now=local_midnight("2026-03-09", KATHMANDU)) == 1


def test_reviewers_who_reviewed_or_left_are_not_reminded(review_assignment, host_partner):
    application = review_assignment.application
    done = UserFactory()
    MembershipFactory(user=done, organisation=host_partner, is_reviewer=True)
    ReviewAssignmentFactory(application=application, reviewer=done, organisation=host_partner)
    ReviewFactory(application=application, reviewer=done, organisation=host_partner)
    former = UserFactory()
    MembershipFactory(user=former, organisation=host_partner, is_reviewer=False, is_supervisor=True)
    ReviewAssignmentFactory(application=application, reviewer=former, organisation=host_partner)

    review_reminders_send(now=at("2026-03-10 06:00"))

    assert list(Notification.objects.values_list("recipient", flat=True)) == [
        review_assignment.reviewer.pk
    ]


def test_a_near_deadline_reminds_reviewers_three_local_days_ahead(review_assignment):
    opportunity = review_assignment.application.opportunity
    opportunity.application_deadline = at("2026-03-04 12:00")  # 17:45 on 4 March in Kathmandu
    opportunity.save()
    three_days_before = local_midnight("2026-03-01", KATHMANDU)

    assert review_reminders_send(now=three_days_before - MINUTE) == 0
    assert review_reminders_send(now=three_days_before) == 1
    assert subjects(review_assignment.reviewer) == [
        f"Please review a candidate for {opportunity.title} soon"
    ]
    assert review_reminders_send(now=three_days_before + datetime.timedelta(days=1)) == 0


def test_applications_no_longer_in_partner_review_need_no_reviews(review_assignment):
    application = review_assignment.application
    application.status = ApplicationStatus.SHORTLISTED
    application.save()

    assert review_reminders_send(now=at("2026-03-20 06:00")) == 0


# Documents ------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", [KATHMANDU, YANGON])
def test_documents_expiring_remind_at_60_30_and_7_local_days(zone):
    volunteer = UserFactory(time_zone=zone)
    DocumentFactory(
        owner=volunteer, kind=DocumentKind.PASSPORT, expires_on=datetime.date(2026, 6, 30)
    )
    sent = {}
    for days_before in (61, 60, 45, 31, 30, 8, 7, 1):
        day = datetime.date(2026, 6, 30) - datetime.timedelta(days=days_before)
        midnight = local_midnight(day.isoformat(), zone)
        assert document_reminders_send(now=midnight - MINUTE) == 0, days_before
        sent[days_before] = document_reminders_send(now=midnight)

    assert sent == {61: 0, 60: 1, 45: 0, 31: 0, 30: 1, 8: 0, 7: 1, 1: 0}
    assert subjects(volunteer) == ["Your Passport expires on 30 Jun 2026"] * 3


def test_a_document_first_seen_close_to_expiry_gets_only_the_nearest_reminder(
    kathmandu_volunteer,
):
    DocumentFactory(
        owner=kathmandu_volunteer, kind=DocumentKind.VISA, expires_on=datetime.date(2026, 6, 30)
    )

    assert document_reminders_send(now=at("2026-06-26 06:00")) == 1
    assert ReminderRecord.objects.get().period_key == "2026-06-30/d7"


def test_expired_and_other_documents_are_left_alone(kathmandu_volunteer):
    DocumentFactory(
        owner=kathmandu_volunteer,
        kind=DocumentKind.INSURANCE,
        expires_on=datetime.date(2026, 6, 1),
    )
    DocumentFactory(owner=kathmandu_volunteer, kind=DocumentKind.CV)

    assert document_reminders_send(now=at("2026-06-10 06:00")) == 0


def test_coordinators_of_the_volunteers_programmes_hear_of_expiring_documents(
    kathmandu_volunteer, programme, coordinator, other_coordinator
):
    placed_programme = ProgrammeFactory()
    placement_coordinator = UserFactory()
    placed_programme.coordinators.add(placement_coordinator)
    make_placement(volunteer=kathmandu_volunteer, programme=placed_programme)
    ApplicationFactory(
        volunteer=kathmandu_volunteer,
        opportunity=OpportunityFactory(project=ProjectFactory(programme=programme)),
        status=ApplicationStatus.SCREENING,
    )
    # A draft is the volunteer's own business: its programme's coordinators are not told.
    draft_programme = ProgrammeFactory()
    draft_programme.coordinators.add(UserFactory())
    ApplicationFactory(
        volunteer=kathmandu_volunteer,
        opportunity=OpportunityFactory(project=ProjectFactory(programme=draft_programme)),
        status=ApplicationStatus.DRAFT,
    )
    DocumentFactory(
        owner=kathmandu_volunteer, kind=DocumentKind.VISA, expires_on=datetime.date(2026, 6, 30)
    )

    document_reminders_send(now=at("2026-06-25 06:00"))

    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        kathmandu_volunteer.pk,
        coordinator.pk,
        placement_coordinator.pk,
    }
    assert subjects(coordinator) == [f"{kathmandu_volunteer.name}'s Visa expires on 30 Jun 2026"]


# Placements ending ----------------------------------------------------------------------------


def test_a_placement_ending_in_30_days_tells_volunteer_supervisor_and_coordinator(
    kathmandu_volunteer, programme, coordinator
):
    supervisor = UserFactory(time_zone=YANGON)
    placement = make_placement(
        volunteer=kathmandu_volunteer,
        programme=programme,
        host_supervisor=supervisor,
        end=datetime.date(2026, 7, 31),
    )
    # 1 July begins first in Yangon (17:30 UTC), then in Kathmandu (18:15 UTC), then in UTC.
    yangon_day = local_midnight("2026-07-01", YANGON)

    assert placement_ending_reminders_send(now=yangon_day - MINUTE) == 0
    assert placement_ending_reminders_send(now=yangon_day) == 1  # the supervisor
    assert placement_ending_reminders_send(now=local_midnight("2026-07-01", KATHMANDU)) == 1
    assert placement_ending_reminders_send(now=at("2026-07-01 00:00")) == 1  # the coordinator
    assert placement_ending_reminders_send(now=at("2026-07-10 06:00")) == 0

    assert subjects(kathmandu_volunteer) == [
        f"Your placement in {placement.project.title} ends on 31 Jul 2026"
    ]
    assert subjects(supervisor) == [
        f"Please appraise {kathmandu_volunteer.name}: the placement ends on 31 Jul 2026"
    ]
    assert "appraisal" in Notification.objects.get(recipient=supervisor).message
    assert subjects(coordinator) == [f"{kathmandu_volunteer.name}'s placement ends on 31 Jul 2026"]


def test_an_ended_placement_needs_no_ending_reminder(programme):
    placement = make_placement(programme=programme, end=datetime.date(2026, 7, 31))
    Placement.objects.filter(pk=placement.pk).update(
        status=PlacementStatus.COMPLETED, actual_end=datetime.date(2026, 7, 15)
    )

    assert placement_ending_reminders_send(now=at("2026-07-05 06:00")) == 0


# Agreements -----------------------------------------------------------------------------------


def test_an_agreement_ending_in_60_days_tells_coordinators_and_party_admins(
    programme, coordinator, other_coordinator, host_partner
):
    ProjectFactory(programme=programme, host_partner=host_partner)
    PartnershipFactory(programme=programme, organisation=host_partner)
    other_party = OrganisationFactory()
    admin = UserFactory(time_zone=YANGON)
    MembershipFactory(user=admin, organisation=other_party, is_admin=True)
    MembershipFactory(user=UserFactory(), organisation=other_party, is_reviewer=True)
    agreement = AgreementFactory(
        status=AgreementStatus.ACTIVE,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2026, 9, 30),
    )
    agreement.organisations.set([host_partner, other_party])
    AgreementFactory(
        status=AgreementStatus.DRAFT,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2026, 9, 30),
    ).organisations.set([host_partner])
    sixty_days_before = local_midnight("2026-08-01", YANGON)

    assert agreement_reminders_send(now=sixty_days_before - MINUTE) == 0
    assert agreement_reminders_send(now=sixty_days_before) == 1  # the admin in Yangon
    assert agreement_reminders_send(now=at("2026-08-01 06:00")) == 1  # the coordinator (UTC)
    assert agreement_reminders_send(now=at("2026-08-20 06:00")) == 0

    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        admin.pk,
        coordinator.pk,
    }
    notification = Notification.objects.get(recipient=admin)
    assert notification.kind == NotificationKind.REMINDER
    assert notification.link == f"/partners/agreements/{agreement.pk}/"


# The sweep ------------------------------------------------------------------------------------


@pytest.fixture
def everything_due(kathmandu_volunteer, yangon_volunteer, programme, coordinator):
    """One reminder of each kind due at 2026-03-10 06:00 UTC."""
    placement = make_placement(
        volunteer=kathmandu_volunteer, programme=programme, end=datetime.date(2026, 4, 5)
    )
    log(placement, datetime.date(2026, 3, 1))
    DocumentFactory(
        owner=yangon_volunteer, kind=DocumentKind.PASSPORT, expires_on=datetime.date(2026, 3, 15)
    )
    return at("2026-03-10 06:00")


def test_the_sweep_twice_sends_nothing_twice(
    everything_due, django_capture_on_commit_callbacks, kathmandu_volunteer
):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_sweep(now=everything_due)
    emails = len(mail.outbox)
    notifications = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_sweep(now=everything_due)
        third = reminders_sweep(now=everything_due + datetime.timedelta(hours=1))

    assert first == {
        "activity_logs": 1,
        "monthly_reports": 2,  # the volunteer, and the coordinator 5 days late
        "check_ins": 2,  # the volunteer, and (no supervisor named) the coordinator
        "reviews": 0,
        "documents": 1,
        "placement_endings": 2,
        "agreements": 0,
    }
    assert set(second.values()) == set(third.values()) == {0}
    assert notifications == sum(first.values()) == ReminderRecord.objects.count()
    assert Notification.objects.count() == notifications
    assert len(mail.outbox) == emails == notifications


def test_reminders_respect_each_persons_preferences(
    everything_due, django_capture_on_commit_callbacks, kathmandu_volunteer, yangon_volunteer
):
    NotificationPreference.objects.create(
        user=kathmandu_volunteer, kind=NotificationKind.REMINDER, channel=Channel.NONE
    )
    NotificationPreference.objects.create(
        user=yangon_volunteer, kind=NotificationKind.REMINDER, channel=Channel.IN_APP
    )

    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(now=everything_due)
        reminders_sweep(now=everything_due)

    assert Notification.objects.filter(recipient=kathmandu_volunteer).count() == 0
    assert Notification.objects.filter(recipient=yangon_volunteer).count() == 1
    assert {email.to[0] for email in mail.outbox}.isdisjoint(
        {kathmandu_volunteer.email, yangon_volunteer.email}
    )


def test_reminders_batched_for_a_digest_are_not_emailed_one_by_one(
    everything_due, django_capture_on_commit_callbacks, yangon_volunteer
):
    NotificationPreference.objects.create(
        user=yangon_volunteer,
        kind=NotificationKind.REMINDER,
        channel=Channel.BOTH,
        email_frequency=EmailFrequency.DAILY,
    )

    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(now=everything_due)

    notification = Notification.objects.get(recipient=yangon_volunteer)
    assert (notification.email_frequency, notification.emailed_at) == (EmailFrequency.DAILY, None)
    assert yangon_volunteer.email not in {email.to[0] for email in mail.outbox}
