"""Reads of profiles and documents, each shaped for the page or caller that needs it."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .enums import DocumentKind
from .models import ConsentRecord, Document, VolunteerLanguage, VolunteerProfile


@dataclass(frozen=True)
class Completeness:
    """How much of what a complete profile needs is there, and what is still missing."""

    percent: int
    missing: list[Promise]
    is_complete: bool

    @property
    def width_class(self) -> str:
        """A Bootstrap width class, rounded down to a quarter (the CSP forbids style="")."""
        quarters = self.percent // 25
        return ("w-0", "w-25", "w-50", "w-75", "w-100")[quarters]


# Everything a complete profile needs, in the order the profile page asks for it.
_REQUIREMENTS: tuple[tuple[str, Promise], ...] = (
    ("date_of_birth", _("Add your date of birth")),
    ("nationality", _("Add your nationality")),
    ("phone", _("Add your phone number")),
    ("city", _("Add the city you live in")),
    ("education", _("Add your level of education")),
    ("experience", _("Describe your experience")),
    ("skills", _("Add at least one skill")),
    ("languages", _("Add at least one language")),
    ("availability", _("Say from when and for how many months you are available")),
    ("emergency_contact_name", _("Add the name of an emergency contact")),
    ("emergency_contact_phone", _("Add the phone number of your emergency contact")),
    ("consent", _("Give your consent to the processing of your data")),
    ("cv", _("Upload your CV")),
)


def _profile_checks(profile: VolunteerProfile | None) -> dict[str, bool]:
    if profile is None:
        return {}
    return {
        "date_of_birth": profile.date_of_birth is not None,
        "nationality": bool(profile.nationality),
        "phone": bool(profile.phone.strip()),
        "city": bool(profile.city.strip()),
        "education": bool(profile.education_level),
        "experience": bool(profile.experience.strip()),
        "skills": profile.has_skill,
        "languages": profile.has_language,
        "availability": (
            profile.availability_from is not None and profile.availability_months is not None
        ),
        "emergency_contact_name": bool(profile.emergency_contact_name.strip()),
        "emergency_contact_phone": bool(profile.emergency_contact_phone.strip()),
        "consent": profile.consent_given_at is not None,
    }


def profile_completeness(*, user) -> Completeness:
    """What the person's volunteer profile still lacks; complete is what applying needs.

    One query with a profile, two without one (anonymous users: none).
    """
    if not user.is_authenticated:
        return Completeness(percent=0, missing=[m for _n, m in _REQUIREMENTS], is_complete=False)
    has_cv = Document.objects.filter(owner=user, kind=DocumentKind.CV)
    profile = (
        VolunteerProfile.objects.filter(user=user)
        .annotate(
            has_skill=Exists(
                VolunteerProfile.skills.through.objects.filter(volunteerprofile_id=OuterRef("pk"))
            ),
            has_language=Exists(VolunteerLanguage.objects.filter(profile_id=OuterRef("pk"))),
            has_cv=Exists(has_cv),
        )
        .first()
    )
    checks = _profile_checks(profile)
    checks["cv"] = profile.has_cv if profile is not None else has_cv.exists()
    missing = [message for name, message in _REQUIREMENTS if not checks.get(name)]
    done = len(_REQUIREMENTS) - len(missing)
    return Completeness(
        percent=done * 100 // len(_REQUIREMENTS), missing=missing, is_complete=not missing
    )


def profile_get(*, user) -> VolunteerProfile | None:
    """The person's profile with its skills and languages, or None before the first save."""
    return (
        VolunteerProfile.objects.filter(user=user).prefetch_related("skills", "languages").first()
    )


def document_list(*, owner) -> QuerySet[Document]:
    return Document.objects.filter(owner=owner).order_by("kind", "-uploaded_at")


def document_get(*, pk) -> Document | None:
    return Document.objects.select_related("owner").filter(pk=pk).first()


def consent_record_list(*, user) -> QuerySet[ConsentRecord]:
    """Each time the person gave or withdrew consent, newest first."""
    return ConsentRecord.objects.filter(user=user).order_by("-at", "-pk")
