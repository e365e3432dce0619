"""Demo placements in every state, with the field work a programme would see: checklists,
activity logs (approved, returned, waiting), photos, monthly reports, check-ins (one asking
for support), an appraisal and lessons learned that became a knowledge-base draft.

Everything goes through the services; placements already made are left as they are.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from deployments import services
from deployments.enums import (
    ActivityLogStatus,
    ApplicationStatus,
    CheckInStatus,
    IndicatorSource,
    PlacementStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
)
from deployments.models import Application, Indicator, Opportunity, Placement
from volunteers import services as volunteer_services
from volunteers.enums import DocumentKind

from ._demo_applications import PATHS, curriculum_vitae, volunteer_with_profile

AS, PS, LS = ApplicationStatus, PlacementStatus, ActivityLogStatus

INDICATOR_SOURCES = {
    "Pupils taught": IndicatorSource.BENEFICIARIES,
    "Teacher training": IndicatorSource.HOURS,
    "Mothers reached": IndicatorSource.WOMEN,
}

# email, name, native name, skills, opportunity, final state, supervisor account key.
# The demo volunteer account is the one in country, so a newcomer can log a day at once.
PLACED = (
    (
        "lin.fang@demo.example",
        "Lin Fang",
        "林芳",
        ("Public health", "Nursing"),
        "Community health educator",
        PS.COMPLETED,
        "myanmar_partner",
    ),
    (
        "guo.jun@demo.example",
        "Guo Jun",
        "郭军",
        ("Public health",),
        "Community health educator",
        PS.ENDED_EARLY,
        "myanmar_partner",
    ),
    (
        "tang.yu@demo.example",
        "Tang Yu",
        "唐宇",
        ("Water quality testing",),
        "Environmental monitoring assistant",
        PS.CANCELLED,
        "pokhara_partner",
    ),
    (
        "volunteer@demo.example",
        "Li Wei",
        "李伟",
        ("Teaching", "English"),
        "English teacher, grades 6 to 8",
        PS.IN_COUNTRY,
        "partner",
    ),
)

# Days before today each placement went out: the one in country has been there for three
# months, so the report on last month is due and the one before was sent.
STARTS = {PS.IN_COUNTRY: 100, PS.COMPLETED: 230, PS.ENDED_EARLY: 160, PS.CANCELLED: 5}


# What a volunteer of each opportunity writes: logs (days ago, hours, type, description,
# women, men, girls, boys, status), the comment on the returned log, the supervisor's
# comment, a monthly report and a request for support.
FIELD_WORK = {
    "English teacher, grades 6 to 8": dict(
        logs=(
            (
                1,
                "3.5",
                "teaching",
                "English reading lesson, grade 7; pupils read aloud in pairs.",
                0,
                0,
                21,
                19,
                LS.SUBMITTED,
            ),
            (
                2,
                "4",
                "teaching",
                "English co-teaching, grade 6: a story told with picture cards.",
                0,
                0,
                18,
                22,
                LS.APPROVED,
            ),
            (
                3,
                "2",
                "training",
                "Lesson-planning workshop with four Nepali English teachers.",
                3,
                1,
                0,
                0,
                LS.APPROVED,
            ),
            (
                5,
                "3",
                "community_meeting",
                "Parents' meeting about the reading club.",
                14,
                6,
                0,
                0,
                LS.RETURNED,
            ),
            (
                8,
                "5",
                "teaching",
                "After-school reading club at the learning centre.",
                0,
                0,
                12,
                9,
                LS.APPROVED,
            ),
        ),
        returned="Please add how many parents came from each ward.",
        supervised="I saw this lesson: well done.",
        report=dict(
            achievements="Reading club with 40 pupils; lesson plans shared with four teachers.",
            challenges="Classes of 50 pupils; power cuts in the afternoon.",
            support_needed="Simple readers in English for grades 6 and 7.",
        ),
        support="The school asks for more readers; can the programme help?",
    ),
    "Community health educator": dict(
        logs=(
            (
                1,
                "3",
                "health_outreach",
                "Antenatal session with the village health workers: danger signs in pregnancy.",
                22,
                3,
                0,
                0,
                LS.SUBMITTED,
            ),
            (
                2,
                "4",
                "health_outreach",
                "Nutrition session for mothers of infants: weighing and growth charts.",
                26,
                0,
                6,
                8,
                LS.APPROVED,
            ),
            (
                3,
                "2",
                "training",
                "Record-keeping training for three village health workers.",
                3,
                0,
                0,
                0,
                LS.APPROVED,
            ),
            (
                5,
                "3",
                "community_meeting",
                "Village health committee meeting to plan the next antenatal sessions.",
                8,
                7,
                0,
                0,
                LS.RETURNED,
            ),
            (
                8,
                "5",
                "health_outreach",
                "Home visits with the midwife to six pregnant women.",
                6,
                0,
                0,
                0,
                LS.APPROVED,
            ),
        ),
        returned="Please add which villages the committee members came from.",
        supervised="I joined this session: well prepared and well received.",
        report=dict(
            achievements="Four antenatal sessions with 60 mothers; the health workers keep "
            "their records on the new forms.",
            challenges="The rains cut two villages off for a week.",
            support_needed="Printed picture cards on nutrition, in Burmese.",
        ),
        support="The health workers ask for a scale for infants; can the programme help?",
    ),
}


def _days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def _months_ago(n: int) -> datetime.date:
    """The first day of the month n months before this one."""
    month = timezone.localdate().replace(day=1)
    for _ in range(n):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def demo_photo(caption: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (960, 720), (46, 110, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 520, 920, 680), fill=(245, 245, 240))
    draw.text((60, 580), caption, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _accepted_placement(volunteer, opportunity, coordinator) -> Placement:
    application = services.application_save_draft(
        volunteer=volunteer,
        opportunity=opportunity,
        motivation=f"I want to serve with {opportunity.project.host_partner}.",
        answers=dict.fromkeys(opportunity.question_list, "From my own experience …"),
    )
    for status, by_volunteer in PATHS[AS.ACCEPTED]:
        application = services.application_transition(
            application=application, to_status=status, by=volunteer if by_volunteer else coordinator
        )
    return Placement.objects.get(application=application)


def _clear_checklist(placement, coordinator, *, leave_pending=()) -> None:
    for kind in PreDepartureItemKind:
        if kind in leave_pending:
            continue
        waived = kind == PreDepartureItemKind.VISA and placement.project.host_country == "NP"
        services.pre_departure_item_update(
            placement=placement,
            item=kind,
            by=coordinator,
            status=PreDepartureStatus.WAIVED if waived else PreDepartureStatus.DONE,
            expires_on=_days(-365) if kind == PreDepartureItemKind.INSURANCE else None,
            note="Visa on arrival for Chinese citizens." if waived else "",
        )


def _work_of(placement) -> dict:
    return FIELD_WORK[placement.application.opportunity.title]


def _log_and_review(placement, coordinator, supervisor, *, offset: int, hold_return: bool):
    """Logs the opportunity's days; with hold_return the log to return stays submitted."""
    work = _work_of(placement)
    for days_ago, hours, kind, description, women, men, girls, boys, status in work["logs"]:
        log = services.activity_log_create(
            placement=placement,
            by=placement.volunteer,
            photos=[demo_photo(description[:40])] if days_ago in (1, 2) else (),
            date=_days(days_ago + offset),
            hours=hours,
            activity_type=kind,
            description=description,
            sdg=placement.project.sdgs.order_by("number").first(),
            women=women,
            men=men,
            girls=girls,
            boys=boys,
            place=placement.duty_station or placement.project.city,
            latitude=placement.project.latitude,
            longitude=placement.project.longitude,
        )
        if status == LS.APPROVED or (status == LS.RETURNED and not hold_return):
            services.activity_log_transition(
                log=log,
                to_status=status,
                by=coordinator,
                comment=work["returned"] if status == LS.RETURNED else "",
            )
        if days_ago == 2:
            services.activity_log_supervise(
                log=log, by=supervisor, comment=work["supervised"], verified=True
            )


def _field_work(placement, coordinator, supervisor, *, offset: int, report_month) -> None:
    _log_and_review(
        placement,
        coordinator,
        supervisor,
        offset=offset,
        hold_return=placement.status == PS.IN_COUNTRY,
    )
    services.monthly_report_submit(
        placement=placement,
        by=placement.volunteer,
        month=report_month,
        **_work_of(placement)["report"],
    )
    services.check_in_create(placement=placement, by=placement.volunteer, status=CheckInStatus.OK)


def seed_recent_field_work(placement, coordinator) -> None:
    """What happened today in the placement in country, left unread: the coordinator returns
    a log for correction, the volunteer asks for support, and the reminder sweep says the
    report on last month is due."""
    work = _work_of(placement)
    returned = next(entry for entry in work["logs"] if entry[-1] == LS.RETURNED)
    log = placement.activity_logs.get(date=_days(returned[0]), description=returned[3])
    services.activity_log_transition(
        log=log, to_status=LS.RETURNED, by=coordinator, comment=work["returned"]
    )
    services.check_in_create(
        placement=placement,
        by=placement.volunteer,
        status=CheckInStatus.NEEDS_SUPPORT,
        note=work["support"],
    )
    services.monthly_report_reminders_send()


def seed_placements(accounts) -> Placement | None:
    """Makes the placements not made yet; returns the one in country if it is new."""
    for name, source in INDICATOR_SOURCES.items():
        Indicator.objects.filter(name=name, source=IndicatorSource.MANUAL).update(source=source)
    coordinator = accounts["coordinator"]
    fresh = None
    for email, name, native, skills, title, target, supervisor_key in PLACED:
        volunteer = volunteer_with_profile(email, name, native, skills)
        opportunity = Opportunity.objects.select_related("project").get(title=title)
        if Application.objects.filter(volunteer=volunteer, opportunity=opportunity).exists():
            continue
        supervisor = accounts[supervisor_key]
        placement = _accepted_placement(volunteer, opportunity, coordinator)
        placement = services.placement_update(
            placement=placement,
            by=coordinator,
            planned_start=_days(STARTS[target]),
            planned_end=_days(STARTS[target] - 200),  # six and a half months
            host_supervisor=supervisor,
            duty_station=opportunity.project.city,
        )
        if target == PS.CANCELLED:
            services.placement_cancel(
                placement=placement,
                by=coordinator,
                reason="The volunteer's medical clearance was not given.",
            )
            continue
        _clear_checklist(placement, coordinator)
        placement = services.placement_start_in_country(
            placement=placement, by=coordinator, on=_days(STARTS[target] - 5)
        )
        if target == PS.IN_COUNTRY:
            _field_work(placement, coordinator, supervisor, offset=0, report_month=_months_ago(2))
            fresh = placement
        elif target == PS.COMPLETED:
            _field_work(placement, coordinator, supervisor, offset=60, report_month=_days(70))
            placement = services.placement_complete(
                placement=placement, by=coordinator, on=_days(50)
            )
            services.appraisal_submit(
                placement=placement,
                by=supervisor,
                performance=5,
                collaboration=4,
                cultural_adaptation=4,
                impact=5,
                strengths="Prepared every session with the village health workers.",
                areas_to_improve="Learn more Burmese to speak with elderly mothers.",
                recommend_again=True,
            )
            services.placement_lessons_submit(
                placement=placement,
                by=volunteer,
                lessons="Health sessions work best after the market, in the monastery hall; "
                "bring pictures rather than leaflets, and let the health workers lead.",
            )
        elif target == PS.ENDED_EARLY:
            services.check_in_create(
                placement=placement, by=volunteer, status=CheckInStatus.OK, note="Settled in."
            )
            services.placement_end_early(
                placement=placement,
                by=coordinator,
                on=_days(120),
                reason="Family emergency; the volunteer returned home.",
            )
    # The placement of the applications demo stays before departure, half-prepared.
    waiting = Placement.objects.filter(status=PS.PRE_DEPARTURE).first()
    if waiting is not None and not waiting.pre_departure_items.exists():
        for kind in (PreDepartureItemKind.INSURANCE, PreDepartureItemKind.TRAINING):
            services.pre_departure_item_update(
                placement=waiting, item=kind, by=coordinator, status=PreDepartureStatus.DONE
            )
    return fresh


def seed_dashboard_alerts(placement) -> None:
    """What the coordinator's "needs your action" panel shows on the demo: an emergency from
    the field, still open, and the volunteer's visa running out before the placement ends."""
    services.check_in_create(
        placement=placement,
        by=placement.volunteer,
        status=CheckInStatus.EMERGENCY,
        note="A landslide blocks the road back from the school. I am safe at the school with "
        "the head teacher but cannot return to Kathmandu tonight.",
    )
    volunteer_services.document_upload(
        owner=placement.volunteer,
        kind=DocumentKind.VISA,
        file=ContentFile(curriculum_vitae(placement.volunteer.name, "Visa"), name="visa.pdf"),
        expires_on=placement.planned_end - datetime.timedelta(days=60),
    )
