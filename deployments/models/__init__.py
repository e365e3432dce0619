"""The deployments data: projects and opportunities, applications and reviews, placements."""

from .applications import (
    Application,
    ApplicationEvent,
    ApplicationRelease,
    Review,
    ReviewAssignment,
)
from .placements import Placement
from .projects import (
    Indicator,
    NeedsAssessment,
    NeedsAssessmentEvent,
    Opportunity,
    OpportunityLanguage,
    OpportunityStatusChange,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
    SustainableDevelopmentGoal,
)

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationRelease",
    "Indicator",
    "NeedsAssessment",
    "NeedsAssessmentEvent",
    "Opportunity",
    "OpportunityLanguage",
    "OpportunityStatusChange",
    "Placement",
    "Programme",
    "Project",
    "ProjectPartner",
    "ProjectStatusChange",
    "Review",
    "ReviewAssignment",
    "SustainableDevelopmentGoal",
]
