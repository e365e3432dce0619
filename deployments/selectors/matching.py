"""How well an opportunity fits a volunteer: skills and languages met, and availability."""

from dataclasses import dataclass

from django.db.models import Prefetch

from volunteers.enums import LanguageLevel
from volunteers.models import VolunteerLanguage, VolunteerProfile

from ..models import Opportunity

SKILLS_WEIGHT, LANGUAGES_WEIGHT, AVAILABILITY_WEIGHT = 50, 35, 15


@dataclass(frozen=True)
class Fit:
    score: int  # 0 to 100
    skills_met: list[str]
    skills_missing: list[str]
    languages_met: list[str]
    languages_missing: list[str]
    available: bool | None  # None when the profile does not say

    @property
    def skills_asked(self) -> int:
        return len(self.skills_met) + len(self.skills_missing)

    @property
    def languages_asked(self) -> int:
        return len(self.languages_met) + len(self.languages_missing)


def matching_profile_get(*, user) -> VolunteerProfile | None:
    """The signed-in person's profile with skills and languages, or None (two queries)."""
    if not user.is_authenticated:
        return None
    return (
        VolunteerProfile.objects.filter(user=user)
        .prefetch_related("skills", Prefetch("languages", queryset=VolunteerLanguage.objects.all()))
        .first()
    )


def _share(met: int, asked: int) -> float:
    return 1.0 if asked == 0 else met / asked


def opportunity_fit(*, opportunity: Opportunity, profile: VolunteerProfile) -> Fit:
    """Uses the prefetched skills and languages of both: no query of its own."""
    offered = {skill.pk for skill in profile.skills.all()}
    asked = list(opportunity.skills.all())
    skills_met = [skill.name for skill in asked if skill.pk in offered]
    skills_missing = [skill.name for skill in asked if skill.pk not in offered]

    spoken = {entry.language: entry.level for entry in profile.languages.all()}
    languages_met, languages_missing = [], []
    for requirement in opportunity.languages.all():
        level = spoken.get(requirement.language)
        enough = level is not None and LanguageLevel.rank(level) >= LanguageLevel.rank(
            requirement.minimum_level
        )
        (languages_met if enough else languages_missing).append(str(requirement))

    available = None
    if profile.availability_from and profile.availability_months:
        available = (
            profile.availability_from <= opportunity.starts_on
            and profile.availability_months >= opportunity.duration_months
        )
    score = (
        SKILLS_WEIGHT * _share(len(skills_met), len(asked))
        + LANGUAGES_WEIGHT * _share(len(languages_met), len(languages_met) + len(languages_missing))
        + AVAILABILITY_WEIGHT * (1.0 if available else 0.0)
    )
    return Fit(
        score=round(score),
        skills_met=skills_met,
        skills_missing=skills_missing,
        languages_met=languages_met,
        languages_missing=languages_missing,
        available=available,
    )


def opportunities_by_fit(opportunities, *, profile: VolunteerProfile) -> list[Opportunity]:
    """Every opportunity, each with `.fit`, best fit first (then the nearest deadline)."""
    rows = list(opportunities)
    for opportunity in rows:
        opportunity.fit = opportunity_fit(opportunity=opportunity, profile=profile)
    return sorted(rows, key=lambda row: (-row.fit.score, row.application_deadline, row.pk))
