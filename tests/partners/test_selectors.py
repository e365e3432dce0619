"""Lists return exactly the rows the permission rules allow the viewer."""

import pytest

from partners import selectors
from partners.models import Agreement, Organisation
from partners.selectors import OrganisationFilters
from tests.factories import AgreementFactory, OrganisationFactory, UserFactory

from .conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(host_partner, other_organisation, programme):
    """Verified and unverified organisations, and agreements among them."""
    unverified_host = OrganisationFactory(
        name="Unverified host", is_verified=False, verified_at=None
    )
    unverified_elsewhere = OrganisationFactory(
        name="Unverified elsewhere", is_verified=False, verified_at=None
    )
    sending = programme.sending_organisation
    AgreementFactory(title="Host and sender", organisations=[host_partner, sending])
    AgreementFactory(title="Others", organisations=[other_organisation, unverified_elsewhere])
    AgreementFactory(title="Sender and other", organisations=[sending, other_organisation])
    return {"unverified_host": unverified_host}


def fresh(user):
    """A new user object, since rules cache roles on it."""
    return type(user).objects.get(pk=user.pk) if user is not None else None


def viewer_for(request, role):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(role)
    return AnonymousUser() if user is None else fresh(user)


@pytest.mark.parametrize("role", ROLES)
def test_organisation_list_matches_view_rule(request, role, world):
    viewer = viewer_for(request, role)
    expected = {
        o.pk for o in Organisation.objects.all() if viewer.has_perm("partners.view_organisation", o)
    }
    listed = {o.pk for o in selectors.organisation_list(viewer=viewer)}
    assert listed == expected


def test_members_see_their_own_unverified_organisation(world):
    member = UserFactory()
    world["unverified_host"].memberships.create(user=member, is_reviewer=True)
    listed = set(selectors.organisation_list(viewer=fresh(member)))
    assert world["unverified_host"] in listed
    assert all(o.is_verified or o == world["unverified_host"] for o in listed)


@pytest.mark.parametrize("scope", ["fallback", "registered"])
@pytest.mark.parametrize("role", ROLES)
def test_agreement_list_matches_view_rule(request, role, scope, world):
    if scope == "registered":
        request.getfixturevalue("registered_coordinator_scope")
    viewer = viewer_for(request, role)
    expected = {
        a.pk for a in Agreement.objects.all() if viewer.has_perm("partners.view_agreement", a)
    }
    listed = {a.pk for a in selectors.agreement_list(viewer=viewer)}
    assert listed == expected


def test_linked_coordinator_sees_only_agreements_among_partners(linked_coordinator, world):
    """ "Sender and other" has a party that never accepted a partnership with the programme."""
    titles = {a.title for a in selectors.agreement_list(viewer=fresh(linked_coordinator))}
    assert titles == {"Host and sender"}


def test_organisation_filters(world, administrator):
    OrganisationFactory(name="Yangon Health Trust", acronym="YHT", country="MM", city="Yangon")
    admin = fresh(administrator)

    def names(**filters):
        organisations = selectors.organisation_list(
            viewer=admin, filters=OrganisationFilters(**filters)
        )
        return {o.name for o in organisations}

    assert names(q="yht") == {"Yangon Health Trust"}
    assert names(q="yangon") == {"Yangon Health Trust", "Myanmar Teachers Network"}
    assert names(country="MM", q="health") == {"Yangon Health Trust"}
    assert names(verified=False) == {"Unverified host", "Unverified elsewhere"}
    assert names(kind="foundation") == set()
