"""Every change to volunteer profiles, skills and documents happens here.

Each use-case is keyword-only and atomic; a refused change raises ValidationError with
messages for the person, keyed by the form field they concern where there is one.
"""

import logging
import posixpath
import re
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import KINDS_WITH_EXPIRY, ConsentAction, DocumentKind, LanguageLevel, language_choices
from .models import ConsentRecord, Document, Skill, VolunteerLanguage, VolunteerProfile
from .validators import sniff_document_type, validate_date_of_birth, validate_document_size

logger = logging.getLogger(__name__)

PROFILE_FIELDS = (
    "name_native_script",
    "date_of_birth",
    "nationality",
    "phone",
    "city",
    "country_of_residence",
    "education_level",
    "education",
    "field_of_study",
    "experience",
    "availability_from",
    "availability_months",
    "preferred_countries",
    "emergency_contact_name",
    "emergency_contact_relation",
    "emergency_contact_phone",
)
SKILL_NAME_MAX_LENGTH = Skill._meta.get_field("name").max_length
SKILL_SEPARATORS = re.compile(r"[,，、;；]")
FILENAME_MAX_LENGTH = Document._meta.get_field("original_filename").max_length


# Profile ---------------------------------------------------------------------------------


def _locked_profile(user) -> VolunteerProfile:
    """The person's profile, locked for this transaction; a new unsaved one before the first."""
    profile = VolunteerProfile.objects.select_for_update().filter(user=user).first()
    return profile if profile is not None else VolunteerProfile(user=user)


@transaction.atomic
def profile_save(
    *,
    user,
    skills: Iterable[Skill] | None = None,
    other_skills: str = "",
    languages: Iterable[tuple[str, str]] | None = None,
    consent: bool | None = None,
    **fields,
) -> VolunteerProfile:
    """Saves the fields given (creating the profile on the first save).

    `skills` replaces the chosen skills (None keeps them) and `other_skills`, comma
    separated, adds skills by name. `languages`, (ISO 639-1 code, level) pairs, replaces
    the languages (None keeps them). `consent=True` gives consent to data processing now
    unless it was given before; consent once given is only taken back by
    `consent_withdraw`, never by `consent=False`.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"profile_save() got unknown fields: {', '.join(sorted(unknown))}")
    profile = _locked_profile(user)
    for name, value in fields.items():
        setattr(profile, name, value)
    if fields.get("date_of_birth"):
        try:
            validate_date_of_birth(fields["date_of_birth"])
        except ValidationError as error:
            raise ValidationError({"date_of_birth": error.error_list}) from None
    if consent is False and profile.consent_given_at is not None:
        raise ValidationError(
            {
                "consent": _(
                    "You gave your consent on %(date)s. To take it back, use “Withdraw consent”."
                )
                % {"date": f"{timezone.localtime(profile.consent_given_at):%Y-%m-%d}"}
            },
            code="consent_kept",
        )
    consented = bool(consent and profile.consent_given_at is None)
    if consented:
        profile.consent_given_at = timezone.now()
    profile.full_clean(exclude=["user"])
    profile.save()
    if consented:
        _consent_record(user=user, action=ConsentAction.GIVEN, at=profile.consent_given_at)

    added = []
    if other_skills.strip():
        try:
            added = skills_add_by_name(names=other_skills)
        except ValidationError as error:
            raise ValidationError({"other_skills": error.error_list}) from None
    if skills is not None:
        profile.skills.set([*skills, *added])
    elif added:
        profile.skills.add(*added)
    if languages is not None:
        _languages_replace(profile, list(languages))
    return profile


def _languages_replace(profile: VolunteerProfile, languages: list[tuple[str, str]]) -> None:
    codes = {code for code, _name in language_choices()}
    seen = set()
    for language, level in languages:
        if language not in codes or level not in LanguageLevel.values:
            raise ValidationError(
                {"languages": _("Choose a language and a level from the lists.")},
                code="unknown_language",
            )
        if language in seen:
            raise ValidationError(
                {"languages": _("Each language may be listed only once.")},
                code="duplicate_language",
            )
        seen.add(language)
    profile.languages.all().delete()
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(profile=profile, language=language, level=level)
        for language, level in languages
    )


@transaction.atomic
def consent_give(*, user) -> bool:
    """Records consent to data processing now; returns False when it was already given."""
    profile = _locked_profile(user)
    if profile.consent_given_at is not None:
        return False
    profile.consent_given_at = timezone.now()
    profile.save()
    _consent_record(user=user, action=ConsentAction.GIVEN, at=profile.consent_given_at)
    return True


@transaction.atomic
def consent_withdraw(*, user) -> bool:
    """Takes consent back; returns False when none was given."""
    profile = VolunteerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.consent_given_at is None:
        return False
    profile.consent_given_at = None
    profile.save(update_fields=["consent_given_at", "updated_at"])
    _consent_record(user=user, action=ConsentAction.WITHDRAWN, at=timezone.now())
    return True


def _consent_record(*, user, action: str, at) -> ConsentRecord:
    """Keeps the giving or withdrawal with the privacy policy version in force."""
    return ConsentRecord.objects.create(
        user=user, action=action, policy_version=settings.PRIVACY_POLICY_VERSION, at=at
    )


# Skills ----------------------------------------------------------------------------------


def _skill_names(names: str | Iterable[str]) -> list[str]:
    """Trimmed names, without blanks or case-insensitive repeats, in the given order.

    A string is split at commas, Chinese ones (，、) included, and semicolons.
    """
    parts = SKILL_SEPARATORS.split(names) if isinstance(names, str) else names
    result, seen = [], set()
    for part in parts:
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


@transaction.atomic
def skills_add_by_name(*, names: str | Iterable[str]) -> list[Skill]:
    """The skills with these names (a string is split at commas), created when new.

    Names match case-insensitively, so "first aid" finds an existing "First aid".
    """
    names = _skill_names(names)
    too_long = [name for name in names if len(name) > SKILL_NAME_MAX_LENGTH]
    if too_long:
        raise ValidationError(
            _("A skill's name may be at most %(limit)d characters: %(name)s")
            % {"limit": SKILL_NAME_MAX_LENGTH, "name": too_long[0]},
            code="skill_name_too_long",
        )
    skills = []
    for name in names:
        skill = Skill.objects.filter(name__iexact=name).first()
        if skill is None:
            try:
                with transaction.atomic():
                    skill = Skill.objects.create(name=name)
            except IntegrityError:  # created meanwhile by someone else
                skill = Skill.objects.get(name__iexact=name)
        skills.append(skill)
    return skills


# Documents -------------------------------------------------------------------------------


def _clean_filename(name: str) -> str:
    """The file's own name, without folders or control characters, at most 255 long."""
    base = posixpath.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if len(base) > FILENAME_MAX_LENGTH:
        stem, extension = posixpath.splitext(base)
        base = stem[: FILENAME_MAX_LENGTH - len(extension[:10])] + extension[:10]
    return base or "document"


def document_check(*, kind: str, file, expires_on=None) -> str:
    """Refuses a document that is not a PDF, JPEG or PNG by content, is over 10 MB, or
    lacks the expiry date its kind needs; returns the sniffed MIME type."""
    errors: dict[str, list] = {}
    content_type = ""
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind of document from the list.")]
    if file is None:
        errors["file"] = [_("Choose a file to upload.")]
    else:
        try:
            validate_document_size(file)
            content_type = sniff_document_type(file)
        except ValidationError as error:
            errors["file"] = error.error_list
    if kind in KINDS_WITH_EXPIRY and expires_on is None:
        errors["expires_on"] = [
            _("Add the expiry date: it is required for a passport, a visa and an insurance.")
        ]
    if errors:
        raise ValidationError(errors)
    return content_type


@transaction.atomic
def document_upload(*, owner, kind: str, file, expires_on=None) -> Document:
    """Stores the file in private storage under a random name and records it.

    Nothing is stored when the document is refused.
    """
    content_type = document_check(kind=kind, file=file, expires_on=expires_on)
    document = Document(
        owner=owner,
        kind=kind,
        original_filename=_clean_filename(file.name),
        content_type=content_type,
        size=file.size,
        expires_on=expires_on,
    )
    document.full_clean(exclude=["file", "owner"])
    file.seek(0)
    document.file.save(file.name or "document", file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Deletes the record now and its file once the deletion has committed."""
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
