import datetime

import factory
from django.utils import timezone

from volunteers.enums import (
    KINDS_WITH_EXPIRY,
    DocumentKind,
    DocumentType,
    EducationLevel,
    LanguageLevel,
)
from volunteers.models import Document, Skill, VolunteerLanguage, VolunteerProfile

from .users import UserFactory

# The smallest files each accepted type starts like; enough for the content check.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
MINIMAL_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
MINIMAL_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\x00IEND\xaeB`\x82"
)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Skill {n}")


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    """An empty profile; `CompleteVolunteerProfileFactory` fills in what applying needs."""

    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class VolunteerLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerLanguage

    profile = factory.SubFactory(VolunteerProfileFactory)
    language = "en"
    level = LanguageLevel.B2


class DocumentFactory(factory.django.DjangoModelFactory):
    """A PDF in the private storage (the test settings' temporary folder)."""

    class Meta:
        model = Document

    owner = factory.SubFactory(UserFactory)
    kind = DocumentKind.CV
    original_filename = "cv.pdf"
    content_type = DocumentType.PDF
    file = factory.django.FileField(data=MINIMAL_PDF, filename="cv.pdf")
    size = len(MINIMAL_PDF)
    expires_on = factory.Maybe(
        factory.LazyAttribute(lambda document: document.kind in KINDS_WITH_EXPIRY),
        yes_declaration=factory.LazyFunction(
            lambda: timezone.localdate() + datetime.timedelta(days=730)
        ),
        no_declaration=None,
    )


class CompleteVolunteerProfileFactory(VolunteerProfileFactory):
    """Everything a complete profile needs, including a language, a skill and a CV."""

    date_of_birth = datetime.date(1998, 5, 4)
    nationality = "CN"
    phone = "+86 10 1234 5678"
    city = "Beijing"
    country_of_residence = "CN"
    education_level = EducationLevel.BACHELOR
    education = "Beijing Normal University, BA in English education, 2020"
    field_of_study = "English education"
    experience = "Two years teaching English at a middle school in Hebei."
    availability_from = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60)
    )
    availability_months = 12
    emergency_contact_name = "Li Na"
    emergency_contact_relation = "Sister"
    emergency_contact_phone = "+86 139 0000 0000"
    consent_given_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create:
            self.skills.set(extracted or [SkillFactory(name="Teaching")])

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            for language, level in extracted or [("en", LanguageLevel.C1)]:
                VolunteerLanguageFactory(profile=self, language=language, level=level)

    @factory.post_generation
    def cv(self, create, extracted, **kwargs):
        if create and extracted is not False:
            DocumentFactory(owner=self.user, kind=DocumentKind.CV)
