"""The deployments data: projects and opportunities, applications and reviews, placements."""

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
    "Indicator",
    "NeedsAssessment",
    "NeedsAssessmentEvent",
    "Opportunity",
    "OpportunityLanguage",
    "OpportunityStatusChange",
    "Programme",
    "Project",
    "ProjectPartner",
    "ProjectStatusChange",
    "SustainableDevelopmentGoal",
]
