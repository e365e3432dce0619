import pytest
from django.core.files.storage import FileSystemStorage

from deployments.rules import coordinated_organisations
from partners import selectors
from partners.models import Agreement
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "volunteer",
    "other_member",
    "org_admin",
    "linked_coordinator",
    "unlinked_coordinator",
    "administrator",
]


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Agreement documents go to a temporary private folder, never the project's media."""
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(Agreement._meta.get_field("document"), "storage", storage)
    return storage


@pytest.fixture
def org_admin(host_partner):
    user = UserFactory(name="Ram Thapa")
    MembershipFactory(user=user, organisation=host_partner, is_admin=True, is_reviewer=False)
    return user


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Myanmar Teachers Network", country="MM", city="Yangon")


@pytest.fixture
def other_member(other_organisation):
    """A partner member, but of another organisation."""
    user = UserFactory(name="Aung Min")
    MembershipFactory(user=user, organisation=other_organisation, is_admin=True)
    return user


@pytest.fixture
def linked_coordinator(coordinator, programme, host_partner):
    """The coordinator of a programme that `host_partner` accepted a partnership with, and
    that has a project it hosts."""
    PartnershipFactory(programme=programme, organisation=host_partner)
    ProjectFactory(programme=programme, host_partner=host_partner)
    return coordinator


@pytest.fixture
def unlinked_coordinator(db):
    user = UserFactory(name="Wang Fang")
    ProgrammeFactory(name="Another Programme").coordinators.add(user)
    return user


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def as_role(request, client):
    """Signs the client in as the named role (or not at all) and returns the user."""

    def sign_in(role):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return user

    return sign_in


@pytest.fixture
def registered_coordinator_scope():
    """What deployments registers at start-up: the organisations a coordinator works with."""
    selectors.register_organisation_scope(coordinated_organisations)
    return coordinated_organisations
