"""Reads for applications and reviews, each in a fixed number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from partners.models import Membership, Organisation
from users.rules import is_administrator

from ..enums import ApplicationStatus
from ..models import (
    Application,
    ApplicationEvent,
    ApplicationRelease,
    Opportunity,
    Review,
    ReviewAssignment,
)
from ..rules import coordinated_programme_ids, partner_organisations_of_programmes
from .counting import count_per_row


def _review_mean(prefix: str = ""):
    """A review's mean score; `prefix` reaches the review from the rows queried."""
    return (
        Cast(F(f"{prefix}skills_fit"), FloatField())
        + Cast(F(f"{prefix}language"), FloatField())
        + Cast(F(f"{prefix}motivation"), FloatField())
        + Cast(F(f"{prefix}intercultural_readiness"), FloatField())
    ) / 4.0


_REVIEW_MEAN = _review_mean("reviews__")
_SCORED = Q(reviews__conflict_of_interest=False)


def _with_scores(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.annotate(
        mean_score=Avg(_REVIEW_MEAN, filter=_SCORED),
        review_count=Count("reviews", filter=_SCORED, distinct=True),
    )


def application_list_for_volunteer(*, volunteer) -> QuerySet[Application]:
    return Application.objects.filter(volunteer=volunteer).select_related(
        "opportunity", "opportunity__project", "opportunity__project__host_partner"
    )


def application_programme_list(*, viewer, status: str = "") -> QuerySet[Application]:
    """Applications (drafts excluded) to the programmes the viewer coordinates, all of them
    for an administrator; best reviewed first, as in an opportunity's pipeline."""
    applications = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    if not is_administrator(viewer):
        applications = applications.filter(
            opportunity__project__programme__in=coordinated_programme_ids(viewer)
        )
    if status:
        applications = applications.filter(status=status)
    return _with_scores(
        applications.select_related(
            "volunteer", "opportunity", "opportunity__project", "opportunity__project__programme"
        )
    ).order_by(F("mean_score").desc(nulls_last=True), "submitted_at", "pk")


def review_list(*, reviewer) -> QuerySet[Review]:
    """The reviews the reviewer wrote, newest first."""
    return (
        Review.objects.filter(reviewer=reviewer)
        .select_related("application", "organisation")
        .order_by("-submitted_at", "-pk")
    )


def application_get(*, pk: int) -> Application:
    """One application with everything its page shows; 404 when there is none."""
    return get_object_or_404(
        Application.objects.select_related(
            "volunteer",
            "volunteer__volunteer_profile",
            "opportunity",
            "opportunity__project",
            "opportunity__project__programme",
            "opportunity__project__host_partner",
            "placement",
        ).prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.select_related("actor")),
            "releases__organisation",
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer", "organisation"),
            ),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer", "organisation")),
            "volunteer__volunteer_profile__skills",
            "volunteer__volunteer_profile__languages",
        ),
        pk=pk,
    )


def opportunity_for_pipeline(*, pk: int) -> Opportunity:
    """An opportunity with what its pipeline and the permission check read (not the SDGs,
    skills and languages its own page shows); 404 if none."""
    return get_object_or_404(
        Opportunity.objects.select_related("project", "project__programme"), pk=pk
    )


def _scored_reviews() -> QuerySet[Review]:
    return Review.objects.filter(application=OuterRef("pk"), conflict_of_interest=False).order_by()


def application_pipeline(
    *, opportunity: Opportunity, status: str = "", q: str = ""
) -> QuerySet[Application]:
    """An opportunity's applicants (drafts excluded), best reviewed first. The scores are
    subqueries through the reviews' index rather than a grouping of every applicant with
    its volunteer and reviews, so the paginator's count leaves them out; the volunteers are
    read for the page's rows only."""
    releases = ApplicationRelease.objects.select_related("organisation")
    applications = opportunity.applications.exclude(
        status=ApplicationStatus.DRAFT
    ).prefetch_related("volunteer", Prefetch("releases", releases))
    if status:
        applications = applications.filter(status=status)
    if q:
        applications = applications.filter(
            Q(volunteer__name__icontains=q) | Q(volunteer__email__icontains=q)
        )
    return applications.annotate(
        mean_score=Subquery(
            _scored_reviews().values(mean=Func(_review_mean(), function="AVG")),
            output_field=FloatField(),
        ),
        review_count=count_per_row(_scored_reviews()),
    ).order_by(F("mean_score").desc(nulls_last=True), "submitted_at", "pk")


def application_status_counts(*, opportunity: Opportunity) -> dict[str, int]:
    counts = dict(
        opportunity.applications.exclude(status=ApplicationStatus.DRAFT)
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    return {
        status: counts.get(status, 0)
        for status in ApplicationStatus.values
        if status != ApplicationStatus.DRAFT
    }


def opportunity_pipeline_list(*, viewer) -> QuerySet[Opportunity]:
    """The coordinator's opportunities with how many applications wait at each step."""
    opportunities = Opportunity.objects.select_related("project", "project__programme")
    if not is_administrator(viewer):
        opportunities = opportunities.filter(
            project__programme__in=coordinated_programme_ids(viewer)
        )
    counts = {
        f"{status}_count": count_per_row(
            Application.objects.filter(opportunity=OuterRef("pk"), status=status)
        )
        for status in ApplicationStatus.values
        if status != ApplicationStatus.DRAFT
    }
    return opportunities.annotate(**counts).order_by("application_deadline", "pk")


def review_queue(*, reviewer) -> QuerySet[Application]:
    """Candidates the reviewer was asked to review, still with the partners.

    Their assignments as a subquery (one per candidate and reviewer, a constraint says), not
    a join made distinct: that sorted the wide rows of a busy reviewer's thousands of
    assignments, three times slower, planning included."""
    reviewer_organisations = Membership.objects.filter(user=reviewer, is_reviewer=True).values(
        "organisation"
    )
    assigned = ReviewAssignment.objects.filter(
        reviewer=reviewer, organisation__in=reviewer_organisations
    )
    return (
        Application.objects.filter(
            status=ApplicationStatus.PARTNER_REVIEW, pk__in=assigned.values("application")
        )
        .select_related("opportunity", "opportunity__project", "opportunity__project__programme")
        .annotate(
            reviewed=Exists(Review.objects.filter(application=OuterRef("pk"), reviewer=reviewer))
        )
        .order_by("reviewed", "opportunity__application_deadline", "pk")
    )


def review_for(*, application: Application, reviewer) -> Review | None:
    return next((r for r in application.reviews.all() if r.reviewer_id == reviewer.pk), None)


def release_organisation_choices(*, application: Application) -> QuerySet[Organisation]:
    """The project's host partner and partners, and the programme's active partners."""
    project = application.opportunity.project
    return (
        Organisation.objects.filter(
            Q(pk=project.host_partner_id)
            | Q(partner_projects=project)
            | partner_organisations_of_programmes([project.programme_id])
        )
        .distinct()
        .order_by("name")
    )


def release_reviewer_choices(*, application: Application):
    """Reviewers of those organisations, but none who declared a conflict with this candidate."""
    organisations = release_organisation_choices(application=application)
    conflicted = Review.objects.filter(application=application, conflict_of_interest=True)
    return (
        get_user_model()
        .objects.filter(memberships__organisation__in=organisations, memberships__is_reviewer=True)
        .exclude(pk__in=conflicted.values("reviewer"))
        .distinct()
        .order_by("name")
    )
