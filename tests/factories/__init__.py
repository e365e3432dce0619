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
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    SignedOffNeedsAssessmentFactory,
)
from .partners import AgreementFactory, InvitationFactory, MembershipFactory, OrganisationFactory
from .users import UserFactory
from .volunteers import (
    CompleteVolunteerProfileFactory,
    DocumentFactory,
    SkillFactory,
    VolunteerLanguageFactory,
    VolunteerProfileFactory,
)

__all__ = [
    "AgreementFactory",
    "ApplicationFactory",
    "ApplicationReleaseFactory",
    "CompleteVolunteerProfileFactory",
    "DocumentFactory",
    "IndicatorFactory",
    "InvitationFactory",
    "MembershipFactory",
    "NeedsAssessmentFactory",
    "OpportunityFactory",
    "OpportunityLanguageFactory",
    "OrganisationFactory",
    "ProgrammeFactory",
    "ProjectFactory",
    "ProjectPartnerFactory",
    "ReviewAssignmentFactory",
    "ReviewFactory",
    "SignedOffNeedsAssessmentFactory",
    "SkillFactory",
    "UserFactory",
    "VolunteerLanguageFactory",
    "VolunteerProfileFactory",
]
