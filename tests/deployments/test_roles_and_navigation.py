import pytest
from django.urls import reverse

from deployments.roles import Role, roles_of
from tests.factories import MembershipFactory, UserFactory
from users.models import User

pytestmark = pytest.mark.django_db


def fresh(user):
    """A new instance, since roles are cached on the user object."""
    return User.objects.get(pk=user.pk)


def test_a_registered_person_is_a_volunteer(volunteer):
    assert roles_of(fresh(volunteer)) == {Role.VOLUNTEER}


def test_roles_come_from_what_the_person_holds(coordinator, partner_member, administrator):
    assert roles_of(fresh(coordinator)) == {Role.COORDINATOR}
    assert roles_of(fresh(partner_member)) == {Role.PARTNER_MEMBER}
    assert roles_of(fresh(administrator)) == {Role.ADMINISTRATOR}


def test_a_person_can_hold_several_roles(coordinator, host_partner):
    MembershipFactory(user=coordinator, organisation=host_partner)

    assert roles_of(fresh(coordinator)) == {Role.COORDINATOR, Role.PARTNER_MEMBER}


def test_a_visitor_holds_no_role(client):
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == frozenset()


def navigation_labels(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("home"))
    return [str(item.label) for item in response.context["portal_navigation"]]


def test_navigation_for_a_visitor(client):
    assert navigation_labels(client) == ["Opportunities", "Projects", "Partners"]


def test_navigation_for_a_volunteer(client, volunteer):
    assert navigation_labels(client, volunteer) == [
        "Opportunities",
        "Projects",
        "Partners",
        "Applications",
        "My placement",
        "My profile",
        "Documents",
    ]


def test_navigation_for_a_partner_member(client, partner_member):
    assert navigation_labels(client, partner_member) == [
        "Opportunities",
        "Projects",
        "Partners",
        "Applications",
        "Placements",
        "Agreements",
        "Partnerships",
        "Reports",
    ]


def test_navigation_for_a_coordinator(client, coordinator):
    assert navigation_labels(client, coordinator) == [
        "Opportunities",
        "Projects",
        "Partners",
        "Applications",
        "Placements",
        "Agreements",
        "Partnerships",
        "Programmes",
        "Reports",
    ]


def test_only_administrators_see_the_admin_link(client, coordinator, administrator):
    client.force_login(coordinator)
    assert 'href="/admin/"' not in client.get(reverse("home")).content.decode()

    client.force_login(administrator)
    assert 'href="/admin/"' in client.get(reverse("home")).content.decode()


def test_navigation_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(3):
        MembershipFactory(user=user)
    client.force_login(user)

    with django_assert_max_num_queries(12):
        client.get(reverse("home"))
