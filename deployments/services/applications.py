"""Applying, screening, partner review, offers and acceptance: every application change.

Each transition follows `APPLICATION_TRANSITIONS`, records who, when and why, and notifies
the people it concerns once the change commits.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.enums import NotificationKind
from notifications.services import notification_send
from partners.models import Membership, Organisation
from volunteers.selectors import profile_completeness

from ..enums import (
    SEAT_HOLDING_STATUSES,
    Actor,
    ApplicationStatus,
    AutomaticNote,
    OpportunityStatus,
)
from ..models import (
    Application,
    ApplicationEvent,
    ApplicationRelease,
    Opportunity,
    Placement,
    Review,
    ReviewAssignment,
)
from ..rules import can_manage_application, is_applicant
from ..transitions import APPLICATION_TRANSITIONS
from ..validators import add_months
from .locking import lock_row
from .projects import opportunity_transition

AS = ApplicationStatus


def _lock_opportunity(opportunity_id: int) -> Opportunity:
    """Locks the opportunity whose seats are at stake."""
    return lock_row(Opportunity.objects.select_related("project"), pk=opportunity_id)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months (validators.add_months).

    A date stored before dates were bounded could still lie near year 9999; its end would
    overflow, so that is refused with a reason rather than a server error.
    """
    moved = add_months(day, months)
    if moved is None:
        raise ValidationError(
            _("The dates of this opportunity are out of range (%(day)s). Correct them first.")
            % {"day": day.isoformat()},
            code="date_out_of_range",
        )
    return moved


def _opportunity_open_refusal(opportunity: Opportunity) -> str | None:
    if opportunity.status != OpportunityStatus.OPEN:
        return _("This opportunity is not open for applications.")
    if opportunity.application_deadline <= timezone.now():
        return _("The deadline for this opportunity has passed.")
    return None


# Drafts ------------------------------------------------------------------------------------


@transaction.atomic
def application_save_draft(
    *, volunteer, opportunity: Opportunity, motivation: str, answers: dict[str, str]
) -> Application:
    """Creates or updates the volunteer's draft; only drafts can be edited."""
    refusal = _opportunity_open_refusal(opportunity)
    if refusal:
        raise ValidationError(refusal, code="not_open")
    application, _created = Application.objects.select_for_update().get_or_create(
        volunteer=volunteer, opportunity=opportunity
    )
    if application.status != AS.DRAFT:
        raise ValidationError(
            _("You have already applied for this opportunity; it can no longer be edited."),
            code="not_a_draft",
        )
    questions = opportunity.question_list
    application.motivation = motivation.strip()
    application.answers = {
        question: (answers.get(question) or "").strip() for question in questions
    }
    application.save(update_fields=["motivation", "answers", "updated_at"])
    return application


# Transitions --------------------------------------------------------------------------------


def _may_act(by, application: Application, actor: Actor) -> bool:
    if actor == Actor.VOLUNTEER:
        return is_applicant(by, application)
    return can_manage_application(by, application)


def _submission_refusals(application: Application) -> list[str]:
    refusals = []
    opening = _opportunity_open_refusal(application.opportunity)
    if opening:
        refusals.append(opening)
    completeness = profile_completeness(user=application.volunteer)
    if not completeness.is_complete:
        refusals.append(
            _("Complete your profile first: %(missing)s.")
            % {"missing": "; ".join(str(item) for item in completeness.missing)}
        )
    if not application.motivation:
        refusals.append(_("Tell the programme why you want to serve: write your motivation."))
    unanswered = [
        q for q in application.opportunity.question_list if not application.answers.get(q)
    ]
    if unanswered:
        refusals.append(
            _("Answer every question: %(questions)s") % {"questions": " / ".join(unanswered)}
        )
    return refusals


def _seat_holders(opportunity: Opportunity) -> int:
    return opportunity.applications.filter(status__in=SEAT_HOLDING_STATUSES).count()


@transaction.atomic
def application_transition(
    *, application: Application, to_status: str, by, note: str = ""
) -> Application:
    """Moves the application along APPLICATION_TRANSITIONS, or refuses with the reason.

    Moving to the state it is already in changes nothing. Offers lock the opportunity, so
    two coordinators can never give away more seats than there are.
    """
    if to_status not in AS.values:
        raise ValidationError(
            _("“%(status)s” is not an application status.") % {"status": to_status}
        )
    # Seats first, then the application: always in this order, so two offers cannot deadlock.
    opportunity = _lock_opportunity(application.opportunity_id)
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    locked.opportunity = opportunity
    if locked.status == to_status:
        return locked
    rule = APPLICATION_TRANSITIONS.get((locked.status, to_status))
    if rule is None:
        raise ValidationError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": AS(locked.status).label, "to": AS(to_status).label},
            code="transition_not_allowed",
        )
    actor, _label = rule
    if not _may_act(by, locked, actor):
        raise ValidationError(
            _("Only %(actor)s can do this.") % {"actor": actor.label}, code="not_allowed"
        )
    note = note.strip()
    if to_status == AS.SUBMITTED:
        refusals = _submission_refusals(locked)
        if refusals:
            raise ValidationError(refusals, code="cannot_submit")
        locked.submitted_at = timezone.now()
    elif to_status == AS.REJECTED:
        if not note:
            raise ValidationError(_("Give the reason for the rejection."), code="reason_required")
        locked.rejection_reason = note
    elif to_status == AS.PARTNER_REVIEW and not locked.releases.exists():
        raise ValidationError(
            _("Choose at least one partner organisation to release the application to."),
            code="no_release",
        )
    elif to_status == AS.OFFERED and _seat_holders(opportunity) >= opportunity.seats:
        raise ValidationError(
            _("Every seat of this opportunity is already offered or taken."), code="no_seat"
        )
    elif to_status == AS.ACCEPTED and opportunity.status == OpportunityStatus.FILLED:
        raise ValidationError(_("This opportunity has been filled."), code="filled")

    ApplicationEvent.objects.create(
        application=locked, from_status=locked.status, to_status=to_status, actor=by, note=note
    )
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.save()
    if to_status == AS.ACCEPTED:
        _placement_create(locked)
        if opportunity.applications.filter(status=AS.ACCEPTED).count() >= opportunity.seats:
            opportunity_transition(
                opportunity=opportunity,
                to_status=OpportunityStatus.FILLED,
                by=by,
                automatic_note=AutomaticNote.SEATS_TAKEN,
            )
    _notify_transition(locked)
    return locked


def _placement_create(application: Application) -> Placement:
    opportunity = application.opportunity
    return Placement.objects.create(
        application=application,
        volunteer=application.volunteer,
        project=opportunity.project,
        opportunity=opportunity,
        planned_start=opportunity.starts_on,
        planned_end=_add_months(opportunity.starts_on, opportunity.duration_months),
        duty_station=", ".join(
            filter(None, [opportunity.project.city, opportunity.project.region])
        ),
    )


TO_VOLUNTEER = {
    AS.SUBMITTED: gettext_lazy("Your application for “%(opportunity)s” was received"),
    AS.SCREENING: gettext_lazy("Your application for “%(opportunity)s” is being screened"),
    AS.PARTNER_REVIEW: gettext_lazy(
        "Your application for “%(opportunity)s” is with the host partner for review"
    ),
    AS.SHORTLISTED: gettext_lazy("You are shortlisted for “%(opportunity)s”"),
    AS.OFFERED: gettext_lazy("You are offered a place: “%(opportunity)s”"),
    AS.REJECTED: gettext_lazy("Your application for “%(opportunity)s” was not successful"),
}
TO_COORDINATORS = {
    AS.SUBMITTED: gettext_lazy("New application from %(volunteer)s for “%(opportunity)s”"),
    AS.ACCEPTED: gettext_lazy("%(volunteer)s accepted the offer for “%(opportunity)s”"),
    AS.DECLINED: gettext_lazy("%(volunteer)s declined the offer for “%(opportunity)s”"),
    AS.WITHDRAWN: gettext_lazy("%(volunteer)s withdrew from “%(opportunity)s”"),
}


def _notify_transition(application: Application) -> None:
    params = {"opportunity": application.opportunity.title, "volunteer": application.volunteer.name}
    link = reverse("deployments:application-detail", args=[application.pk])
    if application.status in TO_VOLUNTEER:
        notification_send(
            recipients=[application.volunteer],
            kind=NotificationKind.APPLICATION,
            subject=TO_VOLUNTEER[application.status],
            message=application.rejection_reason if application.status == AS.REJECTED else "",
            link=link,
            params=params,
        )
    if application.status in TO_COORDINATORS:
        notification_send(
            recipients=application.opportunity.project.programme.coordinators.all(),
            kind=NotificationKind.APPLICATION,
            subject=TO_COORDINATORS[application.status],
            link=link,
            params=params,
        )


@transaction.atomic
def application_bulk_transition(
    *, applications: Iterable[Application], to_status: str, by, note: str = ""
) -> tuple[list[Application], list[tuple[Application, str]]]:
    """Applies one transition to many applications; each is refused or done on its own."""
    done, refused = [], []
    for application in applications:
        try:
            with transaction.atomic():
                done.append(
                    application_transition(
                        application=application, to_status=to_status, by=by, note=note
                    )
                )
        except ValidationError as error:
            refused.append((application, " ".join(error.messages)))
    return done, refused


# Partner review ----------------------------------------------------------------------------


def _reviewers_of(organisation: Organisation):
    return Membership.objects.filter(organisation=organisation, is_reviewer=True).select_related(
        "user"
    )


@transaction.atomic
def application_release(
    *, application: Application, organisations: Iterable[Organisation], by, reviewers=()
) -> Application:
    """Releases the application to partner organisations for review.

    Chosen reviewers are assigned; an organisation for which none was chosen gets one
    reviewer assigned by the portal, the one with the fewest open reviews.
    """
    organisations = list(organisations)
    if not organisations:
        raise ValidationError(
            _("Choose at least one partner organisation to release the application to."),
            code="no_release",
        )
    if not can_manage_application(by, application):
        raise ValidationError(_("Only a coordinator can do this."), code="not_allowed")
    if application.status not in (AS.SCREENING, AS.PARTNER_REVIEW):
        raise ValidationError(
            _("Only applications in screening or partner review can be released."),
            code="not_releasable",
        )
    for organisation in organisations:
        ApplicationRelease.objects.get_or_create(
            application=application, organisation=organisation, defaults={"released_by": by}
        )
    chosen = {organisation.pk: [] for organisation in organisations}
    for reviewer in reviewers:
        membership = (
            Membership.objects.filter(
                user=reviewer, organisation__in=organisations, is_reviewer=True
            )
            .order_by("organisation__name")
            .first()
        )
        if membership is None:
            raise ValidationError(
                _("%(person)s is not a reviewer of the organisations chosen.")
                % {"person": reviewer},
                code="not_a_reviewer",
            )
        chosen[membership.organisation_id].append(reviewer)
    for organisation in organisations:
        if chosen[organisation.pk]:
            for reviewer in chosen[organisation.pk]:
                review_assign(
                    application=application, reviewer=reviewer, organisation=organisation, by=by
                )
        elif not application.assignments.filter(organisation=organisation).exists():
            review_assign_evenly(application=application, organisation=organisation, by=by)
    if application.status == AS.SCREENING:
        application = application_transition(
            application=application, to_status=AS.PARTNER_REVIEW, by=by
        )
    return application


@transaction.atomic
def review_assign(
    *, application: Application, reviewer, organisation: Organisation, by
) -> ReviewAssignment:
    if not Membership.objects.filter(
        user=reviewer, organisation=organisation, is_reviewer=True
    ).exists():
        raise ValidationError(
            _("%(person)s is not a reviewer of %(organisation)s.")
            % {"person": reviewer, "organisation": organisation},
            code="not_a_reviewer",
        )
    if not application.releases.filter(organisation=organisation).exists():
        raise ValidationError(
            _("The application has not been released to %(organisation)s.")
            % {"organisation": organisation},
            code="not_released",
        )
    if application.reviews.filter(reviewer=reviewer, conflict_of_interest=True).exists():
        raise ValidationError(
            _("%(person)s declared a conflict of interest with this candidate.")
            % {"person": reviewer},
            code="conflict",
        )
    assignment, created = ReviewAssignment.objects.get_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"organisation": organisation, "assigned_by": by},
    )
    if created:
        notification_send(
            recipients=[reviewer],
            kind=NotificationKind.REVIEW,
            subject=gettext_lazy("Please review a candidate for “%(opportunity)s”"),
            link=reverse("deployments:review-edit", args=[application.pk]),
            params={"opportunity": application.opportunity.title},
        )
    return assignment


@transaction.atomic
def review_assign_evenly(
    *, application: Application, organisation: Organisation, by
) -> ReviewAssignment:
    """Assigns the organisation's reviewer with the fewest reviews still to do."""
    conflicted = application.reviews.filter(conflict_of_interest=True).values("reviewer")
    still_to_review = (
        ReviewAssignment.objects.filter(
            reviewer=OuterRef("user"), application__status=AS.PARTNER_REVIEW
        )
        .exclude(
            Exists(
                Review.objects.filter(
                    application=OuterRef("application"), reviewer=OuterRef("reviewer")
                )
            )
        )
        .values("reviewer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    candidates = (
        _reviewers_of(organisation)
        .exclude(user__in=conflicted)
        .exclude(user__review_assignments__application=application)
        .annotate(open_reviews=Coalesce(Subquery(still_to_review), 0))
        .order_by("open_reviews", "user__name", "user__pk")
    )
    membership = candidates.first()
    if membership is None:
        raise ValidationError(
            _("%(organisation)s has no reviewer free to review this candidate.")
            % {"organisation": organisation},
            code="no_reviewer",
        )
    return review_assign(
        application=application, reviewer=membership.user, organisation=organisation, by=by
    )


def _assignment_for(application: Application, reviewer) -> ReviewAssignment:
    """The reviewer's assignment, read afresh under a lock of the application."""
    status = (
        Application.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=application.pk)
    )
    assignment = application.assignments.filter(reviewer=reviewer).first()
    if assignment is None or status != AS.PARTNER_REVIEW:
        raise ValidationError(
            _("This candidate is not waiting for your review."), code="not_assigned"
        )
    return assignment


@transaction.atomic
def review_submit(
    *,
    application: Application,
    reviewer,
    skills_fit: int,
    language: int,
    motivation: int,
    intercultural_readiness: int,
    recommendation: str,
    comment: str = "",
) -> Review:
    """Saves the reviewer's scores and recommendation; they may revise them while in review."""
    assignment = _assignment_for(application, reviewer)
    review, _created = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "organisation": assignment.organisation,
            "skills_fit": skills_fit,
            "language": language,
            "motivation": motivation,
            "intercultural_readiness": intercultural_readiness,
            "recommendation": recommendation,
            "comment": comment.strip(),
            "conflict_of_interest": False,
        },
    )
    review.full_clean()
    return review


@transaction.atomic
def review_declare_conflict(*, application: Application, reviewer, comment: str = "") -> Review:
    """Records the conflict and takes the reviewer off this review; another is assigned."""
    assignment = _assignment_for(application, reviewer)
    review, _created = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "organisation": assignment.organisation,
            "skills_fit": None,
            "language": None,
            "motivation": None,
            "intercultural_readiness": None,
            "recommendation": "",
            "comment": comment.strip(),
            "conflict_of_interest": True,
        },
    )
    organisation = assignment.organisation
    assignment.delete()
    if not application.assignments.filter(organisation=organisation).exists():
        try:
            review_assign_evenly(application=application, organisation=organisation, by=None)
        except ValidationError:
            notification_send(
                recipients=application.opportunity.project.programme.coordinators.all(),
                kind=NotificationKind.REVIEW,
                subject=gettext_lazy(
                    "No reviewer of %(organisation)s is left for a candidate for “%(opportunity)s”"
                ),
                link=reverse("deployments:application-detail", args=[application.pk]),
                params={
                    "organisation": organisation.name,
                    "opportunity": application.opportunity.title,
                },
            )
    return review
