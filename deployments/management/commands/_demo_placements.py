"""Demo placements in every state, with the field work a programme would see: checklists,
activity logs (approved, returned, waiting), photos, monthly reports, check-ins (one asking
for support), an appraisal and lessons learned that became a knowledge-base draft.

Everything goes through the services; placements already made are left as they are.
"""

import datetime
import io

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

from ._demo_applications import PATHS, volunteer_with_profile

AS, PS, LS = ApplicationStatus, PlacementStatus, ActivityLogStatus

INDICATOR_SOURCES = {
    "Pupils taught": IndicatorSource.BENEFICIARIES,
    "Teacher training": IndicatorSource.HOURS,
    "Mothers reached": IndicatorSource.WOMEN,
}

# email, name, native name, skills, opportunity, final state, supervisor account key
PLACED = (
    (
        "zhang.hua@demo.example",
        "Zhang Hua",
        "张华",
        ("Teaching", "English"),
        "English teacher, grades 6 to 8",
        PS.IN_COUNTRY,
        "partner",
    ),
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
)

LOGS = (
    # days ago, hours, type, description, women, men, girls, boys, status
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
        "Mathematics co-teaching, grade 6: fractions with paper strips.",
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
        "Lesson-planning workshop with four Nepali teachers.",
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
)


def _days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


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


def _log_and_review(placement, coordinator, supervisor, *, offset: int = 0) -> None:
    for days_ago, hours, kind, description, women, men, girls, boys, status in LOGS:
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
        if status != LS.SUBMITTED:
            services.activity_log_transition(
                log=log,
                to_status=status,
                by=coordinator,
                comment="Please add how many parents came from each ward."
                if status == LS.RETURNED
                else "",
            )
        if days_ago == 2:
            services.activity_log_supervise(
                log=log, by=supervisor, comment="I saw this lesson: well done.", verified=True
            )


def _field_work(placement, coordinator, supervisor, *, offset: int) -> None:
    _log_and_review(placement, coordinator, supervisor, offset=offset)
    services.monthly_report_submit(
        placement=placement,
        by=placement.volunteer,
        month=_days(offset + 10),
        achievements="Reading club with 40 pupils; lesson plans shared with four teachers.",
        challenges="Classes of 50 pupils; power cuts in the afternoon.",
        support_needed="Simple readers in English for grades 6 and 7.",
    )
    services.check_in_create(placement=placement, by=placement.volunteer, status=CheckInStatus.OK)


def seed_placements(accounts) -> None:
    for name, source in INDICATOR_SOURCES.items():
        Indicator.objects.filter(name=name, source=IndicatorSource.MANUAL).update(source=source)
    coordinator = accounts["coordinator"]
    for email, name, native, skills, title, target, supervisor_key in PLACED:
        volunteer = volunteer_with_profile(email, name, native, skills)
        opportunity = Opportunity.objects.select_related("project").get(title=title)
        if Application.objects.filter(volunteer=volunteer, opportunity=opportunity).exists():
            continue
        supervisor = accounts[supervisor_key]
        placement = _accepted_placement(volunteer, opportunity, coordinator)
        starts = {PS.IN_COUNTRY: 60, PS.COMPLETED: 230, PS.ENDED_EARLY: 160, PS.CANCELLED: 5}
        placement = services.placement_update(
            placement=placement,
            by=coordinator,
            planned_start=_days(starts[target]),
            planned_end=_days(starts[target] - 180),
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
            placement=placement, by=coordinator, on=_days(starts[target] - 5)
        )
        if target == PS.IN_COUNTRY:
            _field_work(placement, coordinator, supervisor, offset=0)
            services.check_in_create(
                placement=placement,
                by=volunteer,
                status=CheckInStatus.NEEDS_SUPPORT,
                note="The school asks for more readers; can the programme help?",
            )
        elif target == PS.COMPLETED:
            _field_work(placement, coordinator, supervisor, offset=60)
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
