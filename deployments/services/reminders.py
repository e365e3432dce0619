"""Reminder sweeps and the coordinators' weekly programme digest.

Every sweep is computed in each recipient's own time zone (a volunteer in Kathmandu starts
their day 5 h 45 min before UTC, one in Yangon 6 h 30 min before) and sends each reminder
once per period. Each kind of reminder finds whoever is due in a fixed number of queries and
sends them all together through `notifications.services.reminders_send_once`, whose unique
reminder records make a sweep that runs twice, or two sweeps at once, send nothing twice.
Delivery (in-app, email, digest or none) follows each person's preferences.

All functions take `now` (default: the current time) so that tests can place the sweep on
either side of a day boundary without patching the clock.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from notifications.enums import EmailFrequency, NotificationKind
from notifications.models import ReminderRecord
from notifications.services import (
    Month,
    Reminder,
    digest_period_key,
    localised,
    reminders_send_once,
)
from partners.enums import AgreementStatus
from partners.models import Agreement, Membership
from volunteers.enums import DocumentKind
from volunteers.models import Document

from ..enums import (
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    PartnershipStatus,
    PlacementStatus,
)
from ..models import (
    ActivityLog,
    Application,
    ApplicationEvent,
    CheckIn,
    MonthlyReport,
    Partnership,
    Placement,
    Programme,
    Review,
    ReviewAssignment,
)

__all__ = [
    "ACTIVITY_LOG_COORDINATOR_AFTER_DAYS",
    "ACTIVITY_LOG_VOLUNTEER_AFTER_DAYS",
    "AGREEMENT_EXPIRY_DAYS",
    "CHECK_IN_ESCALATE_AFTER_DAYS",
    "CHECK_IN_VOLUNTEER_AFTER_DAYS",
    "DOCUMENT_EXPIRY_DAYS",
    "MONTHLY_REPORT_COORDINATOR_LATE_DAYS",
    "PLACEMENT_ENDING_DAYS",
    "REVIEW_DEADLINE_DAYS",
    "REVIEW_WAITING_DAYS",
    "activity_log_reminders_send",
    "agreement_reminders_send",
    "check_in_reminders_send",
    "document_reminders_send",
    "monthly_report_reminders_send",
    "placement_ending_reminders_send",
    "programme_attention_summary",
    "programme_digest_summary",
    "programme_digests_send",
    "reminders_sweep",
    "review_reminders_send",
]

ACTIVITY_LOG_VOLUNTEER_AFTER_DAYS = 7
ACTIVITY_LOG_COORDINATOR_AFTER_DAYS = 14
MONTHLY_REPORT_COORDINATOR_LATE_DAYS = 5
# Check-ins are weekly: two days past the week the volunteer is reminded, and when two more
# days pass without one the host supervisor and the coordinators are told.
CHECK_IN_VOLUNTEER_AFTER_DAYS = 9
CHECK_IN_ESCALATE_AFTER_DAYS = 11
REVIEW_WAITING_DAYS = 5
REVIEW_DEADLINE_DAYS = 3
DOCUMENT_EXPIRY_DAYS = (7, 30, 60)  # smallest first: the nearest stage is the one sent
DOCUMENT_KINDS = (DocumentKind.PASSPORT, DocumentKind.VISA, DocumentKind.INSURANCE)
PLACEMENT_ENDING_DAYS = 30
AGREEMENT_EXPIRY_DAYS = 60
INACTIVE_AFTER_DAYS = 14
# Placements whose volunteer may still be helped by a reminder about their documents.
CURRENT_PLACEMENT_STATUSES = (PlacementStatus.PRE_DEPARTURE, PlacementStatus.IN_COUNTRY)
# Applications a coordinator is following (drafts are the volunteer's own business).
FOLLOWED_APPLICATION_STATUSES = tuple(
    status for status in OPEN_APPLICATION_STATUSES if status != ApplicationStatus.DRAFT
)


# Helpers ------------------------------------------------------------------------------------


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _today(person, now: datetime.datetime) -> datetime.date:
    """The date where the person is."""
    return now.astimezone(person.time_zone).date()


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _previous_month(day: datetime.date) -> datetime.date:
    return _first_of_month(_first_of_month(day) - datetime.timedelta(days=1))


def _stamp(moment: datetime.datetime) -> str:
    """A short, zone-independent key for an instant (for period keys)."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S")


def _link(url_name: str, *args, fallback: str = "") -> str:
    try:
        return reverse(url_name, args=args)
    except NoReverseMatch:
        return fallback


def _placement_link(placement: Placement) -> str:
    return _link("deployments:placement-detail", placement.pk, fallback="/placements/")


def _started_on(placement: Placement) -> datetime.date:
    return placement.actual_start or placement.planned_start


def _coordinators_by_programme(programme_ids: Iterable[int]) -> dict[int, list]:
    """Each programme's coordinators, in one query."""
    Through = Programme.coordinators.through
    coordinators = defaultdict(list)
    for row in Through.objects.filter(programme_id__in=set(programme_ids)).select_related("user"):
        coordinators[row.programme_id].append(row.user)
    return coordinators


def _supervisors_by_placement(placements: list[Placement]) -> dict[int, list]:
    """The named host supervisor, or else the supervisors of the project's host partner."""
    unnamed = {p.project.host_partner_id for p in placements if p.host_supervisor_id is None}
    by_organisation = defaultdict(list)
    for membership in Membership.objects.filter(
        organisation_id__in=unnamed, is_supervisor=True
    ).select_related("user"):
        by_organisation[membership.organisation_id].append(membership.user)
    return {
        p.pk: [p.host_supervisor]
        if p.host_supervisor_id
        else by_organisation.get(p.project.host_partner_id, [])
        for p in placements
    }


def _unique(people: Iterable) -> list:
    return list({person.pk: person for person in people if person is not None}.values())


@dataclass
class _Due:
    """The reminders a sweep finds due, sent together once it has found them all."""

    reminders: list[Reminder] = field(default_factory=list)

    def add(self, **reminder) -> None:
        self.reminders.append(Reminder(**reminder))

    def send(self) -> int:
        """Sends those not sent yet in their period; returns how many went out now."""
        return len(reminders_send_once(reminders=self.reminders))


def _latest_log_date() -> Subquery:
    """The date of a placement's latest activity log, read from the (placement, date) index:
    one index probe per placement instead of grouping all of its logs."""
    return Subquery(
        ActivityLog.objects.filter(placement=OuterRef("pk")).order_by("-date").values("date")[:1]
    )


def _latest_check_in() -> Subquery:
    """The time of a placement's latest check-in, from the (placement, created_at) index."""
    return Subquery(
        CheckIn.objects.filter(placement=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def _in_country_placements():
    return Placement.objects.filter(status=PlacementStatus.IN_COUNTRY).select_related(
        "volunteer", "host_supervisor", "project"
    )


# Activity logs ----------------------------------------------------------------------------


def activity_log_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """An in-country placement with no activity log in the last 7 days of the volunteer's
    own calendar → the volunteer, every week it lasts; from 14 days → the coordinators too.

    The days are counted from the latest log (or the first day in the country).
    """
    now, due = _now(now), _Due()
    placements = list(_in_country_placements().annotate(last_log=_latest_log_date()))
    coordinators = _coordinators_by_programme(p.project.programme_id for p in placements)
    for placement in placements:
        since = placement.last_log or _started_on(placement)
        reminder = {
            "kind": "activity-log-overdue",
            "subject_key": f"placement:{placement.pk}",
            "link": _placement_link(placement),
            "params": {"project": placement.project.title, "since": since},
        }
        volunteer = placement.volunteer
        days = (_today(volunteer, now) - since).days
        if days >= ACTIVITY_LOG_VOLUNTEER_AFTER_DAYS:
            due.add(
                recipient=volunteer,
                period_key=f"{since}/w{days // 7}",
                subject=gettext_lazy("Please log your activities in %(project)s"),
                message=gettext_lazy(
                    "You have not logged any activity since %(since)s. A few lines a day keep "
                    "your work visible to your host partner and your programme."
                ),
                **reminder,
            )
        for coordinator in coordinators.get(placement.project.programme_id, []):
            days = (_today(coordinator, now) - since).days
            if days >= ACTIVITY_LOG_COORDINATOR_AFTER_DAYS:
                due.add(
                    recipient=coordinator,
                    period_key=f"{since}/w{days // 7}",
                    subject=gettext_lazy("%(volunteer)s has not logged activity for two weeks"),
                    message=gettext_lazy(
                        "The last activity logged in %(project)s is from %(since)s."
                    ),
                    **{**reminder, "params": {**reminder["params"], "volunteer": volunteer.name}},
                )
    return due.send()


# Monthly reports ----------------------------------------------------------------------------


def monthly_report_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The report on a month is due on the 1st of the next one, in the recipient's calendar:
    from then the volunteer is reminded (once a month), and 5 days late the coordinators."""
    now, due = _now(now), _Due()
    placements = list(_in_country_placements().prefetch_related("monthly_reports"))
    coordinators = _coordinators_by_programme(p.project.programme_id for p in placements)
    for placement in placements:
        reported = {report.month for report in placement.monthly_reports.all()}
        recipients = [(placement.volunteer, 0)] + [
            (coordinator, MONTHLY_REPORT_COORDINATOR_LATE_DAYS)
            for coordinator in coordinators.get(placement.project.programme_id, [])
        ]
        for recipient, late_days in recipients:
            today = _today(recipient, now)
            month = _previous_month(today)
            if _started_on(placement) >= _first_of_month(today) or month in reported:
                continue  # not in the field that month, or already reported
            if (today - _first_of_month(today)).days < late_days:
                continue
            params = {
                "project": placement.project.title,
                "month": Month.of(month),
                "volunteer": placement.volunteer.name,
            }
            if recipient == placement.volunteer:
                subject = gettext_lazy("Your monthly report for %(month)s is due")
                message = gettext_lazy(
                    "Please write your report on %(month)s in %(project)s: achievements, "
                    "challenges and the support you need."
                )
            else:
                subject = gettext_lazy("%(volunteer)s's monthly report for %(month)s is late")
                message = gettext_lazy(
                    "The report on %(month)s in %(project)s was due on the 1st and has not arrived."
                )
            due.add(
                kind="monthly-report-due" if late_days == 0 else "monthly-report-late",
                subject_key=f"placement:{placement.pk}",
                recipient=recipient,
                period_key=month.strftime("%Y-%m"),
                subject=subject,
                message=message,
                link=_placement_link(placement),
                params=params,
            )
    return due.send()


# Check-ins ----------------------------------------------------------------------------------


def check_in_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Weekly check-ins: none for 9 days (the week and two more) → the volunteer; none for
    11 → the host supervisor and the coordinators. Repeated weekly while it lasts."""
    now, due = _now(now), _Due()
    placements = list(_in_country_placements().annotate(last_check_in=_latest_check_in()))
    coordinators = _coordinators_by_programme(p.project.programme_id for p in placements)
    supervisors = _supervisors_by_placement(placements)
    for placement in placements:
        last = placement.last_check_in
        since_key = _stamp(last) if last else f"start{_started_on(placement):%Y%m%d}"
        volunteer = placement.volunteer
        escalate_to = _unique(
            supervisors[placement.pk] + coordinators.get(placement.project.programme_id, [])
        )
        recipients = [(volunteer, CHECK_IN_VOLUNTEER_AFTER_DAYS)] + [
            (person, CHECK_IN_ESCALATE_AFTER_DAYS)
            for person in escalate_to
            if person.pk != volunteer.pk
        ]
        for recipient, after_days in recipients:
            today = _today(recipient, now)
            since = last.astimezone(recipient.time_zone).date() if last else _started_on(placement)
            days = (today - since).days
            if days < after_days:
                continue
            params = {
                "project": placement.project.title,
                "volunteer": volunteer.name,
                "since": since,
            }
            if recipient == volunteer:
                subject = gettext_lazy("Please check in: how are you?")
                message = gettext_lazy(
                    "We have not heard from you since %(since)s. One tap tells your programme "
                    "and your host partner that all is well, or that you need support."
                )
            else:
                subject = gettext_lazy("%(volunteer)s has not checked in since %(since)s")
                message = gettext_lazy(
                    "The weekly check-in from %(project)s is overdue. Please get in touch with "
                    "the volunteer."
                )
            due.add(
                kind="check-in-missed" if recipient == volunteer else "check-in-missed-escalated",
                subject_key=f"placement:{placement.pk}",
                recipient=recipient,
                period_key=f"{since_key}/w{(days - after_days) // 7}",
                subject=subject,
                message=message,
                link=_placement_link(placement),
                params=params,
            )
    return due.send()


# Reviews ------------------------------------------------------------------------------------


def _awaited_assignments():
    """Assignments of reviewers (still reviewers of their organisation) who have not yet
    reviewed an application in partner review, with the time it entered partner review."""
    entered = (
        ApplicationEvent.objects.filter(
            application=OuterRef("application"), to_status=ApplicationStatus.PARTNER_REVIEW
        )
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        ReviewAssignment.objects.filter(application__status=ApplicationStatus.PARTNER_REVIEW)
        .exclude(
            Exists(
                Review.objects.filter(
                    application=OuterRef("application"), reviewer=OuterRef("reviewer")
                )
            )
        )
        .filter(
            Exists(
                Membership.objects.filter(
                    user=OuterRef("reviewer"),
                    organisation=OuterRef("organisation"),
                    is_reviewer=True,
                )
            )
        )
        .annotate(entered_review_at=Subquery(entered))
        .select_related("reviewer", "application__opportunity__project")
    )


def review_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """An application in partner review for 5 days (since it last entered it), or whose
    opportunity's deadline is 3 days away or less → each assigned reviewer who has not
    reviewed it, once for each."""
    now, due = _now(now), _Due()
    for assignment in _awaited_assignments():
        application, reviewer = assignment.application, assignment.reviewer
        today = _today(reviewer, now)
        entered = assignment.entered_review_at or application.status_changed_at
        reminder = {
            "subject_key": f"application:{application.pk}",
            "recipient": reviewer,
            "link": _link("deployments:review-edit", application.pk),
            "params": {"opportunity": application.opportunity.title},
        }
        waited = (today - entered.astimezone(reviewer.time_zone).date()).days
        if waited >= REVIEW_WAITING_DAYS:
            due.add(
                kind="review-pending",
                period_key=f"since{_stamp(entered)}",
                subject=gettext_lazy("A candidate for %(opportunity)s awaits your review"),
                message=gettext_lazy(
                    "The application has been with the partners for %(days)d days."
                ),
                **{**reminder, "params": {**reminder["params"], "days": waited}},
            )
        deadline = application.opportunity.application_deadline
        if deadline >= now:
            days_left = (deadline.astimezone(reviewer.time_zone).date() - today).days
            if days_left <= REVIEW_DEADLINE_DAYS:
                due.add(
                    kind="review-deadline",
                    period_key=f"deadline{_stamp(deadline)}",
                    subject=gettext_lazy("Please review a candidate for %(opportunity)s soon"),
                    message=gettext_lazy(
                        "Applications for %(opportunity)s close on %(deadline)s; your review "
                        "is still awaited."
                    ),
                    **{
                        **reminder,
                        "params": {
                            **reminder["params"],
                            "deadline": deadline,
                        },
                    },
                )
    return due.send()


# Documents ----------------------------------------------------------------------------------


def _expiry_stage(days_left: int, stages: Iterable[int]) -> int | None:
    """The nearest stage reached: 45 days left is the 60-day stage, 5 the 7-day one."""
    if days_left < 0:
        return None
    return next((stage for stage in sorted(stages) if days_left <= stage), None)


def _followed_programmes(volunteer_ids: set[int]) -> dict[int, dict[int, str]]:
    """Per volunteer: the programmes of their current placements and followed applications,
    each with the link a coordinator would open."""
    followed = defaultdict(dict)
    for application_id, volunteer_id, programme_id in Application.objects.filter(
        volunteer_id__in=volunteer_ids, status__in=FOLLOWED_APPLICATION_STATUSES
    ).values_list("pk", "volunteer_id", "opportunity__project__programme_id"):
        followed[volunteer_id][programme_id] = _link(
            "deployments:application-detail", application_id
        )
    for placement in Placement.objects.filter(
        volunteer_id__in=volunteer_ids, status__in=CURRENT_PLACEMENT_STATUSES
    ).select_related("project"):
        followed[placement.volunteer_id][placement.project.programme_id] = _placement_link(
            placement
        )
    return followed


def document_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """A passport, visa or insurance expiring in 60, 30 and 7 days (in each recipient's own
    calendar) → the volunteer, and the coordinators of the programmes where the volunteer
    holds a placement or an open application."""
    now, due = _now(now), _Due()
    utc_today = now.astimezone(datetime.UTC).date()
    documents = list(
        Document.objects.filter(
            kind__in=DOCUMENT_KINDS,
            expires_on__gte=utc_today - datetime.timedelta(days=1),
            expires_on__lte=utc_today + datetime.timedelta(days=max(DOCUMENT_EXPIRY_DAYS) + 1),
        ).select_related("owner")
    )
    followed = _followed_programmes({document.owner_id for document in documents})
    coordinators = _coordinators_by_programme(
        programme_id for programmes in followed.values() for programme_id in programmes
    )
    for document in documents:
        owner = document.owner
        recipients = {owner.pk: (owner, _link("volunteers:document-list"))}
        for programme_id, link in followed.get(owner.pk, {}).items():
            for coordinator in coordinators.get(programme_id, []):
                recipients.setdefault(coordinator.pk, (coordinator, link))
        for recipient, link in recipients.values():
            days_left = (document.expires_on - _today(recipient, now)).days
            stage = _expiry_stage(days_left, DOCUMENT_EXPIRY_DAYS)
            if stage is None:
                continue
            params = {
                "document": DocumentKind(document.kind).label,
                "date": document.expires_on,
                "days": days_left,
                "volunteer": owner.name,
            }
            if recipient == owner:
                subject = gettext_lazy("Your %(document)s expires on %(date)s")
                message = gettext_lazy(
                    "%(days)d days left. Please renew it in time and upload the new one."
                )
            else:
                subject = gettext_lazy("%(volunteer)s's %(document)s expires on %(date)s")
                message = gettext_lazy("%(days)d days left.")
            due.add(
                kind="document-expiring",
                subject_key=f"document:{document.pk}",
                recipient=recipient,
                period_key=f"{document.expires_on}/d{stage}",
                subject=subject,
                message=message,
                link=link,
                params=params,
            )
    return due.send()


# Placements ending --------------------------------------------------------------------------


def placement_ending_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """An in-country placement ending in 30 days → the volunteer, the host supervisor (asked
    for the appraisal) and the coordinators, once per end date."""
    now, due = _now(now), _Due()
    utc_today = now.astimezone(datetime.UTC).date()
    horizon = utc_today + datetime.timedelta(days=PLACEMENT_ENDING_DAYS + 1)
    placements = list(
        _in_country_placements()
        .annotate(ends_on=Coalesce("actual_end", "planned_end"))
        .filter(ends_on__lte=horizon)
    )
    coordinators = _coordinators_by_programme(p.project.programme_id for p in placements)
    supervisors = _supervisors_by_placement(placements)
    for placement in placements:
        ends_on = placement.ends_on
        roles = {placement.volunteer.pk: (placement.volunteer, "volunteer")}
        for coordinator in coordinators.get(placement.project.programme_id, []):
            roles[coordinator.pk] = (coordinator, "coordinator")
        for supervisor in supervisors[placement.pk]:
            roles[supervisor.pk] = (supervisor, "supervisor")  # the appraisal request wins
        params = {
            "project": placement.project.title,
            "volunteer": placement.volunteer.name,
            "date": ends_on,
        }
        for recipient, role in roles.values():
            days_left = (ends_on - _today(recipient, now)).days
            if not 0 <= days_left <= PLACEMENT_ENDING_DAYS:
                continue
            if role == "volunteer":
                subject = gettext_lazy("Your placement in %(project)s ends on %(date)s")
                message = gettext_lazy(
                    "Please plan your hand-over, your last monthly report and your lessons "
                    "learned for the next volunteer."
                )
            elif role == "supervisor":
                subject = gettext_lazy(
                    "Please appraise %(volunteer)s: the placement ends on %(date)s"
                )
                message = gettext_lazy(
                    "%(volunteer)s's placement in %(project)s ends on %(date)s. As host "
                    "supervisor, please write the end-of-placement appraisal."
                )
            else:
                subject = gettext_lazy("%(volunteer)s's placement ends on %(date)s")
                message = gettext_lazy(
                    "The placement in %(project)s ends on %(date)s: plan the return, the "
                    "appraisal and the final report."
                )
            due.add(
                kind="placement-ending",
                subject_key=f"placement:{placement.pk}",
                recipient=recipient,
                period_key=f"end{ends_on:%Y%m%d}",
                subject=subject,
                message=message,
                link=_placement_link(placement),
                params=params,
            )
    return due.send()


# Agreements ---------------------------------------------------------------------------------


def agreement_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """An active agreement ending in 60 days → the coordinators of the programmes any party
    takes part in, and the parties' admins; once per end date."""
    now, due = _now(now), _Due()
    utc_today = now.astimezone(datetime.UTC).date()
    agreements = list(
        Agreement.objects.filter(
            status=AgreementStatus.ACTIVE,
            ends_on__gte=utc_today - datetime.timedelta(days=1),
            ends_on__lte=utc_today + datetime.timedelta(days=AGREEMENT_EXPIRY_DAYS + 1),
        ).prefetch_related("organisations")
    )
    if not agreements:
        return 0
    parties_of = {
        agreement.pk: {organisation.pk for organisation in agreement.organisations.all()}
        for agreement in agreements
    }
    programmes_of = _programmes_by_organisation(set().union(*parties_of.values()))
    coordinators = _coordinators_by_programme(set().union(set(), *programmes_of.values()))
    admins = defaultdict(list)
    for membership in Membership.objects.filter(
        organisation__agreements__in=agreements, is_admin=True
    ).select_related("user"):
        admins[membership.organisation_id].append(membership.user)
    for agreement in agreements:
        parties = parties_of[agreement.pk]
        programmes = set().union(set(), *(programmes_of.get(party, ()) for party in parties))
        recipients = [admin for party in parties for admin in admins.get(party, [])] + [
            coordinator
            for programme_id in programmes
            for coordinator in coordinators.get(programme_id, [])
        ]
        for recipient in _unique(recipients):
            days_left = (agreement.ends_on - _today(recipient, now)).days
            if not 0 <= days_left <= AGREEMENT_EXPIRY_DAYS:
                continue
            due.add(
                kind="agreement-expiring",
                subject_key=f"agreement:{agreement.pk}",
                recipient=recipient,
                period_key=f"end{agreement.ends_on:%Y%m%d}",
                subject=gettext_lazy("The agreement “%(title)s” ends on %(date)s"),
                message=gettext_lazy(
                    "%(days)d days left. Renew it, or plan what happens when it ends."
                ),
                link=_link("partners:agreement-detail", agreement.pk),
                params={
                    "title": agreement.title,
                    "date": agreement.ends_on,
                    "days": days_left,
                },
            )
    return due.send()


def _programmes_by_organisation(organisation_ids) -> dict[int, set[int]]:
    """The programmes each organisation works with by consent (as in
    rules.partner_organisations_of_programmes), in two queries whatever their number."""
    links = (
        Programme.objects.filter(sending_organisation__in=organisation_ids).values_list(
            "sending_organisation", "pk"
        ),
        Partnership.objects.filter(
            organisation__in=organisation_ids, status=PartnershipStatus.ACTIVE
        ).values_list("organisation", "programme"),
    )
    programmes = defaultdict(set)
    for pairs in links:
        for organisation_id, programme_id in pairs:
            programmes[organisation_id].add(programme_id)
    return programmes


# The sweep ----------------------------------------------------------------------------------

SWEEPS = {
    "activity_logs": activity_log_reminders_send,
    "monthly_reports": monthly_report_reminders_send,
    "check_ins": check_in_reminders_send,
    "reviews": review_reminders_send,
    "documents": document_reminders_send,
    "placement_endings": placement_ending_reminders_send,
    "agreements": agreement_reminders_send,
}


def reminders_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Runs every sweep at one instant; returns how many reminders each sent now."""
    now = _now(now)
    return {name: sweep(now=now) for name, sweep in SWEEPS.items()}


# The coordinators' weekly programme digest ----------------------------------------------------


@dataclass
class _ProgrammeDigestFacts:
    """What a programme's digest is made of, read once for all of its coordinators."""

    placements: list[Placement] = field(default_factory=list)
    awaited_reviews: dict[Application, int] = field(default_factory=lambda: defaultdict(int))


def _programme_digest_facts(
    *, programme_ids: Iterable[int], now: datetime.datetime
) -> dict[int, _ProgrammeDigestFacts]:
    """Each programme's in-country placements, with their latest log, latest check-in and
    recent monthly reports, and its applications awaiting partner reviews: three queries
    however many programmes, placements and logs there are.

    """
    programme_ids = set(programme_ids)
    # Every coordinator's today is within a day of UTC's; their digest looks at the month
    # before it, so no older report matters.
    oldest_month = _previous_month(now.astimezone(datetime.UTC).date() - datetime.timedelta(days=1))
    placements = (
        Placement.objects.filter(
            status=PlacementStatus.IN_COUNTRY, project__programme__in=programme_ids
        )
        .select_related("volunteer", "project")
        .annotate(last_log=_latest_log_date(), last_check_in=_latest_check_in())
        .prefetch_related(
            Prefetch(
                "monthly_reports",
                queryset=MonthlyReport.objects.filter(month__gte=oldest_month),
                to_attr="recent_reports",
            )
        )
        .order_by("volunteer__name", "pk")
    )
    facts = defaultdict(_ProgrammeDigestFacts)
    for placement in placements:
        facts[placement.project.programme_id].placements.append(placement)
    for assignment in _awaited_assignments().filter(
        application__opportunity__project__programme__in=programme_ids
    ):
        application = assignment.application
        facts[application.opportunity.project.programme_id].awaited_reviews[application] += 1
    return facts


def programme_digest_summary(
    *, facts: Iterable[_ProgrammeDigestFacts], today: datetime.date
) -> dict[str, list[str]]:
    """What needs a coordinator's attention in their programmes (`facts`), seen on `today`:
    volunteers inactive for 14 days, overdue monthly reports, missed check-ins and
    applications still awaiting partner reviews. Lines are in the active language and zone."""
    facts = list(facts)
    placements = sorted(
        (placement for programme in facts for placement in programme.placements),
        key=lambda placement: (placement.volunteer.name, placement.pk),
    )
    zone = timezone.get_current_timezone()
    inactive, reports, check_ins = [], [], []
    month = _previous_month(today)
    for placement in placements:
        person = {"volunteer": placement.volunteer.name, "project": placement.project.title}
        since = placement.last_log or _started_on(placement)
        if (today - since).days >= INACTIVE_AFTER_DAYS:
            inactive.append(
                _("%(volunteer)s (%(project)s): no activity logged since %(since)s")
                % localised({**person, "since": since})
            )
        reported = {report.month for report in placement.recent_reports}
        if (
            _started_on(placement) < _first_of_month(today)
            and month not in reported
            and today > _first_of_month(today)
        ):
            reports.append(
                _("%(volunteer)s (%(project)s): the report on %(month)s")
                % localised({**person, "month": Month.of(month)})
            )
        last = placement.last_check_in
        since = last.astimezone(zone).date() if last else _started_on(placement)
        if (today - since).days >= CHECK_IN_VOLUNTEER_AFTER_DAYS:
            check_ins.append(
                _("%(volunteer)s (%(project)s): no check-in since %(since)s")
                % localised({**person, "since": since})
            )
    waiting = {
        application: count
        for programme in facts
        for application, count in programme.awaited_reviews.items()
    }
    reviews = [
        ngettext(
            "%(opportunity)s: application %(number)s awaits %(count)d review",
            "%(opportunity)s: application %(number)s awaits %(count)d reviews",
            count,
        )
        % {"opportunity": application.opportunity.title, "number": application.pk, "count": count}
        for application, count in sorted(waiting.items(), key=lambda item: item[0].pk)
    ]
    return {
        "inactive": inactive,
        "overdue_reports": reports,
        "missed_check_ins": check_ins,
        "pending_reviews": reviews,
    }


def programme_attention_summary(
    *, programme_ids: Iterable[int], today: datetime.date
) -> dict[str, list[str]]:
    """The digest's lines for these programmes now, as a coordinator's dashboard shows them."""
    facts = _programme_digest_facts(programme_ids=programme_ids, now=timezone.now())
    return programme_digest_summary(facts=facts.values(), today=today)


PROGRAMME_DIGEST_SECTIONS = {
    "inactive": gettext_lazy("Volunteers with no activity logged for 14 days or more"),
    "overdue_reports": gettext_lazy("Overdue monthly reports"),
    "missed_check_ins": gettext_lazy("Missed check-ins"),
    "pending_reviews": gettext_lazy("Applications awaiting partner reviews"),
}


def _programme_digest_written(
    *, facts: list[_ProgrammeDigestFacts], today: datetime.date
) -> tuple[str, str] | None:
    """The digest's subject and message in the active language and zone, or None when
    nothing needs attention."""
    summary = programme_digest_summary(facts=facts, today=today)
    if not any(summary.values()):
        return None
    sections = [
        f"{PROGRAMME_DIGEST_SECTIONS[name]} ({len(lines)}):\n"
        + "\n".join(f"- {line}" for line in lines)
        for name, lines in summary.items()
        if lines
    ]
    count = sum(len(lines) for lines in summary.values())
    subject = ngettext(
        "Your programme this week: %(count)d item needs attention",
        "Your programme this week: %(count)d items need attention",
        count,
    ) % {"count": count}
    return subject, "\n\n".join(sections)


def programme_digests_send(*, now: datetime.datetime | None = None) -> int:
    """Each coordinator's weekly digest of their programmes, one email and in-app
    notification on Monday from 07:00 in their own zone, once per ISO week; nothing is sent
    when nothing needs attention. Run hourly, it catches each zone's Monday morning.

    Each programme's facts are read once for all its coordinators, and coordinators who read
    the same programmes in the same language, zone and day share one written digest: six
    queries and one bulk send, however many programmes and coordinators there are.
    """
    now = _now(now)
    programmes_of = defaultdict(set)
    coordinators = {}
    for row in Programme.coordinators.through.objects.select_related("user"):
        programmes_of[row.user_id].add(row.programme_id)
        coordinators[row.user_id] = row.user
    period_keys = {
        person.pk: digest_period_key(
            frequency=EmailFrequency.WEEKLY, now=now, zone=person.time_zone
        )
        for person in coordinators.values()
    }
    candidates = {pk: period_key for pk, period_key in period_keys.items() if period_key}
    already_sent = set(
        ReminderRecord.objects.filter(
            kind="programme-digest",
            recipient_id__in=candidates,
            period_key__in=set(candidates.values()),
        ).values_list("recipient_id", "period_key")
    )
    due = [pk for pk, period_key in candidates.items() if (pk, period_key) not in already_sent]
    facts = _programme_digest_facts(
        programme_ids={programme_id for pk in due for programme_id in programmes_of[pk]}, now=now
    )
    written = {}
    reminders = []
    for pk in due:
        coordinator, programme_ids = coordinators[pk], frozenset(programmes_of[pk])
        today = _today(coordinator, now)
        language = coordinator.preferred_language
        reading = (programme_ids, language, str(coordinator.time_zone), today)
        if reading not in written:
            with translation.override(language), timezone.override(coordinator.time_zone):
                written[reading] = _programme_digest_written(
                    facts=[
                        facts[programme_id]
                        for programme_id in programme_ids
                        if programme_id in facts
                    ],
                    today=today,
                )
        if written[reading] is None:
            continue
        subject, message = written[reading]
        reminders.append(
            Reminder(
                kind="programme-digest",
                subject_key=f"user:{pk}",
                recipient=coordinator,
                period_key=candidates[pk],
                notification_kind=NotificationKind.DIGEST,
                subject=subject,
                message=message,
                link=_link("dashboard"),
            )
        )
    return len(reminders_send_once(reminders=reminders))
