"""Opportunity pages per role, making and editing opportunities, and publishing them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from deployments.enums import OpportunityStatus
from deployments.models import Opportunity, OpportunityLanguage, OpportunityStatusChange
from tests.factories import OpportunityFactory, OpportunityLanguageFactory, SkillFactory
from volunteers.models import Skill

pytestmark = pytest.mark.django_db


def local_input(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def opportunity_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "English teacher",
        "description": "Co-teach English with Nepali teachers.",
        "skills": [],
        "new_skills": "Teaching, english",
        "seats": "2",
        "duration_months": "12",
        "starts_on": (today + datetime.timedelta(days=120)).isoformat(),
        "application_deadline": local_input(timezone.now() + datetime.timedelta(days=30)),
        "questions": "Why Nepal?\nDescribe a lesson you taught.",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "1000",
        "languages-0-language": "en",
        "languages-0-minimum_level": "C1",
        "languages-1-language": "",
        "languages-1-minimum_level": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 403),
        ("host_member", 403),
        ("other_member", 403),
        ("coordinator", 200),
        ("other_coordinator", 403),
        ("administrator", 200),
    ],
)
def test_opportunity_create_page_per_role(client_as, recruiting_project, role, expected):
    response = client_as(role).get(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk])
    )

    assert response.status_code == expected


def test_coordinator_creates_a_draft_opportunity(client, coordinator, recruiting_project):
    SkillFactory(name="Teaching")
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk]),
        opportunity_data(),
    )

    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:opportunity-detail", args=[opportunity.pk])
    assert (opportunity.status, opportunity.published_at) == (OpportunityStatus.DRAFT, None)
    assert sorted(opportunity.skills.values_list("name", flat=True)) == ["Teaching", "english"]
    assert Skill.objects.count() == 2
    assert list(opportunity.languages.values_list("language", "minimum_level")) == [("en", "C1")]
    assert opportunity.question_list == ["Why Nepal?", "Describe a lesson you taught."]


@pytest.mark.parametrize("field", ["starts_on", "application_deadline"])
def test_a_date_in_year_9999_is_a_form_error(client, coordinator, recruiting_project, field):
    client.force_login(coordinator)
    value = {"starts_on": "9999-12-01", "application_deadline": "9999-12-31T23:00"}[field]

    response = client.post(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk]),
        opportunity_data(**{field: value}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Enter a date between 1900 and 2100."]
    assert Opportunity.objects.count() == 0


def test_deadline_is_read_in_the_users_time_zone(client, coordinator, recruiting_project):
    coordinator.time_zone = "Asia/Kathmandu"
    coordinator.save()
    client.force_login(coordinator)
    day = timezone.localdate() + datetime.timedelta(days=30)

    client.post(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk]),
        opportunity_data(application_deadline=f"{day.isoformat()}T17:00"),
    )

    deadline = Opportunity.objects.get().application_deadline
    assert deadline == datetime.datetime.combine(day, datetime.time(11, 15), tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"seats": "0"}, "seats"),
        ({"seats": "101"}, "seats"),
        ({"duration_months": "0"}, "duration_months"),
        ({"duration_months": "25"}, "duration_months"),
        ({"title": ""}, "title"),
        ({"application_deadline": "next week"}, "application_deadline"),
        (
            {
                "starts_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
                "application_deadline": local_input(timezone.now() + datetime.timedelta(days=30)),
            },
            "application_deadline",
        ),
    ],
)
def test_opportunity_bad_input_writes_nothing(
    client, coordinator, recruiting_project, overrides, field
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk]),
        opportunity_data(**overrides),
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Opportunity.objects.exists()
    assert not OpportunityLanguage.objects.exists()
    assert not Skill.objects.exists()


def test_unknown_language_is_a_formset_error(client, coordinator, recruiting_project):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk]),
        opportunity_data(**{"languages-0-language": "xx"}),
    )

    assert response.status_code == 200
    assert "language" in response.context["formset"].forms[0].errors
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 404),
        ("volunteer", 404),
        ("host_member", 200),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_draft_opportunity_detail_per_role(client_as, draft_opportunity, role, expected):
    response = client_as(role).get(
        reverse("deployments:opportunity-detail", args=[draft_opportunity.pk])
    )

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("host_member", 403),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_opportunity_update_page_per_role(client_as, draft_opportunity, role, expected):
    response = client_as(role).get(
        reverse("deployments:opportunity-update", args=[draft_opportunity.pk])
    )

    assert response.status_code == expected


def test_coordinator_edits_an_opportunity(client, coordinator, draft_opportunity):
    OpportunityLanguageFactory(opportunity=draft_opportunity, language="en")
    client.force_login(coordinator)
    language = draft_opportunity.languages.get()

    response = client.post(
        reverse("deployments:opportunity-update", args=[draft_opportunity.pk]),
        opportunity_data(
            title="Renamed",
            new_skills="",
            **{
                "languages-INITIAL_FORMS": "1",
                "languages-0-id": language.pk,
                "languages-0-language": "en",
                "languages-0-minimum_level": "B1",
                "languages-1-language": "ne",
                "languages-1-minimum_level": "A2",
            },
        ),
    )

    assert response.status_code == 302
    draft_opportunity.refresh_from_db()
    assert draft_opportunity.title == "Renamed"
    assert sorted(draft_opportunity.languages.values_list("language", "minimum_level")) == [
        ("en", "B1"),
        ("ne", "A2"),
    ]


def test_opportunity_update_bad_input_writes_nothing(client, coordinator, draft_opportunity):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-update", args=[draft_opportunity.pk]),
        opportunity_data(title="Renamed", seats="0"),
    )

    assert "seats" in response.context["form"].errors
    draft_opportunity.refresh_from_db()
    assert (draft_opportunity.title, draft_opportunity.seats) == ("Draft maths teacher", 2)


@pytest.mark.parametrize(
    ("role", "expected", "published"),
    [
        ("anonymous", 302, False),
        ("volunteer", 404, False),
        ("host_member", 403, False),
        ("other_member", 404, False),
        ("coordinator", 302, True),
        ("other_coordinator", 404, False),
        ("administrator", 302, True),
    ],
)
def test_opportunity_transition_per_role(client_as, draft_opportunity, role, expected, published):
    response = client_as(role).post(
        reverse("deployments:opportunity-transition", args=[draft_opportunity.pk]),
        {"to": OpportunityStatus.OPEN},
    )

    assert response.status_code == expected
    draft_opportunity.refresh_from_db()
    assert (draft_opportunity.status == OpportunityStatus.OPEN) is published
    assert (draft_opportunity.published_at is not None) is published


def test_publishing_with_past_deadline_is_a_message(client, coordinator, recruiting_project):
    opportunity = OpportunityFactory(
        project=recruiting_project,
        status=OpportunityStatus.DRAFT,
        published_at=None,
        application_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-transition", args=[opportunity.pk]),
        {"to": OpportunityStatus.OPEN},
        follow=True,
    )

    assert response.status_code == 200
    assert "deadline has passed" in str(next(iter(response.context["messages"])))
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.DRAFT
    assert not OpportunityStatusChange.objects.exists()


def test_publishing_in_unapproved_project_is_a_message(client, coordinator, proposed_project):
    opportunity = OpportunityFactory(
        project=proposed_project, status=OpportunityStatus.DRAFT, published_at=None
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-transition", args=[opportunity.pk]),
        {"to": OpportunityStatus.OPEN},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "The opportunity cannot be published: the project is proposed. "
        "Opportunities are published once the project is approved."
    ]


def test_public_opportunity_detail_names_the_time_zone(client, recruiting_project):
    opportunity = OpportunityFactory(
        project=recruiting_project,
        application_deadline=datetime.datetime(2099, 3, 1, 12, 0, tzinfo=datetime.UTC),
        starts_on=datetime.date(2099, 6, 1),
    )
    OpportunityLanguageFactory(opportunity=opportunity, language="ne", minimum_level="B1")

    body = client.get(reverse("deployments:opportunity-detail", args=[opportunity.pk])).content
    body = body.decode()

    assert "1 Mar 2099, 12:00</time> (UTC)" in body
    assert "Nepali" in body
    assert 'class="sdg-badge sdg-4"' in body
    assert "Sign in to apply" in body


def test_opportunity_deadline_shown_in_the_viewers_zone(client, volunteer, recruiting_project):
    volunteer.time_zone = "Asia/Kathmandu"
    volunteer.save()
    opportunity = OpportunityFactory(
        project=recruiting_project,
        application_deadline=datetime.datetime(2099, 3, 1, 12, 0, tzinfo=datetime.UTC),
        starts_on=datetime.date(2099, 6, 1),
    )
    client.force_login(volunteer)

    body = client.get(reverse("deployments:opportunity-detail", args=[opportunity.pk])).content

    assert "1 Mar 2099, 17:45</time> (Asia/Kathmandu)" in body.decode()
    assert "Sign in to apply" not in body.decode()


def test_a_duration_outside_6_to_12_months_is_saved_with_a_warning(
    client, coordinator, draft_opportunity
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-update", args=[draft_opportunity.pk]),
        opportunity_data(duration_months="18"),
        follow=True,
    )

    warning = "Placements usually last 6 to 12 months. This one lasts 18 months."
    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        ("success", "The opportunity was saved."),
        ("warning", warning),
    ]
    draft_opportunity.refresh_from_db()
    assert draft_opportunity.duration_months == 18
    form = client.get(reverse("deployments:opportunity-update", args=[draft_opportunity.pk]))
    assert warning in form.content.decode()


def test_a_new_opportunity_of_3_months_is_saved_with_a_warning(
    client, coordinator, recruiting_project
):
    client.force_login(coordinator)

    response = client.post(
        reverse("deployments:opportunity-create", args=[recruiting_project.pk]),
        opportunity_data(duration_months="3"),
        follow=True,
    )

    assert ("warning", "Placements usually last 6 to 12 months. This one lasts 3 months.") in [
        (m.level_tag, str(m)) for m in response.context["messages"]
    ]
    assert Opportunity.objects.get(title="English teacher").duration_months == 3
