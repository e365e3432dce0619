"""Read queries for deployments; each returns rows with what its page needs, in few queries."""

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Membership, Organisation
from partners.rules import administered_organisation_ids, memberships_by_organisation
from users.rules import is_administrator

from ..enums import (
    OPEN_PARTNERSHIP_STATUSES,
    PUBLIC_PROJECT_STATUSES,
    OpportunityStatus,
    PartnershipStatus,
)
from ..models import (
    Indicator,
    NeedsAssessmentEvent,
    Opportunity,
    OpportunityLanguage,
    OpportunityStatusChange,
    Partnership,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
    SustainableDevelopmentGoal,
)
from ..rules import coordinated_programme_ids, partner_organisations_of_programmes
from .counting import count_per_row


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
    if not is_administrator(viewer):
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
    """The coordinator's projects with their state, newest first. The dashboard shows the
    first few: each counts its opportunities on its own, not all of a large programme's."""
    return (
        Project.objects.filter(programme__in=coordinated_programme_ids(viewer))
        .select_related("programme", "host_partner", "needs_assessment")
        .annotate(
            opportunity_count=count_per_row(Opportunity.objects.filter(project=OuterRef("pk")))
        )
        .order_by("status", "-starts_on")
    )


def membership_list_for(*, user) -> QuerySet[Membership]:
    """The user's memberships with their organisations. The dashboard lists each one's hosted
    projects (a hundred or more for a large partner) from a fragment cached per organisation,
    reading them only when that has expired."""
    return Membership.objects.filter(user=user).select_related("organisation")


# Programmes


def programme_get(*, pk: int) -> Programme:
    """One programme with its open partnerships and its projects, for its page."""
    return get_object_or_404(
        Programme.objects.select_related("sending_organisation").prefetch_related(
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.exclude(status=PartnershipStatus.ENDED)
                .select_related("organisation", "proposed_by")
                .order_by("organisation__name"),
                to_attr="open_partnerships",
            ),
            Prefetch("coordinators"),
            Prefetch(
                "projects",
                queryset=Project.objects.select_related("host_partner")
                .prefetch_related("sdgs")
                .annotate(opportunity_count=Count("opportunities"))
                .order_by("-starts_on", "title"),
            ),
        ),
        pk=pk,
    )


def programme_for_update_get(*, pk: int) -> Programme:
    return get_object_or_404(Programme, pk=pk)


def project_organisation_choices(*, programme_ids, project=None) -> QuerySet[Organisation]:
    """Organisations a project of these programmes may name as host or partner: the sending
    organisations and those in an active partnership, plus those the project already names
    (so that editing it does not drop a partner whose partnership has since ended)."""
    choices = partner_organisations_of_programmes(programme_ids)
    if project is not None:
        choices |= Q(pk=project.host_partner_id) | Q(
            pk__in=ProjectPartner.objects.filter(project=project).values("organisation")
        )
    return Organisation.objects.filter(choices).order_by("name")


def partnership_list(*, viewer) -> QuerySet[Partnership]:
    """The partnerships the viewer takes part in: those of the programmes they coordinate and
    those offered to the organisations they administer; all for an administrator.
    Open ones first, the newest first."""
    partnerships = Partnership.objects.select_related(
        "programme__sending_organisation", "organisation", "proposed_by", "accepted_by", "ended_by"
    )
    if not is_administrator(viewer):
        administered = administered_organisation_ids(viewer)
        partnerships = partnerships.filter(
            Q(programme__in=coordinated_programme_ids(viewer)) | Q(organisation__in=administered)
        )
    return partnerships.order_by(
        Case(
            When(status=PartnershipStatus.PROPOSED, then=0),
            When(status=PartnershipStatus.ACTIVE, then=1),
            default=2,
        ),
        "-proposed_at",
        "pk",
    )


def partnership_proposal_count(*, viewer) -> int:
    """Proposals awaiting an answer from organisations the viewer administers (no query for
    those who administer none)."""
    administered = administered_organisation_ids(viewer)
    if not administered:
        return 0
    return Partnership.objects.filter(
        organisation__in=administered, status=PartnershipStatus.PROPOSED
    ).count()


def partnership_get(*, pk: int) -> Partnership | None:
    return Partnership.objects.select_related("programme", "organisation").filter(pk=pk).first()


def partnership_proposal_choices(*, programme: Programme) -> QuerySet[Organisation]:
    """Verified organisations the programme has no open partnership with and does not send."""
    open_with = Partnership.objects.filter(
        programme=programme, status__in=OPEN_PARTNERSHIP_STATUSES
    ).values("organisation")
    return (
        Organisation.objects.filter(is_verified=True)
        .exclude(pk__in=open_with)
        .exclude(pk=programme.sending_organisation_id)
        .order_by("name", "country")
    )


def programme_choices_for(*, viewer) -> QuerySet[Programme]:
    """The programmes in which the viewer may add projects."""
    programmes = Programme.objects.order_by("name")
    if is_administrator(viewer):
        return programmes
    return programmes.filter(pk__in=coordinated_programme_ids(viewer))


# Projects


def sdg_list() -> QuerySet[SustainableDevelopmentGoal]:
    return SustainableDevelopmentGoal.objects.order_by("number")


def project_visible_list(*, viewer) -> QuerySet[Project]:
    """Projects the viewer may see: public ones, their programmes', their organisations'."""
    projects = Project.objects.all()
    if is_administrator(viewer):
        return projects
    visible = Q(status__in=PUBLIC_PROJECT_STATUSES)
    programme_ids = coordinated_programme_ids(viewer)
    if programme_ids:
        visible |= Q(programme__in=programme_ids)
    organisation_ids = list(memberships_by_organisation(viewer))
    if organisation_ids:
        visible |= Q(host_partner__in=organisation_ids) | Exists(
            ProjectPartner.objects.filter(project=OuterRef("pk"), organisation__in=organisation_ids)
        )
    return projects.filter(visible)


def project_list(
    *,
    viewer,
    country: str = "",
    sdg: int | None = None,
    status: str = "",
    programme: int | None = None,
    q: str = "",
) -> QuerySet[Project]:
    """The project directory, filtered; rows carry programme, host partner and SDGs."""
    projects = project_visible_list(viewer=viewer)
    if country:
        projects = projects.filter(host_country=country)
    if sdg:
        projects = projects.filter(
            Exists(
                Project.sdgs.through.objects.filter(
                    project=OuterRef("pk"), sustainabledevelopmentgoal=sdg
                )
            )
        )
    if status:
        projects = projects.filter(status=status)
    if programme:
        projects = projects.filter(programme=programme)
    if q:
        projects = projects.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(city__icontains=q)
            | Q(region__icontains=q)
            | Q(host_partner__name__icontains=q)
        )
    return (
        projects.select_related("programme", "host_partner")
        .prefetch_related("sdgs")
        .order_by("-starts_on", "title", "pk")
    )


def project_programme_filter_choices(*, viewer) -> QuerySet[Programme]:
    """Programmes to filter the project directory by: those with a project the viewer sees."""
    return Programme.objects.filter(
        pk__in=project_visible_list(viewer=viewer).values("programme")
    ).order_by("name")


def project_get(*, pk: int) -> Project:
    """A project with what its page and its permission checks read."""
    return get_object_or_404(
        Project.objects.select_related(
            "programme",
            "host_partner",
            "needs_assessment",
            "needs_assessment__requested_by",
            "needs_assessment__signed_off_by",
        ).prefetch_related(
            Prefetch(
                "partnerships",
                queryset=ProjectPartner.objects.select_related("organisation"),
            ),
            "sdgs",
        ),
        pk=pk,
    )


def project_opportunity_list(*, project: Project, include_unpublished: bool) -> list[Opportunity]:
    """The project's opportunities: the open ones, or all of them for those who run it."""
    opportunities = project.opportunities.order_by("application_deadline", "title")
    if not include_unpublished:
        opportunities = opportunities.filter(
            status=OpportunityStatus.OPEN, application_deadline__gt=timezone.now()
        )
    return list(opportunities)


def project_status_change_list(*, project: Project) -> QuerySet[ProjectStatusChange]:
    return project.status_changes.select_related("changed_by").order_by("changed_at", "pk")


def needs_assessment_event_list(*, project: Project) -> QuerySet[NeedsAssessmentEvent]:
    return (
        NeedsAssessmentEvent.objects.filter(assessment__project=project)
        .select_related("by")
        .order_by("at", "pk")
    )


def indicator_get(*, pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("project", "project__programme"), pk=pk
    )


# Opportunities


def opportunity_list(
    *,
    country: str = "",
    sdg: int | None = None,
    q: str = "",
    skill: str = "",
    language: str = "",
    duration_min: int | None = None,
    duration_max: int | None = None,
) -> QuerySet[Opportunity]:
    """The public listing: open opportunities before their deadline in public projects."""
    opportunities = opportunity_open_list()
    if country:
        opportunities = opportunities.filter(project__host_country=country)
    if sdg:
        opportunities = opportunities.filter(
            Exists(
                Project.sdgs.through.objects.filter(
                    project=OuterRef("project"), sustainabledevelopmentgoal=sdg
                )
            )
        )
    if q:
        opportunities = opportunities.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(project__title__icontains=q)
            | Q(project__city__icontains=q)
        )
    if skill:
        matches = Q(skill__name__iexact=skill)
        if skill.isdigit():
            matches |= Q(skill__pk=int(skill))
        opportunities = opportunities.filter(
            Exists(Opportunity.skills.through.objects.filter(matches, opportunity=OuterRef("pk")))
        )
    if language:
        opportunities = opportunities.filter(
            Exists(
                OpportunityLanguage.objects.filter(opportunity=OuterRef("pk"), language=language)
            )
        )
    if duration_min:
        opportunities = opportunities.filter(duration_months__gte=duration_min)
    if duration_max:
        opportunities = opportunities.filter(duration_months__lte=duration_max)
    return (
        opportunities.select_related("project", "project__host_partner")
        .prefetch_related(
            "project__sdgs",
            "skills",
            Prefetch("languages", queryset=OpportunityLanguage.objects.order_by("language")),
        )
        .order_by("application_deadline", "title", "pk")
    )


def opportunity_get(*, pk: int) -> Opportunity:
    """An opportunity with its project, host partner, SDGs, skills and languages."""
    return get_object_or_404(
        Opportunity.objects.select_related(
            "project", "project__programme", "project__host_partner"
        ).prefetch_related(
            "project__sdgs",
            "skills",
            Prefetch("languages", queryset=OpportunityLanguage.objects.order_by("language")),
        ),
        pk=pk,
    )


def opportunity_status_change_list(
    *, opportunity: Opportunity
) -> QuerySet[OpportunityStatusChange]:
    return opportunity.status_changes.select_related("changed_by").order_by("changed_at", "pk")


# IATI export


def iati_programme_list(*, pk: int | None = None) -> QuerySet[Programme]:
    """Programmes to export (all of them, or the one asked for), with their sending
    organisation."""
    programmes = Programme.objects.select_related("sending_organisation").order_by("pk")
    return programmes if pk is None else programmes.filter(pk=pk)


def iati_programme_get(*, pk: int) -> Programme:
    """The programme whose IATI XML is downloaded, with its sending organisation, or 404."""
    return get_object_or_404(iati_programme_list(pk=pk))


def iati_project_list(*, programmes) -> QuerySet[Project]:
    """The published projects of the programmes, with everything an IATI activity names:
    organisations, goals and the status changes that date the actual start and end."""
    return (
        Project.objects.filter(programme__in=programmes, status__in=PUBLIC_PROJECT_STATUSES)
        .select_related("programme__sending_organisation", "host_partner")
        .prefetch_related(
            Prefetch(
                "partnerships",
                queryset=ProjectPartner.objects.select_related("organisation").order_by(
                    "role", "organisation__name", "pk"
                ),
            ),
            Prefetch("sdgs", queryset=SustainableDevelopmentGoal.objects.order_by("number")),
            Prefetch(
                "status_changes", queryset=ProjectStatusChange.objects.order_by("changed_at", "pk")
            ),
        )
        .order_by("programme", "pk")
    )
