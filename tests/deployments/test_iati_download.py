"""The coordinators' IATI download (issue 14): the programme's coordinators and the
administrators get the XML; everyone else a 404, as if the programme did not exist."""

import pytest
from django.urls import reverse

from deployments.enums import PartnerRole, ProjectStatus
from tests.deployments.test_iati import assert_valid_iati, build_world
from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def programme_coordinator(world):
    user = UserFactory(name="Programme Coordinator")
    world["programme"].coordinators.add(user)
    return user


def download(client, programme):
    return client.get(reverse("deployments:programme-iati", args=[programme.pk]))


def test_download_for_the_programmes_coordinator(client, world, programme_coordinator):
    client.force_login(programme_coordinator)

    response = download(client, world["programme"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert len(assert_valid_iati(response.content).findall("iati-activity")) == 3


def test_download_for_an_administrator(client, world, administrator):
    client.force_login(administrator)

    assert download(client, world["programme"]).status_code == 200


@pytest.mark.parametrize("who", ["other_coordinator", "host_member", "volunteer"])
def test_download_is_404_for_others(client, world, who):
    user = UserFactory()
    if who == "other_coordinator":
        ProgrammeFactory().coordinators.add(user)
    elif who == "host_member":
        MembershipFactory(user=user, organisation=world["active"].host_partner, is_admin=True)
    client.force_login(user)

    assert download(client, world["programme"]).status_code == 404


def test_download_asks_anonymous_visitors_to_sign_in(client, world):
    response = download(client, world["programme"])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_download_refused_with_the_reason_on_the_programme_page(
    client, world, programme_coordinator
):
    programme = world["programme"]
    programme.sending_organisation.iati_identifier = ""
    programme.sending_organisation.save()
    client.force_login(programme_coordinator)

    response = download(client, programme)

    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:programme-detail", args=[programme.pk])
    page = client.get(response["Location"])
    assert "has no IATI organisation identifier" in page.content.decode()


def test_programme_page_links_the_download(client, world, programme_coordinator):
    client.force_login(programme_coordinator)

    page = client.get(reverse("deployments:programme-detail", args=[world["programme"].pk]))

    assert (
        reverse("deployments:programme-iati", args=[world["programme"].pk]) in page.content.decode()
    )


@pytest.mark.parametrize("projects", [1, 5])
def test_download_costs_a_fixed_number_of_queries(client, db, django_assert_num_queries, projects):
    """However many projects, indicators and partners the programme has: the session, the
    user, the programme with its sending organisation, the coordinator rule, one check for a
    published project, the projects and their partners, goals, status changes, indicators."""
    programme = ProgrammeFactory(
        sending_organisation=OrganisationFactory(iati_identifier="XI-IATI-BUDGET")
    )
    for _ in range(projects):
        project = ProjectFactory(programme=programme, status=ProjectStatus.ACTIVE)
        ProjectPartnerFactory(project=project, role=PartnerRole.FUNDING)
        IndicatorFactory(project=project)
        IndicatorFactory(project=project)
    coordinator = UserFactory()
    programme.coordinators.add(coordinator)
    client.force_login(coordinator)

    with django_assert_num_queries(10):
        response = download(client, programme)

    assert len(assert_valid_iati(response.content).findall("iati-activity")) == projects
