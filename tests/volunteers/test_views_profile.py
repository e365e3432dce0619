import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CompleteVolunteerProfileFactory,
    SkillFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Skill, VolunteerLanguage, VolunteerProfile

from .helpers import years_ago

pytestmark = pytest.mark.django_db

URL = reverse("volunteers:profile")


def profile_data(**overrides) -> dict:
    """A complete, valid submission of the profile page (one language row, one empty)."""
    data = {
        "name_native_script": "李伟",
        "date_of_birth": "1998-05-04",
        "nationality": "CN",
        "phone": "+86 10 1234 5678",
        "city": "Beijing",
        "country_of_residence": "CN",
        "education_level": "bachelor",
        "education": "Beijing Normal University, 2020",
        "field_of_study": "English education",
        "experience": "Two years teaching English.",
        "other_skills": "",
        "availability_from": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "availability_months": "12",
        "preferred_countries": ["NP", "MM"],
        "emergency_contact_name": "Li Na",
        "emergency_contact_relation": "Sister",
        "emergency_contact_phone": "+86 139 0000 0000",
        "consent": "on",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "20",
        "languages-0-language": "en",
        "languages-0-level": "B2",
        "languages-1-language": "",
        "languages-1-level": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_profile_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_page_shows_an_empty_form_and_what_is_missing(client, volunteer):
    client.force_login(volunteer)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="0"' in html
    assert "Upload your CV" in html
    assert "Add your date of birth" in html
    assert "novalidate" in html
    assert "style=" not in html  # the CSP forbids inline styles
    assert not VolunteerProfile.objects.exists()  # looking writes nothing


def test_profile_page_saves_a_complete_submission(client, volunteer):
    teaching = SkillFactory(name="Teaching")
    SkillFactory(name="First aid")
    client.force_login(volunteer)

    response = client.post(
        URL, profile_data(skills=[str(teaching.pk)], other_skills="first aid, Carpentry")
    )

    assert response.status_code == 302
    assert response.url == URL
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.name_native_script == "李伟"
    assert profile.date_of_birth == datetime.date(1998, 5, 4)
    assert profile.availability_months == 12
    assert profile.consent_given_at is not None
    assert sorted(profile.skills.values_list("name", flat=True)) == [
        "Carpentry",
        "First aid",
        "Teaching",
    ]
    assert list(profile.languages.values_list("language", "level")) == [("en", "B2")]
    assert Skill.objects.count() == 3


def test_profile_page_shows_the_saved_profile_as_nearly_complete(client, volunteer):
    CompleteVolunteerProfileFactory(user=volunteer, cv=False)
    client.force_login(volunteer)

    response = client.get(URL)

    html = response.content.decode()
    assert 'aria-valuenow="92"' in html
    assert "Upload your CV" in html
    assert "Withdraw consent" in html
    assert response.context["completeness"].missing == response.context["completeness"].missing[:1]


def test_profile_page_edits_existing_languages(client, volunteer):
    profile = CompleteVolunteerProfileFactory(user=volunteer)
    english = profile.languages.get()
    client.force_login(volunteer)

    response = client.post(
        URL,
        profile_data(
            skills=[str(skill.pk) for skill in profile.skills.all()],
            **{
                "languages-TOTAL_FORMS": "3",
                "languages-INITIAL_FORMS": "1",
                "languages-0-id": str(english.pk),
                "languages-0-profile": str(profile.pk),
                "languages-0-language": "en",
                "languages-0-level": "C1",
                "languages-0-DELETE": "on",
                "languages-1-language": "ne",
                "languages-1-level": "A2",
                "languages-2-language": "",
                "languages-2-level": "",
            },
        ),
    )

    assert response.status_code == 302
    assert list(profile.languages.values_list("language", "level")) == [("ne", "A2")]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date_of_birth": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "date_of_birth",
            "The date of birth cannot be in the future.",
        ),
        (
            {"date_of_birth": years_ago(18, days=-1).isoformat()},
            "date_of_birth",
            "Volunteers must be at least 18 years old.",
        ),
        (
            {"availability_months": "0"},
            "availability_months",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"availability_months": "25"},
            "availability_months",
            "Ensure this value is less than or equal to 24.",
        ),
        (
            {"nationality": "XX"},
            "nationality",
            "Select a valid choice. XX is not one of the available choices.",
        ),
        (
            {"preferred_countries": ["NP", "QQ"]},
            "preferred_countries",
            "Select a valid choice. QQ is not one of the available choices.",
        ),
    ],
    ids=["born-tomorrow", "under-18", "0-months", "25-months", "unknown-country", "unknown-pref"],
)
def test_profile_page_refuses_bad_input_and_writes_nothing(
    client, volunteer, overrides, field, message
):
    client.force_login(volunteer)

    response = client.post(URL, profile_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert not VolunteerProfile.objects.exists()
    assert not VolunteerLanguage.objects.exists()
    assert not Skill.objects.exists()


def test_profile_page_accepts_someone_18_today(client, volunteer):
    client.force_login(volunteer)

    response = client.post(URL, profile_data(date_of_birth=years_ago(18).isoformat()))

    assert response.status_code == 302


def test_profile_page_refuses_a_language_twice(client, volunteer):
    client.force_login(volunteer)

    response = client.post(
        URL, profile_data(**{"languages-1-language": "en", "languages-1-level": "C1"})
    )

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not VolunteerProfile.objects.exists()


def test_profile_page_refuses_a_language_without_level(client, volunteer):
    client.force_login(volunteer)

    response = client.post(URL, profile_data(**{"languages-0-level": ""}))

    assert response.status_code == 200
    assert response.context["formset"].errors[0] == {"level": ["This field is required."]}
    assert not VolunteerProfile.objects.exists()


def test_profile_page_cannot_untick_consent(client, volunteer):
    given_at = timezone.now() - datetime.timedelta(days=3)
    VolunteerProfileFactory(user=volunteer, consent_given_at=given_at)
    client.force_login(volunteer)

    response = client.post(URL, profile_data(consent=None))  # the box not ticked

    assert response.status_code == 302
    assert VolunteerProfile.objects.get(user=volunteer).consent_given_at == given_at


def test_consent_withdraw_clears_consent(client, volunteer):
    VolunteerProfileFactory(user=volunteer, consent_given_at=timezone.now())
    client.force_login(volunteer)

    response = client.post(reverse("volunteers:consent-withdraw"))

    assert response.status_code == 302
    assert VolunteerProfile.objects.get(user=volunteer).consent_given_at is None


def test_consent_withdraw_needs_post(client, volunteer):
    VolunteerProfileFactory(user=volunteer, consent_given_at=timezone.now())
    client.force_login(volunteer)

    assert client.get(reverse("volunteers:consent-withdraw")).status_code == 405
    assert VolunteerProfile.objects.get(user=volunteer).consent_given_at is not None
