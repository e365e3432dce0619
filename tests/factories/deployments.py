import datetime

import factory
from django.utils import timezone

from deployments.enums import (
    OpportunityStatus,
    PartnerRole,
    PartnershipStatus,
    Priority,
    ProjectStatus,
)
from deployments.models import (
    Indicator,
    NeedsAssessment,
    Opportunity,
    OpportunityLanguage,
    Partnership,
    Programme,
    Project,
    ProjectPartner,
)
from volunteers.enums import LanguageLevel

from .partners import OrganisationFactory
from .users import UserFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    sending_organisation = factory.SubFactory(OrganisationFactory, country="CN", city="Beijing")

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.set(extracted)


class PartnershipFactory(factory.django.DjangoModelFactory):
    """An accepted partnership, unless `status` says otherwise."""

    class Meta:
        model = Partnership

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory, country="NP", is_verified=True)
    status = PartnershipStatus.ACTIVE
    proposed_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyAttribute(
        lambda partnership: (
            partnership.proposed_at if partnership.status != PartnershipStatus.PROPOSED else None
        )
    )
    ended_at = factory.LazyAttribute(
        lambda partnership: (
            timezone.now() if partnership.status == PartnershipStatus.ENDED else None
        )
    )


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    host_country = "NP"
    city = "Kathmandu"
    host_partner = factory.SubFactory(OrganisationFactory)
    summary = "Teaching and community support with a host partner."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=425))
    status = ProjectStatus.RECRUITING

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.FUNDING


class NeedsAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsAssessment

    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.NEEDS_ASSESSMENT)
    requested_by = factory.SelfAttribute("project.host_partner")
    community_consulted = "Head teachers and the ward committee"
    needs_found = "English and mathematics teachers for grades 6 to 8"
    priority = Priority.HIGH
    expected_beneficiaries = 240
    assessed_by = "Host partner programme officer"
    assessed_on = factory.LazyFunction(timezone.localdate)


class SignedOffNeedsAssessmentFactory(NeedsAssessmentFactory):
    signed_off_by = factory.SubFactory(UserFactory)
    signed_off_at = factory.LazyFunction(timezone.now)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "people"
    baseline = 0
    target = 100


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    description = "Teach English to grades 6 to 8 alongside local teachers."
    seats = 2
    duration_months = 6
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    application_deadline = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    status = OpportunityStatus.OPEN
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class OpportunityLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpportunityLanguage

    opportunity = factory.SubFactory(OpportunityFactory)
    language = "en"
    minimum_level = LanguageLevel.B2
