"""A project's indicators, kept by its coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import IndicatorForm
from ..models import Indicator, Project
from .common import add_service_errors, require_perm, require_visible


def _fields(form) -> dict:
    return {
        name: form.cleaned_data[name] for name in ("name", "unit", "baseline", "target", "source")
    }


@login_required
def indicator_create(request, pk):
    project = get_object_or_404(Project.objects.select_related("programme"), pk=pk)
    require_visible(request, "deployments.view_project", project)
    require_perm(request, "deployments.manage_indicators", project)
    form = IndicatorForm(request.POST or None, instance=Indicator(project=project), project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_create(project=project, by=request.user, **_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was added."))
            return redirect("deployments:project-detail", pk=project.pk)
    return render(
        request,
        "deployments/indicator_form.html",
        {"form": form, "project": project, "indicator": None},
    )


@login_required
def indicator_update(request, pk):
    indicator = selectors.indicator_get(pk=pk)
    project = indicator.project
    require_visible(request, "deployments.view_project", project)
    require_perm(request, "deployments.manage_indicators", project)
    form = IndicatorForm(request.POST or None, instance=indicator, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, by=request.user, **_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("deployments:project-detail", pk=project.pk)
    return render(
        request,
        "deployments/indicator_form.html",
        {"form": form, "project": project, "indicator": indicator},
    )


@login_required
def indicator_delete(request, pk):
    indicator = selectors.indicator_get(pk=pk)
    project = indicator.project
    require_visible(request, "deployments.view_project", project)
    require_perm(request, "deployments.manage_indicators", project)
    if request.method == "POST":
        services.indicator_delete(indicator=indicator, by=request.user)
        messages.success(request, _("The indicator was deleted."))
        return redirect("deployments:project-detail", pk=project.pk)
    return render(
        request,
        "deployments/indicator_confirm_delete.html",
        {"indicator": indicator, "project": project},
    )
