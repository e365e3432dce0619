"""Reads for the knowledge base, each in a fixed number of queries."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from deployments.models import Programme
from deployments.rules import coordinated_programme_ids
from users.rules import is_administrator

from .models import Resource
from .rules import visible_resources


def resource_list(
    *, viewer, kind: str = "", country: str = "", sdg: int | None = None, q: str = ""
) -> QuerySet[Resource]:
    """The resources the viewer may read, filtered, newest first."""
    resources = Resource.objects.all()
    visible = visible_resources(viewer)
    if visible is not None:
        resources = resources.filter(visible)
    if kind:
        resources = resources.filter(kind=kind)
    if country:
        # Countries are stored as a comma-separated list of alpha-2 codes.
        resources = resources.filter(
            Q(countries=country)
            | Q(countries__startswith=f"{country},")
            | Q(countries__endswith=f",{country}")
            | Q(countries__contains=f",{country},")
        )
    if sdg:
        resources = resources.filter(sdgs=sdg)
    if q:
        resources = resources.filter(Q(title__icontains=q) | Q(body__icontains=q))
    return (
        resources.select_related("programme", "project", "author")
        .prefetch_related("sdgs")
        .order_by("status", "-published_at", "-updated_at", "pk")
        .distinct()
    )


def resource_get(*, pk: int) -> Resource:
    return get_object_or_404(
        Resource.objects.select_related(
            "programme", "project", "placement", "author"
        ).prefetch_related("sdgs", "attachments"),
        pk=pk,
    )


def programme_choices_for(*, viewer) -> QuerySet[Programme]:
    programmes = Programme.objects.order_by("name")
    if is_administrator(viewer):
        return programmes
    return programmes.filter(pk__in=coordinated_programme_ids(viewer))
