import pytest
from django.urls import reverse

from partners.enums import OrganisationKind
from partners.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def unverified_host(host_partner):
    Organisation.objects.filter(pk=host_partner.pk).update(is_verified=False, verified_at=None)
    host_partner.refresh_from_db()
    return host_partner


def organisation_data(**overrides):
    data = {
        "name": "Lalitpur Women's Cooperative",
        "acronym": "LWC",
        "kind": OrganisationKind.COMMUNITY_BASED,
        "country": "NP",
        "city": "Lalitpur",
        "website": "https://lwc.example.org",
        "contact_email": "office@lwc.example.org",
        "contact_phone": "+977 1 5550000",
        "description": "Savings groups and literacy classes.",
        "iati_identifier": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    "role", ["anonymous", "volunteer", "other_member", "linked_coordinator", "administrator"]
)
def test_directory_lists_verified_organisations_for_everyone(client, as_role, role, host_partner):
    as_role(role)
    response = client.get(reverse("partners:organisation-list"))
    assert response.status_code == 200
    assert host_partner in response.context["page"].object_list


def test_directory_shows_contact_only_to_signed_in_people(client, volunteer):
    OrganisationFactory(name="Contactable", contact_email="desk@contactable.example")
    url = reverse("partners:organisation-list")
    assert b"desk@contactable.example" not in client.get(url).content
    client.force_login(volunteer)
    assert b"desk@contactable.example" in client.get(url).content


def test_directory_filters_from_query_string(client):
    OrganisationFactory(name="Yangon Health Trust", country="MM", city="Yangon")
    OrganisationFactory(name="Kathmandu School", country="NP")
    response = client.get(reverse("partners:organisation-list"), {"country": "MM", "q": "health"})
    assert [o.name for o in response.context["page"].object_list] == ["Yangon Health Trust"]


def test_directory_ignores_invalid_filters(client, host_partner):
    response = client.get(reverse("partners:organisation-list"), {"country": "XX", "kind": "?"})
    assert response.status_code == 200
    assert host_partner in response.context["page"].object_list


def test_directory_paginates_by_25(client):
    OrganisationFactory.create_batch(27)
    response = client.get(reverse("partners:organisation-list"))
    assert len(response.context["page"].object_list) == 25
    response = client.get(reverse("partners:organisation-list"), {"page": 2})
    assert len(response.context["page"].object_list) == 2


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("volunteer", 404),
        ("other_member", 404),
        ("partner_member", 200),
        ("org_admin", 200),
        ("linked_coordinator", 200),
        ("unlinked_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_unverified_organisation_profile(client, as_role, role, status, unverified_host):
    as_role(role)
    response = client.get(reverse("partners:organisation-detail", args=[unverified_host.pk]))
    assert response.status_code == status


def test_profile_lists_members_only_for_those_who_manage_them(
    client, host_partner, partner_member, org_admin, volunteer
):
    url = reverse("partners:organisation-detail", args=[host_partner.pk])
    client.force_login(volunteer)
    assert client.get(url).context["memberships"] is None
    client.force_login(org_admin)
    members = client.get(url).context["memberships"]
    assert {m.user for m in members} == {partner_member, org_admin}


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("volunteer", 403),
        ("other_member", 403),
        ("org_admin", 403),
        ("linked_coordinator", 403),
        ("unlinked_coordinator", 403),
        ("administrator", 200),
    ],
)
def test_organisation_create_page_per_role(client, as_role, role, status):
    as_role(role)
    response = client.get(reverse("partners:organisation-create"))
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(LOGIN)


def test_organisation_create_sets_created_by(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("partners:organisation-create"), organisation_data())
    organisation = Organisation.objects.get(name="Lalitpur Women's Cooperative")
    assert response.status_code == 302
    assert response.url == reverse("partners:organisation-detail", args=[organisation.pk])
    assert organisation.created_by == administrator
    assert organisation.is_verified is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"country": "ZZ"}, "country"),
        ({"iati_identifier": "lowercase-bad"}, "iati_identifier"),
        ({"website": "not a url"}, "website"),
    ],
)
def test_organisation_create_bad_input_writes_nothing(client, administrator, overrides, field):
    client.force_login(administrator)
    before = Organisation.objects.count()
    response = client.post(reverse("partners:organisation-create"), organisation_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Organisation.objects.count() == before


def test_organisation_create_refuses_duplicate_name_in_country(client, administrator, host_partner):
    client.force_login(administrator)
    before = Organisation.objects.count()
    response = client.post(
        reverse("partners:organisation-create"),
        organisation_data(name=host_partner.name.upper(), country="NP"),
    )
    assert response.context["form"].errors["name"] == [
        "An organisation with this name is already registered in this country."
    ]
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("volunteer", 403),
        ("other_member", 403),
        ("partner_member", 403),
        ("org_admin", 200),
        ("linked_coordinator", 403),
        ("unlinked_coordinator", 403),
        ("administrator", 200),
    ],
)
def test_organisation_update_page_per_role(client, as_role, role, status, host_partner):
    as_role(role)
    response = client.get(reverse("partners:organisation-update", args=[host_partner.pk]))
    assert response.status_code == status


def test_organisation_update_by_org_admin(client, org_admin, host_partner):
    client.force_login(org_admin)
    data = organisation_data(name=host_partner.name, city="Bhaktapur")
    response = client.post(reverse("partners:organisation-update", args=[host_partner.pk]), data)
    assert response.status_code == 302
    host_partner.refresh_from_db()
    assert host_partner.city == "Bhaktapur"


def test_coordinator_may_edit_organisation_they_registered(client, unlinked_coordinator):
    organisation = OrganisationFactory(created_by=unlinked_coordinator)
    client.force_login(unlinked_coordinator)
    url = reverse("partners:organisation-update", args=[organisation.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("other_member", 404),
        ("org_admin", 403),
        ("linked_coordinator", 403),
        ("unlinked_coordinator", 404),
        ("administrator", 302),
    ],
)
def test_organisation_verify_per_role(client, as_role, role, status, unverified_host):
    user = as_role(role)
    response = client.post(reverse("partners:organisation-verify", args=[unverified_host.pk]))
    assert response.status_code == status
    unverified_host.refresh_from_db()
    verified = status == 302 and user is not None
    assert unverified_host.is_verified is verified
    if verified:
        assert unverified_host.verified_by == user
        assert unverified_host.verified_at is not None


def test_organisation_verify_is_idempotent_and_get_is_refused(client, administrator, host_partner):
    client.force_login(administrator)
    url = reverse("partners:organisation-verify", args=[host_partner.pk])
    verified_at = host_partner.verified_at
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "already verified" in response.content.decode()
    host_partner.refresh_from_db()
    assert host_partner.verified_at == verified_at
