"""Read queries for deployments; each returns rows with what its page needs, in few queries."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from partners.models import Membership

from .enums import PUBLIC_PROJECT_STATUSES, OpportunityStatus
from .models import Opportunity, Programme, Project
from .rules import coordinated_programme_ids


def programme_public_list() -> QuerySet[Programme]:
    """Programmes with at least one public project, for the landing page."""
    return (
        Programme.objects.select_related("sending_organisation")
        .annotate(
            public_project_count=Count(
                "projects", filter=Q(projects__status__in=PUBLIC_PROJECT_STATUSES)
            )
        )
        .filter(public_project_count__gt=0)
        .order_by("name")
    )


def programme_list(*, viewer) -> QuerySet[Programme]:
    """The programmes the viewer coordinates (all of them for an administrator)."""
    programmes = Programme.objects.select_related("sending_organisation").annotate(
        project_count=Count("projects", distinct=True)
    )
    if not viewer.is_superuser:
        programmes = programmes.filter(pk__in=coordinated_programme_ids(viewer))
    return programmes.order_by("name")


def opportunity_open_list() -> QuerySet[Opportunity]:
    """Opportunities open for applications now, in public projects."""
    return Opportunity.objects.filter(
        status=OpportunityStatus.OPEN,
        application_deadline__gt=timezone.now(),
        project__status__in=PUBLIC_PROJECT_STATUSES,
    )


def opportunity_featured_list(*, limit: int) -> QuerySet[Opportunity]:
    return (
        opportunity_open_list()
        .select_related("project", "project__host_partner")
        .order_by("application_deadline")[:limit]
    )


def project_dashboard_list(*, viewer) -> QuerySet[Project]:
    """The coordinator's projects with their state, newest first."""
    return (
        Project.objects.filter(programme__in=coordinated_programme_ids(viewer))
        .select_related("programme", "host_partner", "needs_assessment")
        .annotate(opportunity_count=Count("opportunities"))
        .order_by("status", "-starts_on")
    )


def membership_list_for(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "organisation__hosted_projects",
                queryset=Project.objects.order_by("-starts_on"),
            )
        )
    )
