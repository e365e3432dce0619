import datetime

import factory
from django.utils import timezone

from partners.enums import AgreementKind, AgreementStatus, OrganisationKind
from partners.models import Agreement, Invitation, Membership, Organisation

from .users import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.NATIONAL_NGO
    country = "NP"
    city = "Kathmandu"
    is_verified = True
    verified_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_admin = False
    is_reviewer = True
    is_supervisor = False


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    is_reviewer = True
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Agreement {n}")
    kind = AgreementKind.MOU
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=335))
    status = AgreementStatus.ACTIVE

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if not create:
            return
        parties = extracted or [OrganisationFactory(), OrganisationFactory()]
        self.organisations.set(parties)
