"""Placement services: the in-country gate, activity log invariants (in the service and in
the database), photos, monthly reports, check-ins, appraisal, lessons and indicators."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from deployments import selectors, services
from deployments.enums import (
    ActivityLogStatus,
    CheckInStatus,
    IndicatorSource,
    PlacementStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
)
from deployments.models import ActivityLog, MonthlyReport, PlacementEvent
from knowledge.enums import ResourceKind, ResourceStatus
from knowledge.models import Resource
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import (
    ActivityLogFactory,
    IndicatorFactory,
    IndicatorMeasurementFactory,
    MembershipFactory,
    OpportunityFactory,
    PlacementFactory,
    UserFactory,
)
from tests.factories.volunteers import MINIMAL_PDF

pytestmark = pytest.mark.django_db

PS = PlacementStatus
LS = ActivityLogStatus


def photo_file(name="photo.jpg", size=(1200, 900), kind="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, format=kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def placement_for(recruiting_project, volunteer):
    def make(status=PS.IN_COUNTRY, **fields):
        opportunity = OpportunityFactory(project=recruiting_project)
        return PlacementFactory(
            application__volunteer=volunteer,
            application__opportunity=opportunity,
            status=status,
            **fields,
        )

    return make


@pytest.fixture
def placement(placement_for):
    return placement_for()


def log_fields(**overrides):
    fields = {
        "date": datetime.date.today() - datetime.timedelta(days=1),
        "hours": Decimal("3.5"),
        "activity_type": "teaching",
        "description": "Grade 7 English",
        "sdg": None,
        "women": 0,
        "men": 0,
        "girls": 10,
        "boys": 12,
        "place": "Shree School",
        "latitude": None,
        "longitude": None,
    }
    return fields | overrides


# The in-country gate ----------------------------------------------------------------------


def clear_checklist(placement, coordinator, *, except_=()):
    for kind in PreDepartureItemKind:
        if kind not in except_:
            services.pre_departure_item_update(
                placement=placement, item=kind, by=coordinator, status=PreDepartureStatus.DONE
            )


def test_going_in_country_is_refused_listing_every_missing_item(placement_for, coordinator):
    placement = placement_for(PS.PRE_DEPARTURE)
    clear_checklist(
        placement, coordinator, except_=(PreDepartureItemKind.VISA, PreDepartureItemKind.TRAVEL)
    )

    with pytest.raises(ValidationError) as refusal:
        services.placement_start_in_country(placement=placement, by=coordinator)

    assert refusal.value.code == "checklist_incomplete"
    assert "Visa" in refusal.value.messages[0]
    assert "Travel booked" in refusal.value.messages[0]
    assert "Insurance" not in refusal.value.messages[0]
    placement.refresh_from_db()
    assert placement.status == PS.PRE_DEPARTURE


def test_going_in_country_with_items_done_waived_or_not_required(placement_for, coordinator):
    placement = placement_for(PS.PRE_DEPARTURE)
    clear_checklist(
        placement, coordinator, except_=(PreDepartureItemKind.VISA, PreDepartureItemKind.TRAVEL)
    )
    services.pre_departure_item_update(
        placement=placement,
        item="visa",
        by=coordinator,
        status=PreDepartureStatus.WAIVED,
        note="Visa on arrival for this nationality",
    )
    services.pre_departure_item_update(
        placement=placement,
        item="travel",
        by=coordinator,
        status=PreDepartureStatus.PENDING,
        required=False,
    )
    arrival = datetime.date.today() - datetime.timedelta(days=2)

    placement = services.placement_start_in_country(placement=placement, by=coordinator, on=arrival)

    assert placement.status == PS.IN_COUNTRY
    assert placement.actual_start == arrival
    event = PlacementEvent.objects.get(placement=placement)
    assert (event.from_status, event.to_status, event.actor) == (
        PS.PRE_DEPARTURE,
        PS.IN_COUNTRY,
        coordinator,
    )
    assert Notification.objects.filter(recipient=placement.volunteer).count() == 1


def test_waiving_an_item_needs_a_reason(placement_for, coordinator):
    with pytest.raises(ValidationError) as refusal:
        services.pre_departure_item_update(
            placement=placement_for(PS.PRE_DEPARTURE),
            item="visa",
            by=coordinator,
            status=PreDepartureStatus.WAIVED,
        )
    assert refusal.value.message_dict == {"note": ["Say why the item is waived."]}


def test_only_coordinators_of_the_programme_keep_the_checklist(
    placement_for, other_coordinator, volunteer
):
    placement = placement_for(PS.PRE_DEPARTURE)
    for person in (other_coordinator, volunteer):
        with pytest.raises(ValidationError, match="Only a coordinator"):
            services.pre_departure_item_update(
                placement=placement, item="visa", by=person, status=PreDepartureStatus.DONE
            )


def test_the_database_refuses_an_in_country_placement_without_a_start(placement):
    placement.actual_start = None
    with pytest.raises(IntegrityError), transaction.atomic():
        placement.save()


# Activity logs ----------------------------------------------------------------------------


def test_a_log_is_created_submitted_with_photos_and_thumbnails(placement, volunteer):
    log = services.activity_log_create(
        placement=placement,
        by=volunteer,
        photos=[photo_file(), photo_file("second.png", kind="PNG")],
        **log_fields(),
    )

    assert log.status == LS.SUBMITTED
    photos = list(log.photos.all())
    assert len(photos) == 2
    with photos[0].thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert max(thumbnail.size) == 480
    assert photos[1].image.name.endswith(".png")


def test_a_stored_photo_keeps_no_gps_position(placement, volunteer):
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (27.0, 42.0, 0.0), 3: "E", 4: (85.0, 19.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "orange").save(buffer, format="JPEG", exif=exif)

    log = services.activity_log_create(
        placement=placement,
        by=volunteer,
        photos=[SimpleUploadedFile("gps.jpg", buffer.getvalue())],
        **log_fields(),
    )

    with log.photos.get().image.open("rb") as handle, Image.open(handle) as stored:
        assert (stored.size, dict(stored.getexif())) == ((800, 600), {})


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_kept(placement, volunteer):
    pdf = SimpleUploadedFile("scan.jpg", MINIMAL_PDF, content_type="image/jpeg")

    with pytest.raises(ValidationError) as refusal:
        services.activity_log_create(
            placement=placement, by=volunteer, photos=[photo_file(), pdf], **log_fields()
        )

    assert "photos" in refusal.value.message_dict
    assert not ActivityLog.objects.exists()


@pytest.mark.parametrize(
    ("offset", "message"),
    [(1, "future"), (-60, "within the placement")],
    ids=["tomorrow", "before the start"],
)
def test_a_log_date_lies_inside_the_placement_and_not_in_the_future(
    placement, volunteer, offset, message
):
    with pytest.raises(ValidationError, match=message):
        services.activity_log_create(
            placement=placement,
            by=volunteer,
            **log_fields(date=datetime.date.today() + datetime.timedelta(days=offset)),
        )


def test_a_day_holds_at_most_24_hours_in_total(placement, volunteer):
    day = datetime.date.today() - datetime.timedelta(days=3)
    services.activity_log_create(
        placement=placement, by=volunteer, **log_fields(date=day, hours=Decimal("20"))
    )

    with pytest.raises(ValidationError, match="at most 24 hours in total"):
        services.activity_log_create(
            placement=placement, by=volunteer, **log_fields(date=day, hours=Decimal("4.5"))
        )

    services.activity_log_create(
        placement=placement, by=volunteer, **log_fields(date=day, hours=Decimal("4"))
    )
    assert sum(log.hours for log in placement.activity_logs.all()) == 24


def test_correcting_a_log_does_not_count_its_own_hours_twice(placement, volunteer):
    log = ActivityLogFactory(placement=placement, hours=Decimal("20"))

    log = services.activity_log_update(log=log, by=volunteer, **log_fields(date=log.date, hours=22))

    assert log.hours == 22


@pytest.mark.parametrize("hours", ["0", "24.5", "-1"])
def test_the_database_refuses_hours_outside_0_to_24(placement, hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityLogFactory(placement=placement, hours=Decimal(hours))


def test_no_log_before_the_placement_is_in_country(placement_for, volunteer):
    with pytest.raises(ValidationError, match="in country"):
        services.activity_log_create(
            placement=placement_for(PS.PRE_DEPARTURE), by=volunteer, **log_fields()
        )


def test_only_the_volunteer_logs_activity(placement, coordinator):
    with pytest.raises(ValidationError, match="Only the volunteer"):
        services.activity_log_create(placement=placement, by=coordinator, **log_fields())


def test_returning_needs_a_comment_and_notifies_the_volunteer(placement, coordinator):
    log = ActivityLogFactory(placement=placement)
    with pytest.raises(ValidationError):
        services.activity_log_transition(log=log, to_status=LS.RETURNED, by=coordinator)

    services.activity_log_transition(
        log=log, to_status=LS.RETURNED, by=coordinator, comment="Add the pupils' numbers."
    )

    log.refresh_from_db()
    assert (log.status, log.reviewed_by, log.review_comment) == (
        LS.RETURNED,
        coordinator,
        "Add the pupils' numbers.",
    )
    assert Notification.objects.filter(recipient=placement.volunteer).count() == 1


def test_a_returned_log_is_corrected_and_resubmitted(placement, volunteer):
    log = ActivityLogFactory(placement=placement, status=LS.RETURNED)

    log = services.activity_log_update(
        log=log, by=volunteer, **log_fields(date=log.date, description="Corrected")
    )

    assert (log.status, log.description) == (LS.SUBMITTED, "Corrected")


def test_an_approved_log_can_no_longer_be_changed(placement, volunteer):
    log = ActivityLogFactory(placement=placement, status=LS.APPROVED)
    with pytest.raises(ValidationError, match="approved"):
        services.activity_log_update(log=log, by=volunteer, **log_fields(date=log.date))


def test_bulk_review_does_each_log_on_its_own(placement, coordinator):
    waiting = ActivityLogFactory.create_batch(2, placement=placement)
    approved = ActivityLogFactory(placement=placement, status=LS.APPROVED)

    done, refused = services.activity_log_bulk_review(
        logs=[*waiting, approved], to_status=LS.RETURNED, by=coordinator, comment="Photos?"
    )

    assert [log.pk for log in done] == [log.pk for log in waiting]
    assert [log.pk for log, _reason in refused] == [approved.pk]


def test_the_host_supervisor_comments_and_verifies(placement, partner_member, other_member):
    log = ActivityLogFactory(placement=placement)
    with pytest.raises(ValidationError, match="host supervisor"):
        services.activity_log_supervise(log=log, by=other_member, verified=True)

    log = services.activity_log_supervise(
        log=log, by=partner_member, comment="Seen in class.", verified=True
    )

    assert (log.verified_by, log.supervisor_comment) == (partner_member, "Seen in class.")
    assert log.status == LS.SUBMITTED  # verification is not approval


# Monthly reports and check-ins ------------------------------------------------------------


def test_one_monthly_report_a_month(placement, volunteer):
    month = datetime.date.today().replace(day=15)
    services.monthly_report_submit(
        placement=placement, by=volunteer, month=month, achievements="A reading club."
    )

    with pytest.raises(ValidationError, match="already reported"):
        services.monthly_report_submit(
            placement=placement, by=volunteer, month=month, achievements="Again."
        )
    assert MonthlyReport.objects.get().month == month.replace(day=1)


def test_the_database_holds_one_report_a_month_on_the_first(placement):
    first = datetime.date.today().replace(day=1)
    MonthlyReport.objects.create(placement=placement, month=first, achievements="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReport.objects.create(placement=placement, month=first, achievements="y")
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyReport.objects.create(
            placement=placement, month=first.replace(day=2), achievements="z"
        )


def test_an_emergency_reaches_coordinators_and_supervisors_at_once(
    placement, volunteer, coordinator, partner_member, django_capture_on_commit_callbacks
):
    named = UserFactory(name="Named Supervisor")
    MembershipFactory(user=named, organisation=placement.project.host_partner, is_supervisor=True)
    placement.host_supervisor = named
    placement.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.check_in_create(
            placement=placement, by=volunteer, status=CheckInStatus.EMERGENCY, note="Flood"
        )
        alerts = Notification.objects.filter(kind=NotificationKind.EMERGENCY)
        assert sorted(alert.recipient.name for alert in alerts) == sorted(
            [coordinator.name, partner_member.name, named.name]
        )
        assert all("EMERGENCY" in alert.subject for alert in alerts)

    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [coordinator.email, partner_member.email, named.email]
    )


def test_an_emergency_of_someone_whose_name_has_a_line_break_is_emailed(
    placement, volunteer, coordinator, django_capture_on_commit_callbacks
):
    volunteer.name = "Li\nWei"
    volunteer.save()
    placement.project.title = "Schools\r\nafter the flood"
    placement.project.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.check_in_create(placement=placement, by=volunteer, status=CheckInStatus.EMERGENCY)

    to_coordinator = [email for email in mail.outbox if email.to == [coordinator.email]]
    assert [
        email.subject.startswith("EMERGENCY: Li Wei (Schools after the flood")
        for email in to_coordinator
    ] == [True]


def test_an_ok_check_in_notifies_nobody(placement, volunteer):
    services.check_in_create(placement=placement, by=volunteer, status=CheckInStatus.OK)
    assert not Notification.objects.exists()


def test_check_ins_only_in_country(placement_for, volunteer):
    with pytest.raises(ValidationError, match="in country"):
        services.check_in_create(
            placement=placement_for(PS.COMPLETED), by=volunteer, status=CheckInStatus.OK
        )


# The end of a placement -------------------------------------------------------------------


APPRAISAL = {
    "performance": 5,
    "collaboration": 4,
    "cultural_adaptation": 4,
    "impact": 5,
    "strengths": "Patient.",
    "areas_to_improve": "",
    "recommend_again": True,
}


def test_the_host_supervisor_appraises_an_ended_placement(placement_for, partner_member):
    with pytest.raises(ValidationError, match="over"):
        services.appraisal_submit(placement=placement_for(), by=partner_member, **APPRAISAL)

    appraisal = services.appraisal_submit(
        placement=placement_for(PS.COMPLETED), by=partner_member, **APPRAISAL
    )

    assert appraisal.appraised_by == partner_member


def test_a_coordinator_does_not_appraise(placement_for, coordinator):
    with pytest.raises(ValidationError, match="host supervisor"):
        services.appraisal_submit(
            placement=placement_for(PS.COMPLETED), by=coordinator, **APPRAISAL
        )


def test_lessons_learned_become_a_draft_resource_updated_until_published(
    placement_for, volunteer, coordinator
):
    placement = placement_for(PS.COMPLETED)
    services.placement_lessons_submit(
        placement=placement, by=volunteer, lessons="Learn some Nepali before you arrive."
    )
    resource = Resource.objects.get()
    assert (resource.kind, resource.status, resource.author) == (
        ResourceKind.LESSON_LEARNED,
        ResourceStatus.DRAFT,
        volunteer,
    )
    assert resource.countries == ["NP"]

    services.placement_lessons_submit(
        placement=placement, by=volunteer, lessons="Learn Nepali, and bring chalk."
    )

    resource.refresh_from_db()
    assert Resource.objects.count() == 1
    assert resource.body == "Learn Nepali, and bring chalk."


def test_ending_a_placement_before_its_last_log_is_refused(placement, coordinator):
    ActivityLogFactory(placement=placement, date=datetime.date.today())
    with pytest.raises(ValidationError, match="after"):
        services.placement_complete(
            placement=placement,
            by=coordinator,
            on=datetime.date.today() - datetime.timedelta(days=1),
        )


# Indicators -------------------------------------------------------------------------------


def test_indicators_are_computed_from_approved_logs_or_measurements(
    placement, django_assert_num_queries
):
    project = placement.project
    beneficiaries = IndicatorFactory(
        project=project, name="People", source=IndicatorSource.BENEFICIARIES
    )
    girls = IndicatorFactory(project=project, name="Girls", source=IndicatorSource.GIRLS)
    hours = IndicatorFactory(project=project, name="Hours", source=IndicatorSource.HOURS)
    manual = IndicatorFactory(project=project, name="Schools", source=IndicatorSource.MANUAL)
    empty = IndicatorFactory(project=project, name="Trees", source=IndicatorSource.MANUAL)
    ActivityLogFactory(placement=placement, status=LS.APPROVED, girls=5, boys=6, women=1, hours=2)
    ActivityLogFactory(placement=placement, status=LS.APPROVED, girls=1, boys=0, women=0, hours=3)
    ActivityLogFactory(placement=placement, status=LS.SUBMITTED, girls=50, hours=8)
    IndicatorMeasurementFactory(indicator=manual, value=3, date=datetime.date(2026, 1, 1))
    IndicatorMeasurementFactory(indicator=manual, value=4, date=datetime.date(2026, 2, 1))

    with django_assert_num_queries(1):
        actual = {
            indicator.pk: indicator.actual
            for indicator in selectors.indicator_progress_list(projects=project)
        }

    assert actual == {
        beneficiaries.pk: 13,
        girls.pk: 6,
        hours.pk: 5,
        manual.pk: 4,
        empty.pk: 0,
    }
