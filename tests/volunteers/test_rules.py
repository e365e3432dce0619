import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import DocumentFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    ("volunteers.view_profile", "profile"),
    ("volunteers.change_profile", "profile"),
    ("volunteers.view_document", "document"),
    ("volunteers.delete_document", "document"),
]


@pytest.fixture
def records(volunteer):
    return {
        "profile": VolunteerProfileFactory(user=volunteer),
        "document": DocumentFactory(owner=volunteer),
    }


@pytest.mark.parametrize(("perm", "record"), PERMISSIONS)
def test_owner_and_administrator_hold_the_permission(
    records, volunteer, administrator, perm, record
):
    assert volunteer.has_perm(perm, records[record])
    assert administrator.has_perm(perm, records[record])


@pytest.mark.parametrize(("perm", "record"), PERMISSIONS)
@pytest.mark.parametrize("outsider", ["other_volunteer", "partner_member", "coordinator"])
def test_others_do_not_hold_the_permission(request, records, outsider, perm, record):
    assert not request.getfixturevalue(outsider).has_perm(perm, records[record])
    assert not AnonymousUser().has_perm(perm, records[record])
