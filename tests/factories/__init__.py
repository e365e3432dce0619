from .applications import (
    ApplicationFactory,
    ApplicationReleaseFactory,
    ReviewAssignmentFactory,
    ReviewFactory,
)
from .deployments import (
    IndicatorFactory,
    NeedsAssessmentFactory,
    OpportunityFactory,
    OpportunityLanguageFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    SignedOffNeedsAssessmentFactory,
)
from .field import (
    ActivityLogFactory,
    AppraisalFactory,
    CheckInFactory,
    IndicatorMeasurementFactory,
    MonthlyReportFactory,
    PlacementFactory,
    PreDepartureItemFactory,
    ResourceFactory,
)
from .partners import AgreementFactory, InvitationFactory, MembershipFactory, OrganisationFactory
from .reports import ReportActivityLogFactory, ReportPlacementFactory, ReportRequestFactory
from .users import UserFactory
from .volunteers import (
    CompleteVolunteerProfileFactory,
    DocumentFactory,
    SkillFactory,
    VolunteerLanguageFactory,
    VolunteerProfileFactory,
)

__all__ = [
    "ActivityLogFactory",
    "AgreementFactory",
    "ApplicationFactory",
    "ApplicationReleaseFactory",
    "AppraisalFactory",
    "CheckInFactory",
    "CompleteVolunteerProfileFactory",
    "DocumentFactory",
    "IndicatorFactory",
    "IndicatorMeasurementFactory",
    "InvitationFactory",
    "MembershipFactory",
    "MonthlyReportFactory",
    "NeedsAssessmentFactory",
    "OpportunityFactory",
    "OpportunityLanguageFactory",
    "OrganisationFactory",
    "PartnershipFactory",
    "PlacementFactory",
    "PreDepartureItemFactory",
    "ProgrammeFactory",
    "ProjectFactory",
    "ProjectPartnerFactory",
    "ReportActivityLogFactory",
    "ReportPlacementFactory",
    "ReportRequestFactory",
    "ResourceFactory",
    "ReviewAssignmentFactory",
    "ReviewFactory",
    "SignedOffNeedsAssessmentFactory",
    "SkillFactory",
    "UserFactory",
    "VolunteerLanguageFactory",
    "VolunteerProfileFactory",
]
