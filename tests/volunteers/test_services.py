import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import (
    CompleteVolunteerProfileFactory,
    DocumentFactory,
    SkillFactory,
    VolunteerProfileFactory,
)
from volunteers import services
from volunteers.enums import DocumentKind, LanguageLevel
from volunteers.models import Document, Skill, VolunteerProfile

from .helpers import MINIMAL_JPEG, MINIMAL_PDF, MINIMAL_PNG, TEN_MB, stored_files, upload, years_ago

pytestmark = pytest.mark.django_db


# Profile ---------------------------------------------------------------------------------


def test_profile_save_creates_the_profile_on_first_save(volunteer):
    teaching = SkillFactory(name="Teaching")

    profile = services.profile_save(
        user=volunteer,
        name_native_script="李伟",
        date_of_birth=datetime.date(1998, 5, 4),
        nationality="CN",
        city="Beijing",
        availability_months=12,
        preferred_countries=["NP", "MM"],
        skills=[teaching],
        languages=[("zh", LanguageLevel.NATIVE), ("en", LanguageLevel.B2)],
    )

    profile.refresh_from_db()
    assert profile.user == volunteer
    assert profile.name_native_script == "李伟"
    assert profile.nationality.code == "CN"
    assert [country.code for country in profile.preferred_countries] == ["MM", "NP"]
    assert list(profile.skills.all()) == [teaching]
    assert sorted(profile.languages.values_list("language", "level")) == [
        ("en", "B2"),
        ("zh", "native"),
    ]
    assert profile.consent_given_at is None


def test_profile_save_updates_the_same_profile_and_keeps_what_is_not_given(volunteer):
    profile = CompleteVolunteerProfileFactory(user=volunteer)

    services.profile_save(user=volunteer, city="Shanghai")

    assert VolunteerProfile.objects.count() == 1
    profile.refresh_from_db()
    assert profile.city == "Shanghai"
    assert profile.nationality.code == "CN"
    assert list(profile.skills.values_list("name", flat=True)) == ["Teaching"]
    assert list(profile.languages.values_list("language", flat=True)) == ["en"]


def test_profile_save_replaces_languages(volunteer):
    profile = CompleteVolunteerProfileFactory(user=volunteer)

    services.profile_save(user=volunteer, languages=[("ne", LanguageLevel.A2)])

    assert list(profile.languages.values_list("language", "level")) == [("ne", "A2")]


def test_profile_save_refuses_a_language_listed_twice_and_writes_nothing(volunteer):
    with pytest.raises(ValidationError) as error:
        services.profile_save(
            user=volunteer,
            city="Beijing",
            languages=[("en", LanguageLevel.B2), ("en", LanguageLevel.C1)],
        )
    assert error.value.message_dict == {"languages": ["Each language may be listed only once."]}
    assert not VolunteerProfile.objects.exists()


@pytest.mark.parametrize("months", [0, 25])
def test_profile_save_refuses_availability_outside_1_to_24_months(volunteer, months):
    with pytest.raises(ValidationError) as error:
        services.profile_save(user=volunteer, availability_months=months)
    assert "availability_months" in error.value.message_dict
    assert not VolunteerProfile.objects.exists()


def test_profile_save_refuses_someone_under_18(volunteer):
    with pytest.raises(ValidationError) as error:
        services.profile_save(user=volunteer, date_of_birth=years_ago(18, days=-1))
    assert error.value.message_dict == {
        "date_of_birth": ["Volunteers must be at least 18 years old."]
    }
    assert not VolunteerProfile.objects.exists()


def test_profile_save_adds_other_skills_by_name(volunteer):
    SkillFactory(name="First aid")

    profile = services.profile_save(
        user=volunteer, skills=[], other_skills="first AID, Mandarin teaching ,, "
    )

    assert sorted(profile.skills.values_list("name", flat=True)) == [
        "First aid",
        "Mandarin teaching",
    ]
    assert Skill.objects.count() == 2


def test_skills_add_by_name_matches_case_insensitively_and_creates_new_ones(db):
    existing = SkillFactory(name="Public health")

    skills = services.skills_add_by_name(names="PUBLIC HEALTH, Carpentry, carpentry,  ")

    assert skills[0] == existing
    assert [skill.name for skill in skills] == ["Public health", "Carpentry"]
    assert sorted(Skill.objects.values_list("name", flat=True)) == ["Carpentry", "Public health"]


def test_skills_add_by_name_refuses_a_too_long_name(db):
    with pytest.raises(ValidationError):
        services.skills_add_by_name(names=["x" * 81])
    assert not Skill.objects.exists()


def test_profile_save_with_consent_records_the_time(volunteer):
    before = timezone.now()

    profile = services.profile_save(user=volunteer, consent=True)

    assert before <= profile.consent_given_at <= timezone.now()


def test_profile_save_keeps_the_first_consent_time(volunteer):
    given_at = timezone.now() - datetime.timedelta(days=30)
    VolunteerProfileFactory(user=volunteer, consent_given_at=given_at)

    profile = services.profile_save(user=volunteer, consent=True)

    assert profile.consent_given_at == given_at


def test_profile_save_does_not_untick_consent(volunteer):
    given_at = timezone.now() - datetime.timedelta(days=30)
    profile = VolunteerProfileFactory(user=volunteer, consent_given_at=given_at)

    with pytest.raises(ValidationError) as error:
        services.profile_save(user=volunteer, consent=False, city="Beijing")

    assert list(error.value.message_dict) == ["consent"]
    profile.refresh_from_db()
    assert profile.consent_given_at == given_at
    assert profile.city == ""


def test_consent_withdraw_clears_the_time_and_give_sets_it_again(volunteer):
    VolunteerProfileFactory(user=volunteer, consent_given_at=timezone.now())

    assert services.consent_withdraw(user=volunteer) is True
    assert services.consent_withdraw(user=volunteer) is False
    assert VolunteerProfile.objects.get(user=volunteer).consent_given_at is None

    assert services.consent_give(user=volunteer) is True
    assert services.consent_give(user=volunteer) is False
    assert VolunteerProfile.objects.get(user=volunteer).consent_given_at is not None


def test_consent_withdraw_without_profile_changes_nothing(volunteer):
    assert services.consent_withdraw(user=volunteer) is False
    assert not VolunteerProfile.objects.exists()


# Documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("curriculum vitae.pdf", MINIMAL_PDF, "application/pdf"),
        ("scan.jpeg", MINIMAL_JPEG, "image/jpeg"),
        ("photo.png", MINIMAL_PNG, "image/png"),
    ],
)
def test_document_upload_stores_pdf_jpeg_png_privately(volunteer, name, data, content_type):
    before = stored_files()

    document = services.document_upload(
        owner=volunteer, kind=DocumentKind.CERTIFICATE, file=upload(name, data, "text/plain")
    )

    document.refresh_from_db()
    assert document.content_type == content_type  # sniffed, not what the browser said
    assert document.original_filename == name
    assert document.size == len(data)
    new_files = stored_files() - before
    assert len(new_files) == 1
    path = new_files.pop()
    assert path.is_relative_to(Path(settings.PRIVATE_STORAGE_ROOT))
    assert path.read_bytes() == data
    assert name not in str(path)  # a random name, not the person's


@pytest.mark.parametrize(
    "data",
    [
        b"Plain text with a .pdf name\n",
        b"<html><body onload='alert(1)'>not a pdf</body></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run",
    ],
    ids=["text", "html", "exe"],
)
def test_document_upload_refuses_a_pdf_name_on_other_content(volunteer, data):
    before = stored_files()

    with pytest.raises(ValidationError) as error:
        services.document_upload(owner=volunteer, kind=DocumentKind.CV, file=upload("cv.pdf", data))

    assert list(error.value.message_dict) == ["file"]
    assert not Document.objects.exists()
    assert stored_files() == before


def test_document_upload_refuses_more_than_10_mb_and_stores_nothing(volunteer):
    before = stored_files()
    big = upload("big.pdf", b"%PDF-1.4\n" + b"0" * TEN_MB)

    with pytest.raises(ValidationError) as error:
        services.document_upload(owner=volunteer, kind=DocumentKind.CV, file=big)

    assert error.value.message_dict["file"][0].startswith("This file is larger than 10 MB.")
    assert not Document.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize("kind", [DocumentKind.PASSPORT, DocumentKind.VISA, DocumentKind.INSURANCE])
def test_document_upload_needs_an_expiry_date_for_passport_visa_insurance(volunteer, kind):
    before = stored_files()

    with pytest.raises(ValidationError) as error:
        services.document_upload(owner=volunteer, kind=kind, file=upload("p.pdf", MINIMAL_PDF))

    assert error.value.message_dict == {
        "expires_on": [
            "Add the expiry date: it is required for a passport, a visa and an insurance."
        ]
    }
    assert not Document.objects.exists()
    assert stored_files() == before


def test_document_upload_of_a_passport_with_expiry(volunteer):
    expires_on = timezone.localdate() + datetime.timedelta(days=900)

    document = services.document_upload(
        owner=volunteer,
        kind=DocumentKind.PASSPORT,
        file=upload("passport.jpg", MINIMAL_JPEG, "image/jpeg"),
        expires_on=expires_on,
    )

    assert document.expires_on == expires_on
    assert document.download_name == "passport.jpg"


def test_document_upload_keeps_only_the_base_name(volunteer):
    document = services.document_upload(
        owner=volunteer,
        kind=DocumentKind.OTHER,
        file=upload("..\\..\\etc\\evil\x00name.pdf", MINIMAL_PDF),
    )
    assert document.original_filename == "evilname.pdf"


def test_document_delete_removes_the_file_after_commit(
    volunteer, django_capture_on_commit_callbacks
):
    document = DocumentFactory(owner=volunteer)
    path = Path(document.file.path)
    assert path.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document)
        assert path.is_file()  # still there until the transaction commits

    assert not Document.objects.exists()
    assert not path.exists()


def test_skills_typed_with_chinese_commas_are_split():
    from volunteers.services import skills_add_by_name

    skills = skills_add_by_name(names="教学，英语、数学; First aid")

    assert [skill.name for skill in skills] == ["教学", "英语", "数学", "First aid"]
