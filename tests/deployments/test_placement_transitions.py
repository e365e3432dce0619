"""The placement and activity-log state machines, tried exhaustively: every pair of states,
allowed exactly when the table says so, by exactly the actor it names."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError

from deployments import services
from deployments.enums import (
    ActivityLogStatus,
    Actor,
    PlacementStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
)
from deployments.models import PlacementEvent, PreDepartureItem
from deployments.transitions import ACTIVITY_LOG_TRANSITIONS, PLACEMENT_TRANSITIONS
from tests.factories import ActivityLogFactory, OpportunityFactory, PlacementFactory

pytestmark = pytest.mark.django_db

PS = PlacementStatus
LS = ActivityLogStatus


def test_the_placement_table_is_the_designed_one():
    assert set(PLACEMENT_TRANSITIONS) == {
        (PS.PRE_DEPARTURE, PS.IN_COUNTRY),
        (PS.PRE_DEPARTURE, PS.CANCELLED),
        (PS.IN_COUNTRY, PS.COMPLETED),
        (PS.IN_COUNTRY, PS.ENDED_EARLY),
    }


def test_the_activity_log_table_is_the_designed_one():
    assert ACTIVITY_LOG_TRANSITIONS.keys() == {
        (LS.SUBMITTED, LS.APPROVED),
        (LS.SUBMITTED, LS.RETURNED),
        (LS.RETURNED, LS.SUBMITTED),
    }
    assert {who for who, _label in ACTIVITY_LOG_TRANSITIONS.values()} == {
        Actor.COORDINATOR,
        Actor.VOLUNTEER,
    }


def placement_in(status, project):
    placement = PlacementFactory(
        application__opportunity=OpportunityFactory(project=project), status=status
    )
    PreDepartureItem.objects.bulk_create(
        PreDepartureItem(placement=placement, item=kind, status=PreDepartureStatus.DONE)
        for kind in PreDepartureItemKind
    )
    return placement


@pytest.mark.parametrize(
    ("source", "target"), list(itertools.product(PS.values, PS.values)), ids=str
)
def test_every_placement_move(recruiting_project, coordinator, source, target):
    placement = placement_in(source, recruiting_project)

    if (source, target) in PLACEMENT_TRANSITIONS:
        moved = services.placement_transition(
            placement=placement,
            to_status=target,
            by=coordinator,
            on=datetime.date.today(),
            note="Reason given",
        )
        assert moved.status == target
        assert PlacementEvent.objects.filter(placement=placement, to_status=target).count() == 1
    elif source == target:
        services.placement_transition(placement=placement, to_status=target, by=coordinator)
        assert not PlacementEvent.objects.exists()
    else:
        with pytest.raises(ValidationError) as refusal:
            services.placement_transition(
                placement=placement, to_status=target, by=coordinator, note="Reason given"
            )
        assert refusal.value.code == "transition_not_allowed"
    placement.refresh_from_db()
    assert placement.status == (target if (source, target) in PLACEMENT_TRANSITIONS else source)


@pytest.mark.parametrize(("source", "target"), list(PLACEMENT_TRANSITIONS), ids=str)
@pytest.mark.parametrize("who", ["volunteer", "other_coordinator", "partner_member"])
def test_only_the_programme_coordinators_move_placements(
    recruiting_project, request, source, target, who
):
    placement = placement_in(source, recruiting_project)
    person = request.getfixturevalue(who)
    if who == "volunteer":
        placement.volunteer = person
        placement.save()

    with pytest.raises(ValidationError, match="Only a coordinator"):
        services.placement_transition(
            placement=placement, to_status=target, by=person, note="Reason given"
        )


@pytest.mark.parametrize("target", [PS.ENDED_EARLY, PS.CANCELLED])
def test_ending_early_and_cancelling_need_a_reason(recruiting_project, coordinator, target):
    source = PS.IN_COUNTRY if target == PS.ENDED_EARLY else PS.PRE_DEPARTURE
    with pytest.raises(ValidationError, match="reason"):
        services.placement_transition(
            placement=placement_in(source, recruiting_project), to_status=target, by=coordinator
        )


def test_an_unknown_status_is_refused(recruiting_project, coordinator):
    with pytest.raises(ValidationError, match="not a placement status"):
        services.placement_transition(
            placement=placement_in(PS.PRE_DEPARTURE, recruiting_project),
            to_status="lost",
            by=coordinator,
        )


@pytest.mark.parametrize(
    ("source", "target"), list(itertools.product(LS.values, LS.values)), ids=str
)
def test_every_activity_log_move(recruiting_project, coordinator, source, target):
    placement = placement_in(PS.IN_COUNTRY, recruiting_project)
    log = ActivityLogFactory(placement=placement, status=source)
    rule = ACTIVITY_LOG_TRANSITIONS.get((source, target))
    by = placement.volunteer if rule and rule[0] == Actor.VOLUNTEER else coordinator

    if rule is not None:
        moved = services.activity_log_transition(
            log=log, to_status=target, by=by, comment="Please add a photo."
        )
        assert moved.status == target
    elif source == target:
        assert services.activity_log_transition(log=log, to_status=target, by=by).status == source
    else:
        with pytest.raises(ValidationError) as refusal:
            services.activity_log_transition(log=log, to_status=target, by=by, comment="x")
        assert refusal.value.code == "transition_not_allowed"


@pytest.mark.parametrize(("source", "target"), list(ACTIVITY_LOG_TRANSITIONS), ids=str)
def test_each_log_move_is_refused_to_the_other_actor(
    recruiting_project, coordinator, source, target
):
    placement = placement_in(PS.IN_COUNTRY, recruiting_project)
    log = ActivityLogFactory(placement=placement, status=source)
    actor, _label = ACTIVITY_LOG_TRANSITIONS[(source, target)]
    wrong = coordinator if actor == Actor.VOLUNTEER else placement.volunteer

    with pytest.raises(ValidationError, match="Only"):
        services.activity_log_transition(log=log, to_status=target, by=wrong, comment="x")
