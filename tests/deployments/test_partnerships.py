"""Partnerships between programmes and organisations need the organisation's consent, and
working with an organisation never gives a coordinator power over it (issue 10, section 1)."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deployments import services
from deployments.enums import PartnershipStatus
from deployments.models import Partnership, Project
from deployments.transitions import PARTNERSHIP_TRANSITIONS
from notifications.models import Notification
from partners import services as partner_services
from partners.enums import AgreementKind, AgreementStatus, OrganisationKind
from partners.models import Agreement, Invitation, Membership, Organisation
from tests.factories import (
    AgreementFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PS = PartnershipStatus


@pytest.fixture
def side_b(db):
    """Programme B, its host partner in Myanmar (an accepted partner), its admin, its
    supervisor and a volunteer in country there."""
    programme = ProgrammeFactory(name="Programme B")
    host = OrganisationFactory(name="Mandalay Health Association", country="MM")
    PartnershipFactory(programme=programme, organisation=host)
    admin = UserFactory(name="B's admin")
    MembershipFactory(user=admin, organisation=host, is_admin=True, is_reviewer=False)
    supervisor = UserFactory(name="B's supervisor")
    MembershipFactory(user=supervisor, organisation=host, is_reviewer=False, is_supervisor=True)
    project = ProjectFactory(programme=programme, host_partner=host)
    placement = PlacementFactory(
        application__opportunity__project=project, status="in_country", host_supervisor=supervisor
    )
    agreement = AgreementFactory(organisations=[programme.sending_organisation, host])
    return {
        "programme": programme,
        "host": host,
        "admin": admin,
        "placement": placement,
        "agreement": agreement,
    }


def project_data(programme, host, **overrides):
    today = timezone.localdate()
    data = {
        "programme": programme.pk,
        "title": "Health outreach in Mandalay",
        "host_country": "MM",
        "region": "",
        "city": "",
        "latitude": "",
        "longitude": "",
        "host_partner": host.pk,
        "summary": "Outreach.",
        "starts_on": (today + datetime.timedelta(days=60)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=400)).isoformat(),
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
    }
    return {**data, **overrides}


# The scenario of the issue, refused at every step -------------------------------------------


def test_a_coordinator_cannot_take_over_another_programmes_partner(
    client, coordinator, programme, side_b
):
    host_b = side_b["host"]
    client.force_login(coordinator)

    # 1. Listing the organisation among the programme's partners records nothing.
    client.post(
        reverse("deployments:programme-update", args=[programme.pk]),
        {"description": "", "partners": [host_b.pk]},
    )
    assert not Partnership.objects.filter(programme=programme).exists()

    # …nor can it be named as host of one of the programme's projects.
    response = client.post(reverse("deployments:project-create"), project_data(programme, host_b))
    assert response.status_code == 200
    assert "host_partner" in response.context["form"].errors
    assert not Project.objects.filter(programme=programme).exists()

    # 2. The organisation itself stays out of reach: profile, verification, members.
    assert client.get(reverse("partners:organisation-update", args=[host_b.pk])).status_code == 403
    response = client.post(reverse("partners:organisation-verify", args=[host_b.pk]))
    assert response.status_code == 403
    members = reverse("partners:member-list", args=[host_b.pk])
    assert client.get(members).status_code == 403
    response = client.post(members, {"email": coordinator.email, "roles": ["supervisor"]})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    admin_membership = Membership.objects.get(user=side_b["admin"])
    response = client.post(reverse("partners:member-remove", args=[host_b.pk, admin_membership.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=admin_membership.pk).exists()

    # …and so do B's agreements, their documents and B's placements.
    agreement = side_b["agreement"]
    assert client.get(reverse("partners:agreement-detail", args=[agreement.pk])).status_code == 404
    document = reverse("partners:agreement-document", args=[agreement.pk])
    assert client.get(document).status_code == 404
    placement = reverse("deployments:placement-detail", args=[side_b["placement"].pk])
    assert client.get(placement).status_code == 404

    # 3. No agreement can be recorded with an organisation that did not accept.
    today = timezone.localdate()
    response = client.post(
        reverse("partners:agreement-create"),
        {
            "title": "Made up MoU",
            "kind": AgreementKind.MOU,
            "organisations": [programme.sending_organisation.pk, host_b.pk],
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=300)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "organisations" in response.context["form"].errors
    assert not Agreement.objects.filter(title="Made up MoU").exists()


def test_a_proposal_grants_nothing_until_the_organisation_accepts(
    client, coordinator, programme, side_b
):
    host_b, admin_b = side_b["host"], side_b["admin"]
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:partnership-propose", args=[programme.pk]),
        {"organisation": host_b.pk, "message": "Health volunteers in Mandalay?"},
    )

    assert response.status_code == 302
    partnership = Partnership.objects.get(programme=programme, organisation=host_b)
    assert partnership.status == PS.PROPOSED
    assert partnership.proposed_by == coordinator
    # Pending on both sides.
    for person in (coordinator, admin_b):
        client.force_login(person)
        page = client.get(reverse("deployments:partnership-list")).content.decode()
        assert "Pending acceptance" in page and host_b.name in page
    assert Notification.objects.filter(recipient=admin_b).count() == 1
    # Still nothing: neither host of a project, nor an agreement party.
    client.force_login(coordinator)
    response = client.post(reverse("deployments:project-create"), project_data(programme, host_b))
    assert "host_partner" in response.context["form"].errors
    assert (
        client.get(reverse("partners:agreement-detail", args=[side_b["agreement"].pk])).status_code
        == 404
    )


def test_the_coordinator_cannot_accept_their_own_proposal_nor_can_a_reviewer(
    client, coordinator, programme, side_b
):
    partnership = PartnershipFactory(
        programme=programme, organisation=side_b["host"], status=PS.PROPOSED
    )
    reviewer = UserFactory()
    MembershipFactory(user=reviewer, organisation=side_b["host"], is_reviewer=True)
    url = reverse("deployments:partnership-accept", args=[partnership.pk])

    client.force_login(coordinator)
    assert client.post(url).status_code == 403
    client.force_login(reviewer)
    assert client.post(url).status_code == 404

    partnership.refresh_from_db()
    assert partnership.status == PS.PROPOSED


def test_the_organisations_admin_accepts_and_the_programme_may_then_name_it(
    client, coordinator, programme, side_b
):
    host_b, admin_b = side_b["host"], side_b["admin"]
    partnership = PartnershipFactory(programme=programme, organisation=host_b, status=PS.PROPOSED)
    client.force_login(admin_b)

    response = client.post(reverse("deployments:partnership-accept", args=[partnership.pk]))

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.status, partnership.accepted_by) == (PS.ACTIVE, admin_b)
    assert Notification.objects.filter(recipient=coordinator).count() == 1
    client.force_login(coordinator)
    response = client.post(reverse("deployments:project-create"), project_data(programme, host_b))
    assert response.status_code == 302
    assert Project.objects.get(programme=programme).host_partner == host_b
    # Working together still gives the coordinator no power over the organisation.
    assert client.get(reverse("partners:organisation-update", args=[host_b.pk])).status_code == 403
    assert client.get(reverse("partners:member-list", args=[host_b.pk])).status_code == 403


def test_ending_removes_the_coordinators_access_from_that_moment(client, coordinator, programme):
    partner = OrganisationFactory(name="China Foundation for Poverty Alleviation")
    partnership = PartnershipFactory(programme=programme, organisation=partner)
    agreement = AgreementFactory(organisations=[programme.sending_organisation, partner])
    client.force_login(coordinator)
    detail = reverse("partners:agreement-detail", args=[agreement.pk])
    assert client.get(detail).status_code == 200
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=partner, is_admin=True)
    client.force_login(admin)

    response = client.post(
        reverse("deployments:partnership-end", args=[partnership.pk]), {"reason": "Project over"}
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.status, partnership.ended_by) == (PS.ENDED, admin)
    assert partnership.end_reason == "Project over"
    client.force_login(coordinator)
    assert client.get(detail).status_code == 404
    response = client.post(reverse("deployments:project-create"), project_data(programme, partner))
    assert "host_partner" in response.context["form"].errors


def test_either_side_may_end_but_nobody_else(client, coordinator, programme, side_b):
    partnership = PartnershipFactory(programme=programme, organisation=side_b["host"])
    other_coordinator = UserFactory()
    side_b["programme"].coordinators.add(other_coordinator)
    client.force_login(other_coordinator)
    url = reverse("deployments:partnership-end", args=[partnership.pk])

    assert client.post(url).status_code == 404
    client.force_login(coordinator)
    assert client.post(url).status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == PS.ENDED


# Proposals: only verified organisations, once, through a form ------------------------------


def test_proposals_go_only_to_verified_organisations(coordinator, programme):
    unverified = OrganisationFactory(is_verified=False, verified_at=None)

    with pytest.raises(ValidationError) as error:
        services.partnership_propose(programme=programme, organisation=unverified, by=coordinator)

    assert error.value.code == "unverified"
    assert not Partnership.objects.exists()


def test_a_second_open_proposal_is_refused_but_an_ended_one_may_be_renewed(coordinator, programme):
    organisation = OrganisationFactory()
    first = services.partnership_propose(
        programme=programme, organisation=organisation, by=coordinator
    )
    with pytest.raises(ValidationError) as error:
        services.partnership_propose(programme=programme, organisation=organisation, by=coordinator)
    assert error.value.code == "already_open"

    services.partnership_end(partnership=first, by=coordinator)
    again = services.partnership_propose(
        programme=programme, organisation=organisation, by=coordinator
    )

    assert again.pk != first.pk
    assert Partnership.objects.filter(programme=programme, status=PS.PROPOSED).count() == 1


def test_the_proposal_form_lists_only_verified_organisations_without_a_partnership(
    client, coordinator, programme
):
    verified = OrganisationFactory(name="Verified Org")
    OrganisationFactory(name="Unverified Org", is_verified=False, verified_at=None)
    PartnershipFactory(programme=programme, organisation=OrganisationFactory(name="Already"))
    client.force_login(coordinator)

    response = client.get(reverse("deployments:partnership-propose", args=[programme.pk]))

    choices = list(response.context["form"].fields["organisation"].queryset)
    assert choices == [verified]


@pytest.mark.parametrize("organisation", ["999999", "", "not a number"])
def test_a_bad_proposal_shows_an_error_and_writes_nothing(
    client, coordinator, programme, organisation
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:partnership-propose", args=[programme.pk]),
        {"organisation": organisation},
    )

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_only_the_programmes_coordinators_propose(client, programme, side_b):
    client.force_login(side_b["admin"])
    url = reverse("deployments:partnership-propose", args=[programme.pk])
    assert client.get(url).status_code == 404


PAIRS = list(itertools.product(PS.values, repeat=2))


def test_the_partnership_table_is_the_designed_one():
    assert set(PARTNERSHIP_TRANSITIONS) == {
        (PS.PROPOSED, PS.ACTIVE),
        (PS.PROPOSED, PS.ENDED),
        (PS.ACTIVE, PS.ENDED),
    }


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_partnership_transition(source, target, administrator):
    partnership = PartnershipFactory(status=source)
    change = {
        PS.ACTIVE: lambda: services.partnership_accept(partnership=partnership, by=administrator),
        PS.ENDED: lambda: services.partnership_end(partnership=partnership, by=administrator),
    }.get(target)
    if change is None:  # nothing moves a partnership back to proposed
        return
    if source == target:
        assert change() is False
    elif (source, target) in PARTNERSHIP_TRANSITIONS:
        assert change() is True
    else:
        with pytest.raises(ValidationError):
            change()
    partnership.refresh_from_db()
    expected = target if (source, target) in PARTNERSHIP_TRANSITIONS else source
    assert partnership.status == expected


# Registering an organisation new to the portal ----------------------------------------------


def test_a_registered_organisation_is_a_partner_and_the_registrant_sets_it_up_until_it_has_an_admin(
    client, coordinator, programme
):
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:programme-organisation-register", args=[programme.pk]),
        {
            "name": "Lalitpur Community Learning Centre",
            "kind": OrganisationKind.NATIONAL_NGO,
            "country": "NP",
        },
    )
    organisation = Organisation.objects.get(name="Lalitpur Community Learning Centre")
    members = reverse("partners:member-list", args=[organisation.pk])
    assert response.status_code == 302 and response.url == members
    assert Partnership.objects.get(organisation=organisation).status == PS.ACTIVE
    assert not organisation.is_verified
    assert (
        client.get(reverse("partners:organisation-update", args=[organisation.pk])).status_code
        == 200
    )
    assert (
        client.post(reverse("partners:organisation-verify", args=[organisation.pk])).status_code
        == 403
    )

    MembershipFactory(organisation=organisation, is_admin=True)

    assert client.get(members).status_code == 403
    assert (
        client.get(reverse("partners:organisation-update", args=[organisation.pk])).status_code
        == 403
    )


# Agreements are confirmed by every party ---------------------------------------------------


@pytest.fixture
def partner_with_admin(programme):
    partner = OrganisationFactory(name="UN Volunteers")
    PartnershipFactory(programme=programme, organisation=partner)
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=partner, is_admin=True)
    sender_admin = UserFactory()
    MembershipFactory(user=sender_admin, organisation=programme.sending_organisation, is_admin=True)
    return partner, admin, sender_admin


def agreement_fields(**overrides):
    today = timezone.localdate()
    return {
        "title": "Placement MoU",
        "kind": AgreementKind.MOU,
        "signed_on": today,
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=365),
        "notes": "",
        **overrides,
    }


def test_an_agreement_becomes_active_once_every_party_confirmed(
    client, coordinator, programme, partner_with_admin
):
    partner, admin, sender_admin = partner_with_admin
    agreement = partner_services.agreement_create(
        created_by=coordinator,
        organisations=[programme.sending_organisation, partner],
        **agreement_fields(),
    )
    confirm = reverse("partners:agreement-confirm", args=[agreement.pk])

    client.force_login(coordinator)  # not a party's admin
    assert client.post(confirm, {"organisation": partner.pk}).status_code == 403
    client.force_login(admin)
    client.post(confirm, {"organisation": programme.sending_organisation.pk})  # not theirs
    client.post(confirm, {"organisation": partner.pk})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    assert [c.organisation for c in agreement.confirmations.all()] == [partner]

    client.force_login(sender_admin)
    client.post(confirm, {"organisation": programme.sending_organisation.pk})

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert {c.confirmed_by for c in agreement.confirmations.all()} == {admin, sender_admin}


def test_changing_a_drafts_terms_withdraws_the_confirmations(
    coordinator, programme, partner_with_admin
):
    partner, admin, _sender_admin = partner_with_admin
    parties = [programme.sending_organisation, partner]
    agreement = partner_services.agreement_create(
        created_by=coordinator, organisations=parties, **agreement_fields()
    )
    partner_services.agreement_confirm(agreement=agreement, organisation=partner, by=admin)

    partner_services.agreement_update(
        agreement=agreement, by=coordinator, organisations=parties, **agreement_fields(title="New")
    )
    assert agreement.confirmations.count() == 1  # the title is not a term

    later = timezone.localdate() + datetime.timedelta(days=700)
    partner_services.agreement_update(
        agreement=agreement,
        by=coordinator,
        organisations=parties,
        **agreement_fields(ends_on=later),
    )
    assert agreement.confirmations.count() == 0


def test_an_active_agreements_terms_cannot_change(coordinator, programme, partner_with_admin):
    partner, _admin, _sender_admin = partner_with_admin
    parties = [programme.sending_organisation, partner]
    agreement = AgreementFactory(organisations=parties, status=AgreementStatus.ACTIVE)

    with pytest.raises(ValidationError) as error:
        partner_services.agreement_update(
            agreement=agreement,
            by=coordinator,
            organisations=parties,
            **agreement_fields(ends_on=agreement.ends_on + datetime.timedelta(days=1)),
        )

    assert error.value.code == "terms_locked"


# Organisations' names and verification ------------------------------------------------------


@pytest.mark.parametrize(
    "lookalike",
    [
        "Ｍａｎｄａｌａｙ Health Association",  # full-width letters
        "Mandalay\u200b Health Association",  # zero-width space
        "Mandalay  Health\u00a0Association",  # doubled and no-break spaces
        "mandalay health association\u0007",  # a control character
    ],
)
def test_a_lookalike_name_cannot_register_a_second_organisation(administrator, lookalike):
    OrganisationFactory(name="Mandalay Health Association", country="MM")

    with pytest.raises(ValidationError) as error:
        partner_services.organisation_create(
            created_by=administrator,
            name=lookalike,
            kind=OrganisationKind.NATIONAL_NGO,
            country="MM",
        )

    assert "name" in error.value.message_dict
    assert Organisation.objects.count() == 1


def test_the_form_stores_the_normalised_name(client, administrator):
    client.force_login(administrator)
    client.post(
        reverse("partners:organisation-create"),
        {
            "name": "\u200bＹａｎｇｏｎ Youth  Network",
            "kind": OrganisationKind.NATIONAL_NGO,
            "country": "MM",
        },
    )
    assert Organisation.objects.get().name == "Yangon Youth Network"


@pytest.mark.parametrize(
    ("change", "stays_verified"),
    [({"city": "Pokhara"}, True), ({"name": "Renamed Centre"}, False), ({"country": "IN"}, False)],
)
def test_a_verified_organisation_that_changes_name_or_country_is_unverified(
    host_partner, change, stays_verified
):
    fields = {
        name: getattr(host_partner, name)
        for name in ("name", "acronym", "kind", "country", "city", "website")
    }
    fields.update(contact_email="", contact_phone="", description="", iati_identifier="", **change)
    assert host_partner.is_verified

    partner_services.organisation_update(organisation=host_partner, **fields)

    host_partner.refresh_from_db()
    assert host_partner.is_verified is stays_verified
    assert (host_partner.verified_at is not None) is stays_verified


def test_the_organisations_admin_is_told_on_the_dashboard(client, programme, side_b):
    PartnershipFactory(programme=programme, organisation=side_b["host"], status=PS.PROPOSED)
    client.force_login(side_b["admin"])

    page = client.get(reverse("dashboard")).content.decode()

    assert "A programme proposes a partnership to your organisation." in page
    assert reverse("deployments:partnership-list") in page


def test_a_platform_administrator_does_not_confirm_for_a_party(
    coordinator, programme, partner_with_admin, administrator
):
    partner, _admin, _sender_admin = partner_with_admin
    agreement = partner_services.agreement_create(
        created_by=coordinator,
        organisations=[programme.sending_organisation, partner],
        **agreement_fields(),
    )

    with pytest.raises(ValidationError) as error:
        partner_services.agreement_confirm(
            agreement=agreement, organisation=partner, by=administrator
        )

    assert error.value.code == "not_party_admin"
    assert not agreement.confirmations.exists()
