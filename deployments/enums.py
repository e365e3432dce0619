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


class AutomaticNote(models.TextChoices):
    """Notes the portal itself writes on a status change. Stored as a code (with its
    parameters) and written out when read, in the reader's language, not the actor's."""

    SEATS_TAKEN = "seats_taken", _("Every seat is taken.")
    ASSESSMENT_STARTED = "assessment_started", _("Needs assessment started.")
    OPPORTUNITY_PUBLISHED = "opportunity_published", _("Opportunity “%(title)s” published.")


class PartnershipStatus(models.TextChoices):
    """A programme's partnership with an organisation: it grants nothing until accepted."""

    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


OPEN_PARTNERSHIP_STATUSES = (PartnershipStatus.PROPOSED, PartnershipStatus.ACTIVE)


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
# Applications that ended without a placement; coordinators see the applicant's data only
# for settings.APPLICANT_DATA_ACCESS_DAYS after that.
CLOSED_APPLICATION_STATUSES = (
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
    ApplicationStatus.DECLINED,
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


# Placements whose volunteer went to the field (logs and reports belong to these).
FIELD_PLACEMENT_STATUSES = (
    PlacementStatus.IN_COUNTRY,
    PlacementStatus.COMPLETED,
    PlacementStatus.ENDED_EARLY,
)
# Placements that are over after time in the field: appraisal, lessons, certificate.
ENDED_PLACEMENT_STATUSES = (PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY)


class PreDepartureItemKind(models.TextChoices):
    VISA = "visa", _("Visa")
    MEDICAL_CLEARANCE = "medical_clearance", _("Medical clearance")
    INSURANCE = "insurance", _("Insurance")
    SECURITY_BRIEFING = "security_briefing", _("Security briefing")
    TRAINING = "training", _("Pre-departure training")
    MANUAL_ACKNOWLEDGED = "manual_acknowledged", _("Volunteer manual acknowledged")
    TRAVEL = "travel", _("Travel booked")


class PreDepartureStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    WAIVED = "waived", _("Waived")


# A placement goes in country only when every required item is in one of these.
PRE_DEPARTURE_CLEARED = (PreDepartureStatus.DONE, PreDepartureStatus.WAIVED)


class ActivityType(models.TextChoices):
    TEACHING = "teaching", _("Teaching")
    TRAINING = "training", _("Training")
    HEALTH_OUTREACH = "health_outreach", _("Health outreach")
    ENVIRONMENTAL_MONITORING = "environmental_monitoring", _("Environmental monitoring")
    COMMUNITY_MEETING = "community_meeting", _("Community meeting")
    COORDINATION = "coordination", _("Coordination")
    OTHER = "other", _("Other")


class ActivityLogStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class CheckInStatus(models.TextChoices):
    OK = "ok", _("All is well")
    NEEDS_SUPPORT = "needs_support", _("I need support")
    EMERGENCY = "emergency", _("Emergency")


class CheckInResponse(models.TextChoices):
    """How far the coordinators have answered an emergency check-in; other check-ins have
    none (the empty value)."""

    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class IndicatorSource(models.TextChoices):
    """How an indicator's actual value is computed."""

    MANUAL = "manual", _("Recorded measurements (the latest counts)")
    BENEFICIARIES = "beneficiaries", _("Beneficiaries reached in approved logs")
    WOMEN = "women", _("Women reached in approved logs")
    MEN = "men", _("Men reached in approved logs")
    GIRLS = "girls", _("Girls reached in approved logs")
    BOYS = "boys", _("Boys reached in approved logs")
    HOURS = "hours", _("Hours in approved logs")
