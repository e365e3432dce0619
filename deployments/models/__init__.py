"""The deployments data: projects and opportunities, applications and reviews, placements
and their field work."""

from .applications import (
    Application,
    ApplicationEvent,
    ApplicationRelease,
    Review,
    ReviewAssignment,
)
from .field import (
    ActivityLog,
    ActivityPhoto,
    Appraisal,
    CheckIn,
    IndicatorMeasurement,
    MonthlyReport,
    PreDepartureItem,
)
from .placements import Placement, PlacementEvent
from .projects import (
    Indicator,
    NeedsAssessment,
    NeedsAssessmentEvent,
    Opportunity,
    OpportunityLanguage,
    OpportunityStatusChange,
    Partnership,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
    SustainableDevelopmentGoal,
)

__all__ = [
    "ActivityLog",
    "ActivityPhoto",
    "Application",
    "ApplicationEvent",
    "ApplicationRelease",
    "Appraisal",
    "CheckIn",
    "Indicator",
    "IndicatorMeasurement",
    "MonthlyReport",
    "NeedsAssessment",
    "NeedsAssessmentEvent",
    "Opportunity",
    "OpportunityLanguage",
    "OpportunityStatusChange",
    "Partnership",
    "Placement",
    "PlacementEvent",
    "PreDepartureItem",
    "Programme",
    "Project",
    "ProjectPartner",
    "ProjectStatusChange",
    "Review",
    "ReviewAssignment",
    "SustainableDevelopmentGoal",
]
