import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    CompleteVolunteerProfileFactory,
    DocumentFactory,
    VolunteerProfileFactory,
)
from volunteers.enums import DocumentKind
from volunteers.selectors import profile_completeness

pytestmark = pytest.mark.django_db

EVERYTHING_MISSING = [
    "Add your date of birth",
    "Add your nationality",
    "Add your phone number",
    "Add the city you live in",
    "Add your level of education",
    "Describe your experience",
    "Add at least one skill",
    "Add at least one language",
    "Say from when and for how many months you are available",
    "Add the name of an emergency contact",
    "Add the phone number of your emergency contact",
    "Give your consent to the processing of your data",
    "Upload your CV",
]


def test_profile_completeness_without_profile_lists_everything(volunteer):
    completeness = profile_completeness(user=volunteer)

    assert [str(message) for message in completeness.missing] == EVERYTHING_MISSING
    assert completeness.percent == 0
    assert completeness.is_complete is False
    assert completeness.width_class == "w-0"


def test_profile_completeness_of_an_empty_profile_lists_everything(volunteer):
    VolunteerProfileFactory(user=volunteer)

    completeness = profile_completeness(user=volunteer)

    assert [str(message) for message in completeness.missing] == EVERYTHING_MISSING
    assert completeness.percent == 0


def test_profile_completeness_of_a_full_profile(volunteer, django_assert_num_queries):
    CompleteVolunteerProfileFactory(user=volunteer)

    with django_assert_num_queries(1):
        completeness = profile_completeness(user=volunteer)

    assert completeness.missing == []
    assert completeness.percent == 100
    assert completeness.is_complete is True
    assert completeness.width_class == "w-100"


def test_profile_completeness_needs_a_cv_not_just_any_document(volunteer):
    CompleteVolunteerProfileFactory(user=volunteer, cv=False)
    DocumentFactory(owner=volunteer, kind=DocumentKind.CERTIFICATE)

    completeness = profile_completeness(user=volunteer)

    assert [str(message) for message in completeness.missing] == ["Upload your CV"]
    assert completeness.percent == 92  # 12 of 13, rounded down
    assert completeness.width_class == "w-75"


def test_profile_completeness_counts_a_cv_before_the_profile_exists(volunteer):
    DocumentFactory(owner=volunteer, kind=DocumentKind.CV)

    completeness = profile_completeness(user=volunteer)

    assert "Upload your CV" not in [str(message) for message in completeness.missing]
    assert completeness.percent == 7


def test_profile_completeness_ignores_another_persons_cv(volunteer, other_volunteer):
    CompleteVolunteerProfileFactory(user=volunteer, cv=False)
    DocumentFactory(owner=other_volunteer, kind=DocumentKind.CV)

    assert [str(m) for m in profile_completeness(user=volunteer).missing] == ["Upload your CV"]


def test_profile_completeness_of_anonymous_lists_everything():
    completeness = profile_completeness(user=AnonymousUser())

    assert [str(message) for message in completeness.missing] == EVERYTHING_MISSING
