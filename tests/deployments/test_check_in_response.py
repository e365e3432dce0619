"""Answering an emergency check-in: acknowledged, then resolved, with who and when."""

import itertools

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from deployments import selectors, services
from deployments.enums import CheckInResponse, CheckInStatus, PlacementStatus
from deployments.models import CheckIn
from deployments.transitions import CHECK_IN_RESPONSE_TRANSITIONS
from notifications.models import Notification
from tests.factories import (
    CheckInFactory,
    MembershipFactory,
    OpportunityFactory,
    PlacementFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SERVICES = {
    CheckInResponse.ACKNOWLEDGED: services.checkin_acknowledge,
    CheckInResponse.RESOLVED: services.checkin_resolve,
}
PAIRS = list(itertools.product(CheckInResponse.values, SERVICES))


@pytest.fixture
def placement(programme, host_partner, volunteer):
    project = ProjectFactory(programme=programme, host_partner=host_partner)
    return PlacementFactory(
        volunteer=volunteer,
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=project),
        status=PlacementStatus.IN_COUNTRY,
    )


def _emergency(placement, response=CheckInResponse.OPEN, by=None):
    """An emergency already at `response`, with the who and when that state needs."""
    now = timezone.now()
    answered = response in (CheckInResponse.ACKNOWLEDGED, CheckInResponse.RESOLVED)
    resolved = response == CheckInResponse.RESOLVED
    return CheckInFactory(
        placement=placement,
        status=CheckInStatus.EMERGENCY,
        note="Flooding on the road.",
        response=response,
        acknowledged_by=by if answered else None,
        acknowledged_at=now if answered else None,
        resolved_by=by if resolved else None,
        resolved_at=now if resolved else None,
    )


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_response_follows_the_table(placement, coordinator, source, target):
    check_in = _emergency(placement, source, by=coordinator)

    if (source, target) in CHECK_IN_RESPONSE_TRANSITIONS or source == target:
        answered = SERVICES[target](check_in=check_in, by=coordinator, note="Called the school.")
        assert answered.response == target
    else:
        with pytest.raises(ValidationError) as error:
            SERVICES[target](check_in=check_in, by=coordinator, note="Called the school.")
        assert error.value.code == "transition_not_allowed"
        check_in.refresh_from_db()
        assert check_in.response == source


def test_no_step_leads_back_to_open():
    assert [pair for pair in CHECK_IN_RESPONSE_TRANSITIONS if pair[1] == CheckInResponse.OPEN] == []


def test_acknowledging_records_who_and_when_and_tells_the_volunteer(
    placement, coordinator, volunteer
):
    check_in = _emergency(placement)
    before = timezone.now()

    answered = services.checkin_acknowledge(check_in=check_in, by=coordinator)

    answered.refresh_from_db()
    assert answered.acknowledged_by == coordinator
    assert answered.acknowledged_at >= before
    assert answered.resolved_at is None
    notice = Notification.objects.get(recipient=volunteer)
    assert notice.subject == f"{coordinator.name} is dealing with your emergency check-in"


def test_resolving_keeps_what_was_done_and_tells_the_volunteer(placement, coordinator, volunteer):
    check_in = _emergency(placement, CheckInResponse.ACKNOWLEDGED, by=coordinator)

    answered = services.checkin_resolve(
        check_in=check_in, by=coordinator, note="Moved to the district office."
    )

    answered.refresh_from_db()
    assert (answered.response, answered.resolved_by, answered.resolution_note) == (
        CheckInResponse.RESOLVED,
        coordinator,
        "Moved to the district office.",
    )
    assert Notification.objects.get(recipient=volunteer).message == "Moved to the district office."


def test_resolving_needs_a_note(placement, coordinator):
    check_in = _emergency(placement, CheckInResponse.ACKNOWLEDGED, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.checkin_resolve(check_in=check_in, by=coordinator, note="  ")

    assert error.value.error_dict["note"][0].code == "note_required"
    check_in.refresh_from_db()
    assert check_in.response == CheckInResponse.ACKNOWLEDGED


def test_answering_twice_changes_nothing(placement, coordinator, administrator):
    check_in = _emergency(placement)
    first = services.checkin_acknowledge(check_in=check_in, by=coordinator)

    second = services.checkin_acknowledge(check_in=check_in, by=administrator)

    assert (second.acknowledged_by, second.acknowledged_at) == (
        coordinator,
        first.acknowledged_at,
    )
    assert Notification.objects.count() == 1


def test_host_supervisor_may_answer(placement, partner_member):
    answered = services.checkin_acknowledge(check_in=_emergency(placement), by=partner_member)

    assert answered.acknowledged_by == partner_member


@pytest.mark.parametrize("who", ["volunteer", "other_coordinator", "other_member", "stranger"])
def test_others_may_not_answer(placement, people, who):
    person = people.get(who) or UserFactory()
    check_in = _emergency(placement)

    with pytest.raises(ValidationError) as error:
        services.checkin_acknowledge(check_in=check_in, by=person)

    assert error.value.code == "not_allowed"


def test_a_check_in_that_is_not_an_emergency_is_not_answered(placement, coordinator):
    check_in = CheckInFactory(placement=placement, status=CheckInStatus.NEEDS_SUPPORT)

    with pytest.raises(ValidationError) as error:
        services.checkin_acknowledge(check_in=check_in, by=coordinator)

    assert error.value.code == "not_allowed"


def test_an_emergency_starts_open(placement, volunteer):
    emergency = services.check_in_create(
        placement=placement, by=volunteer, status=CheckInStatus.EMERGENCY
    )
    fine = services.check_in_create(placement=placement, by=volunteer, status=CheckInStatus.OK)

    assert (emergency.response, fine.response) == (CheckInResponse.OPEN, "")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": CheckInStatus.OK, "response": CheckInResponse.OPEN},
        {"status": CheckInStatus.EMERGENCY, "response": ""},
        {"status": CheckInStatus.EMERGENCY, "response": CheckInResponse.ACKNOWLEDGED},
        {"status": CheckInStatus.EMERGENCY, "response": CheckInResponse.RESOLVED},
    ],
)
def test_database_refuses_inconsistent_answers(placement, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(placement=placement, **fields)


def test_the_answer_is_in_the_audit_history(placement, coordinator):
    check_in = _emergency(placement)

    services.checkin_acknowledge(check_in=check_in, by=coordinator)

    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CheckIn), object_pk=str(check_in.pk)
    ).latest("timestamp")
    assert entry.changes_dict["response"] == ["open", "acknowledged"]


# Views ---------------------------------------------------------------------------------------


def test_coordinator_acknowledges_from_the_dashboard(client, placement, coordinator):
    check_in = _emergency(placement)
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:check-in-acknowledge", args=[check_in.pk]),
        {"next": reverse("dashboard")},
    )

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    check_in.refresh_from_db()
    assert check_in.acknowledged_by == coordinator


def test_resolve_page_shows_an_error_and_writes_nothing_without_a_note(
    client, placement, coordinator
):
    check_in = _emergency(placement, CheckInResponse.ACKNOWLEDGED, by=coordinator)
    client.force_login(coordinator)

    response = client.post(reverse("deployments:check-in-resolve", args=[check_in.pk]), {})

    assert response.status_code == 200
    assert "Say what was done." in response.content.decode()
    check_in.refresh_from_db()
    assert check_in.response == CheckInResponse.ACKNOWLEDGED


def test_resolve_page_resolves(client, placement, coordinator):
    check_in = _emergency(placement, CheckInResponse.ACKNOWLEDGED, by=coordinator)
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:check-in-resolve", args=[check_in.pk]),
        {"note": "Safe at the guest house.", "next": "https://elsewhere.example/"},
    )

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    check_in.refresh_from_db()
    assert check_in.resolution_note == "Safe at the guest house."


def test_acknowledging_twice_in_a_race_says_so_politely(client, placement, coordinator):
    check_in = _emergency(placement, CheckInResponse.RESOLVED, by=coordinator)
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:check-in-acknowledge", args=[check_in.pk]), follow=True
    )

    assert "This emergency is already resolved." in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_coordinator", 404), ("other_member", 404), ("volunteer", 403)],
)
def test_others_cannot_reach_the_answer_pages(client, placement, people, who, status):
    check_in = _emergency(placement)
    client.force_login(people[who])

    acknowledge = client.post(reverse("deployments:check-in-acknowledge", args=[check_in.pk]))
    resolve = client.get(reverse("deployments:check-in-resolve", args=[check_in.pk]))

    assert (acknowledge.status_code, resolve.status_code) == (status, status)
    check_in.refresh_from_db()
    assert check_in.response == CheckInResponse.OPEN


def test_supervisor_of_another_partner_is_not_a_host_supervisor(placement):
    stranger = UserFactory()
    MembershipFactory(user=stranger, is_supervisor=True)

    with pytest.raises(ValidationError):
        services.checkin_acknowledge(check_in=_emergency(placement), by=stranger)


def test_placement_timeline_shows_how_far_the_emergency_was_answered(placement, coordinator):
    services.checkin_acknowledge(check_in=_emergency(placement), by=coordinator)
    CheckInFactory(placement=placement)

    entries = [
        (entry.title, entry.status)
        for entry in selectors.placement_timeline(placement=placement)
        if entry.kind == "check_in"
    ]

    assert sorted(entries) == [("All is well", ""), ("Emergency", "Acknowledged")]
