"""Changes made through the services appear in the History of the object they belong to,
with who made them and the value before and after."""

import datetime
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from audit.selectors import history_for
from deployments import services as deployment_services
from deployments.enums import PlacementStatus
from partners import services as partner_services
from partners.enums import MemberRole
from tests.factories import ActivityLogFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _changes(page) -> list[tuple[str, str, str, str]]:
    """(actor, field, before, after) of every field change on the page, newest first."""
    return [
        (entry.actor.name if entry.actor else "", change.field, change.before, change.after)
        for entry in page
        for change in entry.field_changes
    ]


def test_a_partnership_proposed_accepted_and_ended_is_in_the_programme_history(
    programme, coordinator, administrator
):
    organisation = OrganisationFactory(name="Pokhara Youth Network", is_verified=True)
    admin = UserFactory(name="Organisation Admin")
    MembershipFactory(user=admin, organisation=organisation, is_admin=True)

    with set_actor(coordinator):
        partnership = deployment_services.partnership_propose(
            programme=programme, organisation=organisation, by=coordinator
        )
    with set_actor(admin):
        deployment_services.partnership_accept(partnership=partnership, by=admin)
    with set_actor(coordinator):
        deployment_services.partnership_end(partnership=partnership, by=coordinator, reason="Done")

    page = history_for(programme, coordinator)
    statuses = [c for c in _changes(page) if c[1] == "status"]
    assert statuses == [
        ("Zhang Min", "status", "Active", "Ended"),
        ("Organisation Admin", "status", "Proposed", "Active"),
        ("Zhang Min", "status", "–", "Proposed"),
    ]
    # The organisation's admins see it in theirs too.
    partnership_entries = [e.pk for e in page if e.kind == "partnership"]
    assert len(partnership_entries) == 3
    assert [e.pk for e in history_for(organisation, admin) if e.kind == "partnership"] == (
        partnership_entries
    )


def test_a_members_roles_are_in_the_organisation_history(host_partner):
    admin = UserFactory(name="Organisation Admin")
    MembershipFactory(user=admin, organisation=host_partner, is_admin=True)
    membership = MembershipFactory(organisation=host_partner, is_reviewer=True)

    with set_actor(admin):
        partner_services.member_update_roles(membership=membership, roles=[MemberRole.SUPERVISOR])

    entry = history_for(host_partner, admin)[0]
    assert entry.actor == admin
    assert sorted((c.field, c.before, c.after) for c in entry.field_changes) == [
        ("reviewer", "✓", "✗"),
        ("supervisor", "✗", "✓"),
    ]


def test_a_placements_dates_are_in_its_history(client, placement, coordinator):
    old_start, old_end = placement.planned_start, placement.planned_end
    new_start = old_start + datetime.timedelta(days=7)
    with set_actor(coordinator):
        deployment_services.placement_update(
            placement=placement,
            by=coordinator,
            planned_start=new_start,
            planned_end=old_end,
            duty_station=placement.duty_station,
        )

    client.force_login(coordinator)
    response = client.get(reverse("deployments:placement-history", args=[placement.pk]))

    assert response.status_code == 200
    assert _changes(response.context["page_obj"])[0] == (
        "Zhang Min",
        "planned start",
        old_start.isoformat(),
        new_start.isoformat(),
    )
    assert "Zhang Min" in response.content.decode()


def test_a_logs_hours_are_in_its_placements_history(project, volunteer, coordinator):
    log = ActivityLogFactory(
        placement__application__volunteer=volunteer,
        placement__application__opportunity__project=project,
        placement__status=PlacementStatus.IN_COUNTRY,
        hours=Decimal("3.5"),
    )
    with set_actor(volunteer):
        deployment_services.activity_log_update(log=log, by=volunteer, hours=Decimal("5"))

    entry = history_for(log.placement, coordinator)[0]
    assert entry.actor == volunteer
    assert entry.is_other_record
    [change] = entry.field_changes
    assert (change.field, Decimal(change.before), Decimal(change.after)) == (
        "hours",
        Decimal("3.5"),
        Decimal("5"),
    )


def test_a_change_through_a_page_keeps_the_actor_address_and_request_id(
    client, placement, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:placement-update", args=[placement.pk]),
        {
            "planned_start": placement.planned_start.isoformat(),
            "planned_end": (placement.planned_end - datetime.timedelta(days=1)).isoformat(),
            "duty_station": "Pokhara",
        },
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(placement).get(action=LogEntry.Action.UPDATE)
    assert (entry.actor, entry.remote_addr, entry.cid) == (
        coordinator,
        "203.0.113.9",
        response.headers["X-Request-ID"],
    )


@pytest.mark.parametrize("role", ["volunteer", "partner_member", "other_coordinator"])
def test_the_history_is_refused_to_who_may_not_change_the_placement(
    client, request, placement, role
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("deployments:placement-history", args=[placement.pk]))

    assert response.status_code in (403, 404)


def test_the_history_of_a_project_is_refused_to_its_host_partner(client, project, partner_member):
    client.force_login(partner_member)

    response = client.get(reverse("deployments:project-history", args=[project.pk]))

    assert response.status_code in (403, 404)
    assert history_for(project, partner_member).object_list == []


def test_an_organisation_history_is_for_its_admins(client, host_partner, partner_member):
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=host_partner, is_admin=True)
    url = reverse("partners:organisation-history", args=[host_partner.pk])

    client.force_login(partner_member)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("entries", [1, 5])
def test_the_history_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, placement, coordinator, entries
):
    for day in range(entries):
        with set_actor(coordinator):
            deployment_services.placement_update(
                placement=placement,
                by=coordinator,
                planned_start=placement.planned_start + datetime.timedelta(days=day + 1),
                planned_end=placement.planned_end,
            )
    client.force_login(coordinator)
    url = reverse("deployments:placement-history", args=[placement.pk])
    client.get(url)  # warms per-process caches (content types, sessions)

    with django_assert_max_num_queries(10):
        response = client.get(url)

    assert len(response.context["page_obj"].object_list) == entries + 1  # and its creation
