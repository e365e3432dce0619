"""Host-country projects: the directory, each project's page, its making and its states."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import (
    ProgrammeWantedForm,
    ProjectFilterForm,
    ProjectForm,
    ProjectPartnerFormSet,
    ProjectTransitionForm,
    formset_rows,
)
from ..models import Project
from ..transitions import PROJECT_TRANSITIONS, allowed_targets
from .common import (
    add_service_errors,
    message_service_error,
    paginate,
    require_perm,
    require_visible,
)


def project_list(request):
    """Public projects for everyone, plus those of the viewer's programmes and organisations."""
    form = ProjectFilterForm(
        request.GET or None,
        programmes=selectors.project_programme_filter_choices(viewer=request.user),
    )
    if form.is_bound:
        form.is_valid()
    projects = selectors.project_list(viewer=request.user, **form.selector_filters())
    return render(
        request,
        "deployments/project_list.html",
        {"form": form, "page_obj": paginate(request, projects)},
    )


def project_detail(request, pk):
    project = selectors.project_get(pk=pk)
    require_visible(request, "deployments.view_project", project)
    user = request.user
    can_change = user.has_perm("deployments.change_project", project)
    can_edit_assessment = user.has_perm("deployments.edit_needs_assessment", project)
    context = {
        "project": project,
        "assessment": getattr(project, "needs_assessment", None),
        "opportunities": selectors.project_opportunity_list(
            project=project, include_unpublished=can_change
        ),
        "can_change": can_change,
        "can_add_opportunity": user.has_perm("deployments.add_opportunity", project),
        "can_manage_indicators": user.has_perm("deployments.manage_indicators", project),
        "indicators": selectors.indicator_progress_list(projects=project),
        "can_edit_assessment": can_edit_assessment,
        "can_sign_off": user.has_perm("deployments.sign_off_needs_assessment", project),
        "assessment_locked": project.status in services.ASSESSMENT_LOCKED_STATUSES,
    }
    if can_change:
        context["actions"] = allowed_targets(PROJECT_TRANSITIONS, project.status)
        context["status_changes"] = selectors.project_status_change_list(project=project)
    if can_edit_assessment:
        context["assessment_events"] = selectors.needs_assessment_event_list(project=project)
    return render(request, "deployments/project_detail.html", context)


@login_required
def project_create(request):
    programmes = selectors.programme_choices_for(viewer=request.user)
    if not programmes.exists():
        raise PermissionDenied
    initial = {}
    wanted = ProgrammeWantedForm(request.GET)
    if wanted.is_valid() and programmes.filter(pk=wanted.cleaned_data["programme"]).exists():
        initial["programme"] = wanted.cleaned_data["programme"]
    organisations = selectors.project_organisation_choices(programme_ids=programmes.values("pk"))
    form = ProjectForm(
        request.POST or None, programmes=programmes, organisations=organisations, initial=initial
    )
    formset = ProjectPartnerFormSet(
        request.POST or None,
        instance=Project(),
        prefix="partners",
        form_kwargs={"organisations": organisations},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        programme = form.cleaned_data["programme"]
        require_perm(request, "deployments.add_project", programme)
        try:
            project = services.project_create(
                by=request.user,
                programme=programme,
                sdgs=form.cleaned_data["sdgs"],
                partnerships=formset_rows(formset, "organisation", "role"),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project was created. Next: its needs assessment."))
            return redirect("deployments:project-detail", pk=project.pk)
    return render(
        request,
        "deployments/project_form.html",
        {"form": form, "formset": formset, "project": None},
    )


@login_required
def project_update(request, pk):
    project = get_object_or_404(Project.objects.select_related("programme"), pk=pk)
    require_visible(request, "deployments.view_project", project)
    require_perm(request, "deployments.change_project", project)
    organisations = selectors.project_organisation_choices(
        programme_ids=[project.programme_id], project=project
    )
    form = ProjectForm(request.POST or None, instance=project, organisations=organisations)
    formset = ProjectPartnerFormSet(
        request.POST or None,
        instance=project,
        prefix="partners",
        form_kwargs={"organisations": organisations},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.project_update(
                project=project,
                by=request.user,
                sdgs=form.cleaned_data["sdgs"],
                partnerships=formset_rows(formset, "organisation", "role"),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("deployments:project-detail", pk=project.pk)
    return render(
        request,
        "deployments/project_form.html",
        {"form": form, "formset": formset, "project": project},
    )


@login_required
@require_POST
def project_transition(request, pk):
    project = get_object_or_404(Project.objects.select_related("programme"), pk=pk)
    require_visible(request, "deployments.view_project", project)
    require_perm(request, "deployments.change_project", project)
    form = ProjectTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered actions."))
        return redirect("deployments:project-detail", pk=project.pk)
    before = project.status
    try:
        services.project_transition(
            project=project,
            to_status=form.cleaned_data["to"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        if project.status == before:
            messages.info(
                request,
                _("The project was already %(status)s.")
                % {"status": project.get_status_display().lower()},
            )
        else:
            messages.success(
                request,
                _("The project is now %(status)s.")
                % {"status": project.get_status_display().lower()},
            )
    return redirect("deployments:project-detail", pk=project.pk)
