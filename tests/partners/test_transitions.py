import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.enums import AgreementStatus
from partners.models import Agreement, AgreementConfirmation
from partners.services import (
    AGREEMENT_TRANSITIONS,
    AUTOMATIC_AGREEMENT_TRANSITIONS,
    agreement_manual_transitions,
    agreement_transition,
)
from tests.factories import AgreementFactory

S = AgreementStatus
EXPECTED_TRANSITIONS = {
    (S.DRAFT, S.ACTIVE),
    (S.DRAFT, S.TERMINATED),
    (S.ACTIVE, S.TERMINATED),
    (S.ACTIVE, S.EXPIRED),
}
EXPECTED_AUTOMATIC = {(S.ACTIVE, S.EXPIRED)}
ALL_PAIRS = list(itertools.product(S.values, repeat=2))


def test_transition_table_is_exactly_the_designed_one():
    assert set(AGREEMENT_TRANSITIONS) == EXPECTED_TRANSITIONS
    assert set(AUTOMATIC_AGREEMENT_TRANSITIONS) == EXPECTED_AUTOMATIC


def test_manual_transitions_offered_per_status():
    offered = {s: [target for target, _ in agreement_manual_transitions(s)] for s in S.values}
    assert offered == {
        S.DRAFT: [S.ACTIVE, S.TERMINATED],
        S.ACTIVE: [S.TERMINATED],
        S.EXPIRED: [],
        S.TERMINATED: [],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_agreement_transition_every_pair(source, target):
    agreement = AgreementFactory(status=source)
    for party in agreement.organisations.all():
        AgreementConfirmation.objects.create(agreement=agreement, organisation=party)
    if source == target:
        assert agreement_transition(agreement=agreement, to_status=target) is False
        expected = source
    elif (source, target) in EXPECTED_TRANSITIONS - EXPECTED_AUTOMATIC:
        assert agreement_transition(agreement=agreement, to_status=target) is True
        expected = target
    else:
        with pytest.raises(ValidationError):
            agreement_transition(agreement=agreement, to_status=target)
        expected = source
    assert Agreement.objects.get(pk=agreement.pk).status == expected


@pytest.mark.django_db
def test_agreement_transition_refuses_unknown_status():
    agreement = AgreementFactory(status=S.DRAFT)
    with pytest.raises(ValidationError):
        agreement_transition(agreement=agreement, to_status="archived")
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT


@pytest.mark.django_db
def test_activating_an_agreement_that_already_ended_is_refused():
    today = timezone.localdate()
    agreement = AgreementFactory(
        status=S.DRAFT,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="cannot become active"):
        agreement_transition(agreement=agreement, to_status=S.ACTIVE)
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT


@pytest.mark.django_db
def test_agreement_activation_refused_until_every_party_confirmed():
    agreement = AgreementFactory(status=S.DRAFT)
    first, second = agreement.organisations.all()
    AgreementConfirmation.objects.create(agreement=agreement, organisation=first)

    with pytest.raises(ValidationError) as error:
        agreement_transition(agreement=agreement, to_status=S.ACTIVE)

    assert error.value.code == "unconfirmed"
    assert str(second) in error.value.messages[0]
    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT
