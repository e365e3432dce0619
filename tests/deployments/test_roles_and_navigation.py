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
    assert navigation_labels(client) == ["Opportunities", "Projects", "Partners", "Knowledge base"]


def test_navigation_for_a_volunteer(client, volunteer):
    assert navigation_labels(client, volunteer) == [
        "Opportunities",
        "Projects",
        "Partners",
        "Applications",
        "My placement",
        "My profile",
        "Documents",
        "Knowledge base",
    ]


def test_navigation_for_a_partner_member(client, partner_member):
    assert navigation_labels(client, partner_member) == [
        "Opportunities",
        "Projects",
        "Partners",
        "Agreements",
        "Partnerships",
        "Applications",
        "Placements",
        "Reports",
        "Knowledge base",
    ]


def test_navigation_for_a_coordinator(client, coordinator):
    assert navigation_labels(client, coordinator) == [
        "Opportunities",
        "Projects",
        "Partners",
        "Agreements",
        "Partnerships",
        "Applications",
        "Placements",
        "Programmes",
        "Reports",
        "Knowledge base",
    ]


def menus(client, user=None):
    """The navigation bar's entries: (label, [its links]) for a menu, (label, None) for a link."""
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("home"))
    return [
        (str(menu.label), None if menu.single else [str(item.label) for item in menu.items])
        for menu in response.context["portal_menus"]
    ], [str(item.label) for item in response.context["portal_account_links"]]


def test_a_visitor_sees_links_only(client):
    assert menus(client) == (
        [
            ("Opportunities", None),
            ("Projects", None),
            ("Partners", None),
            ("Knowledge base", None),
        ],
        [],
    )


def test_a_volunteer_finds_their_profile_and_documents_under_their_name(client, volunteer):
    assert menus(client, volunteer) == (
        [
            ("Opportunities", None),
            ("Projects", None),
            ("Partners", None),
            ("Applications", None),
            ("My placement", None),
            ("Knowledge base", None),
        ],
        ["My profile", "Documents"],
    )


def test_a_partner_member_has_partner_and_field_menus(client, partner_member):
    assert menus(client, partner_member) == (
        [
            ("Opportunities", None),
            ("Projects", None),
            ("Partners", ["Partners", "Agreements", "Partnerships"]),
            ("Field", ["Applications", "Placements"]),
            ("Reports", None),
            ("Knowledge base", None),
        ],
        [],
    )


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_staff_have_partner_field_and_programme_menus(client, role, request):
    assert menus(client, request.getfixturevalue(role))[0] == [
        ("Opportunities", None),
        ("Projects", None),
        ("Partners", ["Partners", "Agreements", "Partnerships"]),
        ("Field", ["Applications", "Placements"]),
        ("Programme", ["Programmes", "Reports"]),
        ("Knowledge base", None),
    ]


def test_menus_open_without_javascript_and_link_every_item(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("home")).content.decode()

    # <details> opens without a script; its links are in the page from the start.
    assert html.count('<details class="nav-menu') == 4  # three menus and the person's own
    for url_name in (
        "partners:agreement-list",
        "deployments:placement-list",
        "reports:report-list",
        "knowledge:resource-list",
        "users:preferences",
    ):
        assert f'href="{reverse(url_name)}"' in html, url_name


def test_a_visitor_reaches_the_knowledge_base(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("knowledge:resource-list")}"' in html
    assert client.get(reverse("knowledge:resource-list")).status_code == 200


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
