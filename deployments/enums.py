from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    NEEDS_ASSESSMENT = "needs_assessment", _("Needs assessment")
    APPROVED = "approved", _("Approved")
    RECRUITING = "recruiting", _("Recruiting")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Visitors see a project once it is approved; before that it is the programme's business.
PUBLIC_PROJECT_STATUSES = (
    ProjectStatus.APPROVED,
    ProjectStatus.RECRUITING,
    ProjectStatus.ACTIVE,
    ProjectStatus.COMPLETED,
)
# Opportunities can be published only while the project is under way.
OPPORTUNITY_PROJECT_STATUSES = (
    ProjectStatus.APPROVED,
    ProjectStatus.RECRUITING,
    ProjectStatus.ACTIVE,
)


class PartnerRole(models.TextChoices):
    """A project partner's role, with IATI OrganisationRole codes as values."""

    FUNDING = "1", _("Funding")
    ACCOUNTABLE = "2", _("Accountable")
    EXTENDING = "3", _("Extending")
    IMPLEMENTING = "4", _("Implementing")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FILLED = "filled", _("Filled")


PUBLIC_OPPORTUNITY_STATUSES = (
    OpportunityStatus.OPEN,
    OpportunityStatus.CLOSED,
    OpportunityStatus.FILLED,
)
