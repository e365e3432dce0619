"""The allowed state transitions, one explicit table per state machine (see DESIGN.md)."""

from django.utils.translation import gettext_lazy as _

from .enums import OpportunityStatus, ProjectStatus

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
