"""Query budgets: each list page costs the same number of queries for 1 row as for 5."""

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SIZES = [1, 5]
# What the base layout costs a signed-in person on every page: session, user, their
# memberships, their coordinated programmes, their unread notifications.
SIGNED_IN_LAYOUT = 5
# `user.has_perm(...)` without an object also asks Django's ModelBackend (user and group
# permissions) unless the person is a superuser.
MODEL_BACKEND = 2


@pytest.mark.parametrize("rows", SIZES)
def test_organisation_list_queries_anonymous(client, django_assert_num_queries, rows):
    OrganisationFactory.create_batch(rows)
    # count, page (nothing else for a visitor)
    with django_assert_num_queries(2):
        response = client.get(reverse("partners:organisation-list"))
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", SIZES)
def test_organisation_list_queries_partner_member(
    client, django_assert_num_queries, partner_member, rows
):
    OrganisationFactory.create_batch(rows - 1)  # plus the member's own organisation
    client.force_login(partner_member)
    # count, page
    with django_assert_num_queries(SIGNED_IN_LAYOUT + MODEL_BACKEND + 2):
        response = client.get(reverse("partners:organisation-list"), {"q": "o"})
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", SIZES)
def test_agreement_list_queries_administrator(
    client, django_assert_num_queries, administrator, rows
):
    AgreementFactory.create_batch(rows)
    client.force_login(administrator)
    # count, page, parties
    with django_assert_num_queries(SIGNED_IN_LAYOUT + 3):
        response = client.get(reverse("partners:agreement-list"))
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", SIZES)
def test_agreement_list_queries_party_member(
    client, django_assert_num_queries, partner_member, host_partner, rows
):
    for _ in range(rows):
        AgreementFactory(organisations=[host_partner, OrganisationFactory()])
    AgreementFactory()  # not theirs
    client.force_login(partner_member)
    # count, page, parties
    with django_assert_num_queries(SIGNED_IN_LAYOUT + MODEL_BACKEND + 3):
        response = client.get(reverse("partners:agreement-list"))
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", SIZES)
def test_agreement_list_queries_linked_coordinator(
    client,
    django_assert_num_queries,
    registered_coordinator_scope,
    linked_coordinator,
    programme,
    host_partner,
    rows,
):
    for _ in range(rows):
        AgreementFactory(organisations=[host_partner, programme.sending_organisation])
    AgreementFactory()  # unlinked
    client.force_login(linked_coordinator)
    # count, page, parties (rules grant add_agreement, so ModelBackend is not asked)
    with django_assert_num_queries(SIGNED_IN_LAYOUT + 3):
        response = client.get(reverse("partners:agreement-list"))
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", SIZES)
def test_member_list_queries(client, django_assert_num_queries, org_admin, host_partner, rows):
    MembershipFactory.create_batch(rows, organisation=host_partner)
    client.force_login(org_admin)
    # organisation, members, invitations
    with django_assert_num_queries(SIGNED_IN_LAYOUT + 3):
        response = client.get(reverse("partners:member-list", args=[host_partner.pk]))
    assert len(response.context["memberships"]) == rows + 1
