"""Read queries for reports: a person's requests, and what they may choose to report on."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django_countries import countries

from deployments.models import Programme, Project
from partners.models import Organisation

from .models import ReportRequest
from .rules import report_scope_of
from .sources import projects_in_scope


def report_request_list(*, viewer) -> QuerySet[ReportRequest]:
    """The viewer's own requests, newest first."""
    return ReportRequest.objects.filter(requested_by=viewer).order_by("-created_at", "-pk")


def report_request_get(*, pk: int) -> ReportRequest:
    report = ReportRequest.objects.select_related("requested_by").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def report_project_choices(*, viewer) -> QuerySet[Project]:
    """The projects the viewer may report on."""
    return projects_in_scope(report_scope_of(viewer)).order_by("title", "pk")


def report_programme_choices(*, viewer) -> QuerySet[Programme]:
    """Programmes the viewer coordinates, or in which they may report on a project."""
    scope = report_scope_of(viewer)
    if scope is None:
        return Programme.objects.order_by("name")
    return Programme.objects.filter(
        Q(pk__in=scope["programmes"]) | Q(pk__in=projects_in_scope(scope).values("programme"))
    ).order_by("name")


def report_organisation_choices(*, viewer) -> QuerySet[Organisation]:
    """Organisations hosting or partnering in a project the viewer may report on."""
    projects = projects_in_scope(report_scope_of(viewer)).values("pk")
    return Organisation.objects.filter(
        Q(pk__in=Project.objects.filter(pk__in=projects).values("host_partner"))
        | Q(
            pk__in=Project.partners.through.objects.filter(project__in=projects).values(
                "organisation"
            )
        )
    ).order_by("name")


def report_country_choices(*, viewer) -> list[tuple[str, str]]:
    """The host countries of the projects the viewer may report on, by name."""
    codes = (
        projects_in_scope(report_scope_of(viewer))
        .order_by()
        .values_list("host_country", flat=True)
        .distinct()
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda pair: pair[1])
