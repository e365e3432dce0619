"""How well an opportunity fits a volunteer: skills and languages met, and availability."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf

from volunteers.enums import LanguageLevel
from volunteers.models import VolunteerLanguage, VolunteerProfile

from ..models import Opportunity, OpportunityLanguage
from .counting import count_per_row

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


def _count_per_opportunity(rows: QuerySet) -> Cast:
    """A float, so that dividing two counts divides as Python does."""
    return Cast(count_per_row(rows.filter(opportunity=OuterRef("pk"))), FloatField())


def _share_expression(met: str, asked: str) -> Coalesce:
    """`_share` in SQL, in floating point like Python, so both give the same score; each
    count appears once, so the database computes it once."""
    return Coalesce(F(met) / NullIf(F(asked), Value(0.0)), Value(1.0), output_field=FloatField())


class _RoundHalfEven(Func):
    """Python's round() of a float, ties to the even integer. PostgreSQL rounds a double
    precision so (with the C library's rint on Linux); SQLite rounds ties away from zero, so
    there ties are rounded by hand."""

    function = "ROUND"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        score, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CASE WHEN ({score}) - FLOOR({score}) = 0.5 THEN 2 * ROUND(({score}) / 2.0) "
            f"ELSE ROUND({score}) END)",
            (*params, *params, *params, *params),
        )


def opportunities_by_fit(opportunities, *, profile: VolunteerProfile) -> QuerySet[Opportunity]:
    """The opportunities with `fit_score`, computed in the database as `opportunity_fit`
    computes `score`, best fit first (then the nearest deadline)."""
    skill_ids = [skill.pk for skill in profile.skills.all()]
    requirements = OpportunityLanguage.objects.all()
    met_requirement = Q()
    for entry in profile.languages.all():
        enough = LanguageLevel.values[: LanguageLevel.rank(entry.level) + 1]
        met_requirement |= Q(language=entry.language, minimum_level__in=enough)
    languages_met = (
        _count_per_opportunity(requirements.filter(met_requirement))
        if met_requirement
        else Value(0.0)
    )
    skills = Opportunity.skills.through.objects.all()
    available = Value(0.0)
    if profile.availability_from and profile.availability_months:
        available = Case(
            When(
                Q(starts_on__gte=profile.availability_from)
                & Q(duration_months__lte=profile.availability_months),
                then=Value(1.0),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return (
        opportunities.annotate(
            skills_asked=_count_per_opportunity(skills),
            skills_met=_count_per_opportunity(skills.filter(skill__in=skill_ids))
            if skill_ids
            else Value(0.0),
            languages_asked=_count_per_opportunity(requirements),
            languages_met=languages_met,
        )
        .annotate(
            exact_fit=Value(float(SKILLS_WEIGHT)) * _share_expression("skills_met", "skills_asked")
            + Value(float(LANGUAGES_WEIGHT)) * _share_expression("languages_met", "languages_asked")
            + Value(float(AVAILABILITY_WEIGHT)) * available
        )
        .annotate(fit_score=Cast(_RoundHalfEven("exact_fit"), IntegerField()))
        .order_by("-fit_score", "application_deadline", "pk")
    )


def opportunity_ids_by_fit(opportunities, *, profile: VolunteerProfile, filters: dict) -> list[int]:
    """The ids of `opportunities` (filtered by `filters`) best fit first, as
    `opportunities_by_fit` orders them, kept per profile as it stands and per filter for
    settings.PUBLIC_LISTING_CACHE_SECONDS: ranking scores every open opportunity, thousands in
    a large network, and a volunteer reads the ranking page after page. A change to the
    profile's skills, languages or availability ranks anew at once; an opportunity opened or
    closed meanwhile enters or leaves the ranking within that time, as on the public listing
    (the rows shown are always read afresh, with their fit)."""

    def ranked() -> list[int]:
        return list(
            opportunities_by_fit(opportunities, profile=profile).values_list("pk", flat=True)
        )

    if not settings.PUBLIC_LISTING_CACHE_SECONDS:
        return ranked()
    stands = (
        profile.pk,
        sorted(skill.pk for skill in profile.skills.all()),
        sorted((entry.language, entry.level) for entry in profile.languages.all()),
        profile.availability_from,
        profile.availability_months,
        sorted((name, str(getattr(value, "pk", value))) for name, value in filters.items()),
    )
    key = "fit-ranking:" + hashlib.sha256(repr(stands).encode()).hexdigest()
    return cache.get_or_set(key, ranked, settings.PUBLIC_LISTING_CACHE_SECONDS)
