import posixpath
import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .enums import (
    KINDS_WITH_EXPIRY,
    ConsentAction,
    DocumentKind,
    DocumentType,
    EducationLevel,
    LanguageLevel,
    language_choices,
    language_names,
)

MIN_AVAILABILITY_MONTHS = 1
MAX_AVAILABILITY_MONTHS = 24


def private_storage():
    return storages["private"]


class Skill(models.Model):
    """A skill a volunteer offers and an opportunity asks for, from one shared vocabulary."""

    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="volunteers_skill_name_ci_unique")
        ]

    def __str__(self):
        return self.name


class VolunteerProfile(models.Model):
    """What a volunteer tells the programmes about themselves; one per person.

    Every field may be empty while the profile is being filled in;
    `selectors.profile_completeness` says what is still missing.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    name_native_script = models.CharField(
        _("name in native script"),
        max_length=200,
        blank=True,
        help_text=_("Your name as written in your own script, for example 李伟."),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("With the country code, for example +86 10 1234 5678."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country_of_residence = CountryField(_("country of residence"), blank=True)
    education_level = models.CharField(
        _("level of education"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    education = models.TextField(
        _("education"),
        blank=True,
        help_text=_("Schools and universities, degrees and years."),
    )
    field_of_study = models.CharField(_("field of study"), max_length=200, blank=True)
    experience = models.TextField(
        _("experience"),
        blank=True,
        help_text=_("Work and volunteering you have done, especially abroad."),
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills"), related_name="volunteer_profiles", blank=True
    )
    availability_from = models.DateField(_("available from"), null=True, blank=True)
    availability_months = models.PositiveSmallIntegerField(
        _("available for (months)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_AVAILABILITY_MONTHS),
            MaxValueValidator(MAX_AVAILABILITY_MONTHS),
        ],
        help_text=_("Between 1 and 24 months."),
    )
    preferred_countries = CountryField(_("preferred countries"), multiple=True, blank=True)
    emergency_contact_name = models.CharField(
        _("emergency contact's name"), max_length=200, blank=True
    )
    emergency_contact_relation = models.CharField(_("relation to you"), max_length=100, blank=True)
    emergency_contact_phone = models.CharField(
        _("emergency contact's phone"), max_length=40, blank=True
    )
    consent_given_at = models.DateTimeField(
        _("consent to data processing given at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        ordering = ["user__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(availability_months__isnull=True)
                | Q(
                    availability_months__gte=MIN_AVAILABILITY_MONTHS,
                    availability_months__lte=MAX_AVAILABILITY_MONTHS,
                ),
                name="volunteers_profile_availability_months_range",
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def has_consented(self) -> bool:
        return self.consent_given_at is not None


class VolunteerLanguage(models.Model):
    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=3, choices=language_choices)
    level = models.CharField(_("level"), max_length=10, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="volunteers_volunteerlanguage_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__in=LanguageLevel.values),
                name="volunteers_volunteerlanguage_level_valid",
            ),
        ]

    def __str__(self):
        language = language_names().get(self.language, self.language)
        return f"{language} ({self.get_level_display()})"


def document_path(document, filename) -> str:
    """A random path; the person's own file name is kept in the row, never in storage."""
    try:
        extension = DocumentType(document.content_type).extension
    except ValueError:
        extension = ""
    return f"volunteer-documents/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


class Document(models.Model):
    """A volunteer's private file (CV, passport …), served only through a checked view."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="volunteer_documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=document_path, max_length=200
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50, choices=DocumentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("Required for a passport, visa or insurance."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-uploaded_at"]
        indexes = [models.Index(fields=["owner", "kind"], name="volunteers_doc_owner_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values),
                name="volunteers_document_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=DocumentType.values),
                name="volunteers_document_content_type_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(KINDS_WITH_EXPIRY)) | Q(expires_on__isnull=False),
                name="volunteers_document_expiry_when_needed",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_filename}"

    @property
    def download_name(self) -> str:
        """The person's file name, with the extension of the type its content really is."""
        stem = posixpath.splitext(self.original_filename)[0]
        try:
            extension = DocumentType(self.content_type).extension
        except ValueError:
            extension = ""
        return f"{stem or 'document'}{extension}"


class ConsentRecord(models.Model):
    """One giving or withdrawal of consent to data processing, with the policy version then.

    Kept for good: the profile's `consent_given_at` says only whether consent stands now.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    action = models.CharField(_("action"), max_length=10, choices=ConsentAction.choices)
    policy_version = models.CharField(_("privacy policy version"), max_length=40, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["user", "at"], name="volunteers_consent_user_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ConsentAction.values),
                name="volunteers_consentrecord_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.action} ({self.policy_version}) @ {self.at:%Y-%m-%d}"
