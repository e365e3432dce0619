import factory
from django.utils import timezone

from deployments.enums import ApplicationStatus, Recommendation
from deployments.models import Application, ApplicationRelease, Review, ReviewAssignment

from .deployments import OpportunityFactory
from .partners import OrganisationFactory
from .users import UserFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application; pass `status` for another state."""

    class Meta:
        model = Application

    volunteer = factory.SubFactory(UserFactory)
    opportunity = factory.SubFactory(OpportunityFactory)
    motivation = "I taught English for two years and want to learn from the community."
    status = ApplicationStatus.SUBMITTED
    submitted_at = factory.Maybe(
        factory.LazyAttribute(
            lambda application: (
                application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
            )
        ),
        yes_declaration=factory.LazyFunction(timezone.now),
        no_declaration=None,
    )
    rejection_reason = factory.Maybe(
        factory.LazyAttribute(lambda application: application.status == ApplicationStatus.REJECTED),
        yes_declaration="Another candidate fitted better.",
        no_declaration="",
    )


class ApplicationReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationRelease

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.PARTNER_REVIEW)
    organisation = factory.SubFactory(OrganisationFactory)


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.PARTNER_REVIEW)
    reviewer = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.PARTNER_REVIEW)
    reviewer = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    skills_fit = 4
    language = 4
    motivation = 5
    intercultural_readiness = 3
    recommendation = Recommendation.RECOMMEND
