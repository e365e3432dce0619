"""Every giving and withdrawal of consent is kept, dated, with the policy version."""

import pytest
from django.test import override_settings

from tests.factories import UserFactory
from volunteers import services
from volunteers.models import ConsentRecord

pytestmark = pytest.mark.django_db


@override_settings(PRIVACY_POLICY_VERSION="2026-03")
def test_consent_given_withdrawn_and_given_again_are_all_recorded():
    person = UserFactory()

    services.profile_save(user=person, consent=True)
    services.consent_withdraw(user=person)
    services.consent_give(user=person)
    services.consent_give(user=person)  # already given: nothing new

    records = list(
        ConsentRecord.objects.filter(user=person).values_list("action", "policy_version")
    )
    assert records == [("given", "2026-03"), ("withdrawn", "2026-03"), ("given", "2026-03")]
    assert person.volunteer_profile.consent_given_at is not None


def test_withdrawing_without_consent_records_nothing():
    person = UserFactory()

    assert services.consent_withdraw(user=person) is False
    assert ConsentRecord.objects.filter(user=person).count() == 0
