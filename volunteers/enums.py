from functools import cache

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageLevel(models.TextChoices):
    """CEFR levels, in rising order, and native command."""

    A1 = "A1", _("A1 – Beginner")
    A2 = "A2", _("A2 – Elementary")
    B1 = "B1", _("B1 – Intermediate")
    B2 = "B2", _("B2 – Upper intermediate")
    C1 = "C1", _("C1 – Advanced")
    C2 = "C2", _("C2 – Proficient")
    NATIVE = "native", _("Native")

    @classmethod
    def rank(cls, level: str) -> int:
        return cls.values.index(level)


@cache
def language_choices() -> list[tuple[str, str]]:
    """ISO 639-1 languages by their English names."""
    return sorted(
        (
            (language.alpha_2, language.name)
            for language in pycountry.languages
            if hasattr(language, "alpha_2")
        ),
        key=lambda choice: choice[1],
    )


@cache
def language_names() -> dict[str, str]:
    """Names by code: a model's get_language_display() reads all 184 choices each time, and
    a listing shows a few required languages for every row."""
    return dict(language_choices())


class EducationLevel(models.TextChoices):
    """The highest level of education completed, in rising order."""

    PRIMARY = "primary", _("Primary school")
    SECONDARY = "secondary", _("Secondary school")
    VOCATIONAL = "vocational", _("Vocational training")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    PASSPORT = "passport", _("Passport")
    CERTIFICATE = "certificate", _("Certificate")
    MEDICAL = "medical", _("Medical certificate")
    INSURANCE = "insurance", _("Insurance")
    VISA = "visa", _("Visa")
    OTHER = "other", _("Other")


# Documents that stop being valid on a date the portal must know, to remind before it.
KINDS_WITH_EXPIRY = frozenset({DocumentKind.PASSPORT, DocumentKind.VISA, DocumentKind.INSURANCE})


class DocumentType(models.TextChoices):
    """The file types a document may be, as judged by its content, never by its name."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"

    @property
    def extension(self) -> str:
        return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[self.value]


class ConsentAction(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")
