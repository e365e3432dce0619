"""The list pages: what each viewer sees, their filters, and a fixed query budget."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from deployments.enums import OpportunityStatus, PartnerRole, ProjectStatus
from deployments.models import SustainableDevelopmentGoal
from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    OpportunityFactory,
    OpportunityLanguageFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    SkillFactory,
    UserFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [row.title for row in response.context["page_obj"]]


# Opportunity list


def opportunity_rows(count, sdgs):
    for _ in range(count):
        opportunity = OpportunityFactory(
            project=ProjectFactory(sdgs=sdgs), skills=[SkillFactory(), SkillFactory()]
        )
        OpportunityLanguageFactory(opportunity=opportunity, language="en")
        OpportunityLanguageFactory(opportunity=opportunity, language="ne")


@pytest.mark.parametrize("rows", [1, 5])
def test_opportunity_list_query_budget(client, django_assert_max_num_queries, rows):
    opportunity_rows(rows, SustainableDevelopmentGoal.objects.filter(number__in=[4, 5]))

    with django_assert_max_num_queries(6):
        response = client.get(reverse("deployments:opportunity-list"), {"sdg": "4"})

    assert len(titles(response)) == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_opportunity_list_query_budget_signed_in(
    client, coordinator, django_assert_max_num_queries, rows
):
    opportunity_rows(rows, SustainableDevelopmentGoal.objects.filter(number__in=[4, 5]))
    client.force_login(coordinator)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("deployments:opportunity-list"))

    assert len(titles(response)) == rows


def test_opportunity_list_is_paginated(client):
    for number in range(21):
        OpportunityFactory(title=f"Role {number:02}")

    first = client.get(reverse("deployments:opportunity-list"))
    second = client.get(reverse("deployments:opportunity-list"), {"page": "2"})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 1
    assert 'aria-current="page"' in first.content.decode()


def test_opportunity_list_shows_only_open_before_deadline_in_public_projects(client):
    OpportunityFactory(title="Open")
    OpportunityFactory(title="Draft", status=OpportunityStatus.DRAFT, published_at=None)
    OpportunityFactory(title="Closed", status=OpportunityStatus.CLOSED)
    OpportunityFactory(
        title="Past deadline", application_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    OpportunityFactory(
        title="Unapproved project", project=ProjectFactory(status=ProjectStatus.NEEDS_ASSESSMENT)
    )

    assert titles(client.get(reverse("deployments:opportunity-list"))) == ["Open"]


@pytest.fixture
def listed(db):
    """Two open opportunities that differ in every filter."""
    sdg4, sdg6 = SustainableDevelopmentGoal.objects.filter(number__in=[4, 6]).order_by("number")
    nepal = OpportunityFactory(
        title="English teacher",
        description="Reading clubs",
        project=ProjectFactory(
            title="Schools of Lalitpur", host_country="NP", city="Lalitpur", sdgs=[sdg4]
        ),
        skills=[SkillFactory(name="Teaching")],
        duration_months=12,
    )
    OpportunityLanguageFactory(opportunity=nepal, language="en")
    myanmar = OpportunityFactory(
        title="Water engineer",
        description="Wells",
        project=ProjectFactory(
            title="Clean water", host_country="MM", city="Mandalay", sdgs=[sdg6]
        ),
        skills=[SkillFactory(name="Engineering")],
        duration_months=6,
    )
    OpportunityLanguageFactory(opportunity=myanmar, language="my")
    return {"nepal": nepal, "myanmar": myanmar}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["English teacher", "Water engineer"]),
        ({"country": "NP"}, ["English teacher"]),
        ({"country": "np"}, ["English teacher"]),
        ({"sdg": "4"}, ["English teacher"]),
        ({"sdg": "6"}, ["Water engineer"]),
        ({"country": "NP", "sdg": "4"}, ["English teacher"]),
        ({"country": "NP", "sdg": "6"}, []),
        ({"q": "reading"}, ["English teacher"]),
        ({"q": "clean water"}, ["Water engineer"]),
        ({"q": "mandalay"}, ["Water engineer"]),
        ({"skill": "teaching"}, ["English teacher"]),
        ({"skill": "Nursing"}, []),
        ({"language": "my"}, ["Water engineer"]),
        ({"language": "EN"}, ["English teacher"]),
        ({"duration": "1-6"}, ["Water engineer"]),
        ({"duration": "7-12"}, ["English teacher"]),
        ({"duration": "13-24"}, []),
    ],
)
def test_opportunity_list_filters(client, listed, query, expected):
    response = client.get(reverse("deployments:opportunity-list"), query)

    assert response.status_code == 200
    assert sorted(titles(response)) == expected
    assert not response.context["form"].errors


def test_opportunity_list_filters_by_skill_id(client, listed):
    skill = listed["myanmar"].skills.get()

    response = client.get(reverse("deployments:opportunity-list"), {"skill": str(skill.pk)})

    assert titles(response) == ["Water engineer"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"sdg": "99"}, "sdg"),
        ({"sdg": "0"}, "sdg"),
        ({"sdg": "four"}, "sdg"),
        ({"country": "XX"}, "country"),
        ({"language": "zz"}, "language"),
        ({"duration": "100"}, "duration"),
    ],
)
def test_opportunity_list_invalid_filter_is_a_form_error(client, listed, query, field):
    response = client.get(reverse("deployments:opportunity-list"), query)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert sorted(titles(response)) == ["English teacher", "Water engineer"]
    assert "could not be used" in response.content.decode()


def test_opportunity_list_keeps_valid_filters_beside_an_invalid_one(client, listed):
    response = client.get(reverse("deployments:opportunity-list"), {"country": "NP", "sdg": "99"})

    assert titles(response) == ["English teacher"]


def test_opportunity_list_filter_form_is_a_get_form(client, listed):
    body = client.get(reverse("deployments:opportunity-list")).content.decode()

    assert '<form method="get"' in body
    for name in ("q", "country", "sdg", "skill", "language", "duration"):
        assert f'name="{name}"' in body


# Project list


@pytest.mark.parametrize("rows", [1, 5])
def test_project_list_query_budget(
    client, coordinator, programme, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        ProjectFactory(programme=programme, status=ProjectStatus.PROPOSED, sdgs=[4, 5])
        ProjectFactory(sdgs=[4])
    client.force_login(coordinator)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("deployments:project-list"))

    assert len(titles(response)) == rows * 2


@pytest.mark.parametrize("rows", [1, 5])
def test_project_list_query_budget_anonymous(client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        ProjectFactory(sdgs=[4, 5])

    with django_assert_max_num_queries(5):
        response = client.get(reverse("deployments:project-list"))

    assert len(titles(response)) == rows


@pytest.fixture
def projects(programme, host_partner):
    """One project in each visibility: public, this programme's, hosted, partnered, hidden."""
    partner_org = OrganisationFactory(name="Partner org")
    partnered = ProjectFactory(title="Partnered", status=ProjectStatus.PROPOSED)
    ProjectPartnerFactory(project=partnered, organisation=partner_org, role=PartnerRole.FUNDING)
    return {
        "public": ProjectFactory(title="Public", status=ProjectStatus.RECRUITING),
        "programme": ProjectFactory(
            title="Programme's", programme=programme, status=ProjectStatus.PROPOSED
        ),
        "hosted": ProjectFactory(
            title="Hosted", host_partner=host_partner, status=ProjectStatus.NEEDS_ASSESSMENT
        ),
        "partnered": partnered,
        "hidden": ProjectFactory(title="Hidden", status=ProjectStatus.PROPOSED),
        "partner_org": partner_org,
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["Public"]),
        ("volunteer", ["Public"]),
        ("host_member", ["Hosted", "Public"]),
        ("other_member", ["Public"]),
        ("coordinator", ["Programme's", "Public"]),
        ("other_coordinator", ["Public"]),
        ("administrator", ["Hidden", "Hosted", "Partnered", "Programme's", "Public"]),
    ],
)
def test_project_list_per_role(client_as, projects, role, expected):
    response = client_as(role).get(reverse("deployments:project-list"))

    assert sorted(titles(response)) == expected


def test_project_list_shows_partnered_projects_to_partner_members(client, projects):
    member = UserFactory()
    MembershipFactory(user=member, organisation=projects["partner_org"])
    client.force_login(member)

    response = client.get(reverse("deployments:project-list"))

    assert sorted(titles(response)) == ["Partnered", "Public"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "MM"}, ["Yangon clinic"]),
        ({"sdg": "3"}, ["Yangon clinic"]),
        ({"status": "active"}, ["Yangon clinic"]),
        ({"q": "kathmandu"}, ["Kathmandu school"]),
        ({"sdg": "99"}, ["Kathmandu school", "Yangon clinic"]),
    ],
)
def test_project_list_filters(client, query, expected):
    ProjectFactory(title="Kathmandu school", host_country="NP", sdgs=[4])
    ProjectFactory(
        title="Yangon clinic",
        host_country="MM",
        city="Yangon",
        status=ProjectStatus.ACTIVE,
        sdgs=[3],
    )

    response = client.get(reverse("deployments:project-list"), query)

    assert response.status_code == 200
    assert sorted(titles(response)) == expected


def test_project_list_filters_by_programme(client, coordinator, programme):
    ProjectFactory(title="Ours", programme=programme)
    ProjectFactory(title="Theirs", programme=ProgrammeFactory())
    client.force_login(coordinator)

    response = client.get(reverse("deployments:project-list"), {"programme": programme.pk})

    assert titles(response) == ["Ours"]


# Programme list


@pytest.mark.parametrize("rows", [1, 5])
def test_programme_list_query_budget(client, coordinator, django_assert_max_num_queries, rows):
    for _ in range(rows):
        programme = ProgrammeFactory()
        programme.coordinators.add(coordinator)
        ProjectFactory(programme=programme)

    client.force_login(coordinator)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("deployments:programme-list"))

    assert len(response.context["page_obj"]) == rows + 1  # and the `programme` fixture's


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 403),
        ("host_member", 403),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_programme_list_per_role(client_as, role, expected):
    response = client_as(role).get(reverse("deployments:programme-list"))

    assert response.status_code == expected


def test_programme_list_shows_coordinators_only_theirs(client, coordinator, other_coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("deployments:programme-list"))

    assert [p.name for p in response.context["page_obj"]] == [
        "Chinese Foreign Aid Volunteer Programme"
    ]


def test_programme_list_shows_administrators_all(
    client, administrator, coordinator, other_coordinator
):
    client.force_login(administrator)

    response = client.get(reverse("deployments:programme-list"))

    assert [p.name for p in response.context["page_obj"]] == [
        "Another Programme",
        "Chinese Foreign Aid Volunteer Programme",
    ]


# Detail pages cost the same however much they show.


@pytest.mark.parametrize("rows", [1, 5])
def test_project_detail_query_budget(
    client, coordinator, programme, host_partner, django_assert_max_num_queries, rows
):
    project = ProjectFactory(programme=programme, host_partner=host_partner, sdgs=[4, 5])
    for _ in range(rows):
        ProjectPartnerFactory(project=project)
        OpportunityFactory(project=project)
        IndicatorFactory(project=project)
    client.force_login(coordinator)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("deployments:project-detail", args=[project.pk]))

    assert len(response.context["opportunities"]) == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_opportunity_detail_query_budget(client, django_assert_max_num_queries, rows):
    opportunity = OpportunityFactory(
        project=ProjectFactory(sdgs=[4, 5]), skills=[SkillFactory() for _ in range(rows)]
    )
    for code in ["en", "ne", "my", "zh", "fr"][:rows]:
        OpportunityLanguageFactory(opportunity=opportunity, language=code)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("deployments:opportunity-detail", args=[opportunity.pk]))

    assert response.status_code == 200


def test_opportunity_cards_are_kept_for_everyone_but_the_fit_is_each_persons(client):
    """The card of an opportunity (its public facts) is rendered once and kept; how well it
    fits is worked out for each volunteer; an edit of the opportunity shows at once."""
    skill = SkillFactory(name="Teaching")
    opportunity = OpportunityFactory(title="Maths teacher", skills=[skill])
    teacher, other = VolunteerProfileFactory(skills=[skill]), VolunteerProfileFactory()
    listing = reverse("deployments:opportunity-list")

    card = "deployments/includes/opportunity_card.html"

    client.force_login(teacher.user)
    first = client.get(listing).content.decode()
    client.force_login(other.user)
    kept = client.get(listing)
    second = kept.content.decode()
    opportunity.title = "Science teacher"
    opportunity.save()
    third = client.get(listing).content.decode()
    client.force_login(UserFactory(preferred_language="zh-hans"))
    chinese = client.get(listing).content.decode()

    assert "Maths teacher" in first and "Maths teacher" in second
    assert card not in [template.name for template in kept.templates]
    assert "1 of 1 skill" in first and "0 of 1 skill" in second
    assert "Science teacher" in third and "Maths teacher" not in third
    assert "申请截止" in chinese and "apply by" not in chinese
