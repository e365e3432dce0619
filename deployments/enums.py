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


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    PARTNER_REVIEW = "partner_review", _("Partner review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States from which the volunteer may still withdraw and a coordinator may still reject.
OPEN_APPLICATION_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SCREENING,
    ApplicationStatus.PARTNER_REVIEW,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.OFFERED,
)
# Applications that hold one of the opportunity's seats.
SEAT_HOLDING_STATUSES = (ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED)


class Actor(models.TextChoices):
    """Who may make a transition."""

    VOLUNTEER = "volunteer", _("the volunteer")
    COORDINATOR = "coordinator", _("a coordinator")


class Recommendation(models.TextChoices):
    STRONGLY_RECOMMEND = "strongly_recommend", _("Strongly recommend")
    RECOMMEND = "recommend", _("Recommend")
    RESERVE = "reserve", _("Reserve")
    NOT_RECOMMEND = "not_recommend", _("Do not recommend")


class PlacementStatus(models.TextChoices):
    PRE_DEPARTURE = "pre_departure", _("Pre-departure")
    IN_COUNTRY = "in_country", _("In country")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")
    CANCELLED = "cancelled", _("Cancelled")
