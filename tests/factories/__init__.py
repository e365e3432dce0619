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
    "SignedOffNeedsAssessmentFactory",
    "SkillFactory",
    "UserFactory",
    "VolunteerLanguageFactory",
    "VolunteerProfileFactory",
]
