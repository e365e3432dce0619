"""The fit score ranked in the database agrees with the fit shown for each opportunity."""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from deployments import selectors
from deployments.models import Opportunity
from tests.factories import (
    OpportunityFactory,
    OpportunityLanguageFactory,
    SkillFactory,
    UserFactory,
    VolunteerLanguageFactory,
    VolunteerProfileFactory,
)
from volunteers.enums import LanguageLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills():
    return [SkillFactory(name=f"Skill {letter}") for letter in "ABCD"]


@pytest.fixture
def profile(skills):
    """Speaks English at B2 and Nepali natively, has two of the four skills."""
    profile = VolunteerProfileFactory(
        skills=skills[:2],
        availability_from=timezone.localdate() + datetime.timedelta(days=60),
        availability_months=12,
    )
    VolunteerLanguageFactory(profile=profile, language="en", level=LanguageLevel.B2)
    VolunteerLanguageFactory(profile=profile, language="ne", level=LanguageLevel.NATIVE)
    return profile


def opportunities_of_every_kind(skills):
    """Every mix of asked skills (none to all four, met or not), languages met at, above or
    below the level and not spoken, and availability met or not: scores with ties at .5
    (12.5, 17.5, 22.5 …) that Python rounds to the even integer."""
    language_needs = [
        [],
        [("en", LanguageLevel.B2)],
        [("en", LanguageLevel.C1)],
        [("en", LanguageLevel.A1), ("my", LanguageLevel.A1)],
        [("ne", LanguageLevel.C2), ("fr", LanguageLevel.B1), ("de", LanguageLevel.B1)],
    ]
    skill_sets = [[], skills[:1], skills[2:3], [skills[0], skills[2]], skills, skills[1:]]
    today = timezone.localdate()
    for number, (asked, languages, (starts_in, months)) in enumerate(
        itertools.product(skill_sets, language_needs, [(90, 6), (30, 6), (90, 24)])
    ):
        opportunity = OpportunityFactory(
            title=f"Role {number:03}",
            skills=asked,
            starts_on=today + datetime.timedelta(days=starts_in),
            duration_months=months,
            application_deadline=timezone.now() + datetime.timedelta(days=1 + number % 7),
        )
        for language, level in languages:
            OpportunityLanguageFactory(
                opportunity=opportunity, language=language, minimum_level=level
            )


def test_the_database_scores_every_opportunity_as_python_does(skills, profile):
    opportunities_of_every_kind(skills)
    profile = selectors.matching_profile_get(user=profile.user)

    ranked = list(selectors.opportunities_by_fit(selectors.opportunity_list(), profile=profile))

    python_scores = {
        row.pk: selectors.opportunity_fit(opportunity=row, profile=profile).score
        for row in selectors.opportunity_list()
    }
    assert {row.pk: row.fit_score for row in ranked} == python_scores
    assert len(set(python_scores.values())) > 10
    assert [row.pk for row in ranked] == [
        row.pk
        for row in sorted(
            ranked,
            key=lambda row: (-python_scores[row.pk], row.application_deadline, row.pk),
        )
    ]


def test_a_profile_without_skills_languages_or_availability_is_scored_too(skills):
    opportunities_of_every_kind(skills)
    profile = selectors.matching_profile_get(user=VolunteerProfileFactory().user)

    ranked = selectors.opportunities_by_fit(selectors.opportunity_list(), profile=profile)

    assert {row.pk: row.fit_score for row in ranked} == {
        row.pk: selectors.opportunity_fit(opportunity=row, profile=profile).score
        for row in selectors.opportunity_list()
    }


def test_sorting_by_fit_pages_in_the_database(client, skills, profile):
    opportunities_of_every_kind(skills)
    client.force_login(profile.user)

    first = client.get(reverse("deployments:opportunity-list"), {"sort": "fit"})
    second = client.get(reverse("deployments:opportunity-list"), {"sort": "fit", "page": "2"})

    shown = [*first.context["page_obj"], *second.context["page_obj"]]
    assert len(shown) == 40
    scores = [row.fit.score for row in shown]
    assert scores == sorted(scores, reverse=True)
    ranked = selectors.opportunities_by_fit(selectors.opportunity_list(), profile=profile)
    assert [row.pk for row in shown] == [row.pk for row in ranked[:40]]
    assert Opportunity.objects.count() == 90


@pytest.mark.parametrize("rows", [1, 5])
def test_sorting_by_fit_query_budget(client, skills, profile, django_assert_max_num_queries, rows):
    for _ in range(rows):
        OpportunityLanguageFactory(opportunity=OpportunityFactory(skills=skills[1:3]))
    client.force_login(profile.user)

    # As the listing by deadline: the ranking (its ids) in place of the count, then the rows.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("deployments:opportunity-list"), {"sort": "fit"})

    assert len(response.context["page_obj"]) == rows


def test_someone_without_a_profile_cannot_sort_by_fit(client, skills):
    opportunities_of_every_kind(skills)
    client.force_login(UserFactory())

    response = client.get(reverse("deployments:opportunity-list"), {"sort": "fit"})

    assert response.context["sort_by_fit"] is False
    assert not hasattr(response.context["page_obj"][0], "fit_score")


def ranked_titles(client, **filters) -> list[str]:
    response = client.get(reverse("deployments:opportunity-list"), {"sort": "fit", **filters})
    return [row.title for row in response.context["page_obj"]]


def test_the_ranking_is_kept_for_a_minute_per_profile_and_filter(
    client, skills, profile, django_assert_max_num_queries
):
    OpportunityFactory(title="Fits", skills=skills[:2])
    OpportunityFactory(title="Fits less", skills=skills[2:])
    client.force_login(profile.user)
    assert ranked_titles(client) == ["Fits", "Fits less"]

    OpportunityFactory(title="Opened since", skills=skills[:2])
    kept = ranked_titles(client)
    filtered = ranked_titles(client, q="less")

    assert kept == ["Fits", "Fits less"]
    assert filtered == ["Fits less"]
    cache.clear()
    assert ranked_titles(client) == ["Fits", "Opened since", "Fits less"]


def test_a_change_to_the_profile_ranks_anew_at_once(client, skills, profile):
    OpportunityFactory(title="Asks A and B", skills=skills[:2])
    OpportunityFactory(title="Asks C and D", skills=skills[2:])
    client.force_login(profile.user)
    assert ranked_titles(client)[0] == "Asks A and B"

    profile.skills.set(skills[2:])

    assert ranked_titles(client)[0] == "Asks C and D"


def test_one_volunteers_ranking_is_never_anothers(client, skills, profile):
    OpportunityFactory(title="Asks A and B", skills=skills[:2])
    OpportunityFactory(title="Asks C and D", skills=skills[2:])
    client.force_login(profile.user)
    assert ranked_titles(client)[0] == "Asks A and B"

    client.force_login(VolunteerProfileFactory(skills=skills[2:]).user)

    assert ranked_titles(client)[0] == "Asks C and D"
