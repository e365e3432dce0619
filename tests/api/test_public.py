"""Public reads: published projects, open opportunities, verified organisations, with the
pages' filters, answered in a fixed number of queries."""

import pytest
from django.urls import reverse

from deployments.enums import OpportunityStatus, ProjectStatus
from tests.factories import OpportunityFactory, OrganisationFactory, ProjectFactory, SkillFactory

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_visitors_see_open_opportunities_only(api_client):
    open_one = OpportunityFactory(title="English teacher")
    OpportunityFactory(status=OpportunityStatus.DRAFT, published_at=None)
    OpportunityFactory(project__status=ProjectStatus.NEEDS_ASSESSMENT)

    assert ids(api_client.get("/api/v1/opportunities/")) == [open_one.pk]


def test_opportunities_are_filtered_as_on_the_page(api_client, client):
    nepal = OpportunityFactory(project__host_country="NP", skills=[SkillFactory(name="Teaching")])
    OpportunityFactory(project__host_country="MM")
    query = "?country=NP&skill=Teaching"

    page = client.get(reverse("deployments:opportunity-list") + query)

    assert ids(api_client.get("/api/v1/opportunities/" + query)) == [nepal.pk]
    assert [row.pk for row in page.context["page_obj"]] == [nepal.pk]


def test_an_invalid_filter_is_ignored_as_on_the_page(api_client):
    opportunity = OpportunityFactory()

    assert ids(api_client.get("/api/v1/opportunities/?country=XX&sdg=99")) == [opportunity.pk]


def test_a_draft_opportunity_is_not_found(api_client):
    draft = OpportunityFactory(status=OpportunityStatus.DRAFT, published_at=None)

    assert api_client.get(f"/api/v1/opportunities/{draft.pk}/").status_code == 404


def test_its_coordinator_sees_a_draft_opportunity(token_client, coordinator, programme):
    draft = OpportunityFactory(
        project__programme=programme, status=OpportunityStatus.DRAFT, published_at=None
    )

    response = token_client(coordinator).get(f"/api/v1/opportunities/{draft.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == OpportunityStatus.DRAFT


def test_visitors_see_public_projects_filtered_by_status(api_client):
    recruiting = ProjectFactory(status=ProjectStatus.RECRUITING)
    ProjectFactory(status=ProjectStatus.ACTIVE)
    private = ProjectFactory(status=ProjectStatus.PROPOSED)

    assert ids(api_client.get("/api/v1/projects/?status=recruiting")) == [recruiting.pk]
    assert api_client.get(f"/api/v1/projects/{private.pk}/").status_code == 404


def test_visitors_see_verified_organisations(api_client):
    verified = OrganisationFactory(name="Verified")
    unverified = OrganisationFactory(name="Unverified", is_verified=False, verified_at=None)

    assert ids(api_client.get("/api/v1/organisations/")) == [verified.pk]
    assert api_client.get(f"/api/v1/organisations/{unverified.pk}/").status_code == 404


def test_organisations_are_searched_as_on_the_page(api_client):
    OrganisationFactory(name="Kathmandu Learning Centre")
    wanted = OrganisationFactory(name="Pokhara Health Post")

    assert ids(api_client.get("/api/v1/organisations/?q=pokhara")) == [wanted.pk]


@pytest.mark.parametrize("rows", [1, 3])
def test_opportunity_list_queries(api_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        OpportunityFactory(skills=[SkillFactory()])

    # the filter's SDG choices, count, rows, project SDGs, skills, languages
    with django_assert_max_num_queries(6):
        assert len(ids(api_client.get("/api/v1/opportunities/"))) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_project_list_queries(api_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        ProjectFactory()

    # the filter's programme and SDG choices, count, rows, SDGs
    with django_assert_max_num_queries(5):
        assert len(ids(api_client.get("/api/v1/projects/"))) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_organisation_list_queries(api_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        OrganisationFactory()

    # count, rows
    with django_assert_max_num_queries(2):
        assert len(ids(api_client.get("/api/v1/organisations/"))) == rows
