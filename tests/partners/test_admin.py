import pytest
from django.urls import reverse

from tests.factories import AgreementFactory, InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["organisation", "membership", "invitation", "agreement"])
def test_admin_pages_load(client, administrator, model):
    MembershipFactory(is_admin=True)
    InvitationFactory()
    agreement = AgreementFactory()
    client.force_login(administrator)
    assert client.get(reverse(f"admin:partners_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:partners_{model}_add")).status_code == 200
    if model == "agreement":
        url = reverse("admin:partners_agreement_change", args=[agreement.pk])
        assert client.get(url).status_code == 200


def test_admin_organisation_search_and_filters(client, administrator, host_partner):
    client.force_login(administrator)
    url = reverse("admin:partners_organisation_changelist")
    response = client.get(url, {"q": "Nepal", "kind": "national_ngo", "is_verified__exact": "1"})
    assert response.status_code == 200
    assert host_partner in response.context["cl"].result_list


def test_the_admin_verifies_through_the_service_and_records_who(client, administrator):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(is_verified=False, verified_at=None)
    client.force_login(administrator)

    client.post(
        reverse("admin:partners_organisation_changelist"),
        {"action": "verify", "_selected_action": [organisation.pk]},
    )

    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by == administrator


def test_renaming_in_the_admin_unverifies_and_normalises(client, administrator, host_partner):
    client.force_login(administrator)
    url = reverse("admin:partners_organisation_change", args=[host_partner.pk])
    data = {
        "name": "Renamed\u200b Centre",
        "acronym": "",
        "kind": host_partner.kind,
        "country": host_partner.country.code,
        "city": "",
        "website": "",
        "contact_email": "",
        "contact_phone": "",
        "description": "",
        "iati_identifier": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    host_partner.refresh_from_db()
    assert (host_partner.name, host_partner.is_verified) == ("Renamed Centre", False)
