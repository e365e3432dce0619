"""Placements in the field: the pre-departure checklist and the in-country gate, the
placement's state machine, activity logs with photos and their review, monthly reports,
check-ins (emergencies notify at once), the host partner's appraisal, lessons learned and
indicator measurements. The only place any of these change.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.enums import NotificationKind
from notifications.services import localised, notification_send
from partners.models import Membership
from volunteers.images import image_prepare

from ..enums import (
    FIELD_PLACEMENT_STATUSES,
    PRE_DEPARTURE_CLEARED,
    ActivityLogStatus,
    Actor,
    CheckInResponse,
    CheckInStatus,
    PlacementStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
)
from ..models import (
    ActivityLog,
    ActivityPhoto,
    Appraisal,
    CheckIn,
    Indicator,
    IndicatorMeasurement,
    MonthlyReport,
    Placement,
    PlacementEvent,
    PreDepartureItem,
)
from ..models.field import MAX_HOURS_A_DAY
from ..rules import (
    can_change_project,
    can_manage_placement,
    can_respond_to_check_in,
    is_placement_host_supervisor,
    is_placement_volunteer,
)
from ..selectors.dashboard import activity_log_review_count_forget
from ..signals import lessons_learned_submitted
from ..transitions import (
    ACTIVITY_LOG_TRANSITIONS,
    CHECK_IN_RESPONSE_TRANSITIONS,
    PLACEMENT_TRANSITIONS,
)
from .locking import lock_row

__all__ = [
    "ACTIVITY_LOG_FIELDS",
    "APPRAISAL_FIELDS",
    "MAX_PHOTOS_PER_LOG",
    "MAX_PHOTO_SIZE",
    "THUMBNAIL_SIZE",
    "activity_log_bulk_review",
    "activity_log_create",
    "activity_log_supervise",
    "activity_log_transition",
    "activity_log_update",
    "appraisal_submit",
    "check_in_create",
    "checkin_acknowledge",
    "checkin_resolve",
    "indicator_measurement_record",
    "monthly_report_submit",
    "placement_cancel",
    "placement_complete",
    "placement_end_early",
    "placement_in_country_refusals",
    "placement_lessons_submit",
    "placement_start_in_country",
    "placement_transition",
    "placement_update",
    "pre_departure_item_update",
]

PS = PlacementStatus
LS = ActivityLogStatus
MAX_PHOTOS_PER_LOG = 6
MAX_PHOTO_SIZE = 10 * 1024 * 1024
THUMBNAIL_SIZE = (480, 480)
ACTIVITY_LOG_FIELDS = (
    "date",
    "hours",
    "activity_type",
    "description",
    "sdg",
    "women",
    "men",
    "girls",
    "boys",
    "place",
    "latitude",
    "longitude",
)
APPRAISAL_FIELDS = (
    "performance",
    "collaboration",
    "cultural_adaptation",
    "impact",
    "strengths",
    "areas_to_improve",
    "recommend_again",
)


def _lock_placement(placement: Placement) -> Placement:
    return lock_row(
        Placement.objects.select_related("project", "project__programme", "volunteer"),
        pk=placement.pk,
    )


def _is_coordinator(user, placement: Placement) -> bool:
    return user is not None and can_manage_placement(user, placement)


def _require_coordinator(user, placement: Placement) -> None:
    if not _is_coordinator(user, placement):
        raise ValidationError(
            _("Only a coordinator of this programme can do this."), code="not_allowed"
        )


def _require_volunteer(user, placement: Placement) -> None:
    if user is None or not is_placement_volunteer(user, placement):
        raise ValidationError(_("Only the volunteer can do this."), code="not_allowed")


def _require_supervisor(user, placement: Placement) -> None:
    if user is None or not is_placement_host_supervisor(user, placement):
        raise ValidationError(
            _("Only a host supervisor of this placement can do this."), code="not_allowed"
        )


def _local_today(user) -> datetime.date:
    """Today where the person is (Kathmandu's day starts 5 h 45 min before UTC's)."""
    zone = getattr(user, "time_zone", None) or timezone.get_current_timezone()
    return timezone.now().astimezone(zone).date()


def _placement_link(placement: Placement) -> str:
    return reverse("deployments:placement-detail", args=[placement.pk])


def host_supervisors_of(placement: Placement) -> list:
    """The placement's named supervisor and the supervisors of the project's host partner."""
    people = [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=placement.project.host_partner_id, is_supervisor=True
        ).select_related("user")
    ]
    if placement.host_supervisor_id:
        people.append(placement.host_supervisor)
    return people


def _coordinators_of(placement: Placement):
    return placement.project.programme.coordinators.all()


# Details and the checklist -------------------------------------------------------------------


@transaction.atomic
def placement_update(
    *,
    placement: Placement,
    by,
    planned_start: datetime.date,
    planned_end: datetime.date,
    host_supervisor=None,
    duty_station: str = "",
) -> Placement:
    """The coordinator sets the planned dates, the host supervisor and the duty station."""
    locked = _lock_placement(placement)
    _require_coordinator(by, locked)
    if planned_end < planned_start:
        raise ValidationError(
            {"planned_end": _("The placement cannot end before it starts.")}, code="dates"
        )
    if (
        host_supervisor is not None
        and not Membership.objects.filter(
            user=host_supervisor, organisation_id=locked.project.host_partner_id
        ).exists()
    ):
        raise ValidationError(
            {"host_supervisor": _("The host supervisor must be a member of the host partner.")},
            code="not_a_member",
        )
    locked.planned_start = planned_start
    locked.planned_end = planned_end
    locked.host_supervisor = host_supervisor
    locked.duty_station = duty_station.strip()
    locked.save()
    return locked


@transaction.atomic
def pre_departure_item_update(
    *,
    placement: Placement,
    item: str,
    by,
    status: str,
    required: bool = True,
    document=None,
    expires_on: datetime.date | None = None,
    note: str = "",
) -> PreDepartureItem:
    """Records the state of one checklist item (a coordinator's job, before departure)."""
    locked = _lock_placement(placement)
    _require_coordinator(by, locked)
    if item not in PreDepartureItemKind.values:
        raise ValidationError(_("“%(item)s” is not a pre-departure item.") % {"item": item})
    if status not in PreDepartureStatus.values:
        raise ValidationError(_("“%(status)s” is not a checklist status.") % {"status": status})
    if locked.status != PS.PRE_DEPARTURE:
        raise ValidationError(
            _("The checklist can change only before departure."), code="not_pre_departure"
        )
    if document is not None and document.owner_id != locked.volunteer_id:
        raise ValidationError(
            {"document": _("Choose one of the volunteer's own documents.")}, code="not_owner"
        )
    if status == PreDepartureStatus.WAIVED and not note.strip():
        raise ValidationError({"note": _("Say why the item is waived.")}, code="reason_required")
    row, _created = PreDepartureItem.objects.update_or_create(
        placement=locked,
        item=item,
        defaults={
            "status": status,
            "required": required,
            "document": document,
            "expires_on": expires_on,
            "note": note.strip(),
            "updated_by": by,
        },
    )
    return row


def placement_in_country_refusals(*, placement: Placement) -> list[str]:
    """The labels of the required checklist items not yet done or waived."""
    rows = {row.item: row for row in placement.pre_departure_items.all()}
    missing = []
    for kind in PreDepartureItemKind:
        row = rows.get(kind.value)
        if row is None or (row.required and row.status not in PRE_DEPARTURE_CLEARED):
            missing.append(str(kind.label))
    return missing


# The placement's state machine ----------------------------------------------------------------

TO_VOLUNTEER = {
    PS.IN_COUNTRY: gettext_lazy("Welcome to %(country)s: your placement has started"),
    PS.COMPLETED: gettext_lazy("Your placement in “%(project)s” is complete. Thank you!"),
    PS.ENDED_EARLY: gettext_lazy("Your placement in “%(project)s” has ended early"),
    PS.CANCELLED: gettext_lazy("Your placement in “%(project)s” was cancelled"),
}


@transaction.atomic
def placement_transition(
    *,
    placement: Placement,
    to_status: str,
    by,
    on: datetime.date | None = None,
    note: str = "",
) -> Placement:
    """Moves the placement along PLACEMENT_TRANSITIONS, or refuses with the reason.

    `on` is the day the move took effect (arrival or departure); today by default. Moving
    to the state it is already in changes nothing.
    """
    if to_status not in PS.values:
        raise ValidationError(_("“%(status)s” is not a placement status.") % {"status": to_status})
    locked = _lock_placement(placement)
    if locked.status == to_status:
        return locked
    if (locked.status, to_status) not in PLACEMENT_TRANSITIONS:
        raise ValidationError(
            _("A placement cannot go from “%(from)s” to “%(to)s”.")
            % {"from": PS(locked.status).label, "to": PS(to_status).label},
            code="transition_not_allowed",
        )
    _require_coordinator(by, locked)
    note = note.strip()
    today = timezone.localdate()
    on = on or today
    if on > today + datetime.timedelta(days=1):
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if to_status == PS.IN_COUNTRY:
        missing = placement_in_country_refusals(placement=locked)
        if missing:
            raise ValidationError(
                _("The placement cannot go in country before these are done or waived: %(items)s.")
                % {"items": ", ".join(missing)},
                code="checklist_incomplete",
            )
        locked.actual_start = on
    elif to_status in (PS.COMPLETED, PS.ENDED_EARLY):
        if on < locked.actual_start:
            raise ValidationError(
                _("The placement cannot end before it started (%(start)s).")
                % localised({"start": locked.actual_start}),
                code="dates",
            )
        if locked.activity_logs.filter(date__gt=on).exists():
            raise ValidationError(
                _("Some activity logs are dated after %(day)s; the placement cannot end earlier.")
                % localised({"day": on}),
                code="logs_after_end",
            )
        locked.actual_end = on
    if to_status in (PS.ENDED_EARLY, PS.CANCELLED) and not note:
        raise ValidationError(_("Give the reason."), code="reason_required")
    PlacementEvent.objects.create(
        placement=locked,
        from_status=locked.status,
        to_status=to_status,
        actor=by,
        effective_on=on,
        note=note,
    )
    locked.status = to_status
    locked.save()
    notification_send(
        recipients=[locked.volunteer],
        kind=NotificationKind.PLACEMENT,
        subject=TO_VOLUNTEER[to_status],
        message=note,
        link=_placement_link(locked),
        params={"country": locked.project.host_country.name, "project": locked.project.title},
    )
    return locked


def placement_start_in_country(*, placement: Placement, by, on=None) -> Placement:
    """Refuses, listing what is missing, unless every required pre-departure item is cleared."""
    return placement_transition(placement=placement, to_status=PS.IN_COUNTRY, by=by, on=on)


def placement_complete(*, placement: Placement, by, on=None, note: str = "") -> Placement:
    return placement_transition(
        placement=placement, to_status=PS.COMPLETED, by=by, on=on, note=note
    )


def placement_end_early(*, placement: Placement, by, reason: str, on=None) -> Placement:
    return placement_transition(
        placement=placement, to_status=PS.ENDED_EARLY, by=by, on=on, note=reason
    )


def placement_cancel(*, placement: Placement, by, reason: str) -> Placement:
    return placement_transition(placement=placement, to_status=PS.CANCELLED, by=by, note=reason)


# Activity logs -----------------------------------------------------------------------------


def _placement_period(placement: Placement) -> tuple[datetime.date, datetime.date]:
    return (
        placement.actual_start or placement.planned_start,
        placement.actual_end or placement.planned_end,
    )


def _check_log(
    placement: Placement,
    *,
    date: datetime.date,
    hours: Decimal,
    exclude_pk: int | None = None,
) -> None:
    """The log's date lies in the placement, not in the future; a day holds at most 24 hours."""
    if placement.status not in FIELD_PLACEMENT_STATUSES:
        raise ValidationError(
            _("Activity can be logged only once the placement is in country."),
            code="not_in_field",
        )
    start, end = _placement_period(placement)
    if date > _local_today(placement.volunteer):
        raise ValidationError({"date": _("The date cannot be in the future.")}, code="future")
    if not start <= date <= end:
        raise ValidationError(
            {
                "date": _("The date must lie within the placement, %(start)s to %(end)s.")
                % localised({"start": start, "end": end})
            },
            code="outside_placement",
        )
    hours = Decimal(hours)
    if not Decimal(0) < hours <= MAX_HOURS_A_DAY:
        raise ValidationError(
            {"hours": _("Hours must be more than 0 and at most 24.")}, code="hours_range"
        )
    others = placement.activity_logs.filter(date=date)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    logged = others.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if logged + hours > MAX_HOURS_A_DAY:
        raise ValidationError(
            {
                "hours": _(
                    "You already logged %(logged)s hours on %(day)s; a day has at most 24 hours "
                    "in total."
                )
                % localised({"logged": logged, "day": date})
            },
            code="too_many_hours",
        )


def _prepared_photo(file) -> tuple[bytes, str, bytes]:
    """Checks a photo through the shared image helper (size, type, pixel budget, EXIF).

    Returns the cleaned original's bytes, its extension and the thumbnail's bytes; nothing is
    stored yet, so a bad photo among several leaves no file behind.
    """
    try:
        prepared = image_prepare(file, max_bytes=MAX_PHOTO_SIZE, thumbnail_size=THUMBNAIL_SIZE)
    except ValidationError as error:
        raise ValidationError({"photos": error.messages}, code=error.code) from error
    return prepared.original, prepared.extension, prepared.thumbnail


def _add_photos(log: ActivityLog, photos: Iterable) -> None:
    photos = list(photos or ())
    if not photos:
        return
    if log.photos.count() + len(photos) > MAX_PHOTOS_PER_LOG:
        raise ValidationError(
            {"photos": _("A log holds at most %(count)d photos.") % {"count": MAX_PHOTOS_PER_LOG}},
            code="too_many_photos",
        )
    for original, extension, thumbnail in [_prepared_photo(file) for file in photos]:
        photo = ActivityPhoto(log=log)
        photo.image.save(f"photo{extension}", ContentFile(original), save=False)
        photo.thumbnail.save("thumbnail.jpg", ContentFile(thumbnail), save=False)
        photo.save()


@transaction.atomic
def activity_log_create(
    *, placement: Placement, by, photos: Iterable = (), **fields
) -> ActivityLog:
    """The volunteer logs a day's activity, with photos; it waits for a coordinator's review.

    The placement stays locked while the day's hours are counted, so two logs sent at once
    can never add up to more than 24 hours.
    """
    locked = _lock_placement(placement)
    _require_volunteer(by, locked)
    _check_log(locked, date=fields["date"], hours=fields["hours"])
    log = ActivityLog(placement=locked, status=LS.SUBMITTED, **_log_fields(fields))
    log.full_clean(exclude=["placement"])
    log.save()
    _add_photos(log, photos)
    activity_log_review_count_forget(programme_id=locked.project.programme_id)
    return log


def _log_fields(fields: dict) -> dict:
    """The given log fields, tidied: text stripped, empty counts as zero."""
    unknown = set(fields) - set(ACTIVITY_LOG_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity log fields: {sorted(unknown)}")
    values = dict(fields)
    for name in ("description", "place"):
        if name in values:
            values[name] = (values[name] or "").strip()
    for name in ("women", "men", "girls", "boys"):
        if name in values:
            values[name] = values[name] or 0
    return values


@transaction.atomic
def activity_log_update(
    *, log: ActivityLog, by, photos: Iterable = (), resubmit: bool = True, **fields
) -> ActivityLog:
    """The volunteer corrects a log not yet approved; a returned log is resubmitted."""
    locked_placement = _lock_placement(log.placement)
    locked = ActivityLog.objects.select_for_update().get(pk=log.pk)
    _require_volunteer(by, locked_placement)
    if locked.status == LS.APPROVED:
        raise ValidationError(
            _("This log is approved and can no longer be changed."), code="approved"
        )
    values = _log_fields(fields)
    _check_log(
        locked_placement,
        date=values.get("date", locked.date),
        hours=values.get("hours", locked.hours),
        exclude_pk=locked.pk,
    )
    for name, value in values.items():
        setattr(locked, name, value)
    locked.placement = locked_placement
    locked.full_clean(exclude=["placement"])
    locked.save()
    _add_photos(locked, photos)
    if resubmit and locked.status == LS.RETURNED:
        locked = activity_log_transition(log=locked, to_status=LS.SUBMITTED, by=by)
    return locked


@transaction.atomic
def activity_log_transition(
    *, log: ActivityLog, to_status: str, by, comment: str = ""
) -> ActivityLog:
    """Moves a log along ACTIVITY_LOG_TRANSITIONS: approve, return with a comment, resubmit."""
    if to_status not in LS.values:
        raise ValidationError(
            _("“%(status)s” is not an activity log status.") % {"status": to_status}
        )
    locked = (
        ActivityLog.objects.select_for_update(of=("self",))
        .select_related("placement", "placement__project", "placement__volunteer")
        .get(pk=log.pk)
    )
    if locked.status == to_status:
        return locked
    rule = ACTIVITY_LOG_TRANSITIONS.get((locked.status, to_status))
    if rule is None:
        raise ValidationError(
            _("An activity log cannot go from “%(from)s” to “%(to)s”.")
            % {"from": LS(locked.status).label, "to": LS(to_status).label},
            code="transition_not_allowed",
        )
    actor, _label = rule
    if actor == Actor.VOLUNTEER:
        _require_volunteer(by, locked.placement)
    else:
        _require_coordinator(by, locked.placement)
    comment = comment.strip()
    if to_status == LS.RETURNED and not comment:
        raise ValidationError(
            {"comment": _("Say what should be corrected.")}, code="comment_required"
        )
    if to_status in (LS.APPROVED, LS.RETURNED):
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.review_comment = comment
    locked.status = to_status
    locked.save()
    # Every transition leaves or enters the submitted state.
    activity_log_review_count_forget(programme_id=locked.placement.project.programme_id)
    if to_status == LS.RETURNED:
        notification_send(
            recipients=[locked.placement.volunteer],
            kind=NotificationKind.PLACEMENT,
            subject=gettext_lazy("Your activity log of %(day)s was returned for correction"),
            message=comment,
            link=reverse("deployments:activity-log-update", args=[locked.pk]),
            params={"day": locked.date},
        )
    return locked


@transaction.atomic
def activity_log_bulk_review(
    *, logs: Iterable[ActivityLog], to_status: str, by, comment: str = ""
) -> tuple[list[ActivityLog], list[tuple[ActivityLog, str]]]:
    """Approves or returns many logs with one comment; each is done or refused on its own."""
    done, refused = [], []
    for log in logs:
        try:
            with transaction.atomic():
                done.append(
                    activity_log_transition(log=log, to_status=to_status, by=by, comment=comment)
                )
        except ValidationError as error:
            refused.append((log, " ".join(error.messages)))
    return done, refused


@transaction.atomic
def activity_log_supervise(
    *, log: ActivityLog, by, comment: str = "", verified: bool = False
) -> ActivityLog:
    """The host supervisor comments on a log, or marks it verified: the work was seen."""
    locked = (
        ActivityLog.objects.select_for_update(of=("self",))
        .select_related("placement", "placement__project", "placement__volunteer")
        .get(pk=log.pk)
    )
    _require_supervisor(by, locked.placement)
    comment = comment.strip()
    if not comment and not verified:
        raise ValidationError(
            {"comment": _("Write a comment or mark the log verified.")}, code="empty"
        )
    if comment:
        locked.supervisor_comment = comment
    if verified and locked.verified_at is None:
        locked.verified_by = by
        locked.verified_at = timezone.now()
    locked.save()
    notification_send(
        recipients=[locked.placement.volunteer],
        kind=NotificationKind.PLACEMENT,
        subject=gettext_lazy("Your host supervisor saw your activity log of %(day)s"),
        message=comment,
        link=_placement_link(locked.placement),
        params={"day": locked.date},
    )
    return locked


# Monthly reports and check-ins -------------------------------------------------------------


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def monthly_report_submit(
    *,
    placement: Placement,
    by,
    month: datetime.date,
    achievements: str,
    challenges: str = "",
    support_needed: str = "",
) -> MonthlyReport:
    """The volunteer's report for one month of the placement; one per month."""
    locked = _lock_placement(placement)
    _require_volunteer(by, locked)
    if locked.status not in FIELD_PLACEMENT_STATUSES:
        raise ValidationError(
            _("Monthly reports start once the placement is in country."), code="not_in_field"
        )
    month = _first_of_month(month)
    start, end = _placement_period(locked)
    if month > _first_of_month(_local_today(by)):
        raise ValidationError({"month": _("This month has not begun yet.")}, code="future")
    if not _first_of_month(start) <= month <= _first_of_month(end):
        raise ValidationError(
            {"month": _("Choose a month of the placement.")}, code="outside_placement"
        )
    if not achievements.strip():
        raise ValidationError({"achievements": _("Tell us what you achieved.")}, code="required")
    if locked.monthly_reports.filter(month=month).exists():
        raise ValidationError(
            {"month": _("You already reported on %(month)s.") % {"month": f"{month:%Y-%m}"}},
            code="duplicate",
        )
    try:
        with transaction.atomic():
            report = MonthlyReport.objects.create(
                placement=locked,
                month=month,
                achievements=achievements.strip(),
                challenges=challenges.strip(),
                support_needed=support_needed.strip(),
            )
    except IntegrityError as error:
        raise ValidationError(
            {"month": _("You already reported on %(month)s.") % {"month": f"{month:%Y-%m}"}},
            code="duplicate",
        ) from error
    notification_send(
        recipients=_coordinators_of(locked),
        kind=NotificationKind.PLACEMENT,
        subject=gettext_lazy("%(volunteer)s sent the monthly report for %(month)s"),
        message=report.support_needed,
        link=_placement_link(locked),
        params={"volunteer": locked.volunteer.name, "month": f"{month:%Y-%m}"},
    )
    return report


@transaction.atomic
def check_in_create(*, placement: Placement, by, status: str, note: str = "") -> CheckIn:
    """A one-tap check-in. An emergency reaches the coordinators and host supervisors at
    once, in the portal now and by email as soon as the check-in is saved."""
    if status not in CheckInStatus.values:
        raise ValidationError(_("Choose how you are."), code="invalid")
    locked = _lock_placement(placement)
    _require_volunteer(by, locked)
    if locked.status != PS.IN_COUNTRY:
        raise ValidationError(_("Check-ins are for placements in country."), code="not_in_country")
    check_in = CheckIn.objects.create(
        placement=locked,
        status=status,
        note=note.strip(),
        response=CheckInResponse.OPEN if status == CheckInStatus.EMERGENCY else "",
    )
    params = {
        "volunteer": locked.volunteer.name,
        "project": locked.project.title,
        "place": locked.duty_station or locked.project.city,
    }
    if status == CheckInStatus.EMERGENCY:
        notification_send(
            recipients=[*_coordinators_of(locked), *host_supervisors_of(locked)],
            kind=NotificationKind.EMERGENCY,
            subject=gettext_lazy("EMERGENCY: %(volunteer)s (%(project)s, %(place)s) needs help"),
            message=check_in.note,
            link=_placement_link(locked),
            params=params,
        )
    elif status == CheckInStatus.NEEDS_SUPPORT:
        notification_send(
            recipients=[*_coordinators_of(locked), *host_supervisors_of(locked)],
            kind=NotificationKind.PLACEMENT,
            subject=gettext_lazy("%(volunteer)s (%(project)s) asks for support"),
            message=check_in.note,
            link=_placement_link(locked),
            params=params,
        )
    return check_in


def _check_in_respond(*, check_in: CheckIn, by, to_response: str, note: str) -> CheckIn:
    """Moves an emergency along CHECK_IN_RESPONSE_TRANSITIONS, recording who and when, and
    tells the volunteer. Asking twice for the same step changes nothing (two coordinators
    may press at once)."""
    locked = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("placement__project__programme", "placement__volunteer")
        .get(pk=check_in.pk)
    )
    if not can_respond_to_check_in(by, locked):
        raise ValidationError(
            _("Only a coordinator or host supervisor of this placement can do this."),
            code="not_allowed",
        )
    if locked.response == to_response:
        return locked
    if (locked.response, to_response) not in CHECK_IN_RESPONSE_TRANSITIONS:
        raise ValidationError(
            _("This emergency is already %(response)s.")
            % {"response": CheckInResponse(locked.response).label.lower()},
            code="transition_not_allowed",
        )
    now = timezone.now()
    if to_response == CheckInResponse.ACKNOWLEDGED:
        locked.acknowledged_by, locked.acknowledged_at = by, now
        subject = gettext_lazy("%(person)s is dealing with your emergency check-in")
    else:
        locked.resolved_by, locked.resolved_at = by, now
        subject = gettext_lazy("Your emergency check-in was marked resolved by %(person)s")
    note = note.strip()
    if note:
        locked.resolution_note = note
    locked.response = to_response
    locked.save()
    notification_send(
        recipients=[locked.placement.volunteer],
        kind=NotificationKind.PLACEMENT,
        subject=subject,
        message=note,
        link=_placement_link(locked.placement),
        params={"person": by.name},
    )
    return locked


@transaction.atomic
def checkin_acknowledge(*, check_in: CheckIn, by, note: str = "") -> CheckIn:
    """Someone is on it: the panel shows who took the emergency and since when."""
    return _check_in_respond(
        check_in=check_in, by=by, to_response=CheckInResponse.ACKNOWLEDGED, note=note
    )


@transaction.atomic
def checkin_resolve(*, check_in: CheckIn, by, note: str) -> CheckIn:
    """The emergency is over; what was done is kept with it."""
    if not note.strip():
        raise ValidationError(
            {"note": ValidationError(_("Say what was done."), code="note_required")}
        )
    return _check_in_respond(
        check_in=check_in, by=by, to_response=CheckInResponse.RESOLVED, note=note
    )


# The end of a placement --------------------------------------------------------------------


@transaction.atomic
def appraisal_submit(
    *,
    placement: Placement,
    by,
    performance: int,
    collaboration: int,
    cultural_adaptation: int,
    impact: int,
    strengths: str,
    areas_to_improve: str = "",
    recommend_again: bool = True,
) -> Appraisal:
    """The host supervisor's appraisal once the placement is over; they may revise it."""
    locked = _lock_placement(placement)
    _require_supervisor(by, locked)
    if locked.status not in (PS.COMPLETED, PS.ENDED_EARLY):
        raise ValidationError(
            _("The appraisal is written when the placement is over."), code="not_ended"
        )
    appraisal = Appraisal.objects.filter(placement=locked).first() or Appraisal(placement=locked)
    appraisal.appraised_by = by
    appraisal.performance = performance
    appraisal.collaboration = collaboration
    appraisal.cultural_adaptation = cultural_adaptation
    appraisal.impact = impact
    appraisal.strengths = strengths.strip()
    appraisal.areas_to_improve = areas_to_improve.strip()
    appraisal.recommend_again = recommend_again
    appraisal.submitted_at = timezone.now()
    appraisal.full_clean(exclude=["placement"])
    appraisal.save()
    notification_send(
        recipients=_coordinators_of(locked),
        kind=NotificationKind.PLACEMENT,
        subject=gettext_lazy("The host partner appraised %(volunteer)s"),
        link=_placement_link(locked),
        params={"volunteer": locked.volunteer.name},
    )
    return appraisal


@transaction.atomic
def placement_lessons_submit(*, placement: Placement, by, lessons: str) -> Placement:
    """The volunteer's lessons learned; other apps (the knowledge base) hear of them."""
    locked = _lock_placement(placement)
    _require_volunteer(by, locked)
    if locked.status not in (PS.COMPLETED, PS.ENDED_EARLY):
        raise ValidationError(
            _("Lessons learned are written when the placement is over."), code="not_ended"
        )
    lessons = lessons.strip()
    if len(lessons) < 20:
        raise ValidationError(
            {"lessons": _("Write a few sentences: what would you tell the next volunteer?")},
            code="too_short",
        )
    locked.lessons_learned = lessons
    locked.lessons_submitted_at = timezone.now()
    locked.save(update_fields=["lessons_learned", "lessons_submitted_at", "updated_at"])
    lessons_learned_submitted.send(sender=Placement, placement=locked, by=by)
    return locked


# Indicators --------------------------------------------------------------------------------


@transaction.atomic
def indicator_measurement_record(
    *, indicator: Indicator, by, date: datetime.date, value: Decimal, note: str = ""
) -> IndicatorMeasurement:
    if not can_change_project(by, indicator.project):
        raise ValidationError(
            _("Only a coordinator of this programme can do this."), code="not_allowed"
        )
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")}, code="future")
    if value < 0:
        raise ValidationError({"value": _("Enter a number that is zero or more.")})
    return IndicatorMeasurement.objects.create(
        indicator=indicator, date=date, value=value, note=note.strip(), recorded_by=by
    )
