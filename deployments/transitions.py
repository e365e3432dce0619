"""The allowed state transitions, one explicit table per state machine (see DESIGN.md)."""

from django.utils.translation import gettext_lazy as _

from .enums import (
    OPEN_APPLICATION_STATUSES,
    ActivityLogStatus,
    Actor,
    ApplicationStatus,
    CheckInResponse,
    OpportunityStatus,
    PartnershipStatus,
    PlacementStatus,
    ProjectStatus,
)

P = ProjectStatus
PROJECT_TRANSITIONS: dict[tuple[str, str], str] = {
    (P.PROPOSED, P.NEEDS_ASSESSMENT): _("Start the needs assessment"),
    (P.NEEDS_ASSESSMENT, P.APPROVED): _("Approve"),
    (P.APPROVED, P.RECRUITING): _("Start recruiting"),
    (P.RECRUITING, P.ACTIVE): _("Mark active"),
    (P.APPROVED, P.ACTIVE): _("Mark active"),
    (P.ACTIVE, P.COMPLETED): _("Complete"),
    (P.PROPOSED, P.CANCELLED): _("Cancel project"),
    (P.NEEDS_ASSESSMENT, P.CANCELLED): _("Cancel project"),
    (P.APPROVED, P.CANCELLED): _("Cancel project"),
    (P.RECRUITING, P.CANCELLED): _("Cancel project"),
    (P.ACTIVE, P.CANCELLED): _("Cancel project"),
}

PS = PartnershipStatus
# Who may take each step is in rules.py: the organisation accepts, either side ends.
PARTNERSHIP_TRANSITIONS: dict[tuple[str, str], str] = {
    (PS.PROPOSED, PS.ACTIVE): _("Accept"),
    (PS.PROPOSED, PS.ENDED): _("Withdraw or decline"),
    (PS.ACTIVE, PS.ENDED): _("End the partnership"),
}

OS = OpportunityStatus
OPPORTUNITY_TRANSITIONS: dict[tuple[str, str], str] = {
    (OS.DRAFT, OS.OPEN): _("Publish"),
    (OS.OPEN, OS.CLOSED): _("Close"),
    (OS.CLOSED, OS.OPEN): _("Reopen"),
    (OS.OPEN, OS.FILLED): _("Mark filled"),
    (OS.CLOSED, OS.FILLED): _("Mark filled"),
    (OS.FILLED, OS.OPEN): _("Reopen"),
}


def allowed_targets(table: dict[tuple[str, str], str], source: str) -> list[tuple[str, str]]:
    """The states reachable from `source`, each with the label of its action."""
    return [(target, label) for (start, target), label in table.items() if start == source]


AS = ApplicationStatus
# Each allowed move with who may make it and the label of its action.
APPLICATION_TRANSITIONS: dict[tuple[str, str], tuple[Actor, str]] = {
    (AS.DRAFT, AS.SUBMITTED): (Actor.VOLUNTEER, _("Submit")),
    (AS.SUBMITTED, AS.SCREENING): (Actor.COORDINATOR, _("Start screening")),
    (AS.SCREENING, AS.PARTNER_REVIEW): (Actor.COORDINATOR, _("Release to partners")),
    (AS.SCREENING, AS.SHORTLISTED): (Actor.COORDINATOR, _("Shortlist")),
    (AS.PARTNER_REVIEW, AS.SHORTLISTED): (Actor.COORDINATOR, _("Shortlist")),
    (AS.SHORTLISTED, AS.OFFERED): (Actor.COORDINATOR, _("Make an offer")),
    (AS.OFFERED, AS.ACCEPTED): (Actor.VOLUNTEER, _("Accept the offer")),
    (AS.OFFERED, AS.DECLINED): (Actor.VOLUNTEER, _("Decline the offer")),
    **{
        (status, AS.REJECTED): (Actor.COORDINATOR, _("Reject"))
        for status in OPEN_APPLICATION_STATUSES
        if status != AS.DRAFT
    },
    **{
        (status, AS.WITHDRAWN): (Actor.VOLUNTEER, _("Withdraw"))
        for status in OPEN_APPLICATION_STATUSES
    },
}


def application_targets(source: str, actor: Actor) -> list[tuple[str, str]]:
    """The states `actor` may move an application to from `source`, with action labels."""
    return [
        (target, label)
        for (start, target), (who, label) in APPLICATION_TRANSITIONS.items()
        if start == source and who == actor
    ]


PS = PlacementStatus
# Each allowed move of a placement with the label of its action; only coordinators make them.
PLACEMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (PS.PRE_DEPARTURE, PS.IN_COUNTRY): _("Arrived in country"),
    (PS.PRE_DEPARTURE, PS.CANCELLED): _("Cancel the placement"),
    (PS.IN_COUNTRY, PS.COMPLETED): _("Complete the placement"),
    (PS.IN_COUNTRY, PS.ENDED_EARLY): _("End early"),
}

LS = ActivityLogStatus
# Each allowed move of an activity log, who makes it and the label of its action.
ACTIVITY_LOG_TRANSITIONS: dict[tuple[str, str], tuple[Actor, str]] = {
    (LS.SUBMITTED, LS.APPROVED): (Actor.COORDINATOR, _("Approve")),
    (LS.SUBMITTED, LS.RETURNED): (Actor.COORDINATOR, _("Return for correction")),
    (LS.RETURNED, LS.SUBMITTED): (Actor.VOLUNTEER, _("Resubmit")),
}

CR = CheckInResponse
# An emergency is first acknowledged (someone is on it), then resolved; never reopened.
CHECK_IN_RESPONSE_TRANSITIONS: dict[tuple[str, str], str] = {
    (CR.OPEN, CR.ACKNOWLEDGED): _("Acknowledge"),
    (CR.ACKNOWLEDGED, CR.RESOLVED): _("Mark resolved"),
}
